"""Line plans up indicator by indicator: each plan's target, its horizon, its latest actual and status.

`comparison()` returns one row per (indicator, plan, distinct target): the target in the catalog
indicator's canonical unit, the comparator, the period semantics with an annual equivalent for
multi-year increments (so a five-year total can stand beside a one-year target), the baseline, the
latest actual, and the progress assessment with the numbers that decided it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pint
from pandas.api.types import is_extension_array_dtype, is_string_dtype

from targets.progress import Assessment, Observation, TargetSpec, assess
from targets.store import Store
from targets.units import canonical_factor

COLUMNS = [
    "indicator_id",
    "indicator_name_zh",
    "indicator_name_en",
    "family",
    "category",
    "direction",
    "unit",
    "plan_id",
    "plan_name_zh",
    "plan_name_en",
    "region",
    "target_id",
    "doc_id",
    "line",
    "quote",
    "sentence",
    "sentence_start",
    "char_start",
    "char_end",
    "indicator",
    "comparator",
    "metric",
    "target",
    "target_low",
    "target_high",
    "target_year",
    "period",
    "window_start",
    "window_years",
    "annual_equivalent",
    "baseline",
    "baseline_year",
    "actual",
    "actual_period",
    "actual_origin",
    "status",
    "band",
    "method",
    "required",
    "ratio",
    "gap",
    "attainment",
    "reason_zh",
    "reason_en",
]


def _factor(from_unit: str, to_unit: str) -> float | None:
    try:
        return canonical_factor(from_unit, to_unit)
    except (pint.DimensionalityError, KeyError):
        return None


def _scaled(value: float | None, factor: float) -> float | None:
    return None if value is None or pd.isna(value) else float(value) * factor


def _distinct_targets(targets: list[dict]) -> list[tuple[dict, str, tuple[float | None, ...]]]:
    """Each distinct target once, in the given order, with its indicator unit and scaled values.

    A plan often states one target twice (a task item and its 民生实事 twin, a summary and a
    chapter): the same plan, indicator, value and year is one target. Of its statements the one
    with a written comparator (不低于6000人) is kept over a plain one (6000人), since it says more.
    """
    chosen: dict[tuple, tuple[int, dict, str, tuple[float | None, ...]]] = {}
    for order, t in enumerate(targets):
        unit = t["indicator_unit"]
        factor = _factor(t["norm_unit"], unit)
        if factor is None:
            continue  # the catalog never matches across dimensions; guard against a changed catalog
        values = tuple(_scaled(t[k], factor) for k in ("norm_value", "norm_low", "norm_high"))
        key = (t["plan_id"], t["indicator_id"], *values, t["target_year"])
        if key not in chosen:
            chosen[key] = (order, t, unit, values)
        elif chosen[key][1]["comparator"] == "=" and t["comparator"] != "=":
            chosen[key] = (chosen[key][0], t, unit, values)  # keep the first statement's place
    return [entry[1:] for entry in sorted(chosen.values(), key=lambda entry: entry[0])]


def comparison(
    store: Store,
    indicator_ids: Sequence[str] | None = None,
    plans: Sequence[str] | None = None,
    as_of: int | None = None,
) -> pd.DataFrame:
    """Indicator × plan comparison rows (see module doc), in indicator then plan order."""
    targets = store.comparison_targets(indicator_ids, plans)
    if targets.empty:
        return pd.DataFrame(columns=COLUMNS)
    observed = store.observations(sorted(set(targets["indicator_id"])), sorted(set(targets["plan_id"])))
    # Records once, grouped by (plan, indicator): per-target DataFrame slices cost ~1 ms each (bench/queries.py).
    by_key: dict[tuple[str, str], list[dict]] = {}
    for r in _records(observed):
        by_key.setdefault((r["plan_id"], r["indicator_id"]), []).append(r)
    converted: dict[tuple[str, str], list[tuple[Observation, str]]] = {}  # per (plan, indicator), in its unit
    rows = []
    for t, unit, (value, low, high) in _distinct_targets(_records(targets)):
        # A one-year target (a work report inside a five-year plan) has no window of its own.
        window_start = _none(t["period_start"]) or _none(t["target_year"])
        years = (int(t["target_year"]) - int(window_start) + 1) if t["target_year"] and window_start else 1
        annual = value / years if (t["metric"] == "increment" and t["period"] == "cumulative" and value) else None
        pair = (t["plan_id"], t["indicator_id"])
        obs = converted.get(pair)
        if obs is None:
            obs = converted[pair] = _observations(by_key.get(pair), unit)
        baseline = _baseline(obs, window_start)
        spec = TargetSpec(
            comparator=t["comparator"],
            value=value,
            low=low,
            high=high,
            metric=t["metric"],
            norm_unit=unit,
            direction=t["direction"],
            target_year=_none(t["target_year"]),
            start_year=int(window_start) if years > 1 else None,
            period=t["period"] or "annual",
            baseline_value=baseline[1] if baseline else None,
            baseline_year=baseline[0] if baseline else None,
        )
        later = [o for o, _ in obs if not baseline or o.period > baseline[0]]
        result: Assessment = assess(spec, later, as_of=as_of)
        origin = next((orig for o, orig in obs if o.period == result.actual_period), None)
        rows.append(
            {
                "indicator_id": t["indicator_id"],
                "indicator_name_zh": t["indicator_name_zh"],
                "indicator_name_en": t["indicator_name_en"],
                "family": t["family"],
                "category": t["category"],
                "direction": t["direction"],
                "unit": unit,
                "plan_id": t["plan_id"],
                "plan_name_zh": t["plan_name_zh"],
                "plan_name_en": t["plan_name_en"],
                "region": t["region"],
                "target_id": t["target_id"],
                "doc_id": t["doc_id"],
                "line": t["line"],
                "quote": t["quote"],
                "sentence": t["sentence"],
                "sentence_start": t["sentence_start"],
                "char_start": t["char_start"],
                "char_end": t["char_end"],
                "indicator": t["indicator"],
                "comparator": t["comparator"],
                "metric": t["metric"],
                "target": value,
                "target_low": low,
                "target_high": high,
                "target_year": _none(t["target_year"]),
                "period": t["period"],
                "window_start": int(window_start) if window_start else None,
                "window_years": years,
                "annual_equivalent": annual,
                "baseline": baseline[1] if baseline else None,
                "baseline_year": baseline[0] if baseline else None,
                "actual": result.actual,
                "actual_period": result.actual_period,
                "actual_origin": origin,
                "status": result.status,
                "band": result.band,
                "method": result.method,
                "required": result.required,
                "ratio": result.ratio,
                "gap": result.gap,
                "attainment": result.attainment,
                "reason_zh": result.reason_zh,
                "reason_en": result.reason_en,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def _records(frame: pd.DataFrame) -> list[dict]:
    """`frame.to_dict("records")` at a quarter of the cost (pandas boxes value by value); NA as None."""
    columns = []
    for name in frame.columns:
        column = frame[name]
        values = column.tolist()
        if column.hasnans and is_extension_array_dtype(column.dtype) and not is_string_dtype(column.dtype):
            values = [None if v is pd.NA else v for v in values]  # nullable Int32 and the like
        columns.append(values)
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _observations(records: list[dict] | None, unit: str) -> list[tuple[Observation, str]]:
    """Observations in the indicator's unit, one per year: an upload outranks a document's figure."""
    if not records:
        return []
    chosen: dict[int, tuple[Observation, str]] = {}
    for r in records:
        factor = _factor(r["norm_unit"], unit)
        if factor is None or r["norm_value"] is None or pd.isna(r["norm_value"]):
            continue
        period = int(r["period"])
        if period in chosen and chosen[period][1] == "upload":
            continue
        chosen[period] = (Observation(period, float(r["norm_value"]) * factor), r["origin"])
    return [chosen[p] for p in sorted(chosen)]


def _baseline(obs: list[tuple[Observation, str]], window_start: int | None) -> tuple[int, float] | None:
    """The last observation before the plan window opens: the starting point of a multi-year target."""
    if not window_start:
        return None
    before = [o for o, _ in obs if o.period < int(window_start)]
    return (before[-1].period, before[-1].value) if before else None


def headline(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (indicator, plan): the target with the latest target year (the plan's headline)."""
    if frame.empty:
        return frame
    ordered = frame.sort_values(["indicator_id", "plan_id", "target_year"], na_position="first")
    return ordered.groupby(["indicator_id", "plan_id"], sort=False).tail(1).reset_index(drop=True)
