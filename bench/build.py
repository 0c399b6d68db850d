"""The seed build: `python -m etl build` wall time (a fresh interpreter each run), and in-process
after imports: the first build in a fresh process (lazy set-up included: catalog, unit registry
words, patterns, OpenCC) and warm builds after it. Each build writes a new database file.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, Context, Result, Row, check, profile

GOAL_S = 1.0

#: run in a fresh interpreter: import the build, then time one cold build and `runs` warm ones
_IN_PROCESS = """
import sys, time, json
t0 = time.perf_counter()
from etl.build import build
imports = time.perf_counter() - t0
folder, runs = sys.argv[1], int(sys.argv[2])
samples = []
for i in range(runs + 1):
    t0 = time.perf_counter()
    build(f"{folder}/inproc-{i}.duckdb")
    samples.append(time.perf_counter() - t0)
print(json.dumps({"imports": imports, "cold": samples[0], "warm": samples[1:]}))
"""


def _fresh(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.glob("*.duckdb*"):
        f.unlink()


def run(ctx: Context) -> Result:
    """The build benchmark: CLI wall time, then imports, first and later builds in fresh interpreters."""
    import json

    result = Result("build", "seed build (python -m etl build): wall time and time after imports")
    folder = ctx.path("build", "x").parent
    runs = ctx.sizes.build_runs
    wall, colds, warms, imports = [], [], [], []
    for i in range(runs):
        _fresh(folder)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "etl", "build", "--db", str(folder / f"cli-{i}.duckdb")],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        wall.append(time.perf_counter() - t0)
    for _ in range(runs):
        _fresh(folder)
        out = subprocess.run(
            [sys.executable, "-c", _IN_PROCESS, str(folder), "2"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        data = json.loads(out.stdout.strip().splitlines()[-1])
        colds.append(data["cold"])
        warms.extend(data["warm"])
        imports.append(data["imports"])
    cold = statistics.median(colds)
    warm = statistics.median(warms)
    result.add(Row("python -m etl build (wall, fresh interpreter)", "s", wall))
    result.add(Row("  imports (etl.build and what it pulls in)", "s", imports))
    result.add(
        Row(
            "  first build after imports (cold caches)",
            "s",
            colds,
            goal=f"< {GOAL_S:g} s",
            ok=check(cold, GOAL_S),
        )
    )
    result.add(
        Row("  later builds in the same process (warm)", "s", warms, goal=f"< {GOAL_S:g} s", ok=check(warm, GOAL_S))
    )
    result.notes.append(
        f"wall = interpreter start and exit {statistics.median(wall) - cold - statistics.median(imports):.2f} s "
        "(median residue) + imports + first build"
    )
    if ctx.profile and (cold >= GOAL_S or warm >= GOAL_S):
        text = profile(lambda: _build(folder / "profiled.duckdb"))
        if text:
            result.profiles["warm build"] = text
    _fresh(folder)
    return result


def _build(path: Path) -> None:
    from etl.build import build

    build(path)
