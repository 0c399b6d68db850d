"""Importing actuals as batches (targets.actuals.batch): one batch per file in one transaction, latest
upload wins, withdrawal, history, statuses that change, concurrent uploads."""

from __future__ import annotations

import threading

import pytest

from targets import actuals
from targets.actuals import batch
from targets.audit import Actor
from targets.compare import comparison
from targets.store import BatchNotFound, Store
from tests.actuals_support import GOOD, copy_db, counts, csv_bytes, planned_store


@pytest.fixture
def store():
    with planned_store() as s:
        yield s


@pytest.fixture
def seeded_copy(seeded_db, tmp_path):
    """A writable copy of the database built from the seeds."""
    with Store(copy_db(seeded_db, tmp_path)) as s:
        yield s


def jobs(value: float, period: int = 2022, plan: str = "chengdu_2022") -> bytes:
    return csv_bytes([(plan, "new_urban_jobs", period, value, "万人")])


def observed(store: Store, region: str = "510100", indicator: str = "new_urban_jobs") -> dict[int, float]:
    frame = store.observations([region], [indicator])
    uploads = frame[(frame["origin"] == "upload") & (frame["rank"] == 1)]
    return dict(zip(uploads["period"], uploads["norm_value"], strict=True))


def test_an_upload_is_one_batch_with_its_file_name_hash_rows_and_uploader(store):
    content = csv_bytes([GOOD, ("chengdu_2022", "gdp_growth", 2022, 2.8, "%")])
    result = actuals.import_actuals(store, content, file_name="成都2022.csv", by=Actor.account("张三"))
    batch = store.batch(result.batch.batch_id)
    assert (batch.file_name, batch.rows, batch.uploaded_by, batch.status) == ("成都2022.csv", 2, "张三", "active")
    assert batch.origin == "account:张三"
    assert batch.sha256 == result.report.sha256 and len(batch.sha256) == 64
    rows = actuals.batch_rows(store, batch.batch_id)
    assert rows[["row_no", "indicator_id", "value", "unit_raw", "norm_value", "norm_unit"]].values.tolist() == [
        [2, "new_urban_jobs", 23.5, "万人", 235000.0, "count"],
        [3, "gdp_growth", 2.8, "%", 2.8, "percent"],
    ]
    assert counts(store) == (1, 2)


def test_the_latest_upload_wins_and_the_history_stays(store):
    first = actuals.import_actuals(store, jobs(23.0), file_name="a.csv").batch
    second = actuals.import_actuals(store, jobs(24.0), file_name="b.csv").batch
    assert second.uploaded_at > first.uploaded_at
    assert observed(store) == {2022: 240000.0}
    history = actuals.batches(store)
    assert list(history["batch_id"]) == [second.batch_id, first.batch_id]
    assert list(history["rows_in_use"]) == [1, 0]
    assert counts(store) == (2, 2)


def test_withdrawing_a_batch_brings_back_the_previous_value(store):
    actuals.import_actuals(store, jobs(23.0), file_name="a.csv")
    second = actuals.import_actuals(store, jobs(24.0), file_name="b.csv").batch
    assert actuals.withdraw_batch(store, second.batch_id) is True
    assert observed(store) == {2022: 230000.0}
    assert store.batch(second.batch_id).status == "withdrawn"
    assert store.batch(second.batch_id).withdrawn_at is not None
    assert actuals.withdraw_batch(store, second.batch_id) is False  # already withdrawn: nothing changes
    assert counts(store) == (2, 2)  # rows stay in the history


def test_withdrawing_an_unknown_batch_raises(store):
    with pytest.raises(BatchNotFound):
        actuals.withdraw_batch(store, "nope")


def test_the_same_file_again_is_a_new_batch_with_a_warning(store):
    first = actuals.import_actuals(store, jobs(23.0), file_name="a.csv").batch
    report = actuals.validate(store, jobs(23.0), "a.csv")
    assert report.valid and report.locations(warnings=True) == [(None, None, "uploaded-before")]
    assert first.batch_id in report.warnings[0].message


def test_a_failure_inside_the_transaction_leaves_the_database_as_it_was(store, monkeypatch):
    actuals.import_actuals(store, jobs(23.0), file_name="a.csv")
    before = counts(store)

    def broken(self, cur, record, frame):
        original(self, cur, record, frame)  # the rows are in, the transaction still open
        raise RuntimeError("disk full")

    original = Store.insert_batch
    monkeypatch.setattr(Store, "insert_batch", broken)
    with pytest.raises(RuntimeError):
        actuals.import_actuals(
            store,
            csv_bytes([GOOD] + [("chongqing_2027", "new_urban_jobs", y, 1, "万人") for y in range(2022, 2026)]),
            file_name="b.csv",
        )
    assert counts(store) == before
    assert observed(store) == {2022: 230000.0}


def test_an_upload_changes_the_status_of_a_target(seeded_copy):
    before = comparison(seeded_copy, ["new_urban_jobs"], ["chengdu_2022"])
    assert set(before["status"]) == {"no_data"}
    actuals.import_actuals(seeded_copy, jobs(23.5), file_name="jobs.csv")
    after = comparison(seeded_copy, ["new_urban_jobs"], ["chengdu_2022"])
    assert after.iloc[0][["status", "actual", "actual_period", "actual_origin"]].tolist() == [
        "achieved",
        235000.0,
        2022,
        "upload",
    ]
    changes = actuals.status_changes(before, after)
    assert changes[["indicator_id", "status_before", "status_after"]].values.tolist() == [
        ["new_urban_jobs", "no_data", "achieved"]
    ]


def test_concurrent_uploads_from_threads_all_land(store):
    n = 12
    # odd files: Chengdu 2022 (the latest of them wins); even files: Chongqing (another region, other years)
    files = [jobs(20.0 + i) if i % 2 else jobs(1.0 + i, period=2022 + i % 6, plan="chongqing_2027") for i in range(n)]
    results, errors = [], []
    start = threading.Barrier(n)

    def upload(i: int) -> None:
        start.wait()
        try:
            results.append(actuals.import_actuals(store, files[i], file_name=f"f{i}.csv", by=Actor.account(f"user{i}")))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert counts(store) == (n, n)
    history = actuals.batches(store)
    assert history["uploaded_at"].is_unique  # commit order is time order
    latest = next(
        r
        for r in results
        if r.batch.batch_id
        == history[history["file_name"].isin([f"f{i}.csv" for i in range(1, n, 2)])].iloc[0]["batch_id"]
    )
    assert observed(store) == {2022: latest.report.rows.iloc[0]["norm_value"]}


def test_a_plan_added_later_is_accepted(store):
    from targets.store import PlanRecord

    with store.transaction() as cur:
        store.upsert_plan(
            cur,
            PlanRecord(
                "deyang_2025",
                "德阳市2025年目标",
                "Deyang 2025",
                "德阳市",
                "city",
                "government_work_report",
                2025,
                2025,
                "upload",
            ),
        )
    result = actuals.import_actuals(store, jobs(5.0, period=2024, plan="deyang_2025"), file_name="deyang.csv")
    assert result.batch.rows == 1


def test_batch_ids_sort_by_time_and_are_unique():
    from datetime import datetime

    early, late = datetime(2026, 1, 15, 9, 30, 12), datetime(2026, 1, 15, 9, 30, 13)
    ids = [batch.new_batch_id(early) for _ in range(50)]
    assert len(set(ids)) == 50 and all(i.startswith("20260115-093012-") for i in ids)
    assert max(ids) < batch.new_batch_id(late)


def test_a_page_of_the_history_counts_the_rows_in_use_as_the_whole_history_does(store):
    """The history's pages count rows in use for their batches only; the counts agree with the whole history's
    through uploads, a withdrawal and a restore (the page cut and counted in SQL)."""
    for i, (value, period) in enumerate([(20, 2023), (21, 2023), (22, 2024), (23, 2023), (24, 2025), (25, 2024)]):
        uploader = Actor(f"user{i % 2}", "cli:test")
        actuals.import_actuals(store, jobs(value, period, "chengdu_2025"), file_name=f"f{i}.csv", by=uploader)

    def agree() -> None:
        whole = store.batches().set_index("batch_id")["rows_in_use"]
        for offset in range(0, 6, 2):
            page = store.batches(limit=2, offset=offset)
            assert len(page) == 2
            assert list(page["rows_in_use"]) == list(whole[page["batch_id"]])
        assert int(whole.sum()) == len(store.current_actuals())

    agree()
    ids = list(store.batches()["batch_id"])  # newest first
    assert list(store.batches()["rows_in_use"]) == [1, 1, 1, 0, 0, 0]
    batch.withdraw_batch(store, ids[0])  # 2024's newest: the older 2024 upload counts again
    agree()
    assert list(store.batches(limit=2, offset=2)["rows_in_use"]) == [1, 1]  # f3 (2023) and f2, back in use
    batch.restore_batch(store, ids[0])
    agree()
    assert store.count_batches() == 6 and store.count_batches(search="user1") == 3
    assert list(store.batches(search="f4")["batch_id"]) == [ids[1]]
    assert store.count_batches(status="withdrawn") == 0
    batch.withdraw_batch(store, ids[3])
    assert list(store.batches(status="withdrawn")["batch_id"]) == [ids[3]]
    assert store.count_batches(status="active") == 5
