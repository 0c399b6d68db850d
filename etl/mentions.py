"""Find the quantities in a sentence: a number (or range) with its unit, and nothing that only looks like one.

A mention is a written number with its unit: 7%, 30.7万亩, 1.5万余户, 6.0%—7.0%, 2—3个, 2.3∶1,
百分之四十一, 一万五千人, the bare 103 of a price index, the implicit one of 突破万亿元.
Not quantities (each has a named rule in NOT_QUANTITY): years and dates, ordinals and editions (第31届),
names with digits (5G, 10号线, "1+6"政策, 十大工程, 5A级), project phases (三期), thresholds that only
qualify a set (the 50亿元 in 50亿元以上项目100个; the 60岁 in 60岁以上老人), quoted names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from etl.lexicon import ADOPT_VERBS, ADVANCE_VERBS, DELIVERY_VERBS, LEFT_WORDS, MONEY_NOUNS, PROPERTY_NOUNS, alternation
from etl.rules import Rule, Trace
from targets.numbers import ARABIC, CN_DIGIT_CHARS, CN_NUMERAL_CHARS, MAGNITUDES, NotANumber, parse_number
from targets.units import unit_words, ureg


@dataclass(frozen=True)
class Mention:
    """A quantity as written in a sentence; offsets are into the sentence text."""

    start: int
    end: int
    value: float | None  # the number in its written unit (None for ranges)
    low: float | None
    high: float | None
    unit_raw: str  # simplified, magnitude words included: 万亩, 亿元, %, 万吨/日
    approx: str | None  # 余/多 after the number: "more than"
    form: str  # arabic | chinese | implicit | bare | ratio

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = "|".join(re.escape(w) for w in unit_words())
    # A measure word may carry an alternative in brackets: 套(间), 名(个); a rate a denominator: 万吨/日.
    base = (
        rf"(?:(?:{words})(?:[(（][\u4e00-\u9fff]{{1,2}}[)）])?"
        r"|m2|m²|㎡|PFLOPS|EFLOPS|P(?![A-Za-z])|(?:角|分)(?=/))"
        r"(?:/(?:日|天|年|人次|人|户|小时|平方米|立方米|千瓦时|度|吨|亩|月))?"
    )
    magnitude = "|".join(MAGNITUDES)
    unit = rf"(?:(?P<mag>{magnitude})?(?P<approx2>余|多)?(?P<base>{base}|%|‰))"
    # a Chinese numeral starts at its first numeral character (not inside 7万亿三个: no 万亿三)
    chinese = rf"(?<![\d.{CN_NUMERAL_CHARS}])[{CN_NUMERAL_CHARS}]*[{CN_DIGIT_CHARS}十][{CN_NUMERAL_CHARS}]*"
    number = rf"(?:{ARABIC})"
    range_sep = r"(?:—|–|－|-|~|～|至)"
    return {
        # 6.0%—7.0%, 2—3个, 1.8—2万亿元; 3万—4万人 and 3万人—4万人 repeat the magnitude or unit on the low end
        "number-range": re.compile(
            rf"(?P<lo>{number})(?P<lo_unit>(?:{magnitude})?(?:{base}|%|‰)?)\s*{range_sep}\s*(?P<hi>{number})\s*{unit}"
        ),
        # 三至五个, 一到两所: a range of Chinese numerals
        "chinese-range": re.compile(rf"(?P<lo>{chinese})(?:至|到|—|–|－|-|~|～)(?P<hi>{chinese}){unit}"),
        "number-and-unit": re.compile(rf"(?P<num>{number})\s*(?P<approx>余|多)?{unit}"),
        # 百分之四十一, 百分之五点五 (a Chinese decimal), 百分之百
        "percent-in-words": re.compile(
            rf"(?P<kind>百分之|千分之)(?P<num>{chinese}(?:点[{CN_DIGIT_CHARS}]+)?|百(?![{CN_NUMERAL_CHARS}]))"
        ),
        "chinese-numerals": re.compile(rf"(?P<num>{chinese})(?P<approx>余|多)?{unit}"),
        "ratio-to-one": re.compile(rf"(?P<num>{number})\s*[∶:]\s*1(?![\d.])"),
        "implicit-one": re.compile(r"(?:突破|超过|迈上|跨上|达到|超)(?P<unit>万亿|千亿|百亿|亿)(?P<tail>元|美元)"),
        # 242万偏远农村居民, 30万以上参保孕产妇, 注册总量突破5亿, 跨越7万亿、8万亿: a magnitude with no unit word
        "magnitude-only": re.compile(
            rf"(?P<num>{number})\s*(?P<approx0>余|多)?(?P<mag>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)(?P<approx>余|多)?"
            r"(?!分之|年|级|倍|次方|[A-Za-z\d])"
        ),
        # 收入倍差从1.96缩小至1.81, 满意度从84.7提升至89.6: a change between two plain numbers (both are rows)
        "from-to-plain-numbers": re.compile(
            rf"(?:从|由)(?:目前的?|现在的?)?\s*(?P<a>{number})(?![\d.]|\s*年)"
            r"[^\d，,。；;]{0,6}?(?:提高|提升|增加|增长|下降|降低|减少|缩小|缩减|扩大|上升|优化)(?:到|至)"
            rf"\s*(?P<b>{number})(?![\d.]|\s*年)"
        ),
        "plain-number": re.compile(
            rf"(?:指数|CPI|涨幅|死亡率|系数|倍差|收入比|(?:比上年|较上年)(?:缩小|扩大))[^，,。；;、\d]{{0,12}}?"
            rf"\s*(?P<num>{number})(?=\s*(?:左右|以内|以下|以上|[，,。；;、)）]|$))"
        ),
    }


def _unit_raw(match: re.Match[str]) -> str:
    return (match.group("mag") or "") + match.group("base")


#: rules for numbers that are not quantities; each sees (sentence, start, end of the mention)
def _preceded(text: str, start: int, pattern: str) -> bool:
    return _ending(pattern).search(text[max(0, start - 8) : start]) is not None


def _followed(text: str, end: int, pattern: str) -> bool:
    return _compiled(pattern).match(text[end : end + 12]) is not None


@cache
def _ending(pattern: str) -> re.Pattern[str]:
    """`pattern` at the end of a text, compiled once (the rules below name their patterns inline)."""
    return re.compile(f"(?:{pattern})$")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _not(name: str, decides: str, example: str, test: Callable[[str, int, int, Mention], bool]) -> Rule[_Seen]:
    return Rule(name, decides, example, lambda seen: test(seen[0], seen[1].start, seen[1].end, seen[1]))


_Seen = tuple[str, "Mention"]

#: numbers that are not quantities, tried in order on every mention (a name, what it is, one example)
# fmt: off
NOT_QUANTITY: tuple[Rule[_Seen], ...] = (
    _not("ordinal", "an ordinal or an edition (第31届, 第一批)", "入选第二批国家级文化和旅游消费示范城市",
         lambda t, s, e, m: _preceded(t, s, r"第")),
    _not("latin-name", "digits inside a Latin name (5G, 4K, PM2.5, 5A级)", "PM2.5日均浓度超标天数减少5天",
         lambda t, s, e, m: (
             _preceded(t, s, r"[A-Za-z]")
             or (_followed(t, e, r"[A-Za-z](?!\w*\d)") and m.unit_raw not in ("m2",) and not m.unit_raw.endswith("P"))
         )),
    _not("plus-name", "a numbered policy name (“1+6”政策, 1+10+N)", "培育1+8个先进制造业集群",
         lambda t, s, e, m: _preceded(t, s, r"[+＋]\s*") or _followed(t, e, r"\s*[+＋]")),
    _not("date", "a date or an anniversary (3月10日, 建党100周年)", "3月10日前完成",
         lambda t, s, e, m: (
             (m.unit_raw in ("日", "天") and _preceded(t, s, r"(?:月|年)\s*"))
             or _followed(t, e, r"\s*月\s*\d")
             or (m.unit_raw == "周" and _followed(t, e, r"年"))
         )),
    # (三万人次, 两万户 carry a magnitude and 三至五个 is a range: those are quantities)
    _not("idiom", "a small Chinese numeral without a magnitude: an idiom or a name (一批, 三期, 最后一公里)",
         "建设一批重点项目",
         lambda t, s, e, m: (
             m.form == "chinese"
             and not m.is_range
             and m.unit_raw not in ("%", "‰")
             and m.unit_raw[:1] not in ("万", "亿")
             and (m.value or 0) < 10
         )),
    _not("quoted-name", "a number inside a short quoted name (“稳经济46条”, “科创十条”)", "出台“稳经济46条”",
         lambda t, s, e, m: _in_short_quote(t, s, e)),
    _not("magnitude-class", "a magnitude class, not an amount (五百亿级产业集群, 千亿级园区)",
         "培育2个五百亿级产业集群",
         lambda t, s, e, m: m.unit_raw.endswith("级") and len(m.unit_raw) > 1),
    _not("threshold", "a threshold qualifying the noun after it (50亿元以上项目, 60岁以上老人)",
         "新开工50亿元以上项目100个",
         lambda t, s, e, m: _is_threshold(t, s, e, m)),
    _not("rate-denominator", "the denominator of a rate (每10万人口…, 每万户)", "每10万人口高技能人才数达到1500人",
         lambda t, s, e, m: _preceded(t, s, r"每") and _followed(t, e, _PER_PEOPLE)),
    _not("class-property", "a property naming a class of places or things (海拔5000米以上地区)", "海拔5000米以上地区",
         lambda t, s, e, m: _preceded(t, s, r"海拔|年龄|年满|车龄|排量|载重|吨位")),
    _not("size-class", "a size class (30万吨级航道, 百万千瓦级电站)", "建成30万吨级航道",
         lambda t, s, e, m: _followed(t, e, r"级(?!以上|以下|左右)")),
    _not("grade", "a grade naming a class of things (5级以上江河堤防, 3级标准队伍)", "5级以上江河堤防全部达标",
         lambda t, s, e, m: (
             m.unit_raw in ("级",)
             and _followed(t, e, r"(?:及)?(?:以上|以下)?[\u4e00-\u9fff]")
             and not _followed(t, e, r"(?:及)?(?:以上|以下)?(?:以内|左右)")
         )),
    _not("list-size", "the size of a list just named, under no delivery verb (城口、巫溪、酉阳、彭水4个县)",
         "支持城口、巫溪、酉阳、彭水4个县发展", lambda t, s, e, m: _is_list_size(t, s, m)),
    _not("document-structure", "the document describing its own structure (细化为448项具体工作)",
         "细化为448项具体工作", lambda t, s, e, m: _is_document_structure(t, s, e, m)),
    _not("duration-name", "a duration inside a concept or a facility (15分钟便民生活圈, 24小时城市书房)",
         "打造15分钟便民生活圈", lambda t, s, e, m: m.unit_raw in ("分钟", "小时") and _followed(t, e, _DURATION_NAME)),
    _not("policy-articles", "articles of a policy package (落实…十五条)", "落实稳经济20条",
         lambda t, s, e, m: m.unit_raw == "条" and _is_policy_articles(t, s, e)),
)
# fmt: on

#: after the denominator of a rate: 每10万人口…, 每万人拥有…
_PER_PEOPLE = r"口|[\u4e00-\u9fff]{0,4}(?:拥有|有)"
#: what a duration names: a …圈 (生活圈, 经济圈, 通勤圈) or an always-open facility or service (24小时书房)
_DURATION_NAME = (
    r"(?!以内|之内|以上|左右|内)(?:[\u4e00-\u9fff]{0,6}?圈"
    r"|(?:城市|自助|便民|智慧|社区)?(?:书房|书店|图书馆|便利店|药店|药房|驿站|热线|服务站|营业|不打烊|值守|无人))"
)

_QUOTES = {"“": "”", '"': '"', "‘": "’", "「": "」", "『": "』"}


def _in_short_quote(text: str, start: int, end: int) -> bool:
    """True when the mention sits inside a quotation of at most 12 characters (a name, not a figure)."""
    for opening, closing in _QUOTES.items():
        left = text.rfind(opening, max(0, start - 12), start)
        if left < 0 or (opening == closing and text.count(opening, 0, left) % 2):
            continue
        right = text.find(closing, end, end + 12)
        if right >= 0 and right - left <= 13 and closing not in text[left + 1 : start]:
            return True
    return False


_LIST_BEFORE = re.compile(r"((?:[^、，,。；;：:\d“”\"]{1,12}、)+[^、，,。；;：:\d“”\"]{1,12})$")


#: a list governed by a delivery verb (加快建设万春、永宁2个产业园) is the work to do, not a list being sized
_DELIVERY_VERB = re.compile(alternation(DELIVERY_VERBS + ADVANCE_VERBS))


def _is_list_size(text: str, start: int, m: Mention) -> bool:
    """A count right after a 、-list whose length it equals, governed by no delivery verb.

    支持城口、巫溪、酉阳、彭水4个县发展 sizes a list; 加快建设万春、永宁2个产业园 is a target.
    """
    if m.value is None or m.value != int(m.value) or not _is_count_word(m.unit_raw):
        return False
    window_start = max(0, start - 80)
    found = _LIST_BEFORE.search(text[window_start:start])
    if not found:
        return False
    list_start = window_start + found.start(1)
    if re.search(r"\d\D?$", text[:list_start]):
        return False  # the "list" began inside an earlier quantity (…空间10个、示范点2个)
    clause_start = max(text.rfind(ch, 0, list_start) for ch in "，,。；;")
    first_item_end = text.index("、", list_start)
    if _DELIVERY_VERB.search(text[clause_start + 1 : first_item_end]):
        return False
    return len(found.group(1).split("、")) == int(m.value)


def _is_document_structure(text: str, start: int, end: int, m: Mention) -> bool:
    after = text[end : end + 8]
    if re.match(r"(?:件|项|大)?(?:民生实事|惠民实事|为民办实事)", after) or re.search(
        r"(?:\d+|[一二三四五六七八九十]+)个?(?:方面|大类|领域)$", text[max(0, start - 6) : start]
    ):
        return True  # 十件民生实事 names the list; 共10方面34项 counts its own items
    if re.match(r"(?:个)?(?:部分|章|篇|板块|方面)", after) and _is_count_word(m.unit_raw or "个"):
        return True
    return bool(
        re.search(r"(?:细化|分解|细化为|分解为)$", text[max(0, start - 4) : start])
        and re.match(r"(?:具体|重点)?(?:工作|任务)", after)
    )


_ADOPT = re.compile(alternation(ADOPT_VERBS))


def _is_policy_articles(text: str, start: int, end: int) -> bool:
    clause_start = max(text.rfind(ch, 0, start) for ch in "，,。；;")
    before = text[clause_start + 1 : start]
    return bool(_ADOPT.search(before)) and not _DELIVERY_VERB.search(before)


@cache
def _is_count_word(unit_raw: str) -> bool:
    try:
        return str(ureg.Quantity(1, unit_raw).dimensionality) == "[count]"
    except Exception:
        return False


_THRESHOLD_TAIL = re.compile(r"(?:及|或)?(?:以上|以下|级|以内|之内|内)(?:的)?(?P<noun>[\u4e00-\u9fff“\"(（])")
#: an age that names a group of people: 60岁以上老人, 70周岁以上老年人, 3岁以下婴幼儿, 16岁至59岁人口
_AGE_GROUP = re.compile(
    r"(?:及)?(?:以上|以下|以内|至\d+(?:周)?岁)?(?:的)?"
    r"(?:[\u4e00-\u9fff]{0,6}?(?:老人|老年人|儿童|婴幼儿|幼儿|人口|妇女|青少年|学生|居民|群众|残疾人|人员|人群|男性|女性)"
    r"|(?:以上|以下)[\u4e00-\u9fff])"
)


_PROPERTY_BEFORE = re.compile(
    rf"(?:{alternation(PROPERTY_NOUNS)})(?:首次)?(?:{alternation((*LEFT_WORDS, '达到', '在'))})?$"
)
#: 投资5000万元及以上的项目, 亿元以上的企业: an amount and above, before 的, names a class of projects or firms
_CLASS_TAIL = re.compile(r"(?:及|或)?(?:以上|以下)的[\u4e00-\u9fff“\"]|及以上[\u4e00-\u9fff“\"]")
#: 30万千瓦以下煤电机组, 8座以下非营运小客车: a size and below, before a noun, names a class
_BELOW_CLASS = re.compile(r"(?:及)?以下(?:的)?(?!水平|范围|区间|标准)[\u4e00-\u9fff“\"]")


def _is_threshold(text: str, start: int, end: int, m: Mention) -> bool:
    """A number+unit that qualifies the noun after it rather than stating a figure.

    Either followed by 以上/以下 and a noun with another quantity later in the clause
    (50亿元以上项目100个), or a property of the noun after 的 (用餐人数超过1000人的医院).
    """
    if _PROPERTY_BEFORE.search(text[max(0, start - 8) : start]) and re.match(
        r"(?:及)?(?:以上|以下)?的[\u4e00-\u9fff“\"]", text[end : end + 6]
    ):
        return True
    if (m.unit_raw.endswith("元") and _CLASS_TAIL.match(text, end)) or _BELOW_CLASS.match(text, end):
        return True
    if _PROPERTY_BEFORE.search(text[max(0, start - 8) : start]) and re.match(
        r"[\u4e00-\u9fff]{1,6}\d", text[end : end + 8]
    ):
        return True  # 新增营业收入超百亿元企业5户: a firm's size, then the count of such firms
    tail = _THRESHOLD_TAIL.match(text, end)
    if m.unit_raw in ("岁", "周岁") and _AGE_GROUP.match(text, end):
        return True
    if not tail:
        return False
    noun_start = tail.start("noun")
    if re.match(r"(?:和|与|及|或|并|的|等|，|,|。|；)", text[noun_start:]):
        return False
    clause_end = re.search(r"[，,。；;]", text[noun_start:])
    clause = text[noun_start : noun_start + clause_end.start()] if clause_end else text[noun_start:]
    return re.search(r"\d", clause) is not None


#: subjects measured in money: a magnitude without a unit after them counts yuan (生产总值跨越7万亿)
_MONEY_SUBJECT = re.compile(alternation(MONEY_NOUNS))


def _clause_before(text: str, start: int) -> str:
    """The clause up to a position (from the last ，；。 before it), 、-lists included."""
    cut = max(text.rfind(ch, 0, start) for ch in "，,。；;：:")
    return text[cut + 1 : start]


def _value(text: str) -> float:
    return parse_number(text)


_ANY_NUMBER = re.compile(rf"[\d{CN_NUMERAL_CHARS}]")


def _range(text: str, match: re.Match[str]) -> list[Mention]:
    """6.0%—7.0%, 2—3个, 3万—4万人 (not 2023-2027, nor a range whose low end has another unit)."""
    unit = _unit_raw(match)
    if match.group("lo_unit") not in ("", unit, match.group("mag")):
        return []
    lo, hi = _value(match.group("lo")), _value(match.group("hi"))
    if lo >= hi or _preceded(text, match.start(), r"\d|[年月]"):
        return []
    return [Mention(match.start(), match.end(), None, lo, hi, unit, None, "arabic")]


def _chinese_range(text: str, match: re.Match[str]) -> list[Mention]:
    """三至五个, 一到两所."""
    if match.group("mag"):
        return []
    try:
        lo, hi = _value(match.group("lo")), _value(match.group("hi"))
    except NotANumber:
        return []
    return [Mention(match.start(), match.end(), None, lo, hi, _unit_raw(match), None, "chinese")] if lo < hi else []


def _ratio(text: str, match: re.Match[str]) -> list[Mention]:
    return [Mention(match.start(), match.end(), _value(match.group("num")), None, None, "∶1", None, "ratio")]


def _arabic(text: str, match: re.Match[str]) -> list[Mention]:
    if _preceded(text, match.start(), r"[\d.]"):
        return []
    approx = match.group("approx") or match.group("approx2")
    value = _value(match.group("num"))
    return [Mention(match.start(), match.end(), value, None, None, _unit_raw(match), approx, "arabic")]


def _percent_words(text: str, match: re.Match[str]) -> list[Mention]:
    try:
        value = _value(match.group("kind") + match.group("num"))
    except NotANumber:
        return []
    unit = "%" if match.group("kind") == "百分之" else "‰"
    return [Mention(match.start(), match.end(), value, None, None, unit, None, "chinese")]


def _chinese(text: str, match: re.Match[str]) -> list[Mention]:
    num, unit = match.group("num"), _unit_raw(match)
    # Magnitude words at the end of the numeral belong to the unit: 千万亩 = 千 x 万亩.
    while num and num[-1] in "万亿" and len(num) > 1:
        unit, num = num[-1] + unit, num[:-1]
    try:
        value = _value(num)
    except NotANumber:
        return []
    approx = match.group("approx") or match.group("approx2")
    return [Mention(match.start(), match.end(), value, None, None, unit, approx, "chinese")]


def _magnitude_only(text: str, match: re.Match[str]) -> list[Mention]:
    s = match.start()
    if _preceded(text, s, r"[\d.]"):
        return []
    unit = match.group("mag") + ("元" if _MONEY_SUBJECT.search(_clause_before(text, s)) else "")
    approx = match.group("approx0") or match.group("approx")
    return [Mention(s, match.end(), _value(match.group("num")), None, None, unit, approx, "arabic")]


def _implicit(text: str, match: re.Match[str]) -> list[Mention]:
    unit = match.group("unit") + match.group("tail")
    return [Mention(match.start("unit"), match.end(), 1.0, None, None, unit, None, "implicit")]


def _from_to_bare(text: str, match: re.Match[str]) -> list[Mention]:
    return [
        Mention(match.start(g), match.end(g), _value(match.group(g)), None, None, "", None, "bare") for g in ("a", "b")
    ]


def _bare(text: str, match: re.Match[str]) -> list[Mention]:
    return [Mention(match.start("num"), match.end("num"), _value(match.group("num")), None, None, "", None, "bare")]


#: the written forms of a quantity, in the order they are read: a span read by an earlier form is taken
MENTION_FORMS: tuple[tuple[str, str, str, Callable[[str, re.Match[str]], list[Mention]]], ...] = (
    (
        "number-range",
        "a range, one unit (or one magnitude) written on both ends or once",
        "6.0%—7.0%, 2—3个, 3万—4万人",
        _range,
    ),
    ("chinese-range", "a range in Chinese numerals", "三至五个", _chinese_range),
    ("ratio-to-one", "a ratio to one", "2.3∶1", _ratio),
    ("number-and-unit", "a number and its unit (magnitude, 余/多 included)", "7%, 30.7万亩, 1.5万余户", _arabic),
    ("percent-in-words", "a percentage or permille in words", "百分之四十一, 千分之五", _percent_words),
    ("chinese-numerals", "Chinese numerals and a unit", "一万五千人, 三十所", _chinese),
    (
        "magnitude-only",
        "a magnitude with no unit word (yuan after a money noun, else a count)",
        "242万偏远农村居民, 注册总量突破5亿",
        _magnitude_only,
    ),
    ("implicit-one", "one of a magnitude", "突破万亿元", _implicit),
    (
        "from-to-plain-numbers",
        "a change between two plain numbers (both are quantities)",
        "收入倍差从1.96缩小至1.81",
        _from_to_bare,
    ),
    ("plain-number", "the plain number of an index, a ratio or a rate", "居民消费价格指数103", _bare),
)


def find_mentions(text: str, trace: Trace | None = None) -> list[Mention]:
    """All quantity mentions in a sentence (simplified text, ASCII digits), left to right, not overlapping.

    `trace` collects the form that read each quantity, and (the words, the rule) of each number that
    NOT_QUANTITY says is no quantity."""
    if not _ANY_NUMBER.search(text):
        return []  # most sentences of a plan hold no number: skip the passes below
    patterns = _patterns()
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for name, _what, _example, build in MENTION_FORMS:
        for match in patterns[name].finditer(text):
            for m in build(text, match):
                if not all(m.end <= a or m.start >= b for a, b in taken):
                    continue
                taken.append((m.start, m.end))  # consumed, a quantity or not: no shorter reading of the same digits
                rule = not_a_quantity(text, m)
                if rule is None:
                    found.append(m)
                if trace is not None:
                    words = text[m.start : m.end]
                    trace.forms.append((words, name))
                    if rule is not None:
                        trace.not_quantities.append((words, rule))
    found.sort(key=lambda m: m.start)
    return found


def not_a_quantity(text: str, m: Mention) -> str | None:
    """The name of the NOT_QUANTITY rule that says a mention is no quantity, or None."""
    for rule in NOT_QUANTITY:
        if rule.test((text, m)):
            return rule.name
    return None
