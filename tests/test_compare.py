"""The comparison: indicator × plan rows in the indicator's unit, with horizons, baselines and statuses."""

import pytest

from targets.compare import COLUMNS, comparison, headline


def test_affordable_housing_lines_up_all_four_plans(seeded_store):
    frame = headline(comparison(seeded_store, ["affordable_rental_housing"]))
    targets = dict(zip(frame["plan_id"], frame["target"], strict=True))
    assert targets == {"chengdu_2022": 60000, "wenjiang_2023": 1200, "chengdu_2025": 10000, "chongqing_2027": 220000}


def test_multi_year_increment_gets_an_annual_equivalent(seeded_store):
    frame = comparison(seeded_store, ["affordable_rental_housing"], plans=["chongqing_2027"])
    row = frame.iloc[0]
    assert row["period"] == "cumulative" and row["window_years"] == 5
    assert row["annual_equivalent"] == pytest.approx(44000)


def test_a_target_stated_twice_is_one_row_with_its_written_comparator(seeded_store):
    # Wenjiang 2023 states 城镇新增就业6000人 as a main target and 不低于6000人 among its tasks
    frame = comparison(seeded_store, ["new_urban_jobs"], plans=["wenjiang_2023"])
    assert list(frame["target"]) == [6000]
    assert list(frame["comparator"]) == [">="]


def test_document_actuals_serve_as_baselines(seeded_store):
    frame = comparison(seeded_store, ["new_urban_jobs"], plans=["wenjiang_2023"])
    assert set(frame["baseline"]) == {9360}
    assert set(frame["baseline_year"]) == {2022}


def test_without_actuals_status_is_no_data_with_a_reason(seeded_store):
    frame = comparison(seeded_store, ["gdp_growth"])
    assert set(frame["status"]) == {"no_data"}
    assert frame["reason_zh"].str.len().gt(0).all()


def test_unknown_indicator_gives_an_empty_frame_with_the_columns(seeded_store):
    frame = comparison(seeded_store, ["no_such_indicator"])
    assert frame.empty and list(frame.columns) == COLUMNS


def test_each_row_computes_the_same_columns(seeded_store, monkeypatch):
    """The comparison is assembled column by column: `_row` gives the same columns for every row (taken from
    the first), the target row the rest."""
    from targets import compare

    seen: list[dict] = []
    real = compare._row

    def spy(*args):
        seen.append(real(*args))
        return seen[-1]

    monkeypatch.setattr(compare, "_row", spy)
    frame = comparison(seeded_store)
    assert len(seen) == len(frame) > 0
    assert all(r.keys() == seen[0].keys() for r in seen) and set(COLUMNS) >= set(seen[0])
    assert list(frame.columns) == COLUMNS
