"""The 导出 page through AppTest: the comparison table with filters kept in the URL, and downloads."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from targets import actuals
from targets.store import Store
from tests.actuals_support import copy_db
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "export.py")
SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


@pytest.fixture
def page(seeded_db, tmp_path, monkeypatch):
    path = copy_db(seeded_db, tmp_path)
    with Store(path) as store:
        actuals.import_actuals(store, SAMPLE)
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    yield at
    st.cache_resource.clear()
    st.cache_data.clear()


def test_page_shows_the_whole_comparison_with_two_downloads(page):
    assert page.title[0].value == "导出"
    table = page.dataframe[0].value
    assert len(table) > 200
    assert {"指标", "规划编号", "目标值", "实际值", "单位", "差距", "完成率", "状态", "原文", "文件"} <= set(
        table.columns
    )
    assert [b.label for b in page.get("download_button")] == ["下载 CSV", "下载 Excel"]


def test_filters_narrow_the_table_and_go_into_the_url(page):
    page.multiselect(key="w_plan").set_value(["chengdu_2022"]).run()
    page.multiselect(key="w_export_status").set_value(["achieved"]).run()
    table = page.dataframe[0].value
    assert set(table["规划编号"]) == {"chengdu_2022"} and set(table["状态"]) == {"已完成"}
    assert "国际班列开行量" in set(table["指标"])
    assert (page.query_params["plan"], page.query_params["status"]) == ("chengdu_2022", "achieved")


def test_no_rows_says_so(page):
    page.multiselect(key="w_plan").set_value(["wenjiang_2023"]).run()
    page.multiselect(key="w_export_status").set_value(["achieved"]).run()
    assert page.info[0].value == "没有符合条件的行。"


def test_english_headers(page):
    page.sidebar.radio(key="lang_radio").set_value("English").run()
    table = page.dataframe[0].value
    assert {"indicator", "plan", "target", "value", "status"} <= set(table.columns)
    assert "New urban jobs" in set(table["indicator"])
    assert "Achieved" in set(table["status"])
