"""新增规划 Add a plan (AppTest): paste or upload, describe, preview, save; the new plan then shows on every page."""

import shutil

import pytest

from etl.add_plan import preview, read_text
from targets.store import Store
from tests.conftest import ROOT
from tests.documents import REPORT, Layout, flowed_pdf, scanned_pdf
from tests.pages import captions, open_page
from tests.test_add_plan import TEXT, meta

PAGE = "pages/add_plan.py"
HTML = (ROOT / "tests" / "fixtures" / "mianyang_2025.html").read_bytes()


@pytest.fixture
def db(seeded_db, tmp_path, monkeypatch):
    """A private copy of the seeded database: these tests write."""
    path = tmp_path / "add.duckdb"
    shutil.copy(seeded_db, path)
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    return path


def describe(at, plan_id="mianyang_2025"):
    at.text_input(key="w_new_id").input(plan_id)
    at.text_input(key="w_new_name_zh").input("绵阳市2025年政府工作报告")
    at.text_input(key="w_new_name_en").input("Mianyang 2025 government work report")
    at.text_input(key="w_new_region").input("绵阳市")
    at.selectbox(key="w_new_type").set_value("government_work_report")
    at.number_input(key="w_new_start").set_value(2025)
    at.number_input(key="w_new_end").set_value(2025)
    return at.run()


def test_without_text_the_page_asks_for_it(db):
    at = open_page(PAGE, role="editor")
    assert [i.value for i in at.info] == ["请先上传文件或粘贴文本。"]
    assert not at.main.button  # nothing to save yet


def test_pasted_text_is_previewed_with_the_real_extractor(db):
    at = open_page(PAGE, role="editor")
    at.text_area(key="w_paste").input(TEXT)
    describe(at)
    expected = preview(meta(), [read_text(TEXT)])
    table = at.dataframe[0].value
    assert len(table) == len(expected)
    assert "5000套(间)" in set(table["原文"])
    n = sum(1 for r in expected if r.kind == "target")
    assert f"找到 {n} 条目标、{len(expected) - n} 条实绩/基数。" in captions(at)


def test_saving_stores_the_plan_and_every_page_shows_it(db):
    at = open_page(PAGE, role="editor")
    at.text_area(key="w_paste").input(TEXT)
    describe(at)
    at.button(key="w_save").click().run()
    assert not at.exception
    assert at.success and at.success[0].value.startswith("已保存规划 绵阳市2025年政府工作报告")
    with Store(db) as store:
        assert store.plan("mianyang_2025").source == "upload"
        n_targets = len(store.quantities(plans=["mianyang_2025"], kinds=["target"]))
    overview = open_page()
    plan_cards = {m.label: m.value for m in overview.metric[:5]}
    assert plan_cards["绵阳市 2025 政府工作报告"] == f"{n_targets} 条目标"  # what the plan is: region, year, type
    assert "mianyang_2025.txt" in list(overview.dataframe[-1].value["文件"])
    compare = open_page("pages/compare.py")
    assert "绵阳市 2025 政府工作报告" in set(compare.dataframe[0].value["规划"])  # its 5000 rental homes
    targets = open_page("pages/targets.py", query={"plan": "mianyang_2025"})
    assert len(targets.dataframe[0].value) > 0


def test_saving_twice_reports_the_duplicate_and_writes_nothing(db):
    at = open_page(PAGE, role="editor")
    at.text_area(key="w_paste").input(TEXT)
    describe(at)
    at.button(key="w_save").click().run()
    with Store(db) as store:
        before = store.total("quantities")
    at.button(key="w_save").click().run()
    assert [e.value for e in at.error] == ["无法保存，请修改以下内容："]
    problems = at.dataframe[-1].value
    assert list(problems["规则"]) == ["plan-id-taken", "document-taken"]
    with Store(db) as store:
        assert store.total("quantities") == before


def test_missing_fields_are_listed_by_field(db):
    at = open_page(PAGE, role="editor")
    at.text_area(key="w_paste").input(TEXT).run()
    at.button(key="w_save").click().run()
    problems = at.dataframe[-1].value
    assert list(zip(problems["字段"], problems["规则"], strict=True)) == [
        ("规划编号", "required"),
        ("规划名称（中文）", "required"),
        ("地区", "required"),
    ]


def test_an_uploaded_html_page_is_read_for_its_main_text(db):
    at = open_page(PAGE, role="editor")
    at.file_uploader(key="w_upload").set_value(("mianyang_2025.html", HTML, "text/html")).run()
    describe(at)
    assert any(c.startswith("使用上传的文件 mianyang\\_2025.html") and "网页" in c for c in captions(at))
    table = at.dataframe[0].value
    assert "5000套(间)" in set(table["原文"]) and "100亿元" not in set(table["原文"])  # the script is not text


def test_an_unreadable_upload_is_reported(db):
    at = open_page(PAGE, role="editor")
    at.file_uploader(key="w_upload").set_value(("plan.txt", bytes([0x81, 0x00, 0xFE, 0x30]) * 8, "text/plain")).run()
    assert [e.value for e in at.error] == ["无法保存，请修改以下内容："]
    assert list(at.dataframe[0].value["规则"]) == ["not-text"]


def test_english_switch_changes_the_labels(db):
    at = open_page(PAGE, english=True, role="editor")
    assert at.title[0].value == "Add a plan"
    assert at.text_input(key="w_new_id").label == "Plan id"
    assert at.text_area(key="w_paste").label == "Or paste the text"
    assert [i.value for i in at.info] == ["Upload a file or paste the text first."]


def test_an_uploaded_pdf_is_previewed_and_saved_with_its_pages(db):
    data = flowed_pdf(REPORT, Layout(footer=lambda n, k: f"第{n}页 共{k}页"))
    at = open_page(PAGE, role="editor")
    at.file_uploader(key="w_upload").set_value(("绵阳.pdf", data, "application/pdf")).run()
    describe(at)
    assert any(c.startswith("使用上传的文件 绵阳.pdf") and "1 页 · PDF" in c for c in captions(at))
    table = at.dataframe[0].value
    assert {"8000套（间）", "1350亿元"} <= set(table["原文"])
    at.button(key="w_save").click().run()
    assert at.success and not at.exception
    with Store(db) as store:
        assert store.document_file("mianyang_2025.pdf") == ("绵阳.pdf", data)


def test_a_scanned_pdf_is_refused_with_the_reason(db):
    at = open_page(PAGE, role="editor")
    at.file_uploader(key="w_upload").set_value(("扫描件.pdf", scanned_pdf(), "application/pdf")).run()
    assert [e.value for e in at.error] == ["无法保存，请修改以下内容："]
    problems = at.dataframe[0].value
    assert list(problems["规则"]) == ["scanned-pdf"]
    assert "扫描件.pdf" in problems["说明"].iloc[0] and "没有找到文字" in problems["说明"].iloc[0]


@pytest.mark.parametrize(
    ("region", "code", "year", "suggested"),
    [
        ("成都市温江区", "", 2026, "wenjiang_2026"),  # the region catalog's English name
        ("绵阳市", "510700", 2025, "r510700_2025"),  # a region it does not know: its code
        ("成都市", "", 2022, "chengdu_2022_government_work_report"),  # chengdu_2022 is taken
    ],
)
def test_a_plan_id_is_suggested_from_region_and_year_when_none_is_typed(db, region, code, year, suggested):
    at = open_page(PAGE, role="editor")
    at.text_area(key="w_paste").input(TEXT).run()
    at.text_input(key="w_new_region").input(region)
    at.text_input(key="w_new_region_code").input(code)
    at.number_input(key="w_new_start").set_value(year)
    at.number_input(key="w_new_end").set_value(year).run()
    assert any(f"建议编号 {suggested}" in c.replace("\\_", "_") for c in captions(at))
