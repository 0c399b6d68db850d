"""The records that flow from extraction to the store: one `Quantity` per number found.

A quantity is a target, a reported actual or a baseline (its `kind`), so the record is not called a target.

`CONTRACT_FIELDS` are the fields of the extraction contract (DESIGN.md), in order; the rest are
extras the dashboard and store use (provenance, catalog, period semantics). The words of `comparator`,
`metric`, `kind` and `period` are the enums of `targets.vocab`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields

from targets.vocab import Period

CONTRACT_FIELDS = (
    "doc",
    "line",
    "quote",
    "indicator",
    "value",
    "value_low",
    "value_high",
    "unit_raw",
    "norm_value",
    "norm_low",
    "norm_high",
    "norm_unit",
    "comparator",
    "metric",
    "kind",
    "target_year",
)


@dataclass
class Quantity:
    """One quantity of a plan document (target, actual or baseline), its meaning and its place in the source."""

    doc: str
    line: int
    quote: str
    indicator: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit_raw: str
    norm_value: float | None
    norm_low: float | None
    norm_high: float | None
    norm_unit: str
    comparator: str
    metric: str
    kind: str
    target_year: int | None
    # extras
    char_start: int = 0  # offset of the quote in the original text
    char_end: int = 0
    sentence: str = ""  # the sentence holding the quote, original script
    sentence_start: int = 0  # offset of that sentence in the original text
    section: str = ""  # heading path, simplified
    item: str | None = None  # "79" or, in 民生实事 lists, "M79"
    lead_unit: str | None = None
    area: str | None = None  # a sub-area the target is set for (主城都市区), None for the plan's whole region
    derived: bool = False  # a count of a named list
    period: str = Period.ANNUAL
    period_start: int | None = None
    category: str | None = None
    indicator_id: str | None = None
    region: str | None = None
    variant: int = 0  # 0, or k for the k-th further row sharing this span (均增长6%: one row per subject)
    rules: list[str] = field(default_factory=list)  # names of the rules that decided the meaning
    page: int | None = None  # PDF documents: the 1-based page holding the quote's start
    page_line: int | None = None  # ... and the 1-based line on that page, in reading order

    @property
    def target_id(self) -> str:
        """Stable across rebuilds: a hash of the document and the quote's span (and the variant, if any)."""
        key = f"{self.doc}:{self.char_start}:{self.char_end}" + (f":{self.variant}" if self.variant else "")
        return hashlib.sha1(key.encode()).hexdigest()[:16]

    def to_contract(self) -> dict:
        """The record as the extraction contract prints it (contract fields first, then extras)."""
        # a shallow copy (the one list copied) instead of dataclasses.asdict, whose deep copy of every
        # field was half of loading a document into the store (bench/extraction.py)
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        data["rules"] = list(self.rules)
        data["derived"] = int(self.derived)
        data["target_id"] = self.target_id
        ordered = {k: data[k] for k in CONTRACT_FIELDS}
        ordered.update({k: v for k, v in data.items() if k not in ordered})
        return ordered


_FIELD_NAMES = tuple(f.name for f in fields(Quantity))
