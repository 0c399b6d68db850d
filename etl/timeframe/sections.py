"""Section frames: each heading and paragraph gets the frame of the part of the document it sits in.

A work report reviews last year under “一、2023年工作回顾”, may review five years under “（三）五年来…”,
sets a 2030 goal under “到2030年…” and this year's targets under “二、2024年工作安排”. Headings are read with
SECTION_RULES (first match wins); the nearest heading with a frame decides, nested frames kept. A
heading of generic plan words (主要目标, 重点任务, 行动) speaks only where no time-bound heading above it
does, so a review's “（二）实施乡村振兴行动” stays a review. A paragraph that opens a part of the document
without a heading (“过去一年，…”, “今年是…”, “今年主要预期目标是：”) sets the frame of what follows it until
the next heading or opening that says otherwise. A plan printed inside the document under its own title and
years (“某市…行动方案（2024—2026年）” after this year's list, in one notice) is read in a document frame of its own
from that title on (`document_frame.part_frame`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from etl.segment import Heading, Paragraph
from etl.timeframe.document_frame import EVALUATION, PLAN_TITLE_YEARS, PROGRESS_REPORT, DocumentFrame, part_frame
from etl.timeframe.frames import Frame, TimeRule, resolve, rule
from etl.timeframe.years import PERIOD, YEAR, YEAR_NIAN

_Y = YEAR_NIAN
_NB = r"[^，,。；;]"  # inside one clause
#: a term of office or the last five years, named beside a year: 本届政府任期, 过去五年, 五年来
_TERM = r"本届政府任期|政府任期|任期|过去的?(?:五|5)年|(?:五|5)年来|近(?:五|5)年"

# fmt: off
#: headings, first match wins
SECTION_RULES: tuple[TimeRule, ...] = (
    # a plan printed as a part of the document, under its own title and years: it plans up to their end
    rule("plan-title-with-years", PLAN_TITLE_YEARS, "by-year", "named", "某市城市更新专项行动方案（2024—2026年）"),
    rule("review-of-year-and-period",
         rf"{_Y}{_NB}{{0,10}}?(?:和|及|暨|与){_NB}{{0,2}}{PERIOD}{_NB}{{0,12}}?(?:回顾|成就|成效|总结)",
         "review", "named", "2025年和“十四五”时期工作回顾"),
    # a year and a term of office or the past five years: 2018–2022, reviewed up to the year
    rule("review-of-year-and-term",
         rf"{_Y}{_NB}{{0,10}}?(?:和|及|暨|与){_NB}{{0,4}}?(?P<term>{_TERM}){_NB}{{0,12}}?(?:回顾|成就|成效|总结|工作)",
         "review", "named", "2022年和本届政府任期工作回顾"),
    rule("review-of-term-and-year",
         rf"(?P<term>{_TERM})(?:和|及|暨|与){_Y}{_NB}{{0,12}}?(?:回顾|成就|成效|总结|工作)",
         "review", "named", "一、过去五年和2022年工作回顾"),
    rule("review-of-year",
         rf"{_Y}{_NB}{{0,16}}?(?:回顾|总结|完成情况|执行情况|主要成就|发展成就|成绩|取得的成效)",
         "review", "named", "一、2022年工作回顾"),
    rule("review-of-period",
         rf"{PERIOD}{_NB}{{0,12}}?(?:回顾|成就|成效|总结|实施情况|完成情况|取得)",
         "since", "period", "第一节 “十三五”时期发展成就"),
    rule("review-of-this-year", r"(?:今年|本年度?)[^，,。；;]{0,8}?(?:回顾|总结|完成情况|执行情况)",
         "review", "this", "一、今年工作回顾"),
    rule("review-of-past-five-years", r"过去的?(?:五|5)年|(?:五|四|三)年来|近(?:五|5)年",
         "review", "years-back", "一、过去五年工作回顾"),
    rule("review-of-past-years", r"过去的?(?:一|1)年|一年来|回顾",
         "review", "last", "一、过去一年的工作"),
    rule("basis", r"发展基础|现实基础|发展现状|现状基础|基础条件|工作基础|发展环境",
         "basis", "review", "第一章 发展基础"),
    rule("progress-heading", r"(?:推进|实施|完成|执行|进展|落实)情况|主要进展|进展成效|主要成效",
         "review", "review", "三、重大任务和重大工程推进情况", anchored=False),
    rule("plan-horizon", rf"(?:到|至|展望)\s*{_Y}|(?P<year2>{YEAR})\s*年(?:远景)?(?:目标|愿景)",
         "by-year", "named", "二〇三五年远景目标"),
    rule("plan-of-year",
         rf"{_Y}{_NB}{{0,20}}?(?:安排|任务|重点|总体要求|目标|政策取向|建议|民生实事|计划|要点|思路)",
         "by-year", "named", "二、2024年经济社会发展总体要求和政策取向"),
    rule("plan-of-period", rf"{PERIOD}{_NB}{{0,12}}?(?:目标|任务|要求|思路|规划|展望|举措)",
         "by-period", "period", "二、“十五五”时期主要目标任务"),
    rule("plan-next-five-years", r"今后五年|未来五年", "plan", "coming-five", "今后五年的目标任务"),
    rule("plan-next-year", r"明年", "by-year", "next", "明年工作安排"),
    rule("plan-this-year", r"今年|本年度", "by-year", "this", "对今年政府工作的建议"),
    rule("year-heading", rf"{_Y}(?!\s*\d)", "by-year", "named", "2022年"),
    rule("period-heading", rf"{PERIOD}\s*(?:时期|期间)", "by-period", "period", "“十三五”时期"),
    rule("plan-words", r"目标|任务|安排|计划|工作重点|重点工作|民生实事|行动|举措|展望|建议|要求|主要预期|下一步|打算",
         "plan", "target", "二、主要目标", anchored=False),
)

#: a paragraph that opens a part of the document where no heading does: 过去一年，… / 今年是… / 2023年，面对…
OPENING_RULES: tuple[TimeRule, ...] = (
    rule("opening-past-year", r"^(?:回顾)?过去的?(?:一|1)年|^一年来",
         "review", "last", "过去一年，我们坚持稳中求进"),
    rule("opening-past-years", r"^(?:回顾)?过去的?(?:五|5)年|^(?:五|四|三)年(?:来|间)|^近(?:五|5)年",
         "review", "years-back", "五年来，我们坚持以人民为中心"),
    rule("opening-period-first-years", rf"^{PERIOD}\s*(?:前|头)(?P<first>[一两二三四1-4])\s*年",
         "review", "period-first-years", "“十一五”前四年，全省生产总值年均增长12%"),
    rule("opening-this-year", r"^(?:今年|本年度)(?!以来)", "by-year", "this", "今年是“十五五”开局之年"),
    rule("opening-targets", r"^[^，,。；;]{0,20}?主要(?:预期)?目标(?:是|为|：|:)",
         "plan", "target", "全市经济社会发展的主要预期目标是："),
    rule("opening-year", rf"^{_Y}(?:\s*(?:全年|以来))?\s*(?:[，,]|是)", "by-year", "named",
         "2023年是全面贯彻党的二十大精神的开局之年"),
    # the labels of an item's parts in a progress report: 年度目标： (what is planned), 推进情况： (what is done)
    rule("opening-targets-label", r"^(?:年度|全年|本年度?)?(?:目标|目标任务|任务目标|工作目标)[:：]\s*$",
         "plan", "target", "年度目标："),
    rule("opening-progress-label", r"^(?:推进|进展|进度|完成|落实|执行)情况[:：]",
         "review", "review", "推进情况："),
)
# fmt: on

#: words of address before a paragraph's first words: 各位代表，过去一年…
_ADDRESS = r"^\s*(?:各位代表|同志们|各位委员)[，,！!]?\s*"


def heading_frame(heading: Heading, doc: DocumentFrame) -> Frame | None:
    """The frame a heading sets, or None when it says nothing about time."""
    for r in SECTION_RULES:
        m = r.pattern.search(heading.text)
        if m:
            return resolve(r, m, doc, heading.text, heading.line)
    return None


def opening_frame(paragraph: Paragraph, doc: DocumentFrame) -> Frame | None:
    """The frame a paragraph's opening words set for the part of the document it opens, or None."""
    text = re.sub(_ADDRESS, "", paragraph.text)
    for r in OPENING_RULES:
        if r.name == "opening-year" and doc.multi_year:
            continue  # a plan's 2022年，… is its starting point, not a part of the document
        m = r.pattern.search(text)
        if m:
            return resolve(r, m, doc, paragraph.text[:40], paragraph.lines[0])
    return None


def default_frame(doc: DocumentFrame) -> Frame:
    """Where nothing says otherwise: a communiqué reports its year, an evaluation the year before it was
    written; anything else plans its target year."""
    if doc.genre == "communique":
        return Frame("review", doc.year, "communique-reports-its-year", False)
    if doc.genre == EVALUATION:
        return Frame("review", doc.review_year, "evaluation-reports-its-year", False)
    if doc.genre == PROGRESS_REPORT:
        return Frame("review", doc.year, "progress-reports-its-year", False)
    return Frame("plan", doc.target_year, "document-default", False)


@dataclass(frozen=True)
class SectionTime:
    """A heading or part opening and the frame it set (for ``extract --explain``)."""

    line: int
    text: str
    frame: Frame | None
    where: str  # heading | opening


def _innermost(stack: list[tuple[int, Frame | None]], part: Frame | None, default: Frame) -> Frame:
    generic = None
    for _level, frame in reversed(stack):
        if frame is None:
            continue
        if frame.anchored:
            return frame
        generic = generic or frame
    if part is not None and (part.anchored or generic is None):
        return part
    return generic or default


def _spans(frame: Frame) -> bool:
    return frame.role == "review" and frame.since is not None and frame.year is not None and frame.since < frame.year


def _opens_a_part(opening: Frame, heading: Frame) -> bool:
    """Under a time-bound heading, a paragraph's opening sets the frame of what follows only where it turns from a
    review to the plan (今年是…), or moves between a review of several years and one of its last year: 五年来，… under
    “2023年工作回顾” opens a five-year review, 2022年，… under “2022年和本届政府任期工作回顾” its last year's."""
    if opening.role == "plan":
        return heading.role == "review"
    if opening.role != "review" or heading.role != "review" or opening.year != heading.year:
        return False
    return _spans(opening) != _spans(heading)


#: a "——" item: one of the goal areas the paragraph before it announced (主要目标是：到2030年…。——创新动能更加强劲。)
_DASH_ITEM = re.compile(r"^\s*(?:——|－－|--)")


def dash_item_frame(text: str, frame: Frame, before: Frame | None) -> Frame:
    """The frame of a paragraph: a —— item goes on in the plan's year the paragraph before it ended in (rule
    `dash-item-continues`), when that paragraph sat in the same section and named a year of its own; any
    other paragraph, and an item after a review, keeps its section's `frame`."""
    if before is None or before.role != "plan" or before.year == frame.year or not _DASH_ITEM.match(text):
        return frame
    return replace(before, rule="dash-item-continues", source=text[:20])


def paragraph_frames(
    paragraphs: Iterable[Paragraph], doc: DocumentFrame, trail: list[SectionTime] | None = None
) -> Iterator[tuple[Paragraph, Frame, DocumentFrame]]:
    """Each paragraph with the frame of the section it sits in and the document frame it is read in (the
    document's, or that of a plan printed inside it); `trail` collects what set each frame."""
    stack: list[tuple[int, Frame | None]] = []
    part: Frame | None = None
    here = doc  # the document, or a plan printed inside it under its own title and years
    default = default_frame(here)
    # a report on a plan's progress names the plan in its title (…规划纲要 / 实施中期评估报告, 2024年民生实事上半年
    # 推进情况): the title is no section of that plan
    reports = doc.genre in (EVALUATION, PROGRESS_REPORT)
    titles = {e.line for e in doc.evidence if e.rule.startswith("title-")} if reports else set()
    for paragraph in paragraphs:
        for heading in paragraph.preceding:
            if heading.line in titles and here is doc:
                continue
            if heading.level == 0:
                inner = part_frame(heading.text, heading.line, doc)
                if inner is not None:
                    here, default = inner, default_frame(inner)
            frame = heading_frame(heading, here)
            if trail is not None:
                trail.append(SectionTime(heading.line, heading.text, frame, "heading"))
            if heading.level == 0:
                if frame is not None:  # a part title; a short line saying nothing of time changes nothing
                    stack, part = [], frame
                continue
            stack = [(level, f) for level, f in stack if level < heading.level]
            stack.append((heading.level, frame))
            if frame is not None and frame.anchored and heading.level <= 1 and part and part.rule.startswith("opening"):
                part = None  # a time-bound section ends a part opened without a heading
        opening = opening_frame(paragraph, here)
        signalled = [f for _, f in stack if f]
        if opening is not None and signalled and not _opens_a_part(opening, signalled[-1]):
            opening = None  # under a time-bound heading a paragraph's opening speaks for itself only
        if opening is not None:
            # a part opened without a heading: 过去一年，… / 今年是… (this year's plan after a review, no heading)
            stack, part = [], opening
            if trail is not None:
                trail.append(SectionTime(paragraph.lines[0], paragraph.text[:40], opening, "opening"))
        yield paragraph, _innermost(stack, part, default), here
