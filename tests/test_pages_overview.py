"""总览 Overview (AppTest): what each plan is (short name, type, years, documents, an excerpt said), per-plan counts
equal the store's, headline cards (未提出 vs 未载入, each with its source), status and category tables, English."""

import pytest

from targets.compare import comparison
from tests.pages import figures, open_page


@pytest.fixture
def overview(seeded_db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_DB", str(seeded_db))
    return open_page()


#: what each seed plan is, as its card names it (region, years, type)
SHORT = {
    "chengdu_2022": "成都市 2022 政府工作报告",
    "wenjiang_2023": "成都市温江区 2023 政府工作报告",
    "chengdu_2025": "成都市 2021–2025 五年规划与工作报告",
    "chongqing_2027": "重庆市 2023–2027 行动方案",
}


def test_each_plan_card_says_what_the_plan_is_and_its_target_count(overview, seeded_store):
    plans = seeded_store.plans()
    cards = {m.label: m for m in overview.metric[: len(plans)]}
    assert {k: m.value for k, m in cards.items()} == {
        SHORT[p.plan_id] + (" ⚠" if p.plan_id == "chengdu_2025" else ""): f"{p.targets} 条目标"
        for p in plans.itertuples()
    }
    help_text = cards["成都市 2021–2025 五年规划与工作报告 ⚠"].proto.help
    assert help_text.startswith("成都市2025年目标") and "规划类型: 五年规划与工作报告" in help_text
    assert "年份: 2021–2025" in help_text and "节选" in help_text
    assert any("只是节选" in c.value and "未载入" in c.value for c in overview.caption)


def test_a_plan_sets_none_or_its_excerpt_lacks_it(overview):
    """GDP growth: Chengdu 2025's work report is a newspaper excerpt without its target paragraph."""
    metrics = list(overview.metric)
    gdp = next(i for i, m in enumerate(metrics) if m.value == "≈ 7%")
    assert [m.value for m in metrics[gdp : gdp + 4]] == ["≈ 7%", "6–7%", "未载入", "未提出"]
    assert (
        "来源: 2022年《政府工作报告》目标任务责任分解方案 · 成都市人民政府 · 2022-02-25 · 第" in metrics[gdp].proto.help
    )


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
        assert table[SHORT[plan.plan_id]].sum() == expected[expected["plan_id"] == plan.plan_id]["n"].sum()


def test_status_table_counts_each_plans_comparable_targets(overview, seeded_store):
    table = overview.dataframe[1].value
    rows = comparison(seeded_store)
    rows = rows[rows["status"] != "scoped"]  # a target for part of the region is no part of the totals
    for plan in seeded_store.plans().itertuples():
        assert table[SHORT[plan.plan_id]].sum() == (rows["plan_id"] == plan.plan_id).sum()
    # no actuals uploaded in the seed database; a few figures the documents report give statuses, as icon and words
    assert "○ 暂无数据" in list(table.index)
    assert any(c.value.startswith("另有 11 个目标只针对地区的一部分") for c in overview.caption)


def test_every_chart_has_cjk_labels_and_a_table(overview):
    specs = figures(overview)
    assert len(specs) == 2 and len(overview.dataframe) >= 3
    assert SHORT["chengdu_2022"] in specs[0]["data"][0]["y"]


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
    assert any(m.label == "Chengdu 2022 government work report" and m.value.endswith("targets") for m in at.metric)
    assert "60,000 units" in [m.value for m in at.metric]
    assert list(at.dataframe[-1].value.columns)[:3] == ["Document", "Plan", "Title"]
