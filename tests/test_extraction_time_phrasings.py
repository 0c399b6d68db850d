"""Document time, phrasing by phrasing: which quantities are targets, actuals or baselines, and for which year.

The shape of tests/test_extraction_phrasings.py (same Case/Row helpers), for the patterns of issue 11:
review headings and openings in their many wordings, results stated with target words, results outside a
review heading, a new five-year period, a horizon goal before this year's targets, relative time words
(今年/去年/明年/上年/过去一年/过去五年/今后五年/“十四五”时期/“十五五”期间/“十四五”末) resolved against the
document's year, comparison bases that are not time words, from→to pairs, the present state, reports
given in December, communiqués — and the also-seen patterns of item 6. Most passages carry no person's
year (DocumentInfo()): the year is read from the text, as for a document nobody described.
"""

from __future__ import annotations

import pytest

from etl.extract import DocumentInfo, extract_text
from tests.test_extraction_phrasings import ANY, C, Case, R, check_case, doc

NONE = DocumentInfo()
Y2024 = DocumentInfo(plan_year=2024)
Y2026 = DocumentInfo(plan_year=2026)
MU = 1 / 15
MEETING_2024 = "政府工作报告\n——2024年1月18日在某市第十六届人民代表大会第三次会议上\n"
MEETING_2026 = "政府工作报告\n——2026年1月22日在某省第十四届人民代表大会第五次会议上\n"
MEETING_2007 = "政府工作报告\n——2007年3月5日在第十届全国人民代表大会第五次会议上\n"
MEETING_2010 = "政府工作报告\n——2010年1月20日在某省第十一届人民代表大会第三次会议上\n"
MEETING_2016 = "政府工作报告\n——2016年1月20日在某省第十二届人民代表大会第四次会议上\n"
MEETING_2018 = "政府工作报告\n——2018年1月25日在某省第十三届人民代表大会第一次会议上\n"
MEETING_2023 = "政府工作报告\n——2023年1月12日在某市第十六届人民代表大会第三次会议上\n"

# fmt: off
CASES: list[Case] = [
    # ---------------------------------------------------------------- the document's year, read from the text
    C("meeting-line-gives-the-year-review-heading-the-year-before",
      doc(MEETING_2024 + "一、2023年工作回顾\n全市地区生产总值增长5.6%。\n二、2024年工作安排\n"
          "地区生产总值增长6%左右。", NONE),
      R("5.6%", 5.6, "%", 5.6, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2023),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值", kind="target", year=2024)),
    C("meeting-line-in-chinese-numerals",
      doc("政府工作报告\n——二〇一〇年一月二十日在某省第十一届人民代表大会第三次会议上\n"
          "今年全省经济社会发展的主要预期目标是：生产总值增长9%。", NONE, "target", 2010),
      R("9%", 9, "%", 9, "percent", "=", "growth_rate", "生产总值")),
    C("meeting-line-in-december-plans-the-next-year",
      doc("政府工作报告\n——2023年12月28日在某区第五届人民代表大会第四次会议上\n一、今年工作回顾\n"
          "预计全年地区生产总值增长6.2%。\n二、2024年主要目标\n地区生产总值增长6.5%左右。", NONE),
      R("6.2%", 6.2, "%", 6.2, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2023),
      R("6.5%", 6.5, "%", 6.5, "percent", "~", "growth_rate", "生产总值", kind="target", year=2024)),
    C("title-with-the-year",
      doc("某县2022年政府工作报告\n今年主要目标是：城镇新增就业3000人以上。", NONE, "target", 2022),
      R("3000人", 3000, "人", 3000, "count", ">=", "increment", "就业")),
    C("title-of-a-plan-report-names-the-later-year",
      doc("关于某市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
          "一、2023年计划执行情况\n预计全年地区生产总值增长5.5%。\n二、2024年主要目标\n地区生产总值增长5%左右。", NONE),
      R("5.5%", 5.5, "%", 5.5, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2023),
      R("5%", 5, "%", 5, "percent", "~", "growth_rate", "生产总值", kind="target", year=2024)),
    C("title-of-a-communique-all-results",
      doc("某市2023年国民经济和社会发展统计公报\n某市统计局\n2024年3月20日\n"
          "全年地区生产总值812.6亿元，比上年增长5.3%。年末常住人口215.4万人。", NONE, "actual", 2023),
      R("812.6亿元", 812.6, "亿元", 8.126e10, "CNY", "=", "level", "生产总值"),
      R("5.3%", 5.3, "%", 5.3, "percent", "=", "growth_rate", "生产总值"),
      R("215.4万人", 215.4, "万人", 2.154e6, "count", "=", "level", "人口")),
    C("title-of-a-livelihood-list",
      doc("某区2025年民生实事项目\n1.新增普惠性托位500个。", NONE, "target", 2025),
      R("500个", 500, "个", 500, "count", "=", "increment", "托位")),
    C("title-of-an-action-plan-with-its-years",
      doc("某市推进数字经济发展行动方案（2024—2027年）\n一、发展基础\n2023年，全市数字经济核心产业增加值达到520亿元。\n"
          "二、主要目标\n到2027年，数字经济核心产业增加值突破900亿元。", NONE),
      R("520亿元", 520, "亿元", 5.2e10, "CNY", "=", "level", "数字经济", kind="baseline", year=2023),
      R("900亿元", 900, "亿元", 9e10, "CNY", ">", "level", "数字经济", kind="target", year=2027)),
    C("title-of-a-fifteenth-five-year-outline",
      doc("某市国民经济和社会发展第十五个五年规划纲要\n第一章 发展基础\n全市常住人口城镇化率达到68.2%。\n"
          "第二章 主要目标\n常住人口城镇化率达到72%。", NONE),
      R("68.2%", 68.2, "%", 68.2, "percent", "=", "level", "城镇化", kind="baseline", year=2025),
      R("72%", 72, "%", 72, "percent", "=", "level", "城镇化", kind="target", year=2030)),
    C("title-of-a-five-year-plan-in-quotes",
      doc("某市“十四五”规划纲要\n主要目标：森林覆盖率达到45%。", NONE, "target", 2025),
      R("45%", 45, "%", 45, "percent", "=", "level", "森林")),
    C("first-year-of-the-fifteenth-period",
      doc("今年是“十五五”开局之年。全市经济社会发展的主要预期目标是：地区生产总值增长5%左右。", NONE, "target", 2026),
      R("5%", 5, "%", 5, "percent", "~", "growth_rate", "生产总值")),
    C("last-year-of-the-fourteenth-period",
      doc("今年是“十四五”规划收官之年。主要预期目标是：城镇新增就业5万人以上。", NONE, "target", 2025),
      R("5万人", 5, "万人", 5e4, "count", ">=", "increment", "就业")),
    C("review-heading-alone-gives-the-plan-year",
      doc("一、2021年工作回顾\n全年城镇新增就业4.3万人。\n二、主要目标\n城镇新增就业4万人以上。", NONE),
      R("4.3万人", 4.3, "万人", 4.3e4, "count", "=", "increment", "就业", kind="actual", year=2021),
      R("4万人", 4, "万人", 4e4, "count", ">=", "increment", "就业", kind="target", year=2022)),
    C("year-of-the-targets-sentence",
      doc("2019年全区经济社会发展的主要预期目标是：地区生产总值增长7%。", NONE, "target", 2019),
      R("7%", 7, "%", 7, "percent", "=", "growth_rate", "生产总值")),
    C("a-person-s-year-wins-over-the-title",
      doc("某县2022年政府工作报告\n今年主要目标是：粮食产量稳定在40万吨以上。", Y2024, "target", 2024),
      R("40万吨", 40, "万吨", 4e5, "t", ">=", "level", "粮食")),
    C("a-person-s-year-makes-a-horizon-line-only-its-own",
      doc("到2030年，全市森林覆盖率达到50%。\n新增城镇就业2万人。\n新建城市绿道80公里。", Y2024),
      R("50%", 50, "%", 50, "percent", "=", "level", "森林", kind="target", year=2030),
      R("2万人", 2, "万人", 2e4, "count", "=", "increment", "就业", kind="target", year=2024),
      R("80公里", 80, "公里", 80, "km", "=", "increment", "绿道", kind="target", year=2024)),
    # ---------------------------------------------------------------- review headings in their many wordings
    C("review-heading-year-and-period",
      doc(MEETING_2026 + "一、2025年和“十四五”时期工作回顾\n全省地区生产总值增长5.4%。", NONE, "actual", 2025),
      R("5.4%", 5.4, "%", 5.4, "percent", "=", "growth_rate", "生产总值")),
    C("review-heading-main-work-and-achievements",
      doc(MEETING_2026 + "一、2025年主要工作和“十四五”发展成就\n全省城镇新增就业45万人。", NONE, "actual", 2025),
      R("45万人", 45, "万人", 4.5e5, "count", "=", "increment", "就业")),
    C("review-heading-past-year-work",
      doc(MEETING_2024 + "一、过去一年的工作\n全市规上工业增加值增长8.2%。", NONE, "actual", 2023),
      R("8.2%", 8.2, "%", 8.2, "percent", "=", "growth_rate", "工业")),
    C("review-heading-huigu-guoqu-yinian",
      doc(MEETING_2024 + "一、回顾过去一年\n全市社会消费品零售总额增长7.1%。", NONE, "actual", 2023),
      R("7.1%", 7.1, "%", 7.1, "percent", "=", "growth_rate", "零售")),
    C("review-heading-past-five-years",
      doc(MEETING_2024 + "一、过去五年工作回顾\n全市地区生产总值年均增长6.6%。", NONE, "actual", 2023),
      R("6.6%", 6.6, "%", 6.6, "percent", "=", "growth_rate", "生产总值")),
    C("review-heading-execution-of-last-year-s-plan",
      doc(MEETING_2024 + "一、2023年国民经济和社会发展计划执行情况\n固定资产投资增长4.8%。", NONE, "actual", 2023),
      R("4.8%", 4.8, "%", 4.8, "percent", "=", "growth_rate", "投资")),
    C("review-of-last-year-s-livelihood-list",
      doc("某县2025年民生实事\n2024年民生实事完成情况\n改造农村公路120公里。\n2025年民生实事项目\n"
          "改造农村公路100公里。", NONE),
      R("120公里", 120, "公里", 120, "km", "=", "increment", "公路", kind="actual", year=2024),
      R("100公里", 100, "公里", 100, "km", "=", "increment", "公路", kind="target", year=2025)),
    C("review-subheading-with-plan-words-stays-a-review",
      doc(MEETING_2024 + "一、2023年工作回顾\n（一）深入实施产业建圈强链行动\n"
          "新引进重大项目52个。", NONE, "actual", 2023),
      R("52个", 52, "个", 52, "count", "=", "increment", "项目")),
    C("review-part-title-on-a-line-of-its-own",
      doc(MEETING_2024 + "2023年政府工作回顾\n一、拼经济稳增长\n全年新增市场主体2.1万户。\n2024年政府工作安排\n"
          "新增市场主体2万户。", NONE),
      R("2.1万户", 2.1, "万户", 2.1e4, "count", "=", "increment", "市场主体", kind="actual", year=2023),
      R("2万户", 2, "万户", 2e4, "count", "=", "increment", "市场主体", kind="target", year=2024)),
    C("review-opened-without-a-heading",
      doc(MEETING_2024 + "各位代表：\n2023年，是全面贯彻党的二十大精神的开局之年。\n一是经济稳中有进。"
          "全年地区生产总值增长5.8%。\n"
          "今年主要预期目标是：地区生产总值增长6%。", NONE),
      R("5.8%", 5.8, "%", 5.8, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2023),
      R("6%", 6, "%", 6, "percent", "=", "growth_rate", "生产总值", kind="target", year=2024)),
    C("review-opened-by-yinianlai-then-bullets",
      doc(MEETING_2024 + "一年来，我们主要做了以下工作：\n——产业发展提质增效。新增国家高新技术企业86家。\n"
          "2024年工作安排\n新增国家高新技术企业80家。", NONE),
      R("86家", 86, "家", 86, "count", "=", "increment", "高新技术企业", kind="actual", year=2023),
      R("80家", 80, "家", 80, "count", "=", "increment", "高新技术企业", kind="target", year=2024)),
    C("period-review-heading-in-an-outline",
      doc("某市国民经济和社会发展第十四个五年规划纲要\n第一节 “十三五”时期发展成就\n全市森林覆盖率达到40.2%。", NONE,
          "baseline", 2020),
      R("40.2%", 40.2, "%", 40.2, "percent", "=", "level", "森林")),
    C("period-heading-alone",
      doc(MEETING_2026 + "“十四五”时期\n全省累计新增城镇就业300万人。", NONE, "actual", 2025),
      R("300万人", 300, "万人", 3e6, "count", "=", "increment", "就业")),
    C("next-five-years-heading-of-a-new-term",
      doc(MEETING_2024 + "二、今后五年的目标任务\n全市地区生产总值年均增长6%。", NONE, "target", 2028),
      R("6%", 6, "%", 6, "percent", "=", "growth_rate", "生产总值")),
    C("next-year-heading-in-a-december-report",
      doc("政府工作报告\n——2023年12月20日在某区第三届人民代表大会第四次会议上\n二、明年工作安排\n"
          "新增城镇就业6000人以上。", NONE,
          "target", 2024),
      R("6000人", 6000, "人", 6000, "count", ">=", "increment", "就业")),
    C("this-year-heading-of-proposals",
      doc(MEETING_2024 + "二、对今年政府工作的建议\n城镇调查失业率控制在5.5%以内。", NONE, "target", 2024),
      R("5.5%", 5.5, "%", 5.5, "percent", "<=", "level", "失业率")),
    C("five-years-opening-sets-the-part",
      doc(MEETING_2024 + "五年来，我们坚持以人民为中心。\n——民生保障更加有力。"
          "累计新增城镇就业28万人。", NONE, "actual", 2023),
      R("28万人", 28, "万人", 2.8e5, "count", "=", "increment", "就业")),
    C("this-year-opening-sets-the-part",
      doc("一、2023年工作回顾\n全年新增城镇就业5.2万人。\n今年是全面建设的关键之年。\n新增城镇就业5万人以上。", NONE),
      R("5.2万人", 5.2, "万人", 5.2e4, "count", "=", "increment", "就业", kind="actual", year=2023),
      R("5万人", 5, "万人", 5e4, "count", ">=", "increment", "就业", kind="target", year=2024)),
    # ---------------------------------------------------------------- results stated with target words
    C("review-ceiling-wording-is-a-result",
      doc(MEETING_2024 + "一、2023年工作回顾\n城镇调查失业率控制在5.5%以内，"
          "居民消费价格涨幅控制在3%以内。", NONE, "actual", 2023),
      R("5.5%", 5.5, "%", 5.5, "percent", "<=", "level", "失业率"),
      R("3%", 3, "%", 3, "percent", "<=", "growth_rate", "价格")),
    C("review-floor-wording-is-a-result",
      doc(MEETING_2024 + "一、2023年工作回顾\n粮食产量稳定在52万吨以上，"
          "优良天数比例保持在90%以上。", NONE, "actual", 2023),
      R("52万吨", 52, "万吨", 5.2e5, "t", ">=", "level", "粮食"),
      R("90%", 90, "%", 90, "percent", ">=", "share", "优良天数")),
    C("full-year-result-outside-a-review-heading",
      doc("全年地区生产总值比上年增长2.3%。", Y2024, "actual", 2023),
      R("2.3%", 2.3, "%", 2.3, "percent", "=", "growth_rate", "生产总值")),
    C("full-year-target-with-a-qualifier-stays-a-target",
      doc("全年地区生产总值比上年增长6%左右。", Y2024, "target", 2024),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值")),
    C("past-tense-result-in-a-plan-section",
      doc("二、2024年重点任务\n在已建成120个社区食堂的基础上，新建社区食堂40个。", NONE),
      R("120个", 120, "个", 120, "count", "=", "level", "社区食堂", kind="actual", year=2023),
      R("40个", 40, "个", 40, "count", "=", "increment", "社区食堂", kind="target", year=2024)),
    C("estimate-of-the-full-year-is-a-result",
      doc(MEETING_2024 + "一、2023年工作回顾\n预计全年一般公共预算收入增长6.8%。", NONE, "actual", 2023),
      R("6.8%", 6.8, "%", 6.8, "percent", "=", "growth_rate", "预算收入")),
    # ---------------------------------------------------------------- periods and horizons
    C("five-year-review-inside-an-annual-report-is-an-actual",
      doc(MEETING_2024 + "一、2023年工作回顾\n全市地区生产总值增长5.5%。\n五年来，全市累计新增城镇就业32万人。\n"
          "二、2024年工作安排\n城镇新增就业6万人。", NONE),
      R("5.5%", 5.5, "%", 5.5, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2023),
      R("32万人", 32, "万人", 3.2e5, "count", "=", "increment", "就业", kind="actual", year=2023),
      R("6万人", 6, "万人", 6e4, "count", "=", "increment", "就业", kind="target", year=2024)),
    C("past-period-review-in-a-first-year-report",
      doc(MEETING_2026 + "“十四五”时期，全省地区生产总值年均增长5.7%。\n"
          "今年主要预期目标是：地区生产总值增长5%左右。", NONE),
      R("5.7%", 5.7, "%", 5.7, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2025),
      R("5%", 5, "%", 5, "percent", "~", "growth_rate", "生产总值", kind="target", year=2026)),
    C("new-period-goals-heading-in-a-first-year-report",
      doc(MEETING_2026 + "二、“十五五”时期主要目标任务\n全省地区生产总值突破13万亿元。", NONE, "target", 2030),
      R("13万亿元", 13, "万亿元", 1.3e13, "CNY", ">", "level", "生产总值")),
    C("horizon-goal-paragraph-before-this-year-s-targets",
      doc(MEETING_2026 + "到2030年，全省常住人口城镇化率达到70%。\n今年主要预期目标是：城镇新增就业50万人以上。", NONE),
      R("70%", 70, "%", 70, "percent", "=", "level", "城镇化", kind="target", year=2030),
      R("50万人", 50, "万人", 5e5, "count", ">=", "increment", "就业", kind="target", year=2026)),
    C("fifteenth-period-during-is-the-horizon",
      doc("“十五五”期间，全市累计新增城镇就业30万人。", Y2026, "target", 2030),
      R("30万人", 30, "万人", 3e5, "count", "=", "increment", "就业")),
    C("fourteenth-period-since-is-a-review-up-to-last-year",
      doc("“十四五”以来，全市累计新建保障性租赁住房5.2万套。", Y2024, "actual", 2023),
      R("5.2万套", 5.2, "万套", 5.2e4, "count", "=", "increment", "住房")),
    C("fourteenth-period-end-as-a-deadline",
      doc("到“十四五”末，全市5G基站达到3万个。", Y2024, "target", 2025),
      R("3万个", 3, "万个", 3e4, "count", "=", "level", "基站")),
    C("coming-five-years-of-a-new-term",
      doc(MEETING_2024 + "今后五年，全市地区生产总值年均增长6%以上。", NONE, "target", 2028),
      R("6%", 6, "%", 6, "percent", ">=", "growth_rate", "生产总值")),
    C("vision-heading-in-chinese-numerals",
      doc("某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n第一节 二〇三五年远景目标\n"
          "人均地区生产总值达到15万元。",
          NONE, "target", 2035),
      R("15万元", 15, "万元", 1.5e5, "CNY", "=", "level", "人均")),
    C("a-milestone-year-inside-an-action-plan",
      doc("某市行动方案（2024—2026年）\n二、主要目标\n到2026年，培育链主企业20家。2025年，培育链主企业12家。", NONE),
      R("20家", 20, "家", 20, "count", "=", "increment", "链主", kind="target", year=2026),
      R("12家", 12, "家", 12, "count", "=", "increment", "链主", kind="target", year=2025)),
    C("deadline-with-a-month",
      doc("2024年6月底前，完成全市80个老旧小区改造。", Y2024, "target", 2024),
      R("80个", 80, "个", 80, "count", "=", "increment", "老旧小区")),
    C("an-action-plan-without-years-in-its-title-takes-its-deadline",
      doc("某市关于推进新型工业化的实施方案\n某市人民政府\n2024年2月20日\n一、发展基础\n全市规上工业企业1800家。\n"
          "二、主要目标\n到2027年，规上工业企业突破2200家。\n三、重点任务\n新增专精特新企业60家。", NONE),
      R("1800家", 1800, "家", 1800, "count", "=", ANY, "工业企业", kind="baseline", year=2023),
      R("2200家", 2200, "家", 2200, "count", ">", "level", "工业企业", kind="target", year=2027),
      R("60家", 60, "家", 60, "count", "=", "increment", "专精特新", kind="target", year=2027)),
    # ---------------------------------------------------------------- relative time words
    C("last-year-opening-in-a-plan",
      doc("去年，全市新增城镇就业5.1万人；今年力争新增城镇就业5.5万人。", Y2024),
      R("5.1万人", 5.1, "万人", 5.1e4, "count", "=", "increment", "就业", kind="actual", year=2023),
      R("5.5万人", 5.5, "万人", 5.5e4, "count", "=", "increment", "就业", kind="target", year=2024)),
    C("past-year-inside-a-plan-section",
      doc("二、2024年重点任务\n过去一年，全市新增城镇就业5.3万人。今年新增城镇就业5.5万人。", NONE),
      R("5.3万人", 5.3, "万人", 5.3e4, "count", "=", "increment", "就业", kind="actual", year=2023),
      R("5.5万人", 5.5, "万人", 5.5e4, "count", "=", "increment", "就业", kind="target", year=2024)),
    C("shangnian-as-a-subject-time",
      doc("上年全市进出口总额完成428亿元，今年增长5%。", Y2024),
      R("428亿元", 428, "亿元", 4.28e10, "CNY", "=", "level", "进出口", kind="actual", year=2023),
      R("5%", 5, "%", 5, "percent", "=", "growth_rate", None, kind="target", year=2024)),
    C("next-year-in-a-december-document",
      doc("政府工作报告\n——2023年12月20日在某区第三届人民代表大会第四次会议上\n今年以来，全区地区生产总值增长6%。\n"
          "明年全区地区生产总值增长6.5%左右。", NONE),
      R("6%", 6, "%", 6, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2023),
      R("6.5%", 6.5, "%", 6.5, "percent", "~", "growth_rate", "生产总值", kind="target", year=2024)),
    C("comparison-base-bishangnian-is-not-a-time-word",
      doc(MEETING_2024 + "二、2024年主要目标\n地区生产总值比上年增长6%，"
          "单位地区生产总值能耗比上年下降3%。", NONE, "target", 2024),
      R("6%", 6, "%", 6, "percent", "=", "growth_rate", "生产总值"),
      R("3%", 3, "%", 3, "percent", "=", "growth_rate", "能耗")),
    C("comparison-base-bi-shangyiniandu-is-not-a-review",
      doc("二、2023年主要目标\n公办幼儿园在园幼儿占比比上一年度增长1%。", NONE, "target", 2023),
      R("1%", 1, "%", 1, "percent", "=", "growth_rate", "幼儿")),
    C("comparison-base-jiao-year-is-not-a-time-word",
      doc("到2025年，单位地区生产总值二氧化碳排放较2020年下降18%。", Y2024, "target", 2025),
      R("18%", 18, "%", 18, "percent", "=", "growth_rate", "二氧化碳")),
    C("comparison-base-zai-year-jichu-is-not-a-time-word",
      doc("在2020年基础上，到2025年森林蓄积量增加800万立方米。", Y2024, "target", 2025),
      R("800万立方米", 800, "万立方米", 8e6, "m3", "=", "increment", "蓄积")),
    C("comparison-base-multiple-of-the-period-end",
      doc(MEETING_2026 + "一、2025年和“十四五”时期工作回顾\n高新技术企业达到1.9万家，"
          "是“十三五”末的2.4倍。", NONE, "actual", 2025),
      R("1.9万家", 1.9, "万家", 1.9e4, "count", "=", ANY, "高新技术企业"),
      R("2.4倍", 2.4, "倍", 2.4, "ratio", "=", "ratio")),
    C("status-date-in-an-action-plan-is-a-baseline",
      doc("某市行动方案（2024—2026年）\n截至2023年底，全市累计建成充电桩4.2万个。到2026年，充电桩达到10万个。", NONE),
      R("4.2万个", 4.2, "万个", 4.2e4, "count", "=", "level", "充电桩", kind="baseline", year=2023),
      R("10万个", 10, "万个", 1e5, "count", "=", "level", "充电桩", kind="target", year=2026)),
    C("since-a-year-is-a-review-up-to-last-year",
      doc(MEETING_2024 + "一、2023年工作回顾\n2019年以来，全市累计改造老旧小区620个。", NONE, "actual", 2023),
      R("620个", 620, "个", 620, "count", "=", ANY, "老旧小区")),
    # ---------------------------------------------------------------- from→to pairs and figures in brackets
    C("from-x-to-y-in-a-plan-baseline-and-target",
      doc("到2027年，全市常住人口城镇化率从65.2%提高到70%。", Y2024),
      R("65.2%", 65.2, "%", 65.2, "percent", "=", "level", "城镇化", kind="baseline", year=2023),
      R("70%", 70, "%", 70, "percent", "=", "level", "城镇化", kind="target", year=2027)),
    C("from-x-to-y-in-a-five-year-review",
      doc(MEETING_2024 + "一、过去五年工作回顾\n常住人口城镇化率由60.3%提高到65.2%。", NONE),
      R("60.3%", 60.3, "%", 60.3, "percent", "=", "level", "城镇化", kind="baseline", year=2018),
      R("65.2%", 65.2, "%", 65.2, "percent", "=", "level", "城镇化", kind="actual", year=2023)),
    C("from-x-to-y-in-a-one-year-review",
      doc(MEETING_2024 + "一、2023年工作回顾\n群众满意度从94.1提升至95.6。", NONE),
      R("94.1", 94.1, "", 94.1, "index", "=", "index", "满意度", kind="baseline", year=2022),
      R("95.6", 95.6, "", 95.6, "index", "=", "index", "满意度", kind="actual", year=2023)),
    C("from-five-years-ago-to-now",
      doc(MEETING_2024 + "一、过去五年工作回顾\n日均新设企业由五年前的800多户增加到2100户。", NONE),
      R("800多户", 800, "户", 800, "count", ">", ANY, "企业", kind="baseline", year=2018),
      R("2100户", 2100, "户", 2100, "count", "=", ANY, "企业", kind="actual", year=2023)),
    C("unitless-ratio-pair-in-a-review",
      doc(MEETING_2024 + "一、过去五年工作回顾\n城乡居民收入倍差从2.36缩小至2.21。", NONE),
      R("2.36", 2.36, "", 2.36, "ratio", "=", "ratio", "倍差", kind="baseline", year=2018),
      R("2.21", 2.21, "", 2.21, "ratio", "=", "ratio", "倍差", kind="actual", year=2023)),
    C("past-year-figure-in-brackets-is-a-baseline",
      doc("到2027年，全市研发经费投入强度达到3%（2023年为2.4%）。", Y2024),
      R("3%", 3, "%", 3, "percent", "=", "level", "研发", kind="target", year=2027),
      R("2.4%", 2.4, "%", 2.4, "percent", "=", "level", "研发", kind="baseline", year=2023)),
    # ---------------------------------------------------------------- the present state
    C("present-state-in-an-annual-report-is-last-year-s-actual",
      doc(MEETING_2024 + "二、2024年重点任务\n目前，全市共有国家级孵化器12家，今年新增3家。", NONE),
      R("12家", 12, "家", 12, "count", "=", "level", "孵化器", kind="actual", year=2023),
      R("3家", 3, "家", 3, "count", "=", "increment", None, kind="target", year=2024)),
    # ---------------------------------------------------------------- also seen (item 6), with kind and year
    C("count-with-wan-and-no-unit-word",
      doc("今年主要预期目标是：让58万农村居民用上放心水。", Y2024, "target", 2024),
      R("58万", 58, "万", 5.8e5, "count", "=", "increment", "农村居民")),
    C("count-with-yi-and-no-unit-word-in-a-review",
      doc(MEETING_2024 + "一、2023年工作回顾\n政务服务平台注册总量突破1.2亿。", NONE, "actual", 2023),
      R("1.2亿", 1.2, "亿", 1.2e8, "count", ">", "level", "注册")),
    C("count-with-wan-yishang-before-a-noun",
      doc("今年主要预期目标是：为20万以上困难群众发放补贴。", Y2024, "target", 2024),
      R("20万", 20, "万", 2e5, "count", ">=", "increment", "困难群众")),
    C("money-per-person",
      doc("对引进的顶尖人才，按50万元/人标准给予安家补贴。", Y2024, "target", 2024),
      R("50万元/人", 50, "万元/人", 5e5, "CNY", "=", "standard")),
    C("price-per-kilowatt-hour",
      doc("对新增用电给予3分/千瓦时的电价补贴。", Y2024, "target", 2024),
      R("3分/千瓦时", 3, "分/千瓦时", 0.03, "CNY", "=", "standard")),
    C("growth-by-a-multiple-in-a-review",
      doc(MEETING_2024 + "一、2023年工作回顾\n跨境电商交易额增长1.3倍。", NONE, "actual", 2023),
      R("1.3倍", 1.3, "倍", 130, "percent", "=", "growth_rate", "跨境电商")),
    C("growth-by-a-whole-multiple-is-percent",
      doc(MEETING_2024 + "一、2023年工作回顾\n进出口总额增长2倍，研发投入是2018年的2.6倍。", NONE, "actual", 2023),
      R("2倍", 2, "倍", 200, "percent", "=", "growth_rate", "进出口"),
      R("2.6倍", 2.6, "倍", 2.6, "ratio", "=", "ratio", "研发投入")),
    C("cap-zuigao-is-at-most",
      doc("对新认定的省级技术创新中心，给予最高1000万元奖励。", Y2024, "target", 2024),
      R("1000万元", 1000, "万元", 1e7, "CNY", "<=", "standard")),
    C("yearly-count-is-not-a-standard",
      doc("某市行动方案（2024—2026年）\n每年培育创新型中小企业800家以上。", NONE, "target", 2026),
      R("800家", 800, "家", 800, "count", ">=", "increment", "创新型中小企业")),
    C("size-class-is-not-a-quantity",
      doc("今年主要预期目标是：建成5万吨级泊位3个。", Y2024, "target", 2024),
      R("3个", 3, "个", 3, "count", "=", "increment", "泊位")),
    C("age-of-a-group-is-not-a-quantity",
      doc("今年主要预期目标是：为80周岁以上老年人发放高龄津贴2.6万人。", Y2024, "target", 2024),
      R("2.6万人", 2.6, "万人", 2.6e4, "count", "=", "increment")),
    C("altitude-of-a-class-of-places-is-not-a-quantity",
      doc("在海拔4000米以上地区新建供氧站12个。", Y2024, "target", 2024),
      R("12个", 12, "个", 12, "count", "=", "increment", "供氧")),
    C("seats-below-a-class-of-vehicles-is-not-a-quantity",
      doc(MEETING_2024 + "一、2023年工作回顾\n全面取消7座以下非营运小客车限行措施，"
          "惠及车辆8.6万辆。", NONE, "actual", 2023),
      R("8.6万辆", 8.6, "万辆", 8.6e4, "count", "=", "increment", "车辆")),
    C("distance-within-of-a-class-is-not-a-quantity",
      doc("建成50米内便捷换乘的枢纽站10个。", Y2024, "target", 2024),
      R("10个", 10, "个", 10, "count", "=", "increment", "枢纽")),
    C("investment-and-above-of-a-class-is-not-a-quantity",
      doc("推动投资2000万元及以上的技改项目开工150个。", Y2024, "target", 2024),
      R("150个", 150, "个", 150, "count", "=", "increment", "技改项目")),
    C("milestones-passed-are-one-row-each",
      doc(MEETING_2024 + "一、过去五年工作回顾\n"
          "全市地区生产总值连续跨越4000亿元、5000亿元两个台阶。", NONE, "actual", 2023),
      R("4000亿元", 4000, "亿元", 4e11, "CNY", "=", "level", "生产总值"),
      R("5000亿元", 5000, "亿元", 5e11, "CNY", "=", "level", "生产总值")),
    C("milestones-with-wanyi-and-no-unit-word",
      doc(MEETING_2024 + "一、过去五年工作回顾\n全省生产总值连续跨越5万亿、6万亿两个台阶。", NONE, "actual", 2023),
      R("5万亿", 5, "万亿元", 5e12, "CNY", "=", "level", "生产总值"),
      R("6万亿", 6, "万亿元", 6e12, "CNY", "=", "level", "生产总值")),
    # ---------------------------------------------------------------- comparisons, from-values, years after the number
    C("a-past-period-compared-with-is-no-time-word",
      doc(MEETING_2016 + "一、“十二五”时期工作回顾\n五年累计完成固定资产投资6.4万亿元，是“十一五”时期的2.6倍。"
          "城镇化率由40%提高到47.1%。", NONE),
      R("6.4万亿元", 6.4, "万亿元", 6.4e12, "CNY", "=", "level", "固定资产投资", kind="actual", year=2015),
      R("2.6倍", 2.6, "倍", 2.6, "ratio", "=", "ratio", "固定资产投资", kind="actual", year=2015),
      R("40%", 40, "%", 40, "percent", "=", "level", "城镇化", kind="baseline", year=2010),
      R("47.1%", 47.1, "%", 47.1, "percent", "=", "level", "城镇化", kind="actual", year=2015)),
    C("a-year-after-the-number-is-its-year",
      doc(MEETING_2018 + "今后五年，全省经济社会发展的主要目标是：地区生产总值年均增长7%，"
          "267万农村贫困人口在2020年全部脱贫，城镇化率达到60%。", NONE),
      R("7%", 7, "%", 7, "percent", "=", "growth_rate", "生产总值", kind="target", year=2022),
      R("267万", 267, "万", 2.67e6, "count", "=", "increment", kind="target", year=2020),
      R("60%", 60, "%", 60, "percent", "=", "level", "城镇化", kind="target", year=2022)),
    C("a-deadline-after-the-number-is-its-year",
      doc("到2027年，新建城市绿道300公里，12个重点项目于2025年底前建成投运。", Y2024),
      R("300公里", 300, "公里", 300, "km", "=", ANY, "绿道", kind="target", year=2027),
      R("12个", 12, "个", 12, "count", "=", "increment", kind="target", year=2025)),
    C("this-year-and-next-is-due-by-the-later-year",
      doc(MEETING_2023 + "二、2023年工作安排\n今明两年新增城镇就业20万人以上。", NONE, "target", 2024),
      R("20万人", 20, "万人", 2e5, "count", ">=", "increment", "就业")),
    C("a-year-in-a-from-phrase-is-the-from-value-s",
      doc(MEETING_2007 + "一、2006年工作回顾\n全年财政收入由2005年的256.8亿元增加到468.2亿元。", NONE),
      R("256.8亿元", 256.8, "亿元", 2.568e10, "CNY", "=", "level", "财政收入", kind="baseline", year=2005),
      R("468.2亿元", 468.2, "亿元", 4.682e10, "CNY", "=", "level", "财政收入", kind="actual", year=2006)),
    C("last-year-in-a-from-phrase-is-no-time-word-of-the-sentence",
      doc(MEETING_2007 + "二、2007年工作安排\n拟安排财政赤字2450亿元，赤字率从去年的2.1%提高到2.4%，"
          "其中中央财政赤字1.15万亿元。", NONE),
      R("2450亿元", 2450, "亿元", 2.45e11, "CNY", "=", "level", "赤字", kind="target", year=2007),
      R("2.1%", 2.1, "%", 2.1, "percent", "=", "level", "赤字率", kind="baseline", year=2006),
      R("2.4%", 2.4, "%", 2.4, "percent", "=", "level", "赤字率", kind="target", year=2007),
      R("1.15万亿元", 1.15, "万亿元", 1.15e12, "CNY", "=", "level", "中央财政赤字", kind="target", year=2007)),
    # ---------------------------------------------------------------- reviews of several years, opened or headed
    C("a-five-year-opening-carries-over-the-next-paragraphs",
      doc(MEETING_2023 + "一、2022年工作回顾\n五年来，全市地区生产总值由1.2万亿元增加到1.9万亿元。\n"
          "全市常住人口城镇化率由60%提高到70%。\n2022年，城镇化率由69%提高到70%。\n二、2023年工作安排\n"
          "地区生产总值增长6%。", NONE),
      R("1.2万亿元", 1.2, "万亿元", 1.2e12, "CNY", "=", "level", "生产总值", kind="baseline", year=2017),
      R("1.9万亿元", 1.9, "万亿元", 1.9e12, "CNY", "=", "level", "生产总值", kind="actual", year=2022),
      R("60%", 60, "%", 60, "percent", "=", "level", "城镇化", kind="baseline", year=2017),
      R("70%", 70, "%", 70, "percent", "=", "level", "城镇化", kind="actual", year=2022),
      R("69%", 69, "%", 69, "percent", "=", "level", "城镇化", kind="baseline", year=2021),
      R("70%", 70, "%", 70, "percent", "=", "level", "城镇化", kind="actual", year=2022),
      R("6%", 6, "%", 6, "percent", "=", "growth_rate", "生产总值", kind="target", year=2023)),
    C("a-heading-of-a-year-and-a-term-reviews-the-term",
      doc(MEETING_2023 + "一、2022年和本届政府任期工作回顾\n全市地区生产总值从1.2万亿元增加到1.9万亿元。\n"
          "城镇新增就业累计60万人。\n2022年，全市地区生产总值增长4%。\n森林覆盖率由40%提高到41%。", NONE),
      R("1.2万亿元", 1.2, "万亿元", 1.2e12, "CNY", "=", "level", "生产总值", kind="baseline", year=2017),
      R("1.9万亿元", 1.9, "万亿元", 1.9e12, "CNY", "=", "level", "生产总值", kind="actual", year=2022),
      R("60万人", 60, "万人", 6e5, "count", "=", "increment", "就业", kind="actual", year=2022),
      R("4%", 4, "%", 4, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2022),
      R("40%", 40, "%", 40, "percent", "=", "level", "森林", kind="baseline", year=2021),
      R("41%", 41, "%", 41, "percent", "=", "level", "森林", kind="actual", year=2022)),
    C("a-heading-of-the-past-five-years-and-a-year",
      doc(MEETING_2023 + "一、过去五年和2022年工作回顾\n城镇化率由60%提高到70%。", NONE),
      R("60%", 60, "%", 60, "percent", "=", "level", "城镇化", kind="baseline", year=2017),
      R("70%", 70, "%", 70, "percent", "=", "level", "城镇化", kind="actual", year=2022)),
    C("the-first-years-of-a-period",
      doc(MEETING_2010 + "一、2009年工作回顾\n“十一五”前四年，全省财政收入年均增长20%。\n城镇化率由40%提高到45%。\n"
          "四年间，累计新增城镇就业300万人。\n2009年，全省生产总值增长10%。", NONE),
      R("20%", 20, "%", 20, "percent", "=", "growth_rate", "财政收入", kind="actual", year=2009),
      R("40%", 40, "%", 40, "percent", "=", "level", "城镇化", kind="baseline", year=2005),
      R("45%", 45, "%", 45, "percent", "=", "level", "城镇化", kind="actual", year=2009),
      R("300万人", 300, "万人", 3e6, "count", "=", "increment", "就业", kind="actual", year=2009),
      R("10%", 10, "%", 10, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2009)),
    # ---------------------------------------------------------------- a plan inside a notice; a clause's own year
    C("a-plan-printed-inside-a-notice-has-its-own-horizon",
      doc("某县人民政府关于印发2025年民生实事项目和乡村振兴三年行动方案的通知\n\n某县2025年民生实事项目\n"
          "1.新建村级养老服务站12个。\n\n某县乡村振兴示范创建行动方案（2025—2027年）\n\n一、工作基础\n"
          "截至2024年底，全县建成省级美丽乡村示范村18个。\n\n二、主要目标\n"
          "三年创建市级示范村30个，农村卫生厕所普及率达到95%。", NONE),
      R("12个", 12, "个", 12, "count", "=", ANY, kind="target", year=2025),
      R("18个", 18, "个", 18, "count", "=", ANY, kind="baseline", year=2024),
      R("30个", 30, "个", 30, "count", "=", ANY, kind="target", year=2027),
      R("95%", 95, "%", 95, "percent", "=", "level", kind="target", year=2027)),
    C("a-year-in-a-clause-is-the-year-of-its-items",
      doc("某市充电基础设施建设行动方案（2024—2026年）\n二、主要目标\n三年新增公共充电桩3万个，"
          "其中2024年0.8万个、2025年1万个、2026年1.2万个；智慧停车平台接入泊位2024年达到10万个、"
          "2026年达到20万个以上。", NONE),
      R("3万个", 3, "万个", 3e4, "count", "=", ANY, kind="target", year=2026),
      R("0.8万个", 0.8, "万个", 8e3, "count", "=", ANY, kind="target", year=2024),
      R("1万个", 1, "万个", 1e4, "count", "=", ANY, kind="target", year=2025),
      R("1.2万个", 1.2, "万个", 1.2e4, "count", "=", ANY, kind="target", year=2026),
      R("10万个", 10, "万个", 1e5, "count", "=", ANY, kind="target", year=2024),
      R("20万个", 20, "万个", 2e5, "count", ">=", ANY, kind="target", year=2026)),
    C("a-year-opening-a-clause-with-what-is-done-in-it",
      doc("某市交通强市建设行动方案（2024—2026年）\n三、重点任务\n2024年新建城市道路40公里；"
          "2025年建成快速路二环东段，新增快速路16公里；到2026年，快速路总里程达到180公里。", NONE),
      R("40公里", 40, "公里", 40, "km", "=", ANY, kind="target", year=2024),
      R("16公里", 16, "公里", 16, "km", "=", ANY, kind="target", year=2025),
      R("180公里", 180, "公里", 180, "km", "=", ANY, kind="target", year=2026)),
    C("a-base-year-in-the-clause-is-no-year-of-the-target",
      doc("某市国民经济和社会发展第十四个五年规划纲要\n第一章 主要目标\n到2025年，单位地区生产总值能耗以2020年为基数"
          "下降14%，森林覆盖率高出2020年2个百分点。", NONE),
      R("14%", 14, "%", 14, "percent", "=", ANY, "能耗", kind="target", year=2025),
      R("2个百分点", 2, "个百分点", 2, "percentage_point", "=", ANY, kind="target", year=2025)),
    C("looking-ahead-to-a-year-sets-its-targets",
      doc("某市国民经济和社会发展第十五个五年规划纲要\n第一章 主要目标\n到2030年，地区生产总值达到3万亿元。"
          "\n展望2035年，城镇化率达到80%左右。", NONE),
      R("3万亿元", 3, "万亿元", 3e12, "CNY", "=", "level", "生产总值", kind="target", year=2030),
      R("80%", 80, "%", 80, "percent", "~", "level", "城镇化", kind="target", year=2035)),
    C("dash-items-go-on-in-the-horizon-the-paragraph-before-named",
      doc(MEETING_2026 + "二、今后五年目标和2026年工作安排\n"
          "今后五年的主要目标是：到2030年，地区生产总值突破5000亿元。\n——创新动能更加强劲。研发经费投入强度达到3%。\n——民生福祉更加殷实。人均预期寿命达到80岁。\n"
          "2026年主要预期目标是：地区生产总值增长6%左右。", NONE),
      R("5000亿元", 5000, "亿元", 5e11, "CNY", ">", "level", "生产总值", kind="target", year=2030),
      R("3%", 3, "%", 3, "percent", "=", "level", "研发", kind="target", year=2030),
      R("80岁", 80, "岁", 80, "count", "=", "level", "寿命", kind="target", year=2030),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值", kind="target", year=2026)),
    C("dash-items-after-a-review-stay-in-the-review",
      doc(MEETING_2026 + "一、2025年工作回顾\n过去一年，全省地区生产总值增长5.8%。\n"
          "——产业升级步伐加快。新增国家高新技术企业600家。", NONE, "actual", 2025),
      R("5.8%", 5.8, "%", 5.8, "percent", "=", "growth_rate", "生产总值"),
      R("600家", 600, "家", 600, "count", "=", "increment", "高新技术企业")),
    C("years-labelling-a-plan-s-targets-year-by-year",
      doc("某区数字化转型三年行动计划（2025—2027年）\n二、主要目标\n到2027年，数字经济核心产业增加值占比达到12%。分年度目标如下：\n"
          "——2025年：新增数字化转型企业1200家。\n——2026年：新增数字化转型企业1400家。\n", NONE),
      R("12%", 12, "%", 12, "percent", "=", "share", "数字经济", kind="target", year=2027),
      R("1200家", 1200, "家", 1200, "count", "=", "increment", "企业", kind="target", year=2025),
      R("1400家", 1400, "家", 1400, "count", "=", "increment", "企业", kind="target", year=2026)),
    C("years-listed-before-fenbie-pair-with-the-values-in-order",
      doc("某区数字化转型三年行动计划（2025—2027年）\n2025年、2026年分别完成中小企业诊断800家、1 000家，"
          "2027年实现全覆盖。", NONE),
      R("800家", 800, "家", 800, "count", "=", "increment", "诊断", kind="target", year=2025),
      R("1 000家", 1000, "家", 1000, "count", "=", "increment", "诊断", kind="target", year=2026)),
    # ---------------------------------------------------------------- an evaluation of a plan's progress
    C("evaluation-reports-the-year-before-and-names-the-plan-s-targets",
      doc("某省国民经济和社会发展第十四个五年规划\n纲要实施中期评估报告\n某省发展和改革委员会\n2023年8月\n"
          "一、主要指标进展\n全省地区生产总值由2020年的4.1万亿元增加到2022年的4.6万亿元，年均增长5.1%，"
          "低于《纲要》确定的年均增长6.5%左右的预期目标。基本养老保险参保率为92.1%，《纲要》目标为95%以上。\n"
          "二、重大工程推进情况\n全省已建成5G基站8.2万个。\n三、后半程工作建议\n到2025年，新增5G基站3万个。", NONE),
      R("4.1万亿元", 4.1, "万亿元", 4.1e12, "CNY", "=", "level", "生产总值", kind="baseline", year=2020),
      R("4.6万亿元", 4.6, "万亿元", 4.6e12, "CNY", "=", "level", "生产总值", kind="actual", year=2022),
      R("5.1%", 5.1, "%", 5.1, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2022),
      R("6.5%", 6.5, "%", 6.5, "percent", "~", "growth_rate", "增速", kind="target", year=2025),
      R("92.1%", 92.1, "%", 92.1, "percent", "=", "level", "参保率", kind="actual", year=2022),
      R("95%", 95, "%", 95, "percent", ">=", "level", "目标", kind="target", year=2025),
      R("8.2万个", 8.2, "万个", 8.2e4, "count", "=", "level", "基站", kind="actual", year=2022),
      R("3万个", 3, "万个", 3e4, "count", "=", "increment", "基站", kind="target", year=2025)),
    C("the-figure-a-comparison-starts-from-is-its-year-s-baseline",
      doc(MEETING_2026 + "一、2025年工作回顾\n全市PM2.5年均浓度为19.6微克/立方米，"
          "较2020年的22.1微克/立方米下降11.3%。", NONE),
      R("19.6微克/立方米", 19.6, "微克/立方米", 19.6, "ug/m3", "=", "level", "PM2.5", kind="actual", year=2025),
      R("22.1微克/立方米", 22.1, "微克/立方米", 22.1, "ug/m3", "=", "level", "PM2.5", kind="baseline", year=2020),
      R("11.3%", 11.3, "%", 11.3, "percent", "=", "growth_rate", "PM2.5", kind="actual", year=2025)),
    C("progress-report-results-so-far-beside-the-year-s-targets",
      doc("某市2024年民生实事上半年推进情况\n（2024年7月10日）\n民生实事项目累计完成投资12.6亿元。\n"
          "一、城镇就业\n年度目标：\n（1）城镇新增就业4万人。\n"
          "推进情况：\n（1）1—6月，全市城镇新增就业2.3万人。\n", NONE),
      R("12.6亿元", 12.6, "亿元", 1.26e9, "CNY", "=", "level", "投资", kind="actual", year=2024),
      R("4万人", 4, "万人", 4e4, "count", "=", "increment", "新增就业", kind="target", year=2024),
      R("2.3万人", 2.3, "万人", 2.3e4, "count", "=", "increment", "新增就业", kind="actual", year=2024)),
    C("progress-table-the-year-s-target-what-is-done-and-the-share-done",
      doc("某市2024年民生实事上半年推进情况\n附表：2024年民生实事上半年进度一览\n"
          "序号  项目  年度目标  上半年完成  完成率  状态\n1  新增养老床位  1500张  1620张  108%  提前完成\n"
          "2  新建口袋公园  30个  12个  40%  滞后\n", NONE),
      R("1500张", 1500, "张", 1500, "count", "=", "increment", "养老床位", kind="target", year=2024),
      R("1620张", 1620, "张", 1620, "count", "=", "increment", "养老床位", kind="actual", year=2024),
      R("108%", 108, "%", 108, "percent", "=", "level", "完成率", kind="actual", year=2024),
      R("30个", 30, "个", 30, "count", "=", "increment", "口袋公园", kind="target", year=2024),
      R("12个", 12, "个", 12, "count", "=", "increment", "口袋公园", kind="actual", year=2024),
      R("40%", 40, "%", 40, "percent", "=", "level", "完成率", kind="actual", year=2024)),
    C("a-target-named-in-a-review-is-that-year-s-target",
      doc(MEETING_2024 + "一、2023年工作回顾\n地区生产总值预期目标为增长6%左右，实际增长5.4%，高于全省平均0.3个百分点；"
          "城镇调查失业率4.9%，低于5.5%左右的预期目标。", NONE),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值", kind="target", year=2023),
      R("5.4%", 5.4, "%", 5.4, "percent", "=", "growth_rate", "", kind="actual", year=2023),
      R("0.3个百分点", 0.3, "个百分点", 0.3, "percentage_point", "=", "increment", "", kind="actual", year=2023),
      R("4.9%", 4.9, "%", 4.9, "percent", "=", "level", "失业率", kind="actual", year=2023),
      R("5.5%", 5.5, "%", 5.5, "percent", "~", "level", "失业率", kind="target", year=2023)),
    # ---------------------------------------------------------------- tables: what the header says each column holds
    C("table-of-an-outline-base-year-target-year-and-growth-over-the-period",
      doc("某市国民经济和社会发展第十五个五年规划纲要\n指标\t2025年\t2030年\t年均增长\t属性\n"
          "地区生产总值（亿元）\t5200\t7000\t6%左右\t预期性\n", NONE),
      R("5200", 5200, "亿元", 5.2e11, "CNY", "=", "level", "生产总值", kind="baseline", year=2025),
      R("7000", 7000, "亿元", 7e11, "CNY", "=", "level", "生产总值", kind="target", year=2030),
      R("6%左右", 6, "%", 6, "percent", "~", "growth_rate", "生产总值年均", kind="target", year=2030)),
    C("table-a-year-s-estimate-beside-its-target",
      doc("某县2025年政府工作报告\n附表  2025年主要预期目标\n指标\t单位\t2024年预计\t2025年目标\t属性\n"
          "地区生产总值增长\t%\t5.6\t6左右\t预期性\n城镇新增就业\t万人\t1.12\t≥1.1\t预期性\n"
          "社会消费品零售总额增长\t%\t4.8\t5-6\t预期性\n", NONE),
      R("5.6", 5.6, "%", 5.6, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2024),
      R("6左右", 6, "%", 6, "percent", "~", "growth_rate", "生产总值", kind="target", year=2025),
      R("1.12", 1.12, "万人", 11200, "count", "=", "increment", "新增就业", kind="actual", year=2024),
      R("≥1.1", 1.1, "万人", 11000, "count", ">=", "increment", "新增就业", kind="target", year=2025),
      R("4.8", 4.8, "%", 4.8, "percent", "=", "growth_rate", "零售", kind="actual", year=2024),
      R("5-6", (5, 6), "%", (5, 6), "percent", "range", "growth_rate", "零售", kind="target", year=2025)),
    C("table-of-a-mid-term-review-base-year-result-and-target",
      doc("某省“十四五”规划实施中期评估报告\n类别\t指标\t单位\t2020年（基期）\t2022年\t2025年目标\n"
          "城镇化\t常住人口城镇化率\t%\t53.2\t54.8\t58\n\t人均公园绿地面积\t平方米\t12.1\t12.9\t14\n", NONE),
      R("53.2", 53.2, "%", 53.2, "percent", "=", "level", "城镇化率", kind="baseline", year=2020),
      R("54.8", 54.8, "%", 54.8, "percent", "=", "level", "城镇化率", kind="actual", year=2022),
      R("58", 58, "%", 58, "percent", "=", "level", "城镇化率", kind="target", year=2025),
      R("12.1", 12.1, "平方米", 12.1, "square_meter", "=", "level", "绿地", kind="baseline", year=2020),
      R("12.9", 12.9, "平方米", 12.9, "square_meter", "=", "level", "绿地", kind="actual", year=2022),
      R("14", 14, "平方米", 14, "square_meter", "=", "level", "绿地", kind="target", year=2025)),
    C("table-of-a-communique-a-measure-and-its-change-on-last-year",
      doc("某市2024年国民经济和社会发展统计公报\n表2  2024年主要工业产品产量及其增长速度\n"
          "产品名称\t单位\t产量\t比上年增长（%）\n原煤\t万吨\t1,286.4\t3.1\n发电量\t亿千瓦时\t86.25\t-1.2\n"
          "水泥\t万吨\t412\t—\n", NONE, "actual", 2024),
      R("1,286.4", 1286.4, "万吨", 1.2864e7, "t", "=", "level", "原煤产量"),
      R("3.1", 3.1, "%", 3.1, "percent", "=", "growth_rate", "原煤产量"),
      R("86.25", 86.25, "亿千瓦时", 8.625e9, "kWh", "=", "level", "发电量"),
      R("-1.2", -1.2, "%", -1.2, "percent", "=", "growth_rate", "发电量"),
      R("412", 412, "万吨", 4.12e6, "t", "=", "level", "水泥产量")),
    C("table-with-a-year-per-row-and-a-project-list",
      doc("某市城市更新三年行动方案（2024—2026年）\n表1  分年度建设任务\n"
          "年度\t改造老旧小区（个）\t新增停车泊位（万个）\n2024年\t120\t1.5\n2025年\t150\t2\n合计\t270\t3.5\n\n"
          "专栏1  重点项目\n序号\t项目名称\t建设规模（公里）\t建设年限\n1\t滨江绿道\t42\t2024—2025\n", NONE),
      R("120", 120, "个", 120, "count", "=", "increment", "改造老旧小区", kind="target", year=2024),
      R("1.5", 1.5, "万个", 15000, "count", "=", "increment", "停车泊位", kind="target", year=2024),
      R("150", 150, "个", 150, "count", "=", "increment", "改造老旧小区", kind="target", year=2025),
      R("2", 2, "万个", 20000, "count", "=", "increment", "停车泊位", kind="target", year=2025),
      R("270", 270, "个", 270, "count", "=", "increment", "改造老旧小区", kind="target", year=2025),
      R("3.5", 3.5, "万个", 35000, "count", "=", "increment", "停车泊位", kind="target", year=2025),
      R("42", 42, "公里", 42, "km", "=", "level", "滨江绿道建设规模", kind="target", year=2025)),
    C("name-of-the-list-is-not-a-quantity",
      doc(MEETING_2024 + "一、2023年工作回顾\n十件民生实事全面完成，新增学位6000个。", NONE, "actual", 2023),
      R("6000个", 6000, "个", 6000, "count", "=", "increment", "学位")),
]
# fmt: on


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_time_phrasing(case: Case):
    check_case(case)


def test_every_time_rule_decides_at_least_one_case():
    from etl.timeframe import ANCHOR_RULES, EVIDENCE_RULES, OPENING_RULES, SECTION_RULES

    fired = {
        rule for case in CASES for row in extract_text("case.txt", case.ctx.text, case.ctx.info) for rule in row.rules
    }
    names = [r.name for r in (*SECTION_RULES, *OPENING_RULES, *ANCHOR_RULES)] + EVIDENCE_RULES.names()
    assert [n for n in names if n not in fired] == []


def test_every_case_asserts_kind_and_year():
    assert len(CASES) >= 60
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        for row in case.rows:
            assert (row.kind or case.ctx.kind) in ("target", "actual", "baseline"), case.id
            assert (row.year if row.year is not None else case.ctx.year) is not ANY, case.id
