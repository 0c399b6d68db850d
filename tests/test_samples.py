"""The sample actuals: regenerated from the published figures, every row valid, real sources kept,
and disagreements between pages settled by the documented rules."""

from __future__ import annotations

import csv
import io

import pytest

from etl import samples
from targets import actuals
from targets.compare import comparison
from targets.store import Store
from tests.actuals_support import copy_db, planned_store
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


def sample_rows() -> list[dict[str, str]]:
    text = SAMPLE.read_bytes().decode("utf-8-sig")
    return [{k.split(" ")[-1]: v for k, v in r.items()} for r in csv.DictReader(io.StringIO(text))]


NEEDS_PUBLISHED = pytest.mark.needs_shared("actuals/published_actuals.csv")


@pytest.fixture
def published(shared_dir):
    return shared_dir / "actuals" / "published_actuals.csv"


@NEEDS_PUBLISHED
def test_the_sample_file_is_what_the_script_makes(published):
    rows, _ = samples.sample_rows(published)
    assert samples.to_csv(rows) == SAMPLE.read_bytes()


@NEEDS_PUBLISHED
def test_every_published_row_is_used_or_left_out_with_a_reason(published):
    found, left_out = samples.candidates(samples.read_published(published))
    used = {c.row.order for c in found}
    left = {r.order for r, _ in left_out}
    assert not used & left
    assert used | left == {r.order for r in samples.read_published(published)}
    assert all(reason for _, reason in left_out)


def test_every_sample_row_validates():
    with planned_store() as store:
        report = actuals.validate_file(store, SAMPLE)
    assert report.valid, report.as_text()
    assert report.warnings == []
    assert report.stats["accepted"] == len(sample_rows()) > 100


def test_every_row_keeps_its_source_and_quote():
    for row in sample_rows():
        assert row["source"].startswith("http")
        assert row["note"].startswith("原文:")


def test_each_fact_is_one_row_of_its_region():
    rows = sample_rows()
    assert {r["region"] for r in rows} == {"成都市", "成都市温江区", "重庆市"}  # 温江区 -> the manifest's name
    keys = [(r["region"], r["indicator_id"], r["period"]) for r in rows]
    assert len(keys) == len(set(keys))  # Chengdu's 2022 GDP growth once, not once per plan
    assert "plan" not in rows[0]


def pick(region: str, indicator: str, period: str) -> dict[str, str]:
    (row,) = [r for r in sample_rows() if (r["region"], r["indicator_id"], r["period"]) == (region, indicator, period)]
    return row


def test_a_point_value_wins_over_a_bound_and_the_bound_is_noted():
    row = pick("成都市", "gdp", "2023")
    assert (row["value"], row["unit"]) == ("22074.72", "亿元")
    assert "2.2万亿元(超)" in row["note"]


def test_a_final_figure_wins_over_an_estimate():
    assert pick("成都市", "urban_income", "2022")["value"] == "54897"
    assert pick("重庆市", "gdp_growth", "2022")["value"] == "2.6"


def test_the_more_precise_figure_wins_and_a_government_site_breaks_ties():
    assert pick("成都市", "urbanization_rate", "2022")["value"] == "79.89"
    assert pick("重庆市", "gdp", "2023")["source"].startswith("https://cq.gov.cn/")


def test_bounds_keep_the_number_and_say_so():
    row = pick("成都市", "cross_border_ecommerce", "2025")
    assert (row["value"], row["unit"]) == ("1400", "亿元") and "下限" in row["note"]
    row = pick("重庆市", "grain_output", "2023")
    assert (row["value"], row["unit"]) == ("1050", "万吨") and "以上" in row["note"]
    assert pick("成都市", "gdp", "2025")["unit"] == "万亿元"  # 兆元(万亿元)


def test_multi_year_totals_and_mid_year_figures_are_left_out():
    assert samples.EXCLUDED["天府绿道建成(2021-2022两年)"] == samples._TWO_YEARS
    assert samples.EXCLUDED["高速公路通车总里程(截至2024年6月)"] == samples._MID_YEAR
    assert not [r for r in sample_rows() if r["indicator_id"] == "greenway_length_new"]


def test_an_unreviewed_indicator_name_stops_the_script(tmp_path):
    path = tmp_path / "published.csv"
    path.write_text(
        "region,year,indicator,value,unit,source_url,quote\n成都市,2022,幸福感,90,%,http://x,幸福感90%\n",
        encoding="utf-8",
    )
    with pytest.raises(samples.SampleError):
        samples.sample_rows(path)


def test_the_sample_gives_statuses_for_three_plans(seeded_db, tmp_path):
    with Store(copy_db(seeded_db, tmp_path)) as store:
        actuals.import_actuals(store, SAMPLE)
        frame = comparison(store)
    judged = frame[frame["status"] != "no_data"]
    assert set(judged["plan_id"]) == {"chengdu_2022", "chengdu_2025", "chongqing_2027"}
    assert len(judged) >= 20
    freight = frame[(frame["plan_id"] == "chengdu_2022") & (frame["indicator_id"] == "international_freight_trains")]
    assert set(freight["status"]) == {"achieved"}


@NEEDS_PUBLISHED
def test_shared_dir_is_where_the_script_reads(shared_dir):
    assert shared_dir / "actuals" / "published_actuals.csv" == samples.PUBLISHED
