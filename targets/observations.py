"""A region's observations of its indicators, in each indicator's unit, with the one used per year marked.

`observed` reads `Store.observations` (every uploaded actual and every figure the documents report,
ranked per region, indicator and year by `targets.origins`' precedence, in SQL) and converts each
value into its indicator's canonical unit. Per (region, indicator, year) the first observation
that converts is `used`; the others stay, so pages and exports show them beside it
("统计公报 2.8% · 2023年政府工作报告 3%"). Compare, progress, the timeline and the export all read
observations through here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import pint

from targets.origins import where
from targets.store import Store
from targets.units import canonical_factor

#: the columns of `observed`, in order
COLUMNS = [
    "region_id",
    "indicator_id",
    "period",
    "value",
    "unit",
    "comparator",
    "origin",
    "used",
    "rank",
    "source_title",
    "where",
    "plan_id",
    "doc_id",
    "line",
    "page",
    "quote",
    "sentence",
    "sentence_start",
    "char_start",
    "char_end",
    "target_id",
    "batch_id",
    "row_no",
    "file_name",
    "uploaded_by",
    "uploaded_at",
    "source",
    "note",
    "value_raw",
    "unit_raw",
    "norm_value",
    "norm_unit",
]


def factor(from_unit: str, to_unit: str) -> float | None:
    """The factor from one canonical unit to another; None across dimensions (not comparable)."""
    try:
        return canonical_factor(from_unit, to_unit)
    except (pint.DimensionalityError, KeyError):
        return None


def observed(
    store: Store,
    regions: Sequence[str] | None = None,
    indicator_ids: Sequence[str] | None = None,
    units: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every observation of the regions' indicators (see the module doc), ordered by region, indicator,
    year and rank; `value` is in `unit`, the indicator's unit (from `units`, else the catalog)."""
    frame = store.observations(regions, indicator_ids)
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    if units is None:
        catalog = store.indicators()
        units = dict(zip(catalog["indicator_id"], catalog["norm_unit"], strict=True))
    frame = frame.rename(columns={"value": "value_raw"})
    frame["unit"] = frame["indicator_id"].map(units)
    pairs = {(a, b): factor(a, b) for a, b in set(zip(frame["norm_unit"], frame["unit"], strict=True))}
    factors = pd.Series(
        [pairs[(a, b)] for a, b in zip(frame["norm_unit"], frame["unit"], strict=True)], index=frame.index
    )
    frame["value"] = frame["norm_value"] * factors.astype("float64")
    # rows come ranked within each (region, indicator, period): the first comparable one is used
    comparable = frame[factors.notna()]
    first = ~comparable.duplicated(["region_id", "indicator_id", "period"])
    frame["used"] = False
    frame.loc[first[first].index, "used"] = True
    frame["where"] = [
        where(d, ln, b, r)
        for d, ln, b, r in zip(frame["doc_id"], frame["line"], frame["batch_id"], frame["row_no"], strict=True)
    ]
    return frame[COLUMNS].reset_index(drop=True)
