"""Export the comparison table (indicator × plan) as CSV or Excel for planners who work in Excel.

One row per target (as `targets.compare.comparison` gives it): the target, its comparator, the
latest actual and the figure judged (a multi-year window judges a sum or an average rate), the unit,
gap, attainment, status with its reason, and the source quote and document. The actual is the plan's
region's observation: where it came from (an upload, a statistical communiqué, a later report's
review, a baseline), its source and place (doc:line or batch:row), and the other sources' values
for the same year, so a disagreement between sources is in the file too.
Every number is in the indicator's canonical unit, written the way planners write it (元, 公里, %,
个), so the file reads on its own and re-uploads as actuals (a target in another currency with no stated
rate for its year stays in its own unit, status not comparable); the target and the actual are also
written as the plan writes them (≥ 6万套(间), 23.5万人, by `targets.formatting`): the headers "地区 region",
"规划编号 plan", "指标编号 indicator_id", "指标 indicator", "实际值年份 period", "实际值 value" and "单位
unit" are the actuals template's columns, and rows without an actual are skipped on upload.

CSV is UTF-8 with a BOM (Excel on Chinese Windows opens it without mojibake). The workbook adds a
sheet `说明` describing the filters, columns, units and sources, and a sheet `实际值` with the
uploaded actuals that count now in the template's shape. Text cells that Excel would run as a
formula (starting with = + - @, a tab or a carriage return) are prefixed with an apostrophe;
numbers stay numbers.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from targets.actuals import SHEET_NAMES, TEMPLATE_COLUMNS, formula_start, unit_label
from targets.actuals import header as actual_header
from targets.compare import comparison, plain_value, records
from targets.formatting import plain_number, quantity, target
from targets.origins import origin_label, others_text
from targets.store import Store, write_text_csv
from targets.vocab import Period, Status, label, label_of

FORMATS = ("csv", "xlsx")

#: (key, Chinese header, English description); the file's header is "中文 key"
EXPORT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("indicator_id", "指标编号", "catalog indicator id"),
    ("indicator", "指标", "indicator name (Chinese)"),
    ("indicator_en", "指标英文名", "indicator name (English)"),
    ("category", "领域", "category"),
    ("region", "地区", "the plan's region (its actuals are the region's)"),
    ("plan", "规划编号", "plan id"),
    ("plan_name", "规划名称", "plan name"),
    ("comparator", "比较", "comparator: >= > <= < ~ (about) = range"),
    ("target", "目标值", "target value, in the unit column"),
    ("target_low", "目标下限", "low end of a range target"),
    ("target_high", "目标上限", "high end of a range target"),
    ("unit", "单位", "unit of target, baseline, actual and gap"),
    ("target_text", "目标表述", "the target as planners write it: comparator, 万/亿, the plan's own unit word"),
    ("target_year", "目标年份", "year the target is for"),
    ("target_period", "目标口径", "annual, cumulative (a total over the window) or end_of_period (a level)"),
    ("window_start", "起始年份", "first year of the target's window"),
    ("annual_equivalent", "年均当量", "cumulative target divided by the window's years"),
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
    ("quote", "原文", "the target as written in the document"),
    ("document", "文件", "source document file"),
    ("line", "行号", "line of the quote in the document"),
)


def export_header(key: str) -> str:
    """The file header of an export column ("实际值 value")."""
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


#: comparison targets per chunk of a streamed export: bounds the Python rows held at once (~0.5 KB each)
CHUNK_TARGETS = 10_000


def comparison_table(store: Store, filters: ExportFilters | None = None) -> pd.DataFrame:
    """The comparison rows to export, keyed by `EXPORT_COLUMNS`' keys, in indicator then plan order (the whole
    table at once: for a filtered selection; `comparison_chunks` streams everything)."""
    filters = filters or ExportFilters()
    frame = comparison(store, filters.indicator_ids or None, filters.plans or None, filters.as_of)
    return _table(store, frame, filters)


def comparison_chunks(
    store: Store, filters: ExportFilters | None = None, chunk_targets: int = CHUNK_TARGETS
) -> Iterator[pd.DataFrame]:
    """The rows of `comparison_table`, in its order, a chunk of whole indicators at a time (about
    `chunk_targets` targets each): every row of an indicator depends only on that indicator's targets and
    observations, so the chunks together are the table, while memory holds one chunk."""
    filters = filters or ExportFilters()
    for indicator_ids in _indicator_chunks(store, filters, chunk_targets):
        frame = comparison(store, indicator_ids, filters.plans or None, filters.as_of)
        yield _table(store, frame, filters)


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


def _table(store: Store, frame: pd.DataFrame, filters: ExportFilters) -> pd.DataFrame:
    """Comparison rows (`targets.compare.comparison`) as export rows, the category and status filters applied."""
    if filters.categories:
        frame = frame[frame["category"].isin(filters.categories)]
    if filters.statuses:
        frame = frame[frame["status"].isin(filters.statuses)]
    frame = frame.reset_index(drop=True)
    categories = dict(zip(*[store.categories()[c] for c in ("category_id", "name_zh")], strict=True))
    rows = records(frame[["comparator", "target", "target_low", "target_high", "unit", "unit_word", "observed"]])
    out = pd.DataFrame(
        {
            "indicator_id": frame["indicator_id"],
            "indicator": frame["indicator_name_zh"],
            "indicator_en": frame["indicator_name_en"],
            "category": frame["category"].map(lambda c: categories.get(c, c)),
            "region": frame["region"],
            "plan": frame["plan_id"],
            "plan_name": frame["plan_name_zh"],
            "comparator": frame["comparator"],
            "target": frame["target"],
            "target_low": frame["target_low"],
            "target_high": frame["target_high"],
            "unit": frame["unit"].map(unit_label),
            "target_text": [
                target(r["comparator"], r["target"], r["target_low"], r["target_high"], r["unit"], word=r["unit_word"])
                for r in rows
            ],
            "target_year": frame["target_year"],
            "target_period": frame["period"].map(lambda p: label_of(Period, p)),
            "window_start": frame["window_start"],
            "annual_equivalent": frame["annual_equivalent"],
            "baseline": frame["baseline"],
            "baseline_year": frame["baseline_year"],
            "period": frame["actual_period"],
            "value": frame["observed"].astype("float64"),
            "value_text": [quantity(r["observed"], r["unit"], word=r["unit_word"]) for r in rows],
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
            "quote": frame["quote"],
            "document": frame["doc_id"],
            "line": frame["line"],
        }
    )
    for column in ("target_year", "window_start", "baseline_year", "period", "line"):
        out[column] = out[column].astype("Int64")
    return out.reset_index(drop=True)


def neutralise(value: Any) -> Any:
    """A text cell Excel would run as a formula, prefixed with an apostrophe; anything else unchanged."""
    if isinstance(value, str) and formula_start(value):  # also after leading spaces: " =HYPERLINK(…)"
        return "'" + value
    return value


def to_csv(table: pd.DataFrame) -> bytes:
    """The table as CSV, UTF-8 with a BOM; numbers with every digit and never an exponent."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        write_csv(path, [table])
        return path.read_bytes()


def write_csv(path: str | Path, chunks: Iterable[pd.DataFrame]) -> int:
    """Write export rows (chunks of `comparison_table`'s columns) as one CSV file, UTF-8 with a BOM, through
    DuckDB's COPY (targets.store.write_csv: bounded memory whatever the size); returns the number of rows."""
    header = [export_header(key) for key, _, _ in EXPORT_COLUMNS]
    return write_text_csv(path, header, (_csv_cells(chunk) for chunk in chunks), prefix="\ufeff".encode())


def _csv_cells(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the CSV writes it: text neutralised, numbers with every digit (plain_number), whole
    numbers as integers, a missing value (or empty text) as None, i.e. an empty field."""
    cells = {}
    for key, _, _ in EXPORT_COLUMNS:
        column = table[key]
        if pd.api.types.is_float_dtype(column):
            values = [None if v is None or v != v else plain_number(v) for v in column.tolist()]
        elif pd.api.types.is_integer_dtype(column):  # Int64: years and lines
            values = [None if v is None or v is pd.NA else str(v) for v in column.tolist()]
        else:
            values = [_text_cell(v) for v in column.tolist()]
        cells[key] = pd.Series(values, dtype="object")
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


@dataclass
class _Summary:
    """What the 说明 sheet says about the exported rows, gathered chunk by chunk."""

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
        ["列 column", "说明 meaning"],
        *[[f"{zh} {key}", en] for key, zh, en in EXPORT_COLUMNS],
        [],
        ["单位 units", "数值均已换算为指标的标准单位 / every number is in the indicator's canonical unit"],
    ]
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


def _current_actuals_chunks(
    store: Store, plans: Sequence[str] | None, rows: int = 50_000
) -> Iterator[pd.DataFrame]:
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


def to_xlsx(store: Store, table: pd.DataFrame, filters: ExportFilters) -> bytes:
    """The table as a workbook: 对比 (the table), 说明 (filters, columns, units, sources), 实际值."""
    out = io.BytesIO()
    write_xlsx(out, store, [table], filters)
    return out.getvalue()


#: column widths of the 对比 sheet (others 14)
_WIDTHS = {"indicator": 26, "plan_name": 30, "reason": 60, "reason_en": 60, "quote": 50, "document": 28}


def write_xlsx(
    out: str | Path | io.BytesIO, store: Store, chunks: Iterable[pd.DataFrame], filters: ExportFilters
) -> int:
    """Write export rows (chunks of `comparison_table`'s columns) as the workbook `to_xlsx` describes, by
    xlsxwriter in constant-memory mode: each row goes to disk as it is written, so memory holds one chunk
    whatever the size. Text is always written as text (never a formula, number or link); returns the rows."""
    import xlsxwriter  # type: ignore[import-untyped]

    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": True,
    }
    book = xlsxwriter.Workbook(out, options)
    bold = book.add_format({"bold": True})
    formats = {"0.0%": book.add_format({"num_format": "0.0%"}), "0": book.add_format({"num_format": "0"})}
    formats["0.00"] = book.add_format({"num_format": "0.00"})
    try:
        sheet = book.add_worksheet("对比")
        keys = [key for key, _, _ in EXPORT_COLUMNS]
        for i, key in enumerate(keys):
            sheet.set_column(i, i, _WIDTHS.get(key, 14))
        sheet.freeze_panes(1, 2)
        sheet.write_row(0, 0, [export_header(k) for k in keys], bold)
        share = keys.index("attainment")
        summary, r = _Summary(), 1
        for chunk in chunks:
            summary.add(chunk)
            columns = [chunk[k].tolist() for k in keys]
            for row in zip(*columns, strict=True):
                for c, value in enumerate(row):
                    _write_cell(sheet, r, c, neutralise(plain_value(value)), formats, c == share)
                r += 1
        about = book.add_worksheet("说明")
        about.set_column(0, 0, 34)
        about.set_column(1, 1, 80)
        for i, line in enumerate(_about(store, summary, filters)):
            for c, value in enumerate(line):
                _write_cell(about, i, c, neutralise(plain_value(value)), formats, False)
        current = book.add_worksheet(SHEET_NAMES[0])
        current.write_row(0, 0, [actual_header(c) for c in TEMPLATE_COLUMNS], bold)
        i = 1
        for frame in _current_actuals_chunks(store, filters.plans):
            for row in frame.itertuples(index=False):
                for c, value in enumerate(row):
                    _write_cell(current, i, c, neutralise(plain_value(value)), formats, False)
                i += 1
    finally:
        book.close()
    return summary.rows


def _write_cell(sheet: Any, row: int, column: int, value: Any, formats: dict[str, Any], share: bool) -> None:
    """One cell: text as text, a number as a number in a format that never shows an exponent, else blank."""
    if value is None:
        return
    if isinstance(value, str):
        sheet.write_string(row, column, value)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        number_format = _number_format(value, share)
        sheet.write_number(row, column, value, formats.get(number_format))
    else:
        sheet.write_string(row, column, str(value))


def _number_format(value: Any, share: bool) -> str:
    """An Excel number format that never shows an exponent: General would write 1.62E+12."""
    if share:
        return "0.0%"
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e11:
        return "0" if float(value).is_integer() else "0.00"
    return "General"


def render(store: Store, table: pd.DataFrame, fmt: str, filters: ExportFilters | None = None) -> bytes:
    """A comparison table (from `comparison_table`) as file content in `fmt` ("csv" or "xlsx")."""
    if fmt == "csv":
        return to_csv(table)
    if fmt == "xlsx":
        return to_xlsx(store, table, filters or ExportFilters())
    raise ValueError(f"unknown export format {fmt!r} (csv or xlsx)")


def export(store: Store, fmt: str, filters: ExportFilters | None = None) -> bytes:
    """The comparison table in `fmt` ("csv" or "xlsx") with the given filters."""
    filters = filters or ExportFilters()
    return render(store, comparison_table(store, filters), fmt, filters)


def write_export(
    store: Store, path: str | Path, fmt: str, filters: ExportFilters | None = None, chunk_targets: int = CHUNK_TARGETS
) -> int:
    """Stream the export to `path`, a chunk of indicators at a time (`comparison_chunks`): the comparison of
    everything in bounded memory. Returns the number of rows written; raises ValueError for an unknown format
    (before anything is written)."""
    filters = filters or ExportFilters()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (csv or xlsx)")
    chunks = comparison_chunks(store, filters, chunk_targets)
    if fmt == "csv":
        return write_csv(path, chunks)
    return write_xlsx(path, store, chunks, filters)
