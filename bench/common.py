"""What every benchmark shares: sizes, timing, the cache directory, the machine, tables and JSON."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = Path(__file__).with_name("results")


@dataclass(frozen=True)
class Sizes:
    """How big the generated inputs are and how often each thing is repeated."""

    corpus_bytes: int = 20 * 1024 * 1024  # UTF-8 bytes of generated plan text (≥ 20 MB)
    targets: int = 100_000
    actuals: int = 1_000_000
    upload_rows: int = 100_000
    upload_runs: int = 3
    extraction_runs: int = 3
    peer_runs: int = 1  # the peer takes ~15 s a run over the seeds and is ~50x slower: one run shows it
    build_runs: int = 3
    build_documents: int = 500  # generated documents of the corpus build (bench/build.py)
    build_corpus_runs: int = 3  # interleaved runs of it per number of processes
    query_runs: int = 20
    page_reruns: int = 10
    scale_small: int = 10_000  # quantities of the scale benchmark's two databases (10× as many actuals)
    scale_large: int = 1_000_000
    scale_rounds: int = 3  # interleaved (small, large) rounds of the page children
    scale_reruns: int = 5  # reruns of each page case a round

    @classmethod
    def quick(cls) -> Sizes:
        """Tiny sizes for the smoke test: every code path, seconds not minutes."""
        return cls(
            corpus_bytes=300_000,
            targets=2_000,
            actuals=10_000,
            upload_rows=500,
            upload_runs=1,
            extraction_runs=1,
            peer_runs=1,
            build_runs=1,
            build_documents=12,
            build_corpus_runs=1,
            query_runs=2,
            page_reruns=2,
            scale_small=2_000,
            scale_large=10_000,
            scale_rounds=1,
            scale_reruns=2,
        )


@dataclass
class Context:
    """What a benchmark run gets: sizes, where generated inputs are cached, where results go."""

    sizes: Sizes
    cache_dir: Path
    results_dir: Path
    quick: bool = False
    profile: bool = True  # profile (pyinstrument) what misses its goal
    seed_built: bool = False  # the seed database was built in this run (bench/largedb.py)
    app_rss_mb: dict[str, float] = field(default_factory=dict)  # the page benchmark's app processes, by database
    only: tuple[str, ...] = ()  # the parts of a benchmark to run (`--only`; empty: all of them)

    def path(self, *parts: str) -> Path:
        p = self.cache_dir.joinpath(*parts)
        p.parent.mkdir(parents=True, exist_ok=True)
        return p


def default_cache_dir() -> Path:
    """$BENCH_CACHE, else a folder in the system temp directory (never inside the repository)."""
    return Path(os.environ.get("BENCH_CACHE") or Path(tempfile.gettempdir()) / "target-monitor-bench")


def export_tree(rev: str, into: Path) -> Path:
    """The files of `rev` (a commit, branch or tag of this repository) written under `into`, to run the
    code as it was there (`PYTHONPATH=into`); raises subprocess.CalledProcessError where git cannot."""
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


# --- timing -------------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def repeat(fn: Callable[[], Any], runs: int, warmup: int = 0) -> tuple[list[float], Any]:
    """Seconds of `runs` calls after `warmup` untimed ones, and the last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    samples = []
    for _ in range(runs):
        seconds, result = timed(fn)
        samples.append(seconds)
    return samples, result


@dataclass
class Row:
    """One line of a result table: a measured quantity with its samples and, where set, its goal."""

    case: str
    metric: str  # what the numbers are: "s", "ms", "chars/s", "MB", "ratio"
    samples: list[float]
    goal: str = ""  # e.g. "< 100 ms"
    ok: bool | None = None  # None: no goal
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(median=self.median, min=self.low, max=self.high, n=len(self.samples))
        return data


def ms(samples: list[float]) -> list[float]:
    """Seconds as milliseconds (queries and pages are read in ms)."""
    return [s * 1000 for s in samples]


def check(value: float, limit: float, below: bool = True) -> bool:
    """Whether a median meets its goal (strictly below, or above, the limit)."""
    return value < limit if below else value > limit


@dataclass
class Result:
    """A benchmark's table, ratios and notes, printed and written as JSON."""

    name: str
    title: str
    rows: list[Row] = field(default_factory=list)
    ratios: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)  # case -> pyinstrument text of what missed a goal
    skipped: str | None = None
    seconds: float = 0.0

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def table(self) -> str:
        lines = [f"== {self.name}: {self.title}"]
        if self.skipped:
            lines.append(f"skipped: {self.skipped}")
            return "\n".join(lines)
        header = ("case", "unit", "median", "min–max", "n", "goal", "")
        body = [
            (
                r.case,
                r.metric,
                fmt(r.median),
                f"{fmt(r.low)}–{fmt(r.high)}",
                str(len(r.samples)),
                r.goal,
                {True: "ok", False: "MISSED", None: ""}[r.ok],
            )
            for r in self.rows
        ]
        widths = [max(len(str(x)) for x in col) for col in zip(header, *body, strict=True)]
        for row in (header, *body):
            lines.append("  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)).rstrip())
        for key, value in self.ratios.items():
            lines.append(f"ratio {key}: {fmt(value)}")
        lines.extend(f"note: {n}" for n in self.notes)
        for case in self.profiles:
            lines.append(f"profile of {case!r} in bench/results/{self.name}.json")
        lines.append(f"({self.seconds:.1f} s)")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "machine": machine(),
            "skipped": self.skipped,
            "seconds": round(self.seconds, 2),
            "rows": [r.as_dict() for r in self.rows],
            "ratios": self.ratios,
            "notes": self.notes,
            "profiles": self.profiles,
        }

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.name}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
        tmp.replace(path)
        return path


def fmt(x: float) -> str:
    """A number with three significant figures, thousands grouped: 0.0123, 4.56, 789, 12,300."""
    if x == 0:
        return "0"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


# --- the machine -------------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    """The machine and the versions the figures were measured with."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": _memory_gb(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "packages": {
            p: _version(p) for p in ("duckdb", "pandas", "streamlit", "pint", "opencc", "openpyxl", "pyinstrument")
        },
    }


def machine_line() -> str:
    m = machine()
    return f"{m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, {m['os']}"


# --- memory ------------------------------------------------------------------------------------------


def peak_rss_mb() -> float | None:
    """This process's peak resident set size (VmHWM) in MB, from /proc; None where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@dataclass
class TreeMemory:
    """A command's wall time and the memory of its process tree (it and every process it started),
    sampled from /proc while it ran."""

    seconds: float
    peak_rss_mb: float  # the highest sum of VmRSS over the tree at one sample (shared pages counted in each)
    peak_pss_mb: float  # the same for PSS: a page shared by n processes counts 1/n in each
    hwm_mb: dict[str, float] = field(default_factory=dict)  # "pid role" -> VmHWM at its last sample
    cpu_s: dict[str, float] = field(default_factory=dict)  # "pid role" -> user + system CPU s at its last sample

    def cpu(self, role: str) -> list[float]:
        """CPU seconds of each process of a role (build, worker, forkserver, resource_tracker)."""
        return [s for name, s in self.cpu_s.items() if name.endswith(" " + role)]


def run_sampled(args: list[str], interval: float = 0.05, **popen: Any) -> TreeMemory:
    """Run `args` to completion, sampling its process tree every `interval` s; raises RuntimeError when it fails."""
    import subprocess

    t0 = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **popen)
    peak_rss = peak_pss = 0.0
    hwm: dict[int, float] = {}
    cpu: dict[int, float] = {}
    roles: dict[int, str] = {}
    while process.poll() is None:
        sample = [(pid, _status(pid)) for pid in [process.pid, *descendants(process.pid)]]
        peak_rss = max(peak_rss, sum(s.get("VmRSS", 0) for _, s in sample) / 1024)
        peak_pss = max(peak_pss, sum(_pss_kb(pid) for pid, _ in sample) / 1024)
        for pid, status in sample:
            if "VmHWM" in status:
                hwm[pid] = status["VmHWM"] / 1024
                cpu[pid] = _cpu_seconds(pid) or cpu.get(pid, 0.0)
                roles.setdefault(pid, _role(pid, process.pid))
        time.sleep(interval)
    seconds = time.perf_counter() - t0
    _, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])} failed ({process.returncode}): {err.decode()[-2000:]}")
    named = {pid: f"{pid} {role}" for pid, role in roles.items()}
    return TreeMemory(
        seconds,
        peak_rss,
        peak_pss,
        {named[pid]: mb for pid, mb in hwm.items()},
        {named[pid]: s for pid, s in cpu.items()},
    )


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(root: int) -> list[int]:
    """The processes `root` started and theirs, from the parent pid in /proc/PID/stat (Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: list[int] = []
    frontier = [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier and pid not in found]
        found += frontier
    return found


def _status(pid: int) -> dict[str, int]:
    """The kB fields of /proc/PID/status (VmRSS, VmHWM ...); empty when the process is gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v.split()[0]) for k, _, v in (line.partition(":") for line in lines) if v.strip().endswith("kB")}


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _role(pid: int, root: int) -> str:
    """What a process of a build's tree is: the build itself, multiprocessing's helpers, or a worker."""
    if pid == root:
        return "build"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return "gone"
    for helper in ("forkserver", "resource_tracker"):
        if f"multiprocessing.{helper}" in command and _parent(pid) == root:
            return helper
    return "worker"


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


# --- profiles ----------------------------------------------------------------------------------------


def profile(fn: Callable[[], Any], show_all: bool = False) -> str | None:
    """pyinstrument's text report of one call, or None when pyinstrument is not installed."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    profiler = Profiler(interval=0.0005)
    profiler.start()
    try:
        fn()
    finally:
        profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=show_all, short_mode=False)


def write_latest(results: list[Result], seconds: float, directory: Path) -> Path:
    """bench/results/latest.json: every benchmark's rows and ratios without the profiles (committed)."""
    data = {
        "machine": machine(),
        "seconds": round(seconds, 1),
        "benchmarks": [{k: v for k, v in r.as_dict().items() if k not in ("machine", "profiles")} for r in results],
    }
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "latest.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
