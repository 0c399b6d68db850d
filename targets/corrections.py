"""Corrections that last: a planner's fixes of what the extractor read, kept apart from the extraction.

The extractor will never be perfect. A planner corrects a quantity's indicator, kind, year, comparator,
value, metric, scope (the part of the region it is set for), lead unit or marks it "not comparable";
deletes one; merges a duplicate into the statement it repeats; or adds a target the extractor missed.
Each correction is a row of its own (`corrections` in the store) with its author, origin and time, and
it can be undone. The quantities table then holds the extraction with the active corrections applied,
so every page, the progress statuses and the exports read corrected figures; a corrected row carries
`corrected` (the fields changed), `corrected_by` and `corrected_at`, so every view can mark it.

**Surviving a rebuild.** A rebuild (or re-adding a plan) re-extracts each document and writes its
quantities again; the store then re-applies that document's active corrections in the order they were
made (`Store.reapply_corrections`, called at the end of `Store.insert_documents`, the one way extracted
quantities enter the database: the build's chunks and a re-added plan alike).
A correction finds its quantity again by (`find_anchor`, first that holds wins):

1. `same-span`   the same quantity id (document and span) with the same quote;
2. `same-quote`  the same quote in the same sentence of the document, the nearest to the old span;
3. `overlapping` a quote inside the old one or holding it (the extractor now reads 6万套 as 6万套(间)),
                 in a sentence that is the old one but for the quote, the nearest.

A correction whose quantity is no longer found is kept and marked orphaned (`orphaned_at`), listed
on the Targets page and by `orphans()`: never lost, and re-applied should a later rebuild find it.
The extracted row of every corrected quantity is kept (`quantity_originals`), so an undo restores it.

Every write goes through one transaction with its audit-log entry (`targets.audit.record`).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from targets.formatting import plain_number
from targets.units import UnitMismatch, UnknownUnit, conversion, dimension, in_unit
from targets.vocab import Comparator, Kind, Metric

if TYPE_CHECKING:
    import pandas as pd

    from targets.accounts import Account
    from targets.catalog import Catalog
    from targets.store import Store

ACTIONS = ("edit", "delete", "merge", "add")

#: editable field -> (Chinese, English) label; the order forms and summaries use
FIELDS: dict[str, tuple[str, str]] = {
    "indicator_id": ("指标", "indicator"),
    "indicator": ("指标原文", "indicator as written"),
    "kind": ("类型", "kind"),
    "metric": ("口径", "metric"),
    "target_year": ("年份", "year"),
    "period_start": ("起始年份", "first year"),
    "comparator": ("比较", "comparator"),
    "value": ("数值", "value"),
    "value_low": ("下限", "low end"),
    "value_high": ("上限", "high end"),
    "unit_raw": ("单位", "unit"),
    "area": ("适用范围", "scope"),
    "lead_unit": ("牵头单位", "lead unit"),
    "not_comparable": ("不可比", "not comparable"),
}
#: the fields of a quantity that a number correction recomputes from value + unit
_NUMBER_FIELDS = ("value", "value_low", "value_high", "unit_raw")
#: years a planner may give (a plan's year, a baseline's)
YEARS = (1949, 2100)


class CorrectionError(ValueError):
    """A correction could not be made; `zh` and `en` say why (for the page and the command line)."""

    def __init__(self, zh: str, en: str, field: str | None = None) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en, self.field = zh, en, field


class InvalidCorrection(CorrectionError):
    """A correction names a field or a value that cannot be (an unknown indicator, a year out of range …)."""


class CorrectionNotFound(CorrectionError):
    """No correction, quantity or document has the given id."""


class Author(Protocol):
    """Who makes a correction: `who` (a person) and `where` (account:<name> or cli:<os user>),
    as `targets.audit.Actor` has them. An account (`targets.accounts.Account`) may be given instead: it
    must have the editor role or higher (raises `targets.accounts.NotAllowed`)."""

    @property
    def who(self) -> str: ...

    @property
    def where(self) -> str: ...


@dataclass(frozen=True)
class Correction:
    """One correction as stored."""

    correction_id: str
    action: str
    target_id: str | None
    doc_id: str | None
    plan_id: str | None
    changes: dict[str, Any] = field(default_factory=dict)
    before: dict[str, Any] = field(default_factory=dict)
    into_id: str | None = None
    note: str = ""
    anchor_quote: str = ""
    anchor_sentence: str = ""
    anchor_start: int | None = None
    anchor_end: int | None = None
    created_by: str = ""
    created_from: str = ""
    created_at: datetime | None = None
    undone_by: str | None = None
    undone_at: datetime | None = None
    orphaned_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def record(self) -> dict[str, Any]:
        """The row the store writes (changes and before as JSON)."""
        row = {k: getattr(self, k) for k in CORRECTION_COLUMNS}
        row["changes"] = json.dumps(self.changes, ensure_ascii=False)
        row["before"] = json.dumps(self.before, ensure_ascii=False)
        return row

    @classmethod
    def from_record(cls, row: Mapping[str, Any]) -> Correction:
        values = {k: _none(row.get(k)) for k in CORRECTION_COLUMNS}
        values["changes"] = json.loads(values["changes"] or "{}")
        values["before"] = json.loads(values["before"] or "{}")
        values["note"] = values["note"] or ""
        for key in ("anchor_quote", "anchor_sentence", "created_by", "created_from"):
            values[key] = values[key] or ""
        for key in ("anchor_start", "anchor_end"):
            values[key] = int(values[key]) if values[key] is not None else None
        for key in ("created_at", "undone_at", "orphaned_at"):
            values[key] = _timestamp(values[key])
        return cls(**values)


#: the corrections table's columns, in table order
CORRECTION_COLUMNS = (
    "correction_id",
    "action",
    "target_id",
    "doc_id",
    "plan_id",
    "changes",
    "before",
    "into_id",
    "note",
    "anchor_quote",
    "anchor_sentence",
    "anchor_start",
    "anchor_end",
    "created_by",
    "created_from",
    "created_at",
    "undone_by",
    "undone_at",
    "orphaned_at",
)


# --- checking what a planner typed -------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(name: str, value: Any) -> float | None:
    if _blank(value):
        return None
    try:
        number = float(str(value).replace(",", "").replace("，", "").strip())
    except ValueError:
        raise InvalidCorrection(
            f"「{FIELDS[name][0]}」应为数字，而不是「{value}」；万、亿等量级写在单位里（如 6 和 万套）",
            f"'{FIELDS[name][1]}' must be a number, not {value!r}; put 万/亿 in the unit (6 and 万套)",
            name,
        ) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InvalidCorrection(f"「{FIELDS[name][0]}」不是有限的数字", f"'{FIELDS[name][1]}' is not finite", name)
    return number


def _year(name: str, value: Any) -> int | None:
    if _blank(value):
        return None
    try:
        year = int(str(value).strip().removesuffix("年"))
    except ValueError:
        raise InvalidCorrection(
            f"「{FIELDS[name][0]}」应为年份（如 2025），而不是「{value}」",
            f"'{FIELDS[name][1]}' must be a year (2025), not {value!r}",
            name,
        ) from None
    if not YEARS[0] <= year <= YEARS[1]:
        raise InvalidCorrection(
            f"「{FIELDS[name][0]}」{year} 不在 {YEARS[0]}–{YEARS[1]} 年之间",
            f"'{FIELDS[name][1]}' {year} is not between {YEARS[0]} and {YEARS[1]}",
            name,
        )
    return year


def _choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    text = str(value).strip()
    if name == "comparator":
        try:
            return Comparator.read(text)
        except ValueError:
            pass
    elif text in allowed:
        return text
    raise InvalidCorrection(
        f"「{FIELDS[name][0]}」不能是「{value}」（可选：{'、'.join(allowed)}）",
        f"'{FIELDS[name][1]}' cannot be {value!r} (one of {', '.join(allowed)})",
        name,
    )


def _text(value: Any, limit: int = 200) -> str | None:
    if _blank(value):
        return None
    text = " ".join(str(value).split())
    return text[:limit]


def clean_changes(changes: Mapping[str, Any], catalog: Catalog) -> dict[str, Any]:
    """The changes with every value checked and in its stored form (numbers, years, enum strings, None to
    clear); raises InvalidCorrection naming the field. Unknown fields are refused."""
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in FIELDS:
            raise InvalidCorrection(f"不能更正「{name}」", f"{name!r} cannot be corrected", name)
        if name == "indicator_id":
            if not _blank(value) and str(value).strip() not in catalog.indicators:
                raise InvalidCorrection(f"指标目录中没有「{value}」", f"the catalog has no indicator {value!r}", name)
            cleaned[name] = None if _blank(value) else str(value).strip()
        elif name == "kind":
            cleaned[name] = _choice(name, value, list(Kind))
        elif name == "metric":
            cleaned[name] = _choice(name, value, list(Metric))
        elif name == "comparator":
            cleaned[name] = _choice(name, value, list(Comparator))
        elif name in ("target_year", "period_start"):
            cleaned[name] = _year(name, value)
        elif name in ("value", "value_low", "value_high"):
            cleaned[name] = _number(name, value)
        elif name == "unit_raw":
            cleaned[name] = "" if _blank(value) else str(value).strip()
        elif name == "not_comparable":
            cleaned[name] = _text(value) if value is not True else "人工标记 / marked by hand"
            if value is False:
                cleaned[name] = None
        else:
            cleaned[name] = _text(value)
    return cleaned


def apply_changes(row: Mapping[str, Any], changes: Mapping[str, Any], catalog: Catalog) -> dict[str, Any]:
    """A quantity row with `changes` (cleaned) applied and what follows from them recomputed: the
    canonical values and dimension from value and unit, the category from the indicator.

    Raises InvalidCorrection when the result cannot be: a unit the registry cannot read, a unit that
    does not measure the indicator's, a range whose low end is above its high end.
    """
    out = dict(row)
    out.update({k: v for k, v in changes.items() if k in out or k in FIELDS})
    if "indicator_id" in changes:
        indicator = catalog.indicators.get(changes["indicator_id"] or "")
        out["category"] = indicator.category if indicator else out.get("category")
    if any(k in changes for k in (*_NUMBER_FIELDS, "comparator")):
        _renormalise(out, changes)
    if out.get("indicator_id") and out.get("norm_unit"):
        indicator = catalog.indicators.get(out["indicator_id"])
        if indicator is not None:
            _check_unit(out, indicator.norm_unit)
    return out


def _renormalise(out: dict[str, Any], changes: Mapping[str, Any]) -> None:
    """Values in the written unit -> canonical values, unit and dimension (a range keeps low and high)."""
    unit_raw = out.get("unit_raw") or ""
    per_capita = out.get("norm_unit") == "square_meter"
    try:
        conv = conversion(unit_raw, per_capita=per_capita)
    except UnknownUnit:
        raise InvalidCorrection(
            f"无法识别单位「{unit_raw}」（如 万套、亿元、%、公顷）",
            f"the unit {unit_raw!r} is not known (万套, 亿元, %, 公顷)",
            "unit_raw",
        ) from None
    if out.get("comparator") == Comparator.RANGE or (
        changes.get("value_low") is not None and changes.get("value_high") is not None
    ):
        low, high = out.get("value_low"), out.get("value_high")
        if low is None or high is None:
            raise InvalidCorrection("区间目标需要下限和上限", "a range target needs its low and high end", "value_low")
        if low > high:
            raise InvalidCorrection(
                f"下限 {plain_number(low)} 大于上限 {plain_number(high)}",
                f"the low end {plain_number(low)} is above the high end {plain_number(high)}",
                "value_low",
            )
        out.update(comparator=Comparator.RANGE, value=None)
    elif "value" in changes and changes["value"] is not None:
        out.update(value_low=None, value_high=None)
        if out.get("comparator") == Comparator.RANGE:
            out["comparator"] = Comparator.EQUAL
    if out.get("comparator") != Comparator.RANGE and out.get("value") is None:
        raise InvalidCorrection("请填写数值", "a value is needed", "value")
    out["norm_unit"] = conv.norm_unit
    out["dimension"] = dimension(conv.norm_unit)
    for written, norm in (("value", "norm_value"), ("value_low", "norm_low"), ("value_high", "norm_high")):
        out[norm] = conv.apply(out.get(written))


def _check_unit(out: Mapping[str, Any], indicator_unit: str) -> None:
    try:
        in_unit(1.0, out["norm_unit"], indicator_unit, out.get("target_year"))
    except UnitMismatch as e:
        if e.no_rate:  # another currency without a rate for its year: kept, shown as not comparable
            return
        raise InvalidCorrection(
            f"单位「{out.get('unit_raw') or out['norm_unit']}」与指标的单位不符",
            f"the unit {out.get('unit_raw') or out['norm_unit']!r} does not measure the indicator's unit",
            "unit_raw",
        ) from None


# --- finding a corrected quantity again after a rebuild ---------------------------------------------


def find_anchor(correction: Correction, candidates: Sequence[Mapping[str, Any]]) -> tuple[dict | None, str]:
    """(the quantity of the document that `correction` is about, the rule that found it) among the
    document's quantities as extracted now; (None, "") when none is (the module doc gives the rules)."""
    quote, sentence = correction.anchor_quote, correction.anchor_sentence
    for row in candidates:
        if row["target_id"] == correction.target_id and row.get("quote") == quote:
            return dict(row), "same-span"
    start = correction.anchor_start or 0

    def nearest(rows: list[Mapping[str, Any]]) -> dict | None:
        if not rows:
            return None
        best: Mapping[str, Any] = min(rows, key=lambda r: abs(int(r.get("char_start") or 0) - start))
        return dict(best)

    same = [r for r in candidates if r.get("quote") == quote and r.get("sentence") == sentence]
    if same:
        return nearest(same), "same-quote"
    overlapping = [
        r
        for r in candidates
        if quote
        and isinstance(r.get("quote"), str)
        and r["quote"]
        and (r["quote"] in quote or quote in r["quote"])
        and (r.get("sentence") or "").replace(r["quote"], "", 1) == sentence.replace(quote, "", 1)
    ]
    if overlapping:
        return nearest(overlapping), "overlapping"
    return None, ""


# --- what a correction reads like ---------------------------------------------------------------------


def describe(correction: Correction, lang: str = "zh") -> str:
    """One line: what was changed, from what to what ("数值 6 → 6.5；年份 2022 → 2023")."""
    zh = lang != "en"
    if correction.action == "delete":
        return "删除" if zh else "deleted"
    if correction.action == "merge":
        return f"与 {correction.into_id} 重复，已合并" if zh else f"a duplicate of {correction.into_id}, merged"
    parts = []
    for name, new in correction.changes.items():
        label = FIELDS.get(name, (name, name))[0 if zh else 1]
        if correction.action == "add":
            parts.append(f"{label} {_shown(new)}")
        else:
            parts.append(f"{label} {_shown(correction.before.get(name))} → {_shown(new)}")
    prefix = ("手工添加：" if zh else "added by hand: ") if correction.action == "add" else ""
    return prefix + ("；" if zh else "; ").join(parts)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def marked_fields(corrections: Sequence[Correction]) -> str:
    """The `corrected` mark of a quantity: the fields its active corrections changed, comma-separated
    ("value,target_year"; "added" for a target added by hand)."""
    names: dict[str, None] = {}
    for c in corrections:
        if c.action == "add":
            names["added"] = None
            continue
        names.update(dict.fromkeys(c.changes))
    return ",".join(names)


def mark_text(fields: str | None, lang: str = "zh") -> str:
    """A `corrected` mark in words: "已更正：数值、年份" / "corrected: value, year"; "" when not corrected."""
    if not isinstance(fields, str) or not fields:
        return ""
    names = [f for f in fields.split(",") if f]
    if names == ["added"] or "added" in names:
        return "手工添加" if lang != "en" else "added by hand"
    words = [FIELDS.get(n, (n, n))[0 if lang != "en" else 1] for n in names]
    return ("已更正：" + "、".join(words)) if lang != "en" else ("corrected: " + ", ".join(words))


# --- writing ------------------------------------------------------------------------------------------


def _author(by: Author | Account) -> Author:
    """The author of a write: an account must be an editor or an admin; an Actor is taken as it is."""
    from targets.accounts import Account, require  # accounts reaches the store, which imports this module

    if isinstance(by, Account):
        return require(by, "editor").actor
    return by


def _new_id(now: datetime) -> str:
    return f"{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


def _quantity(store: Store, target_id: str) -> dict:
    row = store.quantity(target_id)
    if row is None:
        raise CorrectionNotFound(f"没有编号为 {target_id} 的目标", f"no quantity {target_id!r}")
    return {k: _none(v) for k, v in row.items()}


def _anchored(action: str, row: Mapping[str, Any], by: Author, note: str, **extra: Any) -> Correction:
    now = datetime.now()
    return Correction(
        correction_id=_new_id(now),
        action=action,
        target_id=row["target_id"],
        doc_id=row["doc_id"],
        plan_id=row["plan_id"],
        note=_text(note, 500) or "",
        anchor_quote=row.get("quote") or "",
        anchor_sentence=row.get("sentence") or "",
        anchor_start=_int(row.get("char_start")),
        anchor_end=_int(row.get("char_end")),
        created_by=by.who,
        created_from=by.where,
        created_at=now,
        **extra,
    )


def correct(
    store: Store, target_id: str, changes: Mapping[str, Any], by: Author | Account, note: str = ""
) -> Correction:
    """Correct fields of one quantity (see FIELDS); only the fields that differ are kept. Raises
    InvalidCorrection (a bad value, nothing changed) or CorrectionNotFound."""
    by = _author(by)
    row = _quantity(store, target_id)
    catalog = store.catalog()
    cleaned = clean_changes(changes, catalog)
    before = {k: row.get(k) for k in cleaned}
    differs = {k: v for k, v in cleaned.items() if not _same(row.get(k), v)}
    if not differs:
        raise InvalidCorrection("没有要更正的内容：各项与现有值相同", "nothing to correct: every field is as it is")
    apply_changes(row, differs, catalog)  # refuse now what could not be applied
    correction = _anchored("edit", row, by, note, changes=differs, before={k: before[k] for k in differs})
    return _write(store, correction, by)


def delete(store: Store, target_id: str, by: Author | Account, note: str = "") -> Correction:
    """Delete a quantity the extractor read wrongly (it is kept as extracted, and an undo restores it)."""
    by = _author(by)
    row = _quantity(store, target_id)
    return _write(store, _anchored("delete", row, by, note, before=_brief(row)), by)


def merge(store: Store, duplicate_id: str, into_id: str, by: Author | Account, note: str = "") -> Correction:
    """Merge a duplicate statement into the quantity it repeats: the duplicate stops counting."""
    by = _author(by)
    if duplicate_id == into_id:
        raise InvalidCorrection("不能与自身合并", "a quantity cannot be merged into itself")
    row = _quantity(store, duplicate_id)
    kept = _quantity(store, into_id)
    if kept["plan_id"] != row["plan_id"]:
        raise InvalidCorrection(
            "只能合并同一规划中的重复项", "only duplicates within one plan can be merged", "into_id"
        )
    return _write(store, _anchored("merge", row, by, note, into_id=into_id, before=_brief(row)), by)


def add(store: Store, doc_id: str, fields: Mapping[str, Any], by: Author | Account, note: str = "") -> Correction:
    """Add a target the extractor missed to a document: indicator, kind, value and unit, comparator, year
    (and scope, lead unit); an optional `quote` (as the document writes it) found in its text gives the
    sentence and place. Raises InvalidCorrection or CorrectionNotFound (no such document)."""
    by = _author(by)
    document = store.documents()
    found = document[document["doc_id"] == doc_id]
    if found.empty:
        raise CorrectionNotFound(f"没有文件 {doc_id}", f"no document {doc_id!r}")
    fields = dict(fields)
    quote = _text(fields.pop("quote", None), 300)
    catalog = store.catalog()
    cleaned = clean_changes({"kind": Kind.TARGET, "comparator": Comparator.EQUAL, **fields}, catalog)
    if not cleaned.get("indicator_id") and not cleaned.get("indicator"):
        raise InvalidCorrection("请选择指标", "choose an indicator", "indicator_id")
    if cleaned.get("target_year") is None:
        raise InvalidCorrection("请填写年份", "a year is needed", "target_year")
    if cleaned.get("indicator_id") and not cleaned.get("indicator"):
        cleaned["indicator"] = catalog.indicators[cleaned["indicator_id"]].name_zh
    now = datetime.now()
    correction = Correction(
        correction_id=_new_id(now),
        action="add",
        target_id=None,
        doc_id=doc_id,
        plan_id=str(found.iloc[0]["plan_id"]),
        changes=cleaned,
        note=_text(note, 500) or "",
        anchor_quote=quote or "",
        created_by=by.who,
        created_from=by.where,
        created_at=now,
    )
    text = store.document_text(doc_id) or ""
    if quote and quote not in text:
        raise InvalidCorrection(
            f"文件中找不到原文「{quote}」；请照文件原样填写，或留空",
            f"the quote {quote!r} is not in the document; copy it as the document writes it, or leave it empty",
            "quote",
        )
    correction = Correction(**{**correction.__dict__, "target_id": added_id(correction.correction_id)})
    apply_changes(added_row(correction, text, catalog), cleaned, catalog)
    return _write(store, correction, by)


#: the quantity ids of targets added by hand start with it
ADDED_PREFIX = "added-"


def added_id(correction_id: str) -> str:
    """The quantity id of a target added by hand."""
    return f"{ADDED_PREFIX}{correction_id}"


def added_row(correction: Correction, text: str, catalog: Catalog) -> dict[str, Any]:
    """The quantity row of a target added by hand, placed at its quote in the document text when given."""
    changes = correction.changes
    quote = correction.anchor_quote
    start = text.find(quote) if quote else -1
    sentence, sentence_start, line = "", 0, None
    if start >= 0:
        sentence_start, sentence = _sentence_around(text, start, start + len(quote))
        line = text.count("\n", 0, start) + 1
    base = {
        "target_id": added_id(correction.correction_id),
        "doc_id": correction.doc_id,
        "plan_id": correction.plan_id,
        "line": line,
        "char_start": max(start, 0),
        "char_end": max(start, 0) + (len(quote) if start >= 0 else 0),
        "quote": quote or None,
        "sentence": sentence or None,
        "sentence_start": sentence_start,
        "indicator": None,
        "indicator_id": None,
        "category": None,
        "value": None,
        "value_low": None,
        "value_high": None,
        "unit_raw": "",
        "norm_value": None,
        "norm_low": None,
        "norm_high": None,
        "norm_unit": None,
        "dimension": None,
        "comparator": Comparator.EQUAL,
        "metric": Metric.LEVEL,
        "kind": Kind.TARGET,
        "target_year": None,
        "period": "annual",
        "period_start": None,
        "lead_unit": None,
        "area": None,
        "item": None,
        "section": None,
        "derived": False,
        "rules": json.dumps(["added-by-hand"]),
        "page": None,
        "page_line": None,
    }
    if "metric" not in changes and changes.get("indicator_id") in catalog.indicators:
        base["metric"] = catalog.indicators[changes["indicator_id"]].metric or Metric.LEVEL
    return apply_changes(base, {**changes, "value": changes.get("value")}, catalog)


_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def _sentence_around(text: str, start: int, end: int) -> tuple[int, str]:
    """(offset, text) of the sentence holding text[start:end]: from the previous sentence end to the next."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    following = _SENTENCE_END.search(text, end)
    right = following.end() if following else len(text)
    return left, text[left:right].strip("\n")


def undo(store: Store, correction_id: str, by: Author | Account) -> Correction:
    """Undo a correction: the quantity reads as extracted again, with the other active corrections."""
    by = _author(by)
    found = store.correction(correction_id)
    if found is None:
        raise CorrectionNotFound(f"没有编号为 {correction_id} 的更正", f"no correction {correction_id!r}")
    correction = Correction.from_record(found)
    if not correction.active:
        raise InvalidCorrection("这条更正已经撤销", "this correction is undone already")
    with store.transaction() as cur:
        store.set_correction_undone(cur, correction_id, by.who, datetime.now())
        if correction.doc_id:
            store.reapply_corrections(cur, [correction.doc_id])
        _audit(cur, by, f"撤销更正 / undid: {describe(correction)}", correction)
    return correction


def _write(store: Store, correction: Correction, by: Author) -> Correction:
    """Store a correction and apply it, with its audit entry, in one transaction."""
    with store.transaction() as cur:
        store.insert_correction(cur, correction.record())
        if correction.doc_id:
            store.reapply_corrections(cur, [correction.doc_id])
        _audit(cur, by, describe(correction), correction)
    return correction


def _audit(cur: Any, by: Author, what: str, correction: Correction) -> None:
    """The correction's entry in the audit log, inside its transaction (targets.audit.record)."""
    from targets import audit  # audit imports the store, which imports this module

    audit.record(
        cur, by.who, "correct", what, by.where, target=correction.target_id, correction=correction.correction_id
    )


# --- reading -----------------------------------------------------------------------------------------


def corrections(store: Store, plan_id: str | None = None, target_id: str | None = None) -> pd.DataFrame:
    """Every correction (newest first) with `summary_zh`/`summary_en`, `active` and `orphaned`."""
    frame = store.corrections(plan_id=plan_id, target_id=target_id)
    records = [Correction.from_record(r) for r in frame.to_dict("records")]
    frame["summary_zh"] = [describe(c, "zh") for c in records]
    frame["summary_en"] = [describe(c, "en") for c in records]
    frame["active"] = [c.active for c in records]
    frame["orphaned"] = [c.active and c.orphaned_at is not None for c in records]
    return frame


def orphans(store: Store) -> pd.DataFrame:
    """Active corrections whose quantity the last rebuild did not find: kept, listed, re-applied if found."""
    frame = corrections(store)
    return frame[frame["orphaned"]].reset_index(drop=True)


# --- helpers ------------------------------------------------------------------------------------------


def _brief(row: Mapping[str, Any]) -> dict[str, Any]:
    """What a deleted or merged quantity was, for the correction's summary."""
    return {k: row.get(k) for k in ("indicator", "indicator_id", "value", "unit_raw", "target_year", "quote")}


def _same(a: Any, b: Any) -> bool:
    if _blank(a) and _blank(b):
        return True
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < 1e-12
    return a == b


def _none(value: Any) -> Any:
    """NaN/NaT/NA as None, numpy scalars as Python values."""
    if value is None:
        return None
    try:
        if value != value:  # NaN
            return None
    except (TypeError, ValueError):
        pass
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value


def _int(value: Any) -> int | None:
    value = _none(value)
    return int(value) if value is not None else None


def _timestamp(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    to_datetime = getattr(value, "to_pydatetime", None)
    return to_datetime() if to_datetime else None
