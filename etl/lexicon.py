"""The words of Chinese plans that the extraction rules read: every word class defined once.

Each class is a table of entries grouped by the language pattern they stand for (the comment over each
group names it, with an example). The rule tables — what is a quantity (etl.mentions), what it means
(etl.meaning), where it is set (etl.scope), indicator tables (etl.tables) — build their patterns from these
classes and spell no word of their own. Time words (years and plan periods in etl.timeframe.years; review and
plan openings, the present state in the time rule tables) belong to the time rules and are never re-spelled
here; this module imports nothing of the project but the vocabulary (targets.vocab), so the time rules can
read its words too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from targets.vocab import Comparator


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, the longest first (so 不超过 is read before 超过)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# ---------------------------------------------------------------------------------------------------------
# Comparators: the qualifier words of a number. Prose and indicator-table cells read the same words.

#: after the number: 6000人以上, 5.5%以内, 7%左右 (Chinese usage counts the number itself in 以上/以下/以内)
RIGHT_COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    # at least: 1000人以上, 投资1000万元及以上
    ("及以上", Comparator.AT_LEAST),
    ("以上", Comparator.AT_LEAST),
    # at most: 控制在5.5%以内, 4%以下, 3个工作日之内
    ("以内", Comparator.AT_MOST),
    ("以下", Comparator.AT_MOST),
    ("之内", Comparator.AT_MOST),
    # about: 增长7%左右, 80万吨上下
    ("左右", Comparator.ABOUT),
    ("上下", Comparator.ABOUT),
)
#: before the number, the nearest ending word wins: 不低于81%, 超过500亿元, 控制在…以内
LEFT_COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    # at least: 不低于93%, 不少于2小时, 至少1个, 不得低于10% (must not be below)
    ("不得低于", Comparator.AT_LEAST),
    ("不得少于", Comparator.AT_LEAST),
    ("不低于", Comparator.AT_LEAST),
    ("不少于", Comparator.AT_LEAST),
    ("不小于", Comparator.AT_LEAST),
    ("至少", Comparator.AT_LEAST),
    ("不下于", Comparator.AT_LEAST),
    # at most: 不超过3%, 不高于…, 最多…, a grant's cap 最高3000万元, 不得超过… (must not exceed)
    ("不得超过", Comparator.AT_MOST),
    ("不得高于", Comparator.AT_MOST),
    ("不超过", Comparator.AT_MOST),
    ("不高于", Comparator.AT_MOST),
    ("不大于", Comparator.AT_MOST),
    ("不多于", Comparator.AT_MOST),
    ("最多", Comparator.AT_MOST),
    ("最高", Comparator.AT_MOST),
    # more than: 超过500亿元, 突破1万亿元, 逾50万人, 高于全国平均水平…
    ("超过", Comparator.MORE_THAN),
    ("突破", Comparator.MORE_THAN),
    ("高于", Comparator.MORE_THAN),
    ("大于", Comparator.MORE_THAN),
    ("多于", Comparator.MORE_THAN),
    ("逾", Comparator.MORE_THAN),
    ("超", Comparator.MORE_THAN),
    # less than: 低于5%, 小于…, 少于…
    ("低于", Comparator.LESS_THAN),
    ("小于", Comparator.LESS_THAN),
    ("少于", Comparator.LESS_THAN),
    # about: 约260亿元, 近5万户, 接近…
    ("约", Comparator.ABOUT),
    ("近", Comparator.ABOUT),
    ("大约", Comparator.ABOUT),
    ("接近", Comparator.ABOUT),
)
#: signs an indicator-table cell writes before its number: ≥80, ＜5
COMPARATOR_SIGNS: tuple[tuple[str, Comparator], ...] = (
    ("≥", Comparator.AT_LEAST),
    (">=", Comparator.AT_LEAST),
    ("≤", Comparator.AT_MOST),
    ("<=", Comparator.AT_MOST),
    (">", Comparator.MORE_THAN),
    ("＞", Comparator.MORE_THAN),
    ("<", Comparator.LESS_THAN),
    ("＜", Comparator.LESS_THAN),
)
#: after a number, "and more": 1.5万余户, 200多个 (read as `>`)
MORE_THAN_SUFFIXES = ("余", "多")
#: the comparator words alone, after and before a number
RIGHT_WORDS = tuple(w for w, _ in RIGHT_COMPARATORS)
LEFT_WORDS = tuple(w for w, _ in LEFT_COMPARATORS)

# ---------------------------------------------------------------------------------------------------------
# Verbs of change: by a rate, to a level.

#: a change by a rate (the number is the rate): 增长6.5%, 年均增长5%, 比上年增长
GROWTH_VERBS = (
    "年均增长",
    "年均递增",
    "平均增长",
    "同比增长",
    "比上年增长",
    "增长",
    "增速",
    "增幅",
    "递增",
    "增加",
    "上涨",
    "提高",
    "提升",
    "回升",
)
#: a decline by a rate (the number as written, the indicator names the decline): 下降13.5%, 降低3%
DECLINE_VERBS = (
    "年均下降",
    "同比下降",
    "比上年下降",
    "下降",
    "降低",
    "减少",
    "削减",
    "降幅",
    "回落",
    "压减",
    "精简",
    "压缩",
)
#: a change to a level (the number is the level reached or held): 提高到82%, 控制在5.5%以内, 达到…
LEVEL_VERBS = (
    # raised or cut to: 提高到, 增至, 扩大至, 下降到, 降至, 缩小到
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "增至",
    "增长到",
    "增长至",
    "扩大到",
    "扩大至",
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "降至",
    "减少到",
    "减少至",
    "缩小到",
    "缩小至",
    "缩减至",
    # reached: 达到, 达
    "达到",
    "达",
    # held: 保持在, 稳定在, 控制在, 维持在
    "保持在",
    "保持",
    "稳定在",
    "控制在",
    "维持在",
    # the copula: 为, 是
    "为",
    "是",
)
#: a raise by an amount (最低标准提高5元, 再增加10元, 比上年增加1.3万亩): the number is the change
RAISED_BY = ("提高", "增加", "再提高", "再增加", "减少", "净增", "扩大", "缩减", "压减")
#: verbs naming a rate of change in an indicator table's row: 地区生产总值增长(%), 能耗降低(%)
RATE_OF_CHANGE_VERBS = ("增长", "递增", "下降", "降低", "减少")

# ---------------------------------------------------------------------------------------------------------
# Delivery verbs: what a plan does to the things it counts. The things after them are made, brought in or
# served in the period — a flow (新建12个社区食堂, 引进重大项目52个, 开展活动1000场).

#: a new thing (新X, 净增): added in the period whatever stock noun follows (新增高速公路通车里程400公里)
NEW_VERBS = (
    "新增",
    "新建",
    "新开工",
    "新开",
    "新培育",
    "新引进",
    "新落户",
    "新设",
    "新组建",
    "新创建",
    "新布局",
    "新供应",
    "新改建",
    "净增",
)
#: a stock cut or closed in the period: 减少农村贫困人口110万, 压减粗钢产能, 淘汰落后产能, 关停小火电机组 (a flow,
#: whatever the noun)
CUT_VERBS = ("减少", "削减", "压减", "淘汰", "关停", "关闭", "化解", "退出")
#: building and renewal of places and networks: 建成绿道500公里, 改造老旧小区300个, 整治河道, 筹集住房
BUILD_VERBS = (
    "筹集",
    "筹建",
    "建成",
    "建设",
    "改造",
    "改扩建",
    "改建",
    "扩建",
    "提升改造",
    "整治",
    "治理",
    "修复",
    "腾退",
    "盘活",
    "安装",
    "增设",
)
#: an activity named by its verb alone: the verb is the subject (造林1亿亩, 完成绿化5000亩), no light verb
ACTIVITY_VERBS = ("造林", "绿化")
#: works started, finished or put into service: 开工项目100个, 竣工, 开通线路, 开行班列
OPEN_VERBS = ("开通", "开工", "竣工", "开行")
#: firms, projects and places brought in, grown or named: 引进项目52个, 培育企业, 签约, 孵化, 认定, 创建示范村
BRING_VERBS = ("打造", "培育", "引进", "招引", "签约", "孵化", "创建", "认定", "落地")
#: programmes and services delivered, people trained or placed: 实施项目, 开展活动1000场, 发放补贴, 惠及群众,
#: 培训人次, 吸纳就业, 招聘
SERVE_VERBS = (
    "完成",
    "实施",
    "提供",
    "发放",
    "投放",
    "开展",
    "举办",
    "组织",
    "服务",
    "覆盖",
    "惠及",
    "培训",
    "培养",
    "吸纳",
    "招聘",
    "转移",
    "节约",
    "减税",
)
#: money that flows in the period: 新签合同额, 减税降费, 投放贷款 (besides what is new: 新增贷款)
MONEY_FLOW_WORDS = ("新签", "新引", "减税", "投放")
DELIVERY_VERBS = NEW_VERBS + BUILD_VERBS + ACTIVITY_VERBS + OPEN_VERBS + BRING_VERBS + SERVE_VERBS
#: verbs of making or bringing in: after a list's first item they keep governing the next objects
#: (新建50个智能工厂和500个数字化车间 -> 新建数字化车间); any verb on 新 or 建 is one, and 实施 (a project)
CREATE_VERBS = ("新", "建", *NEW_VERBS, *BUILD_VERBS, *OPEN_VERBS, *BRING_VERBS, "实施")
#: putting a line or a facility into service: a list of named lines after them is counted (开通运营5号线、6号线一期)
INTO_SERVICE_VERBS = ("开通运营", "建成通车", "建成投运", "建成投用", "开通", "投运", "通车")
#: moving a task on: the list they govern is the work to do (加快建设万春、永宁2个产业园)
ADVANCE_VERBS = ("推进", "推动", "加快", "启动", "提升", "提质升级", "续建", "开工建设")
#: light verbs that take the counted noun after the number: 形成15分钟生活圈, 让242万人…, 在3个区试点
CARRIER_VERBS = (
    "新(改、扩)建",
    "新(改)建",
    "新改扩建",
    "建成投运",
    "建成投用",
    "建强",
    "签约引进",
    "产生",
    "形成",
    "设立",
    "布局",
    "争取",
    "通达",
    "帮助",
    "支持",
    "办好",
    "建立",
    "配备",
    "设置",
    "在",
    "为",
    "有",
    "达",
    "共",
    "建",
    "让",
    "使",
    "给予",
)
#: verbs of policy that govern a task, never a count or a name (推进城市新区建设 is no area's name)
POLICY_VERBS = (
    "支持",
    "促进",
    "深化",
    "围绕",
    "依托",
    "坚持",
    "加强",
    "优化",
    "完善",
    "构建",
    "发挥",
    "引导",
    "统筹",
    "整合",
    "解决",
    "形成",
    "带动",
    "联动",
    "对接",
    "融入",
)
#: adopting a policy document: 落实…十五条, 出台…20条 (its articles are not targets)
ADOPT_VERBS = ("落实", "出台", "贯彻", "用好", "制定", "印发", "执行", "兑现", "修订")
#: a result reached in the past tense: 已建成, 已累计完成 (the time rules' RESULT_MARKER)

# ---------------------------------------------------------------------------------------------------------
# Adverbs and clause openers.

#: adverbs of resolve or intent before a target: 力争, 确保, 争取, 努力, 预计, 拟安排 (a budget's plan)
RESOLVE_WORDS = ("力争", "确保", "争取", "努力", "预计", "拟安排", "拟")
#: "each" and "respectively": 分别达到A、B; 均增长6%; 都…
EACH_WORDS = ("分别", "均", "都")
#: a sum said before the number: 总计, 合计, 共计, 共
TOTAL_WORDS = ("共计", "总计", "合计", "共")
#: a running total: 累计建成…, 累计达到… (a cue of a stock, kept in the subject)
CUMULATIVE_WORDS = ("累计",)
#: words joining a clause to the one before: 同时, 其中, 此外, 并, 和, 及
CONNECTIVES = ("同时", "其中", "此外", "另外", "并且", "并", "和", "及", "以及", "与")
#: what a place has now: 现有, 共有, 已有, 拥有 (a present state)
HAVE_VERBS = ("现有", "共有", "已有", "拥有")
#: a result said before the number: 实现, 完成了, 累计完成
RESULT_OPENERS = ("实现", "完成了", "累计完成", "累计实现")
#: function words that end a subject before its number: 在, 至, 到, 于, 的, 了, 已, 再, 新, 约为, 超出
SUBJECT_END_WORDS = ("在", "至", "到", "于", "的", "了", "已", "再", "新", "约为", "超出", "实现", "完成", "以上")
#: a negation before the verb it denies (未达到6%的预期目标, 尚未完成): part of the verb, never of the indicator
NEGATIONS = ("尚未", "仍未", "未能", "没有", "未")
#: adverbs of manner before a verb (深入实施, 滚动实施, 高质量建设, 成功创建); by steps or by grades
#: (分级分类推进, 分批建设, 梯度培育: 分X分Y and 梯度/梯次 say how, not what)
MANNER_ADVERBS = (
    "深入",
    "持续",
    "大力",
    "积极",
    "加快",
    "全面",
    "高质量",
    "高标准",
    "重点",
    "成功",
    "滚动",
    "有序",
    "稳步",
    "着力",
    "全力",
    "加力",
)
STEPWISE_ADVERB = r"分[\u4e00-\u9fff]分[\u4e00-\u9fff]|梯度|梯次|分批|分期|逐步"
#: a new round of what was done before: 再新增, 再完成, 新落地
AGAIN_WORDS = ("再", "新")
#: adverbs that open a clause and are never part of an indicator's name: 进一步, 持续, 加快…
OPENING_ADVERBS = ("进一步", "持续", "继续", "加快", "推动", "推进", "大力", "积极", "着力", "全面", "基本")
#: milestones passed: 连续跨越7万亿、8万亿两个台阶, 迈上千亿台阶
MILESTONE_VERBS = ("连续跨越", "跨越", "迈上", "跨上")
#: a comparison made on a like-for-like basis (同口径增长5%, 按可比价格计算增长): a qualifier of the rate
COMPARABLE_BASIS = ("同口径", "可比口径", "按可比价格计算", "按可比价计算", "按可比价")
#: where a change starts from: 从目前的X, 由现在的X
FROM_NOW = ("从目前的", "从目前", "从现在的", "由目前的", "从", "由")

# ---------------------------------------------------------------------------------------------------------
# Nouns: growth, shares, stocks, norms, grants.

#: a rate of change named by its noun: 增速, 增幅, 涨幅, 降幅, 增长率
GROWTH_NOUNS = (
    "增速",
    "增幅",
    "涨幅",
    "降幅",
    "增长率",
    "降低率",
    "下降率",
    "递增率",
    "减少率",
    "增长预期",
    "增长目标",
)
#: a part of a whole: 服务业增加值占地区生产总值比重, 占比, 绿色出行比例, 份额 (a 率 — 覆盖率 — is a level)
SHARE_NOUNS = ("比重", "占比", "比例", "份额")
#: cues of a stock (a total held, reached or counted up): 累计, 总数, 保有量, 已建成
STOCK_CUES = (
    "累计",
    "总数",
    "总量",
    "保有",
    "拥有",
    "存量",
    "数量达",
    "增至",
    "总规模",
    "在库",
    "规模达",
    "已建成",
    "已有",
)
#: what a place has rather than adds: population, capacity, life expectancy, a covered or total area
CAPACITY_NOUNS = ("人口", "寿命", "能力", "装机", "容量", "规模", "吞吐量", "保有量", "拥有量", "覆盖面积", "总面积")
#: the extent a network, a crop or a zone holds: its 面积, 里程, 长度 (播种面积稳定在…, 运营里程达到…) — a stock,
#: unless a delivery verb says it is added (新增绿地面积, 完成营造林面积)
EXTENT_NOUNS = ("面积", "里程", "长度")
#: a total said in the subject: 总规模, 总长度, 累计… (a stock)
TOTAL_NOUNS = ("总长度", "总里程", "总规模", "累计")
#: holders counted as a stock once reached (企业达到400家, 用户突破100万户, 床位达到5万张)
HOLDER_NOUNS = (
    "数",
    "数量",
    "企业",
    "人才",
    "机构",
    "园区",
    "总量",
    "人",
    "者",
    "用户",
    "户",
    "主体",
    "基站",
    "充电桩",
    "充电站",
    "换电站",
    "床位",
    "车位",
    "泊位",
    "会员",
)
#: heads shared by an enumeration's parts: 参保率 of 基本医疗保险、养老保险参保率
SHARED_HEADS = (
    "率",
    "比重",
    "比例",
    "总额",
    "总量",
    "规模",
    "增加值",
    "营业收入",
    "收入",
    "产值",
    "数量",
    "人数",
    "吞吐量",
    "强度",
)
#: a head that says nothing on its own and belongs to the clause's earlier subject (…，总数不少于500处)
GENERIC_HEADS = (
    "总数",
    "总量",
    "总额",
    "总投资",
    "投资额",
    "总规模",
    "规模",
    "数量",
    "覆盖面",
    "参与量",
    "配备率",
    "覆盖率",
    "完成率",
    "达标率",
    "比例",
    "比重",
    "占比",
    "金额",
    "资金",
)
#: what a counted subject has, said after its count: 企业…家、营业收入…亿元; 项目…个、完成投资…亿元
ATTRIBUTE_HEADS = (
    "营业收入",
    "主营业务收入",
    "营收",
    "产值",
    "总产值",
    "完成投资",
    "投资",
    "总投资",
    "投资额",
    "税收",
    "利润",
    "就业人数",
    "从业人员",
)
#: subjects measured in money: a magnitude with no unit after them counts yuan (生产总值跨越7万亿)
MONEY_NOUNS = (
    "生产总值",
    "GDP",
    "收入",
    "产值",
    "总额",
    "增加值",
    "投资",
    "营收",
    "金额",
    "资金",
    "存款",
    "贷款",
    "零售",
    "交易额",
    "成交额",
    "税收",
    "财政",
    "经济总量",
    "营业额",
)
#: the property of a thing that a threshold qualifies (营业收入超百亿元企业, 用餐人数超过1000人的医院)
PROPERTY_NOUNS = ("人数", "面积", "收入", "营收", "产值", "投资额", "总投资", "研发投入", "人口", "排量", "年龄")
#: per-capita and per-N-people rates: 人均, 每万人口, 每千名老人, 每百户
PER_CAPITA = r"人均|每(?:万|千|百|十万)人口?|每百户|每千名|每万名"
#: a norm per unit: 每个社区至少1个, 每天不低于2小时, 单个项目补助不超过500万元 (每年 is a yearly count, no norm)
PER_UNIT = (
    r"每(?:个|一个|天|日|周|两周|月|学年|学期|生|名|人次|人|户|村|镇|乡镇|街道|社区|区|县|区县|所|家|次|场|班|亩|平方米)"
    r"|单(?:个|笔|户|家)"
)
#: nouns of a norm, right before its number: 补助标准1000元, 审批时限60个工作日, 服务半径500米, 每天锻炼时间
NORM_NOUNS = ("标准", "时限", "期限", "半径", "时长", "课时", "学时", "层级", "时间")
#: units that are norms whatever the words: a return period of a design standard (防洪标准100年一遇)
NORM_UNITS = ("年一遇",)
#: what a policy grants: 给予, 奖补, 补助, 补贴, 贴息, 资助, 奖励
GRANT_WORDS = ("给予", "奖补", "补助", "补贴", "贴息", "资助", "奖励")

# ---------------------------------------------------------------------------------------------------------
# Places: the region a plan is for, and parts of it.

#: an administrative level: 市, 省, 区, 县, 国, 州, 镇, 乡, 盟
ADMIN_LEVEL = "[市省区县国州镇乡盟]"
#: the whole of the plan's region: 全市, 全省, 我区, 本县, 全域 (a quantity set for all of it)
WHOLE_REGION = rf"(?:全|我|本){ADMIN_LEVEL}|全域"
#: nouns ending the name of part of a city or province, never of the whole: 主城都市区, 城镇群, 中心城区, 新区
AREA_NOUNS = (
    "主城都市区",
    "都市区",
    "城镇群",
    "城市群",
    "都市圈",
    "经济圈",
    "主城区",
    "中心城区",
    "新城区",
    "老城区",
    "库区",
    "山区",
    "片区",
    "新区",
    "核心区",
    "功能区",
    "经济带",
)
#: groups of enterprises a task of the plan is for, whose counts are theirs, not the region's
#: (推进国企数字化赋能，建成数字化车间100个以上 counts the state-owned enterprises' workshops)
GROUP_NOUNS = ("国有企业", "国企", "市属国有企业", "市属国企", "市属企业", "中央企业", "央企")
#: modifiers plans enumerate before one shared head (城镇和农村居民…, 国家级、省级…, 小学、初中…, 新建、改扩建…)
PAIRED_MODIFIERS = (
    "城镇",
    "农村",
    "城市",
    "乡村",
    "城区",
    "郊区",
    "小学",
    "初中",
    "高中",
    "中职",
    "高校",
    "男性",
    "女性",
    "国家级",
    "省级",
    "市级",
    "区级",
    "县级",
    "国际",
    "国内",
    "境内",
    "境外",
    "一级",
    "二级",
    "三级",
    "公办",
    "民办",
    "新建",
    "改建",
    "改扩建",
    "新增",
)
