"""Metrics: whether a number is a level, an increment, a growth rate, a share, a ratio, an index or a standard.

Read from the unit, the verb right before the number and the words of its subject. METRIC_RULES is tried
in order; each rule speaks only for the units it knows (`applies`), the first that matches wins, and
`physical-level` is what is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from etl.lexicon import (
    ADVANCE_VERBS,
    CAPACITY_NOUNS,
    CUT_VERBS,
    DECLINE_VERBS,
    DELIVERY_VERBS,
    EACH_WORDS,
    EXTENT_NOUNS,
    GRANT_WORDS,
    GROWTH_NOUNS,
    GROWTH_VERBS,
    HOLDER_NOUNS,
    LEFT_WORDS,
    LEVEL_VERBS,
    MONEY_FLOW_WORDS,
    NEW_VERBS,
    NORM_NOUNS,
    NORM_UNITS,
    PER_CAPITA,
    PER_UNIT,
    RAISED_BY,
    RESOLVE_WORDS,
    RIGHT_WORDS,
    SHARE_NOUNS,
    STOCK_CUES,
    TOTAL_NOUNS,
    alternation,
)
from etl.mentions import Mention
from etl.rules import Rule, RuleTable
from etl.timeframe.evidence import BASELINE_AFTER, BASELINE_BEFORE
from targets.vocab import Metric

PER_CAPITA_RE = re.compile(PER_CAPITA)
_PER_UNIT = re.compile(PER_UNIT)
#: a cap on what each recipient gets: 给予最高3000万元奖励, 补助最高不超过50万元
_CAP = re.compile(r"最高(?:不超过)?\s*$")
#: the noun of a norm right before its number: 补助标准1000元, 审批时限60个工作日. A 标准 heads the phrase only
#: where a predicate or the number follows it (标准提高到…, 标准为…, 标准分别提高…); before another word it is part
#: of a compound (标准化, 标准厂房, 现行标准下…) and after 高/级 a modifier (高标准农田, 三级标准)
_NORM_PREDICATE = alternation((*LEVEL_VERBS, *GROWTH_VERBS, *RAISED_BY, *LEFT_WORDS, *EACH_WORDS, "按", "每"))
_NORM_NOUN = re.compile(
    rf"(?<![高级])(?:标准(?=\s*$|\s*(?:{_NORM_PREDICATE}))|{alternation(n for n in NORM_NOUNS if n != '标准')})"
    r"[^，,。；;\d]{0,4}$"
)
#: a time reached (企业开办时间压缩至1个工作日) is a level, not a norm
_TIME_REACHED = re.compile(r"时间[^，,。；;\d]{0,2}(?:压缩|压减|缩短|稳定|控制)[至到在]$")
_ALL_OF = re.compile(r"所有.{0,20}(?:高于|不低于|不少于|达到)$")
_GROWTH_NOUN = re.compile(rf"{alternation(GROWTH_NOUNS)}|增长$")
#: a growth noun right before a level verb: 年均增速保持在6%左右, 增幅稳定在5%
_GROWTH_NOUN_HELD = re.compile(f"(?:{alternation(GROWTH_NOUNS)})(?:{alternation((*LEVEL_VERBS, *LEFT_WORDS, '在'))})?$")
#: a part of a whole: 占地区生产总值比重, 服务业比重, 占比, 份额 (a 率 — 覆盖率 — is a level)
_SHARE_HEADS = alternation(n for n in SHARE_NOUNS if n != "占比")
SHARE_OF = re.compile(rf"占.{{1,20}}(?:{_SHARE_HEADS})?$|{alternation(SHARE_NOUNS)}")
#: a policy package's support for each recipient: 对新认定的…给予一次性奖励500万元, 按设备投资额的15%给予补助
_GRANT = re.compile(alternation(GRANT_WORDS))
_RECIPIENT = re.compile(r"^\s*(?:对|对于|凡|按)|按[^，,。；;]{0,16}(?:的|标准)")
#: the rate or amount of a grant named as such: 补助比例30%, 贴息1个百分点, 奖补标准…
_GRANT_TERM = re.compile(
    r"(?:补助|奖补|补贴|贴息|奖励|资助)(?:比例|标准|额度|上限|率)\s*(?:为|按|达到|不超过|最高)?\s*$"
)
#: a rate granted with no noun of its own: 给予贴息1个百分点, 按投资额给予补助30% (a rate, never a total)
_GRANT_RATE = re.compile(r"(?:补助|奖补|补贴|贴息)\s*$")
_CAPACITY = re.compile(
    rf"(?:{alternation(n for n in CAPACITY_NOUNS if n != '规模')}|(?<!以上)规模)(?:达到|达|超过|突破|为)?$"
)
#: verbs that raise or cut a stock to a new level: 增加到5万个, 扩大至300公里
TO_LEVEL_VERBS = tuple(v for v in LEVEL_VERBS if v[-1] in "到至" and v != "达到")
#: a verb of change opening the subject (or right before the number): what follows is added or removed in the
#: period, whatever stock noun it names (新增高速公路通车里程, 减少农村贫困人口, 新开工…); 达到/累计/总… stay stocks
FLOW_VERB = re.compile(f"^(?:{alternation(NEW_VERBS + CUT_VERBS)})|(?:{alternation(NEW_VERBS + CUT_VERBS)})$")
_NEW = re.compile(alternation(NEW_VERBS))
_EXTENT_END = re.compile(f"(?:{alternation(EXTENT_NOUNS)})$")
_DELIVERY = re.compile(alternation(DELIVERY_VERBS + ADVANCE_VERBS))
_HOLDER = re.compile(rf"(?:{alternation(HOLDER_NOUNS)})$")
#: qualifiers and adverbs between the verb and the number (增长7%左右, 达到不低于…, 力争达到…, 分别达到)
_QUALIFIER_END = re.compile(f"({alternation(LEFT_WORDS + RIGHT_WORDS + RESOLVE_WORDS + EACH_WORDS)})$")

MONEY = ("CNY", "USD")
RATES = ("percent", "permille")
NOT_PHYSICAL = (*MONEY, *RATES, "percentage_point", "ratio", "count")


def verb_before_number(near: str) -> str:
    """The words right before a number without qualifiers or date (达到不低于 -> 达到, 增加到2027年的 -> 增加到)."""
    verb = _QUALIFIER_END.sub("", near)
    return re.sub(r"20\d{2}年(?:底|末)?的?$", "", verb)


def reaches_level(prefix: str) -> bool:
    """The words before a number end in a verb of reaching or holding a level (…达到15个, …提高到82%)."""
    return ends_with_any(verb_before_number(prefix.rstrip()[-10:]), LEVEL_VERBS) is not None


def plain(text: str) -> str:
    """Drop bracketed alternatives so verbs read whole: 新(改、扩)建 -> 新建."""
    return re.sub(r"[(（][^)）]{0,8}[)）]", "", text)


def ends_with_any(text: str, words: tuple[str, ...]) -> str | None:
    """The longest of `words` that `text` ends with, or None."""
    if not text.endswith(words):
        return None  # most texts: one C call, no loop
    for w in _longest_first(words):
        if text.endswith(w):
            return w
    return None


@cache
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def unframed(subject: str) -> str:
    """The subject without its period words: 五年累计减少…, 今年再减少…, 全年新增… -> 减少…, 新增…"""
    return re.sub(r"^(?:五年|三年|四年|全年|今年|累计|共|再|力争|年均)+", "", subject)


@dataclass(frozen=True)
class MetricWords:
    """The words a metric is read from: around the number, its subject, and what the sentence says.

    `multi_year`: the sentence plans for a horizon beyond this year; `status`: it states what stands at a
    date (截至2022年底), so its counts are stocks."""

    m: Mention
    prefix: str
    subject: str
    norm_unit: str
    suffix: str
    multi_year: bool = False
    status: bool = False

    @cached_property
    def near(self) -> str:
        return self.prefix.rstrip()[-10:]

    @cached_property
    def near_verb(self) -> str:
        return verb_before_number(self.near)

    @cached_property
    def plain(self) -> str:
        return plain(self.subject)

    @cached_property
    def per_capita(self) -> bool:
        return PER_CAPITA_RE.search(self.prefix[-14:]) is not None

    @cached_property
    def from_or_to(self) -> bool:
        """从X增加到Y (either number) or 增加到Y: a level is reached."""
        pair = BASELINE_BEFORE.search(self.prefix[-12:]) and BASELINE_AFTER.match(self.suffix)
        return bool(pair or ends_with_any(self.near_verb, TO_LEVEL_VERBS))

    @cached_property
    def new(self) -> bool:
        """新增/新建/新开…/净增 in the subject or right before the number (a count that is added)."""
        return _NEW.search(self.plain + self.near) is not None

    @cached_property
    def flow_verb(self) -> bool:
        return FLOW_VERB.match(unframed(self.plain)) is not None

    def unit_in(self, *units: str) -> bool:
        return self.norm_unit in units


def _policy_award(w: MetricWords) -> bool:
    """An amount a policy grants each recipient: 对…给予奖励X, 按…的X给予补助, 给予X的补贴."""
    words = w.prefix[-14:] + w.suffix[:8]
    return bool(_GRANT.search(words) and (_RECIPIENT.search(w.prefix) or re.search(r"给予[^，,。；;]{0,8}$", w.prefix)))


def _grant(w: MetricWords) -> bool:
    rate = w.unit_in("percent", "percentage_point") and _GRANT_RATE.search(w.prefix)
    return bool(_policy_award(w) or _GRANT_TERM.search(w.prefix) or rate)


def _growth_noun(w: MetricWords) -> bool:
    named = _GROWTH_NOUN.search(w.plain) or _GROWTH_NOUN_HELD.search(w.near.rstrip())
    return bool(named) and not ends_with_any(w.near_verb, ("提高到", "提升到", "提升至", "提高至"))


def _level_verb(w: MetricWords) -> bool:
    return bool(ends_with_any(w.near_verb, LEVEL_VERBS)) and not ends_with_any(w.near_verb, ("增长", "提高", "提升"))


def _money_added(w: MetricWords) -> bool:
    added = re.search(alternation(NEW_VERBS + MONEY_FLOW_WORDS), w.plain)
    return bool(added) and not re.search(r"总投资|总额|规模", w.plain)


def _count_reach(w: MetricWords) -> bool:
    """What a place has, reached: 企业/人才/机构 counts, holders (经理人, 志愿者, 用户, 市场主体), installations
    (5G基站, 充电桩, 床位, 泊位) — a stock; 航线达到115条 and other achievements stay flows."""
    reach = ends_with_any(w.near, ("达到", "达", "增至", "提高到", "提升至", "提升到", "超过", "突破")) is not None
    increment = w.new or any(v in w.plain for v in DELIVERY_VERBS)
    return reach and not increment and _HOLDER.search(w.plain) is not None


def _physical_stock(w: MetricWords) -> bool:
    """A total (总长度, 累计…), or the extent a network, a crop or a zone holds (播种面积, 运营里程) with no delivery
    verb saying it is added."""
    if any(word in w.plain for word in TOTAL_NOUNS):
        return True
    return _EXTENT_END.search(w.plain) is not None and _DELIVERY.search(w.plain) is None and not _NEW.search(w.plain)


def _named_norm(w: MetricWords) -> bool:
    """A number after a norm's noun (补助标准1000元, 审批时限60个工作日) — not a time reached (开办时间压缩至1个工作日),
    nor a norm raised by a rate (低保标准提高8.5%: the rate of its growth)."""
    if not _NORM_NOUN.search(w.near) or _TIME_REACHED.search(w.near):
        return False
    return not (w.unit_in(*RATES) and ends_with_any(w.near_verb, GROWTH_VERBS + DECLINE_VERBS))


def _built_by_horizon(w: MetricWords) -> bool:
    """到2025年建成天府绿道10000公里: the built total by then."""
    return w.multi_year and bool(re.search(r"建成|达到", w.plain[:4] + w.near_verb[-3:])) and "新" not in w.plain[:2]


def _physical_flow(w: MetricWords) -> bool:
    return (
        any(v in w.plain for v in DELIVERY_VERBS + ADVANCE_VERBS) or _DELIVERY.search(plain(w.prefix)[-10:]) is not None
    )


def _is_form(*forms: str):
    return lambda w: w.m.form in forms


def _units(*units: str):
    return lambda w: w.m.form not in ("ratio", "bare") and w.norm_unit in units


def _physical(w: MetricWords) -> bool:
    return w.m.form not in ("ratio", "bare") and w.norm_unit not in NOT_PHYSICAL


def _any_unit(w: MetricWords) -> bool:
    return w.m.form not in ("ratio", "bare")


_SPOKEN = re.compile(r"指数|CPI|满意度|得分|评分")
_RATIO_WORDS = re.compile(r"倍差|收入比|比值|之比")

# fmt: off
METRIC_RULES: RuleTable[MetricWords] = RuleTable("metric", (
    # the written form: a ratio 2.3∶1, a plain number (an index 103, a 倍差 2.36, a score)
    Rule("ratio-colon", "`ratio`: a ratio written N∶1", "城乡居民收入比缩小到2.3∶1",
         lambda w: True, Metric.RATIO, _is_form(Metric.RATIO)),
    Rule("price-index", "`index`: a plain number of an index, a score or satisfaction", "居民消费价格指数103左右",
         lambda w: _SPOKEN.search(w.prefix + w.subject), Metric.INDEX, _is_form("bare")),
    Rule("bare-ratio", "`ratio`: a plain number of a 倍差 or 收入比", "城乡居民收入倍差缩小到2.2",
         lambda w: _RATIO_WORDS.search(w.prefix + w.subject), Metric.RATIO, _is_form("bare")),
    Rule("bare-rate", "`level`: another plain number (a rate without its unit)", "新生儿死亡率控制在2以内",
         lambda w: True, Metric.LEVEL, _is_form("bare")),
    # policy grants and norms per unit, raises by an amount, durations that are norms
    Rule("policy-award", "`standard`: what a policy grants each recipient (对…给予奖励X, 补助比例30%)",
         "对新认定的国家级专精特新企业给予一次性奖励50万元",
         _grant, Metric.STANDARD, _units(*MONEY, "percent", "percentage_point")),
    Rule("raised-by", "`increment`: a raise by an amount (标准提高5元, 比上年增加1.3万亩)",
         "城乡居民基础养老金最低标准提高20元",
         lambda w: ends_with_any(w.near_verb, RAISED_BY), Metric.INCREMENT,
         lambda w: _any_unit(w) and w.norm_unit not in (*RATES, "percentage_point")),
    Rule("per-unit-standard", "`standard`: a norm per unit (每个社区至少1个), named as a norm (补助标准, 审批时限), "
         "for all (所有…不低于) or a grant's cap (最高3000万元)", "每个社区至少建设1个养老服务站",
         lambda w: (_PER_UNIT.search(w.prefix) and not w.per_capita)
         or _named_norm(w)
         or _ALL_OF.search(w.prefix) or (w.unit_in(*MONEY) and _CAP.search(w.near)),
         Metric.STANDARD, _any_unit),
    Rule("duration-norm", "`standard`: a return period (100年一遇) or a number of hours",
         "中小学生校内体育活动2小时",
         lambda w: w.m.unit_raw in NORM_UNITS or (w.norm_unit == "hour" and not w.per_capita), Metric.STANDARD,
         _any_unit),
    # multiples, percentage points, percentages
    Rule("multiple-growth", "`growth_rate`: a multiple grown by (增长1.1倍)", "数字经济核心产业增加值增长1.1倍",
         lambda w: ends_with_any(w.near_verb, GROWTH_VERBS + DECLINE_VERBS), Metric.GROWTH_RATE, _units(Metric.RATIO)),
    Rule("multiple", "`ratio`: a multiple of something (是上年的2.2倍)", "研发投入是2020年的2.2倍",
         lambda w: True, Metric.RATIO, _units(Metric.RATIO)),
    Rule("percentage-points", "`increment`: a change in percentage points", "常住人口城镇化率提高1个百分点",
         lambda w: True, Metric.INCREMENT, _units("percentage_point")),
    Rule("growth-noun", "`growth_rate`: a rate named by its noun (增速, 增幅, 涨幅, 降幅)", "居民消费价格涨幅3%左右",
         _growth_noun, Metric.GROWTH_RATE, _units(*RATES)),
    Rule("share-level", "`share`: a part of a whole raised to or held at a level (占…比重达到26%)",
         "服务业增加值占地区生产总值比重达到54%",
         lambda w: _level_verb(w) and SHARE_OF.search(w.plain), Metric.SHARE, _units(*RATES)),
    Rule("level-verb", "`level`: a rate raised to, reached or held (提高到82%, 控制在5.5%以内)", "森林覆盖率达到40.5%",
         _level_verb, Metric.LEVEL, _units(*RATES)),
    Rule("growth-verb", "`growth_rate`: a rate of growth or decline by its verb (增长6.5%, 下降13.5%)",
         "地区生产总值增长6.5%左右",
         lambda w: ends_with_any(w.near_verb, DECLINE_VERBS) or ends_with_any(w.near_verb, GROWTH_VERBS),
         Metric.GROWTH_RATE, _units(*RATES)),
    Rule("share-noun", "`share`: a part of a whole (比重, 占比, 比例)", "绿色出行比例75%",
         lambda w: SHARE_OF.search(w.plain), Metric.SHARE, _units(*RATES)),
    Rule("rate-level", "`level`: another percentage (a rate such as 覆盖率)", "城镇调查失业率5.5%",
         lambda w: True, Metric.LEVEL, _units(*RATES)),
    # money
    Rule("money-increment", "`increment`: money added in the period (新增贷款, 减税, 投放)", "新增减税降费50亿元",
         _money_added, Metric.INCREMENT, _units(*MONEY)),
    Rule("money-level", "`level`: an amount of money", "地区生产总值达到3000亿元",
         lambda w: True, Metric.LEVEL, _units(*MONEY)),
    # counted things: a flow in the period, or a stock the place holds (a capacity, a total, a status)
    Rule("duration", "`level`: a number of days", "企业开办时间压缩至1个工作日",
         lambda w: True, Metric.LEVEL, _units("day")),
    Rule("flow-verb", "`increment`: a verb of change before a stock noun is a flow (新增…里程, 减少贫困人口)",
         "新增高速公路通车里程400公里",
         lambda w: w.flow_verb or (w.norm_unit == "count" and FLOW_VERB.search(w.near_verb)), Metric.INCREMENT,
         lambda w: _any_unit(w) and w.norm_unit not in NOT_PHYSICAL[:-1]),
    Rule("count-capacity", "`level`: a count of what a place has (人口, 容量, 算力 in P)", "常住人口达到2140万人",
         lambda w: w.m.unit_raw.upper().endswith("P") or _CAPACITY.search(w.plain), Metric.LEVEL, _units("count")),
    Rule("count-stock", "`level`: a count said as a total (累计, 总数, 保有量, 已建成)", "累计建成5G基站3.2万个",
         lambda w: any(c in w.plain or c in w.near for c in STOCK_CUES) and not w.new, Metric.LEVEL, _units("count")),
    Rule("count-from-x-to-y", "`level`: a count raised from X to Y", "充电桩从目前的1.2万个增加到5万个",
         lambda w: w.from_or_to and not w.new, Metric.LEVEL, _units("count")),
    Rule("stock-at-date", "`level`: a count that stands at a date (截至2022年底…, 目前…)",
         "截至2022年底，千兆光网覆盖家庭150万户",
         lambda w: w.status and not w.new, Metric.LEVEL, _units("count")),
    Rule("count-reach", "`level`: holders reached (企业达到400家, 用户突破100万户)", "国家高新技术企业达到1.2万家",
         _count_reach, Metric.LEVEL, _units("count")),
    Rule("count-flow", "`increment`: another count (things done in the period)", "开展文化惠民活动1000场",
         lambda w: True, Metric.INCREMENT, _units("count")),
    # lengths, areas, volumes, energy, capacity
    Rule("physical-capacity", "`level`: what a place has (装机容量, 吞吐量, 总面积)", "光伏发电装机容量达到200万千瓦",
         lambda w: _CAPACITY.search(w.plain) and not _NEW.search(w.plain), Metric.LEVEL, _physical),
    Rule("physical-stock-at-date", "`level`: what stands at a date", "截至2022年底，全市建成天府绿道5000公里",
         lambda w: w.status and not _NEW.search(w.plain), Metric.LEVEL, _physical),
    Rule("physical-from-x-to-y", "`level`: raised from X to Y (or to Y)", "城市绿道总长度增加到5000公里",
         lambda w: w.from_or_to and not _NEW.search(w.plain), Metric.LEVEL, _physical),
    Rule("physical-stock", "`level`: the extent a network or a crop holds (总里程, 运营里程, 种植面积)",
         "轨道交通运营里程达到600公里",
         _physical_stock, Metric.LEVEL, _physical),
    Rule("built-by-horizon", "`level`: built by a horizon (到2025年建成…): the total by then",
         "到2027年，建成天府绿道10000公里",
         _built_by_horizon, Metric.LEVEL, _physical),
    Rule("physical-flow", "`increment`: built, renewed or delivered in the period", "改造雨污管网120公里",
         _physical_flow, Metric.INCREMENT, _physical),
    Rule("physical-level", "`level`: another physical quantity", "全社会用电量达到1500亿千瓦时",
         lambda w: True, Metric.LEVEL),
))
# fmt: on


def metric_for(words: MetricWords):
    """The metric of a number: (what fired, the metric)."""
    found = METRIC_RULES.first(words)
    assert found is not None  # physical-level always speaks
    return found
