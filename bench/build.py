"""The build.

- The seeds: `python -m etl build` wall time (a fresh interpreter each run), and in-process after
  imports: the first build in a fresh process (lazy set-up included: catalog, unit registry words,
  patterns, OpenCC) and warm builds after it. Each build writes a new database file. (Five documents
  are under the size at which the build starts worker processes by default: one process.)
- A corpus of 500 documents generated from the seeds (bench/corpus.py, 28 MB) built by
  `python -m etl build --manifest` with `--jobs 1` and `--jobs 2`, interleaved (1, 2, 1, 2 ...) so a
  change in the machine's load hits both alike: wall time, the speedup of each pair, and memory — the
  build process's own peak RSS (VmHWM, reported at its exit), and from /proc samples every 50 ms the
  peak of each worker and the peaks of the whole process tree's summed RSS (a page shared by the workers
  and their forkserver counts in each) and summed PSS (a shared page split between its sharers: the
  memory the build takes from the machine).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import corpus
from bench.common import ROOT, Context, Result, Row, TreeMemory, check, profile, run_sampled
from bench.memory import VMHWM_AT_EXIT

GOAL_S = 1.0
GOAL_SPEEDUP = 1.6  # --jobs 2 over --jobs 1 on this 2-core machine, idle
GOAL_MB = 500.0

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
    """The build benchmark: the seeds, then the generated corpus on one and two processes."""
    result = Result("build", "python -m etl build: the seeds (wall, after imports), a corpus on 1 and 2 processes")
    _seeds(ctx, result)
    _corpus(ctx, result)
    return result


def _seeds(ctx: Context, result: Result) -> None:
    """CLI wall time, then imports, first and later builds in fresh interpreters."""
    import json

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


def _build(path: Path) -> None:
    from etl.build import build

    build(path)


def _corpus(ctx: Context, result: Result) -> None:
    """The generated corpus built with --jobs 1 and --jobs 2, interleaved."""
    docs = corpus.generate(ctx.cache_dir, documents=ctx.sizes.build_documents)
    manifest = corpus.write_manifest(docs, docs[0].path.parent / "manifest.toml")
    megabytes = sum(d.path.stat().st_size for d in docs) / 1e6
    folder = ctx.path("build", "x").parent
    runs: dict[int, list[tuple[TreeMemory, float]]] = {1: [], 2: []}
    load = os.getloadavg()[0]
    for _ in range(ctx.sizes.build_corpus_runs):
        for jobs in (1, 2):
            _fresh(folder)
            runs[jobs].append(_measured(manifest, folder / f"corpus-{jobs}.duckdb", jobs))
    _fresh(folder)
    n = len(docs)
    one, two = runs[1], runs[2]
    speedups = [a.seconds / b.seconds for (a, _), (b, _) in zip(one, two, strict=True)]
    speedup = statistics.median(speedups)
    result.add(Row(f"{n} documents, --jobs 1 (wall)", "s", [t.seconds for t, _ in one]))
    result.add(Row(f"{n} documents, --jobs 2 (wall)", "s", [t.seconds for t, _ in two]))
    ok = speedup >= GOAL_SPEEDUP
    result.add(Row("  speedup of --jobs 2 (pairs of runs)", "ratio", speedups, goal=f">= {GOAL_SPEEDUP:g}x", ok=ok))
    peak_one = max(own for _, own in one)
    result.add(_memory_row("  --jobs 1: peak RSS of the build process", [own for _, own in one], goal=True))
    result.add(_memory_row("  --jobs 2: peak RSS of the build process", [own for _, own in two]))
    result.add(_memory_row("  --jobs 2: peak RSS of a worker (largest)", [_largest(t, "worker") for t, _ in two]))
    result.add(_memory_row("  --jobs 2: peak RSS summed over the process tree", [t.peak_rss_mb for t, _ in two]))
    result.add(_memory_row("  --jobs 2: peak PSS summed over the process tree", [t.peak_pss_mb for t, _ in two], True))
    cpu_one = [sum(t.cpu_s.values()) for t, _ in one]
    cpu_two = [sum(t.cpu_s.values()) for t, _ in two]
    result.add(Row("  --jobs 1: CPU time", "s", cpu_one))
    result.add(Row("  --jobs 2: CPU time of the process tree", "s", cpu_two))
    result.add(Row("  --jobs 2: CPU time of the build process (writing)", "s", [sum(t.cpu("build")) for t, _ in two]))
    result.add(Row("  --jobs 2: CPU time of the busiest worker", "s", [max(t.cpu("worker")) for t, _ in two]))
    # what two idle cores would give: the tree's CPU time spread over them, or the busiest worker's
    # (it cannot be split), plus the start-up before the first document (the CPU of the forkserver)
    idle = [
        a / (max(b / 2, max(t.cpu("worker"))) + sum(t.cpu("forkserver")))
        for a, b, (t, _) in zip(cpu_one, cpu_two, two, strict=True)
    ]
    result.add(Row("  speedup of --jobs 2 on idle cores, from CPU times (estimate)", "ratio", idle))
    result.ratios["build speedup --jobs 2 / --jobs 1 (median of pairs)"] = speedup
    result.notes.append(
        f"corpus: {n} documents, {megabytes:.1f} MB, generated from the seeds (bench/corpus.py); "
        f"load average {load:.2f} before the runs, {os.getloadavg()[0]:.2f} after; "
        f"--jobs 1 peak RSS at most {peak_one:.0f} MB"
    )
    helpers = {role: _largest(two[-1][0], role) for role in ("forkserver", "resource_tracker")}
    result.notes.append(
        "--jobs 2 process tree besides the build and its workers (last run, RSS): "
        + ", ".join(f"{role} {mb:.0f} MB" for role, mb in helpers.items())
    )


def _measured(manifest: Path, db: Path, jobs: int) -> tuple[TreeMemory, float]:
    """One build of `manifest` into `db` in a fresh interpreter: its tree's samples and its own VmHWM (MB)."""
    out = db.with_name(db.name + ".vmhwm")
    build = ["-m", "etl", "build", "--manifest", str(manifest), "--db", str(db), "--jobs", str(jobs)]
    tree = run_sampled([sys.executable, "-c", VMHWM_AT_EXIT, str(out), *build], cwd=ROOT)
    return tree, int(out.read_text()) / 1024


def _largest(tree: TreeMemory, role: str) -> float:
    return max((mb for name, mb in tree.hwm_mb.items() if name.endswith(" " + role)), default=0.0)


def _memory_row(case: str, samples: list[float], goal: bool = False) -> Row:
    if not goal:
        return Row(case, "MB", samples)
    return Row(case, "MB", samples, goal=f"< {GOAL_MB:g} MB", ok=check(statistics.median(samples), GOAL_MB))
