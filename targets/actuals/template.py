"""The template a planner fills in (CSV, or a workbook with its help, regions and indicators sheets), a template
prefilled for one plan, and rows typed in the dashboard turned into an upload.

The template's example rows are marked 示例 in its first column, and an import skips them with a warning
(`example-row`): importing the template unchanged writes nothing. A plan's template lists every catalog
target of the plan (region, indicator, year, its unit as the plan writes it, the target in the note) with
the value empty: the rows a planner leaves empty are skipped (`skipped-row`)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from targets.actuals.cells import unit_label
from targets.actuals.columns import COLUMNS as ALL_COLUMNS
from targets.actuals.columns import EXAMPLE_COLUMN, header
from targets.actuals.columns import TEMPLATE_COLUMNS as COLUMNS
from targets.actuals.files import SHEET_NAMES
from targets.catalog import Catalog, load_catalog

#: example rows of the template: real published figures, marked 示例 (an import skips them)
TEMPLATE_EXAMPLES: tuple[dict[str, Any], ...] = (
    {
        "region": "成都市",
        "indicator_id": "international_freight_trains",
        "indicator": "国际班列开行量",
        "period": 2022,
        "value": 5064,
        "unit": "列",
        "source": "http://drive.dizo.com.cn/guonei/2023/0203/100031029.html",
        "note": "原文:开行国际班列5064列、增长19.2%",
    },
    {
        "region": "重庆市",
        "indicator_id": "gdp",
        "indicator": "地区生产总值",
        "period": 2023,
        "value": 30145.79,
        "unit": "亿元",
        "source": "https://cq.gov.cn/zwgk/zfxxgkml/zdlyxxgk/ghjh/gmjjhshfzjh/202402/t20240229_12972925.html",
        "note": "原文:达到30145.79亿元、增长6.1%",
    },
    {
        "region": "成都市温江区",
        "indicator_id": "urbanization_rate",
        "indicator": "常住人口城镇化率",
        "period": 2023,
        "value": 79.18,
        "unit": "%",
        "source": "http://mbji.cn/mbji/温江县/10732928",
        "note": "原文:截至2023年末,温江区常住人口101.11万人,城镇化率79.18%",
    },
)

_COLUMN_HELP: dict[str, tuple[str, str]] = {
    "region": (
        "地区名称或代码(见「地区」表),必填;旧模板的「规划」列仍可用,按规划所属地区导入",
        "region name or code (see the regions sheet); required. An older template's plan column still "
        "works: the plan stands for its region",
    ),
    "indicator_id": (
        "指标编号(见「指标」表);与「指标」至少填一个",
        "indicator id (see the indicators sheet); this or 'indicator' is required",
    ),
    "indicator": (
        "指标名称;名称只对应一个指标时可不填编号",
        "indicator name; enough on its own when it names exactly one indicator",
    ),
    "period": (
        "年份,四位数字,不晚于今年",
        "year, four digits, not later than this year",
    ),
    "value": ("数值,只填数字(可为负数)", "the number only (may be negative)"),
    "unit": (
        "单位,可带量级:万人、亿元、万亩、%、个百分点;比值和指数可不填",
        "unit, with magnitude: 万人, 亿元, 万亩, %, 个百分点; none for ratios and indices",
    ),
    "source": ("来源(网址或文件),可不填", "source (URL or document); optional"),
    "note": ("备注(原文、口径说明),可不填", "note (quote, definitions); optional"),
    EXAMPLE_COLUMN: (
        "填「示例」的行是示例,导入时跳过;自己的数据请留空此列",
        "rows marked 示例 are examples, skipped on import; leave it empty in your own rows",
    ),
}


#: the template's columns: the example marker first, then the upload's
SHEET_COLUMNS = (EXAMPLE_COLUMN, *COLUMNS)
#: what marks an example row
EXAMPLE_MARK = "示例"


def template_frame(rows: Sequence[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """The template's first sheet: the header row ("示例 example", "地区 region" ...) and its rows (the
    example rows, marked 示例, unless `rows` are given)."""
    if rows is None:
        rows = [{EXAMPLE_COLUMN: EXAMPLE_MARK, **r} for r in TEMPLATE_EXAMPLES]
    return pd.DataFrame(
        [[r.get(c) for c in SHEET_COLUMNS] for r in rows], columns=[header(c) for c in SHEET_COLUMNS], dtype=object
    )


def template_csv(rows: Sequence[Mapping[str, Any]] | None = None) -> bytes:
    """The template as CSV in UTF-8 with a BOM (Excel on Chinese Windows opens it correctly)."""
    return template_frame(rows).to_csv(index=False).encode("utf-8-sig")


def plan_rows(targets: pd.DataFrame, catalog: Catalog) -> list[dict[str, Any]]:
    """The rows of a template for one plan from its comparison rows (`targets.compare.comparison`): every
    year of every target's window, for its region and indicator, in the unit the plan writes (or the
    indicator's), the value empty and the target in the note. One row per region, indicator and year."""
    from targets.formatting import target as target_text

    rows: dict[tuple[str, str, int], dict[str, Any]] = {}
    for r in targets.to_dict("records"):
        if r.get("status") in ("scoped", "not_comparable") or r.get("target_year") is None or pd.isna(r["target_year"]):
            continue
        end = int(r["target_year"])
        start = int(r["window_start"]) if not pd.isna(r.get("window_start")) else end
        indicator = catalog.indicators.get(r["indicator_id"])
        unit = _written_unit(r.get("unit_raw"), indicator.norm_unit if indicator else r["unit"])
        shown = target_text(
            r["comparator"], r["target"], r["target_low"], r["target_high"], r["unit"], "zh", r["unit_word"]
        )
        for year in range(start, end + 1):
            key = (r["region_id"], r["indicator_id"], year)
            if key in rows:
                continue
            rows[key] = {
                EXAMPLE_COLUMN: "",
                "region": r["region"],
                "indicator_id": r["indicator_id"],
                "indicator": r["indicator_name_zh"],
                "period": year,
                "value": "",
                "unit": unit,
                "source": "",
                "note": f"目标 {shown}({end}年):{r['quote']}",
            }
    return list(rows.values())


def _written_unit(unit_raw: Any, norm_unit: str) -> str:
    """The plan's written unit when it measures the indicator's unit (万套(间), 亿元), else the indicator's."""
    from targets.units import UnknownUnit, conversion

    if isinstance(unit_raw, str) and unit_raw.strip():
        try:
            if conversion(unit_raw.strip()).norm_unit == norm_unit:
                return unit_raw.strip()
        except UnknownUnit:
            pass
    return unit_label(norm_unit)


def template_xlsx(
    regions: pd.DataFrame | None = None,
    catalog: Catalog | None = None,
    rows: Sequence[Mapping[str, Any]] | None = None,
) -> bytes:
    """The template as an Excel workbook: 实际值 (to fill in), 说明, 地区 and 指标 sheets.

    `regions` is `Store.regions()` (region_id, name_zh, name_en, level); without it the sheet of
    regions lists the example regions only. `catalog` is the store's (`Store.catalog()`); without it,
    data/indicators.toml. `rows` (a plan's, `plan_rows`) replace the example rows.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    catalog = catalog or load_catalog()
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_NAMES[0]
    frame = template_frame(rows)
    sheet.append(list(frame.columns))
    for values in frame.itertuples(index=False):
        sheet.append([None if v == "" else v for v in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHI", (8, 18, 26, 24, 10, 14, 10, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    grey = PatternFill("solid", fgColor="EEEEEE")
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == EXAMPLE_MARK:  # an example row: greyed, and skipped on import
            for cell in row:
                cell.fill = grey
    sheet.freeze_panes = "A2"

    about = book.create_sheet("说明")
    about.append(["列 column", "说明", "description"])
    for c in SHEET_COLUMNS:
        about.append([header(c), *_COLUMN_HELP[c]])
    about.append([])
    about.append(["", "每一行是一个地区、一个指标、一个年份的实际值。", "One row per region, indicator and year."])
    about.append(
        ["", "表头可用中文或英文;其他列会被忽略。", "Headers may be Chinese or English; other columns are ignored."]
    )
    about.append(
        ["", "同一指标同一年份多次上传时,以最新上传为准。", "When a value is uploaded again, the latest upload wins."]
    )
    for cell in about[1]:
        cell.font = Font(bold=True)
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 60
    about.column_dimensions["C"].width = 70

    region_sheet = book.create_sheet("地区")
    region_sheet.append(["地区代码 region_id", "名称 name_zh", "name (en)", "层级 level"])
    if regions is None:
        regions = pd.DataFrame({"name_zh": sorted({str(r["region"]) for r in rows or TEMPLATE_EXAMPLES})})
    for r in regions.to_dict("records"):
        region_sheet.append([r.get("region_id"), r.get("name_zh"), r.get("name_en"), r.get("level")])
    region_sheet.column_dimensions["A"].width = 18
    region_sheet.column_dimensions["B"].width = 30
    region_sheet.column_dimensions["C"].width = 30

    ind_sheet = book.create_sheet("指标")
    ind_sheet.append(
        ["指标编号 indicator_id", "指标 name_zh", "indicator (en)", "单位 unit", "类型 metric", "领域 category"]
    )
    for ind in catalog.indicators.values():
        category = catalog.categories.get(ind.category)
        ind_sheet.append(
            [ind.id, ind.name_zh, ind.name_en, unit_label(ind.norm_unit), ind.metric, category.zh if category else ""]
        )
    ind_sheet.column_dimensions["A"].width = 36
    ind_sheet.column_dimensions["B"].width = 36
    ind_sheet.column_dimensions["C"].width = 44
    for header_row in (region_sheet[1], ind_sheet[1]):
        for cell in header_row:
            cell.font = Font(bold=True)

    n_regions = region_sheet.max_row
    choice = DataValidation(
        type="list", formula1=f"{quote_sheetname('地区')}!$B$2:$B${max(n_regions, 2)}", allow_blank=True
    )
    choice.error = "请选择「地区」表中的地区(名称或代码均可) / choose a region from the regions sheet (name or code)"
    choice.showErrorMessage = True
    choice.errorStyle = "warning"  # a code, an alias or a region added after the template was made can be typed
    sheet.add_data_validation(choice)
    choice.add("B2:B5000")
    ids = DataValidation(
        type="list", formula1=f"{quote_sheetname('指标')}!$A$2:$A${ind_sheet.max_row}", allow_blank=True
    )
    ids.showErrorMessage = False  # a name in the next column is enough; only suggest
    sheet.add_data_validation(ids)
    ids.add("C2:C5000")

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_bytes(
    fmt: str,
    regions: pd.DataFrame | None = None,
    catalog: Catalog | None = None,
    rows: Sequence[Mapping[str, Any]] | None = None,
) -> bytes:
    """The template in `fmt` ("csv" or "xlsx"); `regions` (Store.regions()) fills the workbook's regions sheet;
    `rows` (a plan's, `plan_rows`) replace the example rows."""
    if fmt == "csv":
        return template_csv(rows)
    if fmt == "xlsx":
        return template_xlsx(regions, catalog, rows)
    raise ValueError(f"unknown template format {fmt!r} (csv or xlsx)")


def rows_to_csv(frame: pd.DataFrame) -> bytes:
    """Rows typed in the dashboard (the template's columns, or any upload columns) as a CSV upload, so they
    pass the same checks."""
    columns = list(COLUMNS) + [c for c in ALL_COLUMNS if c in frame.columns and c not in COLUMNS]
    shown = frame.reindex(columns=columns)
    shown = shown.dropna(how="all")
    shown.columns = [header(c) for c in columns]
    return shown.to_csv(index=False).encode("utf-8")
