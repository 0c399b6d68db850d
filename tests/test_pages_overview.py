"""总览 Overview (AppTest): per-plan counts equal the store's, headline cards, status and category tables, English."""

import pytest

from targets.compare import comparison
from tests.pages import figures, open_page


@pytest.fixture
def overview(seeded_db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_DB", str(seeded_db))
    return open_page()


def test_each_plan_card_shows_the_stores_target_count(overview, seeded_store):
    plans = seeded_store.plans()
    cards = {m.label: m.value for m in overview.metric[: len(plans)]}
    assert cards == {p.name_zh: f"{p.targets} 条目标" for p in plans.itertuples()}


def test_headline_cards_show_each_plans_affordable_housing_target(overview):
    values = [m.value for m in overview.metric]
    # chengdu_2022, wenjiang_2023, chengdu_2025, chongqing_2027 in plan order
    assert any(values[i : i + 4] == ["6万套(间)", "1200套", "1万套(间)", "22万套(间)"] for i in range(len(values)))


def test_a_multi_year_headline_says_its_window_and_annual_equivalent(overview):
    chongqing = [m for m in overview.metric if m.value == "22万套(间)"]
    assert chongqing and "年均 4.4万套(间)" in chongqing[0].proto.delta and "2023–2027" in chongqing[0].proto.delta


def test_category_table_counts_equal_the_stores(overview, seeded_store):
    table = overview.dataframe[0].value
    expected = seeded_store.count_by("category")
    for plan in seeded_store.plans().itertuples():
        assert table[plan.name_zh].sum() == expected[expected["plan_id"] == plan.plan_id]["n"].sum()


def test_status_table_counts_each_plans_comparable_targets(overview, seeded_store):
    table = overview.dataframe[1].value
    rows = comparison(seeded_store)
    for plan in seeded_store.plans().itertuples():
        assert table[plan.name_zh].sum() == (rows["plan_id"] == plan.plan_id).sum()
    assert list(table.index) == ["○ 暂无数据"]  # no actuals uploaded in the seed database: status as icon and words


def test_every_chart_has_cjk_labels_and_a_table(overview):
    specs = figures(overview)
    assert len(specs) == 2 and len(overview.dataframe) >= 3
    assert "成都市2022年政府工作报告目标任务" in specs[0]["data"][0]["y"]


def test_sources_table_lists_every_document(overview, seeded_store):
    table = overview.dataframe[-1].value
    assert list(table["文件"]) == list(seeded_store.documents()["doc_id"])


def test_english_switch_changes_every_label(seeded_db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_DB", str(seeded_db))
    at = open_page(english=True)
    assert at.title[0].value == "Target monitor"
    assert [s.value for s in at.subheader] == [
        "Headline indicators",
        "Targets by category",
        "Targets by progress status",
        "Where the data came from",
    ]
    assert any(m.label.startswith("Chengdu 2022") and m.value.endswith("targets") for m in at.metric)
    assert "60,000" in [m.value for m in at.metric]
    assert list(at.dataframe[-1].value.columns)[:3] == ["Document", "Plan", "Title"]
