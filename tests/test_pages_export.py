"""The 导出 page through AppTest: the report table (numbers as the plan writes them, status, gap, source) with
filters and an as-of year kept in the URL; the workbook, the report CSV and the full data CSV as downloads."""

from __future__ import annotations

import io

import pytest
import streamlit as st
from openpyxl import load_workbook
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


def test_page_shows_the_report_with_three_downloads(page):
    assert page.title[0].value == "导出"
    table = page.dataframe[0].value
    assert len(table) > 200
    assert list(table.columns) == [
        "指标",
        "规划",
        "目标",
        "目标年份",
        "实际值",
        "完成情况",
        "差距",
        "判断依据",
        "来源",
        "备注",
    ]
    assert [b.label for b in page.get("download_button")] == ["下载 Excel", "下载 CSV", "下载完整数据 CSV"]


def test_the_workbook_offered_is_the_report_first(page):
    from ui import data

    book = load_workbook(io.BytesIO(data.export_file("xlsx", data.ExportChoice(plans=("chengdu_2022",)))))
    assert book.sheetnames[:2] == ["报告", "数据"]
    assert book["报告"]["A1"].value == "指标" and book["报告"].auto_filter.ref


def test_filters_and_as_of_narrow_the_table_and_go_into_the_url(page):
    page.multiselect(key="w_plan").set_value(["chengdu_2022"]).run()
    page.multiselect(key="w_export_status").set_value(["achieved"]).run()
    table = page.dataframe[0].value
    assert set(table["规划"]) == {"成都市2022年政府工作报告目标任务"} and set(table["完成情况"]) == {"已完成"}
    assert "国际班列开行量" in set(table["指标"])
    assert (page.query_params["plan"], page.query_params["status"]) == ("chengdu_2022", "achieved")
    page.selectbox(key="w_as_of").set_value(2021).run()  # as at the end of 2021 nothing was achieved in 2022
    assert page.query_params["as_of"] == "2021"
    assert page.info[0].value == "没有符合条件的行。"


def test_english_headers_and_words(page):
    page.sidebar.radio(key="lang_radio").set_value("English").run()
    table = page.dataframe[0].value
    assert list(table.columns)[:3] == ["Indicator", "Plan", "Target"]
    assert "New urban jobs" in set(table["Indicator"])
    assert "Achieved" in set(table["Status"])
