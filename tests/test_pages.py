"""Each page through streamlit.testing.v1.AppTest, against a database built from the seeds."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture
def app(seeded_db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_DB", str(seeded_db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_overview_shows_each_plan_with_its_target_count(app, seeded_store):
    plans = seeded_store.plans()
    values = {m.label: m.value for m in app.metric}
    assert len(values) == 4
    for plan in plans.itertuples():
        assert values[plan.name_zh] == f"{plan.targets} 目标"


def test_targets_page_search_filters_and_highlights_the_quote(app, seeded_store):
    app.switch_page("pages/targets.py").run()
    assert not app.exception
    total = app.caption[0].value
    app.text_input(key="w_q").input("保障性租赁住房").run()
    assert app.caption[0].value != total
    wanted = seeded_store.targets(search="保障性租赁住房", plans=["chongqing_2027"]).iloc[0]
    app.selectbox(key="w_pick").set_value(wanted["target_id"]).run()
    marked = [m.body for m in app.markdown if "<mark>" in m.body]
    assert marked == [m for m in marked if f"<mark>{wanted['quote']}</mark>" in m] != []


def test_targets_page_plan_filter_limits_rows(app):
    app.switch_page("pages/targets.py").run()
    app.multiselect(key="w_plan").set_value(["wenjiang_2023"]).run()
    table = app.dataframe[0].value
    assert set(table["规划"]) == {"温江区2023年政府工作报告"}


def test_english_switch_changes_labels(app):
    assert app.title[0].value == "规划目标监测"
    app.sidebar.radio(key="lang_radio").set_value("English").run()
    assert app.title[0].value == "Target monitor"
    assert any(m.label.startswith("Chengdu 2022") for m in app.metric)
