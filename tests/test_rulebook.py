"""The extraction rules as a catalogue (etl.rulebook): the README carries the generated rule table, every rule
named there exists and is named once, every rule decides at least one phrasing case of the two phrasing
tables, and the example each rule shows in the table is decided by that rule."""

from __future__ import annotations

import re
from functools import cache

import pytest

from etl.document import SourceDocument
from etl.explain import explain_text
from etl.extract import extract_document
from etl.meaning import COMPARATOR_RULES, METRIC_RULES, SUBJECT_RULES
from etl.mentions import MENTION_FORMS, NOT_QUANTITY
from etl.rulebook import rule_rows, rules_table
from etl.rules import Trace
from etl.timeframe import read_document_frame
from tests.conftest import ROOT
from tests.test_extraction_phrasings import CASES as MEANING_CASES
from tests.test_extraction_time_phrasings import CASES as TIME_CASES

README = ROOT / "README.md"


def test_the_readme_carries_the_generated_rule_table():
    assert rules_table() in README.read_text(encoding="utf-8")


def test_every_rule_is_named_once():
    names = [name for _table, name, _what, _example in rule_rows()]
    assert [n for n in names if names.count(n) > 1] == []


def test_every_rule_listed_in_the_readme_exists():
    text = README.read_text(encoding="utf-8")
    block = text[text.index("| table | rule | decides | example |") :].split("\n\n", 1)[0]
    listed = re.findall(r"^\| [^|]+ \| `([^`]+)` \|", block, re.MULTILINE)
    assert sorted(listed) == sorted(name for _table, name, _what, _example in rule_rows())


@cache
def _fired_by_the_phrasing_cases() -> frozenset[str]:
    """Every rule that decided something in a phrasing case: a quantity's rules and decisions, the numbers read
    and the ones that are no quantity, the document frame's evidence."""
    fired: set[str] = set()
    for case in (*MEANING_CASES, *TIME_CASES):
        doc = SourceDocument.from_text("case.txt", case.ctx.text)
        trace = Trace()
        for quantity in extract_document(doc, case.ctx.info, trace):
            fired |= set(quantity.rules) | {f.rule for f in trace.decisions.get(id(quantity), [])}
        fired |= {rule for _words, rule in trace.not_quantities} | {form for _words, form in trace.forms}
        frame = read_document_frame(doc, case.ctx.info.plan_year, case.ctx.info.target_years)
        fired |= {evidence.rule for evidence in frame.evidence}
    return frozenset(fired)


@pytest.mark.parametrize("name", [row[1] for row in rule_rows()])
def test_every_rule_decides_at_least_one_phrasing_case(name):
    assert name in _fired_by_the_phrasing_cases()


_EXAMPLE_RULES = [
    *((name, example) for name, _what, example, _build in MENTION_FORMS),
    *((r.name, r.example) for r in NOT_QUANTITY),
    *((r.name, r.example) for table in (SUBJECT_RULES, COMPARATOR_RULES, METRIC_RULES) for r in table.rules),
]


@pytest.mark.parametrize(("name", "example"), _EXAMPLE_RULES, ids=[n for n, _e in _EXAMPLE_RULES])
def test_every_rule_decides_its_own_example(name, example):
    """The README's example of a number form, a not-a-quantity, subject, comparator or metric rule is decided by
    that rule (each example is read as a sentence of a 2024 document; a list of examples, each one)."""
    for text in example.split(", ") if name in {n for n, *_ in MENTION_FORMS} else [example]:
        explanation = explain_text(text, 2024)
        fired = {f.rule for q in explanation.quantities for f in q.decisions}
        fired |= {rule for _words, rule in explanation.not_quantities}
        fired |= {form for _words, form in explanation.forms}
        assert name in fired, (text, sorted(fired))
