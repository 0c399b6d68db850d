"""What every match of a pattern must contain: the characters a text needs before a rule's pattern is worth running.

A table of time words runs each of its patterns over every paragraph with a quantity; most paragraphs lack
the characters most patterns spell out (a 年, the 五 of a plan period), and a regex scan that cannot
succeed still costs a pass over the text. `needed` reads a compiled pattern once and returns the literal
characters on every path through it, so `might_match(needed, chars)` is a sound test: False only where the
pattern cannot match (a character it needs is absent), never where it could.
"""

from __future__ import annotations

import re

# the standard library's own regex parser (public as sre_parse before 3.11): the patterns as the engine reads them
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any


def needed(pattern: re.Pattern[str]) -> frozenset[str]:
    """The characters every match of `pattern` contains (empty when it cannot tell: no prefilter then)."""
    if pattern.flags & re.IGNORECASE:
        return frozenset()
    try:
        return frozenset(_sequence(sre_parse.parse(pattern.pattern, pattern.flags)))
    except Exception:  # a construct this reading does not know: run the pattern always
        return frozenset()


def might_match(needs: frozenset[str], chars: set[str] | frozenset[str]) -> bool:
    """False when the text whose characters are `chars` lacks one the pattern needs."""
    return needs <= chars


def _sequence(items: Any) -> set[str]:
    """Characters a run of items needs: what each needs (they all match, one after the other)."""
    out: set[str] = set()
    for op, av in items:
        out |= _item(op, av)
    return out


def _item(op: Any, av: Any) -> set[str]:
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN and len(av) == 1 and av[0][0] is sre.LITERAL:
        return {chr(av[0][1])}  # [年]: one character
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        return set() if add_flags & re.IGNORECASE else _sequence(inner)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:  # what every alternative needs
        needs = [_sequence(branch) for branch in av[1]]
        return set.intersection(*needs) if needs else set()
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, inner = av
        return _sequence(inner) if low >= 1 else set()
    return set()  # classes, lookarounds, anchors, backreferences: nothing that must be in the match
