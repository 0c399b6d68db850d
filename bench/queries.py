"""The queries the dashboard runs, on the large database (100k targets, 1M actuals): median of repeated
runs in one process after one warm-up run, through `targets` exactly as the pages call it.

- comparison: `compare.comparison(store, [indicator])` — the Compare page, one indicator across
  every plan (the indicator with the most targets), and across the four real plans;
- progress: `compare.comparison(store, plans=[plan])` — every indicator of one plan (the Progress page);
- the SQL under them: `store.comparison_targets`, `store.observations` (every source of a region, ranked);
- the Targets and Overview pages' reads: `store.quantities(...)`, `store.count_by`, `store.plans`, `store.documents`;
- export: `compare.comparison(store)` — everything (the Export page), fewer runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench import largedb
from bench.common import Context, Result, Row, check, ms, profile, repeat

GOAL_MS = 100.0
SEED_PLANS = ["chengdu_2022", "wenjiang_2023", "chengdu_2025", "chongqing_2027"]


def cases(store: Any) -> list[tuple[str, Callable[[], Any], float | None, bool]]:
    """(case, call, goal in ms or None, heavy) for every query measured."""
    from targets import compare

    top = store.query(
        "SELECT indicator_id, count(*) AS n FROM quantities WHERE kind = 'target' AND indicator_id IS NOT NULL "
        "GROUP BY ALL ORDER BY n DESC, indicator_id LIMIT 1"
    ).iloc[0]["indicator_id"]
    plan = store.query(
        "SELECT plan_id, count(*) AS n FROM quantities WHERE indicator_id IS NOT NULL GROUP BY ALL "
        "ORDER BY n DESC, plan_id LIMIT 1"
    ).iloc[0]["plan_id"]
    region = store.plan(plan).region_id
    return [
        (f"comparison: one indicator ({top}), every plan", lambda: compare.comparison(store, [top]), GOAL_MS, False),
        (
            f"comparison: one indicator ({top}), the 4 real plans",
            lambda: compare.comparison(store, [top], SEED_PLANS),
            GOAL_MS,
            False,
        ),
        (
            f"progress: every indicator of one plan ({plan})",
            lambda: compare.comparison(store, None, [plan]),
            GOAL_MS,
            False,
        ),
        ("  store.comparison_targets(one indicator)", lambda: store.comparison_targets([top]), None, False),
        ("  store.observations(one indicator)", lambda: store.observations(None, [top]), None, False),
        ("  store.observations(one region)", lambda: store.observations([region]), None, False),
        (
            "  store.observations(one region, one indicator)",
            lambda: store.observations([region], [top]),
            None,
            False,
        ),
        ("quantities: all (Targets page, no filter)", lambda: store.quantities(), None, False),
        ("quantities: one plan", lambda: store.quantities(plans=[plan]), None, False),
        ("quantities: search 保障性租赁住房", lambda: store.quantities(search="保障性租赁住房"), None, False),
        ("count_by(category) (Overview)", lambda: store.count_by("category"), None, False),
        ("plans() (every page)", store.plans, None, False),
        ("documents() (Overview)", store.documents, None, False),
        ("export: comparison of everything", lambda: compare.comparison(store), None, True),
    ]


def run(ctx: Context) -> Result:
    """The query benchmark on the large database, opened read-only as the dashboard would read it."""
    from targets.store import Store

    result = Result("queries", "dashboard queries on the large database (100k targets, 1M actuals), in ms")
    path = largedb.large_db(ctx)
    result.notes.append(f"database: {largedb.summary(path)}")
    with Store(path, read_only=True) as store:
        for case, call, goal, heavy in cases(store):
            # the heavy case (seconds a call) is run twice, without a warm-up: the cases before warmed DuckDB
            runs = min(2, ctx.sizes.query_runs) if heavy else ctx.sizes.query_runs
            samples, out = repeat(call, runs, warmup=0 if heavy else 1)
            row = Row(case, "ms", ms(samples), note=f"{len(out):,} rows")
            if goal is not None:
                row.goal, row.ok = f"< {goal:g} ms", check(row.median, goal)
                if not row.ok and ctx.profile:
                    text = profile(call)
                    if text:
                        result.profiles[case] = text
            result.add(row)
            result.notes.append(f"{case.strip()}: {len(out):,} rows")
    return result
