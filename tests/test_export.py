"""The export a planner puts in a report: a report sheet first (Chinese headers, numbers as the plan writes them
and still numbers, a frozen header and filters, a source behind every row), the full data second, the CSV the
same report table; formulas never run and no apostrophe shows."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pytest
from openpyxl import load_workbook

from targets import actuals, corrections, export
from targets.audit import Actor
from targets.store import Store
from tests.actuals_support import copy_db, csv_bytes
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"
REPORT_HEADER = ["指标", "规划", "目标", "目标年份", "实际值", "完成情况", "差距", "判断依据", "来源", "备注"]


@pytest.fixture(scope="module")
def uploaded(seeded_db, tmp_path_factory):
    """A copy of the seeded database with the sample uploaded by an account named like a formula."""
    with Store(copy_db(seeded_db, tmp_path_factory.mktemp("export"))) as store:
        actuals.import_actuals(store, SAMPLE, by=Actor("=cmd", "cli:=cmd"))
        housing = csv_bytes([("chengdu_2022", "affordable_rental_housing", 2022, 6.5, "万套")])
        actuals.import_actuals(store, housing, file_name="住房.csv", by=Actor("=cmd", "cli:=cmd"))
        yield store


def rows_of(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def shown(value: object, number_format: str) -> str:
    """What Excel shows for a number under one of the export's formats ("≥ "0.0"万人"; "高"0"套";"低"0"套")."""
    sections = number_format.split(";")
    section = sections[1] if len(sections) > 1 and isinstance(value, int | float) and value < 0 else sections[0]
    match = re.fullmatch(r'(?:"([^"]*)")?([#,0]+(?:\.0+)?)(?:"([^"]*)")?', section)
    assert match, number_format
    before, digits, after = match.groups()
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    number = f"{abs(value) if len(sections) > 1 else value:,.{decimals}f}"  # type: ignore[arg-type]
    return (before or "") + (number if "," in digits else number.replace(",", "")) + (after or "")


def workbook(store: Store, **filters):
    return load_workbook(io.BytesIO(export.export(store, "xlsx", export.ExportFilters(**filters))))


def test_the_report_sheet_comes_first_with_chinese_headers_a_frozen_header_and_filters(uploaded):
    book = workbook(uploaded, plans=("chengdu_2022",))
    assert book.sheetnames == ["报告", "数据", "说明", "实际值"]
    sheet = book["报告"]
    assert [c.value for c in sheet[1]] == REPORT_HEADER
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == f"A1:J{sheet.max_row}"
    rows = export.comparison_rows(uploaded, export.ExportFilters(plans=("chengdu_2022",)))
    assert sheet.max_row == len(rows) + 1
    assert book["数据"].auto_filter.ref and book["数据"].freeze_panes == "C2"


def test_a_report_cell_is_a_number_that_reads_as_the_plan_writes_it(uploaded):
    """Chengdu 2022: 筹集保障性租赁住房6万套(间); the uploaded 6.5万 is 5000套(间) above it."""
    sheet = workbook(uploaded, plans=("chengdu_2022",), indicator_ids=("affordable_rental_housing",))["报告"]
    target, actual, gap = sheet["C2"], sheet["E2"], sheet["G2"]
    assert (target.value, target.number_format) == (6, '0"万套(间)"')
    assert shown(target.value, target.number_format) == "6万套(间)"
    assert shown(actual.value, actual.number_format) == "6.5万套(间)（2022年）"
    assert shown(gap.value, gap.number_format) == "高5000套(间)" and gap.value == 5000
    assert (sheet["D2"].value, sheet["F2"].value) == (2022, "已完成")


def test_the_report_states_the_comparator_the_gap_from_the_target_and_the_source(uploaded):
    rows = export.comparison_rows(uploaded, export.ExportFilters(plans=("chengdu_2022",)))
    report = export.report_table(rows).set_index("指标")
    gdp = report.loc["地区生产总值增速"]
    assert (gdp["目标"], gdp["实际值"], gdp["完成情况"], gdp["差距"]) == (
        "≈ 7%",
        "2.8%（2022年）",
        "未完成",
        "低4.2个百分点",
    )
    assert "比目标≈ 7%低4.2个百分点" in gdp["判断依据"]
    source = report.loc["保障性租赁住房筹集", "来源"]
    assert source.startswith("目标：2022年《政府工作报告》目标任务责任分解方案（成都市人民政府，2022-02-25）第375行：")
    assert "【6万套(间)】" in source
    assert "实际值：上传文件住房.csv，批次" in source and "第2行，上传人=cmd" in source
    ceiling = export.report_cells(rows[rows["indicator_id"] == "air_quality_good_rate"])[0]["target"]
    assert (ceiling.text, ceiling.value, ceiling.number_format) == ("≥ 81%", 81, '"≥ "0"%"')


def test_the_csv_is_the_report_table(uploaded):
    filters = export.ExportFilters(plans=("chengdu_2022",))
    rows = export.comparison_rows(uploaded, filters)
    read = rows_of(export.render(uploaded, rows, "csv", filters))
    assert list(read[0]) == REPORT_HEADER and len(read) == len(rows)
    assert read == export.report_table(rows).to_dict("records")
    english = rows_of(export.render(uploaded, rows, "csv", export.ExportFilters(lang="en")))
    assert list(english[0])[:3] == ["Indicator", "Plan", "Target"] and english[0]["Status"] in ("No data", "Achieved")


def test_the_data_sheet_has_every_column_with_signs_not_codes_and_no_apostrophe(uploaded):
    sheet = workbook(uploaded)["数据"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == [
        "指标编号 indicator_id",
        "指标 indicator",
        "指标英文名 indicator_en",
        "领域 category",
        "地区 region",
    ]
    comparators = {r[header.index("比较 comparator")] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert comparators <= {"≥", ">", "≤", "<", "约", "区间", None} and ">=" not in comparators
    texts = [c.value for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith("'")]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "international_freight_trains")
    assert (row[header.index("目标值 target")], row[header.index("单位 unit")]) == (4300, "个")


def test_text_a_spreadsheet_would_run_is_text_in_the_workbook_and_neutralised_in_the_csv(uploaded):
    rows = export.comparison_rows(uploaded).head(3).copy()
    rows.loc[0, "indicator_name_zh"] = '=HYPERLINK("http://evil.example","x")'
    assert rows_of(export.render(uploaded, rows, "csv"))[0]["指标"].startswith("'=HYPERLINK")
    book = load_workbook(io.BytesIO(export.to_xlsx(uploaded, rows, export.ExportFilters())))
    cell = book["报告"]["A2"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://evil.example","x")')  # text: no formula, no '
    about = [c for r in book["说明"].iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert "=cmd" in about  # the uploader's name, as a text cell
    assert export.neutralise("=1+1") == "'=1+1" and export.neutralise("+86 28") == "'+86 28"
    assert export.neutralise("成都") == "成都" and export.neutralise(-5.0) == -5.0


def test_the_workbook_describes_itself_and_carries_the_current_actuals(uploaded):
    book = workbook(uploaded, plans=("chongqing_2027", "chengdu_2025"))
    about = {r[0]: r[1:] for r in book["说明"].iter_rows(values_only=True) if r and r[0]}
    assert about["规划 plans"][0] == "chongqing_2027, chengdu_2025"
    assert "实际值 value" in about and "affordable_rental_housing" in about
    assert "004_6ac9e479cb7c47bc.txt" in about
    current = list(book["实际值"].iter_rows(values_only=True))
    assert current[0] == tuple(actuals.header(c) for c in actuals.TEMPLATE_COLUMNS)
    assert {r[0] for r in current[1:]} == {"重庆市", "成都市"}


@dataclass(frozen=True)
class By:
    who: str = "李四"
    where: str = "account:李四"


def test_a_corrected_and_a_scoped_target_are_marked_in_the_report_and_the_data(seeded_db, tmp_path):
    with Store(copy_db(seeded_db, tmp_path)) as store:
        housing = store.quantities(indicator_ids=["affordable_rental_housing"], plans=["chengdu_2022"])
        corrections.correct(store, housing["target_id"].iloc[0], {"value": 6.5}, By())
        rows = export.comparison_rows(store, export.ExportFilters(plans=("chengdu_2022", "chongqing_2027")))
        report = export.report_table(rows)
        table = export.comparison_table(store, rows=rows)
    note = report.loc[report["指标"] == "保障性租赁住房筹集", "备注"].iloc[0]
    assert re.match(r"已更正：数值（李四，\d{4}-\d\d-\d\d）", note)
    assert table.loc[table["indicator_id"] == "affordable_rental_housing", "corrected"].iloc[0].startswith("已更正")
    scoped = report[report["备注"].str.contains("范围：仅主城都市区")]
    assert not scoped.empty and set(scoped["完成情况"]) == {"部分范围"}


def test_filters_by_category_and_status(uploaded):
    filters = export.ExportFilters(categories=("employment_income",), statuses=("missed",))
    table = export.comparison_table(uploaded, filters)
    assert not table.empty
    assert set(table["status_code"]) == {"missed"} and set(table["category"]) == {"就业与收入"}


def test_the_value_column_is_the_years_figure_not_the_windows_sum(seeded_db, tmp_path):
    with Store(copy_db(seeded_db, tmp_path)) as store:
        rows = [("chongqing_2027", "new_urban_jobs", y, v, "万人") for y, v in ((2023, 73.9), (2024, 70.0))]
        actuals.import_actuals(store, csv_bytes(rows))
        table = export.comparison_table(
            store, export.ExportFilters(plans=("chongqing_2027",), indicator_ids=("new_urban_jobs",))
        )
    row = table.iloc[0]
    assert (row["period"], row["value"], row["assessed"]) == (2024, 700000.0, 1439000.0)


def test_unknown_format_or_table_raises(uploaded):
    with pytest.raises(ValueError):
        export.export(uploaded, "pdf")
    with pytest.raises(ValueError):
        export.export(uploaded, "csv", table="everything")
