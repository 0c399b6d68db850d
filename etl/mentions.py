"""Find the quantities in a sentence: a number (or range) with its unit, and nothing that only looks like one.

A mention is a written number with its unit: 7%, 30.7万亩, 1.5万余户, 6.0%—7.0%, 2—3个, 2.3∶1,
百分之四十一, 一万五千人, the bare 103 of a price index, the implicit one of 突破万亿元.
Not quantities (each has a named rule in NOT_QUANTITY): years and dates, ordinals and editions (第31届),
names with digits (5G, 10号线, "1+6"政策, 十大工程, 5A级), project phases (三期), thresholds that only
qualify a set (the 50亿元 in 50亿元以上项目100个; the 60岁 in 60岁以上老人), quoted names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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
        "range": re.compile(
            rf"(?P<lo>{number})(?P<lo_unit>(?:{magnitude})?(?:{base}|%|‰)?)\s*{range_sep}\s*(?P<hi>{number})\s*{unit}"
        ),
        # 三至五个, 一到两所: a range of Chinese numerals
        "chinese_range": re.compile(rf"(?P<lo>{chinese})(?:至|到|—|–|－|-|~|～)(?P<hi>{chinese}){unit}"),
        "arabic": re.compile(rf"(?P<num>{number})\s*(?P<approx>余|多)?{unit}"),
        # 百分之四十一, 百分之五点五 (a Chinese decimal), 百分之百
        "percent_words": re.compile(
            rf"(?P<kind>百分之|千分之)(?P<num>{chinese}(?:点[{CN_DIGIT_CHARS}]+)?|百(?![{CN_NUMERAL_CHARS}]))"
        ),
        "chinese": re.compile(rf"(?P<num>{chinese})(?P<approx>余|多)?{unit}"),
        "ratio": re.compile(rf"(?P<num>{number})\s*[∶:]\s*1(?![\d.])"),
        "implicit": re.compile(r"(?:突破|超过|迈上|跨上|达到|超)(?P<unit>万亿|千亿|百亿|亿)(?P<tail>元|美元)"),
        # 242万偏远农村居民, 30万以上参保孕产妇, 注册总量突破5亿, 跨越7万亿、8万亿: a magnitude with no unit word
        "magnitude_only": re.compile(
            rf"(?P<num>{number})\s*(?P<approx0>余|多)?(?P<mag>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)(?P<approx>余|多)?"
            r"(?!分之|年|级|倍|次方|[A-Za-z\d])"
        ),
        # 收入倍差从1.96缩小至1.81, 满意度从84.7提升至89.6: a change between two plain numbers (both are rows)
        "from_to_bare": re.compile(
            rf"(?:从|由)(?:目前的?|现在的?)?\s*(?P<a>{number})(?![\d.]|\s*年)"
            r"[^\d，,。；;]{0,6}?(?:提高|提升|增加|增长|下降|降低|减少|缩小|缩减|扩大|上升|优化)(?:到|至)"
            rf"\s*(?P<b>{number})(?![\d.]|\s*年)"
        ),
        "bare": re.compile(
            rf"(?:指数|CPI|涨幅|死亡率|系数|倍差|收入比|(?:比上年|较上年)(?:缩小|扩大))[^，,。；;、\d]{{0,12}}?"
            rf"\s*(?P<num>{number})(?=\s*(?:左右|以内|以下|以上|[，,。；;、)）]|$))"
        ),
    }


def _unit_raw(match: re.Match[str]) -> str:
    return (match.group("mag") or "") + match.group("base")


#: rules for numbers that are not quantities; each sees (sentence, start, end of the mention)
def _preceded(text: str, start: int, pattern: str) -> bool:
    return re.search(f"(?:{pattern})$", text[max(0, start - 8) : start]) is not None


def _followed(text: str, end: int, pattern: str) -> bool:
    return re.match(pattern, text[end : end + 12]) is not None


NOT_QUANTITY: list[tuple[str, object]] = [
    # 第31届, 第一批: ordinals and editions
    ("ordinal", lambda t, s, e, m: _preceded(t, s, r"第")),
    # 5G, 4K, PM2.5, 5A级, CO2: digits inside a Latin name
    (
        "latin-name",
        lambda t, s, e, m: (
            _preceded(t, s, r"[A-Za-z]")
            or (_followed(t, e, r"[A-Za-z](?!\w*\d)") and m.unit_raw not in ("m2",) and not m.unit_raw.endswith("P"))
        ),
    ),
    # "1+6"政策, 1+10+N, "1 5"合作: numbered policy names
    ("plus-name", lambda t, s, e, m: _preceded(t, s, r"[+＋]\s*") or _followed(t, e, r"\s*[+＋]")),
    # 3月10日, 2023年3月: dates; 建党100周年: anniversaries
    (
        "date",
        lambda t, s, e, m: (
            (m.unit_raw in ("日", "天") and _preceded(t, s, r"(?:月|年)\s*"))
            or _followed(t, e, r"\s*月\s*\d")
            or (m.unit_raw == "周" and _followed(t, e, r"年"))
        ),
    ),
    # 一批, 两个确立, 三期, 最后一公里, 四方责任: a bare small Chinese numeral is an idiom or a name, not a target
    # (三万人次, 两万户 carry a magnitude and 三至五个 is a range: those are quantities)
    (
        "idiom",
        lambda t, s, e, m: (
            m.form == "chinese"
            and not m.is_range
            and m.unit_raw not in ("%", "‰")
            and m.unit_raw[:1] not in ("万", "亿")
            and (m.value or 0) < 10
        ),
    ),
    # “最后一公里”, “稳经济46条”, “科创十条”: a number inside a short quoted name
    ("quoted-name", lambda t, s, e, m: _in_short_quote(t, s, e)),
    # 五百亿级产业集群, 千亿级园区: a magnitude class, not an amount
    ("magnitude-class", lambda t, s, e, m: m.unit_raw.endswith("级") and len(m.unit_raw) > 1),
    # 50亿元以上项目, 60岁以上老人, 用餐人数超过1000人的医院: a threshold qualifying the noun after it
    ("threshold", lambda t, s, e, m: _is_threshold(t, s, e, m)),
    # 每10万人口…, 每万户: the denominator of a rate
    (
        "rate-denominator",
        lambda t, s, e, m: _preceded(t, s, r"每") and _followed(t, e, r"口|[\u4e00-\u9fff]{0,4}(?:拥有|有)"),
    ),
    # 海拔5000米以上地区, 排量1.6升以下汽车: a property that names a class of places or things
    ("class-property", lambda t, s, e, m: _preceded(t, s, r"海拔|年龄|年满|车龄|排量|载重|吨位")),
    # 30万吨级航道, 百万千瓦级电站: a size class (…级)
    ("size-class", lambda t, s, e, m: _followed(t, e, r"级(?!以上|以下|左右)")),
    # 5级以上江河堤防, 3级标准队伍: a grade naming a class of things
    (
        "grade",
        lambda t, s, e, m: (
            m.unit_raw in ("级",)
            and _followed(t, e, r"(?:及)?(?:以上|以下)?[\u4e00-\u9fff]")
            and not _followed(t, e, r"(?:及)?(?:以上|以下)?(?:以内|左右)")
        ),
    ),
    # 城口、巫溪、酉阳、彭水4个县: the size of a list just named is not a target
    ("list-size", lambda t, s, e, m: _is_list_size(t, s, m)),
    # 细化为448项具体工作, 包括…等十二个部分: the document describing its own structure
    ("document-structure", lambda t, s, e, m: _is_document_structure(t, s, e, m)),
    # 15分钟便民生活圈, 1小时通勤圈, 24小时城市书房: a duration inside the name of a concept or a facility
    ("duration-name", lambda t, s, e, m: m.unit_raw in ("分钟", "小时") and _followed(t, e, _DURATION_NAME)),
    # 落实…十五条, 出台…20条: articles of a policy package
    ("policy-articles", lambda t, s, e, m: m.unit_raw == "条" and _is_policy_articles(t, s, e)),
]

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


_DELIVERY_VERB = re.compile(
    r"新增|新建|建设|建成|实施|完成|打造|改造|整治|开工|启动|推进|加快|培育|引进|创建|新开|开通|投运|举办|开展|提升"
)


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


def _is_policy_articles(text: str, start: int, end: int) -> bool:
    clause_start = max(text.rfind(ch, 0, start) for ch in "，,。；;")
    before = text[clause_start + 1 : start]
    return bool(re.search(r"落实|出台|贯彻|用好|制定|印发|执行|兑现|修订", before)) and not re.search(
        r"新建|新开|打通|开通|建设|改造|打造|提升|治理|整治", before
    )


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
    r"(?:人数|面积|收入|营收|产值|投资额|总投资|研发投入|人口|排量|年龄)"
    r"(?:首次)?(?:超过|达到|在|不低于|不少于|高于|低于|超|突破)?$"
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
_MONEY_SUBJECT = re.compile(
    r"生产总值|GDP|收入|产值|总额|增加值|投资|营收|金额|资金|存款|贷款|零售|交易额|成交额|税收|财政|经济总量|营业额"
)


def _clause_before(text: str, start: int) -> str:
    """The clause up to a position (from the last ，；。 before it), 、-lists included."""
    cut = max(text.rfind(ch, 0, start) for ch in "，,。；;：:")
    return text[cut + 1 : start]


def _value(text: str) -> float:
    return parse_number(text)


_ANY_NUMBER = re.compile(rf"[\d{CN_NUMERAL_CHARS}]")


def find_mentions(text: str) -> list[Mention]:
    """All quantity mentions in a sentence (simplified text, ASCII digits), left to right, not overlapping."""
    if not _ANY_NUMBER.search(text):
        return []  # most sentences of a plan hold no number: skip the passes below
    p = _patterns()
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(m: Mention) -> None:
        for _rule, test in NOT_QUANTITY:
            if test(text, m.start, m.end, m):
                taken.append((m.start, m.end))  # consumed: no shorter reading of the same digits
                return
        taken.append((m.start, m.end))
        found.append(m)

    for match in p["range"].finditer(text):
        if not free(match.start(), match.end()):
            continue
        unit = _unit_raw(match)
        if match.group("lo_unit") not in ("", unit, match.group("mag")):
            continue
        lo, hi = _value(match.group("lo")), _value(match.group("hi"))
        if lo >= hi or _preceded(text, match.start(), r"\d|[年月]"):
            continue  # 2023-2027 and other non-ranges
        add(Mention(match.start(), match.end(), None, lo, hi, unit, None, "arabic"))
    for match in p["chinese_range"].finditer(text):
        if not free(match.start(), match.end()) or match.group("mag"):
            continue
        try:
            lo, hi = _value(match.group("lo")), _value(match.group("hi"))
        except NotANumber:
            continue
        if lo < hi:
            add(Mention(match.start(), match.end(), None, lo, hi, _unit_raw(match), None, "chinese"))
    for match in p["ratio"].finditer(text):
        if free(match.start(), match.end()):
            add(Mention(match.start(), match.end(), _value(match.group("num")), None, None, "∶1", None, "ratio"))
    for match in p["arabic"].finditer(text):
        s, e = match.start(), match.end()
        if not free(s, e) or _preceded(text, s, r"[\d.]"):
            continue
        approx = match.group("approx") or match.group("approx2")
        unit = _unit_raw(match)
        add(Mention(s, e, _value(match.group("num")), None, None, unit, approx, "arabic"))
    for match in p["percent_words"].finditer(text):
        s, e = match.start(), match.end()
        if not free(s, e):
            continue
        try:
            value = _value(match.group("kind") + match.group("num"))
        except NotANumber:
            continue
        add(Mention(s, e, value, None, None, "%" if match.group("kind") == "百分之" else "‰", None, "chinese"))
    for match in p["chinese"].finditer(text):
        s, e = match.start(), match.end()
        if not free(s, e):
            continue
        num, unit = match.group("num"), _unit_raw(match)
        # Magnitude words at the end of the numeral belong to the unit: 千万亩 = 千 x 万亩.
        while num and num[-1] in "万亿" and len(num) > 1:
            unit, num = num[-1] + unit, num[:-1]
        try:
            value = _value(num)
        except NotANumber:
            continue
        add(Mention(s, e, value, None, None, unit, match.group("approx") or match.group("approx2"), "chinese"))
    for match in p["magnitude_only"].finditer(text):
        s, e = match.start(), match.end()
        if free(s, e) and not _preceded(text, s, r"[\d.]"):
            unit = match.group("mag") + ("元" if _MONEY_SUBJECT.search(_clause_before(text, s)) else "")
            approx = match.group("approx0") or match.group("approx")
            add(Mention(s, e, _value(match.group("num")), None, None, unit, approx, "arabic"))
    for match in p["implicit"].finditer(text):
        s = match.start("unit")
        if free(s, match.end()):
            add(Mention(s, match.end(), 1.0, None, None, match.group("unit") + match.group("tail"), None, "implicit"))
    for match in p["from_to_bare"].finditer(text):
        for group in ("a", "b"):
            s, e = match.start(group), match.end(group)
            if free(s, e):
                add(Mention(s, e, _value(match.group(group)), None, None, "", None, "bare"))
    for match in p["bare"].finditer(text):
        s, e = match.start("num"), match.end("num")
        if free(s, e):
            add(Mention(s, e, _value(match.group("num")), None, None, "", None, "bare"))
    found.sort(key=lambda m: m.start)
    return found
