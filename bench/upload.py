"""Upload of actuals: validate and commit 100k rows (CSV and XLSX) through `targets.actuals`.

The rows are generated deterministically against the large database (100 plans, the whole
catalog): every row a distinct (plan, indicator, year) inside the plan's window, so all of them are
accepted; units as a planner writes them (亿元 beside 元, 万人 beside 个, 亩 beside 公顷). Cases:
- validate (CSV, once): `actuals.validate(store, bytes)` — read, check every row, nothing written (what the
  Actuals page shows before the planner confirms);
- import: `actuals.import_actuals(store, bytes)` — validate again and write one batch in one
  transaction, into a fresh copy of the large database (1M actuals already there) each run;
- XLSX before and now: reading the sheet (`files.xlsx_rows`) and validating it with python-calamine (now)
  and with openpyxl reading every sheet (before issue 16), and whether the two reports are identical.
"""

from __future__ import annotations

import io
import random
import time
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

import pandas as pd

from bench import largedb
from bench.common import Context, Result, Row, check, profile
from targets.audit import Actor

if TYPE_CHECKING:
    from targets.actuals.report import Report
    from targets.store import Store

GOAL_S = 5.0
RNG_SEED = 11
#: the values drawn for units whose plausible range is narrow (a share, a rate, a change in points)
PLAUSIBLE_SPANS = {"percent": (0.0, 100.0), "permille": (0.0, 1000.0), "percentage_point": (-5.0, 5.0)}
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
    # one row per (region, indicator, year): two plans of one region name the same actual
    distinct = {
        (plan.region_id or plan.plan_id, ind.id, year): (plan.plan_id, ind, year)
        for plan in sorted(windows.values(), key=lambda p: p.plan_id, reverse=True)
        if plan.first and plan.last
        for ind in indicators
        for year in range(plan.first, plan.last + 1)
    }
    keys = [distinct[k] for k in sorted(distinct)]
    if len(keys) < n:
        raise ValueError(f"only {len(keys):,} distinct (plan, indicator, year) keys for {n:,} rows")
    chosen = rng.sample(keys, n)
    units = [rng.choice(WRITTEN.get(ind.norm_unit, (actuals.unit_label(ind.norm_unit),))) for _, ind, _ in chosen]
    return pd.DataFrame(
        {
            "plan": [p for p, _, _ in chosen],
            "indicator_id": [ind.id for _, ind, _ in chosen],
            "period": [y for _, _, y in chosen],
            "value": [_value(rng, ind.norm_unit) for _, ind, _ in chosen],
            "unit": units,
            "source": "统计公报",
        }
    )


#: regions (each with one plan, 2015–2035) added to the large database for the upload: its ten regions hold
#: fewer distinct (region, indicator, year) keys than 100k rows need, and a key may be uploaded once
UPLOAD_REGIONS = 40


def upload_base(ctx: Context, large: Path) -> Path:
    """A copy of the large database with UPLOAD_REGIONS more regions, each with one plan (made once)."""
    from targets.store import Store

    path = ctx.path(f"upload-base-{large.stem}.duckdb")
    if path.exists():
        return path
    tmp = largedb.copy_db(large, ctx.path("upload-base.tmp.duckdb"))
    with Store(tmp) as store, store.transaction() as cur:
        for i in range(UPLOAD_REGIONS):
            region = f"99{i:04d}"
            cur.execute(
                "INSERT INTO regions (region_id, name_zh, level) VALUES (?, ?, 'city')", [region, f"上传测试{i}市"]
            )
            cur.execute(
                "INSERT INTO plans (plan_id, name_zh, name_en, region_id, plan_type, start_year, end_year) "
                "VALUES (?, ?, ?, ?, 'five_year', 2016, 2035)",
                [f"upload_{i}", f"上传测试{i}市规划", f"Upload test plan {i}", region],
            )
    tmp.replace(path)
    return path


def _value(rng: random.Random, norm_unit: str) -> float:
    """A plausible value (targets.actuals.plausible): shares within 0–100%, levels spread over magnitudes
    and drawn again above their unit's bound (PM2.5 at most 1e4 ug/m3: the lognormal's tail passes it)."""
    from targets.actuals.plausible import plausible_range

    if norm_unit in PLAUSIBLE_SPANS:
        low, high = PLAUSIBLE_SPANS[norm_unit]
        return round(rng.uniform(low, high), 2)
    allowed = plausible_range(norm_unit, None)
    while not allowed.holds(value := round(rng.lognormvariate(3, 2), 2)):
        pass
    return value


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
    large = upload_base(ctx, largedb.large_db(ctx))
    frame = rows(large, ctx.sizes.upload_rows)
    files = {"csv": as_csv(frame), "xlsx": as_xlsx(frame)}
    for fmt, data in files.items():
        result.notes.append(f"{fmt}: {len(data) / 1e6:.1f} MB, {len(frame):,} rows")
    copy = ctx.path("upload.duckdb")
    for fmt, data in files.items():
        name = f"actuals_bench.{fmt}"
        largedb.copy_db(large, copy)
        # once, for the split between checking and writing: every import validates again
        with Store(copy) as store:
            t0 = time.perf_counter()
            report = actuals.validate(store, data, name)
            result.add(Row(f"{fmt}: validate (read + check every row)", "s", [time.perf_counter() - t0]))
            if fmt == "xlsx":
                xlsx_before_and_now(store, data, name, report, result)
        if not report.valid or report.stats.get("accepted") != len(frame):
            raise RuntimeError(f"{fmt}: generated rows were not all accepted: {report.summary()}")
        import_samples = []
        for _ in range(ctx.sizes.upload_runs):
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
    for suffix in ("", ".wal", ".created"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return result


def xlsx_before_and_now(store: Store, data: bytes, name: str, now: Report, result: Result) -> None:
    """Reading the sheet with python-calamine and with openpyxl, validating with openpyxl, and whether
    the reports of the two readers are the same (every problem, the rows with their values, the counts)."""
    from targets import actuals
    from targets.actuals import files

    t0 = time.perf_counter()
    calamine_rows = sum(1 for _ in files.xlsx_rows(data))
    t1 = time.perf_counter()
    openpyxl_rows = sum(1 for _ in files.openpyxl_rows(data, None))
    t2 = time.perf_counter()
    result.add(Row("xlsx: read the sheet, python-calamine (now)", "s", [t1 - t0], note=f"{calamine_rows:,} rows"))
    result.add(Row("xlsx: read the sheet, openpyxl (before)", "s", [t2 - t1], note=f"{openpyxl_rows:,} rows"))
    with mock.patch.object(files, "xlsx_plain", return_value=None):  # openpyxl reads every sheet, as before
        t0 = time.perf_counter()
        before = actuals.validate(store, data, name)
        result.add(Row("xlsx: validate, openpyxl reading (before)", "s", [time.perf_counter() - t0]))
    same = (
        [p.as_dict() for p in now.problems] == [p.as_dict() for p in before.problems]
        and now.stats == before.stats
        and now.rows.equals(before.rows)
        and list(now.rows.dtypes) == list(before.rows.dtypes)
    )
    result.add(
        Row(
            "xlsx: report of calamine = report of openpyxl",
            "rows",
            [float(now.stats.get("rows", 0))],
            goal="identical",
            ok=same,
            note=f"{len(now.problems)} problems each" if same else "DIFFERENT",
        )
    )
