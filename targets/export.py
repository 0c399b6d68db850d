"""Export the comparison for a planner's report: a report sheet to paste, the full data beside it.

**The report** (`report_cells`, sheet 报告 and the CSV): one row per target, ten columns with Chinese
headers — 指标, 规划, 目标 (as the plan writes it: comparator, 万/亿, the plan's own unit word), 目标年份,
实际值 (with its unit and year), 完成情况, 差距 (measured from the target, as the reason says), 判断依据,
来源 (the document's title, issuer, date, page and line, the sentence with the quote in 【】; the actual's
document sentence, or its upload batch, row and uploader) and 备注 (the scope of a target set for part of
the region, a planner's correction with its author and date, the other sources' values). In the workbook
every number stays a number: the cell holds the number as written (6 for 6万套(间)) with a number format
that shows the words (`0"万套(间)"`), so it reads as the plan writes it and still sorts and sums; the
header is frozen and filters are on.

**The full data** (`comparison_table`, sheet 数据 and `--table data` on the command line): every column of
the comparison in the indicator's canonical unit (元, 公里, %, 个), with headers "中文 key"; the region,
plan, indicator, year, value and unit columns are the actuals template's, so the 实际值 sheet (the uploads
that count now) and the data CSV upload again as actuals. The workbook adds 说明 (filters, columns,
units, source documents, upload batches).

Content and writing are apart: `report_cells` and `comparison_table` say what is in a sheet; `write_export`
streams it, a chunk of whole indicators at a time (`comparison_chunks`): the CSV by DuckDB's COPY
(targets.store.write_text_csv), the workbook by xlsxwriter in constant-memory mode, its 报告 and 数据 sheets
written in turn from each chunk, so memory holds one chunk whatever the size. Text a spreadsheet would run
as a formula is never a formula: a workbook cell is typed as text (no apostrophe shows), a CSV cell gets
an apostrophe in front. CSV is UTF-8 with a BOM (Excel on Chinese Windows opens it without mojibake).
"""

from __future__ import annotations

import functools
import io
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from targets.actuals import SHEET_NAMES, TEMPLATE_COLUMNS, formula_start, unit_label
from targets.actuals import header as actual_header
from targets.compare import comparison, records
from targets.corrections import mark_text
from targets.formatting import Parts, missing, plain_number, quantity, quantity_parts, target
from targets.origins import origin_label, others_text
from targets.store import Store, plain_value, write_text_csv
from targets.vocab import Comparator, Period, Status, label, label_of

FORMATS = ("csv", "xlsx")
#: what a CSV holds: the report table (the default) or the full data table
TABLES = ("report", "data")

#: (key, Chinese header, English header, column width) of the report
REPORT_COLUMNS: tuple[tuple[str, str, str, int], ...] = (
    ("indicator", "指标", "Indicator", 22),
    ("plan", "规划", "Plan", 30),
    ("target", "目标", "Target", 18),
    ("target_year", "目标年份", "Target year", 11),
    ("actual", "实际值", "Actual", 22),
    ("status", "完成情况", "Status", 12),
    ("gap", "差距", "Gap", 16),
    ("reason", "判断依据", "Why", 50),
    ("source", "来源", "Source", 70),
    ("note", "备注", "Notes", 36),
)

#: (key, Chinese header, English description); the data sheet's header is "中文 key"
EXPORT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("indicator_id", "指标编号", "catalog indicator id"),
    ("indicator", "指标", "indicator name (Chinese)"),
    ("indicator_en", "指标英文名", "indicator name (English)"),
    ("category", "领域", "category"),
    ("region", "地区", "the plan's region (its actuals are the region's)"),
    ("plan", "规划编号", "plan id"),
    ("plan_name", "规划名称", "plan name"),
    ("comparator", "比较", "≥ at least, > more than, ≤ at most, < less than, 约 about, 区间 a range; empty: plain"),
    ("target", "目标值", "target value, in the unit column"),
    ("target_low", "目标下限", "low end of a range target"),
    ("target_high", "目标上限", "high end of a range target"),
    ("unit", "单位", "unit of target, baseline, actual and gap"),
    ("target_text", "目标表述", "the target as planners write it: comparator, 万/亿, the plan's own unit word"),
    ("target_year", "目标年份", "year the target is for"),
    ("target_period", "目标口径", "annual, cumulative (a total over the window) or end_of_period (a level)"),
    ("window_start", "起始年份", "first year of the target's window"),
    ("annual_equivalent", "年均当量", "cumulative target divided by the window's years"),
    ("scope", "适用范围", "the part of the region a target is set for (国企, 中心城区): not judged, not counted"),
    ("baseline", "基数", "baseline value (the last figure before the window)"),
    ("baseline_year", "基数年份", "year of the baseline"),
    ("period", "实际值年份", "year of the latest actual the status looked at"),
    ("value", "实际值", "the region's actual observed in that year (the source used; the others in 其他来源)"),
    ("value_text", "实际值表述", "that actual as planners write it (23.5万人)"),
    (
        "actual_origin",
        "实际值来源",
        "upload, statistical communiqué (统计公报), a later report's review, or a baseline quoted in a document; "
        "in that order of precedence, a later document before an earlier one",
    ),
    ("actual_source", "来源文件", "the document (title) or uploaded file the actual comes from"),
    ("actual_where", "来源位置", "document:line of the sentence, or batch:row of the upload"),
    ("actual_others", "其他来源", "the other sources' values for that year, not used (strongest first)"),
    ("assessed", "评估值", "the figure compared with the target: the actual, or the window's sum or average rate"),
    ("gap", "差距", "actual minus target"),
    ("attainment", "完成率", "share of the target reached (1 = 100%; target/actual for ceilings)"),
    ("status", "状态", "status"),
    ("status_code", "状态代码", ", ".join(Status)),
    ("reason", "判断依据", "the numbers that decided the status (Chinese)"),
    ("reason_en", "判断依据英文", "the numbers that decided the status (English)"),
    ("method", "方法", "how the status was decided (final-value, cagr-path, linear-path, rate, pro-rata ...)"),
    ("corrected", "人工更正", "what a planner corrected in the target, by whom and when (empty: as extracted)"),
    ("quote", "原文", "the target as written in the document"),
    ("document", "文件", "source document file"),
    ("document_title", "文件标题", "the source document's title"),
    ("issuer", "发布机关", "who issued the document"),
    ("published", "发布日期", "when it was published"),
    ("page", "页码", "page of the quote (PDF documents)"),
    ("line", "行号", "line of the quote in the document"),
)


def export_header(key: str) -> str:
    """The data sheet's header of a column ("实际值 value")."""
    zh = next(z for k, z, _ in EXPORT_COLUMNS if k == key)
    return f"{zh} {key}"


@dataclass(frozen=True)
class ExportFilters:
    """What the export was asked for; empty means everything."""

    plans: tuple[str, ...] = ()
    indicator_ids: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    as_of: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: the language of the report sheet and its CSV (the data sheet is bilingual)
    lang: str = "zh"


# --- what is exported -----------------------------------------------------------------------------------


#: comparison targets per chunk of a streamed export: bounds the Python rows held at once (~0.5 KB each)
CHUNK_TARGETS = 10_000


def comparison_rows(store: Store, filters: ExportFilters | None = None) -> pd.DataFrame:
    """The comparison rows (targets.compare.comparison) the filters ask for, in indicator then plan order (the
    whole table at once: for a filtered selection; `comparison_chunks` streams everything)."""
    filters = filters or ExportFilters()
    frame = comparison(store, filters.indicator_ids or None, filters.plans or None, filters.as_of)
    return _filtered(frame, filters)


def comparison_chunks(
    store: Store, filters: ExportFilters | None = None, chunk_targets: int = CHUNK_TARGETS
) -> Iterator[pd.DataFrame]:
    """The rows of `comparison_rows`, in its order, a chunk of whole indicators at a time (about
    `chunk_targets` targets each): every row of an indicator depends only on that indicator's targets and
    observations, so the chunks together are the rows, while memory holds one chunk."""
    filters = filters or ExportFilters()
    for indicator_ids in _indicator_chunks(store, filters, chunk_targets):
        frame = comparison(store, indicator_ids, filters.plans or None, filters.as_of)
        yield _filtered(frame, filters)


def _indicator_chunks(store: Store, filters: ExportFilters, chunk_targets: int) -> Iterator[list[str]]:
    """Consecutive runs of indicators (in the comparison's order) of about `chunk_targets` targets each."""
    counts = store.comparison_counts(filters.indicator_ids or None, filters.plans or None)
    chunk: list[str] = []
    size = 0
    for indicator_id, n in counts:
        if chunk and size + n > chunk_targets:
            yield chunk
            chunk, size = [], 0
        chunk.append(indicator_id)
        size += n
    if chunk:
        yield chunk


def _filtered(frame: pd.DataFrame, filters: ExportFilters) -> pd.DataFrame:
    """Comparison rows with the category and status filters applied."""
    if filters.categories:
        frame = frame[frame["category"].isin(filters.categories)]
    if filters.statuses:
        frame = frame[frame["status"].isin(filters.statuses)]
    return frame.reset_index(drop=True)


def comparator_text(comparator: object) -> str:
    """A comparator as the data sheet writes it: ≥ > ≤ < 约 区间, empty for a plain value (never ">=" or "=")."""
    if comparator == Comparator.RANGE:
        return "区间"
    if comparator == Comparator.ABOUT:
        return "约"
    try:
        return Comparator.read(str(comparator)).sign
    except ValueError:
        return ""


def comparison_table(
    store: Store, filters: ExportFilters | None = None, rows: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The full data table, keyed by `EXPORT_COLUMNS`' keys, in indicator then plan order (`rows`: the
    comparison rows when already read)."""
    frame = comparison_rows(store, filters) if rows is None else rows
    categories = dict(zip(*[store.categories()[c] for c in ("category_id", "name_zh")], strict=True))
    listed = records(frame)
    out = pd.DataFrame(
        {
            "indicator_id": frame["indicator_id"],
            "indicator": frame["indicator_name_zh"],
            "indicator_en": frame["indicator_name_en"],
            "category": frame["category"].map(lambda c: categories.get(c, c)),
            "region": frame["region"],
            "plan": frame["plan_id"],
            "plan_name": frame["plan_name_zh"],
            "comparator": frame["comparator"].map(comparator_text),
            "target": frame["target"],
            "target_low": frame["target_low"],
            "target_high": frame["target_high"],
            "unit": frame["unit"].map(unit_label),
            "target_text": [_target_text(r, "zh") for r in listed],
            "target_year": frame["target_year"],
            "target_period": frame["period"].map(lambda p: label_of(Period, p)),
            "window_start": frame["window_start"],
            "annual_equivalent": frame["annual_equivalent"],
            "scope": frame["scope"],
            "baseline": frame["baseline"],
            "baseline_year": frame["baseline_year"],
            "period": frame["actual_period"],
            "value": frame["observed"].astype("float64"),
            "value_text": [quantity(r["observed"], r["unit"], word=r["unit_word"]) for r in listed],
            "actual_origin": frame["actual_origin"].map(lambda o: origin_label(o) if isinstance(o, str) else None),
            "actual_source": frame["actual_source"],
            "actual_where": frame["actual_where"],
            "actual_others": [
                others_text(o, word=w) for o, w in zip(frame["actual_others"], frame["unit_word"], strict=True)
            ],
            "assessed": frame["actual"],
            "gap": frame["gap"],
            "attainment": frame["attainment"],
            "status": frame["status"].map(lambda s: label(Status(s))),
            "status_code": frame["status"],
            "reason": frame["reason_zh"],
            "reason_en": frame["reason_en"],
            "method": frame["method"],
            "corrected": [_corrected(r, "zh") for r in listed],
            "quote": frame["quote"],
            "document": frame["doc_id"],
            "document_title": frame["doc_title"],
            "issuer": frame["doc_issuer"],
            "published": frame["doc_published"],
            "page": frame["page"],
            "line": frame["line"],
        },
        columns=[key for key, _zh, _en in EXPORT_COLUMNS],
    )
    for column in ("target_year", "window_start", "baseline_year", "period", "page", "line"):
        out[column] = out[column].astype("Int64")
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class Cell:
    """One report cell: the `text` a reader sees (the CSV's and the preview's), and for the workbook the
    `value` (a number where there is one) with its Excel `number_format` that shows that same text."""

    text: str
    value: Any = None
    number_format: str | None = None

    @property
    def stored(self) -> Any:
        return self.text if self.value is None else self.value


def report_cells(rows: pd.DataFrame, lang: str = "zh") -> list[dict[str, Cell]]:
    """The report, one dict of `REPORT_COLUMNS` keys -> Cell per comparison row."""
    return [_report_row(r, lang) for r in records(rows)]


def report_table(rows: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The report as a reader sees it (every cell its text), with its headers in `lang`."""
    headers = [en if lang == "en" else zh for _key, zh, en, _width in REPORT_COLUMNS]
    cells = report_cells(rows, lang)
    return pd.DataFrame([[row[key].text for key, *_ in REPORT_COLUMNS] for row in cells], columns=headers)


def _report_row(r: Mapping[str, Any], lang: str) -> dict[str, Cell]:
    en = lang == "en"
    word = r.get("unit_word") or ""
    name = r["indicator_name_en"] if en and isinstance(r.get("indicator_name_en"), str) else r["indicator_name_zh"]
    plan = (
        r["plan_name_en"] if en and isinstance(r.get("plan_name_en"), str) and r["plan_name_en"] else r["plan_name_zh"]
    )
    year = _int(r.get("target_year"))
    start = _int(r.get("window_start"))
    years = f"{start}–{year}" if start and year and start < year else (str(year) if year else "—")
    return {
        "indicator": Cell(str(name)),
        "plan": Cell(str(plan)),
        "target": _target_cell(r, lang),
        "target_year": Cell(years, year if years == str(year) else None, "0" if years == str(year) else None),
        "actual": _number_cell(r.get("observed"), r["unit"], lang, word, _year_words(r.get("actual_period"), lang)),
        "status": Cell(_status_label(r["status"], lang)),
        "gap": _gap_cell(r.get("gap"), r["unit"], lang, word),
        "reason": Cell(str(r["reason_en"] if en else r["reason_zh"]) or ""),
        "source": Cell(source_text(r, lang)),
        "note": Cell(note_text(r, lang)),
    }


@functools.lru_cache(maxsize=64)
def _status_label(status: str, lang: str) -> str:
    return label(Status(status), lang)


def _target_text(r: Mapping[str, Any], lang: str) -> str:
    return target(r["comparator"], r["target"], r["target_low"], r["target_high"], r["unit"], lang, r["unit_word"])


def _target_cell(r: Mapping[str, Any], lang: str) -> Cell:
    """The target as the plan writes it; a number with its format unless it is a range (6–7%, text)."""
    text = _target_text(r, lang)
    if r["comparator"] == Comparator.RANGE or missing(r["target"]):
        return Cell(text)
    parts = quantity_parts(r["target"], r["unit"], lang, r.get("unit_word") or "")
    if parts is None:
        return Cell(text)
    sign = text[: len(text) - len(parts.text)]  # "≥ " before the number, as formatting.target writes it
    return Cell(text, parts.shown, number_format(parts, prefix=sign))


def _number_cell(value: Any, unit: str, lang: str, word: str, after: str = "") -> Cell:
    parts = quantity_parts(value, unit, lang, word)
    if parts is None:
        return Cell("—")
    return Cell(parts.text + after, parts.shown, number_format(parts, suffix=parts.suffix + after))


def _gap_cell(gap: Any, unit: str, lang: str, word: str) -> Cell:
    """The gap from the target in words: 低4.2个百分点 / 高5000套(间) / 持平 (4.2 points below …)."""
    if missing(gap):
        return Cell("—")
    if unit == "percent":  # a difference of percents is in percentage points
        unit, word = "percentage_point", ""
    parts = quantity_parts(abs(float(gap)), unit, lang, word)
    if parts is None:
        return Cell("—")
    if parts.shown == 0:
        return Cell("equal" if lang == "en" else "持平", float(gap), '"持平"' if lang != "en" else '"equal"')
    above, below = ("above", "below") if lang == "en" else ("高", "低")
    if lang == "en":
        text = f"{parts.text} {above if gap > 0 else below}"
        fmt = f"{_digits_format(parts)}{_quoted(parts.suffix + ' ' + above)};{_digits_format(parts)}"
        fmt += _quoted(parts.suffix + " " + below)
    else:
        text = f"{above if gap > 0 else below}{parts.text}"
        fmt = f"{_quoted(above)}{_digits_format(parts)}{_quoted(parts.suffix)};"
        fmt += f"{_quoted(below)}{_digits_format(parts)}{_quoted(parts.suffix)}"
    shown = parts.shown if gap > 0 else -parts.shown
    return Cell(text, shown, fmt)


def _year_words(year: Any, lang: str) -> str:
    y = _int(year)
    if y is None:
        return ""
    return f" ({y})" if lang == "en" else f"（{y}年）"


def number_format(parts: Parts, prefix: str = "", suffix: str | None = None) -> str:
    """The Excel number format that shows `parts` as written: `"≥ "0.0"万人"`."""
    return _quoted(prefix) + _digits_format(parts) + _quoted(parts.suffix if suffix is None else suffix)


def _digits_format(parts: Parts) -> str:
    whole = "#,##0" if "," in parts.digits else "0"
    return whole + ("." + "0" * parts.decimals if parts.decimals else "")


def _quoted(text: str) -> str:
    return f'"{text}"' if text else ""


def source_text(r: Mapping[str, Any], lang: str = "zh") -> str:
    """Where a target and its actual come from, for a reader: the document (title, issuer, date, page, line)
    and its sentence with the quote in 【】; the actual's document and sentence, or its batch, row, uploader."""
    en = lang == "en"
    parts = [_document_place(r.get("doc_title"), r.get("doc_issuer"), r.get("doc_published"), r, lang)]
    sentence = _marked(r.get("sentence"), r.get("sentence_start"), r.get("char_start"), r.get("char_end"))
    target_part = parts[0] + ("：" if not en else ": ") + (sentence or str(r.get("quote") or ""))
    lines = [("Target: " if en else "目标：") + target_part]
    actual = actual_source_text(r, lang)
    if actual:
        lines.append(("Actual: " if en else "实际值：") + actual)
    return "\n".join(lines)


def actual_source_text(r: Mapping[str, Any], lang: str = "zh") -> str:
    """The source of the actual a status used: a document's sentence, or an upload's batch, row and uploader."""
    en = lang == "en"
    batch = r.get("actual_batch_id")
    origin = origin_label(r.get("actual_origin"), lang)
    if isinstance(batch, str) and batch:
        row, who = _int(r.get("actual_row")), r.get("actual_uploaded_by") or ""
        file_name = r.get("actual_source") or ""
        if en:
            return f"upload {file_name}, batch {batch}, row {row}" + (f", by {who}" if who else "")
        return f"上传文件{file_name}，批次{batch}第{row}行" + (f"，上传人{who}" if who else "")
    if not isinstance(r.get("actual_doc_id"), str) or not r.get("actual_doc_id"):
        return ""
    place = f"{origin} {r.get('actual_source') or r['actual_doc_id']}"
    line = _int(r.get("actual_line"))
    page = _int(r.get("actual_page"))
    where = (f", page {page}" if en else f"第{page}页") if page else ""
    where += (f", line {line}" if en else f"第{line}行") if line else ""
    sentence = _marked(
        r.get("actual_sentence"), r.get("actual_sentence_start"), r.get("actual_char_start"), r.get("actual_char_end")
    )
    return f"{place}{where}" + ((": " if en else "：") + sentence if sentence else "")


def _document_place(title: Any, issuer: Any, published: Any, r: Mapping[str, Any], lang: str) -> str:
    en = lang == "en"
    try:
        text = _document_named(title, issuer, published, r.get("doc_id"), lang)
    except TypeError:  # an unhashable cell
        text = _document_named.__wrapped__(title, issuer, published, r.get("doc_id"), lang)
    page, line = _int(r.get("page")), _int(r.get("line"))
    if page:
        text += f", page {page}" if en else f"第{page}页"
    if line:
        text += f", line {line}" if en else f"第{line}行"
    return text


@functools.lru_cache(maxsize=4096)
def _document_named(title: Any, issuer: Any, published: Any, doc_id: Any, lang: str) -> str:
    """A document as a source names it: 《title》（issuer，date）; cached, as every target of a document names it."""
    en = lang == "en"
    named = (title if "《" in title else f"《{title}》") if isinstance(title, str) and title else str(doc_id or "")
    who = (", " if en else "，").join(str(x) for x in (issuer, published) if isinstance(x, str) and x)
    return named + ((f" ({who})" if en else f"（{who}）") if who else "")


def _marked(sentence: Any, sentence_start: Any, start: Any, end: Any) -> str:
    """The sentence with the quote in 【】 (a plain-text highlight), "" without a sentence."""
    if not isinstance(sentence, str) or not sentence:
        return ""
    s0, a, b = _int(sentence_start), _int(start), _int(end)
    if s0 is None or a is None or b is None:
        return sentence
    i, j = max(0, a - s0), max(0, b - s0)
    if not 0 <= i < j <= len(sentence):
        return sentence
    return f"{sentence[:i]}【{sentence[i:j]}】{sentence[j:]}".replace("\n", "")


def note_text(r: Mapping[str, Any], lang: str = "zh") -> str:
    """The report's notes: the scope, a planner's correction, the other sources' values."""
    en = lang == "en"
    notes = []
    if isinstance(r.get("scope"), str) and r["scope"]:
        notes.append(f"set for {r['scope']} only" if en else f"范围：仅{r['scope']}")
    corrected = _corrected(r, lang)
    if corrected:
        notes.append(corrected)
    others = others_text(r.get("actual_others"), lang, r.get("unit_word") or "")
    if others:
        notes.append(("other sources: " if en else "其他来源：") + others)
    return "；".join(notes) if not en else "; ".join(notes)


def _corrected(r: Mapping[str, Any], lang: str) -> str:
    mark = mark_text(r.get("corrected"), lang)
    if not mark:
        return ""
    when = r.get("corrected_at")
    day = f"{when:%Y-%m-%d}" if isinstance(when, datetime) else ""
    who = (
        "，".join(str(x) for x in (r.get("corrected_by"), day) if x)
        if lang != "en"
        else ", ".join(str(x) for x in (r.get("corrected_by"), day) if x)
    )
    return f"{mark}（{who}）" if lang != "en" and who else (f"{mark} ({who})" if who else mark)


@dataclass
class _Summary:
    """What the 说明 sheet says about the exported rows (data-table chunks), gathered chunk by chunk."""

    rows: int = 0
    units: set[tuple[str, str, str]] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)

    def add(self, table: pd.DataFrame) -> None:
        self.rows += len(table)
        for indicator_id, indicator, unit in table[["indicator_id", "indicator", "unit"]].itertuples(index=False):
            self.units.add((indicator_id, indicator, unit if isinstance(unit, str) else ""))
        self.documents.update(table["document"])


def about_rows(store: Store, table: pd.DataFrame, filters: ExportFilters) -> list[list[Any]]:
    """The 说明 sheet: what was exported, with which filters, what each column means, units, sources."""
    summary = _Summary()
    summary.add(table)
    return _about(store, summary, filters)


def _about(store: Store, summary: _Summary, filters: ExportFilters) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["规划目标监测 · 对比表导出 / Target monitor comparison export"],
        ["生成时间 generated", datetime.now().strftime("%Y-%m-%d %H:%M")],
        ["行数 rows", summary.rows],
        [],
        ["筛选条件 filters"],
        ["规划 plans", ", ".join(filters.plans) or "全部 all"],
        ["指标 indicators", ", ".join(filters.indicator_ids) or "全部 all"],
        ["领域 categories", ", ".join(filters.categories) or "全部 all"],
        ["状态 statuses", ", ".join(filters.statuses) or "全部 all"],
        ["截至年份 as of", filters.as_of or "最新 latest"],
        *[[k, v] for k, v in filters.extra.items()],
        [],
        ["报告 report", "每行一个目标；目标、实际值、差距按规划原文的写法显示，单元格仍是数字 / one row per target; "
         "numbers shown as the plan writes them, still numbers in their cells"],
        ["数据 data: 列 column", "说明 meaning"],
        *[[f"{zh} {key}", en] for key, zh, en in EXPORT_COLUMNS],
        [],
        ["单位 units", "数据表的数值均已换算为指标的标准单位 / the data sheet's numbers are in the indicator's unit"],
    ]  # fmt: skip
    rows.extend([[i, name, unit or "(无单位 no unit)"] for i, name, unit in sorted(summary.units)])
    rows.extend([[], ["来源文件 source documents", "标题 title", "发布机关 issuer", "发布日期 published"]])
    docs = store.documents()
    for d in docs[docs["doc_id"].isin(summary.documents)].itertuples():
        rows.append([d.doc_id, d.title, d.issuer, d.published])
    rows.extend(
        [[], ["上传批次 upload batches (有效 active)", "文件 file", "上传人 by", "时间 uploaded at", "行数 rows"]]
    )
    for b in store.batches().itertuples():
        if b.status == "active":
            rows.append([b.batch_id, b.file_name, b.uploaded_by or "", f"{b.uploaded_at:%Y-%m-%d %H:%M}", b.rows])
    return rows


def current_actuals_sheet(store: Store, plans: Sequence[str] | None = None) -> pd.DataFrame:
    """The uploaded actuals that count now for the plans' regions (all regions without plans), in the
    actuals template's columns (re-uploadable)."""
    frames = list(_current_actuals_chunks(store, plans))
    return pd.concat(frames, ignore_index=True) if frames else _current_frame(pd.DataFrame(), {})


def _current_actuals_chunks(store: Store, plans: Sequence[str] | None, rows: int = 50_000) -> Iterator[pd.DataFrame]:
    """`current_actuals_sheet` a chunk of `rows` at a time (a nation's current actuals are millions of rows)."""
    regions = None
    if plans:
        known = store.plans()
        regions = sorted(set(known.loc[known["plan_id"].isin(plans), "region_id"]))
    names = dict(zip(*[store.indicators()[c] for c in ("indicator_id", "name_zh")], strict=True))
    for current in store.current_actuals_chunks(regions, rows):
        yield _current_frame(current, names)


def _current_frame(current: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    if current.empty:
        frame = pd.DataFrame(columns=list(TEMPLATE_COLUMNS))
    else:
        frame = pd.DataFrame(
            {
                "region": current["region"],
                "indicator_id": current["indicator_id"],
                "indicator": current["indicator_id"].map(names),
                "period": current["period"],
                "value": current["value"],
                "unit": current["unit_raw"],
                "source": current["source"],
                "note": current["note"],
            },
            columns=list(TEMPLATE_COLUMNS),
        )
    frame.columns = [actual_header(c) for c in TEMPLATE_COLUMNS]
    return frame


# --- writing ---------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet's content: a header and rows of values or Cells, and how it is laid out."""

    name: str
    header: list[str]
    rows: Iterable[Sequence[Any]]
    widths: dict[int, int] = field(default_factory=dict)  # column (1-based) -> width
    freeze: str | None = "A2"
    autofilter: bool = True
    wrap: bool = False
    #: a format for every number of a plain value (a Cell brings its own)
    number_formats: dict[int, str] = field(default_factory=dict)


def neutralise(value: Any) -> Any:
    """A text cell Excel would run as a formula, prefixed with an apostrophe (for CSV); anything else unchanged."""
    if isinstance(value, str) and formula_start(value):  # also after leading spaces: " =HYPERLINK(…)"
        return "'" + value
    return value


def to_csv(table: pd.DataFrame) -> bytes:
    """A table as CSV, UTF-8 with a BOM; numbers with every digit and never an exponent, formulas neutralised.
    The data table's columns get their "中文 key" headers."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        write_csv(path, _csv_header(table), [table])
        return path.read_bytes()


def _csv_header(table: pd.DataFrame) -> list[str]:
    keys = {key for key, _zh, _en in EXPORT_COLUMNS}
    return [export_header(c) if c in keys else str(c) for c in table.columns]


def write_csv(path: str | Path, header: Sequence[str], chunks: Iterable[pd.DataFrame]) -> int:
    """Write chunks of one table (the report's text, or the data table's columns) as one CSV file, UTF-8 with a
    BOM, through DuckDB's COPY (targets.store.write_text_csv: bounded memory whatever the size); returns the
    number of rows."""
    return write_text_csv(path, header, (_csv_cells(chunk) for chunk in chunks), prefix="\ufeff".encode())


def _csv_cells(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the CSV writes it: text neutralised, numbers with every digit (plain_number), whole
    numbers as integers, a missing value (or empty text) as None, i.e. an empty field."""
    cells = {}
    for i, name in enumerate(table.columns):
        column = table.iloc[:, i]
        if pd.api.types.is_float_dtype(column):
            values = [None if v is None or v != v else plain_number(v) for v in column.tolist()]
        elif pd.api.types.is_integer_dtype(column):  # Int64: years and lines
            values = [None if v is None or v is pd.NA else str(v) for v in column.tolist()]
        else:
            values = [_text_cell(v) for v in column.tolist()]
        cells[str(name)] = pd.Series(values, dtype="object")
    return pd.DataFrame(cells)


def _text_cell(value: Any) -> str | None:
    if value.__class__ is str:  # most cells: text, neutralised
        return ("'" + value if formula_start(value) else value) if value else None
    value = plain_value(value)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return neutralise(value)
    return plain_number(value) if isinstance(value, float) else str(value)


class _SheetWriter:
    """Rows of one worksheet written by xlsxwriter as they come (constant memory: a row goes to disk when the
    next starts; the sheets of one workbook may be written in turn): bold header, widths, frozen panes,
    filters over what was written. Text is always text (never a formula, number or link; no apostrophe
    shows); a number keeps a format that never shows an exponent."""

    def __init__(self, book: Any, content: Sheet) -> None:
        self.book, self.content = book, content
        self.sheet = book.add_worksheet(content.name)
        self._formats: dict[tuple[str | None, bool], Any] = {}
        for column, width in content.widths.items():
            self.sheet.set_column(column - 1, column - 1, width)
        if content.freeze:
            self.sheet.freeze_panes(content.freeze)
        if content.header:
            self.sheet.write_row(0, 0, content.header, book.add_format({"bold": True}))
        self.row = 1 if content.header else 0

    def _format(self, number_format: str | None) -> Any:
        key = (number_format, self.content.wrap)
        if key not in self._formats:
            spec: dict[str, Any] = {"num_format": number_format} if number_format else {}
            if self.content.wrap:
                spec |= {"text_wrap": True, "valign": "top"}
            self._formats[key] = self.book.add_format(spec) if spec else None
        return self._formats[key]

    def write(self, values: Sequence[Any]) -> None:
        for c, value in enumerate(values):
            self._cell(c, value)
        self.row += 1

    def _cell(self, column: int, value: Any) -> None:
        number_format = None
        if isinstance(value, Cell):
            number_format = value.number_format if value.value is not None else None
            value = value.stored
        value = plain_value(value)
        if value is None or value == "":
            if self.content.wrap:
                self.sheet.write_blank(self.row, column, None, self._format(None))
            return
        if isinstance(value, bool):
            self.sheet.write_boolean(self.row, column, value, self._format(None))
        elif isinstance(value, int | float):
            if number_format is None:
                number_format = self.content.number_formats.get(column + 1) or _number_format(value)
            self.sheet.write_number(self.row, column, value, self._format(number_format))
        else:
            self.sheet.write_string(self.row, column, str(value), self._format(None))

    def write_frame(self, frame: pd.DataFrame) -> None:
        """Every row of `frame`, as `write` would write them, but typed once per column: a column of floats,
        of whole numbers or of text goes straight to xlsxwriter (no per-cell type tests); any other column
        cell by cell through `_cell`."""
        columns = [_column_cells(frame.iloc[:, i]) for i in range(frame.shape[1])]
        sheet, wrap, general = self.sheet, self.content.wrap, self._format(None)
        writers = [self._column_writer(c, kind) for c, (kind, _values) in enumerate(columns)]
        for values in zip(*[values for _kind, values in columns], strict=True):
            row = self.row
            for c, value in enumerate(values):
                how = writers[c]
                if how is None:
                    self._cell(c, value)
                elif how is str:  # a text column: its text as text (never a formula); anything else by `_cell`
                    if value.__class__ is not str:
                        self._cell(c, value)
                    elif value:
                        sheet.write_string(row, c, value, general)
                    elif wrap:
                        sheet.write_blank(row, c, None, general)
                elif value is None or value is pd.NA or value != value:  # a number column's missing value
                    if wrap:
                        sheet.write_blank(row, c, None, general)
                else:
                    sheet.write_number(row, c, value, how(value))
            self.row += 1

    def _column_writer(self, column: int, kind: str) -> Any:
        """How `write_frame` writes a column's cells: None (cell by cell), `str` (text, else cell by cell) or
        the number format of each number (the sheet's for the column, else `_number_format`)."""
        if kind == "any":
            return None
        if kind == "text":
            return str
        fixed = self.content.number_formats.get(column + 1)
        if fixed:
            fmt = self._format(fixed)
            return lambda _value: fmt
        return lambda value: self._format(_number_format(value))

    def finish(self) -> None:
        columns = len(self.content.header)
        if self.content.autofilter and columns:
            self.sheet.autofilter(0, 0, max(self.row - 1, 0), columns - 1)


def _column_cells(column: pd.Series) -> tuple[str, list]:
    """("number" | "text" | "any", the column's values) for `_SheetWriter.write_frame`: floats or whole numbers
    (float64, int64, Int64: numbers and NaN or NA; never bool), text (str: text and NaN), anything else."""
    dtype = column.dtype
    if dtype.kind in "fiu":
        return "number", column.tolist()
    if isinstance(dtype, pd.StringDtype):
        return "text", column.tolist()
    return "any", column.tolist()


def _workbook(out: str | Path | io.BytesIO) -> Any:
    import xlsxwriter

    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": True,
    }
    return xlsxwriter.Workbook(out, options)


def sheets_xlsx(sheets: Iterable[Sheet]) -> bytes:
    """Sheets as a workbook (`_SheetWriter`), one after the other."""
    out = io.BytesIO()
    book = _workbook(out)
    try:
        for content in sheets:
            writer = _SheetWriter(book, content)
            for values in content.rows:
                writer.write(values)
            writer.finish()
    finally:
        book.close()
    return out.getvalue()


def _number_format(value: float) -> str:
    """A format that never shows an exponent (General writes 1.62E+12) nor a trailing point."""
    if float(value).is_integer():
        return "0" if abs(value) < 1e4 else "#,##0"
    return "#,##0.0#########" if abs(value) >= 1e4 else "0.0#########"


def report_sheet(lang: str = "zh") -> Sheet:
    """The report's worksheet (报告 / Report), its rows written chunk by chunk (`report_cells`)."""
    header = [en if lang == "en" else zh for _key, zh, en, _width in REPORT_COLUMNS]
    widths = {i: width for i, (*_rest, width) in enumerate(REPORT_COLUMNS, start=1)}
    return Sheet("Report" if lang == "en" else "报告", header, [], widths, freeze="B2", wrap=True)


def data_sheet() -> Sheet:
    """The full data table's worksheet (数据), its rows written chunk by chunk (`comparison_table`)."""
    keys = [key for key, _zh, _en in EXPORT_COLUMNS]
    position = {key: i for i, key in enumerate(keys, start=1)}
    widths = {position[k]: w for k, w in (("indicator", 26), ("plan_name", 30), ("reason", 60), ("quote", 40))}
    widths |= {i: 14 for i in position.values() if i not in widths}
    header = [export_header(k) for k in keys]
    return Sheet("数据", header, [], widths, freeze="C2", number_formats={position["attainment"]: "0.0%"})


def write_xlsx(
    out: str | Path | io.BytesIO, store: Store, chunks: Iterable[pd.DataFrame], filters: ExportFilters
) -> int:
    """Write comparison rows (chunks of `comparison_rows`) as the workbook: 报告 (the report), 数据 (every
    column), 说明 (filters, columns, units, sources), 实际值 (the uploads that count now), each row to disk as
    it is written, so memory holds one chunk whatever the size; returns the rows."""
    book = _workbook(out)
    try:
        report = _SheetWriter(book, report_sheet(filters.lang))
        data = _SheetWriter(book, data_sheet())
        about = _SheetWriter(book, Sheet("说明", [], [], {1: 34, 2: 80}, freeze=None, autofilter=False))
        current = _SheetWriter(book, Sheet(SHEET_NAMES[0], [actual_header(c) for c in TEMPLATE_COLUMNS], []))
        summary = _Summary()
        for rows in chunks:
            table = comparison_table(store, filters, rows)
            summary.add(table)
            for cells in report_cells(rows, filters.lang):
                report.write([cells[key] for key, *_ in REPORT_COLUMNS])
            data.write_frame(table)
        for line in _about(store, summary, filters):
            about.write(line)
        for frame in _current_actuals_chunks(store, filters.plans):
            current.write_frame(frame)
        for writer in (report, data, about, current):
            writer.finish()
    finally:
        book.close()
    return summary.rows


def to_xlsx(store: Store, rows: pd.DataFrame, filters: ExportFilters) -> bytes:
    """The workbook of `write_xlsx` for comparison rows already read."""
    out = io.BytesIO()
    write_xlsx(out, store, [rows], filters)
    return out.getvalue()


def render(
    store: Store, rows: pd.DataFrame, fmt: str, filters: ExportFilters | None = None, table: str = "report"
) -> bytes:
    """Comparison rows (from `comparison_rows`) as file content in `fmt` ("csv" or "xlsx"); a CSV holds the
    report (`table="report"`) or the full data (`"data"`)."""
    filters = filters or ExportFilters()
    _check(fmt, table)
    if fmt == "xlsx":
        return to_xlsx(store, rows, filters)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        _write_csv_export(path, store, [rows], filters, table)
        return path.read_bytes()


def _check(fmt: str, table: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (csv or xlsx)")
    if table not in TABLES:
        raise ValueError(f"unknown export table {table!r} (report or data)")


def _write_csv_export(
    path: str | Path, store: Store, chunks: Iterable[pd.DataFrame], filters: ExportFilters, table: str
) -> int:
    if table == "data":
        header = [export_header(key) for key, _, _ in EXPORT_COLUMNS]
        return write_csv(path, header, (comparison_table(store, filters, rows) for rows in chunks))
    report_header = [en if filters.lang == "en" else zh for _key, zh, en, _width in REPORT_COLUMNS]
    return write_csv(path, report_header, (report_table(rows, filters.lang) for rows in chunks))


def export(store: Store, fmt: str, filters: ExportFilters | None = None, table: str = "report") -> bytes:
    """The export in `fmt` ("csv" or "xlsx") with the given filters."""
    filters = filters or ExportFilters()
    return render(store, comparison_rows(store, filters), fmt, filters, table)


def write_export(
    store: Store,
    path: str | Path,
    fmt: str,
    filters: ExportFilters | None = None,
    table: str = "report",
    chunk_targets: int = CHUNK_TARGETS,
) -> int:
    """Stream the export to `path`, a chunk of indicators at a time (`comparison_chunks`): the comparison of
    everything in bounded memory. Returns the number of rows written; raises ValueError for an unknown format
    or table (before anything is written). `path` is only ever a whole export: an export that fails leaves
    what was there before."""
    filters = filters or ExportFilters()
    _check(fmt, table)
    chunks = comparison_chunks(store, filters, chunk_targets)
    # written beside the file and moved onto it when complete: a failed or interrupted export leaves no
    # workbook that opens with half the rows (xlsxwriter writes whatever it has when the book is closed)
    path = Path(path)
    partial = path.with_name(f"{path.stem}.partial{path.suffix}")
    try:
        if fmt == "csv":
            rows = _write_csv_export(partial, store, chunks, filters, table)
        else:
            rows = write_xlsx(partial, store, chunks, filters)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)
    return rows


def _int(x: Any) -> int | None:
    if x.__class__ is int:  # most cells: a line, a year
        return x
    if x is None:
        return None
    try:
        return None if pd.isna(x) else int(x)
    except (TypeError, ValueError):
        return None


def sources_note(rows: pd.DataFrame, lang: str = "zh") -> str:
    """One note naming every source of a set of comparison rows (for a chart exported into a report): the
    documents of the targets (title, issuer, date) and the sources of the actuals (document or upload)."""
    en = lang == "en"
    documents: dict[str, None] = {}
    actual: dict[str, None] = {}
    for r in rows.to_dict("records"):
        place = _document_place(
            r.get("doc_title"), r.get("doc_issuer"), r.get("doc_published"), {"doc_id": r.get("doc_id")}, lang
        )
        documents[place] = None
        if isinstance(r.get("actual_where"), str) and r["actual_where"]:
            origin = origin_label(r.get("actual_origin"), lang)
            actual[f"{origin} {r.get('actual_source') or ''}".strip()] = None
    joiner = "; " if en else "；"
    note = ("Sources: " if en else "来源：") + joiner.join(documents)
    if actual:
        note += (". Actuals: " if en else "。实际值：") + joiner.join(actual)
    return note + ("." if en else "。")
