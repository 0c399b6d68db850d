"""etl.prefilter: the characters every match of a pattern needs, so a rule is skipped only where it cannot match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.prefilter import might_match, needed
from etl.timeframe.evidence import ANCHOR_RULES
from etl.timeframe.sections import OPENING_RULES, SECTION_RULES

TIME_RULES = (*ANCHOR_RULES, *SECTION_RULES, *OPENING_RULES)


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        ("到2025年", set("到2025年")),
        ("今年|明年", {"年"}),  # what both alternatives need
        ("去年|上年|本年度", {"年"}),
        ("a|b", set()),
        ("ab?c", {"a", "c"}),
        ("(?:五年)+来", {"五", "年", "来"}),
        ("(?:五年)*来", {"来"}),
        ("x{0,3}y", {"y"}),
        ("[年]底", {"年", "底"}),
        ("[年月]底", {"底"}),
        ("(?<!比)年(?=底)", {"年"}),  # lookarounds need nothing of the match
        ("(?i)abc", set()),  # letters in any case: no prefilter
        ("(?i:ab)c", {"c"}),
        (r"\d+年", {"年"}),
    ],
)
def test_what_a_pattern_needs(pattern, needs):
    assert needed(re.compile(pattern)) == needs


def test_time_rules_need_what_their_examples_hold():
    for rule in TIME_RULES:
        if rule.pattern.search(rule.example):
            assert might_match(rule.needs, set(rule.example)), rule.name


#: characters the time rules are made of, and others, so random texts sometimes match
_ALPHABET = sorted({ch for rule in TIME_RULES for ch in rule.example} | set("，。2024年五十四“”来以底前期末今明去上"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_a_text_the_prefilter_skips_never_matches(text):
    for rule in TIME_RULES:
        if not might_match(rule.needs, set(text)):
            assert rule.pattern.search(text) is None, rule.name
