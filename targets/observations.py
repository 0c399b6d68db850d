"""A region's observations of its indicators, in each indicator's unit, with the one used per year marked.

`observed` reads `Store.observations` (every uploaded actual and every figure the documents report,
ranked per region, indicator and year by `targets.origins`' precedence, in SQL) and converts each
value into its indicator's canonical unit (`targets.units.factor`, a currency at the stated rate of its
year). Per (region, indicator, year) the first observation that converts is `used`; the others stay,
so pages and exports show them beside it ("统计公报 2.8% · 2023年政府工作报告 3%"). Compare, progress,
the timeline and the export all read observations through here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from targets.origins import where
from targets.store import Store
from targets.units import UnitMismatch, factor

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


def _factor(from_unit: str, to_unit: str, year: int) -> float | None:
    """`targets.units.factor` (a currency at the rate of `year`); None when the value cannot be converted."""
    try:
        return factor(from_unit, to_unit, year)
    except (UnitMismatch, KeyError):
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
    keys = list(zip(frame["norm_unit"], frame["unit"], frame["period"].astype(int), strict=True))
    found = {key: _factor(*key) for key in set(keys)}  # a currency's rate is of its year
    factors = pd.Series([found[key] for key in keys], index=frame.index, dtype="float64")
    frame["value"] = frame["norm_value"] * factors
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


def chart_points(frame: pd.DataFrame) -> pd.DataFrame:
    """(period, value, origin, source) of the observations used, one per year, for a progress chart (an
    `observed` frame of one region's indicator): origin is upload or document, source the document's
    title or the file, with doc:line or batch:row."""
    used = frame[frame["used"].astype(bool)]
    return pd.DataFrame(
        {
            "period": used["period"],
            "value": used["value"],
            "origin": ["upload" if o == "upload" else "document" for o in used["origin"]],
            "source": [f"{s} ({w})" for s, w in zip(used["source_title"], used["where"], strict=True)],
        },
        columns=["period", "value", "origin", "source"],
    ).reset_index(drop=True)
