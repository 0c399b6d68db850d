"""Tables read as text: indicator tables of five-year plans (base-year columns are baselines, later year columns
targets), a year's estimate beside its target, communiqué tables, tables broken across PDF pages."""

import pytest

from etl.extract import DocumentInfo, extract_text

TABLE = """某市国民经济和社会发展第十四个五年规划纲要

“十四五”时期经济社会发展主要指标

类别\t指标\t2020年\t2025年\t年均增长\t属性
经济发展\t1.地区生产总值增长(%)\t4.0\t6左右\t—\t预期性
\t2.常住人口城镇化率(%)\t78.8\t82\t[3.2]\t预期性
\t3.社会消费品零售总额(亿元)\t8118.5\t11000\t6%\t预期性
创新驱动\t4.全社会研发经费投入增长(%)\t—\t高于全国平均\t—\t预期性
民生福祉\t5.城镇调查失业率(%)\t4.6\t<5.5\t—\t预期性
\t6.人均公园绿地面积(平方米)    14.5    15.2    —    约束性

到2025年,全市经济实力迈上新台阶。
"""


@pytest.fixture(scope="module")
def rows():
    return extract_text("plan.txt", TABLE)


def by(rows, indicator, kind):
    return [r for r in rows if r.indicator == indicator and r.kind == kind]


def test_base_year_column_is_a_baseline_and_target_year_column_a_target(rows):
    (base,) = by(rows, "常住人口城镇化率", "baseline")
    (target,) = by(rows, "常住人口城镇化率", "target")
    assert (base.value, base.target_year, base.norm_unit) == (78.8, 2020, "percent")
    assert (target.value, target.target_year, target.comparator, target.metric) == (82, 2025, "=", "level")


def test_growth_rows_name_the_rate_and_keep_qualifiers(rows):
    (target,) = by(rows, "地区生产总值增速", "target")
    assert (target.value, target.comparator, target.metric, target.quote) == (6, "~", "growth_rate", "6左右")
    (ceiling,) = by(rows, "城镇调查失业率", "target")
    assert (ceiling.comparator, ceiling.value) == ("<", 5.5)


def test_units_come_from_the_indicator_brackets(rows):
    (retail,) = by(rows, "社会消费品零售总额", "target")
    assert (retail.unit_raw, retail.norm_value, retail.norm_unit) == ("亿元", 1.1e12, "CNY")
    (growth,) = by(rows, "社会消费品零售总额年均增速", "target")
    assert (growth.value, growth.norm_unit, growth.target_year) == (6, "percent", 2025)


def test_per_capita_area_in_a_table_stays_square_metres(rows):
    (target,) = by(rows, "人均公园绿地面积", "target")
    assert (target.norm_value, target.norm_unit) == (15.2, "square_meter")


def test_word_cells_and_placeholders_give_no_rows(rows):
    assert not [r for r in rows if "研发" in r.indicator]
    assert not [r for r in rows if r.quote == "—"]
    assert len(rows) == 12


def test_a_bracketed_growth_cell_is_the_change_over_the_plan_period(rows):
    (change,) = [r for r in rows if r.quote == "[3.2]"]
    assert (change.value, change.norm_unit, change.metric, change.kind, change.target_year) == (
        3.2, "percentage_point", "increment", "target", 2025,
    )  # fmt: skip
    assert change.indicator == "常住人口城镇化率提高"


def test_a_rate_given_only_in_the_growth_column_and_a_cumulative_decline():
    text = (
        "指标\t2020年\t2025年\t年均增长（累计）\t属性\n"
        "全员劳动生产率增长（%）\t—\t—\t7以上\t预期性\n"
        "单位地区生产总值能源消耗降低（%）\t—\t—\t〔14〕\t约束性\n"
        "劳动年龄人口平均受教育年限（年）\t10.9\t11.4\t—\t约束性\n"
    )
    found = {(r.indicator, r.value, r.comparator, r.metric, r.norm_unit, r.kind) for r in extract_text("p.txt", text)}
    assert found == {
        ("全员劳动生产率增速", 7, ">=", "growth_rate", "percent", "target"),
        ("单位地区生产总值能源消耗累计降幅", 14, "=", "growth_rate", "percent", "target"),
        ("劳动年龄人口平均受教育年限", 10.9, "=", "level", "count", "baseline"),
        ("劳动年龄人口平均受教育年限", 11.4, "=", "level", "count", "target"),
    }


def test_quotes_point_at_the_cells(rows):
    for r in rows:
        assert TABLE[r.char_start : r.char_end] == r.quote
        assert TABLE.count("\n", 0, r.char_start) + 1 == r.line


def test_bracketed_past_year_is_a_baseline_and_from_x_to_y_too():
    text = "到2025年,常住人口城镇化率提高到82%(2020年为78.8%),森林覆盖率从目前的40.2%提高到41%。"
    rows = extract_text("p.txt", text, DocumentInfo(plan_year=2021, target_years=(2025,)))
    assert [(r.value, r.kind, r.target_year, r.indicator) for r in rows] == [
        (82, "target", 2025, "常住人口城镇化率"),
        (78.8, "baseline", 2020, "常住人口城镇化率"),
        (40.2, "baseline", 2020, "森林覆盖率"),
        (41, "target", 2025, "森林覆盖率"),
    ]


def test_a_table_copied_from_a_web_page_with_vertical_bars():
    text = (
        "主要指标\n"
        "| 指标 | 2020年 | 2025年 | 属性 |\n"
        "|---|---|---|---|\n"
        "| 地区生产总值（亿元） | 3010.08 | 4500以上 | 预期性 |\n"
        "｜森林覆盖率（%）｜55.5｜56｜约束性｜\n"
    )
    found = {(r.indicator, r.kind, r.value, r.comparator) for r in extract_text("plan.txt", text)}
    assert found == {
        ("地区生产总值", "baseline", 3010.08, "="),
        ("地区生产总值", "target", 4500, ">="),
        ("森林覆盖率", "baseline", 55.5, "="),
        ("森林覆盖率", "target", 56, "="),
    }


def test_a_table_broken_across_pdf_pages_keeps_its_rows():
    """A page number and blank lines between rows do not end a table; the prose after it does."""
    text = (
        "某省“十四五”规划实施中期评估报告\n"
        "附表  主要指标中期评估情况\n"
        "指标\t单位\t2020年\t2023年\t2025年目标\t属性\n"
        "森林覆盖率\t%\t61.5\t62.4\t64\t约束性\n"
        "\n— 7 —\n\n"
        "粮食综合生产能力\t万吨\t1,057.6\t1,102.3\t>1,050\t约束性\n"
        "\n"
        "下一步，全省将加快补齐短板　　确保完成目标。\n"
    )
    rows = extract_text("review.txt", text)
    assert [(r.indicator, r.kind, r.target_year, r.value, r.comparator) for r in rows] == [
        ("森林覆盖率", "baseline", 2020, 61.5, "="),
        ("森林覆盖率", "actual", 2023, 62.4, "="),
        ("森林覆盖率", "target", 2025, 64, "="),
        ("粮食综合生产能力", "baseline", 2020, 1057.6, "="),
        ("粮食综合生产能力", "actual", 2023, 1102.3, "="),
        ("粮食综合生产能力", "target", 2025, 1050, ">"),
    ]
    assert rows[3].norm_value == 1.0576e7 and rows[3].quote == "1,057.6"


def test_captions_figure_titles_and_wide_spaced_prose_are_no_tables():
    text = (
        "某市2024年国民经济和社会发展统计公报\n"
        "图1  2020—2024年地区生产总值及其增长速度\n"
        "表1  2024年居民消费价格比上年涨跌幅度\n"
        "一、综合  经济\n"
        "全年地区生产总值  812.6亿元，比上年增长5.3%。\n"
    )
    from etl.document import SourceDocument
    from etl.tables import find_tables

    assert find_tables(SourceDocument.from_text("c.txt", text)) == []
    found = [(r.indicator, r.value, r.kind, r.target_year) for r in extract_text("c.txt", text)]
    assert found == [("地区生产总值", 812.6, "actual", 2024), ("地区生产总值增速", 5.3, "actual", 2024)]


def test_a_table_in_traditional_script_quotes_its_cells_as_written():
    text = (
        "某縣2026年政府工作報告\n"
        "附表1  2026年全縣經濟社會發展主要預期目標\n"
        "指標\t單位\t2025年完成\t2026年目標\n"
        "城鎮新增就業\t萬人\t1.18\t≥1.1\n"
        "糧食播種面積\t萬畝\t12.3\t≥12\n"
    )
    rows = extract_text("report.txt", text)
    assert [(r.quote, r.indicator, r.kind, r.target_year, r.unit_raw) for r in rows] == [
        ("1.18", "城镇新增就业", "actual", 2025, "万人"),
        ("≥1.1", "城镇新增就业", "target", 2026, "万人"),
        ("12.3", "粮食播种面积", "actual", 2025, "万亩"),
        ("≥12", "粮食播种面积", "target", 2026, "万亩"),
    ]
    assert rows[3].norm_value == 8000 and rows[3].norm_unit == "hectare"


def test_a_communique_table_of_streets_and_a_table_named_by_category_with_its_unit_in_the_caption():
    text = (
        "某区2023年国民经济和社会发展统计公报\n"
        "表2  2023年各街道（镇）主要经济指标\n"
        "街道（镇）\t地区生产总值（亿元）\t增速（%）\n"
        "东湖街道\t182.35\t6.2\n"
        "\n"
        "表3  重点项目投资（单位：亿元）\n"
        "类别\t计划总投资\t累计完成投资\n"
        "水环境\t251.7\t216.8\n"
    )
    rows = extract_text("c.txt", text)
    assert [(r.indicator, r.value, r.norm_value, r.norm_unit, r.kind, r.target_year) for r in rows] == [
        ("东湖街道地区生产总值", 182.35, 1.8235e10, "CNY", "actual", 2023),
        ("东湖街道地区生产总值增速", 6.2, 6.2, "percent", "actual", 2023),
        ("水环境计划总投资", 251.7, 2.517e10, "CNY", "actual", 2023),
        ("水环境累计完成投资", 216.8, 2.168e10, "CNY", "actual", 2023),
    ]
