"""Progress status: is an actual where the plan said it would be by now?

`assess(target, actuals)` compares uploaded actuals with one extracted target and returns an
`Assessment`: a `targets.vocab.Status` plus the numbers that decided it and a one-sentence reason in
Chinese and English. No Streamlit, DuckDB or unit arithmetic: every number arrives already in the
target's canonical unit (`targets.units.in_unit` converts before calling); reasons write numbers
through `targets.formatting`, with the plan's own unit word (`TargetSpec.word`).

Statuses (targets.vocab.Status)
-------------------------------
A target whose **period is over** — its year's figure is in (or a later one), or the year has passed
(`target_year <= as_of`; without `as_of`, before the current calendar year) — is `achieved` or `missed`.
A **running** one is `on_track` or `behind` (the Open SDG bands moderate, limited and deteriorating
all read as behind; the band stays in `Assessment.band`). A level with one actual and no baseline is
`no_baseline` (无法判断（缺基数）): the pace needs a starting figure. No usable actual: `no_data`; a
period that is over without its final figure: `no_data` too, saying which year is missing.

Reasons state **one gap, measured from the target** (the plan's own number; a range's nearer edge) —
the same number as `Assessment.gap` — and, separately, the tolerance an "about" target allows.

Rules, in the order `assess` applies them
-----------------------------------------
Reading the target
  * `>=`/`>` are floors and `<=`/`<` ceilings whatever `direction` says: the written bound wins.
    `~`, `=` and `range` take their sense from `direction`: higher_better -> floor (a range's low
    edge), lower_better -> ceiling (a range's high edge), target_band -> a band (the range itself;
    `~` and plain `=` get value ± tolerance). A plain `=` with a floor/ceiling sense is met at the
    value itself ("达到10000公里" means at least 10000). `~` lowers a floor (raises a ceiling) by the
    tolerance. Without a direction, ceilings infer lower_better and everything else higher_better.
  * Tolerance of `~` (and of a band's plain value): `LEVEL_TOLERANCE` (5 %) relative for levels;
    `RATE_TOLERANCE` (0.5 points) absolute for rates, shares and indices (metric
    growth_rate/share/index or unit percent/percentage_point); `PERMILLE_TOLERANCE` (0.5 ‰ points)
    for per-mille units, because 0.5 percentage points (= 5 ‰) would swallow indicators such as
    newborn mortality ≤ 2 ‰. Written bounds (≥, ≤, a plain value read as one) have none: a final
    value that misses them is missed.

Reading the actuals
  * Observations after `as_of` are ignored; unusable ones (no year, no finite value) are dropped;
    when a year appears twice the later observation in the sequence wins (latest upload wins).

Levels (metric level, share, ratio, standard)
  1. An actual for the target year is judged as the final value (method "final-value").
  2. No actual for the target year, only later ones: `no_data` — a later figure cannot tell whether the
     year's target was met. With earlier ones too, the latest before the year is judged as in 3.
  3. Only earlier actuals: if the latest already meets the target -> achieved. Otherwise the path
     from the baseline (baseline_value in baseline_year) to the target: compound (Open SDG, method
     "cagr-path": ratio = observed CAGR / required CAGR) for levels, linear (method "linear-path":
     ratio = observed yearly change / required yearly change) for shares and rates (metric share, or
     unit percent/permille/percentage_point) and whenever the baseline, target or actual is not
     positive (CAGR undefined). Bands: ratio >= 0.95 on_track; >= 0.6 moderate, >= 0 limited,
     < 0 deteriorating: all behind. A baseline that already met the target while the actual no
     longer does is deteriorating. When the target year has passed without its figure: `no_data`.
  4. No baseline: the earliest actual before the latest one serves as the baseline (Open SDG also
     starts from the first data point); with a single actual the status is `no_baseline`, naming
     the year whose figure would serve (the one before the window) -- one number cannot show a pace.
Growth rates and indices (metric growth_rate, index): flows, compared as rates.
  * One-year targets are judged only on the actual for their year: another year's rate is not
    evidence, so a missing year is `no_data` (not "use the latest").
  * A window (start_year < target_year) makes the target an average annual rate (年均): the
    compound mean of the actual yearly rates in the window is compared with it; period
    "cumulative" means a total change over the window, annualised as (1+R)^(1/n)-1 before the
    comparison. Before the target year is observed the result is provisional: met -> on_track.
Increments (metric increment): flows, summed.
  * Actuals are the amount achieved in their year, unless an Observation says `cumulative=True`
    (a running total since the window start, 累计); the engine sums the window's years, counting a
    cumulative observation for all the years up to it.
  * One-year targets are judged on their year's amount only. With a window (start_year <
    target_year, or period "cumulative" with a baseline_year: start = baseline_year + 1) the sum is
    compared with the target once every year is in (method "cumulative"), and before that with
    the pro-rata share target * covered_years / window_years (method "pro-rata", same bands;
    ratio = sum / share for floors, share / sum for ceilings). A floor already met is achieved; a
    ceiling already exceeded is missed. Cumulative without any start year is `no_data`.
No target year: the latest actual is judged as a final value. The period field only matters for
increments and growth rates.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from targets import formatting
from targets.vocab import Comparator, Direction, Metric, Period, Status, label

BANDS = ("achieved", "on_track", "moderate", "limited", "deteriorating")
#: how an Open SDG band reads as a status
BAND_STATUS = {
    "achieved": Status.ACHIEVED,
    "on_track": Status.ON_TRACK,
    "moderate": Status.BEHIND,
    "limited": Status.BEHIND,
    "deteriorating": Status.BEHIND,
}

#: `~` tolerance and behind margin for levels: ±5 % of the target, relative
LEVEL_TOLERANCE = 0.05
#: `~` tolerance and behind margin for rates, shares and indices: ±0.5 points (percentage or index)
RATE_TOLERANCE = 0.5
#: the same for per-mille units: ±0.5 ‰ (0.5 percentage points would be 5 ‰)
PERMILLE_TOLERANCE = 0.5
#: Open SDG ratio bands (observed over required pace)
ON_TRACK_RATIO = 0.95
MODERATE_RATIO = 0.6

RATE_METRICS = frozenset({Metric.GROWTH_RATE, Metric.SHARE, Metric.INDEX})
FLOW_RATE_METRICS = frozenset({Metric.GROWTH_RATE, Metric.INDEX})
#: digits of the numbers in a reason: enough to tell them apart, few enough to read
_REASON_DIGITS = 4

_SENSE = {Direction.HIGHER_BETTER: "floor", Direction.LOWER_BETTER: "ceiling", Direction.TARGET_BAND: "band"}
_BAND_ZH = {
    "achieved": "已达标",
    "on_track": "进度正常",
    "moderate": "进展中等",
    "limited": "进展有限",
    "deteriorating": "倒退",
}
_BAND_EN = {
    "achieved": "achieved",
    "on_track": "on track",
    "moderate": "moderate progress",
    "limited": "limited progress",
    "deteriorating": "deteriorating",
}


@dataclass(frozen=True)
class TargetSpec:
    """One target as the engine needs it; numbers in the canonical unit `norm_unit`."""

    comparator: str
    value: float | None
    low: float | None = None
    high: float | None = None
    metric: str = Metric.LEVEL
    norm_unit: str = ""
    direction: str = Direction.HIGHER_BETTER
    target_year: int | None = None
    start_year: int | None = None
    period: str = Period.ANNUAL
    baseline_value: float | None = None
    baseline_year: int | None = None
    #: the plan's own unit word for the numbers of the reasons (套(间), 人; formatting.unit_word)
    word: str = ""


@dataclass(frozen=True)
class Observation:
    """One actual: the value for a year, in the target's canonical unit."""

    period: int
    value: float
    #: the value is a running total since the plan window began (累计), not the year's own amount;
    #: only read for increments
    cumulative: bool = False


@dataclass(frozen=True)
class Assessment:
    """The verdict on one target and the numbers that decided it."""

    status: str
    band: str | None
    method: str
    actual: float | None
    actual_period: int | None
    target: float | None
    required: float | None
    ratio: float | None
    gap: float | None
    attainment: float | None
    tolerance: float | None
    reason_zh: str
    reason_en: str


# --------------------------------------------------------------------------------------------
# cleaning the inputs


def _num(x: Any) -> float | None:
    """A finite float, or None for anything else (None, NaN, text, booleans)."""
    if x is None or isinstance(x, bool):
        return None
    try:
        f = float(x)
    except (TypeError, ValueError, OverflowError):
        return None
    return f if math.isfinite(f) else None


def _year(x: Any) -> int | None:
    f = _num(x)
    if f is None or not f.is_integer() or abs(f) > 100000:
        return None
    return int(f)


#: (vocabulary, word) -> the member `_choice` read it as: the few words a database holds, read once each
_CHOSEN: dict[tuple[type[StrEnum], str], str | None] = {}
_CHOSEN_MAX = 4096


def _choice(raw: Any, allowed: type[StrEnum], what: str) -> str | None:
    """The member of `allowed` that `raw` stands for; None when blank; ValueError naming it when unknown."""
    if isinstance(raw, str):
        key = (allowed, raw)
        if key in _CHOSEN:
            return _CHOSEN[key]
        chosen = _read_choice(raw, allowed, what)
        if len(_CHOSEN) < _CHOSEN_MAX:
            _CHOSEN[key] = chosen
        return chosen
    return _read_choice(raw, allowed, what)


def _read_choice(raw: Any, allowed: type[StrEnum], what: str) -> str | None:
    if raw is None:
        return None
    names = ", ".join(allowed)
    if not isinstance(raw, str):
        raise ValueError(f"unknown {what}: {raw!r} (expected one of {names})")
    key = raw.strip()
    if not key:
        return None
    try:
        return Comparator.read(key) if allowed is Comparator else allowed(key if key in set(allowed) else key.lower())
    except ValueError:
        raise ValueError(f"unknown {what}: {raw!r} (expected one of {names})") from None


def _clean_spec(t: Any) -> TargetSpec:
    """A TargetSpec with valid names and only finite numbers; raises ValueError for unknown names."""
    comparator = _choice(getattr(t, "comparator", None), Comparator, "comparator") or Comparator.EQUAL
    metric = _choice(getattr(t, "metric", None), Metric, "metric") or Metric.LEVEL
    direction = _choice(getattr(t, "direction", None), Direction, "direction")
    if direction is None:
        direction = Direction.LOWER_BETTER if Comparator(comparator).is_ceiling else Direction.HIGHER_BETTER
    period = getattr(t, "period", None)
    period = period.strip().lower() if isinstance(period, str) and period.strip() else Period.ANNUAL
    unit = getattr(t, "norm_unit", None)
    return TargetSpec(
        comparator=comparator,
        value=_num(getattr(t, "value", None)),
        low=_num(getattr(t, "low", None)),
        high=_num(getattr(t, "high", None)),
        metric=metric,
        norm_unit=unit.strip() if isinstance(unit, str) else "",
        direction=direction,
        target_year=_year(getattr(t, "target_year", None)),
        start_year=_year(getattr(t, "start_year", None)),
        period=period,
        baseline_value=_num(getattr(t, "baseline_value", None)),
        baseline_year=_year(getattr(t, "baseline_year", None)),
        word=word if isinstance(word := getattr(t, "word", ""), str) else "",
    )


def _read_observation(item: Any) -> Observation | None:
    if item.__class__ is Observation and _clean_observation(item):
        return item  # what the rest of this function would make of it: the comparison passes these
    if isinstance(item, Mapping):
        period, value, cum = item.get("period"), item.get("value"), item.get("cumulative", False)
    elif isinstance(item, tuple | list) and len(item) >= 2:
        period, value = item[0], item[1]
        cum = item[2] if len(item) > 2 else False
    else:
        period, value = getattr(item, "period", None), getattr(item, "value", None)
        cum = getattr(item, "cumulative", False)
    year, number = _year(period), _num(value)
    if year is None or number is None:
        return None
    return Observation(year, number, cum is True)


def _clean_observation(o: Observation) -> bool:
    """An Observation already as `_read_observation` makes them: a year, a finite float, a bool."""
    return (
        o.period.__class__ is int
        and abs(o.period) <= 100000
        and o.value.__class__ is float
        and math.isfinite(o.value)
        and o.cumulative.__class__ is bool
    )


def _observations(actuals: Any, as_of: int | None) -> list[Observation]:
    """Usable observations up to `as_of`, one per year (the later one in the sequence wins), by year."""
    by_year: dict[int, Observation] = {}
    try:
        items = list(actuals or ())
    except TypeError:
        items = []
    for item in items:
        obs = _read_observation(item)
        if obs is None or (as_of is not None and obs.period > as_of):
            continue
        by_year[obs.period] = obs
    return [by_year[y] for y in sorted(by_year)]


# --------------------------------------------------------------------------------------------
# formatting reasons


@functools.lru_cache(maxsize=1 << 16)
def _q(x: float, unit: str, lang: str, word: str = "") -> str:
    """A number with its unit as a reader of that language writes it (the plan's word in Chinese); cached,
    as a database's reasons repeat their targets, tolerances and margins."""
    return formatting.quantity(x, unit, lang, word, significant=_REASON_DIGITS)


def _dq(x: float, unit: str, lang: str, word: str = "") -> str:
    """A difference with its unit: a difference of percents is in percentage points."""
    if unit == "percent":
        return _q(x, "percentage_point", lang)
    return _q(x, unit, lang, word)


def _pct(x: float) -> str:
    return formatting.share(x, decimals=2)


# --------------------------------------------------------------------------------------------
# what the target asks for


def _points_tolerance(spec: TargetSpec) -> float | None:
    """The absolute tolerance for rate-like targets; None for levels (which use a relative one)."""
    if spec.norm_unit == "permille":
        return PERMILLE_TOLERANCE
    if formatting.is_rate(spec.norm_unit) or spec.metric in RATE_METRICS:
        return RATE_TOLERANCE
    return None


@dataclass(frozen=True)
class _Goal:
    """The comparator read with its direction: which values meet the target."""

    sense: str
    """floor, ceiling or band."""
    lo: float | None
    """Lowest value that meets (floor, band)."""
    hi: float | None
    """Highest value that meets (ceiling, band)."""
    point: float | None
    """The plan's own number, reported as the target (None for a range band)."""
    strict: bool = False
    """`>` or `<`: the bound itself does not meet."""
    tolerance: float | None = None
    """The `~` tolerance when one widened the bound."""
    unit: str = ""
    word: str = ""
    label_zh: str = ""
    label_en: str = ""
    tolerance_zh: str = ""
    """The tolerance stated plainly ("约数允许±0.5个百分点，不低于6.5%即达标"), or ""."""
    tolerance_en: str = ""
    over: bool = False
    """The target's period is over (its year has passed): without its final figure nothing is final."""


def _label(
    comparator: Comparator, value: float | None, low: float | None, high: float | None, spec: TargetSpec
) -> tuple[str, ...]:
    """The target as the reasons quote it, in both languages: ≥ 7%, ≈ 24万人, 6–7%."""
    return _target_labels(comparator, value, low, high, spec.norm_unit, spec.word)


@functools.lru_cache(maxsize=1 << 16)
def _target_labels(
    comparator: Comparator, value: float | None, low: float | None, high: float | None, unit: str, word: str
) -> tuple[str, str]:
    """`_label`, cached per target: a plan's targets are quoted in every reason about them."""
    zh, en = (formatting.target(comparator, value, low, high, unit, la, word, _REASON_DIGITS) for la in ("zh", "en"))
    return zh, en


def _tolerance_text(sense: str, value: float, tol: float, points: float | None, spec: TargetSpec) -> tuple[str, str]:
    """What an "about" target allows, in words: the tolerance and the values that meet."""
    unit, word = spec.norm_unit, spec.word
    allowed_zh = "±" + (_dq(points, unit or "percent", "zh") if points is not None else f"{LEVEL_TOLERANCE:.0%}")
    allowed_en = "±" + (_dq(points, unit or "percent", "en") if points is not None else f"{LEVEL_TOLERANCE:.0%}")
    low, high = (
        (_q(value - tol, unit, lang, word) for lang in ("zh", "en")),
        (_q(value + tol, unit, lang, word) for lang in ("zh", "en")),
    )
    (low_zh, low_en), (high_zh, high_en) = low, high
    if sense == "floor":
        meets_zh, meets_en = f"不低于{low_zh}即达标", f"{low_en} or more meets it"
    elif sense == "ceiling":
        meets_zh, meets_en = f"不高于{high_zh}即达标", f"{high_en} or less meets it"
    else:
        meets_zh, meets_en = f"{low_zh}至{high_zh}之间即达标", f"{low_en} to {high_en} meets it"
    return f"约数允许{allowed_zh}，{meets_zh}", f"an approximate target allows {allowed_en}: {meets_en}"


def _goal(
    spec: TargetSpec, value: float | None, low: float | None, high: float | None, over: bool = False
) -> _Goal | None:
    """Read comparator and direction into a _Goal (`over`: its period is over); None when the target has no
    number."""
    cmp, unit, points = Comparator(spec.comparator), spec.norm_unit, _points_tolerance(spec)
    if cmp == Comparator.RANGE or (value is None and low is not None and high is not None):
        if low is None and high is None:
            cmp = Comparator.EQUAL
        elif low is None or high is None:
            cmp, value = (Comparator.AT_MOST, high) if low is None else (Comparator.AT_LEAST, low)
        else:
            cmp, low, high = Comparator.RANGE, min(low, high), max(low, high)
    if cmp != Comparator.RANGE and value is None:
        value = low if low is not None else high
        if value is None:
            return None
    sense = _SENSE[Direction(spec.direction)]
    if cmp == Comparator.RANGE:
        assert low is not None and high is not None
        zh, en = _label(cmp, None, low, high, spec)
        edges = {"floor": (low, None, low), "ceiling": (None, high, high), "band": (low, high, None)}[sense]
        return _Goal(sense, *edges, unit=unit, word=spec.word, label_zh=zh, label_en=en, over=over)
    assert value is not None
    if cmp.is_floor or cmp.is_ceiling:
        sense, tol = ("floor" if cmp.is_floor else "ceiling"), None
    elif cmp == Comparator.ABOUT or sense == "band":
        tol = points if points is not None else LEVEL_TOLERANCE * abs(value)
    else:  # a plain number with a floor or ceiling sense is met at the number itself
        tol = None
    # the target as the plan writes it (7%, ≈ 7%, ≥ 7%): the same text as every table and chart shows
    zh, en = _label(cmp, value, None, None, spec)
    tol_zh, tol_en = _tolerance_text(sense, value, tol, points, spec) if tol is not None else ("", "")
    t = tol or 0.0
    lo = value - t if sense in ("floor", "band") else None
    hi = value + t if sense in ("ceiling", "band") else None
    return _Goal(
        sense,
        lo,
        hi,
        value,
        strict=cmp in (Comparator.MORE_THAN, Comparator.LESS_THAN),
        tolerance=tol,
        unit=unit,
        word=spec.word,
        label_zh=zh,
        label_en=en,
        tolerance_zh=tol_zh,
        tolerance_en=tol_en,
        over=over,
    )


class _Verdict(NamedTuple):
    met: bool
    target: float  # the number reported as the target (point, bound or a range's nearer edge)
    gap: float  # actual - target: the one gap every reason and table states
    attainment: float | None  # share of the target reached; target/actual for ceilings
    inside: bool = False  # within a range target (no gap to state)


def _eps(*xs: float) -> float:
    return 1e-9 * max(1.0, *(abs(x) for x in xs))


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _judge(goal: _Goal, a: float) -> _Verdict:
    """Compare one number with the goal."""
    if goal.sense == "floor":
        assert goal.lo is not None and goal.point is not None
        bound, target = goal.lo, goal.point
        met = a > bound + _eps(a, bound) if goal.strict else a >= bound - _eps(a, bound)
        return _Verdict(met, target, a - target, _ratio(a, target))
    if goal.sense == "ceiling":
        assert goal.hi is not None and goal.point is not None
        bound, target = goal.hi, goal.point
        met = a < bound - _eps(a, bound) if goal.strict else a <= bound + _eps(a, bound)
        return _Verdict(met, target, a - target, _ratio(target, a))
    assert goal.lo is not None and goal.hi is not None
    lo, hi = goal.lo, goal.hi
    if lo - _eps(a, lo) <= a <= hi + _eps(a, hi):
        if goal.point is not None:
            return _Verdict(True, goal.point, a - goal.point, 1.0)
        return _Verdict(True, lo if a - lo <= hi - a else hi, 0.0, 1.0, inside=True)
    if goal.point is not None:
        return _Verdict(False, goal.point, a - goal.point, _ratio(a, goal.point) if a < lo else _ratio(goal.point, a))
    edge = lo if a < lo else hi
    return _Verdict(False, edge, a - edge, _ratio(a, lo) if a < lo else _ratio(hi, a))


def _band(ratio: float) -> str:
    if ratio >= ON_TRACK_RATIO - 1e-9:
        return "on_track"
    if ratio >= MODERATE_RATIO - 1e-9:
        return "moderate"
    if ratio >= 0:
        return "limited"
    return "deteriorating"


# --------------------------------------------------------------------------------------------
# building results


def _no_data(
    zh: str, en: str, obs: Observation | None = None, target: float | None = None, status: str = Status.NO_DATA
) -> Assessment:
    return Assessment(
        status=status,
        band=None,
        method="none",
        actual=obs.value if obs else None,
        actual_period=obs.period if obs else None,
        target=target,
        required=None,
        ratio=None,
        gap=None,
        attainment=None,
        tolerance=None,
        reason_zh=zh,
        reason_en=en,
    )


def _gap_text(goal: _Goal, v: _Verdict) -> tuple[str, str]:
    """The one gap, measured from the target: "比目标≈ 7%低4.2个百分点" / "4.2 pp below the target ≈ 7%"."""
    if v.inside:
        return f"在目标{goal.label_zh}之内", f"is within the target {goal.label_en}"
    size = abs(v.gap)
    if size <= _eps(v.gap, v.target):
        return f"与目标{goal.label_zh}持平", f"equals the target {goal.label_en}"
    edge_zh = edge_en = ""
    if goal.point is None:  # a range: measured from its nearer edge
        lower = v.gap < 0
        edge_zh, edge_en = ("下限" if lower else "上限"), (" (its low end)" if lower else " (its high end)")
    zh_size, en_size = _dq(size, goal.unit, "zh", goal.word), _dq(size, goal.unit, "en")
    if v.gap < 0:
        return f"比目标{goal.label_zh}{edge_zh}低{zh_size}", f"is {en_size} below the target {goal.label_en}{edge_en}"
    return f"比目标{goal.label_zh}{edge_zh}高{zh_size}", f"is {en_size} above the target {goal.label_en}{edge_en}"


def _compared(
    goal: _Goal,
    a: float,
    period: int,
    method: str,
    what_zh: str,
    what_en: str,
    *,
    final: bool = True,
    note_zh: str = "",
    note_en: str = "",
) -> Assessment:
    """A point comparison: final -> achieved or missed; provisional -> on track or behind; provisional
    after the period is over -> no data (its last year's figure is missing)."""
    v = _judge(goal, a)
    if final:
        status = Status.ACHIEVED if v.met else Status.MISSED
    elif goal.over:
        status = Status.NO_DATA
    else:
        status = Status.ON_TRACK if v.met else Status.BEHIND
    gap_zh, gap_en = _gap_text(goal, v)
    zh, en = f"{what_zh}，{gap_zh}", f"{what_en} {gap_en}"
    if goal.tolerance_zh:
        zh += f"（{goal.tolerance_zh}）"
        en += f" ({goal.tolerance_en})"
    if final:
        zh += f"：{label(status, 'zh')}"
        en += f": {label(status, 'en').lower()}"
    elif goal.over:
        zh += "；目标年已过而尚无最后一年的实际值，无法判断是否完成"
        en += "; the target year is over but its figure is not in, so whether it was met cannot be told"
    else:
        zh += f"；目标年尚未到，暂判{label(status, 'zh')}"
        en += f"; the target year is still to come: {label(status, 'en').lower()} for now"
    return Assessment(
        status=status,
        band=None,
        method=method,
        actual=a,
        actual_period=period,
        target=v.target,
        required=None,
        ratio=None,
        gap=v.gap,
        attainment=v.attainment,
        tolerance=goal.tolerance,
        reason_zh=note_zh + zh + "。",
        reason_en=_cap(note_en + en) + ".",
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _actual_text(spec: TargetSpec, o: Observation) -> tuple[str, str]:
    return (
        f"{o.period}年实际{_q(o.value, spec.norm_unit, 'zh', spec.word)}",
        f"the actual {_q(o.value, spec.norm_unit, 'en', spec.word)} in {o.period}",
    )


def _final_value(spec: TargetSpec, goal: _Goal, o: Observation, method: str = "final-value") -> Assessment:
    """Judge one observation as the final value, noting when it is not the target year's."""
    note_zh = note_en = ""
    if spec.target_year is None:
        note_zh, note_en = (
            "目标未注明年份，按最近实际值判断：",
            "No target year; judged on the latest actual: ",
        )
    elif o.period != spec.target_year:
        note_zh = f"无{spec.target_year}年实际值，按最近的{o.period}年判断："
        note_en = f"No actual for {spec.target_year}; judged on the latest, {o.period}: "
    zh, en = _actual_text(spec, o)
    return _compared(goal, o.value, o.period, method, zh, en, note_zh=note_zh, note_en=note_en)


def _needed_baseline_year(spec: TargetSpec) -> int | None:
    """The year whose figure would serve as the baseline: the one before the window (or the target year)."""
    first = spec.start_year if spec.start_year is not None else spec.target_year
    return first - 1 if first is not None else None


# --------------------------------------------------------------------------------------------
# levels: final value, or the path from a baseline


def _assess_level(spec: TargetSpec, goal: _Goal, obs: list[Observation]) -> Assessment:
    """Levels are judged at the target year, or against the required path before it."""
    year, latest = spec.target_year, obs[-1]
    if year is None:
        return _final_value(spec, goal, latest)
    at_year = next((o for o in obs if o.period == year), None)
    if at_year is not None:
        return _final_value(spec, goal, at_year)
    if latest.period > year and not any(o.period < year for o in obs):
        zh, en = _actual_text(spec, latest)
        return _no_data(
            f"没有{year}年的实际值；{zh}晚于目标年，不能说明{year}年目标{goal.label_zh}是否完成。",
            f"No actual for {year}; {en} comes after the target year and cannot tell whether the {year} target"
            f" {goal.label_en} was met.",
            latest,
            goal.point,
        )
    latest = max((o for o in obs if o.period < year), key=lambda o: o.period, default=latest)
    v = _judge(goal, latest.value)
    zh, en = _actual_text(spec, latest)
    if v.met:
        gap_zh, gap_en = _gap_text(goal, v)
        # a floor reached before its year is reached; a ceiling (失业率≤5.5%) met so far must still hold then
        holds = goal.sense != "floor" and not goal.over
        status = Status.ON_TRACK if holds else Status.ACHIEVED
        if holds:
            tail_zh, tail_en = (
                f"目前符合{year}年目标，需保持到{year}年",
                f"within the {year} target so far; it must hold in {year}",
            )
        else:
            tail_zh, tail_en = f"已提前达到{year}年目标", f"so the {year} target is already met"
        return Assessment(
            status=status,
            band=status.value,
            method="final-value",
            actual=latest.value,
            actual_period=latest.period,
            target=v.target,
            required=None,
            ratio=None,
            gap=v.gap,
            attainment=v.attainment,
            tolerance=goal.tolerance,
            reason_zh=f"{zh}，{gap_zh}，{tail_zh}：{label(status, 'zh')}。",
            reason_en=f"{_cap(en)} {gap_en}, {tail_en}: {label(status, 'en').lower()}.",
        )
    if goal.over:
        return _no_data(
            f"目标年{year}年已过，尚无{year}年实际值（最近为{zh}），无法判断是否完成。",
            f"The target year {year} is over and its actual is not in (the latest is {en});"
            " whether it was met cannot be told.",
            latest,
            v.target,
        )
    baseline = _baseline(spec, obs, latest)
    if baseline is None:
        needed = _needed_baseline_year(spec)
        which_zh = f"规划期开始前一年即{needed}年的实际值" if needed else "规划期开始前的实际值"
        which_en = f"the actual of {needed}, the year before the plan window" if needed else "an earlier actual"
        return _no_data(
            f"{zh}，尚未达到{year}年目标{goal.label_zh}；缺少基数（{which_zh}），无法判断进度是否正常。",
            f"{_cap(en)} does not yet meet the {year} target {goal.label_en}; without a baseline ({which_en})"
            " the pace cannot be judged.",
            latest,
            v.target,
            status=Status.NO_BASELINE,
        )
    b, y0, derived = baseline
    if latest.period <= y0:
        return _no_data(
            f"{zh}不晚于基数年份{y0}，无法判断进度。",
            f"{_cap(en)} is not later than the baseline year {y0}; progress cannot be judged.",
            latest,
            v.target,
            status=Status.NO_BASELINE,
        )
    return _path(spec, goal, b, y0, derived, latest, year, v)


def _baseline(spec: TargetSpec, obs: list[Observation], latest: Observation) -> tuple[float, int, bool] | None:
    """(value, year, derived): the spec's baseline, else the earliest earlier actual, else None."""
    year = spec.target_year
    if (
        spec.baseline_value is not None
        and spec.baseline_year is not None
        and year is not None
        and spec.baseline_year < year
    ):
        return spec.baseline_value, spec.baseline_year, False
    earlier = [o for o in obs if o.period < latest.period]
    if earlier:
        return earlier[0].value, earlier[0].period, True
    return None


def _path(
    spec: TargetSpec,
    goal: _Goal,
    b: float,
    y0: int,
    derived: bool,
    latest: Observation,
    year: int,
    v: _Verdict,
) -> Assessment:
    """Open SDG: compare the pace since the baseline with the pace the target requires."""
    a, t = latest.value, latest.period
    if goal.sense == "band":
        assert goal.lo is not None and goal.hi is not None
        mark = goal.lo if b < goal.lo else goal.hi if b > goal.hi else None
    else:
        mark = goal.point
    unit = spec.norm_unit
    linear_kind = spec.metric == Metric.SHARE or formatting.is_rate(unit)
    compound = not linear_kind and b > 0 and a > 0 and mark is not None and mark > 0
    method = "cagr-path" if compound else "linear-path"
    base_zh = f"{y0}年{'最早实际值' if derived else ''}{_q(b, unit, 'zh', spec.word)}"
    base_en = f"{'the earliest actual' if derived else 'the baseline'} {_q(b, unit, 'en', spec.word)} in {y0}"
    zh_a, en_a = _actual_text(spec, latest)
    gap_zh, gap_en = _gap_text(goal, v)
    if mark is None or (goal.sense == "floor" and mark <= b) or (goal.sense == "ceiling" and mark >= b):
        return Assessment(
            status=Status.BEHIND,
            band="deteriorating",
            method=method,
            actual=a,
            actual_period=t,
            target=v.target,
            required=v.target,
            ratio=None,
            gap=v.gap,
            attainment=v.attainment,
            tolerance=goal.tolerance,
            reason_zh=f"{base_zh}已达到目标{goal.label_zh}，但{zh_a}，{gap_zh}（倒退）：滞后。",
            reason_en=f"{_cap(base_en)} already met the target {goal.label_en}, but {en_a} {gap_en}"
            " (deteriorating): behind.",
        )
    if compound:
        required_rate = (mark / b) ** (1 / (year - y0)) - 1
        observed_rate = (a / b) ** (1 / (t - y0)) - 1
        ratio = observed_rate / required_rate
        required = b * (1 + required_rate) ** (t - y0)
        how_zh = f"所需年均增速{_pct(required_rate)}，{y0}–{t}年实际年均{_pct(observed_rate)}"
        how_en = f"needs {_pct(required_rate)} a year and {y0}–{t} achieved {_pct(observed_rate)} a year"
    else:
        required = b + (mark - b) * (t - y0) / (year - y0)
        ratio = (a - b) / (required - b)
        how_zh = f"按线性路径{t}年应达{_q(required, unit, 'zh', spec.word)}"
        how_en = f"the linear path requires {_q(required, unit, 'en', spec.word)} by {t}"
        if not linear_kind:
            how_zh = "数值非正，复合增速无意义，改用线性路径：" + how_zh
            how_en = "(CAGR is undefined for values that are not positive) " + how_en
    band = _band(ratio)
    status = BAND_STATUS[band]
    return Assessment(
        status=status,
        band=band,
        method=method,
        actual=a,
        actual_period=t,
        target=mark,
        required=required,
        ratio=ratio,
        gap=a - mark,
        attainment=v.attainment,
        tolerance=goal.tolerance,
        reason_zh=f"以{base_zh}为基数，{year}年目标{goal.label_zh}：{how_zh}；{zh_a}，"
        f"进度比值{ratio:.2f}（{_BAND_ZH[band]}）：{label(status, 'zh')}。",
        reason_en=f"Going from {base_en} to {goal.label_en} by {year} {how_en};"
        f" {en_a}, pace ratio {ratio:.2f} ({_BAND_EN[band]}): {label(status, 'en').lower()}.",
    )


# --------------------------------------------------------------------------------------------
# flows: rates and increments

_UNKNOWN = (0, 0)


def _window(spec: TargetSpec) -> tuple[int, int] | None:
    """(first, last) year of a multi-year target; None for one year; _UNKNOWN when it cannot be told."""
    year = spec.target_year
    if year is None:
        return None
    if spec.start_year is not None and spec.start_year < year:
        return spec.start_year, year
    if spec.period == Period.CUMULATIVE:
        if spec.baseline_year is not None and spec.baseline_year < year:
            return spec.baseline_year + 1, year
        if spec.start_year is None:
            return _UNKNOWN
    return None


def _no_window(obs: list[Observation]) -> Assessment:
    return _no_data(
        "累计目标缺少起始年份，无法汇总实际值。",
        "A cumulative target without a start year; the actuals cannot be summed.",
        obs[-1],
    )


def _one_year_flow(spec: TargetSpec, goal: _Goal, obs: list[Observation], method: str) -> Assessment:
    """A flow for one year is judged only on that year's figure."""
    if spec.target_year is None:
        return _final_value(spec, goal, obs[-1], method)
    at_year = next((o for o in obs if o.period == spec.target_year), None)
    if at_year is None:
        years = "、".join(str(o.period) for o in obs)
        over_zh = "目标年已过，" if goal.over else ""
        over_en = "the target year is over; " if goal.over else ""
        return _no_data(
            f"{over_zh}没有{spec.target_year}年的实际值（现有{years}年）；年度流量目标只按当年数据判断。",
            _cap(f"{over_en}no actual for {spec.target_year} (have {', '.join(str(o.period) for o in obs)});")
            + " a yearly flow is judged on its own year only.",
            obs[-1],
        )
    return _final_value(spec, goal, at_year, method)


def _in_window(
    spec: TargetSpec, goal: _Goal, obs: list[Observation], one_year_method: str
) -> Assessment | tuple[int, int, list[Observation]]:
    """(start, end, observations inside) of a flow target's window, or the assessment when there is
    nothing to sum or average: no window known, a one-year target (judged on its year), no data inside."""
    window = _window(spec)
    if window == _UNKNOWN:
        return _no_window(obs)
    if window is None:
        return _one_year_flow(spec, goal, obs, one_year_method)
    start, end = window
    inside = [o for o in obs if start <= o.period <= end]
    if not inside:
        return _no_data(
            f"规划期{start}–{end}年内没有实际值。",
            f"No actual within the plan window {start}–{end}.",
            obs[-1],
        )
    return start, end, inside


def _assess_rate(spec: TargetSpec, goal: _Goal, obs: list[Observation]) -> Assessment:
    """Growth rates and indices: the year's rate, or the average annual rate over a window."""
    framed = _in_window(spec, goal, obs, "rate")
    if isinstance(framed, Assessment):
        return framed
    start, end, inside = framed
    n = end - start + 1
    scale = 1.0 if spec.norm_unit == "ratio" else 100.0
    factors = [1 + o.value / scale for o in inside]
    compound = spec.metric == Metric.GROWTH_RATE and all(f > 0 for f in factors)
    if compound:
        mean = (math.prod(factors) ** (1 / len(factors)) - 1) * scale
    else:
        mean = sum(o.value for o in inside) / len(inside)
    note_zh = note_en = ""
    if spec.period == Period.CUMULATIVE and spec.metric == Metric.GROWTH_RATE:

        def annual(x: float | None) -> float | None:
            if x is None:
                return None
            f = 1 + x / scale
            return (f ** (1 / n) - 1) * scale if f > 0 else x / n

        total_label_zh, total_label_en = goal.label_zh, goal.label_en
        goal = replace(_goal(spec, annual(spec.value), annual(spec.low), annual(spec.high)) or goal, over=goal.over)
        note_zh = f"{start}–{end}年累计目标{total_label_zh}折合年均{goal.label_zh}；"
        note_en = f"The {start}–{end} cumulative target {total_label_en} is {goal.label_en} a year; "
    first, last = inside[0].period, inside[-1].period
    span = f"{first}–{last}" if last != first else f"{first}"
    kind_zh = "年均" if len(inside) > 1 else ""
    what_zh = f"{span}年实际{kind_zh}{_q(mean, spec.norm_unit, 'zh', spec.word)}（{len(inside)}年数据）"
    what_en = (
        f"the actual {'average ' if len(inside) > 1 else ''}{_q(mean, spec.norm_unit, 'en', spec.word)} in {span}"
        f" ({len(inside)} year{'s' if len(inside) > 1 else ''} of data)"
    )
    return _compared(
        goal,
        mean,
        last,
        "rate-average",
        what_zh,
        what_en,
        final=last >= end,
        note_zh=note_zh,
        note_en=note_en,
    )


def _assess_increment(spec: TargetSpec, goal: _Goal, obs: list[Observation]) -> Assessment:
    """Increments: one year's amount, or the window's sum against the pro-rata share."""
    framed = _in_window(spec, goal, obs, "final-value")
    if isinstance(framed, Assessment):
        return framed
    start, end, inside = framed
    total, covered = _cumulate(inside, start)
    n, last, unit = end - start + 1, inside[-1].period, spec.norm_unit
    first = start if any(o.cumulative for o in inside) else inside[0].period
    span = f"{first}–{last}" if last != first else f"{first}"
    what_zh = f"{span}年累计完成{_q(total, unit, 'zh', spec.word)}"
    what_en = f"the cumulative {_q(total, unit, 'en', spec.word)} over {span}"
    if covered >= n:
        return _compared(goal, total, last, "cumulative", what_zh, what_en)
    v = _judge(goal, total)
    missing_zh = f"（缺{n - covered}年数据）" if last == end else ""
    missing_en = f" ({n - covered} year(s) missing)" if last == end else ""
    if goal.sense == "floor" and v.met:
        return Assessment(
            status=Status.ACHIEVED,
            band="achieved",
            method="pro-rata",
            actual=total,
            actual_period=last,
            target=v.target,
            required=None,
            ratio=None,
            gap=v.gap,
            attainment=v.attainment,
            tolerance=goal.tolerance,
            reason_zh=f"{what_zh}，已提前达到{end}年目标{goal.label_zh}：已完成。",
            reason_en=f"{_cap(what_en)} already meets the {end} target {goal.label_en}: achieved.",
        )
    if goal.sense == "ceiling" and not v.met:  # a sum past its ceiling cannot come back under it
        return Assessment(
            status=Status.MISSED,
            band=None,
            method="pro-rata",
            actual=total,
            actual_period=last,
            target=v.target,
            required=None,
            ratio=None,
            gap=v.gap,
            attainment=v.attainment,
            tolerance=goal.tolerance,
            reason_zh=f"{what_zh}，已超过{end}年上限{goal.label_zh}：未完成。",
            reason_en=f"{_cap(what_en)} already exceeds the {end} ceiling {goal.label_en}: not achieved.",
        )
    if goal.over:
        return _no_data(
            f"目标年{end}年已过，{what_zh}{missing_zh}，尚缺{n - covered}年数据，无法判断是否完成。",
            f"The target year {end} is over; {what_en}{missing_en} leaves {n - covered} year(s) without data,"
            " so whether it was met cannot be told.",
            Observation(last, total),
            v.target,
        )
    share = covered / n
    if goal.sense == "band":
        assert goal.lo is not None and goal.hi is not None
        point = goal.point if goal.point is not None else (goal.lo + goal.hi) / 2
        scaled = replace(goal, lo=goal.lo * share, hi=goal.hi * share, point=point * share)
        status = Status.ON_TRACK if _judge(scaled, total).met else Status.BEHIND
        required, ratio, band = point * share, _ratio(total, point * share), None
        verdict_zh = verdict_en = ""
    else:
        assert goal.point is not None
        required = goal.point * share
        if goal.sense == "floor":
            ratio = total / required if required > 0 else (1.0 if v.met else -1.0)
        else:
            ratio = required / total if total > 0 else math.inf
        band = _band(ratio)
        status = BAND_STATUS[band]
        verdict_zh, verdict_en = f"{_BAND_ZH[band]}，", f"{_BAND_EN[band]}, "
    ratio_text = "—" if ratio is None or math.isinf(ratio) else f"{ratio:.2f}"
    return Assessment(
        status=status,
        band=band,
        method="pro-rata",
        actual=total,
        actual_period=last,
        target=v.target,
        required=required,
        ratio=None if ratio is None or math.isinf(ratio) else ratio,
        gap=v.gap,
        attainment=v.attainment,
        tolerance=goal.tolerance,
        reason_zh=f"{what_zh}{missing_zh}，按{covered}/{n}年进度应完成{_q(required, unit, 'zh', spec.word)}"
        f"（{end}年目标{goal.label_zh}），进度比值{ratio_text}（{verdict_zh}{label(status, 'zh')}）。",
        reason_en=f"{_cap(what_en)}{missing_en} compares with a pro-rata {_q(required, unit, 'en', spec.word)}"
        f" ({covered} of {n} years of the {end} target {goal.label_en}),"
        f" pace ratio {ratio_text} ({verdict_en}{label(status, 'en').lower()}).",
    )


def _cumulate(inside: list[Observation], start: int) -> tuple[float, int]:
    """(sum, years covered): the latest cumulative observation plus the yearly amounts after it."""
    cumulative = [o for o in inside if o.cumulative]
    total, covered, rest = 0.0, 0, inside
    if cumulative:
        last_cum = cumulative[-1]
        total, covered = last_cum.value, last_cum.period - start + 1
        rest = [o for o in inside if o.period > last_cum.period]
    return total + sum(o.value for o in rest), covered + len(rest)


# --------------------------------------------------------------------------------------------
# the door


def period_over(target_year: int | None, as_of: int | None = None, this_year: int | None = None) -> bool:
    """Whether a target's year is over: `target_year <= as_of` (the figures are read as of that year's end),
    else the year is before `this_year` (the calendar's, unless given)."""
    if target_year is None:
        return False
    if as_of is not None:
        return target_year <= as_of
    return target_year < (this_year if this_year is not None else date.today().year)


def assess(
    target: TargetSpec, actuals: Sequence[Observation], as_of: int | None = None, this_year: int | None = None
) -> Assessment:
    """Judge `target` against `actuals` (canonical unit, one per year) as of the year `as_of`.

    `as_of` ignores later actuals and says which periods are over (`period_over`); without it the
    calendar's current year (`this_year` when given, for tests and benchmarks) decides. Never raises on
    missing or odd numbers (they give `no_data` with a reason). Raises ValueError only for an unknown
    comparator, direction or metric name.
    """
    spec = _clean_spec(target)
    obs = _observations(actuals, _year(as_of))
    goal = _goal(spec, spec.value, spec.low, spec.high, over=period_over(spec.target_year, _year(as_of), this_year))
    if goal is None:
        return _no_data(
            "目标缺少数值，无法比较。", "The target has no number to compare with.", obs[-1] if obs else None
        )
    if spec.period not in set(Period):
        return _no_data(
            f"未知的期间类型“{spec.period}”。", f"Unknown period {spec.period!r}.", obs[-1] if obs else None
        )
    if not obs:
        when = f"（截至{as_of}年）" if _year(as_of) is not None else ""
        when_en = f" up to {as_of}" if _year(as_of) is not None else ""
        return _no_data(f"尚无实际值{when}。", f"No actual value{when_en}.", None, goal.point)
    try:
        if spec.metric == Metric.INCREMENT:
            return _assess_increment(spec, goal, obs)
        if spec.metric in FLOW_RATE_METRICS:
            return _assess_rate(spec, goal, obs)
        return _assess_level(spec, goal, obs)
    except (ArithmeticError, TypeError) as exc:  # a safety net: the rules above avoid these
        return _no_data(
            f"数值无法比较（{type(exc).__name__}）。", f"The numbers could not be compared ({exc}).", obs[-1]
        )
