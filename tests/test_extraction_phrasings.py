"""The language of Chinese plans, phrasing by phrasing: what the extractor must read from each.

Every case is a short passage written in the manner of government work reports, five-year plans
and their proposals, action plans and 民生实事 lists (of no city in particular), with the rows the
extraction contract (DESIGN.md) and the annotation conventions (eval/GOLD_SPEC.md) expect from it:
quote, value (or low/high), unit as written (simplified, magnitude included), normalised value and
unit, comparator, metric, kind, target year and the derived flag, in order of appearance, and no
other rows. Where the subject is clear a key word of the indicator name is checked too (names are
judged loosely by similarity, so only a word is asserted).

Each passage carries its own context: plan phrasings sit under 今年主要预期目标 or 到2027年,
review phrasings after 过去一年 or under a 工作回顾 heading, five-year reviews under “十三五”时期.

Conventions used where the contract leaves a choice open (each with its reason):
- 近 (近5万户, "nearly") is an approximation: comparator ``~`` like 约.
- 以下 (控制在4%以下) reads as ``<=`` like 以内: Chinese usage counts the number itself in 以上/以下/以内.
- A change in percentage points (提高0.5个百分点) is an ``increment`` in ``percentage_point``.
- Chinese numerals keep their inner 千/百 in the value and give trailing 万/亿 to the unit
  (一万五千人 -> 15000 人; 三万人次 -> 3 万人次), as Arabic numbers do (3千个 -> 3 千个).
- 下降至/缩小到 X (to a level) is a ``level``; 下降 X% (by a rate) is a ``growth_rate``.
- "每…不少于/每天不低于" (a minimum per unit or per day) is a ``standard``; a rate per 10k people or
  per capita reached (每万人口…达到20件, 人均…达到15平方米) is a ``level``.
- A ratio (2.3∶1) has no written unit worth asserting; its unit_raw is not checked.
- 从目前的X: the year "目前" describes is not asserted (the document's year or the one before).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from etl.extract import DocumentInfo, extract_text

ANY = object()  # a field this case does not assert

#: a one-year plan (a work report for 2023), a multi-year action plan (2023 to 2027), a 14th five-year plan
WORK_2023 = DocumentInfo(plan_year=2023, target_years=(2023,))
ACTION_2027 = DocumentInfo(plan_year=2023, target_years=(2027,))
FYP_2025 = DocumentInfo(plan_year=2021, target_years=(2025,))


@dataclass(frozen=True)
class Ctx:
    text: str
    info: DocumentInfo
    kind: str
    year: int | object | None


def plan(body: str) -> Ctx:
    """A sentence of this year's targets in a work report."""
    return Ctx("今年主要预期目标是：" + body, WORK_2023, "target", 2023)


def horizon(body: str) -> Ctx:
    """A sentence of an action plan's targets for its horizon year."""
    return Ctx("到2027年，" + body, ACTION_2027, "target", 2027)


def review(body: str) -> Ctx:
    """A sentence of a work report's review of the past year."""
    return Ctx("过去一年，" + body, WORK_2023, "actual", 2022)


def fyp_review(body: str) -> Ctx:
    """A new five-year plan quoting the last plan period as its starting point."""
    return Ctx("“十三五”时期，" + body, FYP_2025, "baseline", 2020)


def doc(text: str, info: DocumentInfo | None = None, kind: str = "target", year=ANY) -> Ctx:
    """A passage with its own headings; rows name their kind and year where the passage mixes them."""
    return Ctx(text, info or DocumentInfo(), kind, year)


@dataclass(frozen=True)
class Row:
    quote: str | tuple[str, ...]
    value: float | tuple[float, float]
    unit: str | object
    norm: float | tuple[float, float]
    norm_unit: str
    cmp: str
    metric: str
    ind: str | tuple[str, ...] | None = None
    kind: str | None = None
    year: int | object | None = None
    derived: bool = False


def R(quote, value, unit, norm, norm_unit, cmp, metric, ind=None, *, kind=None, year=None, derived=False) -> Row:
    return Row(quote, value, unit, norm, norm_unit, cmp, metric, ind, kind, year, derived)


@dataclass(frozen=True)
class Case:
    id: str
    ctx: Ctx
    rows: tuple[Row, ...] = field(default_factory=tuple)


def C(case_id: str, ctx: Ctx, *rows: Row) -> Case:
    return Case(case_id, ctx, rows)


MU = 1 / 15  # hectare per 亩

# fmt: off
CASES: list[Case] = [
    # ---------------------------------------------------------------- numbers: Arabic forms
    C("arabic-decimal-percent-growth", plan("地区生产总值增长6.5%左右。"),
      R("6.5%", 6.5, "%", 6.5, "percent", "~", "growth_rate", "生产总值")),
    C("thousands-separator-money-with-magnitude", review("全市地区生产总值达到1,234.56亿元。"),
      R("1,234.56亿元", 1234.56, "亿元", 1.23456e11, "CNY", "=", "level", "生产总值")),
    C("thousands-separator-count", plan("新增城镇就业12,000人以上。"),
      R("12,000人", 12000, "人", 12000, "count", ">=", "increment", "就业")),
    C("thousands-separator-several-groups", review("全年实现社会消费品零售总额3,456,000万元。"),
      R("3,456,000万元", 3456000, "万元", 3.456e10, "CNY", "=", "level", "零售")),
    C("fullwidth-digits-percent", plan("新能源汽车产量增长１２％。"),
      R("１２％", 12, "%", 12, "percent", "=", "growth_rate", "新能源汽车")),
    C("fullwidth-decimal-percent-ceiling", plan("城镇调查失业率控制在５．５％以内。"),
      R("５．５％", 5.5, "%", 5.5, "percent", "<=", "level", "失业率")),
    C("fullwidth-decimal-with-magnitude", plan("粮食产量稳定在１２．５万吨以上。"),
      R("１２．５万吨", 12.5, "万吨", 125000, "t", ">=", "level", "粮食")),
    C("fullwidth-integer-count", plan("新增城镇就业３０００人。"),
      R("３０００人", 3000, "人", 3000, "count", "=", "increment", "就业")),
    C("space-between-number-and-percent", review("全年地区生产总值增长 4.2 %。"),
      R("4.2 %", 4.2, "%", 4.2, "percent", "=", "growth_rate", "生产总值")),
    C("line-break-before-the-number", plan("城镇新增就业\n12万人，城镇调查失业率控制在5.5%以内。"),
      R("12万人", 12, "万人", 120000, "count", "=", "increment", "就业"),
      R("5.5%", 5.5, "%", 5.5, "percent", "<=", "level", "失业率")),
    C("line-break-before-the-number-in-review", review("全年实现地区生产总值\n2350.6亿元，增长4.1%。"),
      R("2350.6亿元", 2350.6, "亿元", 2.3506e11, "CNY", "=", "level", "生产总值"),
      R("4.1%", 4.1, "%", 4.1, "percent", "=", "growth_rate", "生产总值")),
    C("line-break-after-verb-in-horizon", horizon("全市地区生产总值达到\n3000亿元，年均增长6%。"),
      R("3000亿元", 3000, "亿元", 3e11, "CNY", "=", "level", "生产总值"),
      R("6%", 6, "%", 6, "percent", "=", "growth_rate", "生产总值")),
    C("decimal-hectare-increment", plan("新增城市绿地面积180.5公顷。"),
      R("180.5公顷", 180.5, "公顷", 180.5, "hectare", "=", "increment", "绿地")),
    C("kilometre-total-length-level", horizon("城市绿道总长度达到5000公里。"),
      R("5000公里", 5000, "公里", 5000, "km", "=", "level", "绿道")),
    C("metres-to-kilometres", plan("新建地下综合管廊3500米。"),
      R("3500米", 3500, "米", 3.5, "km", "=", "increment", "管廊")),
    C("ten-thousand-metres-to-kilometres", plan("新建改造雨污管网1.2万米。"),
      R("1.2万米", 1.2, "万米", 12, "km", "=", "increment", "管网")),
    C("square-metres-to-hectares", plan("完成既有建筑节能改造120万平方米。"),
      R("120万平方米", 120, "万平方米", 120, "hectare", "=", "increment", "节能改造")),
    C("square-kilometres-to-hectares", horizon("城镇开发边界面积控制在500平方公里以内。"),
      R("500平方公里", 500, "平方公里", 50000, "hectare", "<=", "level", "开发边界")),
    C("mu-with-magnitude-to-hectares", plan("新建高标准农田3万亩。"),
      R("3万亩", 3, "万亩", 30000 * MU, "hectare", "=", "increment", "农田")),
    C("decimal-mu-to-hectares", plan("完成营造林面积4.5万亩。"),
      R("4.5万亩", 4.5, "万亩", 45000 * MU, "hectare", "=", "increment", "造林")),
    C("kilowatt-with-magnitude", horizon("光伏发电装机容量达到200万千瓦。"),
      R("200万千瓦", 200, "万千瓦", 2e6, "kW", "=", "level", "装机")),
    C("kilowatt-hour-with-yi", plan("全社会用电量达到1500亿千瓦时。"),
      R("1500亿千瓦时", 1500, "亿千瓦时", 1.5e11, "kWh", "=", "level", "用电量")),
    C("du-is-kilowatt-hour", review("全年发电量320亿度，增长5%。"),
      R("320亿度", 320, "亿度", 3.2e10, "kWh", "=", "level", "发电量"),
      R("5%", 5, "%", 5, "percent", "=", "growth_rate", "发电量")),
    C("cubic-metres-ceiling", horizon("全市用水总量控制在30亿立方米以内。"),
      R("30亿立方米", 30, "亿立方米", 3e9, "m3", "<=", "level", "用水")),
    C("container-teu-with-magnitude", horizon("港口集装箱吞吐量达到300万标箱。"),
      R("300万标箱", 300, "万标箱", 3e6, "TEU", "=", "level", "集装箱")),
    C("jin-to-tonnes", plan("粮食总产量稳定在50亿斤以上。"),
      R("50亿斤", 50, "亿斤", 2.5e6, "t", ">=", "level", "粮食")),
    C("us-dollars", plan("实际使用外资15亿美元。"),
      R("15亿美元", 15, "亿美元", 1.5e9, "USD", "=", "level", "外资")),
    C("wanyi-money-mixed-form", horizon("地区生产总值突破2.5万亿元。"),
      R("2.5万亿元", 2.5, "万亿元", 2.5e12, "CNY", ">", "level", "生产总值")),
    C("arabic-with-qian-magnitude", plan("新增公共停车泊位3千个。"),
      R("3千个", 3, "千个", 3000, "count", "=", "increment", "停车")),
    C("arabic-with-qianwan-magnitude", review("全年农产品网络零售额突破8千万元。"),
      R("8千万元", 8, "千万元", 8e7, "CNY", ">", "level", "零售")),
    C("yu-after-magnitude-households", plan("改造城镇老旧小区1.5万余户。"),
      R("1.5万余户", 1.5, "万户", 15000, "count", ">", "increment", "老旧小区")),
    C("duo-after-magnitude-people", review("新增城镇就业3万多人。"),
      R("3万多人", 3, "万人", 30000, "count", ">", "increment", "就业")),
    C("duo-after-plain-number", review("建成城市书房200多个。"),
      R("200多个", 200, "个", 200, "count", ">", "increment", "书房")),
    C("jin-nearly-before-number", review("全年新增市场主体近5万户。"),
      R("5万户", 5, "万户", 50000, "count", "~", "increment", "市场主体")),
    C("yue-about-before-number", review("全年实现旅游总收入约260亿元。"),
      R("260亿元", 260, "亿元", 2.6e10, "CNY", "~", "level", "旅游")),
    C("two-decimal-places-rate", review("城镇登记失业率为3.25%。"),
      R("3.25%", 3.25, "%", 3.25, "percent", "=", "level", "失业率")),
    # ---------------------------------------------------------------- numbers: Chinese numerals
    C("chinese-numeral-wan-wu-qian", plan("新增城镇就业一万五千人。"),
      R("一万五千人", 15000, "人", 15000, "count", "=", "increment", "就业")),
    C("chinese-numeral-liang-qian", plan("新建改建农村公路两千公里。"),
      R("两千公里", 2000, "公里", 2000, "km", "=", "increment", "公路")),
    C("chinese-numeral-sanshi", plan("新建公办幼儿园三十所。"),
      R("三十所", 30, "所", 30, "count", "=", "increment", "幼儿园")),
    C("chinese-numeral-shi-yu", plan("引进重大产业化项目十余个。"),
      R("十余个", 10, "个", 10, "count", ">", "increment", "项目")),
    C("chinese-percent-words", horizon("森林覆盖率达到百分之四十一。"),
      R("百分之四十一", 41, "%", 41, "percent", "=", "level", "森林")),
    C("chinese-percent-words-with-decimal", plan("城镇调查失业率控制在百分之五点五以内。"),
      R("百分之五点五", 5.5, "%", 5.5, "percent", "<=", "level", "失业率")),
    C("chinese-permille-words", plan("婴儿死亡率控制在千分之五以内。"),
      R("千分之五", 5, "‰", 5, "permille", "<=", "level", "婴儿")),
    C("chinese-numeral-with-wan-unit", plan("开展职业技能培训三万人次。"),
      R("三万人次", 3, "万人次", 30000, "count", "=", "increment", "培训")),
    C("chinese-numeral-liang-wan", plan("新增市场主体两万户。"),
      R("两万户", 2, "万户", 20000, "count", "=", "increment", "市场主体")),
    C("chinese-numeral-with-zero", plan("建设口袋公园一百零五个。"),
      R("一百零五个", 105, "个", 105, "count", "=", "increment", "公园")),
    C("chinese-numeral-shiwu", plan("新建社区食堂十五个。"),
      R("十五个", 15, "个", 15, "count", "=", "increment", "食堂")),
    C("chinese-numeral-qian-bai", plan("培训高素质农民一千二百人。"),
      R("一千二百人", 1200, "人", 1200, "count", "=", "increment", "农民")),
    C("chinese-numeral-jin-nearly", review("全年新增城镇就业近三万人。"),
      R("三万人", 3, "万人", 30000, "count", "~", "increment", "就业")),
    C("chinese-numeral-duo-before-magnitude", review("全年货物进出口总额两千多亿元。"),
      R("两千多亿元", 2000, "亿元", 2e11, "CNY", ">", "level", "进出口")),
    # ---------------------------------------------------------------- ranges
    C("range-with-percent-on-both-ends", plan("地区生产总值增长6%—7%。"),
      R("6%—7%", (6, 7), "%", (6, 7), "percent", "range", "growth_rate", "生产总值")),
    C("range-decimals-with-hyphen", plan("一般公共预算收入增长6.0%-7.0%。"),
      R("6.0%-7.0%", (6, 7), "%", (6, 7), "percent", "range", "growth_rate", "预算收入")),
    C("range-with-percent-once-at-end", plan("规模以上工业增加值增长5—6%。"),
      R("5—6%", (5, 6), "%", (5, 6), "percent", "range", "growth_rate", "工业")),
    C("range-with-en-dash", plan("居民人均可支配收入增长6.5%–7%。"),
      R("6.5%–7%", (6.5, 7), "%", (6.5, 7), "percent", "range", "growth_rate", "收入")),
    C("range-fullwidth", plan("地区生产总值增长６％－７％。"),
      R("６％－７％", (6, 7), "%", (6, 7), "percent", "range", "growth_rate", "生产总值")),
    C("range-with-wave-dash-ceiling", plan("居民消费价格涨幅控制在2%～3%。"),
      R("2%～3%", (2, 3), "%", (2, 3), "percent", "range", "growth_rate", "价格")),
    C("range-count-with-dash", plan("新建区域医疗中心2—3个。"),
      R("2—3个", (2, 3), "个", (2, 3), "count", "range", "increment", "医疗中心")),
    C("range-count-with-zhi", plan("新建城市商业综合体2至3个。"),
      R("2至3个", (2, 3), "个", (2, 3), "count", "range", "increment", "综合体")),
    C("range-schools-suo", plan("新建普通高中1—2所。"),
      R("1—2所", (1, 2), "所", (1, 2), "count", "range", "increment", "高中")),
    C("range-percent-with-zhi", horizon("研发经费投入年均增长10%至12%。"),
      R("10%至12%", (10, 12), "%", (10, 12), "percent", "range", "growth_rate", "研发")),
    C("range-magnitude-on-both-ends", plan("新增城镇就业3万—4万人。"),
      R("3万—4万人", (3, 4), "万人", (30000, 40000), "count", "range", "increment", "就业")),
    C("range-magnitude-once-money", horizon("地区生产总值达到1.8—2万亿元。"),
      R("1.8—2万亿元", (1.8, 2), "万亿元", (1.8e12, 2e12), "CNY", "range", "level", "生产总值")),
    C("range-magnitude-once-area", plan("新增造林面积1—1.5万亩。"),
      R("1—1.5万亩", (1, 1.5), "万亩", (10000 * MU, 15000 * MU), "hectare", "range", "increment", "造林")),
    C("range-chinese-numerals", plan("打造乡村振兴示范片区三至五个。"),
      R("三至五个", (3, 5), "个", (3, 5), "count", "range", "increment", "示范")),
    C("range-unit-on-both-ends", plan("新增城镇就业3万人—4万人。"),
      R("3万人—4万人", (3, 4), "万人", (30000, 40000), "count", "range", "increment", "就业")),
    # ---------------------------------------------------------------- several values in one clause
    C("paired-values-fenbie-two-units", horizon("全市新能源装机容量和发电量分别达到500万千瓦、120亿千瓦时。"),
      R("500万千瓦", 500, "万千瓦", 5e6, "kW", "=", "level", "装机"),
      R("120亿千瓦时", 120, "亿千瓦时", 1.2e10, "kWh", "=", "level", "发电")),
    C("shared-comparator-before-enumerated-rates", plan("失业保险、工伤保险参保率不低于90%、94%。"),
      R("90%", 90, "%", 90, "percent", ">=", "level", "失业保险"),
      R("94%", 94, "%", 94, "percent", ">=", "level", "工伤保险")),
    C("shared-qualifier-after-enumeration", plan("基本养老保险、基本医疗保险参保率分别稳定在95%、97%以上。"),
      R("95%", 95, "%", 95, "percent", ">=", "level", "养老"),
      R("97%", 97, "%", 97, "percent", ">=", "level", "医疗")),
    C("jun-growth-two-subjects", plan("城镇和农村居民人均可支配收入均增长6%以上。"),
      R("6%", 6, "%", 6, "percent", ">=", "growth_rate", "城镇"),
      R("6%", 6, "%", 6, "percent", ">=", "growth_rate", "农村")),
    C("jun-growth-three-subjects", plan("规模以上工业增加值、固定资产投资、社会消费品零售总额均增长7%。"),
      R("7%", 7, "%", 7, "percent", "=", "growth_rate", "工业"),
      R("7%", 7, "%", 7, "percent", "=", "growth_rate", "投资"),
      R("7%", 7, "%", 7, "percent", "=", "growth_rate", "零售")),
    C("fenbie-growth-rates-in-review", review("一般公共预算收入、税收收入分别增长8.2%、6.5%。"),
      R("8.2%", 8.2, "%", 8.2, "percent", "=", "growth_rate", "预算"),
      R("6.5%", 6.5, "%", 6.5, "percent", "=", "growth_rate", "税收")),
    C("fenbie-counts-shared-verb", plan("新增公办幼儿园学位、义务教育学位分别为3000个、8000个。"),
      R("3000个", 3000, "个", 3000, "count", "=", "increment", "幼儿园"),
      R("8000个", 8000, "个", 8000, "count", "=", "increment", "义务教育")),
    C("fenbie-joined-by-he", plan("城镇居民和农村居民人均可支配收入分别增长5.5%和7%。"),
      R("5.5%", 5.5, "%", 5.5, "percent", "=", "growth_rate", "城镇"),
      R("7%", 7, "%", 7, "percent", "=", "growth_rate", "农村")),
    C("fenbie-people-counts", plan("新增城镇就业和农村劳动力转移就业分别达到6万人、3万人。"),
      R("6万人", 6, "万人", 60000, "count", "=", "increment", "城镇"),
      R("3万人", 3, "万人", 30000, "count", "=", "increment", "转移")),
    C("fenbie-subjects-named-with-digits", plan("PM2.5和PM10年均浓度分别下降5%、4%。"),
      R("5%", 5, "%", 5, "percent", "=", "growth_rate", "PM2.5"),
      R("4%", 4, "%", 4, "percent", "=", "growth_rate", "PM10")),
    C("independent-clauses-in-review",
      review("全年地区生产总值增长5.2%，一般公共预算收入达到360亿元，城镇新增就业8.5万人。"),
      R("5.2%", 5.2, "%", 5.2, "percent", "=", "growth_rate", "生产总值"),
      R("360亿元", 360, "亿元", 3.6e10, "CNY", "=", "level", "预算收入"),
      R("8.5万人", 8.5, "万人", 85000, "count", "=", "increment", "就业")),
    C("level-and-growth-of-one-subject", horizon("地区生产总值达到3500亿元，年均增长6.5%左右。"),
      R("3500亿元", 3500, "亿元", 3.5e11, "CNY", "=", "level", "生产总值"),
      R("6.5%", 6.5, "%", 6.5, "percent", "~", "growth_rate", "生产总值")),
    C("two-increments-one-sentence", plan("新建、改扩建中小学12所，新增学位1.5万个。"),
      R("12所", 12, "所", 12, "count", "=", "increment", "中小学"),
      R("1.5万个", 1.5, "万个", 15000, "count", "=", "increment", "学位")),
    # ---------------------------------------------------------------- comparators
    C("budiyu-before-number", plan("粮食播种面积不低于120万亩。"),
      R("120万亩", 120, "万亩", 1.2e6 * MU, "hectare", ">=", "level", "播种")),
    C("bushaoyu-before-number", plan("新增城镇就业不少于5万人。"),
      R("5万人", 5, "万人", 50000, "count", ">=", "increment", "就业")),
    C("zhishao-before-number", plan("新增上市企业至少3家。"),
      R("3家", 3, "家", 3, "count", ">=", "increment", "上市")),
    C("yishang-after-unit", horizon("国家高新技术企业数量达到3000家以上。"),
      R("3000家", 3000, "家", 3000, "count", ">=", "level", "高新技术企业")),
    C("yishang-after-magnitude-unit", plan("新增城镇就业5万人以上。"),
      R("5万人", 5, "万人", 50000, "count", ">=", "increment", "就业")),
    C("lizheng-keeps-yishang", plan("力争新增境内外上市企业5家以上。"),
      R("5家", 5, "家", 5, "count", ">=", "increment", "上市")),
    C("quebao-keeps-yishang", plan("确保粮食产量稳定在30万吨以上。"),
      R("30万吨", 30, "万吨", 3e5, "t", ">=", "level", "粮食")),
    C("buxiaoyu-before-number", plan("人均公园绿地面积不小于15平方米。"),
      R("15平方米", 15, "平方米", 15, "square_meter", ">=", "level", "绿地")),
    C("chaoguo-before-number", plan("外贸进出口总额超过1000亿元。"),
      R("1000亿元", 1000, "亿元", 1e11, "CNY", ">", "level", "进出口")),
    C("chaoguo-between-verb-and-number", plan("数字经济核心产业增加值增长超过10%。"),
      R("10%", 10, "%", 10, "percent", ">", "growth_rate", "数字经济")),
    C("tupo-before-number", horizon("数字经济核心产业增加值突破3000亿元。"),
      R("3000亿元", 3000, "亿元", 3e11, "CNY", ">", "level", "数字经济")),
    C("tupo-people", horizon("常住人口突破1000万人。"),
      R("1000万人", 1000, "万人", 1e7, "count", ">", "level", "人口")),
    C("gaoyu-before-rate", plan("高技术制造业增加值增速高于10%。"),
      R("10%", 10, "%", 10, "percent", ">", "growth_rate", "高技术制造业")),
    C("yu-inside-the-quote", plan("实施市级重点项目300余个。"),
      R("300余个", 300, "个", 300, "count", ">", "increment", "项目")),
    C("implicit-one-after-tupo", horizon("地区生产总值突破万亿元。"),
      R(("万亿元", "突破万亿元"), 1, "万亿元", 1e12, "CNY", ">", "level", "生产总值")),
    C("lizheng-keeps-chaoguo", horizon("力争社会消费品零售总额超过5000亿元。"),
      R("5000亿元", 5000, "亿元", 5e11, "CNY", ">", "level", "零售")),
    C("chaoguo-in-review", review("全年粮食产量超过40万吨。"),
      R("40万吨", 40, "万吨", 4e5, "t", ">", "level", "粮食", kind="actual")),
    C("yinei-after-percent", plan("城镇调查失业率控制在5.5%以内。"),
      R("5.5%", 5.5, "%", 5.5, "percent", "<=", "level", "失业率")),
    C("quebao-keeps-yinei", plan("确保城镇调查失业率控制在5.5%以内。"),
      R("5.5%", 5.5, "%", 5.5, "percent", "<=", "level", "失业率")),
    C("buchaoguo-before-rate", plan("居民消费价格涨幅不超过3%。"),
      R("3%", 3, "%", 3, "percent", "<=", "growth_rate", "价格")),
    C("bugaoyu-before-concentration", horizon("细颗粒物年均浓度不高于30微克/立方米。"),
      R("30微克/立方米", 30, "微克/立方米", 30, "ug/m3", "<=", "level", "浓度")),
    C("yixia-after-percent", plan("城镇登记失业率控制在4%以下。"),
      R("4%", 4, "%", 4, "percent", "<=", "level", "失业率")),
    C("yinei-on-a-ratio", horizon("城乡居民收入比缩小到2.2∶1以内。"),
      R("2.2∶1", 2.2, ANY, 2.2, "ratio", "<=", "ratio", "收入比")),
    C("diyu-before-permille", horizon("新生儿死亡率低于2‰。"),
      R("2‰", 2, "‰", 2, "permille", "<", "level", "新生儿")),
    C("xiaoyu-before-concentration", horizon("PM2.5平均浓度小于35微克/立方米。"),
      R("35微克/立方米", 35, "微克/立方米", 35, "ug/m3", "<", "level", "浓度")),
    C("zuoyou-after-percent", plan("地区生产总值增长5.5%左右。"),
      R("5.5%", 5.5, "%", 5.5, "percent", "~", "growth_rate", "生产总值")),
    C("kongzhizai-with-zuoyou", plan("居民消费价格涨幅控制在3%左右。"),
      R("3%", 3, "%", 3, "percent", "~", "growth_rate", "价格")),
    C("yue-before-money", plan("全社会固定资产投资约800亿元。"),
      R("800亿元", 800, "亿元", 8e10, "CNY", "~", "level", "投资")),
    C("lizheng-keeps-zuoyou", plan("力争地区生产总值增长6%左右。"),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值")),
    C("plain-dadao-is-equal", horizon("常住人口城镇化率达到72%。"),
      R("72%", 72, "%", 72, "percent", "=", "level", "城镇化率")),
    C("plain-xinzeng-is-equal", plan("新增城市绿地300公顷。"),
      R("300公顷", 300, "公顷", 300, "hectare", "=", "increment", "绿地")),
    # ---------------------------------------------------------------- metrics
    C("nianjun-zengzhang-growth", horizon("地区生产总值年均增长6%以上。"),
      R("6%", 6, "%", 6, "percent", ">=", "growth_rate", "生产总值")),
    C("decline-keeps-positive-number", plan("单位地区生产总值能耗下降3%。"),
      R("3%", 3, "%", 3, "percent", "=", "growth_rate", "能耗")),
    C("jianshao-decline-in-review", review("全年生产安全事故死亡人数减少19.8%。"),
      R("19.8%", 19.8, "%", 19.8, "percent", "=", "growth_rate", "事故")),
    C("jiangdi-decline-with-chinese-digit-in-word", horizon("单位地区生产总值二氧化碳排放降低18%。"),
      R("18%", 18, "%", 18, "percent", "=", "growth_rate", "碳")),
    C("decline-to-a-level", horizon("细颗粒物平均浓度下降至30微克/立方米。"),
      R("30微克/立方米", 30, "微克/立方米", 30, "ug/m3", "=", "level", "浓度")),
    C("percentage-points-increase", horizon("研发经费投入强度提高0.5个百分点。"),
      R("0.5个百分点", 0.5, "个百分点", 0.5, "percentage_point", "=", "increment", "研发")),
    C("percentage-points-decrease", plan("城镇调查失业率下降0.3个百分点。"),
      R("0.3个百分点", 0.3, "个百分点", 0.3, "percentage_point", "=", "increment", "失业率")),
    C("percentage-points-then-level-in-review", review("常住人口城镇化率提高1.2个百分点，达到70.5%。"),
      R("1.2个百分点", 1.2, "个百分点", 1.2, "percentage_point", "=", "increment", "城镇化"),
      R("70.5%", 70.5, "%", 70.5, "percent", "=", "level", "城镇化")),
    C("share-change-in-percentage-points", horizon("研发经费投入占地区生产总值比重提高0.5个百分点。"),
      R("0.5个百分点", 0.5, "个百分点", 0.5, "percentage_point", "=", "increment", "研发")),
    C("tigao-dao-is-a-level", horizon("常住人口城镇化率提高到75%。"),
      R("75%", 75, "%", 75, "percent", "=", "level", "城镇化")),
    C("total-mileage-is-a-level", horizon("城市轨道交通运营总里程达到600公里。"),
      R("600公里", 600, "公里", 600, "km", "=", "level", "里程")),
    C("stock-baoyouliang-is-a-level", horizon("新能源汽车保有量达到50万辆。"),
      R("50万辆", 50, "万辆", 5e5, "count", "=", "level", "新能源汽车")),
    C("total-count-is-a-level", horizon("高新技术企业总数达到1200家。"),
      R("1200家", 1200, "家", 1200, "count", "=", "level", "高新技术企业")),
    C("xinzeng-with-dadao-stays-increment", plan("新增高新技术企业达到200家。"),
      R("200家", 200, "家", 200, "count", "=", "increment", "高新技术企业")),
    C("xinjian-increment-with-5g-name", plan("新建5G基站3000个。"),
      R("3000个", 3000, "个", 3000, "count", "=", "increment", "基站")),
    C("chouji-housing-with-bracketed-unit", plan("筹集保障性租赁住房2万套(间)。"),
      R("2万套(间)", 2, "万套(间)", 20000, "count", "=", "increment", "保障性租赁住房")),
    C("wancheng-gaizao-increment", plan("完成城镇老旧小区改造200个。"),
      R("200个", 200, "个", 200, "count", "=", "increment", "老旧小区")),
    C("leiji-cumulative-increment", horizon("累计新增城镇就业30万人以上。"),
      R("30万人", 30, "万人", 3e5, "count", ">=", "increment", "就业")),
    C("zengjia-by-amount-increment", plan("城市公共停车泊位增加2万个。"),
      R("2万个", 2, "万个", 20000, "count", "=", "increment", "停车")),
    C("dazao-things-to-build", plan("打造夜间经济示范街区8条。"),
      R("8条", 8, "条", 8, "count", "=", "increment", "街区")),
    C("kaizhan-events-count", plan("开展全民健身赛事活动500场以上。"),
      R("500场", 500, "场", 500, "count", ">=", "increment", "赛事")),
    C("share-zhan-bizhong", horizon("数字经济核心产业增加值占地区生产总值比重达到12%。"),
      R("12%", 12, "%", 12, "percent", "=", "share", "数字经济")),
    C("share-zhanbi", plan("新能源汽车销量占比达到40%。"),
      R("40%", 40, "%", 40, "percent", "=", "share", "新能源汽车")),
    C("share-bizhong-tigao-dao", horizon("高新技术产业营业收入占规模以上工业营业收入比重提高到45%。"),
      R("45%", 45, "%", 45, "percent", "=", "share", "高新技术")),
    C("share-zhan-bili", horizon("绿色建筑占新建建筑比例达到100%。"),
      R("100%", 100, "%", 100, "percent", "=", "share", "绿色建筑")),
    C("ratio-fullwidth-colon", horizon("城乡居民收入比缩小到2.3∶1。"),
      R("2.3∶1", 2.3, ANY, 2.3, "ratio", "=", "ratio", "收入比")),
    C("ratio-ascii-colon-in-review", review("城乡居民收入比为2.5:1。"),
      R("2.5:1", 2.5, ANY, 2.5, "ratio", "=", "ratio", "收入比")),
    C("price-index-bare-number", plan("居民消费价格指数控制在103左右。"),
      R("103", 103, "", 103, "index", "~", "index", "价格")),
    C("cpi-rise-is-a-growth-rate", plan("CPI涨幅控制在3%左右。"),
      R("3%", 3, "%", 3, "percent", "~", "growth_rate")),
    C("standard-meitian-hours", plan("中小学生每天校内体育活动时间不低于1小时。"),
      R("1小时", 1, "小时", 1, "hour", ">=", "standard", "体育")),
    C("standard-mei-bushaoyu-per-unit", plan("每个社区卫生服务中心全科医生不少于3名。"),
      R("3名", 3, "名", 3, "count", ">=", "standard", "全科医生")),
    C("standard-zhishao-per-street", plan("每个街道至少建成1个综合养老服务中心。"),
      R("1个", 1, "个", 1, "count", ">=", "standard", "养老")),
    C("per-ten-thousand-people-rate", horizon("每万人口高价值发明专利拥有量达到20件。"),
      R("20件", 20, "件", 20, "count", "=", "level", "专利")),
    C("per-thousand-people-beds", horizon("每千人口医疗卫生机构床位数达到7.5张。"),
      R("7.5张", 7.5, "张", 7.5, "count", "=", "level", "床位")),
    C("per-capita-area-stays-square-metres", horizon("人均公园绿地面积达到15平方米。"),
      R("15平方米", 15, "平方米", 15, "square_meter", "=", "level", "公园绿地")),
    C("per-capita-sports-area", horizon("人均体育场地面积达到2.8平方米。"),
      R("2.8平方米", 2.8, "平方米", 2.8, "square_meter", "=", "level", "体育场地")),
    C("non-per-capita-area-is-hectares", plan("新建公园绿地50万平方米。"),
      R("50万平方米", 50, "万平方米", 50, "hectare", "=", "increment", "绿地")),
    C("per-day-capacity-with-magnitude", plan("新增污水处理能力21万吨/日。"),
      R("21万吨/日", 21, "万吨/日", 210000, "t/day", "=", "increment", "污水")),
    C("per-day-capacity-with-tian", plan("新增生活垃圾焚烧处理能力1500吨/天。"),
      R("1500吨/天", 1500, "吨/天", 1500, "t/day", "=", "increment", "垃圾")),
    C("days-level", plan("空气质量优良天数达到300天以上。"),
      R("300天", 300, "天", 300, "day", ">=", "level", "优良天数")),
    C("permille-ceiling", horizon("婴儿死亡率控制在4‰以内。"),
      R("4‰", 4, "‰", 4, "permille", "<=", "level", "婴儿")),
    C("concentration-level-in-review", review("细颗粒物平均浓度为32微克/立方米。"),
      R("32微克/立方米", 32, "微克/立方米", 32, "ug/m3", "=", "level", "浓度")),
    # ---------------------------------------------------------------- kind and year
    C("review-heading-year-work-review",
      doc("一、2022年工作回顾\n全市地区生产总值增长4.5%，城镇新增就业6.2万人。", WORK_2023, "actual", 2022),
      R("4.5%", 4.5, "%", 4.5, "percent", "=", "growth_rate", "生产总值"),
      R("6.2万人", 6.2, "万人", 62000, "count", "=", "increment", "就业")),
    C("review-yinianlai-opening", doc("一年来，全市新建5G基站4000个，森林覆盖率达到41.2%。", WORK_2023, "actual", 2022),
      R("4000个", 4000, "个", 4000, "count", "=", "increment", "基站"),
      R("41.2%", 41.2, "%", 41.2, "percent", "=", "level", "森林")),
    C("review-quannian-after-heading",
      doc("一、2022年工作回顾\n一年来，全市经济运行稳中有进。全年地区生产总值达到2100亿元，增长4%。",
          WORK_2023, "actual", 2022),
      R("2100亿元", 2100, "亿元", 2.1e11, "CNY", "=", "level", "生产总值"),
      R("4%", 4, "%", 4, "percent", "=", "growth_rate", "生产总值")),
    C("past-year-opening-in-work-report",
      doc("2022年，全市粮食总产量达到30.5万吨，增长2.1%。", WORK_2023, "actual", 2022),
      R("30.5万吨", 30.5, "万吨", 305000, "t", "=", "level", "粮食"),
      R("2.1%", 2.1, "%", 2.1, "percent", "=", "growth_rate", "粮食")),
    C("five-year-review-gives-baselines", fyp_review("全市地区生产总值年均增长7.2%，森林覆盖率达到40%。"),
      R("7.2%", 7.2, "%", 7.2, "percent", "=", "growth_rate", "生产总值"),
      R("40%", 40, "%", 40, "percent", "=", "level", "森林")),
    C("five-year-review-since", doc("“十三五”以来，全市城市绿道总里程达到1200公里。", FYP_2025, "baseline", 2020),
      R("1200公里", 1200, "公里", 1200, "km", "=", "level", "绿道")),
    C("past-five-years-in-five-year-plan", doc("过去五年，全市城镇新增就业累计65万人。", FYP_2025, "baseline", 2020),
      R("65万人", 65, "万人", 650000, "count", "=", "increment", "就业")),
    C("plan-heading-year-main-targets",
      doc("二、2023年主要目标任务\n全市地区生产总值增长6%左右，城镇新增就业7万人。", WORK_2023, "target", 2023),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值"),
      R("7万人", 7, "万人", 70000, "count", "=", "increment", "就业")),
    C("review-then-plan-in-one-report",
      doc("过去一年，全市地区生产总值增长3%。\n今年主要预期目标是：地区生产总值增长6%左右。", WORK_2023),
      R("3%", 3, "%", 3, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2022),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值", kind="target", year=2023)),
    C("jinnian-takes-the-documents-year",
      doc("今年主要预期目标是：地区生产总值增长5%左右。", DocumentInfo(plan_year=2024, target_years=(2024,)),
          "target", 2024),
      R("5%", 5, "%", 5, "percent", "~", "growth_rate", "生产总值")),
    C("dao-year-in-sentence-overrides-plan-horizon",
      doc("二、主要目标\n到2027年，城市轨道交通运营里程达到800公里。",
          DocumentInfo(plan_year=2023, target_years=(2025,)),
          "target", 2027),
      R("800公里", 800, "公里", 800, "km", "=", "level", "里程")),
    C("lizheng-dao-year-in-work-report",
      doc("力争到2025年，全市国家高新技术企业达到5000家。", WORK_2023, "target", 2025),
      R("5000家", 5000, "家", 5000, "count", "=", "level", "高新技术企业")),
    C("two-horizons-in-one-sentence",
      doc("到2025年，森林覆盖率达到42%；到2035年，达到45%。", DocumentInfo(plan_year=2021, target_years=(2025,))),
      R("42%", 42, "%", 42, "percent", "=", "level", "森林", kind="target", year=2025),
      R("45%", 45, "%", 45, "percent", "=", "level", "森林", kind="target", year=2035)),
    C("from-current-x-to-target-y", horizon("全市公共充电桩从目前的1.2万个增加到5万个。"),
      R("1.2万个", 1.2, "万个", 12000, "count", "=", "level", "充电", kind="baseline", year=ANY),
      R("5万个", 5, "万个", 50000, "count", "=", "level", "充电")),
    C("from-year-x-to-year-y", doc("全市5G基站数量由2022年的1.5万个增加到2027年的4万个。", ACTION_2027),
      R("1.5万个", 1.5, "万个", 15000, "count", "=", "level", "基站", kind="baseline", year=2022),
      R("4万个", 4, "万个", 40000, "count", "=", "level", "基站", kind="target", year=2027)),
    C("from-current-x-to-target-y-length", plan("城市轨道交通运营里程由目前的500公里扩大到600公里。"),
      R("500公里", 500, "公里", 500, "km", "=", "level", "里程", kind="baseline", year=ANY),
      R("600公里", 600, "公里", 600, "km", "=", "level", "里程")),
    C("past-year-baseline-in-brackets", horizon("常住人口城镇化率提高到75%（2022年为70.5%）。"),
      R("75%", 75, "%", 75, "percent", "=", "level", "城镇化"),
      R("70.5%", 70.5, "%", 70.5, "percent", "=", "level", "城镇化", kind="baseline", year=2022)),
    C("jiezhi-year-end-baseline-in-action-plan",
      doc("一、发展基础\n截至2022年底，全市累计建成5G基站2.1万个，千兆光网覆盖家庭150万户。\n二、主要目标\n到2027年，5G基站达到5万个。",
          ACTION_2027),
      R("2.1万个", 2.1, "万个", 21000, "count", "=", "level", "基站", kind="baseline", year=2022),
      R("150万户", 150, "万户", 1.5e6, "count", "=", "level", "千兆", kind="baseline", year=2022),
      R("5万个", 5, "万个", 50000, "count", "=", "level", "基站", kind="target", year=2027)),
    C("title-horizon-without-manifest",
      doc("某市推进新型城镇化三年行动方案（2023—2025年）\n到2025年，常住人口城镇化率达到70%。", None, "target", 2025),
      R("70%", 70, "%", 70, "percent", "=", "level", "城镇化")),
    C("five-year-plan-title-without-manifest",
      doc("某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n“十三五”时期，全市地区生产总值年均增长7%。\n"
          "到2025年，全市地区生产总值年均增长6%左右。"),
      R("7%", 7, "%", 7, "percent", "=", "growth_rate", "生产总值", kind="baseline", year=2020),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值", kind="target", year=2025)),
    C("work-report-title-without-manifest",
      doc("2023年某市政府工作报告\n过去一年，全市地区生产总值增长4%。\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。"),
      R("4%", 4, "%", 4, "percent", "=", "growth_rate", "生产总值", kind="actual", year=2022),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值", kind="target", year=2023)),
    C("livelihood-list-numbered-items",
      doc("2023年市级民生实事项目\n1.新建公办幼儿园5所，新增学位2700个。\n2.改造城镇老旧小区60个。",
          WORK_2023, "target", 2023),
      R("5所", 5, "所", 5, "count", "=", "increment", "幼儿园"),
      R("2700个", 2700, "个", 2700, "count", "=", "increment", "学位"),
      R("60个", 60, "个", 60, "count", "=", "increment", "老旧小区")),
    C("livelihood-list-bracketed-item-number",
      doc("2023年十件民生实事\n（12）新增托育服务机构托位1000个。", WORK_2023, "target", 2023),
      R("1000个", 1000, "个", 1000, "count", "=", "increment", "托位")),
    # ---------------------------------------------------------------- not quantities
    C("date-before-target-is-not-a-row", doc("2023年6月30日前，完成全市100个老旧小区改造。", WORK_2023, "target", 2023),
      R("100个", 100, "个", 100, "count", "=", "increment", "老旧小区")),
    C("month-deadline-is-not-a-row", plan("12月底前完成30个老旧小区改造。"),
      R("30个", 30, "个", 30, "count", "=", "increment", "老旧小区")),
    C("deadlines-and-subject-across-semicolon", plan("6月底前完成200个老旧小区改造；年底前再完成300个。"),
      R("200个", 200, "个", 200, "count", "=", "increment", "老旧小区"),
      R("300个", 300, "个", 300, "count", "=", "increment", "老旧小区")),
    C("edition-arabic-is-not-a-row", plan("办好第12届全国少数民族传统体育运动会，新建改造体育场馆12个。"),
      R("12个", 12, "个", 12, "count", "=", "increment", "场馆")),
    C("edition-chinese-is-not-a-row", plan("举办第五届数字经济博览会，新建会展场馆3个。"),
      R("3个", 3, "个", 3, "count", "=", "increment", "场馆")),
    C("metro-line-name-is-not-a-row", plan("加快推进地铁10号线建设，新增公共停车泊位5000个。"),
      R("5000个", 5000, "个", 5000, "count", "=", "increment", "停车")),
    C("numbered-policy-name-is-not-a-row", plan("落实“1+6”人才政策，引进高层次人才200名。"),
      R("200名", 200, "名", 200, "count", "=", "increment", "人才")),
    C("ten-projects-name-is-not-a-row", plan("实施十大工程，推进市级重点项目150个。"),
      R("150个", 150, "个", 150, "count", "=", "increment", "项目")),
    C("grade-5a-is-not-a-row", plan("创建国家5A级旅游景区1个。"),
      R("1个", 1, "个", 1, "count", "=", "increment", "景区")),
    C("three-year-action-name-is-not-a-row", plan("实施城市更新三年行动，改造棚户区3000户。"),
      R("3000户", 3000, "户", 3000, "count", "=", "increment", "棚户区")),
    C("threshold-qualifies-set", plan("新开工亿元以上项目500个。"),
      R("500个", 500, "个", 500, "count", "=", "increment", "项目")),
    C("threshold-with-number-qualifies-set", plan("引进10亿元以上重大产业项目20个。"),
      R("20个", 20, "个", 20, "count", "=", "increment", "项目")),
    C("age-qualifies-group", plan("为60岁以上独居老人安装智能监测设备6000户。"),
      R("6000户", 6000, "户", 6000, "count", "=", "increment", "老人")),
    C("age-below-qualifies-group", plan("新增3岁以下婴幼儿托位2000个。"),
      R("2000个", 2000, "个", 2000, "count", "=", "increment", "托位")),
    C("section-numbers-are-not-rows",
      doc("第三章 主要任务\n（二）提升公共服务水平\n7.新建社区养老服务综合体20个。", WORK_2023, "target", 2023),
      R("20个", 20, "个", 20, "count", "=", "increment", "养老")),
    C("hotline-number-is-not-a-row", plan("12345政务服务便民热线诉求办结率达到95%。"),
      R("95%", 95, "%", 95, "percent", "=", "level", "办结率")),
    C("phone-number-line-is-not-a-row",
      doc("今年主要预期目标是：新增城镇就业5万人。\n咨询电话：028-86123456", WORK_2023, "target", 2023),
      R("5万人", 5, "万人", 50000, "count", "=", "increment", "就业")),
    C("forum-chrome-is-not-a-row",
      doc("查看: 1325|回复: 0\n今年主要预期目标是：新增城镇就业5万人。", WORK_2023, "target", 2023),
      R("5万人", 5, "万人", 50000, "count", "=", "increment", "就业")),
    C("newspaper-masthead-is-not-a-row",
      doc("上接04版\n今年主要预期目标是：新增城镇就业5万人。", WORK_2023, "target", 2023),
      R("5万人", 5, "万人", 50000, "count", "=", "increment", "就业")),
    C("page-counter-line-is-not-a-row",
      doc("今年主要预期目标是：新增城镇就业5万人。\n第2页 共5页", WORK_2023, "target", 2023),
      R("5万人", 5, "万人", 50000, "count", "=", "increment", "就业")),
    C("publication-metadata-line-is-not-a-row",
      doc("发布时间：2023-02-10 09:30  来源：市政府办公室  浏览次数：3562\n今年主要预期目标是：新增城镇就业5万人。",
          WORK_2023, "target", 2023),
      R("5万人", 5, "万人", 50000, "count", "=", "increment", "就业")),
    C("document-number-is-not-a-row",
      doc("某府发〔2023〕5号\n今年主要预期目标是：新增城镇就业5万人。", WORK_2023, "target", 2023),
      R("5万人", 5, "万人", 50000, "count", "=", "increment", "就业")),
    C("voltage-class-in-project-name", plan("建成500千伏输变电工程2项。"),
      R("2项", 2, "项", 2, "count", "=", "increment", "输变电")),
    C("quoted-chinese-numeral-name", plan("新增“四上”企业100家。"),
      R("100家", 100, "家", 100, "count", "=", "increment", "企业")),
    C("duration-in-a-facility-name", plan("建设24小时城市书房10个。"),
      R("10个", 10, "个", 10, "count", "=", "increment", "书房")),
    C("minutes-in-a-concept-name", plan("建成15分钟便民生活圈50个。"),
      R("50个", 50, "个", 50, "count", "=", "increment", "生活圈")),
    C("minutes-ceiling-is-a-row", plan("中心城区通勤时间控制在45分钟以内。"),
      R("45分钟", 45, "分钟", 0.75, "hour", "<=", "standard", "通勤")),
    C("road-code-is-not-a-row", plan("推进G318线改造，新改建农村公路120公里。"),
      R("120公里", 120, "公里", 120, "km", "=", "increment", "公路")),
    C("gigabit-word-is-not-a-number", plan("建设千兆光网城市，新增千兆宽带用户10万户。"),
      R("10万户", 10, "万户", 1e5, "count", "=", "increment", "宽带")),
    C("hundred-strong-word-is-not-a-number", plan("推进全国百强县建设，新增规模以上工业企业50家。"),
      R("50家", 50, "家", 50, "count", "=", "increment", "企业")),
    C("hospital-grade-is-not-a-row", plan("新建三级甲等医院2家。"),
      R("2家", 2, "家", 2, "count", "=", "increment", "医院")),
    C("qualitative-target-has-no-row", plan("居民收入增长与经济增长基本同步。")),
    C("digit-words-in-slogans-have-no-row", plan("推进双城经济圈建设，打造一批示范项目，建设一体化发展先行区。")),
    # ---------------------------------------------------------------- counted lists
    C("counted-list-of-metro-sections", horizon("开通运营轨道交通8号线二期、11号线一期、19号线三期。"),
      R("8号线二期、11号线一期、19号线三期", 3, "条", 3, "count", "=", "increment", "轨道交通", derived=True)),
    C("counted-list-four-lines-jiancheng-tongche", plan("建成通车地铁5号线、6号线一期、9号线二期、S3线。"),
      R("5号线、6号线一期、9号线二期、S3线", 4, "条", 4, "count", "=", "increment", derived=True)),
    C("single-line-to-open-is-no-count", plan("开通运营地铁6号线一期。")),
    C("counted-list-then-mileage", horizon("开通运营轨道交通3号线二期、7号线延伸线，轨道交通运营里程达到600公里。"),
      R("3号线二期、7号线延伸线", 2, "条", 2, "count", "=", "increment", derived=True),
      R("600公里", 600, "公里", 600, "km", "=", "level", "里程")),
    # ---------------------------------------------------------------- traditional script
    C("traditional-cumulative-employment", horizon("城鎮新增就業累計300萬人以上。"),
      R("300萬人", 300, "万人", 3e6, "count", ">=", "increment", "就业")),
    C("traditional-mu-with-magnitude", plan("新建高標準農田5.2萬畝。"),
      R("5.2萬畝", 5.2, "万亩", 52000 * MU, "hectare", "=", "increment", "农田")),
    C("traditional-review-money-and-growth", review("全年地區生產總值達到1,850億元，增長4.2%。"),
      R("1,850億元", 1850, "亿元", 1.85e11, "CNY", "=", "level", "生产总值"),
      R("4.2%", 4.2, "%", 4.2, "percent", "=", "growth_rate", "生产总值")),
    C("traditional-range", plan("地區生產總值增長5%—6%。"),
      R("5%—6%", (5, 6), "%", (5, 6), "percent", "range", "growth_rate", "生产总值")),
    C("traditional-yu-households", plan("改造老舊小區1.2萬餘戶。"),
      R("1.2萬餘戶", 1.2, "万户", 12000, "count", ">", "increment", "老旧小区")),
    C("traditional-review-heading",
      doc("一、2022年工作回顧\n全市城鎮新增就業5.8萬人，城鎮調查失業率控制在5.5%以內。", WORK_2023, "actual", 2022),
      R("5.8萬人", 5.8, "万人", 58000, "count", "=", "increment", "就业"),
      R("5.5%", 5.5, "%", 5.5, "percent", "<=", "level", "失业率")),
    C("traditional-kilowatt", horizon("新能源裝機容量達到300萬千瓦。"),
      R("300萬千瓦", 300, "万千瓦", 3e6, "kW", "=", "level", "装机")),
    C("traditional-metro-line-name-is-not-a-row", plan("加快軌道交通10號線建設，新增停車泊位3000個。"),
      R("3000個", 3000, "个", 3000, "count", "=", "increment", "停车")),
    C("traditional-paired-values", horizon("新能源裝機容量和發電量分別達到500萬千瓦、120億千瓦時。"),
      R("500萬千瓦", 500, "万千瓦", 5e6, "kW", "=", "level", "装机"),
      R("120億千瓦時", 120, "亿千瓦时", 1.2e10, "kWh", "=", "level", "发电")),
    C("traditional-percentage-points", horizon("研發經費投入強度提高0.8個百分點。"),
      R("0.8個百分點", 0.8, "个百分点", 0.8, "percentage_point", "=", "increment", "研发")),
    C("traditional-jin-nearly", review("全年新增市場主體近4萬戶。"),
      R("4萬戶", 4, "万户", 40000, "count", "~", "increment", "市场主体")),
    C("traditional-counted-list", horizon("開通運營軌道交通8號線二期、11號線一期。"),
      R("8號線二期、11號線一期", 2, "条", 2, "count", "=", "increment", derived=True)),
    C("traditional-per-capita-area", horizon("人均公園綠地面積達到15平方米。"),
      R("15平方米", 15, "平方米", 15, "square_meter", "=", "level", "绿地")),
    C("traditional-permille-ceiling", plan("嬰兒死亡率控制在3‰以內。"),
      R("3‰", 3, "‰", 3, "permille", "<=", "level", "婴儿")),
    C("traditional-us-dollars", plan("實際使用外資12億美元。"),
      R("12億美元", 12, "亿美元", 1.2e9, "USD", "=", "level", "外资")),
    C("traditional-jun-two-subjects", plan("城鎮和農村居民人均可支配收入均增長6%以上。"),
      R("6%", 6, "%", 6, "percent", ">=", "growth_rate", "城镇"),
      R("6%", 6, "%", 6, "percent", ">=", "growth_rate", "农村")),
    C("traditional-shared-comparator-rates", plan("失業保險、工傷保險參保率不低於90%、94%。"),
      R("90%", 90, "%", 90, "percent", ">=", "level", "失业"),
      R("94%", 94, "%", 94, "percent", ">=", "level", "工伤")),
    C("traditional-tupo-wanyi", horizon("地區生產總值突破1萬億元。"),
      R("1萬億元", 1, "万亿元", 1e12, "CNY", ">", "level", "生产总值")),
    C("traditional-threshold-qualifies-set", plan("新開工億元以上項目300個。"),
      R("300個", 300, "个", 300, "count", "=", "increment", "项目")),
    C("traditional-housing-bracketed-unit", plan("籌集保障性租賃住房1萬套(間)。"),
      R("1萬套(間)", 1, "万套(间)", 10000, "count", "=", "increment", "保障性租赁住房")),
    # ---------------------------------------------------------------- more phrasings of plans and reports
    C("bi-shangnian-growth", plan("地区生产总值比上年增长6%左右。"),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值")),
    C("tongbi-growth-in-review", review("全年规模以上工业增加值同比增长5.6%。"),
      R("5.6%", 5.6, "%", 5.6, "percent", "=", "growth_rate", "工业")),
    C("nianjun-zengsu-baochi-zai", horizon("地区生产总值年均增速保持在6%左右。"),
      R("6%", 6, "%", 6, "percent", "~", "growth_rate", "生产总值")),
    C("per-capita-money-level", horizon("人均地区生产总值超过10万元。"),
      R("10万元", 10, "万元", 1e5, "CNY", ">", "level", "人均")),
    C("fenbie-per-capita-incomes", horizon("城镇和农村居民人均可支配收入分别达到6万元和3万元。"),
      R("6万元", 6, "万元", 6e4, "CNY", "=", "level", "城镇"),
      R("3万元", 3, "万元", 3e4, "CNY", "=", "level", "农村")),
    C("omitted-subject-second-clause", plan("粮食播种面积稳定在30万亩，产量稳定在12万吨以上。"),
      R("30万亩", 30, "万亩", 3e5 * MU, "hectare", "=", "level", "播种"),
      R("12万吨", 12, "万吨", 1.2e5, "t", ">=", "level", "产量")),
    C("magnitude-class-is-not-a-row", plan("培育百亿元级产业集群5个。"),
      R("5个", 5, "个", 5, "count", "=", "increment", "产业集群")),
    C("count-before-magnitude-class-noun", plan("打造2个千亿级产业园区。"),
      R("2个", 2, "个", 2, "count", "=", "increment", "园区")),
    C("percentage-points-with-yishang", horizon("常住人口城镇化率年均提高1个百分点以上。"),
      R("1个百分点", 1, "个百分点", 1, "percentage_point", ">=", "increment", "城镇化")),
    C("shixian-money-and-tongkoujing-growth", review("全年实现一般公共预算收入125.6亿元，同口径增长8%。"),
      R("125.6亿元", 125.6, "亿元", 1.256e10, "CNY", "=", "level", "预算收入"),
      R("8%", 8, "%", 8, "percent", "=", "growth_rate", "预算收入")),
    C("implicit-one-after-tupo-qianyi", horizon("先进制造业产值突破千亿元。"),
      R(("千亿元", "突破千亿元"), 1, "千亿元", 1e11, "CNY", ">", "level", "制造业")),
    C("floor-area-is-hectares", plan("新建保障性住房建筑面积30万平方米。"),
      R("30万平方米", 30, "万平方米", 30, "hectare", "=", "increment", "住房")),
    C("per-person-per-month-benefit-standard", plan("城乡居民基础养老金最低标准提高到每人每月200元。"),
      R("200元", 200, "元", 200, "CNY", "=", "standard", "养老金")),
    C("coverage-rate-after-5g-name", plan("5G网络行政村覆盖率达到95%。"),
      R("95%", 95, "%", 95, "percent", "=", "level", "覆盖率")),
    C("chinese-percent-words-baifenzhibai", plan("农村生活垃圾收运处置体系覆盖率达到百分之百。"),
      R("百分之百", 100, "%", 100, "percent", "=", "level", "覆盖率")),
    C("threshold-set-with-bushaoyu", plan("新签约亿元以上项目不少于100个。"),
      R("100个", 100, "个", 100, "count", ">=", "increment", "项目")),
    C("projects-total-and-annual-investment", plan("实施市级重点项目200个，总投资3000亿元，年度计划投资800亿元。"),
      R("200个", 200, "个", 200, "count", "=", "increment", "项目"),
      R("3000亿元", 3000, "亿元", 3e11, "CNY", "=", "level", "投资"),
      R("800亿元", 800, "亿元", 8e10, "CNY", "=", "level", "投资")),
    C("jingzeng-net-increment", plan("净增市场主体1万户。"),
      R("1万户", 1, "万户", 1e4, "count", "=", "increment", "市场主体")),
    C("ideographic-space-indent", doc("\u3000\u3000今年主要预期目标是：新增城镇就业5万人。", WORK_2023, "target", 2023),
      R("5万人", 5, "万人", 50000, "count", "=", "increment", "就业")),
    C("fyp-end-as-target-year", doc("到“十四五”末，全市森林覆盖率达到43%。", WORK_2023, "target", 2025),
      R("43%", 43, "%", 43, "percent", "=", "level", "森林")),
    C("change-from-last-fyp-end-keeps-target-year",
      doc("二、主要目标\n森林覆盖率比“十三五”末提高2个百分点。", FYP_2025, "target", 2025),
      R("2个百分点", 2, "个百分点", 2, "percentage_point", "=", "increment", "森林")),
    C("past-year-indicator-completion-heading",
      doc("一、2022年主要指标完成情况\n全市地区生产总值增长3.8%，城镇调查失业率为5.2%。", WORK_2023, "actual", 2022),
      R("3.8%", 3.8, "%", 3.8, "percent", "=", "growth_rate", "生产总值"),
      R("5.2%", 5.2, "%", 5.2, "percent", "=", "level", "失业率")),
    C("traditional-line-break-before-number", plan("城鎮新增就業\n5萬人，城鎮調查失業率控制在5.5%左右。"),
      R("5萬人", 5, "万人", 50000, "count", "=", "increment", "就业"),
      R("5.5%", 5.5, "%", 5.5, "percent", "~", "level", "失业率")),
    C("base-year-of-a-decline-is-not-a-row", horizon("单位地区生产总值能耗较2020年下降13.5%。"),
      R("13.5%", 13.5, "%", 13.5, "percent", "=", "growth_rate", "能耗")),
    C("wanyuan-denominator-is-not-a-row", horizon("万元地区生产总值用水量下降16%。"),
      R("16%", 16, "%", 16, "percent", "=", "growth_rate", "用水")),
    C("population-ceiling-yinei", horizon("常住人口规模控制在2000万人以内。"),
      R("2000万人", 2000, "万人", 2e7, "count", "<=", "level", "人口")),
    C("threshold-before-noun-with-dadao", horizon("产值亿元以上企业达到300家。"),
      R("300家", 300, "家", 300, "count", "=", "level", "企业")),
    C("threshold-with-number-then-xinzeng", plan("年主营业务收入10亿元以上企业新增20家。"),
      R("20家", 20, "家", 20, "count", "=", "increment", "企业")),
    C("plan-year-opening-in-work-report", doc("2023年，全市新增城镇就业5万人以上。", WORK_2023, "target", 2023),
      R("5万人", 5, "万人", 50000, "count", ">=", "increment", "就业")),
    C("fullwidth-thousands-separator", plan("新增城镇就业１２，０００人。"),
      R("１２，０００人", 12000, "人", 12000, "count", "=", "increment", "就业")),
    C("yu-before-magnitude", review("全年新增城镇就业10余万人。"),
      R("10余万人", 10, "万人", 1e5, "count", ">", "increment", "就业")),
    C("quoted-slogan-with-chinese-digits", plan("推进“两新一重”建设，新开工重大项目30个。"),
      R("30个", 30, "个", 30, "count", "=", "increment", "项目")),
    C("yuji-estimate-in-review", review("预计全年地区生产总值增长4%左右。"),
      R("4%", 4, "%", 4, "percent", "~", "growth_rate", "生产总值")),
    C("traditional-yue-about", review("全年實現旅遊總收入約180億元。"),
      R("180億元", 180, "亿元", 1.8e10, "CNY", "~", "level", "旅游")),
    C("traditional-zuoyou", plan("地區生產總值增長5.5%左右。"),
      R("5.5%", 5.5, "%", 5.5, "percent", "~", "growth_rate", "生产总值")),
    # ---------------------------------------------------------------- enumerations beyond 、
    C("fenbie-pair-after-predicate-and-head",
      horizon("规上工业企业和专精特新企业实现“量质齐升”、总数分别达到6000家和900家。"),
      R("6000家", 6000, "家", 6000, "count", "=", "level", "规上工业企业总数"),
      R("900家", 900, "家", 900, "count", "=", "level", "专精特新企业总数")),
    C("fenbie-pair-head-after-comma", horizon("国家级和省级创新平台持续扩容，数量分别达到40个及260个。"),
      R("40个", 40, "个", 40, "count", "=", "level", "国家级创新平台数量"),
      R("260个", 260, "个", 260, "count", "=", "level", "省级创新平台数量")),
    C("fenbie-pair-with-yu", plan("工业投资、民间投资分别增长8%与5%。"),
      R("8%", 8, "%", 8, "percent", "=", "growth_rate", "工业投资"),
      R("5%", 5, "%", 5, "percent", "=", "growth_rate", "民间投资")),
    C("fenbie-short-modifiers-share-head", plan("城镇和农村居民人均可支配收入分别增长5.5%和7%。"),
      R("5.5%", 5.5, "%", 5.5, "percent", "=", "growth_rate", "城镇居民人均可支配收入"),
      R("7%", 7, "%", 7, "percent", "=", "growth_rate", "农村居民人均可支配收入")),
    C("number-before-noun-objects-joined-by-he", plan("新建12个社区食堂和30个托育服务点。"),
      R("12个", 12, "个", 12, "count", "=", "increment", "新建社区食堂"),
      R("30个", 30, "个", 30, "count", "=", "increment", "新建托育服务点")),
    C("number-before-noun-objects-joined-by-yiji", plan("改造8个农贸市场以及25个口袋公园。"),
      R("8个", 8, "个", 8, "count", "=", "increment", "农贸市场"),
      R("25个", 25, "个", 25, "count", "=", "increment", "口袋公园")),
    C("noun-number-qualifier-list-yishang", plan("建成绿色工厂40家以上、绿色园区5个以上。"),
      R("40家", 40, "家", 40, "count", ">=", "increment", "绿色工厂"),
      R("5个", 5, "个", 5, "count", ">=", "increment", "绿色园区")),
    C("noun-number-qualifier-list-zuoyou", plan("培育省级以上孵化器10家左右、众创空间30家左右。"),
      R("10家", 10, "家", 10, "count", "~", "increment", "孵化器"),
      R("30家", 30, "家", 30, "count", "~", "increment", "众创空间")),
    # ---------------------------------------------------------------- the present state in a plan
    C("jiezhi-muqian-opening-is-an-actual",
      doc("截至目前，全市共有国家级专精特新“小巨人”企业86家。", WORK_2023, "actual", 2022),
      R("86家", 86, "家", 86, "count", "=", "level", "小巨人")),
    C("muqian-opening-is-an-actual", doc("目前，全市已建成城市社区嵌入式服务设施120个。", WORK_2023, "actual", 2022),
      R("120个", 120, "个", 120, "count", "=", "level", "服务设施")),
    C("xianyou-then-plan-turn",
      doc("全市现有普惠性托位1.8万个，力争年内新增托位3000个。", WORK_2023, "target", 2023),
      R("1.8万个", 1.8, "万个", 18000, "count", "=", "level", "托位", kind="actual", year=2022),
      R("3000个", 3000, "个", 3000, "count", "=", "increment", "新增托位")),
    C("muqian-in-action-plan-is-a-baseline",
      doc("目前，全市建成公共充电桩2.4万个，到2027年增加到6万个。", ACTION_2027, "target", 2027),
      R("2.4万个", 2.4, "万个", 24000, "count", "=", "level", "充电桩", kind="baseline", year=2022),
      R("6万个", 6, "万个", 60000, "count", "=", "level", "充电桩")),
    C("muqian-mid-sentence-stays-a-target", plan("加快补齐短板，新建目前缺口较大的社区养老服务站50个。"),
      R("50个", 50, "个", 50, "count", "=", "increment", "养老")),
    # ---------------------------------------------------------------- names across list items
    C("attribute-of-previous-list-item-revenue", plan("规上工业企业达到1200家以上、营业收入突破900亿元。"),
      R("1200家", 1200, "家", 1200, "count", ">=", "level", "工业企业"),
      R("900亿元", 900, "亿元", 9e10, "CNY", ">", "level", "工业企业营业收入")),
    C("attribute-of-previous-list-item-investment", plan("开工省市重点项目260个、完成投资1800亿元以上。"),
      R("260个", 260, "个", 260, "count", "=", "increment", "重点项目"),
      R("1800亿元", 1800, "亿元", 1.8e11, "CNY", ">=", "level", "重点项目完成投资")),
    C("growth-list-item-keeps-its-own-subject", plan("地区生产总值增长6%、固定资产投资增长7%。"),
      R("6%", 6, "%", 6, "percent", "=", "growth_rate", "生产总值"),
      R("7%", 7, "%", 7, "percent", "=", "growth_rate", "固定资产投资")),
    C("bare-modifier-object-shares-next-head", plan("新建4个市级、15个区级应急物资储备库。"),
      R("4个", 4, "个", 4, "count", "=", "increment", "市级应急物资储备库"),
      R("15个", 15, "个", 15, "count", "=", "increment", "区级应急物资储备库")),
    # ---------------------------------------------------------------- a flow verb, a stock noun; policy terms
    C("flow-verb-before-a-stock-noun-length", plan("新增高速公路通车里程400公里。"),
      R("400公里", 400, "公里", 400, "km", "=", "increment", "里程")),
    C("flow-verb-before-a-stock-noun-capacity", plan("新增新能源装机容量200万千瓦。"),
      R("200万千瓦", 200, "万千瓦", 2e6, "kW", "=", "increment", "装机")),
    C("reaching-a-stock-noun-stays-a-level", horizon("高速公路通车里程达到1万公里。"),
      R("1万公里", 1, "万公里", 1e4, "km", "=", "level", "里程")),
    C("fewer-poor-people-is-a-flow", review("五年累计减少农村贫困人口280万以上。"),
      R("280万", 280, "万", 2.8e6, "count", ">=", "increment", "贫困人口")),
    C("a-number-before-its-own-noun-starts-a-new-item", review("减少农村贫困人口110万以上、1000个贫困村脱贫摘帽。"),
      R("110万", 110, "万", 1.1e6, "count", ">=", "increment", "贫困人口"),
      R("1000个", 1000, "个", 1000, "count", "=", "increment", "贫困村")),
    C("a-later-list-item-keeps-the-clause-s-verb", plan("新建改造体育公园60个、健身步道1000公里。"),
      R("60个", 60, "个", 60, "count", "=", "increment", "体育公园"),
      R("1000公里", 1000, "公里", 1000, "km", "=", "increment", "健身步道")),
    C("a-later-list-item-reaching-a-level-has-its-own-verb", plan("新建5G基站3000个、5G用户达到500万户。"),
      R("3000个", 3000, "个", 3000, "count", "=", "increment", "基站"),
      R("500万户", 500, "万户", 5e6, "count", "=", "level", "用户")),
    C("a-later-list-item-held-at-a-level-has-its-own-verb",
      plan("新增城镇就业岗位8万个、城镇调查失业率控制在5.5%以内。"),
      R("8万个", 8, "万个", 8e4, "count", "=", "increment", "就业岗位"),
      R("5.5%", 5.5, "%", 5.5, "percent", "<=", "level", "失业率")),
    C("a-grant-rate-is-a-standard", plan("对中小企业贷款给予贴息1个百分点，补助比例30%。"),
      R("1个百分点", 1, "个百分点", 1, "percentage_point", "=", "standard"),
      R("30%", 30, "%", 30, "percent", "=", "standard", "补助比例")),
    C("a-cap-after-a-verb-is-at-most", plan("为高层次人才每人每年最高发放补贴5万元。"),
      R("5万元", 5, "万元", 5e4, "CNY", "<=", "standard")),
    C("a-total-paid-is-not-a-standard", review("全年发放贷款贴息6.8亿元。"),
      R("6.8亿元", 6.8, "亿元", 6.8e8, "CNY", "=", "level", "贴息")),
    C("a-time-reached-is-a-level-a-time-limit-a-standard",
      plan("企业开办时间压缩至1个工作日以内，工程建设项目审批时限60个工作日。"),
      R("1个工作日", 1, "个工作日", 1, "day", "<=", "level", "开办时间"),
      R("60个工作日", 60, "个工作日", 60, "day", "=", "standard", "审批时限")),
    C("a-plain-proportion-is-a-share", plan("中心城区绿色出行比例达到70%，森林覆盖率达到41%。"),
      R("70%", 70, "%", 70, "percent", "=", "share", "绿色出行"),
      R("41%", 41, "%", 41, "percent", "=", "level", "森林")),
    # ---------------------------------------------------------------- numbers that are no quantity (each rule)
    C("digits-in-a-latin-name-are-no-quantity", plan("PM2.5日均浓度超标天数减少5天。"),
      R("5天", 5, "天", 5, "day", "=", "increment", "超标天数")),
    C("a-numbered-policy-name-is-no-quantity", plan("培育1+8个先进制造业集群，新增规上工业企业50家。"),
      R("50家", 50, "家", 50, "count", "=", "increment", "工业企业")),
    C("a-number-in-a-short-quoted-name-is-no-quantity", plan("落实“稳经济46条”，新增市场主体5万户。"),
      R("5万户", 5, "万户", 5e4, "count", "=", "increment", "市场主体")),
    C("a-magnitude-class-is-no-amount", plan("培育2个五百亿级产业集群。"),
      R("2个", 2, "个", 2, "count", "=", "increment", "产业集群")),
    C("the-denominator-of-a-rate-is-no-quantity", plan("每10万人口高技能人才数达到1500人。"),
      R("1500人", 1500, "人", 1500, "count", "=", "level", "高技能人才")),
    C("a-threshold-before-the-counted-noun-is-no-quantity",
      plan("海拔3000米以上地区通电率达到100%，建成5000吨级泊位3个。"),
      R("100%", 100, "%", 100, "percent", "=", "level", "通电率"),
      R("3个", 3, "个", 3, "count", "=", "increment", "泊位")),
    C("a-property-naming-a-class-of-places-is-no-quantity", plan("在海拔3000米以上地区，新建光伏电站20座。"),
      R("20座", 20, "座", 20, "count", "=", "increment", "光伏电站")),
    C("a-size-class-is-no-quantity", plan("建成5000吨级泊位，新增港口吞吐能力300万吨。"),
      R("300万吨", 300, "万吨", 3e6, "t", "=", "increment", "吞吐能力")),
    C("a-grade-naming-a-class-is-no-quantity", plan("3级以上江河堤防全部达标，新建堤防20公里。"),
      R("20公里", 20, "公里", 20, "km", "=", "increment", "堤防")),
    C("the-size-of-a-list-just-named-is-no-target",
      plan("支持青山、白水、石门3个县建设特色农业园区，新建冷链仓储设施5个。"),
      R("5个", 5, "个", 5, "count", "=", "increment", "冷链")),
    C("articles-of-a-policy-package-are-no-target", plan("落实支持民营经济发展18条，新增市场主体5万户。"),
      R("5万户", 5, "万户", 5e4, "count", "=", "increment", "市场主体")),
    # ---------------------------------------------------------------- subject, metric and area rules (each rule)
    C("examples-named-before-the-number-and-its-noun", plan("打造文殊坊、宽窄巷子等20条特色街区。"),
      R("20条", 20, "条", 20, "count", "=", "increment", "特色街区")),
    C("the-noun-after-the-examples", plan("签约新能源、生物医药等产业化项目30个。"),
      R("30个", 30, "个", 30, "count", "=", "increment", "产业化项目")),
    C("a-share-of-the-clause-s-earlier-subject", plan("工业投资增长8%，占固定资产投资比重达到30%。"),
      R("8%", 8, "%", 8, "percent", "=", "growth_rate", "工业投资"),
      R("30%", 30, "%", 30, "percent", "=", "share", "工业投资占固定资产投资比重")),
    C("a-plain-number-of-a-coefficient-is-a-level", plan("城乡居民收入基尼系数控制在0.45以内。"),
      R("0.45", 0.45, "", 0.45, "ratio", "<=", "level", "基尼系数")),
    C("a-share-without-a-verb", review("第三产业增加值占地区生产总值比重55.2%。"),
      R("55.2%", 55.2, "%", 55.2, "percent", "=", "share", "第三产业")),
    C("money-added-in-the-period", plan("新增人民币贷款1200亿元。"),
      R("1200亿元", 1200, "亿元", 1.2e11, "CNY", "=", "increment", "贷款")),
    C("a-length-that-stands-at-a-date-is-a-stock",
      doc("截至2022年底，全市建成城市绿道5000公里。", DocumentInfo(plan_year=2023), "actual", 2022),
      R("5000公里", 5000, "公里", 5000, "km", "=", "level", "绿道")),
    C("a-clause-on-a-sub-area-is-set-for-it", plan("北部新区常住人口城镇化率超过80%。"),
      R("80%", 80, "%", 80, "percent", ">", "level", "城镇化")),
    C("a-sentence-on-a-sub-area-is-set-for-it",
      doc("北部新区加快建设，常住人口城镇化率超过80%。", WORK_2023, "target", 2023),
      R("80%", 80, "%", 80, "percent", ">", "level", "城镇化")),
    C("a-paragraph-on-a-sub-area-is-set-for-it",
      doc("西部片区是全市先进制造业的主要承载地。新建标准厂房50万平方米。", WORK_2023, "target", 2023),
      R("50万平方米", 50, "万平方米", 50, "hectare", "=", "increment", "标准厂房")),
    C("a-task-for-state-owned-enterprises-is-set-for-them",
      doc("推进国企数字化赋能，培育壮大一批创新型国有企业，建成数字化车间100个以上。", WORK_2023, "target", 2023),
      R("100个", 100, "个", 100, "count", ">=", "increment", "数字化车间")),
    C("a-five-year-plan-s-indicator-table",
      doc("主要指标\n指标  2020年  2025年  属性\n常住人口城镇化率(%)  78.8  82  预期性\n", FYP_2025),
      R("78.8", 78.8, "%", 78.8, "percent", "=", "level", "城镇化", kind="baseline", year=2020),
      R("82", 82, "%", 82, "percent", "=", "level", "城镇化", kind="target", year=2025)),
    # ---------------------------------------------------------------- cuts, bounds that must hold, rates of norms
    C("capacity-cut-or-closed-is-a-flow", plan("关停小火电机组120万千瓦，淘汰落后炼钢产能300万吨、水泥产能200万吨。"),
      R("120万千瓦", 120, "万千瓦", 1.2e6, "kW", "=", "increment", "火电"),
      R("300万吨", 300, "万吨", 3e6, "t", "=", "increment", "炼钢产能"),
      R("200万吨", 200, "万吨", 2e6, "t", "=", "increment", "水泥产能")),
    C("must-not-be-below-is-at-least",
      plan("土地出让收益用于保障性住房建设的比例不得低于10%，单个项目补助不得超过500万元。"),
      R("10%", 10, "%", 10, "percent", ">=", "share", "比例"),
      R("500万元", 500, "万元", 5e6, "CNY", "<=", "standard")),
    C("a-cut-by-a-rate-is-a-decline", review("省级行政审批事项再精简20%。"),
      R("20%", 20, "%", 20, "percent", "=", "growth_rate", "降幅")),
    C("a-norm-raised-by-a-rate-is-its-growth", review("城乡低保标准分别提高8.5%和12%。"),
      R("8.5%", 8.5, "%", 8.5, "percent", "=", "growth_rate", "城镇低保标准"),
      R("12%", 12, "%", 12, "percent", "=", "growth_rate", "农村低保标准")),
    C("a-grant-per-mu-is-a-standard", plan("对集中连片种植的，每亩最高补贴1000元。"),
      R("1000元", 1000, "元", 1000, "CNY", "<=", "standard")),
    C("a-growth-named-as-the-expectation", plan("广义货币供应量M2增长预期为12%左右。"),
      R("12%", 12, "%", 12, "percent", "~", "growth_rate", "M2")),
    C("a-person-s-year-that-ends-the-title-s-horizon",
      doc("某市数字经济发展行动方案（2023—2027年）\n到2027年，数字经济核心产业增加值突破900亿元。",
          DocumentInfo(plan_year=2027), "target", 2027),
      R("900亿元", 900, "亿元", 9e10, "CNY", ">", "level", "数字经济")),
]
# fmt: on

# The scorer reads the annotators' `count` (things counted in the period) as `increment`.
METRIC_ALIAS = {"count": "increment"}


def _show(row) -> str:
    span = f"{row.value_low}-{row.value_high}" if row.value is None else row.value
    norm = f"{row.norm_low};{row.norm_high}" if row.value is None else row.norm_value
    return (
        f"{row.quote!r} {span} {row.unit_raw!r} -> {norm}"
        f" {row.norm_unit} {row.comparator} {row.metric} {row.kind} {row.target_year} [{row.indicator}]"
        + (" derived" if row.derived else "")
    )


def _quote_matches(expected: Row, quote: str) -> bool:
    options = expected.quote if isinstance(expected.quote, tuple) else (expected.quote,)
    if expected.derived:  # the quote of a counted list is the list (a reader may include the verb or the lead noun)
        return any(option in quote for option in options)
    return quote in options


def _close(a, b) -> bool:
    return a is not None and b is not None and a == pytest.approx(b, rel=1e-6, abs=1e-9)


def _differences(expected: Row, case: Case, row) -> list[str]:
    out = []
    if isinstance(expected.value, tuple):
        low, high = expected.value
        if row.value is not None or not (_close(row.value_low, low) and _close(row.value_high, high)):
            got = f"value={row.value} low={row.value_low} high={row.value_high}"
            out.append(f"value: expected range {low}-{high}, got {got}")
        assert isinstance(expected.norm, tuple)
        nlow, nhigh = expected.norm
        if not (_close(row.norm_low, nlow) and _close(row.norm_high, nhigh)):
            out.append(f"norm: expected {nlow};{nhigh}, got {row.norm_low};{row.norm_high}")
    else:
        if not _close(row.value, expected.value):
            out.append(f"value: expected {expected.value}, got {row.value}")
        if not _close(row.norm_value, expected.norm):
            out.append(f"norm_value: expected {expected.norm}, got {row.norm_value}")
    if expected.unit is not ANY and row.unit_raw != expected.unit:
        out.append(f"unit_raw: expected {expected.unit!r}, got {row.unit_raw!r}")
    checks = [
        ("norm_unit", expected.norm_unit, row.norm_unit),
        ("comparator", expected.cmp, row.comparator),
        ("metric", expected.metric, METRIC_ALIAS.get(row.metric, row.metric) if expected.metric is not ANY else ANY),
        ("kind", expected.kind or case.ctx.kind, row.kind),
        ("derived", expected.derived, bool(row.derived)),
    ]
    year = expected.year if expected.year is not None else case.ctx.year
    if year is not ANY:
        checks.append(("target_year", year, row.target_year))
    out += [f"{name}: expected {want!r}, got {got!r}" for name, want, got in checks if want != got]
    if expected.ind:
        words = expected.ind if isinstance(expected.ind, tuple) else (expected.ind,)
        if not any(word in (row.indicator or "") for word in words):
            out.append(f"indicator: expected a name with {'/'.join(words)}, got {row.indicator!r}")
    return out


def _problems(case: Case, rows: list) -> list[str]:
    """Every way the rows differ from the expected ones: missing, extra, out of order, or a field wrong."""
    problems, used, order = [], set(), []
    for n, expected in enumerate(case.rows, 1):
        found = next((i for i, r in enumerate(rows) if i not in used and _quote_matches(expected, r.quote)), None)
        if found is None:
            problems.append(f"row {n} {expected.quote!r}: missing")
            continue
        used.add(found)
        order.append(found)
        problems += [f"row {n} {expected.quote!r}: {d}" for d in _differences(expected, case, rows[found])]
    if order != sorted(order):
        problems.append("rows out of order of appearance")
    problems += [f"extra row: {_show(r)}" for i, r in enumerate(rows) if i not in used]
    return problems


def check_case(case: Case) -> None:
    """Extract a case's passage and fail with every difference from its expected rows."""
    rows = extract_text("case.txt", case.ctx.text, case.ctx.info)
    problems = _problems(case, rows)
    assert not problems, "\n".join(
        [f"text: {case.ctx.text!r}", *problems, "rows extracted:", *(f"  {_show(r)}" for r in rows)]
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_phrasing(case: Case):
    check_case(case)


def test_the_table_is_large_and_well_formed():
    """The table itself: enough cases, unique ids, and every expected quote is in its text, in order."""
    assert len(CASES) >= 180
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    for case in CASES:
        position = 0
        for row in case.rows:
            options = row.quote if isinstance(row.quote, tuple) else (row.quote,)
            found = [case.ctx.text.find(q, position) for q in options]
            assert any(f >= 0 for f in found), (case.id, row.quote)
            position = min(f for f in found if f >= 0)
        for row in case.rows:
            assert row.metric in ("level", "increment", "growth_rate", "share", "ratio", "index", "standard"), case.id
            assert row.cmp in (">=", ">", "<=", "<", "~", "=", "range"), case.id
            assert isinstance(row.value, tuple) == (row.cmp == "range") == isinstance(row.norm, tuple), case.id


@pytest.mark.parametrize("text", ["全年城镇新增就业尚未达到5万人。", "城镇新增就业未能达到5万人。"])
def test_a_negation_belongs_to_its_verb_never_to_the_indicator(text):
    (row,) = extract_text("case.txt", text, WORK_2023)
    assert (row.indicator, row.value) == ("城镇新增就业", 5)
