"""The comparison export: CSV with a BOM for Excel, a workbook that explains itself, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from targets import actuals, export
from targets.audit import Actor
from targets.store import Store
from tests.actuals_support import copy_db, csv_bytes
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


@pytest.fixture(scope="module")
def uploaded(seeded_db, tmp_path_factory):
    """A copy of the seeded database with the sample and one formula-like note uploaded."""
    with Store(copy_db(seeded_db, tmp_path_factory.mktemp("export"))) as store:
        actuals.import_actuals(store, SAMPLE, by=Actor("=cmd", "cli:=cmd"))
        yield store


def rows_of(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_starts_with_a_bom_and_has_one_row_per_comparison_row(uploaded):
    table = export.comparison_table(uploaded)
    rows = rows_of(export.to_csv(table))
    assert len(rows) == len(table) > 200
    assert list(rows[0])[:5] == [
        "指标编号 indicator_id",
        "指标 indicator",
        "指标英文名 indicator_en",
        "领域 category",
        "地区 region",
    ]


def test_csv_row_carries_target_actual_gap_status_quote_and_document(uploaded):
    rows = rows_of(export.export(uploaded, "csv", export.ExportFilters(plans=("chengdu_2022",))))
    row = next(r for r in rows if r["指标编号 indicator_id"] == "international_freight_trains")
    assert row["规划编号 plan"] == "chengdu_2022"
    assert (row["比较 comparator"], float(row["目标值 target"]), row["单位 unit"]) == (">=", 4300.0, "个")
    assert (row["实际值年份 period"], float(row["实际值 value"])) == ("2022", 5064.0)
    assert float(row["差距 gap"]) == 764.0 and float(row["完成率 attainment"]) == pytest.approx(5064 / 4300)
    assert (row["状态 status"], row["状态代码 status_code"]) == ("已完成", "achieved")
    assert "4300" in row["原文 quote"] and row["文件 document"] == "000_0dc414d589cf70f6.txt"
    assert {r["规划编号 plan"] for r in rows} == {"chengdu_2022"}


def test_filters_by_category_and_status(uploaded):
    filters = export.ExportFilters(categories=("employment_income",), statuses=("off_track",))
    table = export.comparison_table(uploaded, filters)
    assert not table.empty
    assert set(table["status_code"]) == {"off_track"} and set(table["category"]) == {"就业与收入"}


def test_formula_like_text_is_neutralised_and_numbers_stay_numbers():
    assert export.neutralise("=1+1") == "'=1+1"
    assert export.neutralise("-cmd") == "'-cmd"
    assert export.neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert export.neutralise("+86 28") == "'+86 28"
    assert export.neutralise("成都") == "成都"
    assert export.neutralise(-5.0) == -5.0 and export.neutralise(None) is None


def test_formula_like_cells_in_the_export_cannot_run(uploaded):
    table = export.comparison_table(uploaded).head(3).copy()
    table.loc[0, "quote"] = '=HYPERLINK("http://evil.example","x")'
    table.loc[1, "gap"] = -12.5
    rows = rows_of(export.to_csv(table))
    assert rows[0]["原文 quote"].startswith("'=HYPERLINK")
    assert rows[1]["差距 gap"] == "-12.5"
    book = load_workbook(io.BytesIO(export.to_xlsx(uploaded, table, export.ExportFilters())))
    sheet = book["对比"]
    quote_column = [c.value for c in sheet[1]].index("原文 quote") + 1
    gap_column = [c.value for c in sheet[1]].index("差距 gap") + 1
    assert sheet.cell(row=2, column=quote_column).data_type == "s"
    assert sheet.cell(row=2, column=quote_column).value.startswith("'=")
    assert sheet.cell(row=3, column=gap_column).value == -12.5
    about = [c for r in book["说明"].iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert "'=cmd" in about and "=cmd" not in about  # the uploader name of the batch, neutralised


def test_workbook_has_the_table_an_about_sheet_and_the_current_actuals(uploaded):
    filters = export.ExportFilters(plans=("chongqing_2027", "chengdu_2025"))
    book = load_workbook(io.BytesIO(export.export(uploaded, "xlsx", filters)))
    assert book.sheetnames == ["对比", "说明", "实际值"]
    table = export.comparison_table(uploaded, filters)
    assert book["对比"].max_row == len(table) + 1
    about = {r[0]: r[1:] for r in book["说明"].iter_rows(values_only=True) if r and r[0]}
    assert about["规划 plans"][0] == "chongqing_2027, chengdu_2025"
    assert "实际值 value" in about and "affordable_rental_housing" in about  # the columns and the units are described
    assert "004_6ac9e479cb7c47bc.txt" in about  # the source documents are listed
    current = list(book["实际值"].iter_rows(values_only=True))
    assert current[0] == tuple(actuals.header(c) for c in actuals.TEMPLATE_COLUMNS)
    assert {r[0] for r in current[1:]} == {"重庆市", "成都市"}  # the regions of the plans exported


def test_the_value_column_is_the_years_figure_not_the_windows_sum(seeded_db, tmp_path):
    with Store(copy_db(seeded_db, tmp_path)) as store:
        rows = [("chongqing_2027", "new_urban_jobs", y, v, "万人") for y, v in ((2023, 73.9), (2024, 70.0))]
        actuals.import_actuals(store, csv_bytes(rows))
        table = export.comparison_table(
            store, export.ExportFilters(plans=("chongqing_2027",), indicator_ids=("new_urban_jobs",))
        )
    row = table.iloc[0]
    assert (row["period"], row["value"], row["assessed"]) == (2024, 700000.0, 1439000.0)


def test_unknown_format_raises(uploaded):
    with pytest.raises(ValueError):
        export.export(uploaded, "pdf")
