"""Extraction: a plan document in, one `Target` per quantity out (the extraction contract).

read (document.py) -> drop furniture, segment (segment.py) -> find mentions (mentions.py)
-> read their meaning (meaning.py) -> place them in time (context.py) -> normalise (targets.units).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.classify import classify
from etl.context import DocumentYears, PassageContext, document_years, passage_context, sentence_year
from etl.document import SourceDocument
from etl.meaning import read_sentence
from etl.mentions import Mention, find_mentions
from etl.segment import Paragraph, Sentence, segment
from targets.model import Target
from targets.units import UnknownUnit, conversion


@dataclass(frozen=True)
class DocumentInfo:
    """What the manifest (or the command line) says about a document; all optional."""

    plan_year: int | None = None
    target_years: tuple[int, ...] = ()
    fallback_year: int | None = None
    region: str | None = None


#: 从目前的X增加到Y / 由X提高到Y: X is the baseline of the target Y
BASELINE_BEFORE = re.compile(r"(?:从|由)(?:目前的?|现在的?|现有的?|20\d{2}年(?:底|末)?的?)?\s*$")
BASELINE_AFTER = re.compile(
    r"^\s*(?:[^，,。；;\d]{0,4}?)(?:增加|提高|提升|扩大|增长|下降|降低|减少|缩小|缩减)(?:到|至)"
)
#: a list of named line sections to open or build: 开通运营10号线三期、13号线一期
COUNTED_LIST = re.compile(
    r"(?P<verb>开通运营|建成通车|建成投运|建成投用|开通|投运|通车)(?P<lead>轨道交通|地铁|城市轨道交通|市域铁路|铁路)?"
    r"(?P<list>[^，,。；;、]{2,16}(?:、[^，,。；;、]{2,16})+)"
)
LINE_ITEM = re.compile(r"号线|[^\d]线|铁路|高铁|高速|轨道|快线|环线|支线")


def extract_document(doc: SourceDocument, info: DocumentInfo | None = None) -> list[Target]:
    """Every quantity in a document, in document order."""
    info = info or DocumentInfo()
    years = document_years(doc, info.plan_year, list(info.target_years), info.fallback_year)
    out: list[Target] = []
    for paragraph in segment(doc):
        if paragraph.skip:
            continue
        context = passage_context(paragraph, years)
        for sentence in paragraph.sentences:
            out.extend(_sentence_targets(doc, sentence, context, years, info))
    return classify(out)


def _sentence_targets(
    doc: SourceDocument, sentence: Sentence, context: PassageContext, years: DocumentYears, info: DocumentInfo
) -> list[Target]:
    mentions = find_mentions(sentence.text)
    usable: list[Mention] = []
    units: list[str] = []
    for m in mentions:
        try:
            units.append(conversion(m.unit_raw).norm_unit)
            usable.append(m)
        except UnknownUnit:
            continue
    year = sentence_year(sentence, context, years)
    out = []
    multi_year = bool(year and years.plan_year and year > years.plan_year and context.kind == "target")
    for reading in read_sentence(sentence.text, usable, units, multi_year):
        m = reading.mention
        kind, rules = context.kind, [context.rule, *reading.rules]
        if context.kind == "target" and _is_baseline(sentence.text, m):
            kind, rules = "baseline", [*rules, "from-x-to-y"]
        for variant, indicator in enumerate(reading.duplicate_for or [reading.indicator]):
            out.append(
                _target(
                    doc,
                    sentence,
                    m,
                    indicator,
                    reading.comparator,
                    reading.metric,
                    reading.per_capita,
                    kind,
                    year if kind == "target" else (context.year if context.kind != "target" else years.plan_year),
                    years,
                    info,
                    rules,
                    variant=variant,
                )
            )
    out.extend(_counted_lists(doc, sentence, context, year, years, info))
    return out


def _is_baseline(text: str, m: Mention) -> bool:
    return bool(
        BASELINE_BEFORE.search(text[max(0, m.start - 12) : m.start]) and BASELINE_AFTER.match(text[m.end : m.end + 10])
    )


def _span(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """Original-text offsets of sentence characters [start, end)."""
    p: Paragraph = sentence.paragraph
    return p.original_offset(sentence.start + start), p.original_offset(sentence.start + end - 1) + 1


def _period(metric: str, kind: str, year: int | None, years: DocumentYears, sentence: str) -> tuple[str, int | None]:
    multi_year = bool(years.horizon_start and year and year > years.horizon_start)
    if kind != "target" or not multi_year:
        return ("cumulative" if "累计" in sentence and kind != "target" else "annual"), None
    if metric == "increment":
        return ("annual" if re.search(r"每年|年均|年度", sentence) else "cumulative"), years.horizon_start
    if metric == "growth_rate":
        return "annual", years.horizon_start
    return "end_of_period", years.horizon_start


def _target(
    doc: SourceDocument,
    sentence: Sentence,
    m: Mention,
    indicator: str,
    comparator: str,
    metric: str,
    per_capita: bool,
    kind: str,
    year: int | None,
    years: DocumentYears,
    info: DocumentInfo,
    rules: list[str],
    *,
    derived: bool = False,
    quote_span: tuple[int, int] | None = None,
    variant: int = 0,
) -> Target:
    conv = conversion(m.unit_raw, per_capita)
    norm_unit = "ratio" if m.form == "bare" and metric != "index" else conv.norm_unit
    start, end = quote_span or _span(sentence, m.start, m.end)
    s_start, s_end = _span(sentence, 0, len(sentence.text))
    period, period_start = _period(metric, kind, year, years, sentence.text)
    paragraph = sentence.paragraph
    return Target(
        doc=doc.name,
        line=doc.line_at(start).no,
        quote=doc.original[start:end],
        indicator=indicator,
        value=m.value,
        value_low=m.low,
        value_high=m.high,
        unit_raw=m.unit_raw,
        norm_value=_round(conv.apply(m.value)),
        norm_low=_round(conv.apply(m.low)),
        norm_high=_round(conv.apply(m.high)),
        norm_unit=norm_unit,
        comparator=comparator,
        metric=metric,
        kind=kind,
        target_year=year,
        char_start=start,
        char_end=end,
        sentence=doc.original[s_start:s_end],
        sentence_start=s_start,
        section=" / ".join(h.text for h in paragraph.headings),
        item=paragraph.item,
        lead_unit=paragraph.lead_unit,
        derived=derived,
        period=period,
        period_start=period_start,
        region=info.region,
        rules=rules,
        variant=variant,
    )


def _round(value: float | None) -> float | None:
    """Remove float noise from unit arithmetic (1.45 x 10000 = 14499.999999999998)."""
    return None if value is None else float(f"{value:.12g}")


def _counted_lists(
    doc: SourceDocument,
    sentence: Sentence,
    context: PassageContext,
    year: int | None,
    years: DocumentYears,
    info: DocumentInfo,
) -> list[Target]:
    """A list of named line sections to open is itself a target: one row with the count, marked derived."""
    out = []
    if context.kind != "target":
        return out
    for match in COUNTED_LIST.finditer(sentence.text):
        items = [x for x in re.split(r"、|以及|和", match.group("list")) if x]
        if len(items) < 2 or not all(LINE_ITEM.search(x) for x in items):
            continue
        if find_mentions(match.group("list")):
            continue  # the list carries its own numbers
        m = Mention(match.start("list"), match.end("list"), float(len(items)), None, None, "条", None, "derived")
        lead = match.group("lead") or ""
        indicator = f"{match.group('verb')}{lead}线路"
        comparator = ">=" if sentence.text[match.end() : match.end() + 1] == "等" else "="
        out.append(
            _target(
                doc,
                sentence,
                m,
                indicator,
                comparator,
                "increment",
                False,
                "target",
                year,
                years,
                info,
                [context.rule, "counted-list"],
                derived=True,
            )
        )
    return out


def extract_path(path: Path | str, info: DocumentInfo | None = None) -> list[Target]:
    """Read a file (UTF-8 or GB18030) and extract it."""
    return extract_document(SourceDocument.from_path(path), info)


def extract_text(name: str, text: str, info: DocumentInfo | None = None) -> list[Target]:
    """Extract from text already in memory (a pasted plan, an upload)."""
    return extract_document(SourceDocument.from_text(name, text), info)
