"""The 实际值 page through AppTest: template downloads, upload with row-level problems and converted
values, import as a batch with the status changes shown, history and withdrawal.

The page runs as its own script here: through app.py, AppTest resets Streamlit's legacy `pages/`
flag before every run, so ui.layout reruns the script and a button click is lost. app.py's
navigation is checked separately (test_pages_are_in_the_navigation).
"""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from targets import accounts, actuals, config
from targets.store import Store
from tests.actuals_support import GOOD, copy_db, csv_bytes
from tests.conftest import ROOT
from tests.pages import PASSWORD, ensure_account

PAGE = str(ROOT / "pages" / "actuals.py")
SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


@pytest.fixture
def db(seeded_db, tmp_path, monkeypatch):
    path = copy_db(seeded_db, tmp_path)
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def signed_in_page(name: str = "王五", role: str = "editor") -> AppTest:
    """The page, signed in as `name` (an account of `role` made for the test) by the real sign-in."""
    ensure_account(name, role)
    at = AppTest.from_file(PAGE, default_timeout=60)
    with Store(config.database_path()) as store:
        at.session_state["auth_session"] = accounts.sign_in(store, name, PASSWORD, accounts.Settings())
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def page(db):
    return signed_in_page()


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="w_upload").set_value((name, content, "text/csv")).run()
    assert not at.exception
    return at


def table_with(at: AppTest, column: str):
    """The first table on the page that has `column` (st.dataframe elements carry no key in AppTest)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def history_id(db) -> str:
    with Store(db) as store:
        return store.batches()["batch_id"].iloc[0]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_page_offers_both_templates_and_an_uploader(page):
    assert page.title[0].value == "实际值"
    assert [b.label for b in page.get("download_button")] == ["下载 CSV 模板", "下载 Excel 模板", "下载该规划的模板"]
    assert page.selectbox(key="w_template_plan").value == "chengdu_2022"  # a template prefilled for one plan
    assert page.file_uploader(key="w_upload").allowed_type == [".csv", ".tsv", ".txt", ".xlsx", ".xls"]
    assert "还没有上传过实际值。" in [c.value for c in page.caption]


def test_uploading_the_sample_shows_the_converted_preview(page):
    upload(page, "actuals_sample.csv", SAMPLE.read_bytes())
    assert metrics(page) == {"读取行数": "106", "可导入": "106", "错误": "0", "提示": "0"}
    preview = table_with(page, "换算值")
    gdp = preview[(preview["id"] == "gdp") & (preview["地区"] == "重庆市") & (preview["年份"] == 2023)].iloc[0]
    assert (gdp["上传数值"], gdp["单位"], gdp["换算值"], gdp["标准单位"]) == (
        30145.79,
        "亿元",
        pytest.approx(3.014579e12),
        "元",
    )
    assert page.button(key="w_commit").label == "导入为一个批次"


def test_a_bad_file_lists_its_problems_and_offers_no_import(page, db):
    content = csv_bytes([GOOD, ("chengdu_2022", "new_urban_jobs", 2022, "abc", "万人"), ("x_2022", *GOOD[1:])])
    upload(page, "bad.csv", content)
    assert metrics(page)["错误"] == "2"
    assert "没有写入任何数据" in page.error[0].value
    problems = page.table[0].value  # a static table: the whole message wraps
    assert problems[["行", "列"]].values.tolist() == [["3", "value"], ["4", "plan"]]  # the file's own headers
    assert (
        problems["说明"].iloc[0].replace("\\", "")
        == "第 3 行「数值」:「abc」不是数字;数值列只填数字,万、亿等量级写在单位列(如 2.08 和 万亿元)"
    )
    assert not [b for b in page.button if b.key == "w_commit"]
    with Store(db) as store:
        assert store.total("actuals") == 0


def test_importing_shows_the_batch_and_the_status_changes(page, db):
    upload(page, "actuals_sample.csv", SAMPLE.read_bytes())
    page.button(key="w_commit").click().run()
    assert not page.exception
    assert page.success[0].value.startswith("已导入 106 行,批次 ")
    changes = page.table[0].value
    freight = changes[changes["指标"] == "国际班列开行量"].iloc[0]
    assert (freight["之前"], freight["之后"], freight["数值"]) == ("○ 暂无数据", "✔ 已完成", "5064列")
    history = table_with(page, "生效行数")
    assert history[["文件", "上传人", "行数", "生效行数", "状态"]].values.tolist() == [
        ["actuals_sample.csv", "王五", 106, 106, "有效"]
    ]
    assert [i.value for i in page.info] == [f"这个文件已导入为批次 {history_id(db)}。"]  # not offered again
    with Store(db) as store:
        assert store.total("actuals") == 106


def test_withdrawing_a_batch_marks_it_withdrawn(page, db):
    upload(page, "actuals_sample.csv", SAMPLE.read_bytes())
    page.button(key="w_commit").click().run()
    page.button(key="w_withdraw").click().run()
    assert page.warning[0].value.startswith("撤回批次 ") and "106 行将不再参与计算" in page.warning[0].value
    with Store(db) as store:
        assert store.batches()["status"].tolist() == ["active"]  # asked, not done yet
    page.button(key="w_confirm").click().run()
    assert not page.exception
    assert any("已撤回" in s.value for s in page.success)
    history = table_with(page, "生效行数")
    assert list(history["状态"]) == ["已撤回"] and list(history["生效行数"]) == [0]
    with Store(db) as store:
        assert store.batches()["status"].tolist() == ["withdrawn"]


def test_typed_rows_are_checked_like_a_file(page):
    page.session_state["act_typed"] = csv_bytes([GOOD])
    page.run()
    assert metrics(page)["可导入"] == "1"


def test_english_labels(page):
    page.sidebar.radio(key="lang_radio").set_value("English").run()
    assert page.title[0].value == "Actuals"
    assert [b.label for b in page.get("download_button")] == [
        "Download the CSV template",
        "Download the Excel template",
        "Download that plan's template",
    ]


def test_pages_are_in_the_navigation(db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    for path, title in (("pages/actuals.py", "实际值"), ("pages/export.py", "导出")):
        at.switch_page(path).run()
        assert not at.exception
        assert at.title[0].value == title


def test_first_start_builds_the_database_with_the_sample(tmp_path, monkeypatch):
    path = tmp_path / "new" / "targets.duckdb"
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(PAGE, default_timeout=120)
        at.run()
        assert not at.exception
        history = table_with(at, "生效行数")
        assert history[["文件", "上传人", "行数"]].values.tolist() == [["actuals_sample.csv", "示例数据 sample", 106]]
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
    assert not list(path.parent.glob("*.tmp*"))


def test_problems_name_the_planners_header_and_the_fix_in_the_pages_language(page):
    content = "地区,指标编号,年份,数值,单位\n成都市,new_urban_jobs,2023,23.6万人,\n".encode()
    upload(page, "bad.csv", content)
    problems = page.table[0].value
    value = problems[problems["列"] == "数值"].iloc[0]
    assert value["说明"].replace("\\", "") == "第 2 行「数值」:「23.6万人」不是数字;数值改为 23.6,单位填 万人"
    page.sidebar.radio(key="lang_radio").set_value("English").run()
    english = page.table[0].value
    assert (
        english["Message"]
        .iloc[0]
        .replace("\\", "")
        .startswith("row 2, column value: '23.6万人' is not a number; write 23.6")
    )
    assert not any("不是数字" in m for m in english["Message"])  # the chosen language only


def many_batches(db, n: int, by: str = "王五", role: str = "editor") -> list[str]:
    """`n` one-row batches uploaded by `by` (each its own file), newest first as the history lists them."""
    ensure_account(by, role)
    with Store(db) as store:
        account = accounts.account(store, by)
        for i in range(n):
            content = csv_bytes([("chengdu_2022", "new_urban_jobs", 2022, 20 + i / 10, "万人")])
            actuals.import_actuals(store, content, file_name=f"第{i:02d}批.csv", by=account)
        return list(store.batches()["batch_id"])


def test_the_history_shows_the_latest_batches_a_page_at_a_time_and_filters_them(db):
    ids = many_batches(db, 53)
    at = signed_in_page()
    history = table_with(at, "生效行数")
    assert list(history["批次"]) == ids[:50]  # the latest 50, newest first
    assert list(history["生效行数"]) == [1] + [0] * 49  # the newest upload of the key is the one in use
    assert "共 53 条 · 显示第 1–50 条" in [c.value for c in at.caption]
    at.number_input(key="w_batch_page").set_value(2).run()
    assert list(table_with(at, "生效行数")["批次"]) == ids[50:]
    assert "共 53 条 · 显示第 51–53 条" in [c.value for c in at.caption]
    assert len(at.selectbox(key="w_withdraw_pick").options) == 3  # the page's batches
    at.text_input(key="w_batch_q").input("第07批").run()  # a filter goes back to the first page
    assert list(table_with(at, "生效行数")["文件"]) == ["第07批.csv"]
    assert not at.number_input  # one page: no picker
    at.text_input(key="w_batch_q").input("没有这个文件").run()
    assert "没有符合条件的批次。" in [c.value for c in at.caption]


def test_a_batch_on_the_second_page_can_be_withdrawn_and_restored(db):
    ids = many_batches(db, 52)
    oldest = ids[-1]
    at = signed_in_page()
    at.number_input(key="w_batch_page").set_value(2).run()
    at.selectbox(key="w_withdraw_pick").set_value(oldest).run()
    at.button(key="w_withdraw").click().run()
    assert at.warning[0].value.startswith(f"撤回批次 {oldest}")
    at.button(key="w_confirm").click().run()
    assert not at.exception
    assert any("已撤回" in s.value for s in at.success)
    assert at.number_input(key="w_batch_page").value == 2  # still on the page it was withdrawn from
    row = table_with(at, "生效行数").set_index("批次").loc[oldest]
    assert row["状态"] == "已撤回"
    with Store(db) as store:
        assert store.batch(oldest).status == "withdrawn"
    at.selectbox(key="w_batch_status").set_value("withdrawn").run()  # the status filter finds it
    assert list(table_with(at, "生效行数")["批次"]) == [oldest]
    at.selectbox(key="w_withdraw_pick").set_value(oldest).run()
    at.button(key="w_withdraw").click().run()  # the button restores a withdrawn batch
    assert at.warning[0].value.startswith(f"恢复批次 {oldest}")
    at.button(key="w_confirm").click().run()
    assert not at.exception
    with Store(db) as store:
        assert store.batch(oldest).status == "active"
    assert "没有符合条件的批次。" in [c.value for c in at.caption]  # no withdrawn batch is left


def test_the_history_filters_in_english(db):
    many_batches(db, 2)
    at = signed_in_page()
    at.sidebar.radio(key="lang_radio").set_value("English").run()
    assert at.text_input(key="w_batch_q").label == "Filter batches (file name, uploader or batch id)"
    assert at.selectbox(key="w_batch_status").options == ["All", "active", "withdrawn"]
    at.text_input(key="w_batch_q").input("no such file").run()
    assert "No batch matches these filters." in [c.value for c in at.caption]
