"""Line plans up indicator by indicator: each plan's target, its horizon, its latest actual and status.

`comparison()` returns one row per (indicator, plan, distinct target): the target in the catalog
indicator's canonical unit, the comparator, the period semantics with an annual equivalent for
multi-year increments (so a five-year total can stand beside a one-year target), the baseline, the
latest actual, and the progress assessment with the numbers that decided it.

A target is judged against its plan's **region's** timeline (`targets.observations`): what was
uploaded for the region and what every document of the region reports, so next year's work report
or the statistical communiqué judges this year's targets. Each row carries the observation used
(`observed`, its value that year, and `actual_*`: origin, source, doc:line or batch:row, quote) and the
other sources' values for the same year (`actual_others`), so a disagreement is shown, never hidden.

Every value is put in the indicator's unit by `targets.units.in_unit`, a currency at the stated rate of
its year (data/exchange_rates.toml). A target that cannot be (9000万美元 for 2027, when no 2027 rate is
stated) is kept in its own unit with the status `not_comparable` and a reason saying why: never dropped;
so is one a planner marked not comparable (a correction, `targets.corrections`).

A target set for part of the region (`scope`: 国企, 中心城区, 主城都市区 — the quantity's `area`) is
kept with the status `scoped`: it is never judged against the whole region's actual, and the status
totals leave it out. Each row also carries the source of the target (`doc_title`, `doc_issuer`,
`doc_published`, `page`, the sentence and the quote's span) and, for a corrected target, what was
corrected, by whom and when (`corrected`, `corrected_by`, `corrected_at`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from pandas.api.types import is_extension_array_dtype, is_string_dtype

from targets.formatting import quantity, unit_word
from targets.observations import observed
from targets.progress import Assessment, Observation, TargetSpec, assess
from targets.store import Store, plain_value
from targets.units import UnitMismatch, exchange_rate, in_unit
from targets.vocab import UNITS, Metric, Period, Status

COLUMNS = [
    "indicator_id",
    "indicator_name_zh",
    "indicator_name_en",
    "family",
    "category",
    "direction",
    "unit",
    "unit_word",
    "unit_raw",
    "comparable",
    "plan_id",
    "plan_name_zh",
    "plan_name_en",
    "region_id",
    "region",
    "region_en",
    "target_id",
    "doc_id",
    "doc_title",
    "doc_issuer",
    "doc_published",
    "line",
    "page",
    "page_line",
    "section",
    "item",
    "lead_unit",
    "scope",
    "corrected",
    "corrected_by",
    "corrected_at",
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
    "baseline_needed",
    "actual",
    "actual_period",
    "observed",
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


#: the fields of the observation used that a comparison row carries as `actual_<name>`
USED_FIELDS = (
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
#: the observation fields a timeline keeps (the rest of an observation row is not read)
_TIMELINE_FIELDS = frozenset(
    {"region_id", "indicator_id", "period", "used", "value", "doc_id", *(f for _, f in USED_FIELDS), *OTHER_FIELDS}
)


@dataclass(frozen=True)
class _Target:
    """One distinct target: its row, the unit its numbers are in, the numbers, and a currency note."""

    row: dict
    unit: str
    values: tuple[float | None, float | None, float | None]
    comparable: bool
    note_zh: str = ""
    note_en: str = ""


def _in_indicator_unit(t: dict) -> _Target:
    """A target's numbers in its indicator's unit; in its own unit, not comparable, when that cannot be."""
    unit, year = t["indicator_unit"], _none(t["target_year"])
    raw = tuple(_number(t[k]) for k in ("norm_value", "norm_low", "norm_high"))
    try:
        values = tuple(None if v is None else in_unit(v, t["norm_unit"], unit, year) for v in raw)
    except UnitMismatch as e:
        return _Target(t, t["norm_unit"], raw, False, *_not_comparable(t, e))  # type: ignore[arg-type]
    note = _rate_note(t["norm_unit"], unit, year) if t["norm_unit"] != unit else ("", "")
    return _Target(t, unit, values, True, *note)  # type: ignore[arg-type]


def _rate_note(from_unit: str, to_unit: str, year: int | None) -> tuple[str, str]:
    """The stated rate a currency was converted at, for the reason; empty for a unit of the same measure."""
    if UNITS[from_unit].dimension != "money":
        return "", ""
    currency = from_unit if from_unit != "CNY" else to_unit
    rate = exchange_rate(currency, year)
    return (
        f"目标按{rate.year}年平均汇率1{UNITS[currency].zh}={rate.cny}元折算（{rate.source}）。",
        f"The target is converted at the {rate.year} average rate of {rate.cny} yuan per {currency} ({rate.source}). ",
    )


def _not_comparable(t: dict, e: UnitMismatch) -> tuple[str, str]:
    """Why a target cannot be set beside its indicator's actuals."""
    own = quantity(_number(t["norm_value"]) or _number(t["norm_low"]), t["norm_unit"], "zh")
    own_en = quantity(_number(t["norm_value"]) or _number(t["norm_low"]), t["norm_unit"], "en")
    unit = UNITS[t["indicator_unit"]]
    if e.no_rate:
        year = "未注明" if e.year is None else f"{e.year}年"
        return (
            f"目标为{own}，指标以{unit.zh}计；汇率表（data/exchange_rates.toml）没有{year}的汇率，无法比较。",
            f"The target is {own_en} and the indicator is kept in {unit.en}; data/exchange_rates.toml states no"
            f" rate for {e.year or 'an unknown year'}, so it cannot be compared.",
        )
    return (
        f"目标为{own}，无法换算为指标的单位{unit.zh}。",
        f"The target is {own_en}, which cannot be converted to the indicator's unit ({unit.en}).",
    )


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _distinct_targets(targets: list[dict], twins: dict[str, str] | None = None) -> list[_Target]:
    """Each distinct target once, in the given order, in its indicator's unit (or its own, not comparable).

    A plan often states one target twice (a task item and its 民生实事 twin, a summary and a
    chapter): the same plan, indicator, value and year is one target. Of its statements the one
    with a written comparator (不低于6000人) is kept over a plain one (6000人), since it says more.
    `twins`, when given, receives each statement's target id -> the id of the statement kept.
    """
    chosen: dict[tuple, tuple[int, _Target]] = {}
    members: dict[tuple, list[str]] = {}
    for order, t in enumerate(targets):
        target = _in_indicator_unit(t)
        key = (t["plan_id"], t["indicator_id"], target.unit, *target.values, t["target_year"], t["area"])
        members.setdefault(key, []).append(t["target_id"])
        if key not in chosen:
            chosen[key] = (order, target)
        elif chosen[key][1].row["comparator"] == "=" and t["comparator"] != "=":
            chosen[key] = (chosen[key][0], target)  # keep the first statement's place
    if twins is not None:
        for key, ids in members.items():
            twins.update(dict.fromkeys(ids, chosen[key][1].row["target_id"]))
    return [entry[1] for entry in sorted(chosen.values(), key=lambda entry: entry[0])]


def judged_statements(store: Store, plans: Sequence[str] | None = None) -> dict[str, str]:
    """Each catalogued target's id -> the id of the statement `comparison` judges for it: itself, or the twin
    it was merged with (so a 民生实事 line naming its 牵头单位 gets its twin's status)."""
    twins: dict[str, str] = {}
    _distinct_targets(records(store.comparison_targets(None, plans, None)), twins)
    return twins


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
    for r in records(seen[[c for c in seen.columns if c in _TIMELINE_FIELDS]]):
        timelines.setdefault((r["region_id"], r["indicator_id"]), _Timeline()).add(r)
    rows, computed = [], []
    for target in _distinct_targets(records(targets)):
        t = target.row
        judged = target.comparable and not _scoped(t) and not t.get("not_comparable")
        timeline = timelines.get((t["region_id"], t["indicator_id"])) if judged else None
        rows.append(t)
        computed.append(_row(target, timeline or _Timeline(), as_of))
    # column by column (the rest as the target row has it): one list per column, not a dict per row
    own = computed[0].keys() if computed else ()
    return pd.DataFrame(
        {k: [c[k] for c in computed] if k in own else [t[k] for t in rows] for k in COLUMNS}, columns=COLUMNS
    )


def _row(target: _Target, timeline: _Timeline, as_of: int | None) -> dict:
    """One comparison row's own columns, the same for every row: the target in its indicator's unit, its
    horizon, baseline and latest actual, and the assessment (the other columns are the target row's)."""
    t, unit, (value, low, high) = target.row, target.unit, target.values
    # A one-year target (a work report inside a five-year plan) has no window of its own.
    window_start = _none(t["period_start"]) or _none(t["target_year"])
    years = (int(t["target_year"]) - int(window_start) + 1) if t["target_year"] and window_start else 1
    cumulative = t["metric"] == Metric.INCREMENT and t["period"] == Period.CUMULATIVE
    obs = [o for o in timeline.series() if as_of is None or o.period <= as_of]
    baseline = _baseline(obs, window_start)
    word = unit_word(t["unit_raw"], unit)
    spec = TargetSpec(
        comparator=t["comparator"],
        value=value,
        low=low,
        high=high,
        metric=t["metric"],
        norm_unit=unit,
        direction=t["direction"],
        target_year=_none(t["target_year"]),
        start_year=window_start if years > 1 else None,
        period=t["period"] or Period.ANNUAL,
        baseline_value=baseline[1] if baseline else None,
        baseline_year=baseline[0] if baseline else None,
        word=word,
    )
    later = [o for o in obs if not baseline or o.period > baseline[0]]
    result: Assessment = assess(spec, later, as_of=as_of)
    if result.status == Status.NO_DATA and not later and baseline:  # the one figure is the starting point
        result = _only_baseline(result, baseline, spec)
    used = timeline.used.get(result.actual_period) if result.actual_period is not None else None
    status, reason_zh, reason_en = result.status, result.reason_zh, result.reason_en
    if not target.comparable:
        status, reason_zh, reason_en = Status.NOT_COMPARABLE, "", ""
    elif t.get("not_comparable"):
        status = Status.NOT_COMPARABLE
        reason_zh = f"经人工更正标记为不可比（{t['not_comparable']}），不作判断。"
        reason_en = f"Marked not comparable by a correction ({t['not_comparable']}); not judged."
    elif _scoped(t):
        status = Status.SCOPED
        region_zh, region_en = t.get("region") or "全地区", t.get("region_en") or t.get("region") or "the region"
        reason_zh = f"目标只针对{t['area']}，不以{region_zh}全域的实际值判断，也不计入规划的状态统计。"
        reason_en = (
            f"Set for {t['area']} only: not judged against the actual of the whole of {region_en},"
            " and left out of the plan's status totals."
        )
    computed = {
        "unit": unit,
        "unit_word": word,
        "comparable": target.comparable,
        "target": value,
        "target_low": low,
        "target_high": high,
        "target_year": _none(t["target_year"]),
        "window_start": window_start,
        "window_years": years,
        "annual_equivalent": value / years if cumulative and value else None,
        "baseline": baseline[1] if baseline else None,
        "baseline_year": baseline[0] if baseline else None,
        "baseline_needed": (window_start - 1) if window_start and status == Status.NO_BASELINE else None,
        "scope": t.get("area"),
        "actual": result.actual,
        "actual_period": result.actual_period,
        "observed": used["value"] if used else None,
        "actual_others": timeline.others(result.actual_period),
        "status": status,
        "band": result.band,
        "method": result.method,
        "required": result.required,
        "ratio": result.ratio,
        "gap": result.gap,
        "attainment": result.attainment,
        "reason_zh": target.note_zh + reason_zh + timeline.note_zh,
        "reason_en": target.note_en + reason_en + timeline.note_en,
    }
    for name, field in USED_FIELDS:
        computed[f"actual_{name}"] = used.get(field) if used else None
    return computed


class _Timeline:
    """One region's observations of one indicator (in its unit): the one used per year, and the others."""

    def __init__(self) -> None:
        self.used: dict[int, dict] = {}
        self._all: dict[int, list[dict]] = {}
        self._series: list[Observation] | None = None
        self.unconverted = 0  # observations that could not be put in the indicator's unit

    def add(self, record: dict) -> None:
        period = int(record["period"])
        self._all.setdefault(period, []).append(record)
        if record["used"]:
            self.used[period] = record
        elif record["value"] is None or pd.isna(record["value"]):
            self.unconverted += 1
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
            {k: plain_value(r[k]) for k in OTHER_FIELDS}
            for r in self._all.get(int(period), [])
            if not r["used"] and not _same(r, self.used.get(int(period)))
        ]

    @property
    def note_zh(self) -> str:
        return f"另有{self.unconverted}个实际值无法换算为该单位，未计入。" if self.unconverted else ""

    @property
    def note_en(self) -> str:
        return (
            f" {self.unconverted} more actual(s) could not be converted to this unit and are left out."
            if self.unconverted
            else ""
        )


def _same(a: dict, b: dict | None) -> bool:
    """Whether two observations are one figure stated twice (the same value from the same document)."""
    if b is None or a["value"] is None or pd.isna(a["value"]):
        return False
    return a["doc_id"] is not None and a["doc_id"] == b["doc_id"] and abs(a["value"] - b["value"]) < 1e-9


def records(frame: pd.DataFrame) -> list[dict]:
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


def _none(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _scoped(t: dict) -> bool:
    """A target set for part of the region (its `area`: 国企, 中心城区, 主城都市区)."""
    area = t.get("area")
    return isinstance(area, str) and bool(area.strip())


def _only_baseline(result: Assessment, baseline: tuple[int, float], spec: TargetSpec) -> Assessment:
    """No data, said with the figure there is: the baseline year's actual, which the chart shows too."""
    year, value = baseline
    zh = quantity(value, spec.norm_unit, "zh", spec.word)
    en = quantity(value, spec.norm_unit, "en")
    wanted = spec.target_year if spec.target_year is not None else year + 1
    return replace(
        result,
        reason_zh=f"尚无{year + 1}年以来的实际值；{year}年为{zh}（作基数），{wanted}年目标尚无法判断。",
        reason_en=f"No actual since {year + 1}; {year} was {en} (the baseline): the {wanted} target cannot be"
        " judged yet.",
    )


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
