"""对比 Compare (AppTest): one indicator across plans in one chart and a table; ranges, comparators, axes, English;
a row's source (the sentence, the document, its issuer and date), headline indicators first, the chart for a
report (PNG/SVG with its title and source note, rendered by kaleido in chromium)."""

import pytest

from tests.pages import figures, open_page

PAGE = "pages/compare.py"
PLANS = {
    "chengdu_2022": "成都市2022年政府工作报告目标任务",
    "wenjiang_2023": "温江区2023年政府工作报告",
    "chengdu_2025": "成都市2025年目标(十四五建议与2025年政府工作报告)",
    "chongqing_2027": "重庆市推动成渝地区双城经济圈建设行动方案(2023—2027年)",
}
#: what a plan is, as tables name it
SHORT = {
    "chengdu_2022": "成都市 2022 政府工作报告",
    "wenjiang_2023": "成都市温江区 2023 政府工作报告",
    "chengdu_2025": "成都市 2021–2025 五年规划与工作报告",
    "chongqing_2027": "重庆市 2023–2027 行动方案",
}


@pytest.fixture
def db(seeded_db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_DB", str(seeded_db))
    return seeded_db


def traces(spec: dict, name_prefix: str) -> list[dict]:
    return [d for d in spec["data"] if (d.get("name") or "").startswith(name_prefix)]


def test_affordable_rental_housing_lines_up_the_four_plans(db):
    at = open_page(PAGE)  # the default indicator
    table = at.dataframe[0].value
    assert list(zip(table["规划"], table["目标"], strict=True)) == [
        (SHORT["chengdu_2022"], "6万套(间)"),  # the plan's own unit word, not 个
        (SHORT["wenjiang_2023"], "1200套"),
        (SHORT["chengdu_2025"], "1万套(间)"),
        (SHORT["chongqing_2027"], "22万套(间)"),
    ]
    (spec,) = figures(at)
    points = {y: x for d in traces(spec, "目标") for x, y in zip(d["x"], d["y"], strict=True)}
    assert points == {  # the axis reads the short names; the hover has the full one
        SHORT["chengdu_2022"]: 6,
        SHORT["wenjiang_2023"]: 0.12,
        SHORT["chengdu_2025"]: 1,
        SHORT["chongqing_2027"]: 22,
    }
    assert spec["layout"]["xaxis"]["title"]["text"] == "万"


def test_a_multi_year_total_shows_its_annual_equivalent(db):
    at = open_page(PAGE)
    (spec,) = figures(at)
    (annual,) = traces(spec, "年均当量")
    assert (annual["y"], annual["x"], annual["text"]) == ([SHORT["chongqing_2027"]], [4.4], ["年均 4.4万套(间)"])
    row = at.dataframe[0].value.iloc[3]
    assert (row["期限"], row["年均当量"]) == ("期内累计 2023–2027", "4.4万套(间)")


def test_ranges_are_drawn_from_low_to_high(db):
    at = open_page(PAGE, query={"indicator": "gdp_growth"})
    (spec,) = figures(at)
    (band,) = traces(spec, "目标区间")
    middle = band["x"][0]
    low, high = middle - band["error_x"]["arrayminus"][0], middle + band["error_x"]["array"][0]
    assert (band["y"], round(low, 6), round(high, 6)) == ([SHORT["wenjiang_2023"]], 6, 7)
    assert "6–7%" in list(at.dataframe[0].value["目标"])


def test_comparators_have_their_own_marker_shapes(db):
    at = open_page(PAGE, query={"indicator": "new_urban_jobs"})
    (spec,) = figures(at)
    shapes = {d["name"]: d["marker"]["symbol"] for d in traces(spec, "目标")}
    assert shapes["目标 ≥"] == "triangle-up" and shapes["目标（确定值）"] == "circle"
    assert "≥ 300万人" in list(at.dataframe[0].value["目标"])


def test_rates_and_levels_of_a_family_never_share_an_axis(db):
    at = open_page(PAGE, query={"family": "trade"})
    table = at.dataframe[0].value
    (spec,) = figures(at)
    axes: dict[str, set] = {}
    for trace in spec["data"]:
        axes.setdefault(trace.get("xaxis", "x"), set()).add(trace.get("name"))
    titles = sorted(v["title"]["text"] for k, v in spec["layout"].items() if k.startswith("xaxis"))
    assert len(axes) == table["指标"].nunique() >= 2
    assert "%" in titles and any(title.endswith("元") for title in titles)


def test_plan_filter_and_url(db):
    at = open_page(PAGE, query={"indicator": "affordable_rental_housing", "plan": "chengdu_2022,chongqing_2027"})
    assert list(at.dataframe[0].value["规划"]) == [SHORT["chengdu_2022"], SHORT["chongqing_2027"]]
    at.selectbox(key="w_indicator").set_value("new_urban_jobs").run()
    assert at.query_params["indicator"] == "new_urban_jobs"
    assert set(at.dataframe[0].value["指标"]) == {"城镇新增就业"}


def test_log_axis_for_levels_only(db):
    at = open_page(PAGE, query={"family": "trade", "log": "1"})
    (spec,) = figures(at)
    types = {v["title"]["text"]: v.get("type") for k, v in spec["layout"].items() if k.startswith("xaxis")}
    assert types["%"] == "linear" and "log" in types.values()


def test_an_indicator_no_chosen_plan_sets_says_so(db):
    at = open_page(PAGE, query={"indicator": "gdp_growth", "plan": "chongqing_2027"})
    assert [i.value for i in at.info] == ["所选规划中没有该指标的目标。"]


def test_english_switch_changes_the_labels(db):
    at = open_page(PAGE, english=True)
    assert at.title[0].value == "Compare"
    (spec,) = figures(at)
    assert {d["name"] for d in spec["data"] if d.get("name")} >= {"Target (plain value)", "Annual equivalent"}
    assert list(at.dataframe[0].value.columns)[:3] == ["Indicator", "Plan", "Target"]
    assert "Chongqing 2023–2027 action plan" in set(at.dataframe[0].value["Plan"])


def test_every_point_and_row_leads_to_its_sentence_document_issuer_and_date(db):
    at = open_page(PAGE)
    (spec,) = figures(at)
    (target,) = [d for d in traces(spec, "目标") if SHORT["chengdu_2022"] in d["y"]]
    assert target["customdata"] and "<b>6万套(间)</b>" in target["hovertext"][0]
    assert target["hovertext"][0].startswith(PLANS["chengdu_2022"])  # the full name in the hover
    assert "成都市人民政府 · 2022-02-25 · 第375行" in target["hovertext"][0]
    # the first row's source until another is chosen: the sentence with the quote marked, the document's place
    assert any("筹集建设保障性租赁住房<mark>6万套(间)</mark>" in m.value for m in at.markdown)
    assert any("成都市人民政府 · 2022-02-25 · 第375行" in c.value for c in at.caption)
    assert any(c.value.startswith("来源：2022年《政府工作报告》") for c in at.caption)  # the chart's source note


def test_headline_indicators_come_first(db):
    at = open_page(PAGE)
    options = at.selectbox(key="w_indicator").options
    assert [o.split(" · ")[0] for o in options[:4]] == [
        "地区生产总值增速",
        "城镇新增就业",
        "保障性租赁住房筹集",
        "新增绿地面积",
    ]


def test_the_chart_exports_for_a_report_with_its_title_and_source_note(seeded_store):
    from targets.compare import comparison
    from targets.export import sources_note
    from ui import charts

    rows = comparison(seeded_store, ["affordable_rental_housing"])
    figure = charts.comparison_figure(rows, list(PLANS), PLANS, {"affordable_rental_housing": "保障性租赁住房筹集"})
    svg = charts.image(figure, "svg", "保障性租赁住房筹集：各规划目标对比", sources_note(rows)).decode()
    assert svg.startswith("<svg") and "保障性租赁住房筹集：各规划目标对比" in svg and "来源：" in svg


def test_chart_labels_show_a_unit_word_as_text_never_as_markup(seeded_store):
    """Plotly renders <b>, <i>, <a href> in labels: a unit word (a planner may correct it) must show as written."""
    from targets.compare import comparison
    from ui import charts

    rows = comparison(seeded_store, ["affordable_rental_housing"])
    rows["unit_word"] = "<i>套</i>"
    rows["annual_equivalent"] = rows["target"]
    rows["baseline"], rows["baseline_year"] = rows["target"], 2021
    figure = charts.comparison_figure(rows, list(PLANS), PLANS, {"affordable_rental_housing": "保障性租赁住房筹集"})
    shown = [
        s for trace in figure.to_plotly_json()["data"] for key in ("text", "hovertext") for s in trace.get(key) or []
    ]
    assert shown and not any("<i>" in s for s in shown)
    assert sum("&lt;i&gt;套&lt;/i&gt;" in s for s in shown) >= 3  # targets, annual equivalents, baselines
