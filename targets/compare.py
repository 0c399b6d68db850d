"""Line plans up indicator by indicator: each plan's target, its horizon, its latest actual and status.

`comparison()` returns one row per (indicator, plan, distinct target): the target in the catalog
indicator's canonical unit, the comparator, the period semantics with an annual equivalent for
multi-year increments (so a five-year total can stand beside a one-year target), the baseline, the
latest actual, and the progress assessment with the numbers that decided it.

A target is judged against its plan's **region's** timeline (`targets.observations`): what was
uploaded for the region and what every document of the region reports, so next year's work report
or the statistical communiqué judges this year's targets. Each row carries the observation used
(`actual_*`: its value that year, origin, source, doc:line or batch:row, quote) and the other
sources' values for the same year (`actual_others`), so a disagreement is shown, never hidden.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from pandas.api.types import is_extension_array_dtype, is_string_dtype

from targets.observations import factor, observed
from targets.progress import Assessment, Observation, TargetSpec, assess
from targets.store import Store

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
    "region_id",
    "region",
    "region_en",
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
    "actual_value",
    "actual_origin",
    "actual_source",
    "actual_where",
    "actual_doc_id",
    "actual_line",
    "actual_page",
    "actual_quote",
    "actual_sentence",
    "actual_sentence_start",
    "actual_char_start",
    "actual_char_end",
    "actual_target_id",
    "actual_batch_id",
    "actual_row",
    "actual_uploaded_by",
    "actual_others",
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


#: the fields of an observation a comparison row carries as `actual_<field>` (the observation used)
USED_FIELDS = (
    ("value", "value"),
    ("origin", "origin"),
    ("source", "source_title"),
    ("where", "where"),
    ("doc_id", "doc_id"),
    ("line", "line"),
    ("page", "page"),
    ("quote", "quote"),
    ("sentence", "sentence"),
    ("sentence_start", "sentence_start"),
    ("char_start", "char_start"),
    ("char_end", "char_end"),
    ("target_id", "target_id"),
    ("batch_id", "batch_id"),
    ("row", "row_no"),
    ("uploaded_by", "uploaded_by"),
)
#: the fields of each other source's observation in `actual_others`
OTHER_FIELDS = ("value", "unit", "comparator", "origin", "source_title", "where")


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
        scale = factor(t["norm_unit"], unit)
        if scale is None:
            continue  # the catalog never matches across dimensions; guard against a changed catalog
        values = tuple(_scaled(t[k], scale) for k in ("norm_value", "norm_low", "norm_high"))
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
    regions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Indicator × plan comparison rows (see module doc), in indicator then plan order.

    `plans` and `regions` (region ids) narrow the targets; `as_of` ignores observations after that year.
    """
    targets = store.comparison_targets(indicator_ids, plans, regions)
    if targets.empty:
        return pd.DataFrame(columns=COLUMNS)
    units = dict(zip(targets["indicator_id"], targets["indicator_unit"], strict=False))
    seen = observed(store, sorted(set(targets["region_id"])), sorted(units), units)
    # Records once, grouped by (region, indicator): per-target DataFrame slices cost ~1 ms each (bench/queries.py).
    timelines: dict[tuple[str, str], _Timeline] = {}
    for r in _records(seen):
        timelines.setdefault((r["region_id"], r["indicator_id"]), _Timeline()).add(r)
    rows = []
    for t, unit, (value, low, high) in _distinct_targets(_records(targets)):
        # A one-year target (a work report inside a five-year plan) has no window of its own.
        window_start = _none(t["period_start"]) or _none(t["target_year"])
        years = (int(t["target_year"]) - int(window_start) + 1) if t["target_year"] and window_start else 1
        annual = value / years if (t["metric"] == "increment" and t["period"] == "cumulative" and value) else None
        timeline = timelines.get((t["region_id"], t["indicator_id"])) or _Timeline()
        obs = [o for o in timeline.series() if as_of is None or o.period <= as_of]
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
        later = [o for o in obs if not baseline or o.period > baseline[0]]
        result: Assessment = assess(spec, later, as_of=as_of)
        used = timeline.used.get(result.actual_period) if result.actual_period is not None else None
        row = {
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
            "region_id": t["region_id"],
            "region": t["region"],
            "region_en": t["region_en"],
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
        for name, field in USED_FIELDS:
            row[f"actual_{name}"] = used.get(field) if used else None
        row["actual_others"] = timeline.others(result.actual_period)
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


class _Timeline:
    """One region's observations of one indicator: the one used per year, and the others."""

    def __init__(self) -> None:
        self.used: dict[int, dict] = {}
        self._all: dict[int, list[dict]] = {}
        self._series: list[Observation] | None = None

    def add(self, record: dict) -> None:
        period = int(record["period"])
        self._all.setdefault(period, []).append(record)
        if record["used"]:
            self.used[period] = record
        self._series = None

    def series(self) -> list[Observation]:
        """The used observations, one per year, by year (in the indicator's unit); made once per timeline."""
        if self._series is None:
            self._series = [Observation(p, float(self.used[p]["value"])) for p in sorted(self.used)]
        return self._series

    def others(self, period: int | None) -> list[dict]:
        """The observations of `period` not used, strongest first, as small dicts (`OTHER_FIELDS`)."""
        if period is None:
            return []
        return [
            {k: _plain(r[k]) for k in OTHER_FIELDS}
            for r in self._all.get(int(period), [])
            if not r["used"] and not _same(r, self.used.get(int(period)))
        ]


def _same(a: dict, b: dict | None) -> bool:
    """Whether two observations are one figure stated twice (the same value from the same document)."""
    if b is None or a["value"] is None or pd.isna(a["value"]):
        return False
    return a["doc_id"] is not None and a["doc_id"] == b["doc_id"] and abs(a["value"] - b["value"]) < 1e-9


def _plain(value: object) -> object:
    """A value fit for JSON and CSV: NaN/NA as None, numpy numbers as Python numbers."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


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


def _baseline(obs: list[Observation], window_start: int | None) -> tuple[int, float] | None:
    """The last observation before the plan window opens: the starting point of a multi-year target."""
    if not window_start:
        return None
    before = [o for o in obs if o.period < int(window_start)]
    return (before[-1].period, before[-1].value) if before else None


def headline(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (indicator, plan): the target with the latest target year (the plan's headline)."""
    if frame.empty:
        return frame
    ordered = frame.sort_values(["indicator_id", "plan_id", "target_year"], na_position="first")
    return ordered.groupby(["indicator_id", "plan_id"], sort=False).tail(1).reset_index(drop=True)
