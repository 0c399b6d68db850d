"""Document time: whether a quantity is a target, an actual or a baseline, and which year it is for.

One place decides it, in three layers, each an ordered table of named rules (first match wins; the
winning rule's name goes into the quantity's ``rules``):

1. the **document frame** (`document_frame`): the year the document plans for, its genre and horizon,
   from a person, the meeting line, the title, the date, the structure, the years mentioned;
2. **section frames** (`sections`): each heading and part opening — a review of a year or of a period,
   a plan for this year or for a horizon — nested frames kept;
3. **sentence evidence** (`evidence`): the time words of a paragraph (到2030年, 去年, “十四五”时期) and
   clauses whose language is clear (a figure in brackets, 从X提高到Y, 截至目前, 已建成, 全年…比上年增长).

A developer adding a heading pattern edits `sections.SECTION_RULES`; a time word, `evidence.ANCHOR_RULES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.document import SourceDocument
from etl.segment import Paragraph, segment
from etl.timeframe.document_frame import (
    DOCUMENT_RULES,
    GENRES,
    TITLE_RULES,
    DocumentFrame,
    Evidence,
    read_document_frame,
)
from etl.timeframe.evidence import ANCHOR_RULES, EVIDENCE_RULES, Decision, ParagraphTime
from etl.timeframe.frames import Frame, kind_of
from etl.timeframe.sections import OPENING_RULES, SECTION_RULES, SectionTime, dash_item_frame, paragraph_frames
from targets.vocab import Kind

__all__ = [
    "ANCHOR_RULES",
    "DOCUMENT_RULES",
    "EVIDENCE_RULES",
    "GENRES",
    "OPENING_RULES",
    "SECTION_RULES",
    "TITLE_RULES",
    "Decision",
    "DocumentFrame",
    "Evidence",
    "Frame",
    "ParagraphTime",
    "SectionTime",
    "TimeReport",
    "column_decision",
    "dash_item_frame",
    "explain",
    "kind_of",
    "paragraph_frames",
    "read_document_frame",
    "rule_rows",
]


def column_decision(year: int | None, is_base: bool) -> Decision:
    """Kind and year of an indicator table's cell: the base-year column is the starting point of the later ones."""
    return Decision(Kind.BASELINE if is_base else Kind.TARGET, year, ["indicator-table", f"column-{year}"])


@dataclass
class TimeReport:
    """A document's time frame and what set each section's frame (what ``extract --explain`` prints)."""

    frame: DocumentFrame
    sections: list[SectionTime] = field(default_factory=list)


def explain(
    doc: SourceDocument,
    plan_year: int | None = None,
    target_years: tuple[int, ...] = (),
    paragraphs: list[Paragraph] | None = None,
) -> TimeReport:
    """The document frame and the frame of every heading and part opening, in document order."""
    frame = read_document_frame(doc, plan_year, target_years)
    report = TimeReport(frame)
    for _ in paragraph_frames(paragraphs if paragraphs is not None else segment(doc), frame, report.sections):
        pass
    return report


_ROLE_WORDS = {
    "review": "review",
    "plan": "plan",
    "by-year": "review or plan (the year's side of the plan year)",
    "by-period": "review or plan (the period's side of the plan year)",
    "since": "review up to last year",
    "basis": "a plan's starting point",
}
_YEAR_WORDS = {
    "named": "the year named",
    "period": "the period's last year",
    "period-first-years": "the last of the period's first years",
    "this": "this year",
    "next": "next year",
    "last": "last year",
    "years-back": "last year (from N years back)",
    "coming-five": "this year + 4",
    "review": "the review year",
    "target": "the default target year",
}


def rule_rows() -> list[tuple[str, str, str, str]]:
    """(table, rule, what it decides, one example) of every time rule, in the order they are tried
    (etl.rulebook renders them with the other rule tables)."""
    rows = [("document", name, what, example) for name, what, example in DOCUMENT_RULES]
    for title in TITLE_RULES:
        reads = {"year": "year", "year2": "the later year", "span": "horizon", "period": "plan period", "none": ""}
        what = ", ".join(x for x in (title.genre or "", reads[title.reads]) if x)
        rows.append(("title", title.name, what, title.example))
    for table, rules in (("heading", SECTION_RULES), ("opening", OPENING_RULES), ("time word", ANCHOR_RULES)):
        for r in rules:
            what = f"{_ROLE_WORDS.get(r.role, r.role)}, {_YEAR_WORDS[r.year]}" + ("" if r.anchored else " (generic)")
            rows.append((table, r.name, what, r.example))
    rows.append(
        ("opening", "dash-item-continues", "a —— item after a paragraph that named a plan's year: that year",
         "今后五年的主要目标是：到2030年，…。 / ——创新动能更加强劲。…")
    )  # fmt: skip
    rows += [("clause", e.name, e.decides, e.example) for e in EVIDENCE_RULES.rules]
    rows.append(
        ("default", "evaluation-reports-its-year", "an evaluation: results of the year before it", "(中期评估报告)")
    )
    rows.append(
        ("default", "progress-reports-its-year", "a progress report: results of its year so far", "(上半年推进情况)")
    )
    rows.append(("default", "document-default", "a plan for the document's target year", "(no rule above)"))
    rows.append(("table", "indicator-table", "base-year column a baseline, later columns targets", "2020年 / 2025年"))
    return rows
