"""进展 Progress (AppTest): a plan's targets against actuals, status as icon and words with its reasons, charts."""

import shutil
from datetime import datetime

import pytest

from targets.compare import comparison
from targets.store import Store
from tests.pages import captions, figures, open_page

PAGE = "pages/progress.py"


@pytest.fixture
def db(seeded_db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_DB", str(seeded_db))
    return seeded_db


@pytest.fixture
def db_with_actuals(seeded_db, tmp_path, monkeypatch):
    """A copy of the seeded database with one uploaded batch: Chengdu 2022 built 65000 rental homes, 1500 ha green."""
    path = tmp_path / "actuals.duckdb"
    shutil.copy(seeded_db, path)
    now = datetime(2023, 3, 1)
    with Store(path) as store, store.transaction() as cur:
        # written here directly: the actuals importer (targets/actuals.py) belongs to the actuals issue
        cur.execute(
            "INSERT INTO batches VALUES ('b1', 'test.csv', '0', 2, ?, 'test', 'active', NULL, 'cli:test')", [now]
        )
        cur.executemany(
            "INSERT INTO actuals (actual_id, batch_id, row_no, plan_id, indicator_id, target_id, period, value, "
            "unit_raw, norm_value, norm_unit, source, note, uploaded_at, region_id) "
            "VALUES (?, 'b1', ?, 'chengdu_2022', ?, NULL, 2022, ?, ?, ?, ?, 'test', NULL, ?, '510100')",
            [
                ("a1", 1, "affordable_rental_housing", 6.5, "万套", 65000.0, "count", now),
                ("a2", 2, "green_space_new", 1500.0, "公顷", 1500.0, "hectare", now),
            ],
        )
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    return path


def test_table_has_every_comparable_target_of_the_plan(db, seeded_store):
    at = open_page(PAGE, query={"plan": "wenjiang_2023"})
    expected = comparison(seeded_store, plans=["wenjiang_2023"])
    table = at.dataframe[0].value
    assert len(table) == len(expected)
    assert {m.label: m.value for m in at.metric} == {"○ 暂无数据": str(len(expected))}
    assert set(table["状态"]) == {"○ 暂无数据"} and all(r.startswith("尚无") for r in table["判断依据"])


def test_baselines_from_the_documents_are_shown_and_charted(db):
    at = open_page(PAGE, query={"plan": "wenjiang_2023"})
    table = at.dataframe[0].value
    housing = table[table["指标"] == "保障性租赁住房筹集"].iloc[0]
    assert (housing["目标"], housing["基数"]) == ("1200套", "1721套 (2022)")
    specs = figures(at)
    assert 0 < len(specs) <= 12
    first = specs[0]
    assert "保障性租赁住房筹集" in first["layout"]["title"]["text"]
    assert any(d.get("name") == "文件所载实绩/基数" and d["x"] == [2022] for d in first["data"])


def test_uploaded_actuals_decide_the_status_and_the_numbers_are_shown(db_with_actuals):
    at = open_page(PAGE, query={"plan": "chengdu_2022"})
    table = at.dataframe[0].value.set_index("指标")
    housing, green = table.loc["保障性租赁住房筹集"], table.loc["新增绿地面积"]
    assert housing["状态"] == "✔ 已完成" and housing["实际值"] == "6.5万套(间) (2022)" and housing["来源"] == "上传"
    assert housing["完成度"] == "108.3%" and housing["差距"] == "+5000套(间)"
    assert green["状态"] == "✖ 未完成" and green["差距"] == "−300公顷"
    assert "1500" in green["判断依据"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["✔ 已完成"] == "1"
    # charts of targets with something observed come first: the two uploads, and forest cover, whose 2020
    # figure Chengdu's 14th five-year proposal gives (a baseline of the region's timeline)
    titles = [s["layout"]["title"]["text"] for s in figures(at)[:3]]
    assert {t.split(" · ")[1] for t in titles} == {"保障性租赁住房筹集", "新增绿地面积", "森林覆盖率"}


def test_status_filter_narrows_rows_and_charts(db_with_actuals):
    at = open_page(PAGE, query={"plan": "chengdu_2022", "status": "achieved"})
    table = at.dataframe[0].value
    assert list(table["指标"]) == ["保障性租赁住房筹集"]
    assert len(figures(at)) == 1
    assert any("显示 1 / 1" in c for c in captions(at))


def test_plan_choice_is_kept_in_the_url(db):
    at = open_page(PAGE)
    at.selectbox(key="w_plan_one").set_value("chongqing_2027").run()
    assert at.query_params["plan"] == "chongqing_2027"
    assert "22万套(间)" in list(at.dataframe[0].value["目标"])


def test_english_switch_changes_the_labels(db_with_actuals):
    at = open_page(PAGE, query={"plan": "chengdu_2022"}, english=True)
    assert at.title[0].value == "Progress"
    table = at.dataframe[0].value
    assert {"Status", "Indicator", "Target", "Actual", "Required", "Pace ratio", "Gap", "Attainment", "Reason"} <= set(
        table.columns
    )
    assert "✔ Achieved" in set(table["Status"])
    assert "65,000 units (2022)" in set(table["Actual"])  # what is counted, in English


@pytest.fixture
def db_copy(seeded_db, tmp_path, monkeypatch):
    import streamlit as st

    from targets import actuals
    from tests.conftest import ROOT

    path = tmp_path / "baseline.duckdb"
    shutil.copy(seeded_db, path)
    with Store(path) as store:  # the sample: Chongqing's figures from 2023 on, none for 2022
        actuals.import_actuals(store, ROOT / "data" / "samples" / "actuals_sample.csv")
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def test_an_editor_enters_a_missing_baseline_and_the_status_is_judged(db_copy):
    at = open_page(role="editor", name="李雷")
    at.query_params["plan"] = "chongqing_2027"  # Chongqing's growth targets need a 2022 figure nobody gave
    at.switch_page(PAGE).run()
    pick = at.selectbox(key="w_baseline_pick")
    label = pick.format_func(pick.value)
    before = len(pick.options)
    at.text_input(key="w_baseline_value").input("2.08万")  # a magnitude in the value: refused, nothing written
    next(b for b in at.button if b.label == "保存基数").click().run()
    assert not at.exception, at.exception
    assert any("数值" in e.value for e in at.error) and not at.success
    at.text_input(key="w_baseline_value").input("1")
    next(b for b in at.button if b.label == "保存基数").click().run()
    assert not at.exception, at.exception
    assert any("已保存为批次" in s.value for s in at.success)
    with Store(db_copy) as store:
        batches = store.batches()
    mine = batches[batches["uploaded_by"] == "李雷"]
    assert len(mine) == 1 and list(mine["rows"]) == [1]
    remaining = at.selectbox(key="w_baseline_pick").options
    assert len(remaining) == before - 1 and label not in remaining  # that target is judged now
