"""etl.add_plan: reading uploads, checking a new plan's metadata, storing it in one transaction, rebuilds keeping it."""

import shutil

import pytest

from etl.add_plan import (
    InvalidPlan,
    PlanMetadata,
    add_plan,
    preview,
    read_text,
    read_upload,
    validate,
)
from etl.build import build
from targets.store import Store
from tests.conftest import ROOT
from tests.documents import REPORT, Layout, flowed_pdf

FIXTURES = ROOT / "tests" / "fixtures"
TEXT = (FIXTURES / "mianyang_2025.txt").read_text(encoding="utf-8")
SOURCE = read_text(TEXT)


def meta(**changes) -> PlanMetadata:
    fields = {
        "plan_id": "mianyang_2025",
        "name_zh": "绵阳市2025年政府工作报告",
        "region": "绵阳市",
        "level": "city",
        "start_year": 2025,
        "end_year": 2025,
        "plan_type": "government_work_report",
        "name_en": "Mianyang 2025 government work report",
    }
    fields.update(changes)
    return PlanMetadata(**fields)


@pytest.fixture
def db(seeded_db, tmp_path):
    """A private copy of the seeded database (these tests write)."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(seeded_db, path)
    return path


def rules(problems) -> list[tuple[str, str]]:
    return [(p.field, p.rule) for p in problems]


# --- reading ---------------------------------------------------------------------------------------------


def test_gb18030_text_file_is_decoded():
    source = read_upload("plan.txt", TEXT.encode("gb18030"))
    assert (source.text, source.document.encoding, source.document.format) == (TEXT, "gb18030", "text")


def test_html_file_is_read_for_its_main_text():
    source = read_upload("mianyang_2025.html", (FIXTURES / "mianyang_2025.html").read_bytes())
    lines = source.text.splitlines()
    assert source.document.format == "html"
    assert "二、2025年主要目标任务" in lines  # a section heading of the page stays
    assert any(line.startswith("今年经济社会发展的主要预期目标是") and line.endswith("同步。") for line in lines)
    assert "不是正文" not in source.text  # inside <script>
    assert "首页 > 政务公开" not in source.text  # the navigation is not the plan


def test_pasted_markup_is_read_as_a_page_but_plain_text_with_a_bracket_is_not():
    assert read_text("<html><body><p>一</p><div>地区生产总值增长6%</div></body></html>").document.format == "html"
    pasted = read_text("<一>地区生产总值增长6%")
    assert (pasted.document.format, pasted.text) == ("text", "<一>地区生产总值增长6%")


def test_a_pdf_upload_is_read_with_its_pages():
    source = read_upload("report.pdf", flowed_pdf(REPORT, Layout(footer=lambda n, k: f"— {n} —")))
    assert (source.document.format, source.document.pages, source.file_name) == ("pdf", 1, "report.pdf")
    assert source.data is not None and source.data.startswith(b"%PDF")


def test_a_format_the_intake_refuses_is_a_problem_of_the_file():
    with pytest.raises(InvalidPlan) as e:
        read_upload("plan.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + bytes(600))
    assert rules(e.value.problems) == [("file", "unsupported-format")]


def test_binary_bytes_are_refused():
    with pytest.raises(InvalidPlan) as e:
        read_upload("plan.txt", bytes([0x81, 0x00, 0xFE, 0x30]) * 10)
    assert rules(e.value.problems) == [("file", "not-text")]


# --- checking --------------------------------------------------------------------------------------------


def test_a_complete_new_plan_has_no_problems(seeded_store):
    assert validate(seeded_store, meta(), [SOURCE]) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"plan_id": ""}, [("plan_id", "required")]),
        ({"plan_id": "Mianyang_2025"}, [("plan_id", "plan-id-format")]),
        ({"plan_id": "mianyang-2025"}, [("plan_id", "plan-id-format")]),
        ({"plan_id": "mianyang"}, [("plan_id", "plan-id-format")]),
        ({"plan_id": "2025_mianyang_2025"}, [("plan_id", "plan-id-format")]),
        ({"plan_id": "mianyang_2024"}, [("plan_id", "plan-id-year")]),
        ({"plan_id": "chengdu_2025"}, [("plan_id", "plan-id-taken")]),
        ({"name_zh": "  "}, [("name_zh", "required")]),
        ({"region": ""}, [("region", "required")]),
        ({"level": "town"}, [("level", "unknown-level")]),
        ({"plan_type": "wish_list"}, [("plan_type", "unknown-plan-type")]),
        ({"start_year": 1900}, [("start_year", "year-out-of-range")]),
        ({"start_year": 2026}, [("end_year", "end-before-start")]),
        ({"published": "2025/03/14"}, [("published", "bad-date")]),
    ],
)
def test_each_broken_rule_names_its_field(seeded_store, changes, expected):
    assert rules(validate(seeded_store, meta(**changes), [SOURCE])) == expected


def test_empty_and_duplicate_texts_are_refused(seeded_store):
    assert rules(validate(seeded_store, meta(), [read_text(" \n ")])) == [("text", "text-empty")]
    seed = (ROOT / "data" / "sources" / "004_6ac9e479cb7c47bc.txt").read_bytes()
    assert rules(validate(seeded_store, meta(), [read_upload("004.txt", seed)])) == [("file", "document-taken")]


def test_spaces_around_fields_do_not_count(seeded_store):
    assert validate(seeded_store, meta(plan_id=" mianyang_2025 ", region=" 绵阳市"), [SOURCE]) == []


# --- adding ----------------------------------------------------------------------------------------------


def test_preview_runs_the_real_pipeline_with_the_plan_years():
    rows = preview(meta(), [SOURCE])
    by_indicator = {r.indicator_id: r for r in rows if r.indicator_id}
    assert by_indicator["affordable_rental_housing"].norm_value == 5000
    assert by_indicator["new_urban_jobs"].norm_value == 52000
    assert by_indicator["gdp_growth"].comparator == "~"
    assert {r.target_year for r in rows} == {2025}
    assert {r.doc for r in rows} == {"mianyang_2025.txt"}


def test_add_plan_stores_plan_document_and_targets_together(db):
    with Store(db) as store:
        before = store.total("quantities")
        added = add_plan(store, meta(), [SOURCE])
        plan = store.plan("mianyang_2025")
        assert (plan.source, plan.region, plan.start_year, plan.end_year) == ("upload", "绵阳市", 2025, 2025)
        assert store.plan_of_document("mianyang_2025.txt") == "mianyang_2025"
        assert store.total("quantities") == before + added.targets + added.reported
        assert added.targets == len(store.quantities(plans=["mianyang_2025"], kinds=["target"])) > 5
        assert store.document_text("mianyang_2025.txt") == TEXT


def test_adding_the_same_plan_twice_is_refused_and_writes_nothing(db):
    with Store(db) as store:
        add_plan(store, meta(), [SOURCE])
        counts = (store.total("plans"), store.total("documents"), store.total("quantities"))
        with pytest.raises(InvalidPlan) as e:
            add_plan(store, meta(name_zh="另一个"), [read_text(TEXT + "\n补充。")])
        assert rules(e.value.problems) == [("plan_id", "plan-id-taken")]
        assert (store.total("plans"), store.total("documents"), store.total("quantities")) == counts


def test_a_failure_inside_the_transaction_leaves_the_database_as_it_was(db, monkeypatch):
    with Store(db) as store:
        counts = (store.total("plans"), store.total("documents"), store.total("quantities"))

        def broken(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(store, "replace_document", broken)
        with pytest.raises(RuntimeError):
            add_plan(store, meta(), [SOURCE])
        assert (store.total("plans"), store.total("documents"), store.total("quantities")) == counts
        assert not store.plan_exists("mianyang_2025")


def test_a_rebuild_re_extracts_pasted_plans_from_their_stored_text_and_keeps_them(db):
    with Store(db) as store:
        added = add_plan(store, meta(), [SOURCE])
        ids = set(store.quantities(plans=["mianyang_2025"])["target_id"])
    report = build(db)
    assert "mianyang_2025.txt" in [d.doc_id for d in report.documents]
    with Store(db) as store:
        assert store.plan("mianyang_2025").source == "upload"
        rows = store.quantities(plans=["mianyang_2025"])
        assert set(rows["target_id"]) == ids  # same spans, same stable ids
        assert len(rows[rows["kind"] == "target"]) == added.targets


def test_an_uploaded_pdf_is_stored_whole_and_read_again_on_a_rebuild(db):
    data = flowed_pdf(REPORT, Layout(footer=lambda n, k: f"— {n} —"))
    with Store(db) as store:
        added = add_plan(store, meta(), [read_upload("绵阳.pdf", data)])
        assert added.doc_ids == ["mianyang_2025.pdf"]
        assert store.document_file("mianyang_2025.pdf") == ("绵阳.pdf", data)
        stored = store.quantities(plans=["mianyang_2025"])
        assert set(stored["page"]) == {1} and stored["page_line"].notna().all()
        text = store.document_text("mianyang_2025.pdf")
        assert all(text[r.char_start : r.char_end] == r.quote for r in stored.itertuples())
    build(db)
    with Store(db) as store:
        again = store.quantities(plans=["mianyang_2025"])
        assert sorted(again["target_id"]) == sorted(stored["target_id"])
        assert list(again.sort_values("target_id")["page_line"]) == list(stored.sort_values("target_id")["page_line"])


def test_a_plan_of_several_documents_numbers_their_ids(db):
    pdf = read_upload("报告.pdf", flowed_pdf(REPORT))
    with Store(db) as store:
        added = add_plan(store, meta(), [SOURCE, pdf])
        assert added.doc_ids == ["mianyang_2025_1.txt", "mianyang_2025_2.pdf"]
        docs = store.documents("mianyang_2025")
        assert list(docs["format"]) == ["text", "pdf"]
        assert {r.doc for r in added.rows} == set(added.doc_ids)
