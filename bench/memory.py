"""Peak resident memory of one process (VmHWM: the kernel's high-water mark of its resident set):

- the seed build: `python -m etl build` in a fresh interpreter;
- the app serving a database: a fresh interpreter that runs app.py and every page through AppTest
  (the same scripts, caches and connection a `streamlit run` server holds, without its web server),
  against the seed database and the large one (100k targets, 1M actuals) — the page benchmark's own
  processes when it ran before in the same run (bench/pages.py), else a run of every page once;
- for scale: a bare interpreter that imports streamlit, pandas, duckdb and plotly and nothing of ours.

Each child reports its own VmHWM at exit. `ru_maxrss` from wait4 is not used: on Linux it keeps the
high-water mark from before exec, i.e. the size of this (large) benchmark process at fork.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import largedb
from bench.common import ROOT, Context, Result, Row, check

GOAL_MB = 500.0

#: when the page benchmark did not run: app.py and every page once, as a server process would
_APP = """
import logging, os, sys
from pathlib import Path
from streamlit import logger
logger.set_log_level(logging.ERROR)
from streamlit.testing.v1 import AppTest
root = Path(sys.argv[1])
at = AppTest.from_file(str(root / "app.py"), default_timeout=600)
at.run()
for page in sorted((root / "pages").glob("*.py")):
    at.switch_page(str(page.relative_to(root))).run()
"""

_BARE = "import streamlit, pandas, duckdb, plotly"

#: runs a script or module (argv[2:]) and writes the process's VmHWM (kB) to argv[1] at exit
VMHWM_AT_EXIT = """
import atexit, runpy, sys
out = sys.argv[1]
def report():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(out, "w").write(line.split()[1])
atexit.register(report)
mode, target, *rest = sys.argv[2:]
if mode == "-m":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = ["-c", *rest]
    exec(compile(target, "<bench>", "exec"), {"__name__": "__main__"})
"""


def peak_mb(args: list[str], env: dict[str, str] | None = None) -> float:
    """Peak RSS in MB of a fresh interpreter running `args` ("-m", module, ... or "-c", code, ...)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "vmhwm"
        process = subprocess.run(
            [sys.executable, "-c", VMHWM_AT_EXIT, str(out), *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed ({process.returncode}): {process.stderr[-2000:]}")
        return int(out.read_text()) / 1024


def run(ctx: Context) -> Result:
    """The memory benchmark: peak RSS of the build, of the app per database, of bare imports."""
    result = Result("memory", "peak RSS of one process (MB)")
    folder = ctx.path("memory", "x").parent
    db = folder / "build.duckdb"
    for suffix in ("", ".wal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    build = peak_mb(["-m", "etl", "build", "--db", str(db)])
    result.add(Row("python -m etl build (seeds)", "MB", [build], goal=f"< {GOAL_MB:g} MB", ok=check(build, GOAL_MB)))
    measured = ctx.app_rss_mb  # the page benchmark's processes, when it ran first
    for label, path in (("seed db", largedb.seed_db(ctx)), ("100k targets", largedb.large_db(ctx))):
        if label in measured:
            app, how = measured[label], "every page with its reruns, the page benchmark's process"
        else:
            env = {**os.environ, "TARGET_MONITOR_DB": str(path)}
            app, how = peak_mb(["-c", _APP, str(ROOT)], env), "every page once"
        result.add(
            Row(f"app serving the {label} (AppTest)", "MB", [app], goal=f"< {GOAL_MB:g} MB", ok=check(app, GOAL_MB))
        )
        result.notes.append(f"app serving the {label}: {how}")
    bare = peak_mb(["-c", _BARE])
    result.add(Row("for scale: import streamlit, pandas, duckdb, plotly", "MB", [bare]))
    return result
