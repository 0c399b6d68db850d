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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from targets.actuals import SHEET_NAMES, TEMPLATE_COLUMNS, formula_start, unit_label
from targets.actuals import header as actual_header
from targets.compare import comparison, plain_value
from targets.formatting import plain_number, quantity, target
from targets.origins import origin_label, others_text
from targets.store import Store
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


def comparison_table(store: Store, filters: ExportFilters | None = None) -> pd.DataFrame:
    """The comparison rows to export, keyed by `EXPORT_COLUMNS`' keys, in indicator then plan order."""
    filters = filters or ExportFilters()
    frame = comparison(store, filters.indicator_ids or None, filters.plans or None, filters.as_of)
    if filters.categories:
        frame = frame[frame["category"].isin(filters.categories)]
    if filters.statuses:
        frame = frame[frame["status"].isin(filters.statuses)]
    frame = frame.reset_index(drop=True)
    categories = dict(zip(*[store.categories()[c] for c in ("category_id", "name_zh")], strict=True))
    records = frame.to_dict("records")
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
                for r in records
            ],
            "target_year": frame["target_year"],
            "target_period": frame["period"].map(lambda p: label_of(Period, p)),
            "window_start": frame["window_start"],
            "annual_equivalent": frame["annual_equivalent"],
            "baseline": frame["baseline"],
            "baseline_year": frame["baseline_year"],
            "period": frame["actual_period"],
            "value": frame["observed"].astype("float64"),
            "value_text": [quantity(r["observed"], r["unit"], word=r["unit_word"]) for r in records],
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


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell neutralised (numbers untouched)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def _with_headers(frame: pd.DataFrame) -> pd.DataFrame:
    shown = _safe(frame)
    shown.columns = [export_header(c) for c in frame.columns]
    return shown


def to_csv(table: pd.DataFrame) -> bytes:
    """The table as CSV, UTF-8 with a BOM; numbers with every digit and never an exponent."""
    shown = _with_headers(table)
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(plain_number)
    return shown.to_csv(index=False).encode("utf-8-sig")


def about_rows(store: Store, table: pd.DataFrame, filters: ExportFilters) -> list[list[Any]]:
    """The 说明 sheet: what was exported, with which filters, what each column means, units, sources."""
    rows: list[list[Any]] = [
        ["规划目标监测 · 对比表导出 / Target monitor comparison export"],
        ["生成时间 generated", datetime.now().strftime("%Y-%m-%d %H:%M")],
        ["行数 rows", len(table)],
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
    if not table.empty:
        units = table[["indicator_id", "indicator", "unit"]].drop_duplicates().sort_values("indicator_id")
        rows.extend([[r.indicator_id, r.indicator, r.unit or "(无单位 no unit)"] for r in units.itertuples()])
    rows.extend([[], ["来源文件 source documents", "标题 title", "发布机关 issuer", "发布日期 published"]])
    docs = store.documents()
    used = set(table["document"]) if not table.empty else set()
    for d in docs[docs["doc_id"].isin(used)].itertuples():
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
    regions = None
    if plans:
        known = store.plans()
        regions = sorted(set(known.loc[known["plan_id"].isin(plans), "region_id"]))
    current = store.current_actuals(regions)
    names = dict(zip(*[store.indicators()[c] for c in ("indicator_id", "name_zh")], strict=True))
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
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "对比"
    shown = _with_headers(table)
    sheet.append(list(shown.columns))
    for record in shown.itertuples(index=False):
        sheet.append([_cell(v) for v in record])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    position = {key: i + 1 for i, key in enumerate(table.columns)}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = _number_format(cell.value, cell.column == position["attainment"])
    widths = {"indicator": 26, "plan_name": 30, "reason": 60, "reason_en": 60, "quote": 50, "document": 28}
    for key, i in position.items():
        sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = widths.get(key, 14)

    about = book.create_sheet("说明")
    for row in about_rows(store, table, filters):
        about.append([_cell(neutralise(v)) for v in row])
    about.column_dimensions["A"].width = 34
    about.column_dimensions["B"].width = 80

    current = _safe(current_actuals_sheet(store, filters.plans))
    actual_sheet = book.create_sheet(SHEET_NAMES[0])
    actual_sheet.append(list(current.columns))
    for record in current.itertuples(index=False):
        actual_sheet.append([_cell(v) for v in record])
    for cell in actual_sheet[1]:
        cell.font = Font(bold=True)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number_format(value: Any, share: bool) -> str:
    """An Excel number format that never shows an exponent: General would write 1.62E+12."""
    if share:
        return "0.0%"
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e11:
        return "0" if float(value).is_integer() else "0.00"
    return "General"


def _cell(value: Any) -> Any:
    """A value openpyxl can write: NaN/NA become empty cells, numpy numbers plain Python numbers."""
    return plain_value(value)


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


def write_export(store: Store, path: str | Path, fmt: str, filters: ExportFilters | None = None) -> int:
    """Write the export to `path`; returns the number of rows written."""
    filters = filters or ExportFilters()
    table = comparison_table(store, filters)
    Path(path).write_bytes(render(store, table, fmt, filters))
    return len(table)
