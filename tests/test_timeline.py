"""Next year's report judges this year's targets (issue 12), on documents built with `build --manifest`:

* my own region of three documents (tests/fixtures/regions/yibin.toml): 宜宾市's 2023 work report (the
  2023 targets), its 2024 report (whose review reports 2023) and its 2023 statistical communiqué;
* the testdocs writer's 德阳市 set (tests/fixtures/documents/td05–td07, the table in its README).

The 2023 targets get their status from the communiqué where it states the figure, else from the 2024
report's review, with both values visible; an upload outranks both until it is withdrawn; rebuilding a
changed document replaces its figures; an upload file of the older template (a plan column) still imports.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.build import build
from targets import actuals
from targets.audit import Actor
from targets.store import Store
from targets.timeline import UnknownName, progress_table, region_timeline
from tests.conftest import ROOT

REGIONS = ROOT / "tests" / "fixtures" / "regions"
DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"


@pytest.fixture(scope="module")
def yibin_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("yibin") / "yibin.duckdb"
    build(path, REGIONS / "yibin.toml")
    return path


@pytest.fixture
def yibin(yibin_db, tmp_path):
    path = tmp_path / "yibin.duckdb"
    shutil.copy(yibin_db, path)
    with Store(path) as store:
        yield store


def by_indicator(store: Store, plan: str = "yibin_2023") -> dict[str, dict]:
    rows = progress_table(store, [plan]).to_dict("records")
    found: dict[str, dict] = {}
    for row in rows:
        assert row["indicator_id"] not in found, f"{row['indicator_id']} twice in {plan}"
        found[row["indicator_id"]] = row
    return found


#: the 2023 targets of 宜宾市's 2023 report: (indicator, status, value used, origin, where, the other source's text)
YIBIN_2023 = [
    ("gdp_growth", "achieved", 6.5, "communique", "yibin_2023_communique.txt:6", "6.6% (yibin_2024_report.txt:9)"),
    (
        "new_urban_jobs",
        "achieved",
        42800,
        "communique",
        "yibin_2023_communique.txt:7",
        "4.3万人 (yibin_2024_report.txt:9)",
    ),
    (
        "unemployment_rate",
        "achieved",
        5.3,
        "communique",
        "yibin_2023_communique.txt:7",
        "5.5% (yibin_2024_report.txt:9)",
    ),
    ("grain_output", "achieved", 2322000, "communique", "yibin_2023_communique.txt:10", "232万吨"),
    ("industrial_va_growth", "achieved", 9.2, "communique", "yibin_2023_communique.txt:13", "9.2%"),
    ("retail_sales_growth", "achieved", 6.9, "communique", "yibin_2023_communique.txt:16", "6.9%"),
    ("budget_revenue_growth", "achieved", 5.5, "communique", "yibin_2023_communique.txt:19", "5.5%"),
    ("cpi_increase", "achieved", 0.3, "communique", "yibin_2023_communique.txt:7", "0.3%"),  # under the 3% ceiling
    ("old_compounds_renovated", "achieved", 126, "review", "yibin_2024_report.txt:9", ""),
    ("greenway_length_new", "missed", 52, "review", "yibin_2024_report.txt:9", ""),
]


@pytest.mark.parametrize("indicator, status, value, origin, where, other", YIBIN_2023, ids=[r[0] for r in YIBIN_2023])
def test_the_years_targets_get_their_status_from_the_communique_or_the_next_report(
    yibin, indicator, status, value, origin, where, other
):
    row = by_indicator(yibin)[indicator]
    assert (row["status"], row["observed_year"], row["origin"], row["where"]) == (status, 2023, origin, where)
    assert row["observed"] == pytest.approx(value)
    assert other in row["others"]
    if other:  # the communiqué is used and the report's figure is shown beside it, by its title
        assert row["others"].startswith("2024年宜宾市政府工作报告 ")


def test_farmland_is_judged_on_the_next_reports_review_in_the_indicators_unit(yibin):
    row = by_indicator(yibin)["high_standard_farmland_new"]
    assert (row["status"], row["origin"], row["unit"]) == ("achieved", "review", "hectare")
    assert row["observed"] == pytest.approx(215000 / 15)  # 21.5万亩


def test_an_upload_outranks_the_communique_until_it_is_withdrawn(yibin):
    content = "地区,指标编号,年份,数值,单位\n宜宾,gdp_growth,2023,5.2,%\n".encode()
    batch = actuals.import_actuals(yibin, content, file_name="宜宾2023.csv", by=Actor.account("李四")).batch.batch_id
    row = by_indicator(yibin)["gdp_growth"]
    assert (row["status"], row["origin"], row["where"], row["observed"]) == ("missed", "upload", f"{batch}:2", 5.2)
    assert row["others"].startswith("宜宾市2023年国民经济和社会发展统计公报 6.5%")
    actuals.withdraw_batch(yibin, batch)
    row = by_indicator(yibin)["gdp_growth"]
    assert (row["status"], row["origin"], row["observed"]) == ("achieved", "communique", 6.5)


def test_an_upload_file_of_the_older_template_names_a_plan_and_fills_its_region(yibin):
    content = "规划 plan,指标编号 indicator_id,年份 period,数值 value,单位 unit\nyibin_2024,gdp_growth,2024,6.1,%\n"
    actuals.import_actuals(yibin, content.encode(), file_name="old-template.csv")
    assert yibin.current_actuals()[["region_id", "plan_id", "period"]].values.tolist() == [
        ["511500", "yibin_2024", 2024]
    ]
    row = by_indicator(yibin, "yibin_2024")["gdp_growth"]
    assert (row["status"], row["origin"], row["observed"]) == ("achieved", "upload", 6.1)


def test_rebuilding_a_changed_document_replaces_its_figures(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(REGIONS, folder)
    communique = folder / "yibin_2023_communique.txt"
    communique.write_text(communique.read_text(encoding="utf-8").replace("增长6.5%", "增长6.3%"), encoding="utf-8")
    db = tmp_path / "again.duckdb"
    build(db, folder / "yibin.toml")
    with Store(db) as store:
        seen = region_timeline(store, "511500", ["gdp_growth"]).observations
        assert sorted(seen.loc[seen["period"] == 2023, "value"]) == [6.3, 6.6]
        communique.write_text(communique.read_text(encoding="utf-8").replace("增长6.3%", "增长6.4%"), encoding="utf-8")
    build(db, folder / "yibin.toml")
    with Store(db) as store:
        seen = region_timeline(store, "511500", ["gdp_growth"]).observations
        assert sorted(seen.loc[seen["period"] == 2023, "value"]) == [6.4, 6.6]
        assert by_indicator(store)["gdp_growth"]["observed"] == 6.4


def test_the_timeline_keeps_every_target_and_every_observation(yibin):
    shown = region_timeline(yibin, "511500", ["gdp_growth"])
    assert sorted(zip(shown.targets["plan_id"], shown.targets["target_year"], strict=True)) == [
        ("yibin_2023", 2023),
        ("yibin_2024", 2024),
    ]
    seen = shown.observations
    assert seen[["period", "origin", "value", "used"]].values.tolist() == [
        [2022, "review", 4.0, True],  # the 2023 report's review of 2022
        [2023, "communique", 6.5, True],
        [2023, "review", 6.6, False],
    ]
    assert region_timeline(yibin, "511500", ["gdp_growth"], as_of=2022).observations["period"].tolist() == [2022]


def test_unknown_plans_and_regions_are_named(yibin):
    with pytest.raises(UnknownName, match="nowhere_2099"):
        progress_table(yibin, ["nowhere_2099"])
    with pytest.raises(UnknownName, match="宜宾市"):
        progress_table(yibin, regions=["绵阳市"])
    assert set(progress_table(yibin, regions=["yibin"])["plan_id"]) == {"yibin_2023", "yibin_2024"}


# --- the testdocs writer's 德阳市 set: the 2024 targets, the 2025 report's review, the 2024 communiqué -----


@pytest.fixture(scope="module")
def deyang(tmp_path_factory):
    path = tmp_path_factory.mktemp("deyang") / "deyang.duckdb"
    build(path, REGIONS / "deyang.toml", DOCUMENTS)
    with Store(path) as store:
        yield store


MET, MISSED = "met", "missed"
#: the README's table (tests/fixtures/documents/README.md): indicator, 2024 target, the figure used, outcome,
#: and the other source's figure where the 2025 report and the communiqué differ
DEYANG_2024 = [
    ("gdp_growth", 6.5, 5.8, MISSED, None),
    ("industrial_va_growth", 8, 8.6, MET, None),
    ("fixed_asset_investment_growth", 7, 4.1, MISSED, None),
    ("retail_sales_growth", 7, 6.1, MISSED, "6.2%"),
    ("budget_revenue_growth", 6, 6.3, MET, None),
    ("urban_income_growth", 6, 5.1, MISSED, None),
    ("rural_income_growth", 7.5, 6.5, MISSED, "6.6%"),
    ("cpi_increase", 3, 0.3, MET, None),
    ("new_urban_jobs", 50000, 52600, MET, "5.3万"),
    ("unemployment_rate", 5.5, 5.2, MET, "5.5%"),
    ("grain_output", 1500000, 1511700, MET, "151.2万吨"),
    ("pm25_concentration", 36, 34.8, MET, None),
    ("air_quality_good_rate", 85, 86.3, MET, None),
    ("urbanization_rate", 58.5, 58.28, MISSED, "58.3%"),
    ("high_standard_farmland_new", 8000, 128000 / 15, MET, None),
    ("industrial_enterprises_above_scale_new", 150, 171, MET, None),
    ("school_places_new", 6000, 6420, MET, None),
    ("old_compounds_renovated", 100, 104, MET, None),
    ("childcare_places_new", 1200, 1350, MET, None),
    ("rd_intensity", 3, 3.15, MET, None),
]


def test_deyang_2024_targets_are_judged_by_the_2025_report_and_the_communique(deyang):
    table = progress_table(deyang, ["deyang_2024"]).to_dict("records")
    wrong: list[tuple] = []
    for indicator, target, value, outcome, other in DEYANG_2024:
        rows = [r for r in table if r["indicator_id"] == indicator and r["target"] == pytest.approx(target)]
        if len(rows) != 1:
            wrong.append((indicator, f"{len(rows)} targets of {target}"))
            continue
        row = rows[0]
        statuses = ("achieved",) if outcome == MET else ("missed",)
        if row["observed_year"] != 2024 or row["observed"] != pytest.approx(value) or row["status"] not in statuses:
            wrong.append((indicator, row["observed_year"], row["observed"], row["status"], row["reason"]))
        elif other and (row["origin"] != "communique" or other not in row["others"]):
            wrong.append((indicator, row["origin"], row["others"]))  # sources differ: the communiqué used, both shown
    assert wrong == []
