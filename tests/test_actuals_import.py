"""Importing actuals: one batch per file in one transaction, latest upload wins, withdrawal, history,
statuses that change, concurrent uploads, and round trips through the template and the export."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from targets import actuals, export
from targets.compare import comparison
from targets.store import BatchNotFound, Store
from tests.actuals_support import GOOD, copy_db, counts, csv_bytes, planned_store, xlsx_bytes
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


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


def observed(store: Store, plan: str = "chengdu_2022", indicator: str = "new_urban_jobs") -> dict[int, float]:
    frame = store.observations([indicator], [plan])
    uploads = frame[frame["origin"] == "upload"]
    return dict(zip(uploads["period"], uploads["norm_value"], strict=True))


def test_an_upload_is_one_batch_with_its_file_name_hash_rows_and_uploader(store):
    content = csv_bytes([GOOD, ("chengdu_2022", "gdp_growth", 2022, 2.8, "%")])
    result = actuals.import_actuals(store, content, file_name="成都2022.csv", uploaded_by=" 张三 ")
    batch = store.batch(result.batch.batch_id)
    assert (batch.file_name, batch.rows, batch.uploaded_by, batch.status) == ("成都2022.csv", 2, "张三", "active")
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

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(actuals, "_pause_for_tests", broken)  # runs after the rows are inserted
    with pytest.raises(RuntimeError):
        actuals.import_actuals(
            store,
            csv_bytes([GOOD] + [("chengdu_2025", "new_urban_jobs", y, 1, "万人") for y in range(2020, 2026)]),
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
    files = [jobs(20.0 + i) if i % 2 else jobs(1.0 + i, period=2020 + i % 6, plan="chengdu_2025") for i in range(n)]
    results, errors = [], []
    start = threading.Barrier(n)

    def upload(i: int) -> None:
        start.wait()
        try:
            results.append(actuals.import_actuals(store, files[i], file_name=f"f{i}.csv", uploaded_by=f"user{i}"))
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
    columns = ["plan_id", "indicator_id", "period", "value", "unit_raw", "norm_value", "source", "note"]
    pd.testing.assert_frame_equal(current[columns], again[columns])
    pd.testing.assert_frame_equal(
        first.drop(columns=["reason", "reason_en"]), third.drop(columns=["reason", "reason_en"])
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_itself_validates_and_imports(store, fmt):
    content = actuals.template_bytes(fmt, store.plans())
    report = actuals.validate(store, content, f"template.{fmt}")
    assert report.valid, report.as_text()
    assert report.stats["accepted"] == len(actuals.TEMPLATE_EXAMPLES)
    result = actuals.import_actuals(store, content, file_name=f"template.{fmt}")
    assert result.batch.rows == len(actuals.TEMPLATE_EXAMPLES)


def test_the_xlsx_template_lists_plans_and_indicators(store):
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(actuals.template_xlsx(store.plans())))
    assert book.sheetnames == ["实际值", "说明", "规划", "指标"]
    plan_ids = [r[0] for r in book["规划"].iter_rows(min_row=2, values_only=True)]
    assert set(plan_ids) == {"chengdu_2022", "wenjiang_2023", "chengdu_2025", "chongqing_2027"}
    indicator_rows = list(book["指标"].iter_rows(min_row=2, values_only=True))
    names = {r[0]: r[1] for r in indicator_rows}
    assert names["new_urban_jobs"] == "城镇新增就业"
    assert [c.value for c in book["实际值"][1]] == [actuals.header(c) for c in actuals.COLUMNS]


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


def test_xlsx_upload_reads_the_actuals_sheet_when_there_is_one(store):
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(xlsx_bytes([("x",)], header=("nothing",), sheet="封面")))
    sheet = book.create_sheet("实际值")
    sheet.append(["plan", "indicator_id", "period", "value", "unit"])
    sheet.append(list(GOOD))
    out = BytesIO()
    book.save(out)
    assert actuals.validate(store, out.getvalue(), "book.xlsx").valid
