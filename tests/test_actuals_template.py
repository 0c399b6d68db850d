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
def test_the_template_itself_validates_and_imports(store, fmt):
    content = actuals.template_bytes(fmt, store.regions())
    report = actuals.validate(store, content, f"template.{fmt}")
    assert report.valid, report.as_text()
    assert report.stats["accepted"] == len(actuals.TEMPLATE_EXAMPLES)
    result = actuals.import_actuals(store, content, file_name=f"template.{fmt}")
    assert result.batch.rows == len(actuals.TEMPLATE_EXAMPLES)


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
    assert [c.value for c in book["实际值"][1]] == [actuals.header(c) for c in actuals.TEMPLATE_COLUMNS]


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
        csv_file = export.render(one, first, "csv")
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
    assert content.decode("utf-8-sig").splitlines()[0] == ",".join(actuals.header(c) for c in actuals.TEMPLATE_COLUMNS)


def test_an_unknown_template_format_is_refused():
    with pytest.raises(ValueError, match="csv or xlsx"):
        actuals.template_bytes("ods")
