"""The template (targets.actuals.template): it validates and imports as it is, lists the plans and
indicators; typed rows and exported tables come back through the same checks."""

from __future__ import annotations

import pandas as pd
import pytest

from targets import actuals, export
from targets.store import Store
from tests.actuals_support import copy_db, planned_store
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


@pytest.fixture
def store():
    with planned_store() as s:
        yield s


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_templates_examples_are_marked_and_skipped_with_a_warning(store, fmt):
    content = actuals.template_bytes(fmt, store.regions())
    report = actuals.validate(store, content, f"template.{fmt}")
    assert report.locations() == [(None, None, "no-rows")]  # the template unchanged writes nothing
    (warning,) = report.warnings
    assert (warning.column, warning.rule) == ("example", "example-row")
    assert "3 行是模板的示例" in warning.message_zh and "第 2, 3, 4 行" in warning.message_zh
    assert report.stats["examples"] == len(actuals.TEMPLATE_EXAMPLES)
    with pytest.raises(actuals.InvalidUpload):
        actuals.import_actuals(store, content, file_name=f"template.{fmt}")


def test_a_filled_row_below_the_examples_imports_and_the_examples_do_not(store):
    content = actuals.template_csv().decode("utf-8-sig") + ",成都市,new_urban_jobs,,2023,25,万人,,\n"
    result = actuals.import_actuals(store, content.encode("utf-8"), file_name="filled.csv")
    assert result.batch.rows == 1 and [w.rule for w in result.report.warnings] == ["example-row"]


def test_a_template_prefilled_for_one_plan_lists_its_targets_and_imports_the_rows_filled(seeded_db, tmp_path):
    from targets.compare import comparison

    with Store(copy_db(seeded_db, tmp_path)) as store:
        rows = actuals.plan_rows(comparison(store, plans=["chongqing_2027"]), store.catalog())
        jobs = [r for r in rows if r["indicator_id"] == "new_urban_jobs"]
        assert [r["period"] for r in jobs] == [2023, 2024, 2025, 2026, 2027]  # every year of the window
        assert {(r["region"], r["unit"], r["value"]) for r in jobs} == {("重庆市", "万人", "")}
        assert jobs[0]["note"].startswith("目标 ≥ 300万人(2027年)")
        assert not [r for r in rows if r["indicator_id"] == "urbanization_rate" and "主城都市区" in r["note"]]
        jobs[0]["value"] = 73.9
        report = actuals.validate(store, actuals.template_bytes("xlsx", store.regions(), store.catalog(), rows), "x")
        assert report.valid and report.stats["accepted"] == 1 and report.stats["skipped"] == len(rows) - 1


def test_the_xlsx_template_lists_regions_and_indicators(store):
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(actuals.template_xlsx(store.regions())))
    assert book.sheetnames == ["实际值", "说明", "地区", "指标"]
    regions = {r[0]: r[1] for r in book["地区"].iter_rows(min_row=2, values_only=True)}
    assert regions["510100"] == "成都市" and regions["510115"] == "成都市温江区" and regions["500000"] == "重庆市"
    indicator_rows = list(book["指标"].iter_rows(min_row=2, values_only=True))
    names = {r[0]: r[1] for r in indicator_rows}
    assert names["new_urban_jobs"] == "城镇新增就业"
    assert [c.value for c in book["实际值"][1]] == [actuals.header(c) for c in ("example", *actuals.TEMPLATE_COLUMNS)]
    assert book["实际值"]["A2"].value == "示例"


def test_typed_rows_go_through_the_same_checks(store):
    typed = pd.DataFrame(
        [
            {"plan": "chengdu_2022", "indicator": "城镇新增就业", "period": "2022", "value": "23.5", "unit": "万人"},
            {"plan": None},
        ]
    )
    report = actuals.validate(store, actuals.rows_to_csv(typed), "typed.csv")
    assert report.valid and report.stats["accepted"] == 1
    typed.loc[0, "value"] = "=1"
    assert actuals.validate(store, actuals.rows_to_csv(typed), "typed.csv").locations() == [
        (2, "value", "formula-cell")
    ]


def test_round_trip_upload_export_reupload_gives_the_same_values(seeded_db, tmp_path):
    with Store(copy_db(seeded_db, tmp_path, "one.duckdb")) as one:
        actuals.import_actuals(one, SAMPLE)
        first = export.comparison_table(one)
        csv_file = export.export(one, "csv", table="data")
        xlsx_file = export.export(one, "xlsx")
        current = one.current_actuals()
    assert first["value"].notna().sum() > 20

    with Store(copy_db(seeded_db, tmp_path, "two.duckdb")) as two:
        result = actuals.import_actuals(two, csv_file, file_name="comparison.csv")
        assert result.report.stats["skipped"] > 0
        second = export.comparison_table(two)
    keys = ["plan", "indicator_id", "target_year", "comparator", "target", "quote", "period"]
    pd.testing.assert_frame_equal(first[[*keys, "value"]], second[[*keys, "value"]])

    with Store(copy_db(seeded_db, tmp_path, "three.duckdb")) as three:
        actuals.import_actuals(three, xlsx_file, file_name="comparison.xlsx")
        again = three.current_actuals()
        third = export.comparison_table(three)
    columns = ["region_id", "indicator_id", "period", "value", "unit_raw", "norm_value", "source", "note"]
    pd.testing.assert_frame_equal(current[columns], again[columns])
    upload = ["reason", "reason_en", "actual_source", "actual_where"]  # the batch and file of the upload differ
    pd.testing.assert_frame_equal(first.drop(columns=upload), third.drop(columns=upload))


def test_the_csv_template_has_a_bom_and_the_bilingual_headers():
    content = actuals.template_csv()
    assert content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8-sig").splitlines()[0]
    assert header == ",".join(actuals.header(c) for c in ("example", *actuals.TEMPLATE_COLUMNS))


def test_an_unknown_template_format_is_refused():
    with pytest.raises(ValueError, match="csv or xlsx"):
        actuals.template_bytes("ods")
