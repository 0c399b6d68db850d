"""Extraction: a plan document in, one `Quantity` per number out (the extraction contract).

read (document.py) -> drop furniture, find indicator tables (tables.py), segment the prose
(segment.py) -> find mentions (mentions.py) -> read their meaning (meaning.py) -> place them in time
(timeframe/: kind and year) -> normalise (targets.units) -> catalog id and category (classify.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from etl.classify import classify
from etl.document import SourceDocument
from etl.intake import read_path
from etl.lexicon import (
    CUT_VERBS,
    DECLINE_VERBS,
    DELIVERY_VERBS,
    GROWTH_NOUNS,
    INTO_SERVICE_VERBS,
    NEW_VERBS,
    RATE_OF_CHANGE_VERBS,
    SHARE_NOUNS,
    alternation,
)
from etl.meaning import PER_CAPITA_RE, name_indicator, read_sentence
from etl.mentions import Mention, find_mentions
from etl.rules import Fired, Trace
from etl.scope import HAS_AREA_NOUN, area_at, paragraph_area
from etl.segment import Paragraph, Sentence, segment
from etl.tables import (
    Column,
    Table,
    TableCell,
    TableRow,
    caption_year,
    cell_mention,
    find_tables,
    is_cumulative,
    read_value,
)
from etl.timeframe import (
    Decision,
    DocumentFrame,
    ParagraphTime,
    TimeReport,
    column_decision,
    dash_item_frame,
    explain,
    paragraph_frames,
    read_document_frame,
)
from targets.model import Quantity
from targets.units import UnknownUnit, conversion
from targets.vocab import Kind, Metric


@dataclass(frozen=True)
class DocumentInfo:
    """What a person says about a document (manifest, add-a-plan form, command line); all optional.

    `plan_year` is the year the document is for (its 今年 in a work report, the first year of a multi-year
    plan) and wins over anything read from the text; `target_years` the years it sets targets for.
    """

    plan_year: int | None = None
    target_years: tuple[int, ...] = ()
    region: str | None = None


@dataclass(frozen=True)
class Place:
    """Where a quantity sits: its quote and sentence spans in the original text, and its section."""

    quote: tuple[int, int]
    sentence: tuple[int, int]
    section: str = ""
    item: str | None = None
    lead_unit: str | None = None
    context: str = ""  # simplified text around the quantity, for period cues (累计, 每年)


#: a list of named line sections to open or build: 开通运营10号线三期、13号线一期
COUNTED_LIST = re.compile(
    rf"(?P<verb>{alternation(INTO_SERVICE_VERBS)})(?P<lead>轨道交通|地铁|城市轨道交通|市域铁路|铁路)?"
    r"(?P<list>[^，,。；;、]{2,16}(?:、[^，,。；;、]{2,16})+)"
)
#: an item of such a list: 5号线, 6号线一期, S3线 (a lettered line), 成渝中线高铁
LINE_ITEM = re.compile(r"号线|[A-Za-z]\d*线|[^\d]线|铁路|高铁|高速|轨道|快线|环线|支线")


def _prose(doc: SourceDocument, tables: list[Table]) -> list[Paragraph]:
    """The paragraphs of a document outside its indicator tables."""
    table_lines = set().union(*(t.lines for t in tables)) if tables else set()
    return segment(doc, skip_lines=table_lines)


def explain_document(doc: SourceDocument, info: DocumentInfo | None = None) -> TimeReport:
    """The document's time frame and what set each section's frame (``extract --explain``)."""
    info = info or DocumentInfo()
    return explain(doc, info.plan_year, info.target_years, _prose(doc, find_tables(doc)))


def extract_document(
    doc: SourceDocument, info: DocumentInfo | None = None, trace: Trace | None = None
) -> list[Quantity]:
    """Every quantity in a document, in document order; `trace` collects what each rule decided (``etl explain``)."""
    info = info or DocumentInfo()
    years = read_document_frame(doc, info.plan_year, info.target_years)
    tables = find_tables(doc)
    out: list[Quantity] = []
    for table in tables:
        fired = [Fired("table", "indicator-table", ""), *table.fired]
        out.extend(_traced(_table_targets(doc, table, years, info), trace, fired))
    section, ended = None, None  # the section frame of the paragraph before, and the frame it ended in
    for paragraph, frame, part in paragraph_frames(_prose(doc, tables), years):
        if paragraph.skip:
            continue
        time = ParagraphTime(
            paragraph.text, dash_item_frame(paragraph.text, frame, ended if frame is section else None), part
        )
        section, ended = frame, time.base(len(paragraph.text))
        topic = paragraph_area(paragraph.text)
        carried = ""
        for sentence in paragraph.sentences:
            targets, subject = _sentence_targets(doc, sentence, time, info, carried, trace)
            _scope(targets, sentence, topic, trace)
            out.extend(targets)
            # a sentence ending in ； leaves its subject to the next one (…达到42%；到2035年，达到45%)
            carried = subject if sentence.text.rstrip().endswith(("；", ";")) else ""
    out.sort(key=lambda t: (t.char_start, t.variant))
    return classify(out)


def _scope(targets: list[Quantity], sentence: Sentence, topic: str | None, trace: Trace | None = None) -> None:
    """Mark the targets of a sentence that are set for a sub-area of the plan's region (etl.scope)."""
    if not targets or not (topic or HAS_AREA_NOUN.search(sentence.text)):
        return
    paragraph = sentence.paragraph
    for target in targets:
        position = paragraph.text_offset(target.char_start) - sentence.start
        scoped = area_at(sentence.text, position, topic)
        if scoped:
            target.area = scoped[0]
            target.rules.append(scoped[1])
            if trace is not None and id(target) in trace.decisions:
                trace.decisions[id(target)] = [*trace.decisions[id(target)], Fired("area", scoped[1], scoped[0])]


def _sentence_targets(
    doc: SourceDocument,
    sentence: Sentence,
    time: ParagraphTime,
    info: DocumentInfo,
    carried: str = "",
    trace: Trace | None = None,
) -> tuple[list[Quantity], str]:
    """The quantities of one sentence, and the subject it ends on."""
    usable, units = [], []
    for m in find_mentions(sentence.text, trace):
        try:
            units.append(conversion(m.unit_raw).norm_unit)
            usable.append(m)
        except UnknownUnit:
            continue
    years = time.doc
    if not usable:  # most sentences: no quantity, so no meaning to read and no subject to hand on
        return _traced(_counted_lists(doc, sentence, time, info), trace, [Fired("subject", "counted-list", "")]), ""
    decisions = [time.decide(sentence.start, sentence.text, m.start, m.end) for m in usable]
    # a horizon beyond this year: 建成 X公里 is the built total by then, not this year's addition
    multi_year = any(d.kind == Kind.TARGET and d.year and years.year and d.year > years.year for d in decisions)
    out = []
    readings = read_sentence(sentence.text, usable, units, multi_year, carried)
    decided = {id(m): d for m, d in zip(usable, decisions, strict=True)}
    for reading in readings:
        m = reading.mention
        decision = decided[id(m)]
        kind, described, rules = decision.kind, decision.year, [*decision.rules, *reading.rules]
        place = _sentence_place(sentence, m.start, m.end)
        fired = [*_time_fired(decision), *reading.fired]
        for variant, indicator in enumerate(reading.duplicate_for or [reading.indicator]):
            out.append(
                _target(
                    doc,
                    place,
                    m,
                    indicator,
                    reading.comparator,
                    reading.metric,
                    reading.per_capita,
                    kind,
                    described,
                    years,
                    info,
                    rules,
                    variant=variant,
                )
            )
            _traced([out[-1]], trace, fired)
    out.extend(_traced(_counted_lists(doc, sentence, time, info), trace, [Fired("subject", "counted-list", "")]))
    return out, readings[-1].subject if readings else ""


def _time_fired(decision: Decision) -> list[Fired]:
    """The time decisions of a quantity: the frame it sits in, and the clause rule that spoke over it (if any)."""
    result = f"{decision.kind} {decision.year}"
    if len(decision.rules) == 1:
        return [Fired("time", decision.rules[0], result, decision.tried)]
    return [Fired("frame", decision.rules[0], ""), Fired("time", decision.rules[1], result, decision.tried)]


def _traced(quantities: list[Quantity], trace: Trace | None, fired: list[Fired]) -> list[Quantity]:
    if trace is not None:
        for q in quantities:
            trace.decisions[id(q)] = fired
    return quantities


def _sentence_place(sentence: Sentence, start: int, end: int) -> Place:
    """The Place of sentence characters [start, end)."""
    p = sentence.paragraph
    base = sentence.start

    def span(a: int, b: int) -> tuple[int, int]:
        return p.original_offset(base + a), p.original_offset(base + b - 1) + 1

    return Place(
        quote=span(start, end),
        sentence=span(0, len(sentence.text)),
        section=" / ".join(h.text for h in p.headings),
        item=p.item,
        lead_unit=p.lead_unit,
        context=sentence.text,
    )


def _period(metric: str, kind: str, year: int | None, years: DocumentFrame, context: str) -> tuple[str, int | None]:
    """annual, cumulative or end_of_period, and the first year of the window for multi-year targets."""
    multi_year = bool(years.horizon_start and year and year > years.horizon_start)
    if kind != Kind.TARGET or not multi_year:
        return ("cumulative" if "累计" in context and kind != Kind.TARGET else "annual"), None
    if metric == "increment":
        return ("annual" if re.search(r"每年|年均|年度", context) else "cumulative"), years.horizon_start
    if metric == "growth_rate":
        return "annual", years.horizon_start
    return "end_of_period", years.horizon_start


def _target(
    doc: SourceDocument,
    place: Place,
    m: Mention,
    indicator: str,
    comparator: str,
    metric: str,
    per_capita: bool,
    kind: str,
    year: int | None,
    years: DocumentFrame,
    info: DocumentInfo,
    rules: list[str],
    *,
    derived: bool = False,
    variant: int = 0,
) -> Quantity:
    """Build the record for one quantity: normalised value, provenance, period semantics."""
    conv = conversion(TABLE_UNIT_READS.get(m.unit_raw, m.unit_raw) if m.form == "table" else m.unit_raw, per_capita)
    norm_unit = "ratio" if m.form == "bare" and metric != "index" else conv.norm_unit
    scale = 1.0
    if metric == "growth_rate" and norm_unit == "ratio" and m.form != "bare":
        scale, norm_unit = 100.0, "percent"  # 增长1.1倍 is a growth of 110%: the multiple as written, in percent
    start, end = place.quote
    period, period_start = _period(metric, kind, year, years, place.context)
    at = doc.line_at(start)
    return Quantity(
        doc=doc.name,
        line=at.no,
        quote=doc.original[start:end],
        indicator=indicator,
        value=m.value,
        value_low=m.low,
        value_high=m.high,
        unit_raw=m.unit_raw,
        norm_value=_scaled(conv.apply(m.value), scale),
        norm_low=_scaled(conv.apply(m.low), scale),
        norm_high=_scaled(conv.apply(m.high), scale),
        norm_unit=norm_unit,
        comparator=comparator,
        metric=metric,
        kind=kind,
        target_year=year,
        char_start=start,
        char_end=end,
        sentence=doc.original[place.sentence[0] : place.sentence[1]],
        sentence_start=place.sentence[0],
        section=place.section,
        item=place.item,
        lead_unit=place.lead_unit,
        derived=derived,
        period=period,
        period_start=period_start,
        region=info.region,
        rules=rules,
        variant=variant,
        page=at.page,
        page_line=at.page_line,
    )


def _scaled(value: float | None, scale: float) -> float | None:
    return _round(None if value is None else value * scale)


def _round(value: float | None) -> float | None:
    """Remove float noise from unit arithmetic (1.45 x 10000 = 14499.999999999998)."""
    return None if value is None else float(f"{value:.12g}")


def _counted_lists(doc: SourceDocument, sentence: Sentence, time: ParagraphTime, info: DocumentInfo) -> list[Quantity]:
    """A list of named line sections to open is itself a target: one row with the count, marked derived."""
    out = []
    for match in COUNTED_LIST.finditer(sentence.text):
        decision = time.decide(sentence.start, sentence.text, match.start("list"), match.end("list"))
        if decision.kind != Kind.TARGET:
            continue
        items = [x for x in re.split(r"、|以及|和", match.group("list")) if x]
        if len(items) < 2 or not all(LINE_ITEM.search(x) for x in items):
            continue
        if find_mentions(match.group("list")):
            continue  # the list carries its own numbers
        m = Mention(match.start("list"), match.end("list"), float(len(items)), None, None, "条", None, "derived")
        indicator = f"{match.group('verb')}{match.group('lead') or ''}线路"
        comparator = ">=" if sentence.text[match.end() : match.end() + 1] == "等" else "="
        place = _sentence_place(sentence, m.start, m.end)
        out.append(
            _target(
                doc,
                place,
                m,
                indicator,
                comparator,
                Metric.INCREMENT,
                False,
                Kind.TARGET,
                decision.year,
                time.doc,
                info,
                [*decision.rules, "counted-list"],
                derived=True,
            )
        )
    return out


def _table_targets(doc: SourceDocument, table: Table, years: DocumentFrame, info: DocumentInfo) -> list[Quantity]:
    """One quantity per value cell of a table, its kind and year from its column: a year's target, actual or
    base (of plain years the earliest is the baseline, the later ones targets — or actuals beside a column
    that says it holds the target); the change on last year and what a column measures are of the table's
    year (its row's, its caption's, the communiqué's), targets in a plan and actuals in a communiqué."""
    time = _TableTime(table, years)
    section = table.header.text.strip()
    out = []
    for row in table.rows:
        for column, cell in row.values:
            parsed = read_value(cell)
            if parsed is None:
                continue
            value, span, comparator, written = parsed
            index = table.columns.index(column)
            if column.kind == "growth" and time.review:  # 增速（%） in a communiqué's table: that year's change
                column = replace(column, kind="change")
            unit = "%" if column.kind == "change" else (written or column.unit or row.unit or table.unit)
            unit = "%" if unit in ("%", "％") else unit
            name = _cell_name(table, row, column, index)
            per_capita = bool(PER_CAPITA_RE.search(name))
            try:
                conversion(TABLE_UNIT_READS.get(unit, unit), per_capita)
            except UnknownUnit:
                continue
            metric, decline = _row_metric(name, unit)
            place = Place(
                quote=(row.line.offset(cell.start), row.line.offset(cell.start + len(cell.text) - 1) + 1),
                sentence=(row.line.start, row.line.start + len(row.line.original)),
                section=section,
                context=row.line.text,
            )
            m = cell_mention(cell, value, unit, span)
            fired = table.fired[index].rule
            if column.kind == "growth":
                change, name, change_metric, rule = _growth_cell(row, cell, m, unit, metric, decline)
                kind, year, rules = str(Kind.TARGET), time.last_year, ["indicator-table", fired, rule]
                metric, m, per_capita = change_metric, change, False
            else:
                decision = time.decide(column, row)
                kind, year = str(decision.kind), decision.year
                rules = [*decision.rules[:1], fired, *decision.rules[1:]]
                if column.kind == "change" or metric == "growth_rate":
                    metric, name = "growth_rate", name_indicator(name, "growth_rate", decline)
            out.append(_target(doc, place, m, name, comparator, metric, per_capita, kind, year, years, info, rules))
    return out


class _TableTime:
    """The kind and year of a table's cells (see `_table_targets`)."""

    def __init__(self, table: Table, years: DocumentFrame) -> None:
        self.years = years
        year_columns = [c for c in table.columns if c.kind == "year" and c.year]
        listed = sorted({c.year for c in year_columns if c.year})
        first_role = year_columns[0].role if year_columns else ""
        self.base_year = listed[0] if len(listed) > 1 and first_role not in ("target", "actual") else None
        self.last_year = listed[-1] if listed else years.target_year
        self.beside_target = any(c.role == "target" for c in year_columns)
        self.review = years.genre == "communique" or bool(_REPORTED_CAPTION.search(table.caption))
        self.year = caption_year(table.caption) or (years.year if years.genre == "communique" else None)
        row_years = [r.year for r in table.rows if r.year]
        self.rows_span = (min(row_years), max(row_years)) if row_years else None

    def decide(self, column: Column, row: TableRow) -> Decision:
        if column.kind == "year" and column.year is None:  # 年度目标, 上半年完成: of the table's year
            year = self.year or (self.years.year if self.review else self.years.target_year)
            kind = Kind.ACTUAL if column.role == "actual" else Kind.TARGET
            return Decision(kind, year, ["indicator-table", "table-year"])
        if column.kind == "year":
            if column.role == "actual" or (
                column.role == "" and column.year != self.base_year and (self.review or self.beside_target)
            ):
                return Decision(Kind.ACTUAL, column.year, ["indicator-table", f"column-{column.year}"])
            base = column.role == "base" or (column.role == "" and column.year == self.base_year)
            return column_decision(column.year, base)
        kind = Kind.ACTUAL if self.review or _SHARE_DONE.search(column.label) else Kind.TARGET
        if row.year:
            return Decision(kind, row.year, ["indicator-table", "row-year"])
        if row.total and self.rows_span:
            return Decision(kind, self.rows_span[1], ["indicator-table", "row-total"])
        if row.period:
            return Decision(kind, row.period[1], ["indicator-table", "row-period"])
        year = self.year or (self.years.year if self.review else self.years.target_year)
        return Decision(kind, year, ["indicator-table", "table-year"])


#: a row of things made or added in the period: 新增停车泊位, 城镇新增就业, 改造老旧小区 (a flow)
_ROW_FLOW = re.compile(rf"^(?:{alternation(DELIVERY_VERBS + CUT_VERBS)})|{alternation(NEW_VERBS)}")
#: a measure of how much is done (完成率 108%, 完成进度): a result, wherever the table stands
_SHARE_DONE = re.compile(r"完成率|完成进度|完成比例|开工率|完工率")
#: a caption saying its table reports results: 完成情况, 执行情况, 统计, 实绩
_REPORTED_CAPTION = re.compile(r"完成情况|执行情况|实绩|统计|公报|主要经济指标|及其增长速度|涨跌幅度")
#: a measure whose header is a generic word: the row name alone names the indicator
_GENERIC_MEASURES = ("数值", "数量", "指标值", "值", "规模", "绝对值", "总量")


def _cell_name(table: Table, row: TableRow, column: Column, index: int) -> str:
    """The indicator a cell is of: the row's name, with what its column measures (襄城区 + 地区生产总值); in a
    table with a year per row, the column's measure; a change on last year is of the measure before it."""
    label = column.label
    if column.kind == "change":
        before = table.columns[:index]
        label = next((c.label for c in reversed(before) if c.kind == "measure"), "")
    if column.kind not in ("measure", "change") or (not label and not table.year_rows):
        return row.name
    if table.year_rows:
        return label
    if row.total:
        return label + row.name  # 建设规模合计
    if (
        label in _GENERIC_MEASURES
        or label.endswith(("数值", "指标值"))
        or (label.endswith("量") and row.name.endswith("量"))
    ):
        return row.name  # 发电量 in a column of 产量
    return row.name + label if not row.name.endswith(label) else row.name


def _row_metric(name: str, unit: str) -> tuple[str, bool]:
    """(metric, decline) of a table cell by its indicator and unit: a rate of change, a share, a flow, a level."""
    decline = bool(_ROW_DECLINE.search(name))
    if _ROW_RATE.search(name) and unit == "%":
        return "growth_rate", decline
    if _ROW_SHARE.search(name) and unit == "%":
        return "share", decline
    if _ROW_FLOW.search(name) and unit != "%":
        return "increment", decline
    return "level", decline


#: an indicator table's row named by a rate of change (地区生产总值增长, 能耗降低), a share (占比), a decline
_ROW_RATE = re.compile(alternation(GROWTH_NOUNS + RATE_OF_CHANGE_VERBS))
_ROW_SHARE = re.compile(alternation(SHARE_NOUNS))
_ROW_DECLINE = re.compile(alternation(DECLINE_VERBS))
#: units of an indicator cell that name a count of years (平均受教育年限（年）), read as a count
TABLE_UNIT_READS = {"年": "个"}


def _growth_cell(
    row: TableRow, cell: TableCell, m: Mention, unit: str, metric: str, decline: bool
) -> tuple[Mention, str, str, str]:
    """(mention, indicator, metric, rule) of a growth-column cell: a yearly rate, or in brackets the change
    over the plan period — points for a rate (〔6.1〕 of 城镇化率), a cumulative decline for 能耗降低 (〔14〕)."""
    value = m.value
    if is_cumulative(cell) and unit == "%" and metric != "growth_rate":
        points = Mention(m.start, m.end, value, None, None, "个百分点", None, "table")
        return points, f"{row.name}提高", "increment", "column-cumulative-points"
    pct = Mention(m.start, m.end, value, None, None, "%", None, "table")
    if metric == "growth_rate":  # the row is itself a rate (全员劳动生产率增长, 能耗降低): the column holds it
        name = name_indicator(row.name, metric, decline)
        if is_cumulative(cell):
            return pct, re.sub(r"降幅$", "累计降幅", name), "growth_rate", "column-cumulative-rate"
        return pct, name, "growth_rate", "column-growth"
    return pct, f"{row.name}年均增速", "growth_rate", "column-growth"


def extract_path(path: Path | str, info: DocumentInfo | None = None) -> list[Quantity]:
    """Read a file of any format the intake reads (text, web page, PDF, Word) and extract it.

    Raises etl.intake.IntakeError when the file cannot be read as a plan."""
    return extract_document(read_path(path), info)


def extract_text(name: str, text: str, info: DocumentInfo | None = None) -> list[Quantity]:
    """Extract from text already in memory (a pasted plan, an upload)."""
    return extract_document(SourceDocument.from_text(name, text), info)
