"""The rows the database stores, as plain values: a plan, a document, the quantities of a document.

Kept apart from `targets.store` (DuckDB, pandas) so that a build worker, which only reads and extracts,
makes its rows without importing the database: its process starts in half the time and memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from targets.model import Quantity
from targets.units import dimension

#: columns of the quantities table, in table order
QUANTITY_COLUMNS = (
    "target_id",
    "doc_id",
    "plan_id",
    "line",
    "char_start",
    "char_end",
    "quote",
    "sentence",
    "sentence_start",
    "indicator",
    "indicator_id",
    "category",
    "value",
    "value_low",
    "value_high",
    "unit_raw",
    "norm_value",
    "norm_low",
    "norm_high",
    "norm_unit",
    "dimension",
    "comparator",
    "metric",
    "kind",
    "target_year",
    "period",
    "period_start",
    "lead_unit",
    "area",
    "item",
    "section",
    "derived",
    "rules",
    "page",
    "page_line",
)


@dataclass(frozen=True)
class PlanRecord:
    """A plan: one or more documents that set targets for a region and a period.

    `region` is the region's name (or code) as a person gives it and `level` its level; the store
    resolves them to a region row (`region_id`, found by name or code, or made when new). A given
    `region_id` (a code from the add-a-plan form or the manifest) is used as it is.
    """

    plan_id: str
    name_zh: str
    name_en: str
    region: str
    level: str
    plan_type: str
    start_year: int
    end_year: int
    source: str = "manifest"
    region_id: str | None = None


@dataclass(frozen=True)
class DocumentRecord:
    """A document's metadata, its text (what quotes point into) and where its original file is."""

    doc_id: str
    plan_id: str
    title: str
    issuer: str
    region: str
    level: str
    plan_type: str
    published: str
    plan_year: int | None
    target_years: tuple[int, ...]
    script: str
    encoding: str
    sha256: str
    text: str
    format: str = "text"
    file_name: str = ""
    source: bytes | None = None  # an uploaded document's file
    source_path: str | None = None  # a manifest document's file, relative to the sources folder
    pages: int | None = None
    excerpt: bool = False  # part of the document only: what it lacks is not loaded, not absent


def quantity_rows(quantities: Iterable[Quantity], plan_id: str) -> list[tuple]:
    """Quantities of a document of `plan_id` as rows of the quantities table (`QUANTITY_COLUMNS` order):
    plain values, cheap to send from a build worker to the process that writes them."""
    return [_quantity_row(q, plan_id) for q in quantities]


def _quantity_row(q: Quantity, plan_id: str) -> tuple:
    data = q.to_contract()
    data.update(
        doc_id=q.doc,
        plan_id=plan_id,
        dimension=dimension(q.norm_unit),
        rules=json.dumps(q.rules),
        target_id=q.target_id,
        derived=bool(q.derived),
    )
    return tuple(data.get(c) for c in QUANTITY_COLUMNS)
