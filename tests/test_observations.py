"""Observations of a region (Store.observations, targets.observations, targets.compare): every source kept,
the precedence upload > 统计公报 > a later report's review > a baseline, a later document before an earlier
one of its type, a plain figure before a bound; a withdrawal and a rebuilt document change what is used."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from targets import actuals
from targets.audit import Actor
from targets.catalog import load_catalog
from targets.compare import comparison
from targets.model import Quantity
from targets.observations import observed
from targets.origins import COMMUNIQUE, others_text
from targets.regions import Region
from targets.store import DocumentRecord, PlanRecord, Store
from tests.actuals_support import csv_bytes

REGION = Region("511500", "宜宾市", "Yibin", "city", aliases=("yibin",))
OTHER = Region("510600", "德阳市", "Deyang", "city")
#: (plan id, document type, published, year) of the documents of the fixture
DOCS = {
    "report_2023.txt": ("yb_2023", "government_work_report", "2023-01-12", 2023),
    "report_2024.txt": ("yb_2024", "government_work_report", "2024-01-10", 2024),
    "report_2025.txt": ("yb_2025", "government_work_report", "2025-01-09", 2025),
    "stats_2023.txt": ("yb_stats_2023", COMMUNIQUE, "2024-03-25", 2023),
    "outline.txt": ("yb_2025", "five_year_plan", "2021-02-01", 2021),
    "deyang.txt": ("dy_2024", "government_work_report", "2024-01-09", 2024),
}


def quantity(doc: str, at: int, indicator_id: str, value: float, kind: str, year: int, **extra) -> Quantity:
    """A quantity as extraction gives it: growth rates in percent unless `norm_unit` says otherwise."""
    unit = extra.pop("norm_unit", "percent")
    return Quantity(
        doc=doc,
        line=at // 100 + 1,
        quote=f"{value:g}%",
        indicator=indicator_id,
        value=value,
        value_low=None,
        value_high=None,
        unit_raw="%",
        norm_value=value,
        norm_low=None,
        norm_high=None,
        norm_unit=unit,
        comparator=extra.pop("comparator", "="),
        metric=extra.pop("metric", "growth_rate"),
        kind=kind,
        target_year=year,
        char_start=at,
        char_end=at + 4,
        sentence=f"sentence at {at}",
        sentence_start=at,
        indicator_id=indicator_id,
        **extra,
    )


def write(store: Store, doc_id: str, quantities: list[Quantity]) -> None:
    """(Re)write one document of the fixture with these quantities."""
    plan_id, doc_type, published, year = DOCS[doc_id]
    record = DocumentRecord(
        doc_id, plan_id, f"title of {doc_id}", "", "", "city", doc_type, published, year, (year,), "simplified",
        "utf-8", doc_id, "text",
    )  # fmt: skip
    with store.transaction() as cur:
        store.replace_document(cur, record, quantities)


@pytest.fixture
def store():
    with Store(":memory:") as s:
        with s.transaction() as cur:
            s.replace_catalog(cur, load_catalog())
            s.upsert_region(cur, REGION)
            s.upsert_region(cur, OTHER)
            for plan_id, (_, doc_type, _, year) in {v[0]: v for v in DOCS.values()}.items():
                region = OTHER.region_id if plan_id.startswith("dy") else REGION.region_id
                s.upsert_plan(
                    cur, PlanRecord(plan_id, plan_id, plan_id, "", "city", doc_type, year, year, region_id=region)
                )
        yield s


def used(store: Store, indicator: str = "gdp_growth", period: int = 2023) -> list[tuple]:
    """(origin, doc or batch, value) of the region's observations of one year, the used one first."""
    frame = observed(store, [REGION.region_id], [indicator])
    rows = frame[frame["period"] == period].sort_values("rank")
    assert rows["used"].tolist()[:1] == [True] and not rows["used"].tolist()[1:].count(True)
    return [
        (o, d if isinstance(d, str) else b, v) for o, d, b, v in rows[["origin", "doc_id", "batch_id", "value"]].values
    ]


def test_a_communique_beats_the_next_reports_review_which_beats_a_baseline(store):
    write(store, "outline.txt", [quantity("outline.txt", 0, "gdp_growth", 6.0, "baseline", 2023)])
    write(store, "report_2024.txt", [quantity("report_2024.txt", 0, "gdp_growth", 6.6, "actual", 2023)])
    assert used(store) == [("review", "report_2024.txt", 6.6), ("baseline", "outline.txt", 6.0)]
    write(store, "stats_2023.txt", [quantity("stats_2023.txt", 0, "gdp_growth", 6.5, "actual", 2023)])
    assert used(store) == [
        ("communique", "stats_2023.txt", 6.5),
        ("review", "report_2024.txt", 6.6),
        ("baseline", "outline.txt", 6.0),
    ]


def test_a_later_document_of_the_same_type_wins(store):
    write(store, "report_2024.txt", [quantity("report_2024.txt", 0, "gdp_growth", 6.6, "actual", 2023)])
    write(store, "report_2025.txt", [quantity("report_2025.txt", 0, "gdp_growth", 6.7, "actual", 2023)])
    assert used(store) == [("review", "report_2025.txt", 6.7), ("review", "report_2024.txt", 6.6)]


def test_within_a_document_a_plain_figure_beats_a_bound_then_the_first_statement_wins(store):
    rows = [
        quantity("report_2024.txt", 0, "unemployment_rate", 5.5, "actual", 2023, comparator="<="),
        quantity("report_2024.txt", 100, "unemployment_rate", 5.3, "actual", 2023),
        quantity("report_2024.txt", 200, "unemployment_rate", 5.4, "actual", 2023),
    ]
    write(store, "report_2024.txt", rows)
    assert [v for *_, v in used(store, "unemployment_rate")] == [5.3, 5.4, 5.5]


def test_a_communique_figure_is_an_observation_even_when_extraction_called_it_a_target(store):
    write(store, "stats_2023.txt", [quantity("stats_2023.txt", 0, "gdp_growth", 6.5, "target", 2023)])
    assert used(store) == [("communique", "stats_2023.txt", 6.5)]
    assert store.comparison_targets().empty  # a communiqué sets no targets


def test_figures_for_part_of_the_region_or_another_region_are_not_the_regions(store):
    write(store, "report_2024.txt", [quantity("report_2024.txt", 0, "gdp_growth", 9.0, "actual", 2023, area="高新区")])
    write(store, "deyang.txt", [quantity("deyang.txt", 0, "gdp_growth", 6.1, "actual", 2023)])
    assert observed(store, [REGION.region_id], ["gdp_growth"]).empty
    assert list(observed(store, [OTHER.region_id], ["gdp_growth"])["value"]) == [6.1]


def test_a_figure_in_another_unit_is_kept_converted_at_its_years_rate_or_not_used(store):
    rows = [
        quantity("report_2024.txt", year, "fdi_utilized", 3.2e8, "actual", year, norm_unit="CNY", metric="level")
        for year in (2023, 2030)
    ] + [
        quantity("report_2024.txt", 10 * year, "fdi_utilized", 3.0e8, "actual", year, norm_unit="USD", metric="level")
        for year in (2023, 2030)
    ]
    write(store, "report_2024.txt", rows)
    frame = observed(store, [REGION.region_id], ["fdi_utilized"])
    assert set(frame["unit"]) == {"USD"}  # the indicator's unit
    # the figure in the indicator's unit ranks first and is used; the yuan figure stays beside it
    assert frame[["period", "norm_unit", "used"]].values.tolist() == [
        [2023, "USD", True],
        [2023, "CNY", False],
        [2030, "USD", True],
        [2030, "CNY", False],
    ]
    converted = frame.set_index(["period", "norm_unit"])["value"]
    assert 4e7 < converted[(2023, "CNY")] < 5e7  # 3.2亿元 at 2023's stated rate
    assert pd.isna(converted[(2030, "CNY")])  # no rate stated for 2030: not converted, never guessed


def upload(store: Store, value: float, period: int = 2023) -> str:
    content = csv_bytes(
        [("宜宾市", "gdp_growth", period, value, "%")], header=("地区", "指标编号", "年份", "数值", "单位")
    )
    return actuals.import_actuals(store, content, file_name="yibin.csv", by=Actor.account("王五")).batch.batch_id


def test_an_upload_beats_every_document_and_withdrawing_it_reveals_the_document_figure(store):
    write(store, "stats_2023.txt", [quantity("stats_2023.txt", 0, "gdp_growth", 6.5, "actual", 2023)])
    batch = upload(store, 6.4)
    assert used(store) == [("upload", batch, 6.4), ("communique", "stats_2023.txt", 6.5)]
    actuals.withdraw_batch(store, batch)
    assert used(store) == [("communique", "stats_2023.txt", 6.5)]


def test_rewriting_a_document_replaces_its_observations(store):
    write(store, "report_2024.txt", [quantity("report_2024.txt", 0, "gdp_growth", 6.6, "actual", 2023)])
    write(store, "report_2024.txt", [quantity("report_2024.txt", 0, "gdp_growth", 6.2, "actual", 2023)])
    assert used(store) == [("review", "report_2024.txt", 6.2)]
    write(store, "report_2024.txt", [])
    assert observed(store, [REGION.region_id], ["gdp_growth"]).empty


def test_a_target_is_judged_on_its_regions_timeline_with_the_source_used_and_the_others(store):
    write(store, "report_2023.txt", [quantity("report_2023.txt", 0, "gdp_growth", 6.5, "target", 2023, comparator="~")])
    write(store, "report_2024.txt", [quantity("report_2024.txt", 500, "gdp_growth", 6.6, "actual", 2023)])
    write(store, "stats_2023.txt", [quantity("stats_2023.txt", 300, "gdp_growth", 5.8, "actual", 2023)])
    (row,) = comparison(store).to_dict("records")
    assert (row["plan_id"], row["region_id"], row["region"]) == ("yb_2023", "511500", "宜宾市")
    assert (row["status"], row["actual"], row["actual_period"]) == ("missed", 5.8, 2023)
    assert (row["actual_origin"], row["actual_source"], row["actual_where"]) == (
        "communique",
        "title of stats_2023.txt",
        "stats_2023.txt:4",
    )
    assert (row["actual_doc_id"], row["actual_char_start"], row["actual_sentence"]) == (
        "stats_2023.txt",
        300,
        "sentence at 300",
    )
    assert others_text(row["actual_others"]) == "title of report_2024.txt 6.6% (report_2024.txt:6)"
    batch = upload(store, 6.3)
    (row,) = comparison(store).to_dict("records")
    assert (row["status"], row["actual_origin"], row["actual_where"]) == ("achieved", "upload", f"{batch}:2")
    assert (row["actual_batch_id"], row["actual_row"], row["actual_uploaded_by"]) == (batch, 2, "王五")
    assert [o["origin"] for o in row["actual_others"]] == ["communique", "review"]


def test_as_of_ignores_later_observations(store):
    write(store, "report_2023.txt", [quantity("report_2023.txt", 0, "gdp_growth", 6.5, "target", 2023)])
    write(store, "stats_2023.txt", [quantity("stats_2023.txt", 0, "gdp_growth", 6.5, "actual", 2023)])
    assert comparison(store, as_of=2022)["status"].tolist() == ["no_data"]
    assert comparison(store, as_of=2023)["status"].tolist() == ["achieved"]


def test_observations_are_ranked_in_sql_for_the_regions_and_indicators_asked(store):
    write(
        store,
        "report_2024.txt",
        [quantity("report_2024.txt", i * 100, "gdp_growth", 6.0 + i, "actual", 2020 + i) for i in range(4)],
    )
    frame = store.observations([REGION.region_id], ["gdp_growth"])
    assert frame[["period", "rank"]].values.tolist() == [[2020, 1], [2021, 1], [2022, 1], [2023, 1]]
    assert store.observations([OTHER.region_id], ["gdp_growth"]).empty
    assert store.observations([REGION.region_id], ["cpi_increase"]).empty
    assert isinstance(frame["origin_date"].iloc[0], pd.Timestamp) and frame["origin_date"].iloc[0] == datetime(
        2024, 1, 10
    )
