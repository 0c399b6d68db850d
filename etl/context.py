"""Time and kind context: which year a document plans for, and whether a passage reports or plans.

A work report reviews last year (actuals) and then plans this year (targets); a five-year plan
proposal reviews the last plan period (baselines for the new one) and sets targets for its end
year; an action plan sets targets for its horizon. These rules read that from the text itself —
titles, headings and the opening words of a paragraph — so unseen documents need no manifest.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from etl.document import SourceDocument
from etl.segment import Paragraph, Sentence

#: five-year plan periods and their end years
FIVE_YEAR_PLANS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_FYP = re.compile(r"[“\"]?(十[一二三四五六]五)[”\"]?")
_FYP_ORDINAL = re.compile(r"第(十[一二三四五六])个五年规划")
_YEAR_SPAN = re.compile(r"(20\d{2})\s*[—–\-－~～至到]\s*(20\d{2})\s*年")
_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
_DATE = re.compile(r"(?<!\d)(20\d{2})(?:年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2})")
_WORK_REPORT = re.compile(r"(20\d{2})年.{0,20}政府工作报告|政府工作报告")
#: 到2027年, 2025年底, and the end of a five-year plan period: 到“十四五”末 (2025) — but not the
#: period end a change is measured from (比“十三五”末提高, 在“十三五”末基础上)
_BY_YEAR = re.compile(
    r"(?:到|至|截至|截止|于|在)\s*(20\d{2})\s*年|(20\d{2})\s*年(?:前|底|末|以前)"
    r"|(?:^|[到至，,。；;：:]|截至|截止)\s*[“\"‘']?(十[一二三四五六]五)[”\"’']?(?:期末|末期|末)(?![^，,。；;]{0,4}基础)"
)
_THIS_YEAR = re.compile(r"今年|本年度|全年目标|年度目标")

#: headings and openings that introduce a review of what was achieved
REVIEW = re.compile(
    r"回顾|过去一年|过去五年|过去的一年|一年来|五年来|去年|上一年|工作总结|取得.{0,4}成[效绩就]|成效显著|主要成就"
    r"|(十[一二三四五六]五)[”\"]?时期|(十[一二三四五六]五)[”\"]?以来|(十[一二三四五六]五)[”\"]?期间"
)
#: headings and openings that introduce what is planned
#: headings of a plan's starting point: 发展基础, 现实基础, 发展现状 (what the plan builds on)
BASIS = re.compile(r"发展基础|现实基础|发展现状|现状基础|基础条件|工作基础")
#: a paragraph opening on a past year or a status date: "2022年，…", "截至2022年底，…"
_PAST_OPENING = re.compile(r"^\s*(?:截至|截止到?|到|在)?\s*(20\d{2})\s*年(?:底|末|年底|全年|以来)?\s*[，,]")
#: a sentence opening on the present state: 截至目前，… / 目前，… / 全市现有… (what stands when the document
#: is written: the review year's actual, or a multi-year plan's baseline)
STATUS_NOW = re.compile(
    r"^\s*(?:(?:截至|截止到?|到)\s*)?(?:目前|当前|现阶段)\s*[，,]"
    r"|^\s*(?:(?:截至|截止到?)\s*)?目前"
    r"|^\s*(?:全市|全区|全县|全省|全镇|我市|我区|我县|我省)?(?:现有|目前已有|目前共有|目前有)"
)
#: where a status sentence turns to plans: 全市现有…，力争到2027年达到…
PLAN_TURN = re.compile(
    r"力争|确保|争取|计划|目标|预计|今年|明年|年内|将|到\s*20\d{2}\s*年|到[“\"]?十[一二三四五六]五|"
    r"(?:增加|提高|提升|扩大|增长)(?:到|至)"
)
PLAN = re.compile(r"目标|任务|安排|计划|今年|明年|工作重点|重点工作|民生实事|行动|举措|展望|建议|要求|主要预期")
_MULTI_YEAR_REVIEW = re.compile(r"过去五年|五年来|十[一二三四五六]五")


@dataclass(frozen=True)
class DocumentYears:
    """The years a document speaks about."""

    plan_year: int | None  # the year "今年" means in the document
    target_year: int | None  # the default year its targets are for
    review_year: int | None  # the year its review of the past describes
    horizon_start: int | None  # first year of a multi-year plan window


def document_years(
    doc: SourceDocument,
    plan_year: int | None = None,
    target_years: list[int] | None = None,
    fallback_year: int | None = None,
) -> DocumentYears:
    """Years of a document: from the manifest where given, else from its title lines, else `fallback_year`."""
    head = "\n".join(line.text for line in doc.lines[:40])
    span = _YEAR_SPAN.search(head)
    fyp = _FYP.search(head) or _FYP_ORDINAL.search(head)
    report = _WORK_REPORT.search(head)
    inferred_plan = inferred_target = horizon_start = None
    if span:
        horizon_start, inferred_target = int(span.group(1)), int(span.group(2))
        inferred_plan = horizon_start
    elif fyp:
        name = fyp.group(1) + ("五" if not fyp.group(1).endswith("五") else "")
        end = FIVE_YEAR_PLANS.get(name)
        if end:
            inferred_target, horizon_start, inferred_plan = end, end - 4, end - 4
    elif report and report.group(1):
        inferred_plan = inferred_target = int(report.group(1))
    if inferred_plan is None:
        dates = [int(m.group(1)) for m in _DATE.finditer(head)]
        years = [int(y) for y in _YEAR.findall(head)] + dates
        if report and dates:
            inferred_plan = inferred_target = max(dates)
        elif years:
            inferred_plan = inferred_target = Counter(years).most_common(1)[0][0]
    plan = plan_year or inferred_plan or fallback_year
    target = (target_years[0] if target_years else None) or inferred_target or plan
    if horizon_start is None and target and plan and target > plan:
        horizon_start = plan
    review = None
    if plan:
        review = horizon_start - 1 if (horizon_start and target and target - horizon_start >= 4) else plan - 1
    return DocumentYears(plan, target, review, horizon_start)


@dataclass(frozen=True)
class PassageContext:
    """What a passage does: report (kind actual/baseline, year described) or plan (kind target, year)."""

    kind: str
    year: int | None
    rule: str


def _review_year(text: str, years: DocumentYears) -> int | None:
    fyp = re.search(r"(十[一二三四五六]五)", text)
    if fyp and fyp.group(1) in FIVE_YEAR_PLANS:
        return FIVE_YEAR_PLANS[fyp.group(1)]
    explicit = _YEAR.search(text)
    if explicit and years.plan_year and int(explicit.group(1)) < years.plan_year:
        return int(explicit.group(1))
    return years.review_year


def passage_context(paragraph: Paragraph, years: DocumentYears) -> PassageContext:
    """Kind and year for a paragraph from its headings and opening words (nearest signal wins)."""
    opening = paragraph.text[:40]
    signals: list[tuple[str, str]] = [(h.text, "heading") for h in paragraph.headings] + [(opening, "opening")]
    decided: PassageContext | None = None
    # A document planning a multi-year period quotes the past as its starting point: baselines, not actuals.
    planning_doc = bool(years.target_year and years.plan_year and years.target_year > years.plan_year)
    for text, where in signals:
        review, plan = REVIEW.search(text), PLAN.search(text)
        year = _YEAR.search(text)
        past_opening = _PAST_OPENING.match(text) if where == "opening" else None
        if past_opening and years.plan_year and int(past_opening.group(1)) < years.plan_year:
            # "2022年，全市粮食总产量达到…" in a 2023 report; "截至2022年底，…" under 发展基础
            kind = "baseline" if planning_doc else "actual"
            decided = PassageContext(kind, int(past_opening.group(1)), "past-year-opening")
        elif BASIS.search(text) and not plan and planning_doc:
            decided = PassageContext("baseline", _review_year(text, years), f"basis-{where}")
        elif review and not (plan and plan.start() < review.start() and where == "heading"):
            multi = bool(_MULTI_YEAR_REVIEW.search(text))
            kind = "baseline" if multi and planning_doc else "actual"
            decided = PassageContext(kind, _review_year(text, years), f"review-{where}")
        elif year and years.plan_year and int(year.group(1)) < years.plan_year and not plan and where == "heading":
            decided = PassageContext("actual", int(year.group(1)), "past-year-heading")
        elif plan or (year and years.plan_year and int(year.group(1)) >= years.plan_year):
            decided = PassageContext("target", _target_year(text, years), f"plan-{where}")
    return decided or PassageContext("target", years.target_year, "default-target")


def _target_year(text: str, years: DocumentYears) -> int | None:
    by = _BY_YEAR.search(text)
    if by:
        return _by_year(by)
    if _THIS_YEAR.search(text):
        return years.plan_year
    explicit = _YEAR.search(text)
    if explicit and years.plan_year and int(explicit.group(1)) >= years.plan_year:
        return int(explicit.group(1))
    return years.target_year


def _by_year(match: re.Match[str]) -> int:
    if match.group(3):
        return FIVE_YEAR_PLANS[match.group(3)]
    return int(match.group(1) or match.group(2))


def sentence_year(sentence: Sentence, context: PassageContext, years: DocumentYears) -> int | None:
    """The year a sentence's targets are for: 到2027年 in the sentence or before it in the paragraph wins."""
    if context.kind != "target":
        return context.year
    paragraph = sentence.paragraph
    upto = paragraph.text[: sentence.start + len(sentence.text)]
    by = list(_BY_YEAR.finditer(upto))
    if by:
        return _by_year(by[-1])
    if _THIS_YEAR.search(upto):
        return years.plan_year
    return context.year


def status_sentence(text: str, context: PassageContext, years: DocumentYears) -> tuple[int, PassageContext] | None:
    """A plan passage's sentence that opens on the present state (截至目前，/ 目前，/ 全市现有): the context of
    its quantities up to the position where it turns to plans, or None."""
    if context.kind != "target" or not STATUS_NOW.match(text):
        return None
    turn = PLAN_TURN.search(text)
    planning_doc = bool(years.target_year and years.plan_year and years.target_year > years.plan_year)
    kind = "baseline" if planning_doc else "actual"
    return (turn.start() if turn else len(text)), PassageContext(kind, years.review_year, "status-now-opening")
