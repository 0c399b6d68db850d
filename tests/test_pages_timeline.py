"""时间线 Timeline (AppTest): a region and an indicator (or a family) across years — every plan's target and every
source's figure, the one used marked, a chart of both, and each table row one click from its sentence or batch."""

from __future__ import annotations

import html
import shutil

import pytest

from etl.build import build
from targets import actuals
from targets.audit import Actor
from targets.store import Store
from tests.conftest import ROOT
from tests.pages import captions, figures, marked, open_page
from ui.highlight import plain

PAGE = "pages/timeline.py"
MANIFEST = ROOT / "tests" / "fixtures" / "regions" / "yibin.toml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("timeline") / "yibin.duckdb"
    build(path, MANIFEST)
    return path


@pytest.fixture
def db(built, tmp_path, monkeypatch):
    """A copy of the 宜宾市 database with one upload (Yibin's 2022 GDP growth, by its region code)."""
    path = tmp_path / "yibin.duckdb"
    shutil.copy(built, path)
    with Store(path) as store:
        content = "地区,指标编号,年份,数值,单位,备注\n511500,gdp_growth,2022,4.2,%,修订数\n".encode()
        actuals.import_actuals(store, content, file_name="修订.csv", by=Actor.account("王五"))
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    return path


def table(at):
    return at.dataframe[0].value


def test_an_indicator_shows_every_target_and_every_sources_figure_by_year(db):
    at = open_page(PAGE, query={"region": "511500", "indicator": "gdp_growth"})
    rows = table(at)
    assert list(rows["年份"]) == [2022, 2022, 2023, 2023, 2023, 2024]
    assert list(rows["类型"]) == [
        "实际值（采用）",
        "实际值（未采用）",
        "目标",
        "实际值（采用）",
        "实际值（未采用）",
        "目标",
    ]
    assert list(rows["数值"]) == ["4.2%", "4%", "≈ 6.5%", "6.5%", "6.6%", "≈ 6%"]
    assert list(rows["来源"])[:5] == ["上传", "工作回顾", "", "统计公报", "工作回顾"]
    assert rows["状态"].iloc[2] == "✔ 已完成"
    (chart,) = figures(at)
    names = [d.get("name") for d in chart["data"]]
    assert "实际值（采用）" in names and "其他来源的数值" in names
    used = next(d for d in chart["data"] if d.get("name") == "实际值（采用）")
    assert used["x"] == [2022, 2023] and used["y"] == [4.2, 6.5]


def test_a_row_opens_its_sentence_or_its_batch(db):
    at = open_page(PAGE, query={"region": "511500", "indicator": "gdp_growth"})
    refs = at.selectbox(key="w_tl_pick").options
    at.session_state["w_tl_table"] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    at.run()
    assert f"<mark>{html.escape('6.5%')}</mark>" in marked(at)[0]  # the communiqué's sentence, quote marked
    assert any("宜宾市2023年国民经济和社会发展统计公报" in c and "第6行" in c for c in captions(at))
    at.session_state["w_tl_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert marked(at) == []
    batch = next(c for c in captions(at) if c.startswith("批次 "))
    assert "修订.csv" in batch and "第 2 行" in batch and "王五" in batch and "修订数" in batch
    assert len(refs) == 6


def test_the_region_and_indicator_come_from_the_url_and_stay_in_it(db):
    at = open_page(PAGE)
    assert at.selectbox(key="w_region_one").value == "511500"
    at.selectbox(key="w_tl_indicator").set_value("new_urban_jobs").run()
    assert at.query_params["indicator"] == "new_urban_jobs" and at.query_params["region"] == "511500"
    assert list(table(at)["数值"])[:2] == ["4.1万", "≥ 4万"]


def test_a_family_draws_one_chart_per_indicator(db):
    at = open_page(PAGE, query={"region": "511500", "family": "gdp"})
    members = [d["layout"]["title"]["text"] for d in figures(at)]
    assert len(members) >= 1 and "地区生产总值增速" in members


def test_english_switch(db):
    at = open_page(PAGE, query={"region": "511500", "indicator": "gdp_growth"}, english=True)
    assert at.title[0].value == "Timeline"
    rows = table(at)
    assert {"Year", "What", "Plan / source", "Value", "Status", "Source", "Where"} <= set(rows.columns)
    assert "statistical communiqué" in set(rows["Source"])
    assert at.selectbox(key="w_region_one").format_func("511500") == "Yibin"


def test_progress_shows_the_source_of_each_actual_one_click_away(db):
    at = open_page("pages/progress.py", query={"plan": "yibin_2023"})
    table = at.dataframe[0].value.set_index("指标")
    gdp = table.loc["地区生产总值增速"]
    assert gdp["来源"] == "统计公报"
    assert gdp["实际值出处"] == "宜宾市2023年国民经济和社会发展统计公报 (yibin_2023_communique.txt:6)"
    assert gdp["其他来源（未采用）"] == "2024年宜宾市政府工作报告 6.6% (yibin_2024_report.txt:9)"
    row = list(table.index).index("地区生产总值增速")
    at.session_state["w_progress_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert any("<mark>6.5%</mark>" in m and "比上年增长" in m for m in marked(at))
    assert any(plain("yibin_2023_communique.txt") in c and "第6行" in c for c in captions(at))
