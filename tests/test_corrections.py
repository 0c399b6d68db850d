"""Corrections that last (targets.corrections): a planner's fixes are stored apart from the extraction, applied
to every view, re-applied when a document is extracted again (its spans moved, its quotes grown), listed when
their quantity is gone, undone to the extraction, and refused with the field named when they cannot be."""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest

from etl.build import build
from etl.document import SourceDocument
from etl.extract import DocumentInfo, extract_document
from targets import accounts, audit, corrections
from targets.catalog import load_catalog
from targets.compare import comparison
from targets.store import DocumentRecord, PlanRecord, Store

REPORT = (
    "今年主要预期目标是：地区生产总值增长6%左右，城镇新增就业4万人以上。\n"
    "筹集保障性租赁住房6000套。新增绿地面积200公顷。\n"
)


@dataclass(frozen=True)
class By:
    """An author as targets.audit.Actor has one."""

    who: str = "李四"
    where: str = "account:李四"


def write(store: Store, text: str, doc_id: str = "report.txt") -> None:
    """(Re-)extract a small 2024 work report of 示例市 and write it, as a build or a re-added plan does."""
    doc = SourceDocument.from_text(doc_id, text)
    found = extract_document(doc, DocumentInfo(plan_year=2024, target_years=(2024,)))
    record = DocumentRecord(
        doc_id, "demo_2024", "示例市2024年政府工作报告", "示例市人民政府", "示例市", "city",
        "government_work_report", "2024-01-15", 2024, (2024,), "simplified", "utf-8", doc.sha256, doc.original,
    )  # fmt: skip
    with store.transaction() as cur:
        store.replace_document(cur, record, found)


@pytest.fixture
def store():
    with Store(":memory:") as s:
        with s.transaction() as cur:
            s.replace_catalog(cur, load_catalog())
            plan = PlanRecord("demo_2024", "示例市2024年", "Demo 2024", "示例市", "city", "gwr", 2024, 2024)
            s.upsert_plan(cur, plan)
        write(s, REPORT)
        yield s


def target(store: Store, quote: str) -> dict:
    rows = store.quantities()
    (row,) = rows[rows["quote"] == quote].to_dict("records")
    return row


def test_a_correction_changes_the_quantity_marks_it_and_keeps_author_time_and_before(store):
    housing = target(store, "6000套")
    made = corrections.correct(store, housing["target_id"], {"value": "0.6", "unit_raw": "万套(间)"}, By(), "原文有误")
    row = target(store, "6000套")
    assert (row["value"], row["unit_raw"], row["norm_value"], row["norm_unit"]) == (0.6, "万套(间)", 6000, "count")
    assert (row["corrected"], row["corrected_by"]) == ("value,unit_raw", "李四")
    assert row["corrected_at"] is not None
    assert made.before == {"value": 6000, "unit_raw": "套"} and made.note == "原文有误"
    (listed,) = corrections.corrections(store).to_dict("records")
    assert (listed["summary_zh"], listed["created_by"], listed["created_from"], listed["active"]) == (
        "数值 6000 → 0.6；单位 套 → 万套(间)",
        "李四",
        "account:李四",
        True,
    )
    assert corrections.mark_text(row["corrected"]) == "已更正：数值、单位"
    (entry,) = audit.log(store, actions=["correct"]).to_dict("records")
    assert (entry["who"], entry["origin"]) == ("李四", "account:李四")
    assert entry["summary"] == "数值 6000 → 0.6；单位 套 → 万套(间)"
    assert f"correction:{made.correction_id}" in entry["object"]


def test_a_correction_that_fails_to_commit_writes_nothing_not_even_its_audit_entry(store, monkeypatch):
    housing = target(store, "6000套")

    def full_disk(cur):
        raise OSError("No space left on device")

    monkeypatch.setattr(store, "_commit", full_disk)
    with pytest.raises(OSError):
        corrections.correct(store, housing["target_id"], {"value": 7000}, By())
    monkeypatch.undo()
    assert store.total("corrections") == 0 and audit.log(store).empty
    assert target(store, "6000套")["value"] == 6000


def test_every_field_a_planner_corrects_reaches_the_comparison(store):
    jobs = target(store, "4万人")
    corrections.correct(
        store,
        jobs["target_id"],
        {"comparator": "=", "target_year": "2025", "area": "中心城区", "lead_unit": "市人社局", "kind": "target"},
        By(),
    )
    (row,) = comparison(store, ["new_urban_jobs"]).to_dict("records")
    assert (row["comparator"], row["target_year"], row["scope"], row["lead_unit"], row["status"]) == (
        "=",
        2025,
        "中心城区",
        "市人社局",
        "scoped",
    )
    green = target(store, "200公顷")
    corrections.correct(store, green["target_id"], {"not_comparable": "口径为建成区"}, By())
    (row,) = comparison(store, ["green_space_new"]).to_dict("records")
    assert row["status"] == "not_comparable" and "口径为建成区" in row["reason_zh"]


def test_the_indicator_is_corrected_with_its_category(store):
    housing = target(store, "6000套")
    corrections.correct(store, housing["target_id"], {"indicator_id": "school_places_new"}, By())
    row = target(store, "6000套")
    catalog = load_catalog()
    assert (row["indicator_id"], row["category"]) == (
        "school_places_new",
        catalog.indicators["school_places_new"].category,
    )


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"value": "6万"}, "value", "万、亿等量级写在单位里"),
        ({"target_year": "明年"}, "target_year", "应为年份"),
        ({"target_year": "3024"}, "target_year", "不在 1949–2100 年之间"),
        ({"indicator_id": "no_such_indicator"}, "indicator_id", "指标目录中没有"),
        ({"comparator": "大约"}, "comparator", "不能是「大约」"),
        ({"unit_raw": "万光年"}, "unit_raw", "无法识别单位"),
        ({"unit_raw": "公顷"}, "unit_raw", "与指标的单位不符"),  # housing counts are no area
        ({"value": "6000"}, None, "没有要更正的内容"),
        ({"colour": "red"}, "colour", "不能更正"),
    ],
)
def test_a_correction_that_cannot_be_is_refused_naming_the_field_and_nothing_is_written(store, changes, field, words):
    housing = target(store, "6000套")
    with pytest.raises(corrections.InvalidCorrection) as refused:
        corrections.correct(store, housing["target_id"], changes, By())
    assert refused.value.field == field and words in refused.value.zh and refused.value.en
    assert store.total("corrections") == 0 and target(store, "6000套")["corrected"] is None


def test_re_extraction_re_applies_corrections_when_spans_move_and_quotes_grow(store):
    housing, green = target(store, "6000套"), target(store, "200公顷")
    corrections.correct(store, housing["target_id"], {"target_year": 2025}, By())
    corrections.correct(store, green["target_id"], {"value": 250}, By())
    # a new first line moves every span; the extractor now reads the housing quote with its 间
    write(store, "示例市人民政府\n" + REPORT.replace("6000套", "6000套(间)"))
    assert target(store, "6000套(间)")["target_year"] == 2025  # overlapping quote, same sentence
    moved = target(store, "200公顷")
    assert (moved["value"], moved["norm_value"], moved["corrected"]) == (250, 250, "value")  # same quote
    assert moved["target_id"] != green["target_id"]
    listed = corrections.corrections(store)
    assert set(listed["target_id"]) == {target(store, "6000套(间)")["target_id"], moved["target_id"]}
    assert not listed["orphaned"].any()


def test_a_correction_whose_quantity_disappeared_is_listed_not_lost_and_found_again(store):
    green = target(store, "200公顷")
    made = corrections.correct(store, green["target_id"], {"value": 250}, By())
    write(store, REPORT.replace("新增绿地面积200公顷。", ""))
    (orphan,) = corrections.orphans(store).to_dict("records")
    assert (orphan["correction_id"], orphan["summary_zh"]) == (made.correction_id, "数值 200 → 250")
    write(store, REPORT)  # the sentence is back (an extractor fixed, a document restored)
    assert corrections.orphans(store).empty and target(store, "200公顷")["value"] == 250


def test_undo_restores_the_extraction_and_keeps_the_other_corrections(store):
    green = target(store, "200公顷")
    first = corrections.correct(store, green["target_id"], {"value": 250}, By())
    corrections.correct(store, green["target_id"], {"target_year": 2025}, By("王五", "cli:wang"))
    row = target(store, "200公顷")
    assert (row["value"], row["target_year"], row["corrected"], row["corrected_by"]) == (
        250,
        2025,
        "value,target_year",
        "王五",
    )
    corrections.undo(store, first.correction_id, By())
    row = target(store, "200公顷")
    assert (row["value"], row["norm_value"], row["target_year"], row["corrected"]) == (200, 200, 2025, "target_year")
    with pytest.raises(corrections.InvalidCorrection):
        corrections.undo(store, first.correction_id, By())
    undone = corrections.corrections(store).set_index("correction_id").loc[first.correction_id]
    assert (undone["active"], undone["undone_by"]) == (False, "李四")


def test_delete_and_merge_take_a_quantity_out_of_every_view_and_undo_brings_it_back(store):
    write(store, REPORT + "筹集保障性租赁住房6000套，其中配租型5000套。\n")
    twins = store.quantities()
    twins = twins[twins["quote"] == "6000套"]
    kept, duplicate = list(twins["target_id"])
    merged = corrections.merge(store, duplicate, kept, By(), "民生实事与任务重复")
    assert store.quantity(duplicate) is None and store.quantity(kept) is not None
    assert corrections.describe(merged) == f"与 {kept} 重复，已合并"
    green = target(store, "200公顷")
    deleted = corrections.delete(store, green["target_id"], By(), "不是目标")
    assert comparison(store, ["green_space_new"]).empty
    corrections.undo(store, deleted.correction_id, By())
    assert list(comparison(store, ["green_space_new"])["target"]) == [200]
    with pytest.raises(corrections.InvalidCorrection):
        corrections.merge(store, kept, kept, By())


def test_a_missing_target_is_added_by_hand_at_its_quote_and_survives_re_extraction(store):
    added = corrections.add(
        store,
        "report.txt",
        {"indicator_id": "gdp_growth", "value": 6, "unit_raw": "%", "comparator": "~", "target_year": 2024,
         "quote": "增长6%左右"},
        By(),
    )  # fmt: skip
    row = store.quantity(added.target_id)
    assert (row["indicator"], row["norm_value"], row["comparator"], row["line"], row["corrected"]) == (
        "地区生产总值增速",
        6,
        "~",
        1,
        "added",
    )
    assert row["sentence"].startswith("今年主要预期目标是") and row["quote"] == "增长6%左右"
    write(store, "示例市人民政府\n" + REPORT)
    again = store.quantity(added.target_id)
    assert again is not None and again["line"] == 2  # placed at its quote in the new text
    with pytest.raises(corrections.InvalidCorrection, match="找不到原文"):
        corrections.add(store, "report.txt", {"indicator_id": "gdp_growth", "value": 6, "unit_raw": "%",
                                              "target_year": 2024, "quote": "增长9%"}, By())  # fmt: skip
    with pytest.raises(corrections.CorrectionNotFound):
        corrections.add(store, "nothing.txt", {"indicator_id": "gdp_growth", "target_year": 2024}, By())


def test_a_correction_survives_etl_build(seeded_db, tmp_path):
    """The real build over the seeds re-extracts every document and the correction is still there."""
    db = tmp_path / "t.duckdb"
    shutil.copy(seeded_db, db)
    with Store(db) as store:
        housing = store.quantities(indicator_ids=["affordable_rental_housing"], plans=["chengdu_2022"])
        target_id = housing["target_id"].iloc[0]
        corrections.correct(store, target_id, {"value": 6.5}, By())
    build(db)
    with Store(db) as store:
        row = store.quantity(target_id)
        assert row is not None and (row["value"], row["norm_value"], row["corrected"]) == (6.5, 65000, "value")
        (listed,) = corrections.corrections(store).to_dict("records")
        assert listed["active"] and not listed["orphaned"]


def test_only_an_editor_or_an_admin_account_corrects(store):
    housing = target(store, "6000套")
    with pytest.raises(accounts.NotAllowed):
        corrections.correct(store, housing["target_id"], {"value": 7000}, accounts.Account("张三", "viewer"))
    made = corrections.correct(store, housing["target_id"], {"value": 7000}, accounts.Account("王五", "editor"))
    assert (made.created_by, made.created_from) == ("王五", "account:王五")


def test_a_range_upside_down_is_refused_in_the_plan_s_digits():
    row = {"comparator": "=", "value": 5.0, "value_low": None, "value_high": None, "unit_raw": "亿元"}
    with pytest.raises(corrections.InvalidCorrection) as refused:
        corrections.apply_changes(row, {"value_low": 123456789.0, "value_high": 1000.0}, load_catalog())
    assert "123456789" in str(refused.value.zh) and "e+" not in str(refused.value)
