"""How plans write years: 2024年, 2023 年 (PDF text), 二〇三五年, plan periods (“十四五”, 第十五个五年规划).

These are the building blocks of every time rule: a year pattern with a named group, a plan-period
pattern, and the functions that read them back into numbers.
"""

from __future__ import annotations

import re

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}  # fmt: skip
_CN_YEAR = r"[一二][〇零○Ｏ九][〇零○Ｏ一二三四五六七八九]{2}"
#: a year as written: 2024 (not inside a longer number) or 二〇二四
YEAR = rf"(?:(?<![\d.])(?:19|20)\d{{2}}(?!\d)|{_CN_YEAR})"
#: a year followed by 年 (a space may sit between them in text extracted from a PDF)
YEAR_NIAN = rf"(?P<year>{YEAR})\s*年"

#: five-year plan periods by name: (first year, last year)
FIVE_YEAR_PLANS: dict[str, tuple[int, int]] = {
    "九五": (1996, 2000),
    "十五": (2001, 2005),
    "十一五": (2006, 2010),
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
    "十五五": (2026, 2030),
    "十六五": (2031, 2035),
}
_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
#: a plan period: “十四五” (quoted or not), the short 十五/九五 only quoted or before 计划/时期 (十五 is also
#: fifteen), and the ordinal form 第十四个五年规划
PERIOD = (
    r"(?:[“\"‘「]\s*(?P<fyp_q>十[一二三四五六]?五|九五)\s*[”\"’」]"
    r"|(?P<fyp>十[一二三四五六]五)"
    r"|(?P<fyp_s>十五|九五)(?=计划|时期|期间|规划|末|以来)"
    r"|第(?P<fyp_n>[六七八九]|十[一二三四五六]?)个五年(?=规划|计划))"
)
PERIOD_RE = re.compile(PERIOD)
#: the same, without groups, to sit inside a larger pattern: 比“十三五”末, “十四五”期间
PERIOD_WORD = re.sub(r"\(\?P<\w+>", "(?:", PERIOD)
#: years a plan names by their relation to its own (今年, 明年, 今明两年, 去年, 上年) and the year's span (年内, 全年)
RELATIVE_YEAR = r"今明两年|今年|明年|去年|上年|年内|全年"
#: the present: 目前, 当前, 现阶段
NOW = r"目前|当前|现阶段"
#: a deadline, with or without its year: 12月底前, 2023年6月30日前, 年底前
DEADLINE = (
    rf"(?:(?:{YEAR}\s*年)?\d{{1,2}}\s*月(?:\d{{1,2}}\s*日)?(?:底|末|中旬|上旬|下旬)?|年(?:底|末))(?:前|以前|之前)"
)


def parse_year(text: str) -> int:
    """The year a written year stands for: "2024" -> 2024, "二〇三五" -> 2035."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))


def match_year(match: re.Match[str], group: str = "year") -> int | None:
    """The year in a match's `group` (or in `group`2, the same year written in another position)."""
    for name in (group, group + "2"):
        if name in match.re.groupindex and match.group(name):
            return parse_year(match.group(name))
    return None


def period_of(match: re.Match[str]) -> tuple[int, int] | None:
    """(first, last) year of the plan period a PERIOD match names."""
    groups = match.re.groupindex
    for name in ("fyp_q", "fyp", "fyp_s"):
        if name in groups and match.group(name):
            return FIVE_YEAR_PLANS.get(match.group(name))
    if "fyp_n" in groups and match.group("fyp_n"):
        word = match.group("fyp_n")
        n = _ORDINALS[word] if len(word) == 1 else 10 + _ORDINALS.get(word[1], 0)
        start = 1981 + 5 * (n - 6)  # the 6th five-year plan ran 1981-1985
        return start, start + 4
    return None


def years_in(text: str) -> list[int]:
    """Every year written as "…年" in a text, in order."""
    return [parse_year(m.group("year")) for m in re.finditer(YEAR_NIAN, text)]
