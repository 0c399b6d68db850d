"""A time frame and the rules that set one: what a heading, an opening or a time word says about time.

A rule is data: its name (the language pattern it covers), a pattern, a *role* and how to read the
year. Roles: ``review`` (results of the past), ``plan`` (what is planned), ``by-year`` / ``by-period``
(review or plan depending on whether the named year or period lies before the plan year), ``since``
(from a past year or period up to now: a review), ``basis`` (a plan's starting point). The role becomes a
kind through the document: a review is an actual in an annual report and a baseline in a multi-year plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.prefilter import needed
from etl.timeframe.document_frame import PROGRESS_REPORT, DocumentFrame
from etl.timeframe.years import match_year, period_of
from targets.vocab import Kind

ROLES = ("review", "plan", "by-year", "by-period", "since", "basis")
#: how a rule's year is read: from the match, or counted from the document's year ("years-back": 五年来, 过去五年)
YEARS = ("named", "period", "period-first-years", "this", "next", "last", "years-back", "coming-five", "review",
         "target")  # fmt: skip
_CN_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class TimeRule:
    """A named time rule: the pattern, what it says (role) and which year (see YEARS), and one example."""

    name: str
    pattern: re.Pattern[str]
    role: str
    year: str
    example: str
    anchored: bool = True  # False: generic words that only speak where nothing time-bound does
    #: characters every match contains (etl.prefilter): a text without one of them is not scanned
    needs: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        assert self.role in ROLES and self.year in YEARS, self.name
        object.__setattr__(self, "needs", needed(self.pattern))


def rule(name: str, pattern: str, role: str, year: str, example: str, anchored: bool = True) -> TimeRule:
    return TimeRule(name, re.compile(pattern), role, year, example, anchored)


@dataclass(frozen=True)
class Frame:
    """What a stretch of text is about: a review of a year or a plan for one, and the rule that said so."""

    role: str  # review | plan
    year: int | None
    rule: str
    anchored: bool = True
    source: str = ""  # the heading or words that set it
    line: int | None = None
    since: int | None = (
        None  # a review of several years: the first year reviewed (its from-values are of the year before)
    )


def kind_of(frame: Frame, doc: DocumentFrame) -> Kind:
    """target, actual or baseline: a review reports results in an annual document, a baseline in a multi-year plan."""
    if frame.role == "plan":
        return Kind.TARGET
    return Kind.BASELINE if doc.multi_year else Kind.ACTUAL


#: a government's term of office is five years (本届政府任期)
TERM_YEARS = 5


def _years_back(text: str) -> int:
    """N of 五年来 / 过去五年 / 近3年 / 前四年 (a term of office: 5; 1 when the words name no number)."""
    found = re.search(r"(\d+|[一两二三四五六七八九十])\s*年", text)
    if not found:
        return TERM_YEARS if "任期" in text else 1
    word = found.group(1)
    return int(word) if word.isdigit() else _CN_COUNT[word]


def _year(how: str, match: re.Match[str], doc: DocumentFrame) -> int | None:
    now = doc.now
    if how == "named":
        return match_year(match)
    if how == "period":
        period = period_of(match)
        return period[1] if period else None
    if how == "period-first-years":  # “十一五”前四年: the period's first N years, up to the Nth
        period = period_of(match)
        return period[0] + _years_back(match.group("first") + "年") - 1 if period else None
    if how == "this":
        return now
    if how == "next":
        return now + 1 if now else None
    if how in ("last", "years-back"):
        return doc.review_year if doc.multi_year else (now - 1 if now else None)
    if how == "coming-five":
        return now + 4 if now else None
    if how == "review":
        return doc.review_year
    return doc.target_year


def resolve(
    rule_: TimeRule, match: re.Match[str], doc: DocumentFrame, source: str = "", line: int | None = None
) -> Frame | None:
    """The frame a rule's match sets in this document, or None when its year cannot be read."""
    plan_year = doc.year
    role = rule_.role
    year = _year(rule_.year, match, doc)
    since = year
    named_period = period_of(match) if "fyp" in match.re.groupindex else None
    if named_period and role == "review":
        since = named_period[0]  # 2020年和“十四五”时期工作回顾: the review reaches back to the period's start
    if rule_.year == "years-back" and year:
        since = year - _years_back(match.group(0)) + 1
    if "term" in match.re.groupindex and match.group("term") and year:
        since = year - _years_back(match.group("term")) + 1  # 2022年和本届政府任期工作回顾: 2018–2022
    if role in ("by-period", "since") and rule_.year == "period":
        period = period_of(match)
        if period is None:
            return None
        if role == "since" or (plan_year and period[1] < plan_year):
            # a past period (or one still running, since its start) is reviewed up to the last full year
            year = min(period[1], plan_year - 1) if plan_year else period[1]
            role, since = "review", period[0]
        else:
            role = "plan"
    elif role == "since":
        role, year = "review", (plan_year - 1 if plan_year else None)
    elif role == "by-year":
        if year is None:
            return None
        past = plan_year and (year < plan_year or (year == plan_year and doc.genre == PROGRESS_REPORT))
        role = "review" if past else "plan"  # a progress report's own year: what is done so far
    elif role == "basis":
        # a five-year plan's starting point is the last plan period; another plan's, the year before it
        role, year = "review", doc.review_year
        since = year - 4 if year and doc.genre == "five_year_plan" else year
    if role == "review" and year is None:
        return None
    return Frame(role, year, rule_.name, rule_.anchored, source, line, since if role == "review" else None)
