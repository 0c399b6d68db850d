"""Large databases of the current schema, generated deterministically from the seeds: any number of quantities
(targets, reported actuals and baselines) with ten uploaded actuals per quantity.

The seed database (the real build) gives the rows. A generated database of N quantities has the seed's
plans, documents and quantities and then generated ones: each generated document copies a seed document
(its metadata, text and quantities, values scaled by a deterministic factor per row), five documents a plan,
plans of five- and ten-year windows spread over regions (three plans a region, as a nation's counties,
cities and provinces each have an annual report and a five-year plan), and a tenth of the generated
documents statistical communiqués (统计公报: every figure an observation of its region). Its actuals
are 10 × N uploaded rows in 5,000-row batches (5% withdrawn), each batch one plan's region, over every
catalog indicator and the plan's years, so "latest active upload wins" has real history to rank and
observations come from uploads, communiqués, reviews and baselines alike.

Everything after the seed rows is written by DuckDB SQL (`range`, `hash`), so 10M actuals never sit in a
pandas frame: the 1M database (10M actuals) is made in a few minutes in bounded memory. Made once per
(version, size, seed rows) in the cache directory; `seed_db` is rebuilt on every run, so it follows the
extractor.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bench.common import Context

VERSION = 4
RNG_SEED = 7
#: uploaded actuals per quantity (the issue's "actuals = 10× targets")
ACTUALS_PER_QUANTITY = 10
ROWS_PER_BATCH = 5_000
#: DuckDB's memory while generating (the largest database's insert-in-order of its actuals)
GENERATOR_MEMORY = "4GB"
DOCS_PER_PLAN = 5
PLANS_PER_REGION = 3
#: every COMMUNIQUE_EVERY-th generated document is a statistical communiqué
COMMUNIQUE_EVERY = 10
#: (region_id, name) of the first generated plans' regions: the seed's two cities and eight more
REGIONS = (
    ("510100", "成都市"),
    ("500000", "重庆市"),
    ("510700", "绵阳市"),
    ("510600", "德阳市"),
    ("511500", "宜宾市"),
    ("510500", "泸州市"),
    ("511300", "南充市"),
    ("511700", "达州市"),
    ("511100", "乐山市"),
    ("510300", "自贡市"),
)


def seed_db(ctx: Context) -> Path:
    """A database built from data/sources by the real build, fresh for this run."""
    from etl.build import build

    path = ctx.path("seed.duckdb")
    if not ctx.seed_built:
        _remove(path)
        build(path)
        ctx.seed_built = True
    return path


def _remove(path: Path) -> None:
    """A database file gone on purpose: with its WAL and its `.created` marker (targets.store refuses to
    build a new file in place of one that existed while the marker is there)."""
    from targets.store import created_marker

    for suffix in ("", ".wal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    created_marker(path).unlink(missing_ok=True)


def copy_db(source: Path, target: Path) -> Path:
    """A copy of a database file (for benchmarks that write)."""
    _remove(target)
    shutil.copyfile(source, target)
    return target


def label(n_quantities: int) -> str:
    """How a size reads in tables: 10k, 100k, 1M quantities."""
    if n_quantities >= 1_000_000 and n_quantities % 1_000_000 == 0:
        return f"{n_quantities // 1_000_000}M"
    if n_quantities >= 1000 and n_quantities % 1000 == 0:
        return f"{n_quantities // 1000}k"
    return f"{n_quantities:,}"


def large_db(ctx: Context, n_quantities: int | None = None) -> Path:
    """The generated database of `n_quantities` (default ctx.sizes.targets) quantities and 10× as many
    uploaded actuals; made when missing or when the seed rows changed, kept beside databases of other sizes."""
    from targets.store import Store

    n = n_quantities or ctx.sizes.targets
    seed = seed_db(ctx)
    with Store(seed, read_only=True) as store:
        quantities = store.query("SELECT * FROM quantities ORDER BY doc_id, char_start, target_id")
    digest = hashlib.sha256(
        pd.util.hash_pandas_object(quantities.drop(columns=["rules"]), index=False).values.tobytes()
    ).hexdigest()[:10]
    path = ctx.path(f"large-{VERSION}-{n}-{digest}.duckdb")
    if path.exists():
        return path
    for old in ctx.cache_dir.glob(f"large-*-{n}-*.duckdb*"):  # an older version or seed of this size
        old.unlink()
    tmp = ctx.path(f"large-{VERSION}-{n}-{digest}.tmp.duckdb")
    _remove(tmp)
    generate(seed, tmp, n, n * ACTUALS_PER_QUANTITY)
    tmp.replace(path)
    return path


def _layout(
    seed_docs: pd.DataFrame, seed_counts: dict[str, int], n_quantities: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The generated regions, plans and documents (small frames, drawn with a seeded RNG)."""
    rng = np.random.default_rng(RNG_SEED)
    need = n_quantities - sum(seed_counts.values())
    picks: list[int] = []
    total = 0
    doc_ids = list(seed_docs["doc_id"])
    while total < need:  # documents until their seed rows reach the size
        pick = int(rng.integers(0, len(doc_ids)))
        if seed_counts.get(doc_ids[pick], 0):
            picks.append(pick)
            total += seed_counts[doc_ids[pick]]
    n_docs = len(picks)
    n_plans = max(1, -(-n_docs // DOCS_PER_PLAN))
    n_regions = max(len(REGIONS), -(-n_plans // PLANS_PER_REGION))
    regions = pd.DataFrame(
        [*REGIONS, *((f"9{i:05d}", f"生成地区{i:05d}") for i in range(n_regions - len(REGIONS)))],
        columns=["region_id", "name_zh"],
    )
    levels = rng.choice(["county", "district", "city"], n_regions - len(REGIONS))
    regions["level"] = ["city"] * len(REGIONS) + list(levels)
    plans = pd.DataFrame(
        {
            "plan_id": [f"gen_{i:05d}" for i in range(n_plans)],
            "name_zh": [f"生成规划{i:05d}" for i in range(n_plans)],
            "name_en": [f"Generated plan {i:05d}" for i in range(n_plans)],
            "region_id": regions["region_id"].to_numpy()[rng.integers(0, n_regions, n_plans)],
            "plan_type": rng.choice(["five_year_plan", "action_plan", "government_work_report"], n_plans),
            "start_year": rng.choice([2016, 2021, 2023, 2026], n_plans).astype("int32"),
        }
    )
    plans["end_year"] = (plans["start_year"] + rng.choice([4, 9], n_plans)).astype("int32")
    plans["source"] = "manifest"  # as the real plans: the UI labels manifest and upload
    docs = pd.DataFrame(
        {
            "doc_no": np.arange(n_docs),
            "seed_doc": [doc_ids[p] for p in picks],
            "plan_id": plans["plan_id"].to_numpy()[np.arange(n_docs) // DOCS_PER_PLAN],
        }
    )
    docs["doc_id"] = [f"gen{i:06d}_{d}" for i, d in zip(docs["doc_no"], docs["seed_doc"], strict=True)]
    docs["communique"] = docs["doc_no"] % COMMUNIQUE_EVERY == COMMUNIQUE_EVERY - 1
    return regions, plans, docs


def generate(seed: Path, path: Path, n_quantities: int, n_actuals: int) -> None:
    """Write a database of `n_quantities` quantities and `n_actuals` uploaded actuals to `path` (new)."""
    from targets.catalog import load_catalog
    from targets.origins import COMMUNIQUE
    from targets.store import QUANTITY_COLUMNS, Store

    with Store(seed, read_only=True) as store:
        seed_docs = store.query("SELECT * FROM documents ORDER BY doc_id")
        seed_regions = store.query("SELECT region_id, name_zh, level FROM regions ORDER BY region_id")
        counts = dict(store.query("SELECT doc_id, count(*) AS n FROM quantities GROUP BY ALL").itertuples(index=False))
    regions, plans, docs = _layout(seed_docs, counts, n_quantities)
    regions = regions[~regions["region_id"].isin(seed_regions["region_id"])]
    catalog = load_catalog()
    indicators = pd.DataFrame(
        [(i, ind.id, ind.norm_unit) for i, ind in enumerate(catalog.indicators.values())],
        columns=["k", "indicator_id", "norm_unit"],
    )
    plan_columns = ", ".join(plans.columns)
    doc_columns = [c for c in seed_docs.columns if c not in ("doc_id", "plan_id", "plan_type")]
    generated = {  # the generated quantity columns; the rest are the seed row's
        "target_id": "'g' || lpad(d.doc_no::VARCHAR, 6, '0') || lpad(s.k::VARCHAR, 5, '0')",
        "doc_id": "d.doc_id",
        "plan_id": "d.plan_id",
        "target_year": "CASE WHEN s.kind = 'target' AND NOT d.communique THEN p.end_year ELSE p.start_year - 1 END",
        "period_start": "CASE WHEN s.period_start IS NOT NULL THEN p.start_year END",
        **{c: f"s.{c} * f.factor" for c in ("value", "value_low", "value_high", "norm_value", "norm_low", "norm_high")},
    }
    select = ", ".join(generated.get(c, f"s.{c}") for c in QUANTITY_COLUMNS)
    n_batches = max(1, -(-n_actuals // ROWS_PER_BATCH))
    with Store(path) as out, out.transaction() as cur:
        # the app's memory limit (targets.store.DUCKDB_MEMORY) is for serving; one transaction writing 10M rows
        # in order needs more, and the generator is not the app
        cur.execute(f"SET memory_limit = '{GENERATOR_MEMORY}'")
        out.replace_catalog(cur, catalog)
        frames = {"regions_df": regions, "plans_df": plans, "docs_df": docs, "indicators_df": indicators}
        for name, frame in frames.items():
            cur.register(name, frame)
        cur.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")  # a path this module made, not input
        cur.execute("INSERT INTO regions SELECT * FROM seed.regions")
        cur.execute("INSERT INTO regions (region_id, name_zh, level) SELECT region_id, name_zh, level FROM regions_df")
        cur.execute("INSERT INTO plans SELECT * FROM seed.plans")
        cur.execute(f"INSERT INTO plans ({plan_columns}) SELECT {plan_columns} FROM plans_df")
        cur.execute("INSERT INTO documents SELECT * FROM seed.documents")
        cur.execute(
            f"""INSERT INTO documents (doc_id, plan_id, plan_type, {", ".join(doc_columns)})
                SELECT d.doc_id, d.plan_id, CASE WHEN d.communique THEN ? ELSE s.plan_type END,
                       {", ".join(f"s.{c}" for c in doc_columns)}
                FROM docs_df d JOIN seed.documents s ON s.doc_id = d.seed_doc ORDER BY d.doc_no""",
            [COMMUNIQUE],
        )
        cur.execute("INSERT INTO quantities SELECT * FROM seed.quantities")
        cur.execute(
            f"""INSERT INTO quantities ({", ".join(QUANTITY_COLUMNS)})
                SELECT {select}
                FROM docs_df d
                JOIN (SELECT *, row_number() OVER (PARTITION BY doc_id ORDER BY char_start, target_id) AS k
                      FROM seed.quantities) s ON s.doc_id = d.seed_doc
                JOIN plans p ON p.plan_id = d.plan_id,
                LATERAL (SELECT round(0.5 + (hash(d.doc_no, s.k) % 10001) / 10000.0, 2) AS factor) f
                ORDER BY d.doc_no, s.k
                LIMIT ?""",
            [n_quantities - sum(counts.values())],
        )
        _actuals(cur, n_actuals, n_batches)
        cur.execute("DETACH seed")


def _actuals(cur: Any, n_actuals: int, n_batches: int) -> None:
    """Batches and their actuals, by SQL: each batch one plan's region (hash-drawn), uniform indicators and
    the plan's years, lognormal values (Box–Muller over two hashes), an hour between uploads."""
    cur.execute(
        """
        CREATE TEMP TABLE bench_batches AS
        WITH numbered AS (SELECT row_number() OVER (ORDER BY plan_id) - 1 AS i, * FROM plans)
        SELECT b AS batch_no, 'bench-' || lpad(b::VARCHAR, 6, '0') AS batch_id, p.plan_id, p.region_id,
               p.start_year, p.end_year - p.start_year + 2 AS span,
               TIMESTAMP '2026-01-01' + to_hours(b) AS uploaded_at,
               CASE WHEN hash(b, 'withdrawn') % 100 < 5 THEN 'withdrawn' ELSE 'active' END AS status
        FROM range(?) t(b) JOIN numbered p ON p.i = hash(b, 'plan') % (SELECT count(*) FROM plans)
        """,
        [n_batches],
    )
    cur.execute(
        """
        INSERT INTO batches (batch_id, file_name, sha256, rows, uploaded_at, uploaded_by, status)
        SELECT batch_id, 'actuals_' || lpad(batch_no::VARCHAR, 6, '0') || '.csv', sha256(batch_id),
               least(?, ? - batch_no * ?), uploaded_at, 'bench', status
        FROM bench_batches ORDER BY batch_no
        """,
        [ROWS_PER_BATCH, n_actuals, ROWS_PER_BATCH],
    )
    cur.execute(
        """
        INSERT INTO actuals (actual_id, batch_id, row_no, plan_id, indicator_id, target_id, period, value, unit_raw,
                             norm_value, norm_unit, source, note, uploaded_at, region_id)
        SELECT 'a' || lpad(i::VARCHAR, 9, '0'), b.batch_id, (i % ?) + 2, b.plan_id, ind.indicator_id, NULL,
               b.start_year - 1 + hash(i, 'year') % b.span, v.value, ind.norm_unit, v.value, ind.norm_unit,
               'bench', NULL, b.uploaded_at, b.region_id
        FROM range(?) t(i)
        JOIN bench_batches b ON b.batch_no = i // ?
        JOIN indicators_df ind ON ind.k = hash(i, 'indicator') % (SELECT count(*) FROM indicators_df),
        LATERAL (SELECT round(exp(3 + 2 * sqrt(-2 * ln((hash(i, 'u1') % 1000000 + 1) / 1000001.0))
                                  * cos(2 * pi() * (hash(i, 'u2') % 1000000) / 1000000.0)), 2) AS value) v
        ORDER BY i
        """,
        [ROWS_PER_BATCH, n_actuals, ROWS_PER_BATCH],
    )
    cur.execute("DROP TABLE bench_batches")


def summary(path: Path) -> str:
    """What a database holds and its size on disk, for the notes under a table."""
    from targets.store import Store

    with Store(path, read_only=True) as store:
        counts = {t: store.total(t) for t in ("regions", "plans", "documents", "quantities", "actuals", "batches")}
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return ", ".join(f"{v:,} {k}" for k, v in counts.items()) + f"; {size / 1e6:.0f} MB on disk"
