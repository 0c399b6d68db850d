"""A region's timeline: every plan's targets for an indicator across years, every observation with its
origin, and per target the status the timeline gives it.

The Timeline page draws `region_timeline`; `python -m etl progress` prints `progress_table`, one row
per target with its status, the observation used (value, year, origin, source and place: doc:line or
batch:row) and the other sources' values for the same year. Both read `targets.compare.comparison`
and `targets.observations.observed`, so the page, the command and the export agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from targets.compare import comparison
from targets.observations import observed
from targets.origins import origin_label, others_text
from targets.store import PlanNotFound, Store
from targets.vocab import Status, label_of


@dataclass(frozen=True)
class RegionTimeline:
    """One region's targets and observations of some indicators (values in each indicator's unit)."""

    region_id: str
    targets: pd.DataFrame  # comparison rows of the region's plans
    observations: pd.DataFrame  # targets.observations.observed rows, every source, `used` marked


def region_timeline(
    store: Store, region_id: str, indicator_ids: Sequence[str], as_of: int | None = None
) -> RegionTimeline:
    """Every plan's targets of the region for the indicators, and every observation of them."""
    targets = comparison(store, list(indicator_ids) or None, None, as_of, [region_id])
    units = dict(zip(targets["indicator_id"], targets["unit"], strict=False)) or None
    seen = observed(store, [region_id], list(indicator_ids) or None, units)
    if as_of is not None and not seen.empty:
        seen = seen[seen["period"] <= as_of].reset_index(drop=True)
    return RegionTimeline(region_id, targets, seen)


#: the columns of `progress_table`, in order
PROGRESS_COLUMNS = [
    "region_id",
    "region",
    "plan_id",
    "indicator_id",
    "indicator",
    "target_year",
    "comparator",
    "target",
    "target_low",
    "target_high",
    "unit",
    "unit_word",
    "status",
    "status_label",
    "observed",
    "observed_year",
    "origin",
    "origin_label",
    "source",
    "where",
    "others",
    "assessed",
    "reason",
    "target_where",
    "target_quote",
]


class UnknownName(ValueError):
    """A plan or region the database does not have."""


def progress_table(
    store: Store,
    plans: Sequence[str] = (),
    regions: Sequence[str] = (),
    as_of: int | None = None,
    lang: str = "zh",
) -> pd.DataFrame:
    """One row per target of the plans (and regions: names or codes), with its status and the observation used.

    `observed` is the region's value in `observed_year` (the figure of the source used), `assessed`
    the figure the status judged (a window's sum or average for multi-year targets). Raises
    UnknownName for a plan or region the database does not have.
    """
    for plan_id in plans:
        try:
            store.plan(plan_id)
        except PlanNotFound as e:
            raise UnknownName(f"no plan {plan_id!r}") from e
    region_ids = []
    for text in regions:
        try:
            region_ids.append(store.resolve_region(text).region_id)
        except ValueError as e:
            raise UnknownName(str(e)) from e
    rows = comparison(store, None, list(plans) or None, as_of, region_ids or None)
    reason = "reason_en" if lang == "en" else "reason_zh"
    name = "indicator_name_en" if lang == "en" else "indicator_name_zh"
    table = pd.DataFrame(
        {
            "region_id": rows["region_id"],
            "region": rows["region_en" if lang == "en" else "region"],
            "plan_id": rows["plan_id"],
            "indicator_id": rows["indicator_id"],
            "indicator": rows[name],
            "target_year": rows["target_year"],
            "comparator": rows["comparator"],
            "target": rows["target"],
            "target_low": rows["target_low"],
            "target_high": rows["target_high"],
            "unit": rows["unit"],
            "unit_word": rows["unit_word"],
            "status": rows["status"],
            "status_label": rows["status"].map(lambda s: label_of(Status, s, lang)),
            "observed": rows["observed"],
            "observed_year": rows["actual_period"],
            "origin": rows["actual_origin"],
            "origin_label": rows["actual_origin"].map(lambda o: origin_label(o, lang) if isinstance(o, str) else ""),
            "source": rows["actual_source"],
            "where": rows["actual_where"],
            "others": [others_text(o, lang, w) for o, w in zip(rows["actual_others"], rows["unit_word"], strict=True)],
            "assessed": rows["actual"],
            "reason": rows[reason],
            "target_where": [f"{d}:{int(n)}" for d, n in zip(rows["doc_id"], rows["line"], strict=True)],
            "target_quote": rows["quote"],
        },
        columns=PROGRESS_COLUMNS,
    )
    for column in ("target_year", "observed_year"):
        table[column] = table[column].astype("Int64")
    return table.sort_values(["region_id", "plan_id", "indicator_id", "target_year"], kind="stable").reset_index(
        drop=True
    )
