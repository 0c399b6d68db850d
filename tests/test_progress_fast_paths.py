"""The comparison's fast paths through `targets.progress.assess` (Observations taken as they are, a word of the
vocabulary read once, reasons' labels and numbers cached) give exactly what the generic path gives: the same
status, numbers and reasons for plain dicts and strings read afresh, whatever was assessed before."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from targets import progress
from targets.progress import Observation, TargetSpec, assess
from targets.vocab import Comparator, Direction, Metric, Period

values = st.one_of(st.none(), st.floats(min_value=-1e6, max_value=1e13, allow_nan=False), st.integers(0, 10**6))
years = st.one_of(st.none(), st.integers(2015, 2035))


@dataclass
class Loose:
    """A target as a caller other than the comparison passes it: plain strings, ints where floats go."""

    comparator: object
    value: object
    low: object
    high: object
    metric: object
    norm_unit: object
    direction: object
    target_year: object
    start_year: object
    period: object
    baseline_value: object
    baseline_year: object
    word: object


@settings(max_examples=400, deadline=None)
@given(
    comparator=st.sampled_from([c.value for c in Comparator]),
    metric=st.sampled_from([m.value for m in Metric]),
    direction=st.sampled_from([d.value for d in Direction]),
    period=st.sampled_from([p.value for p in Period]),
    unit=st.sampled_from(["percent", "count", "CNY", "hectare", "permille", "index"]),
    value=values,
    low=values,
    high=values,
    target_year=years,
    start_year=years,
    baseline=st.tuples(values, years),
    word=st.sampled_from(["", "人", "套(间)", "亩"]),
    observed=st.lists(st.tuples(st.integers(2014, 2036), st.floats(-1e6, 1e13, allow_nan=False), st.booleans())),
    as_of=years,
)
def test_observations_and_cached_words_assess_as_the_generic_path(
    comparator,
    metric,
    direction,
    period,
    unit,
    value,
    low,
    high,
    target_year,
    start_year,
    baseline,
    word,
    observed,
    as_of,
):
    fields = dict(
        comparator=comparator,
        value=value,
        low=low,
        high=high,
        metric=metric,
        norm_unit=unit,
        direction=direction,
        target_year=target_year,
        start_year=start_year,
        period=period,
        baseline_value=baseline[0],
        baseline_year=baseline[1],
        word=word,
    )
    fast = assess(
        TargetSpec(**fields),
        [Observation(p, float(v), c) for p, v, c in observed],
        as_of=as_of,
    )
    progress._CHOSEN.clear()
    progress._q.cache_clear()
    progress._target_labels.cache_clear()
    generic = assess(
        Loose(**fields),  # type: ignore[arg-type]
        [{"period": p, "value": v, "cumulative": c} for p, v, c in observed],  # type: ignore[misc]
        as_of=as_of,
    )
    assert fast == generic
