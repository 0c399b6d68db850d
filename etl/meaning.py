"""What a quantity means: its indicator, comparator and metric, read from the words around it.

Works clause by clause (a clause ends at ，；：). Inside a clause, mentions joined only by 、/和/及
form an enumeration ("分别达到A、B", "X、Y参保率不低于93%、98%") whose subjects and qualifiers are
shared out. Each rule below names the language pattern it covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from etl.mentions import Mention
from etl.timeframe.evidence import BASELINE_AFTER, BASELINE_BEFORE, STATUS_NOW

#: a clause ends at ，；：。！？ — but not at the thousands separator of a number (1,850亿元)
CLAUSE_BREAK = re.compile(r"[，；;：:。！？!?]|(?<!\d),|,(?!\d{3}(?!\d))")

# --- comparators -----------------------------------------------------------------------------
#: words after a number (6000人以上, 5.5%以内, 7%左右)
RIGHT_QUALIFIERS: list[tuple[str, str]] = [
    ("及以上", ">="),
    ("以上", ">="),
    ("以内", "<="),
    ("以下", "<="),
    ("之内", "<="),
    ("左右", "~"),
    ("上下", "~"),
]
#: words before a number, nearest first wins (不低于81%, 超过500亿元, 控制在…以内)
LEFT_QUALIFIERS: list[tuple[str, str]] = [
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("不下于", ">="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("不大于", "<="),
    ("不多于", "<="),
    ("最多", "<="),
    ("最高", "<="),
    ("超过", ">"),
    ("突破", ">"),
    ("高于", ">"),
    ("大于", ">"),
    ("多于", ">"),
    ("逾", ">"),
    ("超", ">"),
    ("低于", "<"),
    ("小于", "<"),
    ("少于", "<"),
    ("约", "~"),
    ("近", "~"),
    ("大约", "~"),
    ("接近", "~"),
]

# --- verbs and adverbs -------------------------------------------------------------------------
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
DECLINE_VERBS = ("年均下降", "同比下降", "比上年下降", "下降", "降低", "减少", "削减", "降幅", "回落", "压减")
LEVEL_VERBS = (
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
    "达到",
    "达",
    "保持在",
    "保持",
    "稳定在",
    "控制在",
    "维持在",
    "为",
    "是",
)
#: verbs that end a subject and carry no meaning of their own, stripped from indicator names
TRAILING = sorted(
    {
        *GROWTH_VERBS,
        *DECLINE_VERBS,
        *LEVEL_VERBS,
        *(w for w, _ in LEFT_QUALIFIERS),
        "年均增速",
        "年均增幅",
        "分别达到",
        "分别达",
        "分别为",
        "分别增长",
        "分别下降",
        "分别",
        "均增长",
        "均达到",
        "均",
        "都",
        "总计",
        "合计",
        "共",
        "累计达到",
        "实现",
        "力争",
        "确保",
        "争取",
        "预计",
        "在",
        "至",
        "到",
        "于",
        "的",
        "了",
        "已",
        "再",
        "新",
        "约为",
        "超出",
        # milestones passed: 连续跨越7万亿、8万亿两个台阶, 迈上千亿台阶
        "连续跨越",
        "跨越",
        "迈上",
        "跨上",
        "以上",
        "同口径",
        "完成",
        "从目前的",
        "从目前",
        "从现在的",
        "由目前的",
        "从",
        "由",
    },
    key=len,
    reverse=True,
)
#: words that open a clause but are not part of the indicator
LEADING = re.compile(
    r"^(?:[\s、，,]|(?:及以上|以上|以下|以内|之内|左右|上下)(?=[、，,；;\s])"
    # the present state's verbs: 全市现有/共有/已有…, 已建成…
    r"|目前|现有|共有|已有|拥有(?!量)|已(?=建成|完成|实现|累计|覆盖|有)|力争|确保|争取|努力|预计|全年|全市|全区|全县|全省|今年|明年|年内|同时|其中|此外|另外|并且|并|和|及|以及|与"
    r"|去年|上年|进一步|持续|继续|加快|推动|推进|大力|积极|着力|全面|基本|到20\d{2}年底?|20\d{2}年(?:底|末)?|“十[一二三四五六]五”期间"
    # deadlines: 12月底前, 2023年6月30日前, 年底前
    r"|(?:(?:20\d{2}年)?\d{1,2}月(?:\d{1,2}日)?(?:底|末|中旬|上旬|下旬)?|年(?:底|末))(?:前|以前|之前)"
    r"|共计|总计|合计|共|分别|实现|完成了|累计完成|累计实现|我们|我区|我市)+"
)
INCREMENT_VERBS = (
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
    "净增",
    "筹集",
    "筹建",
    "建成",
    "建设",
    "改造",
    "改扩建",
    "改建",
    "扩建",
    "整治",
    "治理",
    "腾退",
    "盘活",
    "完成",
    "打造",
    "培育",
    "引进",
    "实施",
    "提供",
    "发放",
    "安装",
    "开展",
    "举办",
    "开通",
    "开工",
    "竣工",
    "修复",
    "造林",
    "绿化",
    "提升改造",
    "吸纳",
    "转移",
    "培训",
    "招引",
    "签约",
    "孵化",
    "创建",
    "增设",
    "开行",
    "落地",
    "投放",
    "节约",
    "减税",
    "招聘",
    "服务",
    "覆盖",
    "惠及",
    "培养",
    "认定",
    "组织",
)
STOCK_WORDS = (
    "总长度",
    "总里程",
    "总规模",
    "总量",
    "总数",
    "累计",
    "保有量",
    "拥有量",
    "存量",
    "达到",
    "增至",
    "提高到",
    "提升至",
    "提升到",
    "数量达",
    "规模达",
    "运营里程",
    "通车里程",
    "装机",
    "能力",
    "规模",
    "营业收入",
    "产值",
    "总额",
    "余额",
    "成交额",
    "交易额",
    "收入",
    "增加值",
    "吞吐",
    "产量",
    "用电量",
    "负荷",
    "面积",
    "人口",
    "寿命",
    "人数",
    "户数",
    "用户",
)
SHARE_WORDS = ("比重", "占比", "比例", "份额", "所占", "构成")
PER_CAPITA = re.compile(r"人均|每(?:万|千|百|十万)人口?|每百户|每千名|每万名")


@dataclass
class Reading:
    """The meaning of one mention."""

    mention: Mention
    indicator: str
    comparator: str
    metric: str
    per_capita: bool
    rules: list[str] = field(default_factory=list)
    duplicate_for: list[str] = field(default_factory=list)  # 均增长: one row per subject
    subject: str = ""  # the subject the indicator was named from (before 增速/降幅 are added)


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence."""
    spans, start = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


#: a year closing the subject belongs to the number, not the indicator: 由2022年的1.5万个, 较2020年下降,
#: 比“十三五”末提高
_TRAILING_YEAR = (
    r"(?:较|比)?(?:20\d{2}年(?:底|末)?|[“\"]?十[一二三四五六]?五[”\"]?(?:期末|末))"
    r"|(?:较|比|同比|与)(?:上年|去年|上一年度?)(?:同期|末|底)?(?:相比)?"
)
_TRAILING_RE = re.compile("(?:" + "|".join(re.escape(w) for w in TRAILING) + "|" + _TRAILING_YEAR + r")[、，, ]*$")


def strip_subject(text: str) -> str:
    """The indicator part of the words before a number: leading adverbs and trailing verbs removed."""
    s = text.strip()
    s = re.sub(r"[(（][^)）]*$", "", s)  # an unclosed bracket belongs to what follows
    while s:
        stripped = _TRAILING_RE.sub("", s, count=1)
        if stripped == s:
            break
        s = stripped
    s = LEADING.sub("", s)
    return s.strip('、，,:： “"')


def _right_comparator(text: str, end: int) -> str | None:
    tail = text[end : end + 4].lstrip()
    for word, comp in RIGHT_QUALIFIERS:
        if tail.startswith(word):
            return comp
    return None


def _left_comparator(prefix: str) -> str | None:
    window = prefix[-8:]
    best, best_pos = None, -1
    for word, comp in LEFT_QUALIFIERS:
        pos = window.rfind(word)
        if pos >= 0 and pos + len(word) > best_pos:
            # 不超过 contains 超过; 不低于 contains 低于: the longer word ending at the same place wins
            if pos + len(word) == best_pos and best is not None:
                continue
            best, best_pos = comp, pos + len(word)
    cap = re.search(r"最高[^，,。；;\d]{1,6}$", prefix)  # 每人每年最高发放补贴5万元: 最高 governs the amount
    if best and window[best_pos:].strip() and re.search(r"[\u4e00-\u9fff]{3,}", window[best_pos:]) and not cap:
        return None  # the comparator governs an earlier phrase, not this number
    return best or ("<=" if cap else None)


def comparator_for(text: str, m: Mention, prefix: str) -> tuple[str, str]:
    """(comparator, rule name) for a mention, given the sentence text and the words before it."""
    if m.is_range:
        return "range", "range"
    right = _right_comparator(text, m.end)
    if right:
        return right, "right-qualifier"
    if m.approx:
        return ">", "approx-more-than"
    left = _left_comparator(prefix)
    if left:
        return left, "left-qualifier"
    return "=", "plain"


def _ends_with_any(text: str, words: tuple[str, ...]) -> str | None:
    for w in sorted(words, key=len, reverse=True):
        if text.endswith(w):
            return w
    return None


#: per-unit norms: 每个社区至少1个, 每天不低于2小时 (but 每万人口… is a per-capita rate, a level)
#: (每年培育6000家 is a yearly count, not a norm: 年 is left out; 单个项目补助不超过500万元 and 每人最高30万元 are)
PER_UNIT = re.compile(
    r"每(?:个|一个|天|日|周|两周|月|学年|学期|生|名|人次|人|户|村|镇|乡镇|街道|社区|区|县|区县|所|家|次|场|班)"
    r"|单(?:个|笔|户|家)"
)
#: a cap on what each recipient gets: 给予最高3000万元奖励, 补助最高不超过50万元
CAP = re.compile(r"最高(?:不超过)?\s*$")
#: the noun right before a number that makes it a norm: 补助标准1000元, 审批时限60个工作日
STANDARD_NOUN = re.compile(
    r"(?<![高级])(?:标准(?!化|农田|队伍|厂房)|时限|期限|半径|时长|课时|学时|层级|时间)[^，,。；;\d]{0,4}$"
)
TIME_REACHED = re.compile(r"时间[^，,。；;\d]{0,2}(?:压缩|压减|缩短|稳定|控制)[至到在]$")
ALL_OF = re.compile(r"所有.{0,20}(?:高于|不低于|不少于|达到)$")
GROWTH_NOUN = re.compile(r"增速|增幅|涨幅|降幅|增长率|降低率|下降率|递增率|减少率|增长$")
#: a growth noun right before a level verb: 年均增速保持在6%左右, 增幅稳定在5%
GROWTH_NOUN_HELD = re.compile(
    r"(?:增速|增幅|涨幅|降幅|增长率)(?:保持在|保持|稳定在|控制在|维持在|达到|达|为|在|不低于|高于|超过)?$"
)
#: a part of a whole: 占地区生产总值比重, 服务业比重, 占比, 份额, 绿色出行比例 (a 率 — 覆盖率 — is a level)
SHARE_OF = re.compile(r"占.{1,20}(?:比重|比例|份额)?$|比重|占比|比例|份额")
#: a policy package's support for each recipient: 对新认定的…给予一次性奖励500万元, 按设备投资额的15%给予补助,
#: 按30万元/人标准给予安家补贴 — a standard of the policy, not a total
POLICY_AWARD = re.compile(r"给予|奖补|补助|补贴|贴息|资助|奖励")
POLICY_RECIPIENT = re.compile(r"^\s*(?:对|对于|凡|按)|按[^，,。；;]{0,16}(?:的|标准)")
#: the rate or amount of a grant named as such: 补助比例30%, 贴息1个百分点, 奖补标准…
POLICY_TERM = re.compile(
    r"(?:补助|奖补|补贴|贴息|奖励|资助)(?:比例|标准|额度|上限|率)\s*(?:为|按|达到|不超过|最高)?\s*$"
)
#: a rate granted with no noun of its own: 给予贴息1个百分点, 按投资额给予补助30% (a rate, never a total)
POLICY_RATE = re.compile(r"(?:补助|奖补|补贴|贴息)\s*$")
#: a raise by an amount (最低标准提高5元, 再增加10元, 比上年增加1.3万亩): the change, not the new level
RAISED_BY = ("提高", "增加", "再提高", "再增加", "减少", "净增", "扩大", "缩减", "压减")
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
#: what a place has rather than what it adds: population, capacity, life expectancy
CAPACITY_NOUNS = re.compile(
    r"(?:人口|寿命|能力|装机|容量|(?<!以上)规模|吞吐量|保有量|拥有量|覆盖面积|总面积)(?:达到|达|超过|突破|为)?$"
)


def _plain(text: str) -> str:
    """Drop bracketed alternatives so verbs read whole: 新(改、扩)建 -> 新建."""
    return re.sub(r"[(（][^)）]{0,8}[)）]", "", text)


#: verbs that raise or cut a stock to a new level: 增加到5万个, 扩大至300公里
TO_LEVEL_VERBS = tuple(v for v in LEVEL_VERBS if v[-1] in "到至" and v != "达到")
#: a status date: what stands at that date is a stock (截至2022年底，千兆光网覆盖家庭150万户)
STATUS_DATE = re.compile(
    r"(?:截至|截止)(?:到)?\s*(?:20\d{2}\s*年|目前|今年|去年|年底|\d{1,2}\s*月)"
    # or a sentence opening on the present state (目前，全市已建成5G基站3000个 / 全市现有…): the time rules' own
    + "|"
    + STATUS_NOW.pattern
)


#: a verb of change opening the subject (or right before the number): what follows is added or removed in the
#: period, whatever stock noun it names (新增高速公路通车里程, 减少农村贫困人口, 新开工…); 达到/累计/总… stay stocks
FLOW_VERB = re.compile(r"^(?:新增|新建|新开工|新开通|新改建|新建改造|净增|减少|削减|压减)|(?:减少|净增|新增)$")


def _unframed(subject: str) -> str:
    """The subject without its period words: 五年累计减少…, 今年再减少…, 全年新增… -> 减少…, 新增…"""
    return re.sub(r"^(?:五年|三年|四年|全年|今年|累计|共|再|力争|年均)+", "", subject)


#: nouns whose count, once reached (达到/增至), is a stock the place holds
STOCK_HOLDERS = re.compile(
    r"(?:数|数量|企业|人才|机构|园区|总量|人|者|用户|户|主体|基站|充电桩|充电站|换电站|床位|车位|泊位|会员)$"
)


def _policy_award(prefix: str, suffix: str) -> bool:
    """An amount a policy grants each recipient: 对…给予奖励X, 按…的X给予补助, 给予X的补贴."""
    words = prefix[-14:] + suffix[:8]
    return bool(
        POLICY_AWARD.search(words) and (POLICY_RECIPIENT.search(prefix) or re.search(r"给予[^，,。；;]{0,8}$", prefix))
    )


_QUALIFIER_END = re.compile(r"(不低于|不少于|不超过|超过|突破|高于|低于|左右|以上|约|近|力争|确保|分别|均|都)$")


@dataclass(frozen=True)
class _Words:
    """The words a metric is read from: around the number, its subject, and what the sentence says."""

    m: Mention
    prefix: str
    subject: str
    norm_unit: str
    suffix: str
    multi_year: bool
    status: bool

    @cached_property
    def near(self) -> str:
        return self.prefix.rstrip()[-10:]

    @cached_property
    def near_verb(self) -> str:
        verb = _QUALIFIER_END.sub("", self.near)
        return re.sub(r"20\d{2}年(?:底|末)?的?$", "", verb)  # 增加到2027年的4万个

    @cached_property
    def plain(self) -> str:
        return _plain(self.subject)

    @cached_property
    def from_or_to(self) -> bool:
        """从X增加到Y (either number) or 增加到Y: a level is reached."""
        pair = BASELINE_BEFORE.search(self.prefix[-12:]) and BASELINE_AFTER.match(self.suffix)
        return bool(pair or _ends_with_any(self.near_verb, TO_LEVEL_VERBS))


def metric_for(
    m: Mention,
    prefix: str,
    subject: str,
    norm_unit: str,
    suffix: str,
    multi_year: bool = False,
    status: bool = False,
) -> tuple[str, str]:
    """(metric, rule name) from the unit, the verb right before the number, and the indicator's words.

    `status`: the sentence states what stands at a date (截至2022年底), so its counts are stocks.
    The steps are tried in order, each for the units it knows; the first that decides wins.
    """
    words = _Words(m, prefix, subject, norm_unit, suffix, multi_year, status)
    for step in (_form_metric, _norm_metric, _rate_metric, _money_metric, _count_metric, _physical_metric):
        found = step(words)
        if found:
            return found
    return "level", "physical-level"


def _form_metric(w: _Words) -> tuple[str, str] | None:
    """A ratio written 2.3∶1, a plain number (an index 103, a 倍差 2.36, a score)."""
    if w.m.form == "ratio":
        return "ratio", "ratio-colon"
    if w.m.form == "bare":
        if re.search(r"指数|CPI|满意度|得分|评分", w.prefix + w.subject):
            return "index", "price-index"
        if re.search(r"倍差|收入比|比值|之比", w.prefix + w.subject):
            return "ratio", "bare-ratio"
        return "level", "bare-rate"
    return None


def _norm_metric(w: _Words) -> tuple[str, str] | None:
    """Policy grants and norms per unit, raises by an amount, durations that are norms."""
    unit, prefix, near = w.norm_unit, w.prefix, w.near
    per_capita = PER_CAPITA.search(prefix[-14:])
    rate = unit in ("percent", "percentage_point") and POLICY_RATE.search(prefix)
    if unit in ("CNY", "USD", "percent", "percentage_point") and (
        _policy_award(prefix, w.suffix) or POLICY_TERM.search(prefix) or rate
    ):
        return "standard", "policy-award"
    if unit not in ("percent", "permille", "percentage_point") and _ends_with_any(w.near_verb, RAISED_BY):
        return "increment", "raised-by"
    capped = unit in ("CNY", "USD") and CAP.search(near)
    # a time reached (企业开办时间压缩至1个工作日) is a level; a time limit (审批时限60个工作日) is a norm
    named_norm = STANDARD_NOUN.search(near) and not TIME_REACHED.search(near)
    if (PER_UNIT.search(prefix) and not per_capita) or named_norm or ALL_OF.search(prefix) or capped:
        return "standard", "per-unit-standard"
    if w.m.unit_raw in ("年一遇",) or (unit == "hour" and not per_capita):
        return "standard", "duration-norm"
    return None


def _rate_metric(w: _Words) -> tuple[str, str] | None:
    """Multiples, percentage points, percentages: a growth rate, a share or a level."""
    unit, plain, near_verb = w.norm_unit, w.plain, w.near_verb
    if unit == "ratio":  # 增长1.1倍 is a growth rate; 是上年的2.2倍, 倍差2.36 are ratios
        growth = _ends_with_any(near_verb, GROWTH_VERBS + DECLINE_VERBS)
        return ("growth_rate", "multiple-growth") if growth else ("ratio", "multiple")
    if unit == "percentage_point":
        return "increment", "percentage-points"
    if unit not in ("percent", "permille"):
        return None
    if (GROWTH_NOUN.search(plain) or GROWTH_NOUN_HELD.search(w.near.rstrip())) and not _ends_with_any(
        near_verb, ("提高到", "提升到", "提升至", "提高至")
    ):
        return "growth_rate", "growth-noun"
    if _ends_with_any(near_verb, LEVEL_VERBS) and not _ends_with_any(near_verb, ("增长", "提高", "提升")):
        return ("share", "share-level") if SHARE_OF.search(plain) else ("level", "level-verb")
    if _ends_with_any(near_verb, DECLINE_VERBS) or _ends_with_any(near_verb, GROWTH_VERBS):
        return "growth_rate", "growth-verb"
    if SHARE_OF.search(plain):
        return "share", "share-noun"
    return "level", "rate-level"


def _money_metric(w: _Words) -> tuple[str, str] | None:
    if w.norm_unit not in ("CNY", "USD"):
        return None
    if re.search(r"新增|净增|减税|投放|新签|新引", w.plain) and not re.search(r"总投资|总额|规模", w.plain):
        return "increment", "money-increment"
    return "level", "money-level"


def _count_metric(w: _Words) -> tuple[str, str] | None:
    """Counted things: a flow in the period, or a stock the place holds (a capacity, a total, a status)."""
    if w.norm_unit != "count":
        return None
    plain, near = w.plain, w.near
    new = re.search(r"新增|新建|新开|新培育|新引进|净增", plain + near)
    if FLOW_VERB.match(_unframed(plain)) or FLOW_VERB.search(w.near_verb):
        return "increment", "flow-verb"  # 减少农村贫困人口110万, 新增就业…: a flow whatever the noun
    if w.m.unit_raw.upper().endswith("P") or CAPACITY_NOUNS.search(plain):
        return "level", "count-capacity"
    if any(word in plain or word in near for word in STOCK_CUES) and not new:
        return "level", "count-stock"
    if w.from_or_to and not new:
        return "level", "from-x-to-y"  # 充电桩从目前的1.2万个增加到5万个
    if w.status and not new:
        return "level", "stock-at-date"  # 截至2022年底，千兆光网覆盖家庭150万户
    reach = _ends_with_any(near, ("达到", "达", "增至", "提高到", "提升至", "提升到", "超过", "突破")) is not None
    increment = new or any(v in plain for v in INCREMENT_VERBS)
    # what a place has, reached: 企业/人才/机构 counts, holders (经理人, 志愿者, 用户, 市场主体), installations
    # (5G基站, 充电桩, 床位, 泊位) — a stock; 航线达到115条 and other achievements stay flows
    if reach and not increment and STOCK_HOLDERS.search(plain):
        return "level", "count-reach"
    return "increment", "count-flow"


def _physical_metric(w: _Words) -> tuple[str, str] | None:
    """Lengths, areas, volumes, energy, capacity (and durations in days)."""
    if w.norm_unit == "day":
        return "level", "duration"
    plain = w.plain
    if FLOW_VERB.match(_unframed(plain)):
        return "increment", "flow-verb"  # 新增高速公路通车里程400公里, 新增…装机容量: a flow whatever the noun
    new = re.search(r"新增|新建", plain)
    if CAPACITY_NOUNS.search(plain) and not new:
        return "level", "physical-capacity"
    if (w.from_or_to or w.status) and not new:
        return "level", "physical-from-x-to-y" if not w.status else "physical-stock-at-date"
    if any(word in plain for word in ("总长度", "总里程", "运营里程", "通车里程", "总规模", "累计", "种植面积")):
        return "level", "physical-stock"
    if w.multi_year and re.search(r"建成|达到", plain[:4] + w.near_verb[-3:]) and "新" not in plain[:2]:
        return "level", "built-by-horizon"  # 到2025年建成天府绿道10000公里: the built total by then
    if any(v in plain for v in (*INCREMENT_VERBS, "提升", "修复", "新(改")) or re.search(
        r"新增|新建|建成|改造|治理|提升", _plain(w.prefix)[-10:]
    ):
        return "increment", "physical-flow"
    return None


def _object_after(text: str, end: int) -> str:
    """The noun phrase after a number ("完成601个老旧小区改造"): up to the clause end or the next 和/、/的."""
    return _object_span(text, end)[0]


def _object_span(text: str, end: int) -> tuple[str, int]:
    """The noun phrase after a number and where it stops in `text`."""
    rest = text[end:]
    lead = re.match(r"(?:及以上|以上|以内|左右|余|多)?", rest)
    skip = lead.end() if lead else 0
    stop = re.search(r"[，,。；;、：:（(]|以及|和|及|并|等|，", rest[skip:])
    stop_at = end + skip + (stop.start() if stop else len(rest) - skip)
    return text[end + skip : stop_at].strip('的 “”"'), stop_at


def _with_clause_verb(subject: str, verb: str) -> str:
    """A list item's subject with the clause's verb before it, when it has none of its own (for its metric)."""
    if not verb or _leading_verb(subject) or FLOW_VERB.match(_unframed(subject)):
        return subject
    return verb + subject


NOT_AN_OBJECT = re.compile(r"(?:增长|下降|提高|左右|以上|以内|的|[一二两三四五六七八九十]+[个项大])")


def _usable_object(text: str, end: int) -> bool:
    """A noun phrase follows the number at `end` (新建12个社区食堂), not a verb, a qualifier or the clause end."""
    obj = _object_span(text, end)[0]
    # (…、5000亿元两个台阶: a count in words after a list sums the list up, it is no noun of the number)
    return len(obj) >= 2 and not NOT_AN_OBJECT.match(obj)


def _head_noun(part: str) -> str:
    """The shared head of an enumeration's last part: 参保率 in 基本医疗保险参保率."""
    m = re.search(
        r"(占[^、]*比重|[\u4e00-\u9fff]{0,3}(?:率|比重|比例|总额|总量|规模|增加值|营业收入|收入|产值|数量|人数|吞吐量|强度))$",
        part,
    )
    return m.group(1) if m else ""


#: what a counted subject has, said after a list item of its count: 企业…家、营业收入…亿元; 项目…个、完成投资…亿元
ATTRIBUTE_HEAD = re.compile(
    r"营业收入|主营业务收入|营收|产值|总产值|完成投资|投资|总投资|投资额|税收|利润|就业人数|从业人员"
)

#: modifiers that plans enumerate before one shared head (城镇和农村居民…, 国家级、省级…, 小学、初中…)
PAIRED_MODIFIER = re.compile(
    r"城镇|农村|城市|乡村|城区|郊区|小学|初中|高中|中职|高校|男性|女性|国家级|省级|市级|区级|县级|国际|国内|境内|境外"
    r"|一级|二级|三级|公办|民办|新建|改建|改扩建|新增"
)


def _share_modifiers(parts: list[str]) -> list[str] | None:
    """Modifiers sharing the last item's head: 城镇和农村居民人均可支配收入, 小学、初中入学率, 国家级和省级创新平台."""
    lead = PAIRED_MODIFIER.match(parts[-1])
    if lead and all(PAIRED_MODIFIER.fullmatch(p) for p in parts[:-1]) and len(parts[-1]) > lead.end() + 1:
        return [*(p + parts[-1][lead.end() :] for p in parts[:-1]), parts[-1]]
    return None


def distribute(subject: str, n: int) -> list[str] | None:
    """Share an enumerated subject out over n values: "X、Y参保率" -> ["X参保率", "Y参保率"]."""
    if n == 2 and subject.startswith("城乡"):
        return ["城镇" + subject[2:], "农村" + subject[2:]]
    enumerated = _enumeration_then_head(subject, n)
    if enumerated:
        return enumerated
    parts = [p for p in re.split(r"、|和|及|与|以及", subject) if p]
    if len(parts) != n:
        return None
    shared = _share_modifiers(parts)
    if shared:
        return shared
    head = _head_noun(parts[-1])
    if head and len(parts[-1]) > len(head):
        return [p if p.endswith(head) else p + head for p in parts]
    return parts


#: where the enumerated subjects end and their predicate begins: A和B实现“双倍增”
_PREDICATE = re.compile(r"实现|保持|继续|持续|力争|确保|均|都|迈入|进入|突破|翻番|倍增|增长|达到|“|\"")


def _enumeration_then_head(subject: str, n: int) -> list[str] | None:
    """Enumerated subjects, a predicate, then the head the values are of, after 、or ，:
    高新技术企业和科技型企业实现“双倍增”、总量分别达到A和B -> 高新技术企业总量, 科技型企业总量."""
    cut = re.search(r"[、，,](?=[^、，,]+$)", subject)
    if not cut:
        return None
    front, head = subject[: cut.start()], subject[cut.end() :]
    predicate = _PREDICATE.search(front)
    if not predicate or len(head) > 8 or re.search(r"和|及|与", head):
        return None
    parts = [p for p in re.split(r"、|和|及|与|以及", front[: predicate.start()]) if p]
    if len(parts) != n or any(len(p) > 14 for p in parts):
        return None
    return [p + head for p in (_share_modifiers(parts) or parts)]


#: 均/都 before the verb: one value for each enumerated subject (航空旅客、货邮吞吐量均增长6%以上)
EACH = re.compile(
    r"(?:均|都)(?:增长|提高|提升|下降|降低|达到|达|为|保持在|保持|稳定在|不低于|不少于|超过|高于|低于|在)?$"
)


def read_sentence(
    text: str, mentions: list[Mention], norm_units: list[str], multi_year: bool = False, carried: str = ""
) -> list[Reading]:
    """Readings of all mentions of one sentence, left to right.

    `multi_year`: the sentence plans for a horizon beyond this year, where 建成 X公里 is the built
    total at the horizon rather than this year's addition.
    `carried`: the subject the previous sentence ended on when only a ； separates them, for a sentence
    that omits it (到2025年，森林覆盖率达到42%；到2035年，达到45%).
    """
    readings: list[Reading] = []
    last_subject = carried
    clause_spans = _clauses(text)
    for c_start, c_end in clause_spans:
        in_clause = [(i, m) for i, m in enumerate(mentions) if c_start <= m.start < c_end]
        if not in_clause:
            tail = strip_subject(text[c_start:c_end])
            if tail and len(tail) <= 30:
                last_subject = tail  # a subject-only clause: "全市最大电力负荷和全社会用电量"
            continue
        groups: list[list[tuple[int, Mention]]] = []
        for i, m in in_clause:
            if groups:
                prev = groups[-1][-1][1]
                gap = text[prev.end : m.start]
                gap_clean = re.sub(r"^(?:及以上|以上|以内|左右)", "", gap).strip()
                # 减少贫困人口110万以上、1000个贫困村脱贫摘帽: a number before its own noun after a number after
                # its subject starts a new item, not an enumeration of one subject
                own_noun = _usable_object(text, m.end) and not _usable_object(text, prev.end)
                if re.fullmatch(r"(?:、|和|及|与|或)?", gap_clean) and not own_noun:
                    groups[-1].append((i, m))
                    continue
            groups.append([(i, m)])
        cursor = c_start
        # 新建改造体育公园60个、健身步道1000公里: a later item without a verb of its own is under the clause's
        clause_verb = _leading_verb(text[c_start : in_clause[0][1].start])
        object_mode: str | None = None  # the verb while numbers take the noun after them
        object_end = c_start  # where the previous group's object-after-number stopped
        counted_before = False  # the previous group counted things (企业…家, 项目…个)
        prev_obj, prev_first = "", len(readings)  # the previous group's object and its first reading
        for group in groups:
            first = group[0][1]
            prefix = text[cursor : first.start]
            subject = strip_subject(prefix)
            rules: list[str] = []
            enumerated: list[str] | None = None
            examples = _names_examples(prefix) or _lists_names(prefix)
            obj, obj_end = _object_span(text, group[-1][1].end)
            usable_obj = obj and len(obj) >= 2 and not re.match(r"^(?:增长|下降|提高|左右|以上|以内|的)", obj)
            # 新建50个智能工厂和500个数字化车间: the next number follows the previous object and a joiner
            joiner = text[max(cursor, object_end) : first.start].strip() if object_end <= first.start else prefix
            chained = object_mode is not None and re.fullmatch(r"[、和及与]?|以及", joiner) is not None
            if chained and usable_obj:
                subject = object_mode + obj  # 建成2—3个世界级商圈、10个高品质商圈
                rules.append("object-after-number")
                shared = _share_modifiers([prev_obj, obj]) if PAIRED_MODIFIER.fullmatch(prev_obj) else None
                for r in readings[prev_first:] if shared else ():
                    # 推动14个国家级、20个省级产业集群提质增效: the bare modifier shares the next object's head
                    r.subject = r.subject[: len(r.subject) - len(prev_obj)] + shared[0]
                    r.indicator = name_indicator(r.subject, r.metric, False)
                    r.rules.append("modifier-shares-next-object")
            elif re.search(r"[\u4e00-\u9fff]", subject) is None or _is_bare_verb(prefix) or examples:
                verb = _leading_verb(prefix)
                if usable_obj:
                    keep_verb = verb and re.search(
                        r"新|建|改造|整治|开工|竣工|签约|引进|培育|打造|实施|落地|增设", verb
                    )
                    object_mode = verb if keep_verb else ""
                    subject = object_mode + obj
                    rules.append("named-examples" if examples else "object-after-number")
                elif examples and _after_examples(prefix):
                    subject = (verb or "") + _after_examples(prefix)  # 签约云视科技、乡伴文旅等项目145个
                    rules.append("named-examples")
                elif last_subject and not examples:
                    subject = last_subject
                    rules.append("omitted-subject")
            elif usable_obj and _VERB_END.search(subject):
                subject = subject + obj  # 每个社区建立1个微型消防站; 重点路口增设32套检测设备
                rules.append("verb-object")
            elif (
                last_subject
                and counted_before
                and ATTRIBUTE_HEAD.fullmatch(subject)
                and re.match(r"\s*(?:及以上|以上|以内|左右|余|多)?\s*、", prefix)
            ):
                # 高新技术企业达400家以上、营业收入突破165亿元: the next list item is an attribute of the same subject
                verb = _leading_verb(last_subject)
                subject = last_subject[len(verb) :] + subject if verb else last_subject + subject
                rules.append("attribute-of-previous-item")
            elif last_subject and (GENERIC_HEAD.fullmatch(subject) or subject in ("累计", "总计", "合计")):
                # A和B持续壮大，数量分别达到X和Y: the head is of each enumerated subject
                enumerated = _enumeration_then_head(last_subject + "，" + subject, len(group))
                subject = last_subject + subject  # …不少于2处，总数不少于500处
                rules.append("generic-head")
            if "object-after-number" not in rules and "named-examples" not in rules:
                object_mode = None
            else:
                object_end = obj_end
            if subject.startswith("占") and last_subject:
                subject = last_subject + subject  # 工业投资…，占固定资产投资比重23%
                rules.append("share-of-previous")
            names = (enumerated or distribute(subject, len(group))) if len(group) > 1 else None
            # Qualifiers shared across an enumeration: the last one's 以上, the first one's 不低于.
            shared_right = _right_comparator(text, group[-1][1].end)
            shared_left = _left_comparator(prefix)
            each_dup: list[str] = []
            if len(group) == 1 and re.search(r"[、和]", subject) and EACH.search(prefix.strip()):
                each_dup = distribute(subject, len(re.split(r"、|和", subject))) or []
            for k, (i, m) in enumerate(group):
                local_prefix = prefix if k == 0 else text[group[k - 1][1].end : m.start]
                name = names[k] if names else subject
                comp, comp_rule = comparator_for(text, m, local_prefix if k == 0 else prefix)
                if comp == "=" and shared_right and k < len(group) - 1:
                    comp, comp_rule = shared_right, "shared-right-qualifier"
                if comp == "=" and shared_left and k > 0:
                    comp, comp_rule = shared_left, "shared-left-qualifier"
                metric, metric_rule = metric_for(
                    m,
                    prefix,
                    _with_clause_verb(name, clause_verb) if cursor > c_start else name,
                    norm_units[i],
                    text[m.end : c_end],
                    multi_year,
                    STATUS_DATE.search(text, 0, m.start) is not None,
                )
                decline = metric == "growth_rate" and _ends_with_any(
                    re.sub(r"(左右|以上|约|分别|均)$", "", prefix.rstrip()), DECLINE_VERBS
                )
                indicator = name_indicator(name, metric, bool(decline))
                readings.append(
                    Reading(
                        m,
                        indicator,
                        comp,
                        metric,
                        bool(PER_CAPITA.search(name + prefix[-6:])),
                        [*rules, comp_rule, metric_rule],
                        [name_indicator(d, metric, bool(decline)) for d in each_dup],
                        name,
                    )
                )
            last_subject = subject if subject else last_subject
            cursor = group[-1][1].end
            counted_before = norm_units[group[-1][0]] == "count"
            prev_obj, prev_first = (obj if object_mode is not None else ""), len(readings) - len(group)
    return readings


#: adverbs that may precede the verb of a clause (深入实施, 滚动实施, 高质量建设, 成功创建)
ADVERBS = (
    r"(?:深入|持续|大力|积极|加快|全面|高质量|高标准|分级分类|重点|成功|滚动|有序|稳步|着力|力争|确保|累计|新|再|"
    r"全力|加力|梯度)"
)
#: verbs that take the counted noun after the number (建强16个中心, 产生3项成果, 形成15分钟生活圈)
CLAUSE_VERBS = (
    r"(?:新\(改、扩\)建|新\(改\)建|新改扩建|新建|新增|新开工|新开|续建|开工建设|建成投运|建成投用|建成|建设|建强|打造|培育|引进|"
    r"签约引进|签约|落地|竣工|实施|推进|推动|整治|治理|提质升级|提升改造|提升|改造|完成|举办|开展|组织|创建|产生|形成|设立|"
    r"布局|认定|争取|招引|孵化|发放|提供|安装|增设|开通|通达|覆盖|惠及|吸纳|帮助|服务|支持|办好|启动|建立|设立|配备|设置|"
    r"在|为|有|达|共|建|让|使|给予)"
)
#: the scope a verb may carry before the counted noun: 完成全市100个老旧小区改造
VERB_SCOPE = r"(?:全市|全区|全县|全省|全镇|全域|全年)?"
_VERB_ONLY = re.compile(rf"^{ADVERBS}*{CLAUSE_VERBS}{VERB_SCOPE}$")
_LEADING_VERB = re.compile(rf"^{ADVERBS}*{CLAUSE_VERBS}")


def _is_bare_verb(prefix: str) -> bool:
    """The words before a number are only a verb ("完成", "深入实施", "在") and the counted noun follows it."""
    return bool(_VERB_ONLY.match(LEADING.sub("", prefix.strip())))


def _names_examples(prefix: str) -> bool:
    """The words before a number name examples of what is counted: 打造祠堂街等20条特色街区."""
    s = prefix.strip()
    return s.endswith("等") or s.endswith("等等")


_VERB_END = re.compile(rf"{CLAUSE_VERBS}$")
#: a head noun that says nothing on its own and belongs to the clause's earlier subject
GENERIC_HEAD = re.compile(
    r"总数|总量|总额|总投资|投资额|总规模|规模|数量|覆盖面|参与量|配备率|覆盖率|完成率|达标率|比例|比重|占比|金额|资金"
)


def _lists_names(prefix: str) -> bool:
    """A 、-list of names runs right up to the number: 新增A、B2个国家级研发中心."""
    # the previous item's tail (以上、) is not a name of the list
    body = re.sub(r"^\s*(?:及以上|以上|以下|以内|之内|左右|上下|余|多)?\s*[、，,]", "", prefix)
    return re.search(r"[^、，,。；;：:\d]+、[^、，,。；;：:\d]{1,16}$", body.strip()) is not None


def _after_examples(prefix: str) -> str:
    """The noun after the last 等 of a prefix: 签约云视科技、乡伴文旅等项目 -> 项目."""
    tail = prefix.strip().rsplit("等", 1)
    return tail[1].strip() if len(tail) == 2 and 2 <= len(tail[1].strip()) <= 10 else ""


def _leading_verb(prefix: str) -> str:
    """The clause's verb when the prefix starts with one (加快建设, 新开工), else ''."""
    m = _LEADING_VERB.match(LEADING.sub("", prefix.strip()))
    return m.group(0) if m else ""


def name_indicator(subject: str, metric: str, decline: bool) -> str:
    """A planner's label: the subject, with 增速 for growth rates and 降幅 for declines."""
    name = subject.strip()
    if len(name) > 30:
        name = re.split(r"[，,、]", name)[-1][-30:]
    if metric == "growth_rate":
        verb = re.search(r"(?:年均)?(?:增长|下降|降低|减少)$", name) if len(name) > 3 else None
        name = name[: verb.start()] if verb else name
        if decline and not name.endswith("降幅"):
            name += "降幅"
        elif not decline and not re.search(r"增速|增幅|涨幅|增长率|降幅" + ("" if verb else "|率") + "$", name):
            name += "增速"  # 全员劳动生产率增长 -> 全员劳动生产率增速 (a rate named by its verb still gets 增速)
    return name
