"""Upload of actuals: validate and commit 100k rows (CSV and XLSX) through `targets.actuals`.

The rows are generated deterministically against the large database (100 plans, the whole
catalog): every row a distinct (plan, indicator, year) inside the plan's window, so all of them are
accepted; units as a planner writes them (亿元 beside 元, 万人 beside 个, 亩 beside 公顷). Cases:
- validate (CSV, once): `actuals.validate(store, bytes)` — read, check every row, nothing written (what the
  Actuals page shows before the planner confirms);
- import: `actuals.import_actuals(store, bytes)` — validate again and write one batch in one
  transaction, into a fresh copy of the large database (1M actuals already there) each run.
"""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import pandas as pd

from bench import largedb
from bench.common import Context, Result, Row, check, profile
from targets.audit import Actor

GOAL_S = 5.0
RNG_SEED = 11
#: how each canonical unit may be written; the first is `actuals.unit_label`'s
WRITTEN = {"CNY": ("元", "万元", "亿元"), "count": ("个", "万人"), "hectare": ("公顷", "亩"), "t": ("吨", "万吨")}


def rows(store_path: Path, n: int) -> pd.DataFrame:
    """`n` valid upload rows (the template's columns) for the plans in the database at `store_path`."""
    from targets import actuals
    from targets.catalog import load_catalog
    from targets.store import Store

    rng = random.Random(RNG_SEED)
    with Store(store_path, read_only=True) as store:
        windows = actuals.plan_windows(store)
    indicators = sorted(load_catalog().indicators.values(), key=lambda i: i.id)
    keys = [
        (plan.plan_id, ind, year)
        for plan in sorted(windows.values(), key=lambda p: p.plan_id)
        if plan.first and plan.last
        for ind in indicators
        for year in range(plan.first, plan.last + 1)
    ]
    if len(keys) < n:
        raise ValueError(f"only {len(keys):,} distinct (plan, indicator, year) keys for {n:,} rows")
    chosen = rng.sample(keys, n)
    units = [rng.choice(WRITTEN.get(ind.norm_unit, (actuals.unit_label(ind.norm_unit),))) for _, ind, _ in chosen]
    return pd.DataFrame(
        {
            "plan": [p for p, _, _ in chosen],
            "indicator_id": [ind.id for _, ind, _ in chosen],
            "period": [y for _, _, y in chosen],
            "value": [round(rng.lognormvariate(3, 2), 2) for _ in chosen],
            "unit": units,
            "source": "统计公报",
        }
    )


def as_csv(frame: pd.DataFrame) -> bytes:
    """The rows as the template's CSV (UTF-8 with BOM, bilingual headers)."""
    from targets.actuals import header

    shown = frame.copy()
    shown.columns = [header(c) for c in frame.columns]
    return shown.to_csv(index=False).encode("utf-8-sig")


def as_xlsx(frame: pd.DataFrame) -> bytes:
    """The rows as the template's workbook (sheet 实际值), written by openpyxl's streaming writer."""
    import openpyxl

    from targets.actuals import header

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("实际值")
    sheet.append([header(c) for c in frame.columns])
    for record in frame.itertuples(index=False):
        sheet.append(list(record))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(ctx: Context) -> Result:
    """The upload benchmark: validate once, import into a fresh copy of the large database each run."""
    from targets import actuals
    from targets.store import Store

    result = Result("upload", f"upload of {ctx.sizes.upload_rows:,} actual rows: validate, and validate + commit (s)")
    large = largedb.large_db(ctx)
    frame = rows(large, ctx.sizes.upload_rows)
    files = {"csv": as_csv(frame), "xlsx": as_xlsx(frame)}
    for fmt, data in files.items():
        result.notes.append(f"{fmt}: {len(data) / 1e6:.1f} MB, {len(frame):,} rows")
    copy = ctx.path("upload.duckdb")
    for fmt, data in files.items():
        name = f"actuals_bench.{fmt}"
        largedb.copy_db(large, copy)
        if fmt == "csv":  # once, for the split between checking and writing: every import validates again
            with Store(copy) as store:
                t0 = time.perf_counter()
                report = actuals.validate(store, data, name)
                result.add(Row(f"{fmt}: validate (read + check every row)", "s", [time.perf_counter() - t0]))
            if not report.valid or report.stats.get("accepted") != len(frame):
                raise RuntimeError(f"{fmt}: generated rows were not all accepted: {report.summary()}")
        import_samples = []
        # XLSX twice: it takes three times the goal, and openpyxl's parsing is most of it (see the profile)
        for _ in range(ctx.sizes.upload_runs if fmt == "csv" else max(1, ctx.sizes.upload_runs - 1)):
            largedb.copy_db(large, copy)
            with Store(copy) as store:
                t0 = time.perf_counter()
                imported = actuals.import_actuals(store, data, file_name=name, by=Actor("bench", "cli:bench"))
                import_samples.append(time.perf_counter() - t0)
                if imported.batch.rows != len(frame):
                    raise RuntimeError(f"{fmt}: {imported.batch.rows} rows written of {len(frame)}")
        row = result.add(
            Row(
                f"{fmt}: import (validate + commit one batch)",
                "s",
                import_samples,
                goal=f"< {GOAL_S:g} s",
                ok=check(sorted(import_samples)[len(import_samples) // 2], GOAL_S),
            )
        )
        result.notes.append(f"{fmt}: {len(frame) / row.median:,.0f} rows/s imported (median)")
        if not row.ok and ctx.profile:  # a tenth of the rows: the same per-row work, a tenth of the wait
            part = (as_csv if fmt == "csv" else as_xlsx)(frame.head(max(1, len(frame) // 10)))
            largedb.copy_db(large, copy)
            with Store(copy) as store:
                text = profile(
                    lambda store=store, part=part, name=name: actuals.import_actuals(store, part, file_name=name)
                )
            if text:
                result.profiles[row.case + ", a tenth of the rows"] = text
    for suffix in ("", ".wal"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return result
