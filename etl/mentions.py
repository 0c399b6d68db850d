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
from targets.units import ureg


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


def _registry_unit_words() -> list[str]:
    """Every Chinese unit word the registry defines (names and aliases), longest first."""
    words = set()
    for name in ureg._units:  # names and aliases share this mapping
        if re.search(r"[\u4e00-\u9fff]", name):
            words.add(name)
    return sorted(words, key=len, reverse=True)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = "|".join(re.escape(w) for w in _registry_unit_words())
    # A measure word may carry an alternative in brackets: 套(间), 名(个); a rate a denominator: 万吨/日.
    base = (
        rf"(?:(?:{words})(?:[(（][\u4e00-\u9fff]{{1,2}}[)）])?"
        r"|m2|m²|㎡|PFLOPS|EFLOPS|P(?![A-Za-z]))"
        r"(?:/(?:日|天|年|人|户|小时|平方米|立方米|千瓦时))?"
    )
    magnitude = "|".join(MAGNITUDES)
    unit = rf"(?:(?P<mag>{magnitude})?(?P<approx2>余|多)?(?P<base>{base}|%|‰))"
    chinese = rf"[{CN_NUMERAL_CHARS}]*[{CN_DIGIT_CHARS}十][{CN_NUMERAL_CHARS}]*"
    number = rf"(?:{ARABIC})"
    range_sep = r"(?:—|–|－|-|~|～|至)"
    return {
        "range": re.compile(rf"(?P<lo>{number})(?P<lo_unit>%|‰)?\s*{range_sep}\s*(?P<hi>{number})\s*{unit}"),
        "arabic": re.compile(rf"(?P<num>{number})\s*(?P<approx>余|多)?{unit}"),
        "percent_words": re.compile(rf"(?P<kind>百分之|千分之)(?P<num>{chinese}(?:点[{CN_DIGIT_CHARS}]+)?)"),
        "chinese": re.compile(rf"(?P<num>{chinese})(?P<approx>余|多)?{unit}"),
        "ratio": re.compile(rf"(?P<num>{number})\s*[∶:]\s*1(?![\d.])"),
        "implicit": re.compile(r"(?:突破|超过|迈上|跨上|达到|超)(?P<unit>万亿|千亿|百亿|亿)(?P<tail>元|美元)"),
        "bare": re.compile(
            rf"(?:指数|CPI|涨幅|死亡率|系数)[^，,。；;、\d]{{0,12}}?"
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
    # 3月10日, 2023年3月: dates
    ("date", lambda t, s, e, m: (m.unit_raw in ("日", "天") and _preceded(t, s, r"月|年")) or _followed(t, e, r"月\d")),
    # 三期, 一期: project phases (10号线三期)
    ("phase", lambda t, s, e, m: m.form == "chinese" and m.unit_raw in ("期",)),
    # 一批, 两个, 三大: single Chinese numerals with a measure word are idioms (一张网, 两个确立)
    ("idiom", lambda t, s, e, m: m.form == "chinese" and (m.value or 0) < 10 and _is_count_word(m.unit_raw)),
    # 50亿元以上项目, 60岁以上老人, 年收入100万元以上村: a threshold qualifying the noun after it
    ("threshold", lambda t, s, e, m: _is_threshold(t, e, m)),
    # 5级以上江河堤防, 3级标准队伍: a grade naming a class of things
    (
        "grade",
        lambda t, s, e, m: (
            m.unit_raw in ("级",)
            and _followed(t, e, r"(?:及)?(?:以上|以下)?[\u4e00-\u9fff]")
            and not _followed(t, e, r"(?:及)?(?:以上|以下)?(?:以内|左右)")
        ),
    ),
    # 15分钟生活圈 / 15分钟就业服务圈 inside a compound noun are still kept (gold keeps them), so no rule here.
]


def _is_count_word(unit_raw: str) -> bool:
    try:
        return str(ureg.Quantity(1, unit_raw).dimensionality) == "[count]"
    except Exception:
        return False


_THRESHOLD_TAIL = re.compile(r"(?:及|或)?(?:以上|以下|级)(?:的)?(?P<noun>[\u4e00-\u9fff“\"(（])")


def _is_threshold(text: str, end: int, m: Mention) -> bool:
    """A number+unit followed by 以上/以下 and a noun, with another quantity later in the clause."""
    tail = _THRESHOLD_TAIL.match(text, end)
    if m.unit_raw in ("岁",) and re.match(r"(?:及)?(?:以上|以下)?[\u4e00-\u9fff]", text[end:]):
        return True
    if not tail:
        return False
    noun_start = tail.start("noun")
    if re.match(r"(?:和|与|及|或|并|的|等|，|,|。|；)", text[noun_start:]):
        return False
    clause_end = re.search(r"[，,。；;]", text[noun_start:])
    clause = text[noun_start : noun_start + clause_end.start()] if clause_end else text[noun_start:]
    return re.search(r"\d", clause) is not None


def _value(text: str) -> float:
    return parse_number(text)


def find_mentions(text: str) -> list[Mention]:
    """All quantity mentions in a sentence (simplified text, ASCII digits), left to right, not overlapping."""
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
        if match.group("lo_unit") and match.group("lo_unit") != unit:
            continue
        lo, hi = _value(match.group("lo")), _value(match.group("hi"))
        if lo >= hi or _preceded(text, match.start(), r"\d|[年月]"):
            continue  # 2023-2027 and other non-ranges
        add(Mention(match.start(), match.end(), None, lo, hi, unit, None, "arabic"))
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
            value = _value(match.group("num").replace("点", "."))
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
    for match in p["implicit"].finditer(text):
        s = match.start("unit")
        if free(s, match.end()):
            add(Mention(s, match.end(), 1.0, None, None, match.group("unit") + match.group("tail"), None, "implicit"))
    for match in p["bare"].finditer(text):
        s, e = match.start("num"), match.end("num")
        if free(s, e):
            add(Mention(s, e, _value(match.group("num")), None, None, "", None, "bare"))
    found.sort(key=lambda m: m.start)
    return found
