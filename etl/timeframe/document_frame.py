"""The document's time frame: the year it plans for, its genre and horizon, each with its evidence.

Read in order of strength: a person (manifest, add-a-plan form, ``--year``) wins outright; then the
meeting line (“2024年1月21日在…人民代表大会第…次会议上”), the title (“2024年政府工作报告”,
“…行动方案（2023—2027年）”, “第十四个五年规划…纲要”), the publication date; then the structure (a review
heading of year Y plans Y+1, “今年是‘十五五’开局之年”, the year named with 主要预期目标); only then the years
mentioned. Every rule that fires leaves an `Evidence`, so ``extract --explain`` can say why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from etl.document import Line, SourceDocument
from etl.lexicon import WHOLE_REGION
from etl.timeframe.years import PERIOD, YEAR, match_year, parse_year, period_of

#: genres and whether they plan several years (their review is a starting point, not a result)
GENRES = {
    "annual_report": "government work report (review of last year, plan for this year)",
    "plan_report": "report on last year's plan and this year's draft plan or budget",
    "communique": "statistical communiqué (all results of one year)",
    "five_year_plan": "five-year plan, its outline or proposal",
    "action_plan": "action plan or programme for a horizon",
    "annual_plan": "this year's work points, programme or list",
    "livelihood_list": "list of 民生实事 for the year",
    "evaluation": "an evaluation of a plan's progress (中期评估): results of the year before, the plan's targets",
    "progress_report": "a report of the year's progress (上半年推进情况): results so far, the year's targets",
    "plan": "a plan (genre not named)",
}


@dataclass(frozen=True)
class Evidence:
    """One reading of the document's time: what it says (`field` = `value`), the rule, and where."""

    field: str  # year | genre | horizon | written
    value: object
    rule: str
    text: str = ""
    line: int | None = None


@dataclass
class DocumentFrame:
    """The years a document speaks about, with the evidence for each."""

    year: int | None  # the year it plans for (its 今年 when written early in the year)
    genre: str = "plan"
    horizon: tuple[int, int] | None = None  # first and last year of a multi-year plan
    target_year: int | None = None  # the default year of its targets
    written_year: int | None = None  # the year its 今年/去年 are counted from
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def multi_year(self) -> bool:
        """A plan for several years: what it quotes of the past is a baseline, not a result."""
        return bool(self.horizon and self.horizon[1] > self.horizon[0] and self.genre not in (*_ANNUAL, EVALUATION))

    @property
    def review_year(self) -> int | None:
        """The year its review of the past describes (the year before the plan starts; a progress report's own)."""
        if self.genre == PROGRESS_REPORT:
            return self.year
        start = self.horizon[0] if self.multi_year and self.horizon else self.year
        return start - 1 if start else None

    @property
    def horizon_start(self) -> int | None:
        """First year of a multi-year plan's window (None for a one-year document)."""
        return self.horizon[0] if self.multi_year and self.horizon else None

    @property
    def now(self) -> int | None:
        """The year 今年 means."""
        return self.written_year or self.year

    decided_by: dict[str, Evidence] = field(default_factory=dict)  # the evidence that decided each field


#: a report of the year's progress: its own year is what it reviews (what is done so far)
PROGRESS_REPORT = "progress_report"
_ANNUAL = ("annual_report", "plan_report", "communique", "annual_plan", "livelihood_list", PROGRESS_REPORT)
#: an evaluation keeps its plan's horizon (its targets are the plan's) but, like a report, reviews the past
EVALUATION = "evaluation"
_MULTI_YEAR_GENRES = ("five_year_plan", "action_plan")
_DATE = rf"(?P<year>{YEAR})\s*年\s*(?P<month>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*月"
#: what a meeting line names: the congress, the plenum, the standing committee
_MEETING = re.compile(
    r"人民代表大会|人大常委会|人大常务委员会|代表大会|委员会第?[^，。]{0,6}次?全体会议|全体会议|全会|常务会议|工作会议"
)
_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
           "十二": 12}  # fmt: skip


@dataclass(frozen=True)
class TitleRule:
    """A title pattern: the genre it names and how the year or horizon is read from it."""

    name: str
    pattern: re.Pattern[str]
    genre: str | None
    reads: str  # "year" (group year, or year2 for the later of two), "span", "period", "none"
    example: str = ""


def _t(name: str, pattern: str, genre: str | None, reads: str) -> TitleRule:
    return TitleRule(name, re.compile(pattern), genre, reads, TITLE_EXAMPLES[name])


#: one title each title rule reads (the README's rule table and a test use them)
TITLE_EXAMPLES = {
    "title-plan-report": "关于2023年国民经济和社会发展计划执行情况与2024年计划草案的报告",
    "title-communique": "某市2023年国民经济和社会发展统计公报",
    "title-evaluation": "某省“十四五”规划纲要实施中期评估报告",
    "title-progress-report": "某市2024年十件民生实事上半年推进情况",
    "title-work-report": "2024年某市政府工作报告",
    "title-year-span": "某市行动方案（2023—2027年）",
    "title-five-year-plan": "某市国民经济和社会发展第十五个五年规划纲要",
    "title-livelihood-list": "某县2025年十件民生实事",
    "title-year-plan": "某市2024年优化营商环境工作要点",
    "title-work-report-genre": "政府工作报告",
    "title-communique-genre": "统计公报",
    "title-action-plan-genre": "某市推进新型工业化实施方案",
    "title-livelihood-genre": "民生实事项目清单",
}
#: the document rules that are not title patterns: (name, what it reads, one example)
DOCUMENT_RULES: tuple[tuple[str, str, str], ...] = (
    ("person", "the year a person gave (manifest, add-a-plan form, --year): wins", "--year 2024"),
    (
        "person-year-is-the-horizon-end",
        "a person's year that ends the horizon the title names",
        "(2023—2027年) --year 2027",
    ),
    (
        "meeting-line",
        "the date of the congress or plenum the document was given at",
        "——2024年1月21日在…人民代表大会第二次会议上",
    ),
    (
        "meeting-line-late-in-year",
        "a meeting in November or December plans the next year",
        "——2023年12月26日在…人民代表大会…会议上",
    ),
    ("publication-date", "the date the document was published or signed", "发布时间：2022-03-08"),
    ("review-heading-plans-next-year", "a heading reviewing year Y: the document plans Y+1", "一、2023年工作回顾"),
    ("this-year-is-a-year-of-the-period", "今年 named as a year of a plan period", "今年是“十五五”开局之年"),
    ("year-of-the-targets", "the year named with this year's targets", "2024年全市经济社会发展的主要预期目标是"),
    ("deadline-named-most", "the horizon of a plan whose title names none", "到2027年，…"),
    ("most-mentioned-year", "only then: the year mentioned most (deadlines left out)", "2021年…2021年…"),
)


_Y = rf"(?P<year>{YEAR})\s*年"
_Y2 = rf"(?P<year2>{YEAR})\s*年"
#: titles, strongest first; each names its language pattern
TITLE_RULES: tuple[TitleRule, ...] = (
    # 关于2023年国民经济和社会发展计划执行情况与2024年…计划草案的报告: the later year is planned
    _t("title-plan-report", rf"{_Y}[^《》]{{0,30}}?执行情况[^《》]{{0,12}}?{_Y2}[^《》]{{0,30}}?(?:计划|预算)",
       "plan_report", "year2"),
    # 2023年国民经济和社会发展统计公报: the year it reports
    _t("title-communique", rf"{_Y}[^《》，。]{{0,30}}?统计公报", "communique", "year"),
    # …规划纲要实施中期评估报告, “十四五”规划实施情况总结评估: a plan's progress, reviewed
    _t("title-evaluation", r"(?:中期|总结|实施情况|实施)评估|评估报告", "evaluation", "none"),
    # 2024年十件民生实事上半年推进情况, 2023年重点工作进展情况: the year's progress so far
    _t("title-progress-report",
       rf"{_Y}[^，。]{{0,30}}?(?:(?:上半年|前三季度|一季度|半年|年中)[^，。]{{0,4}}?(?:完成|执行)情况|(?:推进|进展|落实)情况)"
       r"(?!与|和|及)",
       PROGRESS_REPORT, "year"),
    # 2024年政府工作报告, 2022年《政府工作报告》目标任务分解
    _t("title-work-report", rf"{_Y}[^，。]{{0,24}}?政府工作报告", "annual_report", "year"),
    # …行动方案（2023—2027年）, 2021—2035年: a horizon
    _t("title-year-span", rf"(?P<year>{YEAR})\s*年?\s*[—–\-－~～至到]+\s*{_Y2}", None, "span"),
    # 第十四个五年规划和二〇三五年远景目标纲要, “十四五”规划, “十五五”规划建议
    _t("title-five-year-plan", rf"{PERIOD}[^，。]{{0,20}}?(?:规划|计划)", "five_year_plan", "period"),
    # 2024年民生实事项目, 2024年十件民生实事
    _t("title-livelihood-list", rf"{_Y}[^，。]{{0,20}}?民生实事", "livelihood_list", "year"),
    # 2024年工作要点, 2024年…实施方案, 2024年重点工作任务
    _t("title-year-plan",
       rf"{_Y}[^，。]{{0,30}}?(?:要点|工作计划|实施方案|工作方案|行动方案|行动计划|重点工作|目标任务|计划)",
       "annual_plan", "year"),
    # 政府工作报告 with no year on the title line (the meeting line or the date gives it)
    _t("title-work-report-genre", r"政府工作报告", "annual_report", "none"),
    _t("title-communique-genre", r"统计公报", "communique", "none"),
    _t("title-action-plan-genre", r"行动方案|行动计划|实施方案|工作方案|三年行动|攻坚方案", "action_plan", "none"),
    _t("title-livelihood-genre", r"民生实事", "livelihood_list", "none"),
)  # fmt: skip

#: the publication date: 发布时间：2021-01-25, 2023年3月10日 on a line of its own (a notice's date), a newspaper's date
_PUBLISHED = (
    re.compile(r"(?:发布|发表|印发|时间|日期)[^\d]{0,6}(?P<year>(?:19|20)\d{2})\s*[-/.年]\s*(?P<month>\d{1,2})"),
    re.compile(rf"^\s*[（(]?\s*{_DATE}\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日\s*[)）]?\s*$"),
    re.compile(rf"^\s*[（(]?\s*{_DATE}\s*[)）]?\s*$"),  # a report's month under its issuer: 2023年9月
)
#: the head of a document: where its title, meeting line and date stand (page furniture counted apart:
#: a saved web page's chrome holds the page title and the publication date, and may be long)
HEAD_LINES = 30


def _head(doc: SourceDocument, furniture: bool = False) -> list[Line]:
    lines = [line for line in doc.lines if line.text.strip() and line.furniture == furniture]
    return lines[: HEAD_LINES * (2 if furniture else 1)]


#: a line of prose: the body has begun, so later short lines are headings, not the title
_PROSE = re.compile(r"[。；;]|[，,].*[，,]")


def _titles(head: list[Line]) -> Iterator[tuple[str, Line]]:
    """Title candidates: the short lines before the first line of prose."""
    for line in head:
        text = line.text.strip()
        if _PROSE.search(text) or len(text) > 80:
            break
        yield text, line


def _quoted_titles(head: list[Line]) -> Iterator[tuple[str, Line]]:
    """A 《…》 title quoted in the document's first lines (a news item announcing the document)."""
    for line in head[:5]:
        for quoted in re.findall(r"《([^《》]{4,80})》", line.text):
            yield quoted, line


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _MONTHS.get(text, 1)


def _meeting_lines(head: list[Line]) -> Iterator[tuple[int, int, Line]]:
    """(year, month, line) of a meeting line: a date and a congress/plenum on the same or the next line."""
    for i, line in enumerate(head):
        date = re.search(_DATE, line.text)
        if not date:
            continue
        near = line.text[date.end() :] + "".join(h.text for h in head[i + 1 : i + 2])
        before = head[i - 1].text if i else ""
        if _MEETING.search(near[:80]) or (_MEETING.search(before) and len(line.text.strip()) <= 20):
            yield parse_year(date.group("year")), _month(date.group("month")), line


#: structure: what the body says about the year it plans for
_REVIEW_HEADING = re.compile(rf"^[^，。]{{0,8}}?{_Y}[^，。]{{0,16}}?(?:工作)?(?:回顾|总结|主要成就)")
_THIS_YEAR_IS = re.compile(
    rf"今年是[^。；]{{0,40}}?{PERIOD}[^。；]{{0,16}}?(?P<which>开局之年|起步之年|第一年|首年|收官之年|最后一年|第二年|第三年|第四年)"
)
_WHICH = {"开局之年": 0, "起步之年": 0, "第一年": 0, "首年": 0, "第二年": 1, "第三年": 2, "第四年": 3, "收官之年": 4,
          "最后一年": 4}  # fmt: skip
_TARGETS_OF_YEAR = re.compile(
    rf"(?:做好|^[^，。]{{0,6}}){_Y}(?:{WHOLE_REGION})?[^，。；]{{0,10}}?"
    r"(?:主要预期目标|主要目标|预期目标|工作安排|政府工作(?!回顾|总结|报告)|工作任务|重点工作|总体要求|工作的总体)"
)
#: years that are deadlines or spans, not the document's own year (到2030年, 2023—2027年)
_DEADLINE = re.compile(rf"(?:到|至|—|–|-|－|~|～)\s*{YEAR}\s*年|{YEAR}\s*年\s*(?:前|底前|以前)|{YEAR}\s*[—–\-－~～]")


def _structure(doc: SourceDocument) -> Iterator[Evidence]:
    for line in doc.lines:
        if line.furniture or not line.text.strip():
            continue
        text = line.text.strip()
        review = _REVIEW_HEADING.match(text) if len(text) <= 40 else None
        reviewed = match_year(review) if review else None
        if reviewed:
            yield Evidence("year", reviewed + 1, "review-heading-plans-next-year", text, line.no)
        this_year = _THIS_YEAR_IS.search(text)
        if this_year:
            period = period_of(this_year)
            if period:
                year = period[0] + _WHICH[this_year.group("which")]
                yield Evidence("year", year, "this-year-is-a-year-of-the-period", this_year.group(0), line.no)
        targets = _TARGETS_OF_YEAR.search(text)
        if targets:
            yield Evidence("year", match_year(targets), "year-of-the-targets", targets.group(0), line.no)


_BY_DEADLINE = re.compile(rf"(?:到|至)\s*{_Y}")


def _deadlines(doc: SourceDocument) -> Iterator[Evidence]:
    """The horizon of a plan whose title names none: the year its 到Y年 deadlines name most (the latest of a tie)."""
    counts: Counter[int] = Counter()
    for line in doc.lines:
        if not line.furniture:
            counts.update(parse_year(m.group("year")) for m in _BY_DEADLINE.finditer(line.text))
    if counts:
        year = max(counts, key=lambda y: (counts[y], y))
        yield Evidence("deadline", year, "deadline-named-most", f"到{year}年 ×{counts[year]}")


def _mentioned(doc: SourceDocument) -> Evidence | None:
    """The year mentioned most (deadlines and spans left out), the latest of a tie."""
    counts: Counter[int] = Counter()
    for line in doc.lines:
        if line.furniture:
            continue
        text = _DEADLINE.sub("", line.text)
        counts.update(parse_year(m.group("year")) for m in re.finditer(_Y, text))
    if not counts:
        return None
    year = max(counts, key=lambda y: (counts[y], y))
    return Evidence("year", year, "most-mentioned-year", f"{year}年 ×{counts[year]}")


def _title_evidence(candidates: list[tuple[str, Line]]) -> Iterator[Evidence]:
    for rule in TITLE_RULES:
        for text, line in candidates:
            m = rule.pattern.search(text)
            if not m:
                continue
            if rule.genre:
                yield Evidence("genre", rule.genre, rule.name, m.group(0), line.no)
            if rule.reads == "year":
                yield Evidence("year", match_year(m), rule.name, m.group(0), line.no)
            elif rule.reads == "year2":
                yield Evidence("year", parse_year(m.group("year2")), rule.name, m.group(0), line.no)
            elif rule.reads == "span":
                start, end = parse_year(m.group("year")), parse_year(m.group("year2"))
                if 0 < end - start <= 30:
                    yield Evidence("horizon", (start, end), rule.name, m.group(0), line.no)
                    yield Evidence("year", start, rule.name, m.group(0), line.no)
            elif rule.reads == "period":
                period = period_of(m)
                if period:
                    yield Evidence("horizon", period, rule.name, m.group(0), line.no)
                    yield Evidence("year", period[0], rule.name, m.group(0), line.no)
                    if re.search(r"二〇三五|2035", text):
                        yield Evidence("vision", 2035, rule.name, text, line.no)
            break  # one line per rule: the first in the head


def _date_evidence(head: list[Line]) -> Iterator[Evidence]:
    for year, month, line in _meeting_lines(head):
        if "人民代表大会" in line.text or "人大" in line.text:
            # a report to a people's congress: a work report, or the plan and budget reports beside it
            yield Evidence("genre", "annual_report", "meeting-line", line.text.strip()[:60], line.no)
        # a congress held in November or December meets for the next year (its 今年 is still this one)
        late = month >= 11
        if late:
            yield Evidence("written", year, "meeting-line-late-in-year", line.text.strip()[:60], line.no)
        yield Evidence("year", year + late, "meeting-line-late-in-year" if late else "meeting-line",
                       line.text.strip()[:60], line.no)  # fmt: skip
    for line in head:
        for pattern in _PUBLISHED:
            m = pattern.search(line.text)
            if m:
                yield Evidence("year", parse_year(m.group("year")), "publication-date", m.group(0).strip(), line.no)
                break


#: the order of strength of the evidence for the document's year
YEAR_ORDER = (
    "person",
    "meeting-line",
    "meeting-line-late-in-year",
    "title-plan-report",
    "title-communique",
    "title-progress-report",
    "title-work-report",
    "title-year-span",
    "title-five-year-plan",
    "title-livelihood-list",
    "title-year-plan",
    "publication-date",
    "review-heading-plans-next-year",
    "this-year-is-a-year-of-the-period",
    "year-of-the-targets",
    "most-mentioned-year",
)


#: the evidence of when a document was written (a person's year, a meeting, a date)
_DATED = ("person", "meeting-line", "meeting-line-late-in-year", "publication-date")


def _first(evidence: list[Evidence], field_name: str, order: tuple[str, ...] | None = None) -> Evidence | None:
    found = [e for e in evidence if e.field == field_name and e.value is not None]
    if order:
        found.sort(key=lambda e: order.index(e.rule) if e.rule in order else len(order))
    return found[0] if found else None


def read_document_frame(
    doc: SourceDocument, plan_year: int | None = None, target_years: tuple[int, ...] | list[int] = ()
) -> DocumentFrame:
    """The document's frame: `plan_year`/`target_years` when a person gave them, else read from the text."""
    head, chrome = _head(doc), _head(doc, furniture=True)
    evidence: list[Evidence] = []
    if plan_year:
        evidence.append(Evidence("year", plan_year, "person", "given by a person (manifest, form or --year)"))
    evidence += _date_evidence(sorted(head + chrome, key=lambda line: line.no))
    titles: list[Evidence] = []
    # the title lines, else a title quoted in the first lines, else the page's own title (web chrome)
    for candidates in (_titles(head), _quoted_titles(head), _titles(chrome)):
        if not any(e.field in ("year", "horizon", "genre") for e in titles):
            titles += _title_evidence(list(candidates))
    evidence += titles
    evidence += _structure(doc)
    evidence += _deadlines(doc)
    if not any(e.field == "year" for e in evidence):
        found = _mentioned(doc)
        if found:
            evidence.append(found)
    return _decide(evidence, tuple(target_years))


#: the order of strength of the evidence for the genre: the title names it, else the meeting it was given at
GENRE_ORDER = (*(r.name for r in TITLE_RULES), "meeting-line")


def _decide(evidence: list[Evidence], target_years: tuple[int, ...]) -> DocumentFrame:
    decided: dict[str, Evidence] = {}
    for field_name, order in (("year", YEAR_ORDER), ("genre", GENRE_ORDER), ("horizon", None)):
        chosen = _first(evidence, field_name, order)
        if chosen:
            decided[field_name] = chosen
    genre = str(decided["genre"].value) if "genre" in decided else "plan"
    written = _first(evidence, "year", _DATED) if genre == EVALUATION else None
    if written:  # an evaluation is of the year it was written in, not of its plan's first year
        decided["year"] = written
    year = _int(decided["year"].value) if "year" in decided else None
    horizon = decided["horizon"].value if "horizon" in decided and genre not in _ANNUAL else None
    if isinstance(horizon, tuple) and year is not None and decided["year"].rule == "person":
        year = _person_year(year, horizon, evidence)
    if target_years:
        horizon = (min(year or target_years[0], target_years[0]), target_years[0])
        decided["horizon"] = Evidence("horizon", horizon, "person", "target years given by a person")
        evidence.append(decided["horizon"])
    deadline = _first(evidence, "deadline")
    if not isinstance(horizon, tuple) and year and deadline and genre in _MULTI_YEAR_GENRES:
        end = _int(deadline.value)
        if year < end <= year + 15:  # an action plan or outline whose title names no years: 到2027年 is its horizon
            horizon = (year, end)
            decided["horizon"] = deadline
    if not isinstance(horizon, tuple):
        horizon = (year, year) if year else None
    if genre == "plan" and horizon and horizon[1] > horizon[0]:
        genre = "action_plan"
    target = target_years[0] if target_years else (horizon[1] if horizon else year)
    return DocumentFrame(year, genre, horizon, target, _written(evidence, year), evidence, decided)


#: a plan's title ending in its years in brackets: 某市城市更新专项行动方案（2024—2026年）; `year` is the last
PLAN_TITLE_YEARS = (
    rf"(?:方案|规划|计划|纲要|清单|要点|意见)\s*[（(]\s*(?P<start>{YEAR})\s*年?\s*[—–\-－~～至到]+\s*"
    rf"(?P<year>{YEAR})\s*年?\s*[)）]\s*$"
)
_PLAN_TITLE_YEARS = re.compile(PLAN_TITLE_YEARS)


def part_frame(title: str, line: int, doc: DocumentFrame) -> DocumentFrame | None:
    """The frame of a plan printed inside the document under its own title and years (a notice issuing this
    year's list and a three-year programme): what follows the title plans for that horizon, its review is a
    baseline, and its 今年 is the document's. None when the title names no years or the document's own."""
    m = _PLAN_TITLE_YEARS.search(title)
    if not m:
        return None
    start, end = parse_year(m.group("start")), parse_year(m.group("year"))
    if not 0 < end - start <= 30 or (start, end) == doc.horizon:
        return None
    genre = next((r.genre for r in TITLE_RULES if r.genre in _MULTI_YEAR_GENRES and r.pattern.search(title)), None)
    horizon = Evidence("horizon", (start, end), "part-title-with-years", m.group(0), line)
    return DocumentFrame(start, genre or "action_plan", (start, end), end, doc.now, [horizon], {"horizon": horizon})


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


def _person_year(year: int, horizon: tuple[int, int], evidence: list[Evidence]) -> int:
    """A person's year that is the last year of the horizon the text names means that end, not a new start."""
    if year == horizon[1] and horizon[1] > horizon[0]:
        evidence.append(Evidence("year", horizon[0], "person-year-is-the-horizon-end", f"{year} = {horizon}"))
        return horizon[0]
    return year


def _written(evidence: list[Evidence], year: int | None) -> int | None:
    """The year 今年 counts from: a meeting's late in the year before the plan year (else the plan year)."""
    written = _first(evidence, "written")
    if written and year and written.value == year - 1:
        return year - 1
    return year
