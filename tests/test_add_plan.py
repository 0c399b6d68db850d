"""etl.add_plan: reading uploads, checking a new plan's metadata, storing it in one transaction, rebuilds keeping it."""

import shutil

import pytest

from etl.add_plan import (
    InvalidPlan,
    PlanMetadata,
    add_plan,
    html_to_text,
    looks_like_html,
    preview,
    read_upload,
    validate,
)
from etl.build import build
from targets.store import Store
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
TEXT = (FIXTURES / "mianyang_2025.txt").read_text(encoding="utf-8")


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
    text, encoding = read_upload("plan.txt", TEXT.encode("gb18030"))
    assert (text, encoding) == (TEXT, "gb18030")


def test_html_file_keeps_one_line_per_block_and_drops_scripts():
    text, _ = read_upload("mianyang_2025.html", (FIXTURES / "mianyang_2025.html").read_bytes())
    lines = text.splitlines()
    assert "二、2025年主要目标任务" in lines
    assert any(line.startswith("今年经济社会发展的主要预期目标是") and line.endswith("同步。") for line in lines)
    assert "不是正文" not in text  # inside <script>
    assert "首页 > 政务公开" in lines  # entities decoded


def test_html_whitespace_between_chinese_characters_is_a_markup_break_not_a_space():
    assert html_to_text("<p>地区生产\n   总值增长6%左右</p><p>a<br/>b</p>") == "地区生产总值增长6%左右\na\nb\n"


def test_table_cells_are_separated_by_tabs():
    assert html_to_text("<table><tr><td>指标</td><td>目标</td></tr></table>") == "指标\t目标\n"


def test_pasted_markup_is_recognised_but_plain_text_with_a_bracket_is_not():
    assert looks_like_html("<html><body><p>一</p></body></html>")
    assert not looks_like_html("<一>地区生产总值增长6%")


def test_other_file_types_are_refused():
    with pytest.raises(InvalidPlan) as e:
        read_upload("plan.pdf", b"%PDF-1.7")
    assert rules(e.value.problems) == [("file", "file-type")]


def test_binary_bytes_are_refused():
    with pytest.raises(InvalidPlan) as e:
        read_upload("plan.txt", bytes([0xFF, 0xFE, 0x00, 0x81]) * 10)
    assert rules(e.value.problems) == [("file", "not-text")]


# --- checking --------------------------------------------------------------------------------------------


def test_a_complete_new_plan_has_no_problems(seeded_store):
    assert validate(seeded_store, meta(), TEXT) == []


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
    assert rules(validate(seeded_store, meta(**changes), TEXT)) == expected


def test_empty_and_duplicate_texts_are_refused(seeded_store):
    assert rules(validate(seeded_store, meta(), " \n ")) == [("text", "text-empty")]
    seed = (ROOT / "data" / "sources" / "004_6ac9e479cb7c47bc.txt").read_text(encoding="utf-8")
    assert rules(validate(seeded_store, meta(), seed)) == [("text", "document-taken")]


def test_spaces_around_fields_do_not_count(seeded_store):
    assert validate(seeded_store, meta(plan_id=" mianyang_2025 ", region=" 绵阳市"), TEXT) == []


# --- adding ----------------------------------------------------------------------------------------------


def test_preview_runs_the_real_pipeline_with_the_plan_years():
    rows = preview(meta(), TEXT)
    by_indicator = {r.indicator_id: r for r in rows if r.indicator_id}
    assert by_indicator["affordable_rental_housing"].norm_value == 5000
    assert by_indicator["new_urban_jobs"].norm_value == 52000
    assert by_indicator["gdp_growth"].comparator == "~"
    assert {r.target_year for r in rows} == {2025}
    assert {r.doc for r in rows} == {"mianyang_2025.txt"}


def test_add_plan_stores_plan_document_and_targets_together(db):
    with Store(db) as store:
        before = store.total("quantities")
        added = add_plan(store, meta(), TEXT)
        plan = store.plan("mianyang_2025")
        assert (plan.source, plan.region, plan.start_year, plan.end_year) == ("upload", "绵阳市", 2025, 2025)
        assert store.plan_of_document("mianyang_2025.txt") == "mianyang_2025"
        assert store.total("quantities") == before + added.targets + added.reported
        assert added.targets == len(store.quantities(plans=["mianyang_2025"], kinds=["target"])) > 5
        assert store.document_text("mianyang_2025.txt") == TEXT


def test_adding_the_same_plan_twice_is_refused_and_writes_nothing(db):
    with Store(db) as store:
        add_plan(store, meta(), TEXT)
        counts = (store.total("plans"), store.total("documents"), store.total("quantities"))
        with pytest.raises(InvalidPlan) as e:
            add_plan(store, meta(name_zh="另一个"), TEXT + "\n补充。")
        assert rules(e.value.problems) == [("plan_id", "plan-id-taken")]
        assert (store.total("plans"), store.total("documents"), store.total("quantities")) == counts


def test_a_failure_inside_the_transaction_leaves_the_database_as_it_was(db, monkeypatch):
    with Store(db) as store:
        counts = (store.total("plans"), store.total("documents"), store.total("quantities"))

        def broken(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(store, "replace_document", broken)
        with pytest.raises(RuntimeError):
            add_plan(store, meta(), TEXT)
        assert (store.total("plans"), store.total("documents"), store.total("quantities")) == counts
        assert not store.plan_exists("mianyang_2025")


def test_a_rebuild_re_extracts_added_plans_from_their_stored_text_and_keeps_them(db):
    with Store(db) as store:
        added = add_plan(store, meta(), TEXT)
        ids = set(store.quantities(plans=["mianyang_2025"])["target_id"])
    report = build(db)
    assert "mianyang_2025.txt" in [d.doc_id for d in report.documents]
    with Store(db) as store:
        assert store.plan("mianyang_2025").source == "upload"
        rows = store.quantities(plans=["mianyang_2025"])
        assert set(rows["target_id"]) == ids  # same spans, same stable ids
        assert len(rows[rows["kind"] == "target"]) == added.targets
