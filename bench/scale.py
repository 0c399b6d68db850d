"""Scale: the app on a small and a large generated database (10k and 1M quantities, 10× as many uploaded
actuals; bench/largedb.py), what grows with the database and what should not.

- pages: every page's rerun server time (bench/pages.py) on both databases, in fresh interpreters,
  **interleaved** (small, large, small, large …) so that the load other work puts on the machine falls on
  both alike; per case the growth ratio large/small of the medians (goal ≤ 2×) and the large median (goal
  < 500 ms); the first visit after a start (the default page with empty caches, goal < 3 s) and every
  page's first visit;
- export: the comparison of everything on the large database written to a file by
  `targets.export.write_export`, CSV and XLSX, each in a fresh interpreter: seconds (goal < 10 s) and the
  memory it added (peak RSS during the export minus RSS before it; goal < 300 MB);
- memory: the app serving the large database with three sessions open (three AppTest sessions in one
  process, each through every page: the caches and the connection a server shares between its
  sessions), peak RSS (goal < 1 GB); the small database beside it.

`python -m bench scale` (`make bench-large`): about 10 minutes once the databases exist (making the 1M
database takes a few minutes the first time; it is cached); `python -m bench scale --only pages` the pages alone.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import largedb
from bench.common import ROOT, Context, Result, Row, check, ms
from bench.memory import peak_mb
from bench.pages import measure_in_child

PAGE_GOAL_MS = 500.0
GROWTH_GOAL = 2.0
FIRST_VISIT_GOAL_S = 3.0
EXPORT_GOAL_S = 10.0
EXPORT_MEMORY_GOAL_MB = 300.0
APP_MEMORY_GOAL_MB = 1000.0
SESSIONS = 3

#: three sessions of the app in one process, each through every page (argv: root, sessions)
_SESSIONS = """
import logging, sys
from pathlib import Path
from streamlit import logger
logger.set_log_level(logging.ERROR)
from streamlit.testing.v1 import AppTest
from bench.pages import reader_pages
root, n = Path(sys.argv[1]), int(sys.argv[2])
sessions = [AppTest.from_file(str(root / "app.py"), default_timeout=600) for _ in range(n)]
for at in sessions:
    at.run()
for page in reader_pages():
    for at in sessions:
        at.switch_page(page).run()
"""


#: the parts of the benchmark, in the order they run (`python -m bench scale --only pages` runs one)
PARTS = ("pages", "export", "memory")


def run(ctx: Context) -> Result:
    """Pages interleaved on both databases, the export of everything, the app's memory with three sessions
    (the parts named by `ctx.only`, else all)."""
    unknown = [p for p in ctx.only if p not in PARTS]
    if unknown:
        raise ValueError(f"unknown part(s) of the scale benchmark: {', '.join(unknown)} (parts: {', '.join(PARTS)})")
    parts = [p for p in PARTS if not ctx.only or p in ctx.only]
    result = Result("scale", "the app at 10k and 1M quantities (10× as many actuals): " + ", ".join(parts))
    small_n, large_n = ctx.sizes.scale_small, ctx.sizes.scale_large
    small, large = largedb.large_db(ctx, small_n), largedb.large_db(ctx, large_n)
    names = {small: largedb.label(small_n), large: largedb.label(large_n)}
    for db in (small, large):
        result.notes.append(f"{names[db]}: {largedb.summary(db)}")
    if "pages" in parts:
        _pages(ctx, result, small, large, names)
    if "export" in parts:
        _export(ctx, result, large, names[large])
    if "memory" in parts:
        _memory(result, small, large, names)
    return result


def _pages(ctx: Context, result: Result, small: Path, large: Path, names: dict[Path, str]) -> None:
    """Rounds of (small, large) children; samples of each case pooled per database across rounds."""
    pooled: dict[Path, dict[str, dict[str, Any]]] = {small: {}, large: {}}
    for _ in range(ctx.sizes.scale_rounds):
        for db in (small, large):
            measured, _rss = measure_in_child(db, ctx.sizes.scale_reruns, profile=False)
            for case, m in measured.items():
                into = pooled[db].setdefault(case, {"server": [], "first": [], "cold": [], "error": None})
                into["server"].extend(m["server"])
                (into["cold"] if m["cold"] else into["first"]).append(m["first"])
                into["error"] = into["error"] or m["error"]
    for case in pooled[small]:
        s, g = pooled[small][case], pooled[large].get(case)
        if g is None:
            continue
        s_med, g_med = statistics.median(ms(s["server"])), statistics.median(ms(g["server"]))
        ratio = g_med / s_med
        for db, m, median in ((small, s, s_med), (large, g, g_med)):
            row = Row(f"{names[db]}: {case} rerun (server)", "ms", ms(m["server"]))
            if db == large:
                row.goal = f"< {PAGE_GOAL_MS:g} ms, ≤ {GROWTH_GOAL:g}× {names[small]}"
                row.ok = check(median, PAGE_GOAL_MS) and ratio <= GROWTH_GOAL and not m["error"]
                row.note = f"growth {ratio:.2f}× ({names[small]} {s_med:.0f} ms)"
            if m["error"]:
                row.ok, row.note = False, f"page raised: {m['error']}"
            result.add(row)
            if m["cold"]:
                first = max(m["cold"])
                result.add(
                    Row(
                        f"{names[db]}: {case} first visit after a start (server)",
                        "s",
                        m["cold"],
                        goal=f"< {FIRST_VISIT_GOAL_S:g} s",
                        ok=check(first, FIRST_VISIT_GOAL_S),
                    )
                )
            if m["first"]:
                result.add(Row(f"{names[db]}: {case} first visit (server)", "ms", ms(m["first"])))
        result.ratios[f"{case}: {names[large]}/{names[small]}"] = ratio
        met = ratio <= GROWTH_GOAL and g_med < PAGE_GOAL_MS and not g["error"]
        result.notes.append(
            f"{case}: {names[small]} {s_med:.0f} ms → {names[large]} {g_med:.0f} ms, growth {ratio:.2f}× "
            f"({'met' if met else 'MISSED'}: < {PAGE_GOAL_MS:g} ms and ≤ {GROWTH_GOAL:g}×)"
        )
    result.notes.append(
        f"pages: {ctx.sizes.scale_rounds} interleaved rounds ({names[small]}, {names[large]}), "
        f"up to {ctx.sizes.scale_reruns} reruns a case a round"
    )


def _export(ctx: Context, result: Result, db: Path, name: str) -> None:
    for fmt in ("csv", "xlsx"):
        out = ctx.path("scale", f"export.{fmt}")
        m = export_in_child(db, fmt, out)
        result.add(
            Row(
                f"{name}: export of everything, {fmt} (write_export)",
                "s",
                [m["seconds"]],
                goal=f"< {EXPORT_GOAL_S:g} s",
                ok=check(m["seconds"], EXPORT_GOAL_S),
                note=f"{m['rows']:,} rows, {m['bytes'] / 1e6:.0f} MB",
            )
        )
        extra = m["peak_mb"] - m["before_mb"]
        result.add(
            Row(
                f"{name}: export of everything, {fmt}: memory added",
                "MB",
                [extra],
                goal=f"< {EXPORT_MEMORY_GOAL_MB:g} MB",
                ok=check(extra, EXPORT_MEMORY_GOAL_MB),
                note=f"RSS {m['before_mb']:.0f} MB before, peak {m['peak_mb']:.0f} MB",
            )
        )
        out.unlink(missing_ok=True)


def export_in_child(db: Path, fmt: str, out: Path) -> dict[str, Any]:
    """`write_export` of everything in a fresh interpreter: seconds, rows, bytes, RSS before and peak (MB)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "export.json"
        done = subprocess.run(
            [sys.executable, "-m", "bench.scale", "export", str(db), fmt, str(out), str(report)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"export child failed ({done.returncode}): {done.stderr[-3000:]}")
        return json.loads(report.read_text(encoding="utf-8"))


def _memory(result: Result, small: Path, large: Path, names: dict[Path, str]) -> None:
    for db in (small, large):
        env = {**os.environ, "TARGET_MONITOR_DB": str(db)}
        rss = peak_mb(["-c", _SESSIONS, str(ROOT), str(SESSIONS)], env)
        result.add(
            Row(
                f"{names[db]}: app with {SESSIONS} sessions, every page (peak RSS)",
                "MB",
                [rss],
                goal=f"< {APP_MEMORY_GOAL_MB:g} MB" if db == large else "",
                ok=check(rss, APP_MEMORY_GOAL_MB) if db == large else None,
            )
        )


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _export_child(db: str, fmt: str, out: str, report: str) -> int:
    """Child of `export_in_child`: open the store, note RSS, write the export, note time and peak RSS."""
    from targets import export
    from targets.store import Store

    with Store(db, read_only=True) as store:
        store.scalar("SELECT count(*) FROM quantities")  # the connection open and the catalog read
        before = _rss_mb("VmRSS")
        t0 = time.perf_counter()
        rows = export.write_export(store, out, fmt)
        seconds = time.perf_counter() - t0
    data = {
        "seconds": seconds,
        "rows": rows,
        "bytes": Path(out).stat().st_size,
        "before_mb": before,
        "peak_mb": _rss_mb("VmHWM"),
    }
    Path(report).write_text(json.dumps(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["export"]:
        sys.exit(_export_child(*sys.argv[2:6]))
    sys.exit(f"usage: python -m bench.scale export DB FMT OUT REPORT (got {sys.argv[1:]})")
