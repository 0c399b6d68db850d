"""The store: schema, building from the seeds, filtered queries, and atomic writes."""

import pytest

from etl.extract import extract_text
from targets.store import DocumentRecord, PlanNotFound, PlanRecord, Store

PLAN_IDS = {"chengdu_2022", "wenjiang_2023", "chengdu_2025", "chongqing_2027"}


def test_build_loads_all_four_plans_and_five_documents(seeded_store):
    plans = seeded_store.plans()
    assert set(plans["plan_id"]) == PLAN_IDS
    assert seeded_store.total("documents") == 5
    counts = dict(zip(plans["plan_id"], plans["documents"], strict=True))
    assert counts["chengdu_2025"] == 2


def test_every_plan_has_targets_and_every_target_has_provenance(seeded_store):
    plans = seeded_store.plans()
    assert (plans["targets"] > 50).all()
    frame = seeded_store.quantities()
    assert frame["quote"].str.len().gt(0).all()
    assert (frame["char_end"] > frame["char_start"]).all()
    for row in frame.sample(40, random_state=1).itertuples():
        text = seeded_store.document_text(row.doc_id)
        assert text[row.char_start : row.char_end] == row.quote
        assert text.count("\n", 0, row.char_start) + 1 == row.line


def test_target_filters_combine(seeded_store):
    every = seeded_store.quantities()
    cd = seeded_store.quantities(plans=["chengdu_2022"])
    assert 0 < len(cd) < len(every)
    assert set(cd["plan_id"]) == {"chengdu_2022"}
    actual = seeded_store.quantities(plans=["wenjiang_2023"], kinds=["actual"])
    assert len(actual) > 20 and set(actual["kind"]) == {"actual"}
    found = seeded_store.quantities(search="保障性租赁住房")
    assert set(found["plan_id"]) >= {"chengdu_2022", "wenjiang_2023"}


def test_target_ids_are_stable_across_rebuilds(seeded_store, tmp_path):
    from etl.build import build

    path = tmp_path / "again.duckdb"
    build(path)
    with Store(path, read_only=True) as again:
        assert set(again.quantities()["target_id"]) == set(seeded_store.quantities()["target_id"])


def test_failed_transaction_leaves_database_unchanged(fresh_store):
    plan = PlanRecord("x_2030", "某规划", "A plan", "某市", "city", "action_plan", 2026, 2030)
    with fresh_store.transaction() as cur:
        fresh_store.upsert_plan(cur, plan)
    targets = extract_text("x.txt", "到2030年,新增绿地100公顷。")
    doc = DocumentRecord(
        "x.txt",
        "x_2030",
        "t",
        "i",
        "r",
        "city",
        "action_plan",
        "2026-01-01",
        2026,
        (2030,),
        "simplified",
        "utf-8",
        "0",
        "到2030年,新增绿地100公顷。",
    )
    with pytest.raises(RuntimeError), fresh_store.transaction() as cur:
        fresh_store.replace_document(cur, doc, targets)
        raise RuntimeError("killed half way")
    assert fresh_store.total("documents") == 0
    assert fresh_store.total("quantities") == 0
    assert fresh_store.total("plans") == 1


def test_unknown_plan_raises(fresh_store):
    with pytest.raises(PlanNotFound):
        fresh_store.plan("nowhere_2099")


def test_count_by_rejects_unknown_columns(fresh_store):
    with pytest.raises(ValueError):
        fresh_store.count_by("quote; DROP TABLE targets")


def test_the_catalog_is_read_from_the_database_copy_by_uploads_and_the_comparison(fresh_store):
    """Editing data/indicators.toml without a rebuild changes neither: both read what the build stored."""
    from targets import actuals
    from targets.catalog import load_catalog, parse_catalog
    from tests.actuals_support import GOOD, csv_bytes

    full = load_catalog()
    assert fresh_store.catalog().indicators == full.indicators  # no copy yet: the file
    data = dict(full.data)
    data["indicator"] = [i for i in data["indicator"] if i.get("id") != "new_urban_jobs"]
    with fresh_store.transaction() as cur:
        fresh_store.replace_catalog(cur, parse_catalog(data))
        fresh_store.upsert_plan(
            cur, PlanRecord("chengdu_2022", "成都", "Chengdu", "成都市", "city", "other", 2022, 2022)
        )
    assert "new_urban_jobs" not in fresh_store.catalog().indicators
    assert "new_urban_jobs" not in set(fresh_store.indicators()["indicator_id"])
    report = actuals.validate(fresh_store, csv_bytes([GOOD]), "jobs.csv")
    assert report.locations() == [(2, "indicator_id", "unknown-indicator")]
