"""The large database: 100k quantities and 1M uploaded actuals, generated deterministically from the seeds.

The seed database (the real build) gives the rows; the large one has 100 plans (the 4 real ones
and 96 generated, five- and ten-year windows, in ten regions), about 200 targets per document as in the seeds,
each generated document a copy of a seed document's rows with values scaled by a seeded RNG, and
1M actuals in 5,000-row batches (5% withdrawn), each batch one plan's region, over every catalog
indicator and every plan's years,
so "latest active upload wins" has real history to rank. Made once per (sizes, seed rows, version)
in the cache directory; `seed_db` is rebuilt on every run, so it follows the extractor.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from bench.common import Context

VERSION = 3
RNG_SEED = 7
TARGETS_PER_DOC = 200
ROWS_PER_BATCH = 5_000
#: (region_id, name) of the generated plans' regions: the seed's two cities and eight more
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
    for suffix in ("", ".wal", ".created"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_db(source: Path, target: Path) -> Path:
    """A copy of a database file (for benchmarks that write)."""
    _remove(target)
    shutil.copyfile(source, target)
    return target


def large_db(ctx: Context) -> Path:
    """The large database for ctx's sizes (made when missing or when the seed rows changed)."""
    from targets.store import Store

    seed = seed_db(ctx)
    with Store(seed, read_only=True) as store:
        targets = store.query("SELECT * FROM quantities ORDER BY doc_id, char_start, target_id")
        documents = store.query("SELECT * FROM documents ORDER BY doc_id")
        plans = store.query("SELECT * FROM plans ORDER BY plan_id")
        regions = store.query("SELECT * FROM regions ORDER BY region_id")
    digest = hashlib.sha256(pd.util.hash_pandas_object(targets.drop(columns=["rules"]), index=False).values.tobytes())
    key = f"{VERSION}-{ctx.sizes.targets}-{ctx.sizes.actuals}-{digest.hexdigest()[:10]}"
    path = ctx.path(f"large-{key}.duckdb")
    if path.exists():
        return path
    for old in ctx.cache_dir.glob("large-*.duckdb*"):
        old.unlink()
    tmp = ctx.path(f"large-{key}.tmp.duckdb")
    _remove(tmp)
    _generate(tmp, targets, documents, plans, regions, ctx.sizes.targets, ctx.sizes.actuals)
    tmp.replace(path)
    return path


def _generate(
    path: Path,
    seed_targets: pd.DataFrame,
    seed_docs: pd.DataFrame,
    seed_plans: pd.DataFrame,
    seed_regions: pd.DataFrame,
    n_targets: int,
    n_actuals: int,
) -> None:
    from targets.catalog import load_catalog
    from targets.store import QUANTITY_COLUMNS, Store

    rng = np.random.default_rng(RNG_SEED)
    catalog = load_catalog()
    n_docs = max(len(seed_docs) + 1, n_targets // TARGETS_PER_DOC)
    n_plans = max(len(seed_plans) + 1, n_docs // 5)

    # Frames are named new_*: DuckDB reads a local DataFrame by name, but a table of that name wins.
    # plans: the real ones, then generated five- and ten-year plans
    gen_plans = pd.DataFrame(
        {
            "plan_id": [f"gen_{i:03d}" for i in range(n_plans - len(seed_plans))],
            "name_zh": [f"生成规划{i:03d}" for i in range(n_plans - len(seed_plans))],
            "name_en": [f"Generated plan {i:03d}" for i in range(n_plans - len(seed_plans))],
        }
    )
    k = len(gen_plans)
    gen_plans["region_id"] = rng.choice([r for r, _ in REGIONS], k)
    extra = [(r, n) for r, n in REGIONS if r not in set(seed_regions["region_id"])]
    all_regions = pd.concat(  # noqa: F841 (read by DuckDB by name)
        [
            seed_regions[["region_id", "name_zh", "level"]],
            pd.DataFrame({"region_id": [r for r, _ in extra], "name_zh": [n for _, n in extra], "level": "city"}),
        ],
        ignore_index=True,
    )
    gen_plans["plan_type"] = rng.choice(["five_year_plan", "action_plan", "government_work_report"], k)
    gen_plans["start_year"] = rng.choice([2016, 2021, 2023, 2026], k).astype("int32")
    gen_plans["end_year"] = (gen_plans["start_year"] + rng.choice([4, 9], k)).astype("int32")
    gen_plans["source"] = "manifest"  # as the real plans: the UI labels manifest and upload
    all_plans = pd.concat([seed_plans[gen_plans.columns], gen_plans], ignore_index=True)

    # documents: each generated one copies a seed document (its metadata and text) into a generated plan
    pick = rng.integers(0, len(seed_docs), n_docs - len(seed_docs))
    gen_docs = seed_docs.iloc[pick].reset_index(drop=True)
    gen_docs["doc_id"] = [f"gen{i:05d}_{d}" for i, d in enumerate(gen_docs["doc_id"])]
    gen_docs["plan_id"] = gen_plans["plan_id"].to_numpy()[np.arange(len(gen_docs)) % k]
    docs = pd.concat([seed_docs, gen_docs], ignore_index=True)

    # targets: the seed rows of each generated document's seed, values scaled, until n_targets
    by_doc = {d: g for d, g in seed_targets.groupby("doc_id")}
    windows = all_plans.set_index("plan_id")[["start_year", "end_year"]]
    frames, total = [seed_targets], len(seed_targets)
    i = 0
    while total < n_targets:
        doc = gen_docs.iloc[i % len(gen_docs)]
        seed_doc = doc["doc_id"].split("_", 1)[1]
        rows = by_doc.get(seed_doc)
        i += 1
        if rows is None or rows.empty:
            continue
        rows = rows.head(n_targets - total).copy()
        factor = rng.uniform(0.5, 1.5, len(rows)).round(2)
        for column in ("value", "value_low", "value_high", "norm_value", "norm_low", "norm_high"):
            rows[column] = rows[column] * factor
        start, end = windows.loc[doc["plan_id"]]
        rows["target_year"] = np.where(rows["kind"] == "target", end, start - 1).astype("int32")
        rows["period_start"] = np.where(rows["period_start"].notna(), start, np.nan)
        rows["doc_id"] = doc["doc_id"]
        rows["plan_id"] = doc["plan_id"]
        rows["target_id"] = [f"g{i:05d}{j:05d}" for j in range(len(rows))]
        frames.append(rows)
        total += len(rows)
    new_targets = pd.concat(frames, ignore_index=True)[list(QUANTITY_COLUMNS)].head(n_targets)  # noqa: F841

    # actuals: batches of ROWS_PER_BATCH rows, each batch one plan, random indicators and years
    indicators = list(catalog.indicators.values())
    n_batches = max(1, -(-n_actuals // ROWS_PER_BATCH))
    batch_of_row = np.arange(n_actuals) // ROWS_PER_BATCH
    batch_plan = rng.integers(0, len(all_plans), n_batches)
    plan_row = batch_plan[batch_of_row]
    starts = all_plans["start_year"].to_numpy()[plan_row]
    spans = (all_plans["end_year"] - all_plans["start_year"]).to_numpy()[plan_row] + 2
    periods = starts - 1 + (rng.random(n_actuals) * spans).astype(int)
    ind_row = rng.integers(0, len(indicators), n_actuals)
    base = datetime(2026, 1, 1)
    batch_ids = np.array([f"bench-{b:05d}" for b in range(n_batches)])
    uploaded = np.array([base + timedelta(hours=int(b)) for b in range(n_batches)], dtype="datetime64[us]")
    new_actuals = pd.DataFrame(
        {
            "actual_id": [f"a{i:08d}" for i in range(n_actuals)],
            "batch_id": batch_ids[batch_of_row],
            "row_no": (np.arange(n_actuals) % ROWS_PER_BATCH + 2).astype("int32"),
            "plan_id": all_plans["plan_id"].to_numpy()[plan_row],
            "region_id": all_plans["region_id"].to_numpy()[plan_row],
            "indicator_id": np.array([ind.id for ind in indicators])[ind_row],
            "target_id": pd.Series([None] * n_actuals, dtype="object"),
            "period": periods.astype("int32"),
            "value": rng.lognormal(3, 2, n_actuals).round(2),
            "unit_raw": np.array([ind.norm_unit for ind in indicators])[ind_row],
            "norm_unit": np.array([ind.norm_unit for ind in indicators])[ind_row],
            "source": "bench",
            "note": None,
            "uploaded_at": uploaded[batch_of_row],
        }
    )
    new_actuals["norm_value"] = new_actuals["value"]
    new_batches = pd.DataFrame(
        {
            "batch_id": batch_ids,
            "file_name": [f"actuals_{b:05d}.csv" for b in range(n_batches)],
            "sha256": [hashlib.sha256(str(b).encode()).hexdigest() for b in range(n_batches)],
            "rows": np.bincount(batch_of_row, minlength=n_batches).astype("int32"),
            "uploaded_at": uploaded,
            "uploaded_by": "bench",
            "status": np.where(rng.random(n_batches) < 0.05, "withdrawn", "active"),
        }
    )
    actual_columns = ", ".join(new_actuals.columns)
    batch_columns = ", ".join(new_batches.columns)
    target_columns = ", ".join(QUANTITY_COLUMNS)
    plan_columns = ", ".join(all_plans.columns)
    doc_columns = ", ".join(docs.columns)
    with Store(path) as store, store.transaction() as cur:
        store.replace_catalog(cur, catalog)
        cur.execute("INSERT INTO regions (region_id, name_zh, level) SELECT region_id, name_zh, level FROM all_regions")
        cur.execute(f"INSERT INTO plans ({plan_columns}) SELECT {plan_columns} FROM all_plans")
        cur.execute(f"INSERT INTO documents ({doc_columns}) SELECT {doc_columns} FROM docs")
        cur.execute(f"INSERT INTO quantities ({target_columns}) SELECT {target_columns} FROM new_targets")
        cur.execute(f"INSERT INTO batches ({batch_columns}) SELECT {batch_columns} FROM new_batches")
        cur.execute(f"INSERT INTO actuals ({actual_columns}) SELECT {actual_columns} FROM new_actuals")


def summary(path: Path) -> str:
    """What a database holds and its size on disk, for the notes under a table."""
    from targets.store import Store

    with Store(path, read_only=True) as store:
        counts = {t: store.total(t) for t in ("regions", "plans", "documents", "quantities", "actuals", "batches")}
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return ", ".join(f"{v:,} {k}" for k, v in counts.items()) + f"; {size / 1e6:.0f} MB on disk"
