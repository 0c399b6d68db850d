"""Why the extractor said what it said: every quantity of a text with the rules that decided it.

``python -m etl explain "一句话" [--year Y]`` prints what `explain_text` returns, for a developer changing a
rule or a planner asking "why is this a 2020 target?": for each quantity its reading and, per decision (the
frame it sits in, its time, subject, comparator, metric), the rule that won and the rules tried before it;
then the numbers that are no quantity and the rule that said so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.document import SourceDocument
from etl.extract import DocumentInfo, extract_document
from etl.rules import Fired, Trace
from etl.timeframe import DocumentFrame, read_document_frame
from targets.model import Quantity


@dataclass(frozen=True)
class Explained:
    """One quantity and the decisions that gave it, in the order they were taken."""

    quantity: Quantity
    decisions: list[Fired]


@dataclass(frozen=True)
class Explanation:
    """A text's quantities with their decisions, the numbers that are none, and the document frame read."""

    text: str
    frame: DocumentFrame
    quantities: list[Explained]
    not_quantities: list[tuple[str, str]]  # (the words, the rule that says they are no quantity)
    forms: list[tuple[str, str]]  # (the words, the number form that read them)


def explain_text(text: str, year: int | None = None, name: str = "explain.txt") -> Explanation:
    """Extract `text` (a sentence or a passage; `year` as `extract --year`) and keep every rule's decision."""
    if not re.search(r"[。！？!?；;]\s*$", text):
        text += "。"  # a short line without its full stop would read as a heading
    doc = SourceDocument.from_text(name, text)
    trace = Trace()
    quantities = extract_document(doc, DocumentInfo(plan_year=year), trace)
    frame = read_document_frame(doc, year)
    explained = [Explained(q, trace.decisions.get(id(q), [])) for q in quantities]
    return Explanation(text, frame, explained, trace.not_quantities, trace.forms)
