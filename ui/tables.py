"""Tables as pages show them: columns chosen and named in the current language, numbers formatted.

Each function takes what `ui.data` returns and gives a DataFrame ready for st.dataframe (or, for
the headline cards, the text of each card). No queries and no unit conversion happen here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from targets import formatting as fmt
from targets.compare import headline
from targets.corrections import mark_text
from targets.model import Quantity
from targets.origins import others_text
from targets.vocab import Kind, Metric, Period, label_of
from ui.highlight import plain
from ui.i18n import ORIGINS, SCRIPTS, lang, pick, t
from ui.status import ordered, status_label

if TYPE_CHECKING:  # the extractor is imported by the Add-plan page only, not by every app start
    from etl.add_plan import Problem


def _text(x: object) -> str:
    """A text cell: "" for a missing value (None or NaN), never "nan"."""
    return x if isinstance(x, str) else ""


def _kind(kind: str, language: str) -> str:
    return label_of(Kind, kind, language)


def _pair(pair: tuple[str, str] | None, language: str) -> str:
    """A (zh, en) pair in `language` ("" for none): `i18n.pick` without a session lookup per row."""
    return (pair[1] if language == "en" else pair[0]) if pair else ""


def _word(r: Mapping) -> str:
    """The plan's own unit word of a comparison row (6万套(间), not 6万)."""
    return _text(r.get("unit_word"))


def _where(doc_id: str, line: Any) -> str:
    return f"{doc_id}:{int(line)}" if pd.notna(line) else doc_id


def _year(x: Any) -> str:
    return str(int(x)) if pd.notna(x) else "—"


# --- overview ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """One metric card: a plan's target for a headline indicator."""

    plan_id: str
    value: str
    help: str | None
    note: str | None = None  # the year, or the window of a multi-year total with its annual equivalent


def headline_cards(
    rows: pd.DataFrame, plan_ids: Sequence[str], excerpts: frozenset[str] | set[str] = frozenset()
) -> dict[str, list[Card]]:
    """indicator_id -> one card per plan (in `plan_ids` order): its headline target; for a plan without one
    "未提出" (the plan sets none) or, when a document of the plan is an excerpt, "未载入" (not in the text
    loaded). The help says where the target is written: document, issuer, date, line, the quote."""
    language = lang()
    top = headline(rows)
    cards: dict[str, list[Card]] = {}
    for indicator in dict.fromkeys(rows["indicator_id"]) if not rows.empty else ():
        by_plan = {r["plan_id"]: r for r in top[top["indicator_id"] == indicator].to_dict("records")}
        cards[indicator] = []
        for plan_id in plan_ids:
            r = by_plan.get(plan_id)
            if r is None:
                missing = "not_loaded" if plan_id in excerpts else "not_set"
                cards[indicator].append(Card(plan_id, t(missing), t(f"{missing}_help")))
                continue
            value = fmt.target(
                r["comparator"], r["target"], r["target_low"], r["target_high"], r["unit"], language, _word(r)
            )
            details = [f"{t('target_year')}: {_year(r['target_year'])}", f"{t('period')}: {_period(r, language)}"]
            note = _year(r["target_year"])
            if pd.notna(r["annual_equivalent"]):
                annual = fmt.quantity(r["annual_equivalent"], r["unit"], language, _word(r))
                details.append(f"{t('annual_equivalent')}: {annual}")
                note = f"{_period(r, language)} · {t('annual_short')} {annual}"
            if _text(r.get("scope")):
                details.append(f"{t('scope')}: {plain(r['scope'])}")
            details.append(f"{t('quote')}: {plain(r['quote'])}")
            details.append(f"{t('source')}: {_document(r)}")
            cards[indicator].append(Card(plan_id, value, "  \n".join(details), note))
    return cards


def _document(r: Mapping) -> str:
    """《title》 issuer, date, line (escaped): where a target is written, for a help text."""
    parts = [plain(_text(r.get("doc_title")) or r["doc_id"])]
    parts += [plain(x) for x in (_text(r.get("doc_issuer")), _text(r.get("doc_published"))) if x]
    if pd.notna(r.get("page")):
        parts.append(t("page", page=int(r["page"])))
    if pd.notna(r.get("line")):
        parts.append(t("line", line=int(r["line"])))
    return " · ".join(parts)


def crosstab(counts: pd.DataFrame, index: str, columns: str, order: Sequence[str]) -> pd.DataFrame:
    """Counts as a table: one row per `index` value, one column per plan (in `order`)."""
    table = counts.pivot_table(index=index, columns=columns, values="n", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[c for c in order if c in table.columns], fill_value=0)
    table.index.name = t(index)
    table.columns.name = None
    return table


def status_crosstab(statuses: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Targets per status (rows, icon and label) and plan (columns)."""
    table = statuses.pivot_table(index="status", columns="plan_id", values="n", aggfunc="sum", fill_value=0)
    table = table.reindex(index=ordered(list(table.index)), columns=[p for p in names if p in table.columns])
    table.index = [status_label(s) for s in table.index]
    table.index.name = t("status")
    table.columns = [names[p] for p in table.columns]
    return table


def documents(docs: pd.DataFrame, plans: pd.DataFrame, names: Mapping[str, str], language: str) -> pd.DataFrame:
    """Where the data came from: each document with its plan, issuer, date, script and quantity count."""
    origin = dict(zip(plans["plan_id"], plans["source"], strict=True))
    shown = pd.DataFrame(
        {
            t("document"): docs["doc_id"],
            t("plan"): docs["plan_id"].map(names),
            t("title"): docs["title"],
            t("issuer"): docs["issuer"],
            t("published"): docs["published"],
            t("script"): docs["script"].map(lambda s: pick(SCRIPTS.get(s), s)),
            t("quantities"): docs["quantities"],
            t("loaded_text"): docs["excerpt"].map(lambda e: t("text_excerpt") if e else t("text_whole")),
            t("added_by"): docs["plan_id"].map(lambda p: t(f"origin_{origin.get(p) or 'manifest'}")),
        }
    )
    return shown


# --- targets ----------------------------------------------------------------------------------------------


def targets(
    rows: pd.DataFrame, names: Mapping[str, str], categories: Mapping[str, str], indicators: Mapping[str, str]
) -> pd.DataFrame:
    """The targets page's table: value as written and normalised, comparator, year, lead unit, quote, place."""
    language = lang()
    records = rows.to_dict("records")
    return pd.DataFrame(
        {
            t("plan"): [names.get(r["plan_id"], r["plan_id"]) for r in records],
            t("kind"): [_kind(r["kind"], language) for r in records],
            t("indicator_text"): [r["indicator"] for r in records],
            t("comparator"): [fmt.comparator_sign(r["comparator"]) or r["comparator"] for r in records],
            t("value"): [_written(r) for r in records],
            t("unit"): [r["unit_raw"] for r in records],
            t("norm"): [
                fmt.target("=", r["norm_value"], r["norm_low"], r["norm_high"], r["norm_unit"], language)
                for r in records
            ],
            t("norm_unit"): [fmt.unit_name(r["norm_unit"], language) for r in records],
            t("year"): [_year(r["target_year"]) for r in records],
            t("lead_unit"): [_text(r["lead_unit"]) for r in records],
            t("corrected"): [mark_text(r.get("corrected"), language) for r in records],
            t("quote"): [r["quote"] for r in records],
            t("indicator"): [indicators.get(_text(r["indicator_id"]), "") for r in records],
            t("category"): [categories.get(_text(r["category"]), _text(r["category"])) for r in records],
            t("metric"): [label_of(Metric, r["metric"], language) for r in records],
            t("where"): [_where(r["doc_id"], r["line"]) for r in records],
        }
    )


def _written(r: Mapping) -> str:
    """The value as the document writes it (before its unit): 6, 1.5, 6–7."""
    if pd.notna(r["value"]):
        return fmt.number(r["value"], magnitude=False)
    return f"{fmt.number(r['value_low'], magnitude=False)}–{fmt.number(r['value_high'], magnitude=False)}"


def place(row: Mapping, titles: Mapping[str, str]) -> str:
    """Where a quantity sits, for a caption: document title (`titles`: doc_id -> title) and id, page (PDF),
    line, section, item, lead unit (escaped)."""
    parts = [f"{plain(titles.get(row['doc_id'], ''))} ({plain(row['doc_id'])})"]
    page = row.get("page")
    if page is not None and pd.notna(page):  # a PDF: where it is printed
        page_line: Any = row.get("page_line")
        has_line = page_line is not None and pd.notna(page_line)
        parts.append(t("page_line", page=int(page), line=int(page_line)) if has_line else t("page", page=int(page)))
    parts.append(t("line", line=int(row["line"])))
    for key, value in (
        ("section", row.get("section")),
        ("item", row.get("item")),
        ("lead_unit", row.get("lead_unit")),
        ("area", row.get("area")),
    ):
        if isinstance(value, str) and value.strip():
            parts.append(f"{t(key)}: {plain(value)}")
    return " · ".join(parts)


def target_choice(r: Mapping) -> str:
    """How a target reads in the 'show the source of' select box."""
    return f"{r['indicator']} · {r['quote']} ({_where(r['doc_id'], r['line'])})"


# --- compare ----------------------------------------------------------------------------------------------


def _period(r: Mapping, language: str) -> str:
    text = label_of(Period, _text(r["period"]), language)
    if (r.get("window_years") or 1) > 1 and pd.notna(r.get("window_start")):
        text += f" {int(r['window_start'])}–{_year(r['target_year'])}"
    return text


def _observed(value: object, year: object, unit: str, language: str, word: str = "") -> str:
    return "—" if pd.isna(value) else f"{fmt.quantity(value, unit, language, word)} ({_year(year)})"


def comparison(rows: pd.DataFrame, names: Mapping[str, str], indicators: Mapping[str, str]) -> pd.DataFrame:
    """The table under the compare chart: every target with its period, annual equivalent, baseline, actual."""
    language = lang()
    records = rows.to_dict("records")
    return pd.DataFrame(
        {
            t("indicator"): [indicators.get(r["indicator_id"], r["indicator_id"]) for r in records],
            t("plan"): [names.get(r["plan_id"], r["plan_id"]) for r in records],
            t("target"): [
                fmt.target(
                    r["comparator"], r["target"], r["target_low"], r["target_high"], r["unit"], language, _word(r)
                )
                for r in records
            ],
            t("target_year"): [_year(r["target_year"]) for r in records],
            t("period"): [_period(r, language) for r in records],
            t("annual_equivalent"): [
                fmt.quantity(r["annual_equivalent"], r["unit"], language, _word(r)) for r in records
            ],
            t("baseline"): [
                _observed(r["baseline"], r["baseline_year"], r["unit"], language, _word(r)) for r in records
            ],
            t("actual"): [_observed(r["actual"], r["actual_period"], r["unit"], language, _word(r)) for r in records],
            t("status"): [status_label(r["status"], language) for r in records],
            t("scope"): [_text(r.get("scope")) for r in records],
            t("corrected"): [mark_text(r.get("corrected"), language) for r in records],
            t("quote"): [r["quote"] for r in records],
            t("where"): [_where(r["doc_id"], r["line"]) for r in records],
        }
    )


# --- progress ---------------------------------------------------------------------------------------------


def progress(rows: pd.DataFrame, indicators: Mapping[str, str]) -> pd.DataFrame:
    """Each target against its actual: status (icon and words) and the numbers that decided it."""
    language = lang()
    records = rows.to_dict("records")
    reason = "reason_en" if language == "en" else "reason_zh"
    return pd.DataFrame(
        {
            t("status"): [status_label(r["status"], language) for r in records],
            t("indicator"): [indicators.get(r["indicator_id"], r["indicator_id"]) for r in records],
            t("target"): [
                fmt.target(
                    r["comparator"], r["target"], r["target_low"], r["target_high"], r["unit"], language, _word(r)
                )
                for r in records
            ],
            t("target_year"): [_year(r["target_year"]) for r in records],
            t("actual"): [_observed(r["actual"], r["actual_period"], r["unit"], language, _word(r)) for r in records],
            t("origin"): [_pair(ORIGINS.get(_text(r["actual_origin"])), language) for r in records],
            t("actual_source"): [_source(r) for r in records],
            t("other_sources"): [others_text(r["actual_others"], language, _word(r)) for r in records],
            t("baseline"): [
                _observed(r["baseline"], r["baseline_year"], r["unit"], language, _word(r)) for r in records
            ],
            t("required"): [fmt.quantity(r["required"], r["unit"], language, _word(r)) for r in records],
            t("ratio"): [fmt.ratio(r["ratio"]) for r in records],
            t("gap"): [fmt.signed(r["gap"], r["unit"], language, _word(r)) for r in records],
            t("attainment"): [fmt.share(r["attainment"]) for r in records],
            t("reason"): [r[reason] for r in records],
            t("scope"): [_text(r.get("scope")) for r in records],
            t("corrected"): [mark_text(r.get("corrected"), language) for r in records],
            t("quote"): [r["quote"] for r in records],
        }
    )


def _source(r: Mapping) -> str:
    """The source of the actual used: a document's title or an uploaded file, with doc:line or batch:row."""
    if not _text(r.get("actual_where")):
        return ""
    return f"{_text(r.get('actual_source'))} ({r['actual_where']})"


def chart_order(rows: pd.DataFrame) -> list[dict]:
    """Rows to chart, those with something observed (an actual or a baseline) first, else in table order."""
    observed = rows["actual"].notna() | rows["baseline"].notna()
    return rows.assign(_observed=observed).sort_values("_observed", ascending=False, kind="stable").to_dict("records")


# --- add a plan -------------------------------------------------------------------------------------------


def preview(rows: Iterable[Quantity], categories: Mapping[str, str], indicators: Mapping[str, str]) -> pd.DataFrame:
    """The quantities found in a new plan's text, as the targets page would show them."""
    language = lang()
    rows = list(rows)
    return pd.DataFrame(
        {
            t("where"): [f"{r.doc}:{r.line}" for r in rows],
            t("kind"): [_kind(r.kind, language) for r in rows],
            t("year"): [_year(r.target_year) for r in rows],
            t("indicator_text"): [r.indicator for r in rows],
            t("indicator"): [indicators.get(r.indicator_id or "", "") for r in rows],
            t("category"): [categories.get(r.category or "", r.category or "") for r in rows],
            t("target"): [
                fmt.target(
                    r.comparator,
                    r.norm_value,
                    r.norm_low,
                    r.norm_high,
                    r.norm_unit,
                    language,
                    fmt.unit_word(r.unit_raw, r.norm_unit),
                )
                for r in rows
            ],
            t("unit"): [r.unit_raw for r in rows],
            t("quote"): [r.quote for r in rows],
        }
    )


def problems(found: Iterable[Problem]) -> pd.DataFrame:
    """Validation problems: the field, the rule broken, the message in the current language."""
    found = list(found)
    message = "message_en" if lang() == "en" else "message_zh"
    return pd.DataFrame(
        {
            t("field"): [t(_FIELD_LABELS[p.field]) if p.field in _FIELD_LABELS else p.field for p in found],
            t("rule"): [p.rule for p in found],
            t("message"): [getattr(p, message) for p in found],
        }
    )


#: a problem's field -> the label of the input it is about
_FIELD_LABELS = {
    "plan_id": "plan_id",
    "name_zh": "name_zh",
    "region": "region",
    "region_code": "region_code",
    "level": "level",
    "plan_type": "plan_type",
    "start_year": "start_year",
    "end_year": "end_year",
    "published": "published",
    "text": "field_text",
    "file": "field_file",
}
