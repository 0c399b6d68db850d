"""Comparators: which of >=, >, <=, <, ~, =, range a number carries, read from the words beside it.

The words are the lexicon's (RIGHT_COMPARATORS after the number, LEFT_COMPARATORS before it); the
decision is COMPARATOR_RULES, tried in order, the first that speaks wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.lexicon import LEFT_COMPARATORS, RIGHT_COMPARATORS
from etl.mentions import Mention
from etl.rules import Rule, RuleTable
from targets.vocab import Comparator

_RIGHT = sorted(RIGHT_COMPARATORS, key=lambda wc: -len(wc[0]))
#: a grant's cap governs the amount after its recipient: 每人每年最高发放补贴5万元
_CAP_BEFORE = re.compile(r"最高[^，,。；;\d]{1,6}$")


def right_comparator(text: str, end: int) -> str | None:
    """The comparator of the word right after a number (6000人以上, 7%左右), or None."""
    tail = text[end : end + 4].lstrip()
    for word, comp in _RIGHT:
        if tail.startswith(word):
            return comp
    return None


def left_comparator(prefix: str) -> str | None:
    """The comparator of the word nearest before a number (不低于81%, 超过500亿元), or None.

    不超过 contains 超过 and 不低于 contains 低于: the longer word ending at the same place wins. A word
    followed by three or more characters of Chinese governs an earlier phrase, not this number."""
    window = prefix[-8:]
    best, best_pos = None, -1
    for word, comp in LEFT_COMPARATORS:
        pos = window.rfind(word)
        if pos >= 0 and pos + len(word) > best_pos:
            if pos + len(word) == best_pos and best is not None:
                continue
            best, best_pos = comp, pos + len(word)
    cap = _CAP_BEFORE.search(prefix)
    if best and window[best_pos:].strip() and re.search(r"[\u4e00-\u9fff]{3,}", window[best_pos:]) and not cap:
        return None
    return best or ("<=" if cap else None)


@dataclass(frozen=True)
class ComparatorWords:
    """What a comparator is read from: the sentence, the mention, the words before its enumeration, and
    its place in the enumeration (k of n) with the qualifier after the enumeration's last value."""

    text: str
    m: Mention
    prefix: str
    k: int = 0
    n: int = 1
    shared_right: str | None = None


# fmt: off
COMPARATOR_RULES: RuleTable[ComparatorWords] = RuleTable("comparator", (
    Rule("range", "`range`: two numbers joined by —/至", "增长6.0%—7.0%",
         lambda w: w.m.is_range, Comparator.RANGE),
    Rule("right-qualifier", "the word after the number: 以上 `>=`, 以内/以下/之内 `<=`, 左右/上下 `~`",
         "新增城镇就业12000人以上",
         lambda w: right_comparator(w.text, w.m.end)),
    Rule("approx-more-than", "`>`: 余/多 after the number", "改造城镇老旧小区1.5万余户",
         lambda w: bool(w.m.approx), Comparator.MORE_THAN),
    Rule("left-qualifier", "the word before the number, the nearest first: 不低于/至少 `>=`, 超过/突破/逾 `>`, "
         "不超过/最高 `<=`, 低于 `<`, 约/近/接近 `~`", "城镇调查失业率不超过5.5%",
         lambda w: left_comparator(w.prefix)),
    Rule("shared-right-qualifier", "an enumeration's last qualifier, for the values before it",
         "参保率分别达到93%、98%以上",
         lambda w: w.k < w.n - 1 and w.shared_right),
    Rule("plain", "`=`: no qualifier", "新建城市绿道80公里", lambda w: True, Comparator.EQUAL),
))
# fmt: on
