"""Server time of each page through `streamlit.testing.v1.AppTest`: the page script run by app.py's
navigation, as a browser's rerun would run it, without the browser (AppTest's own overhead shown apart).

For the seed database and the large one (100k targets, 1M actuals), per case (a page, some with the
URL's filters): the first visit (the first case after a start, with empty caches; later cases share
what earlier pages cached, as one server does), then the median of N reruns — what a planner waits
for after each click (cached reads, the page's own work, the charts).
Every file in pages/ is measured; CASES adds the filtered views. Server time is the script thread's
run (ScriptRunner._run_script); the AppTest wall time adds the test harness's message handling.
Each database is measured in a fresh interpreter (`python -m bench.pages DB RERUNS OUT`), whose peak
RSS is the app's memory after serving every page (reported by bench/memory.py). Reruns of a slow
case stop after 3 once they took RERUN_BUDGET_S, so a page of seconds does not take minutes.
"""

from __future__ import annotations

import ast
import contextlib
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

GOAL_MS = 300.0
#: reruns of a case stop early (after 3) once they took this long: a 12 s page needs no 10 samples
RERUN_BUDGET_S = 3.0
#: reruns slower than this are not profiled here (a profile costs about two reruns)
PROFILE_LIMIT_MS = 3000.0
APP = ROOT / "app.py"


#: (case, page file or None for the default page, URL query); every pages/*.py missing here is added
CASES: tuple[tuple[str, str | None, dict[str, str]], ...] = (
    ("overview", None, {}),
    ("targets", "pages/targets.py", {}),
    ("targets ?q=住房", "pages/targets.py", {"q": "住房"}),
    ("compare", "pages/compare.py", {}),
    ("compare ?family=gdp", "pages/compare.py", {"family": "gdp"}),
    ("progress", "pages/progress.py", {}),
    ("actuals", "pages/actuals.py", {}),
    ("export", "pages/export.py", {}),
    ("add_plan", "pages/add_plan.py", {}),
)


def reader_pages() -> list[str]:
    """The page files a reader sees without signing in (app.PAGES without a role, and the sign-in page), read
    from app.py's source: importing it would run the app."""
    tree = ast.parse(APP.read_text(encoding="utf-8"))
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            with contextlib.suppress(ValueError):
                found[node.targets[0].id] = ast.literal_eval(node.value)
    pages = [page[0] for page in found.get("PAGES", ()) if page[-1] is None]
    return [*pages, found["SIGN_IN"]] if "SIGN_IN" in found else pages


def cases() -> list[tuple[str, str | None, dict[str, str]]]:
    """CASES, plus a plain case for any page a reader sees that was added since (so new pages are measured
    too); pages for signed-in roles (audit, accounts) are not measured."""
    covered = {page for _, page, _ in CASES} | {"pages/overview.py"}
    extra = [(Path(page).stem, page, {}) for page in reader_pages() if page not in covered]
    return [*CASES, *extra]


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


class _Database:
    """Point the app at a database for the duration of a with-block (TARGET_MONITOR_DB)."""

    def __init__(self, path: Path) -> None:
        self.path, self.before = path, None

    def __enter__(self) -> None:
        self.before = os.environ.get("TARGET_MONITOR_DB")
        os.environ["TARGET_MONITOR_DB"] = str(self.path)
        _clear_caches()

    def __exit__(self, *exc: object) -> None:
        _clear_caches()
        if self.before is None:
            os.environ.pop("TARGET_MONITOR_DB", None)
        else:
            os.environ["TARGET_MONITOR_DB"] = self.before


class _ScriptTimer:
    """Times (and optionally profiles) the script thread's run: the server's share of a rerun."""

    def __init__(self, profile: bool = False) -> None:
        self.durations: list[float] = []
        self.profile = profile
        self.text: str | None = None

    def __enter__(self) -> _ScriptTimer:
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        self._original = original = ScriptRunner._run_script
        timer = self

        def timed_run(runner, rerun_data):  # runs in the script thread
            profiler = _start_profiler() if timer.profile else None
            t0 = time.perf_counter()
            try:
                return original(runner, rerun_data)
            finally:
                timer.durations.append(time.perf_counter() - t0)
                if profiler is not None:
                    profiler.stop()
                    timer.text = profiler.output_text(unicode=True, color=False)

        ScriptRunner._run_script = timed_run
        return self

    def __exit__(self, *exc: object) -> None:
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        ScriptRunner._run_script = self._original

    def take(self) -> float:
        """Seconds of script runs since the last take."""
        total, self.durations = sum(self.durations), []
        return total


def _start_profiler():
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    profiler = Profiler(interval=0.0005)
    profiler.start()
    return profiler


def _quiet() -> None:
    import logging

    from streamlit import logger

    logger.set_log_level(logging.ERROR)  # AppTest's "no runtime" notices


def _open(page: str | None, query: dict[str, str]) -> Any:
    """An AppTest of app.py that has run once (the default page) and switched to `page`."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=600)
    at.query_params.update(query)
    at.run()
    if page:
        at.switch_page(page)
    return at


def _open_default(query: dict[str, str]) -> Any:
    """An AppTest of app.py not yet run: its first run is the default page's first visit."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=600)
    at.query_params.update(query)
    return at


def measure(
    db: Path, reruns: int, budget_s: float = RERUN_BUDGET_S, profile: bool = False
) -> dict[str, dict[str, Any]]:
    """Per case against `db`: the first visit (the first case with empty caches, as after a start; later
    ones share what earlier pages cached, as in one server), then up to `reruns` reruns (at least 3; no
    more once they took `budget_s`); the script thread's time ("server") and AppTest's wall time
    (seconds), and any exception the page showed."""
    _quiet()
    out: dict[str, dict[str, Any]] = {}
    with _Database(db), _ScriptTimer() as timer:  # _Database clears the caches once
        for i, (name, page, query) in enumerate(cases()):
            cold = i == 0
            at = _open(page, query) if page else _open_default(query)
            timer.take()
            at.run()
            first = timer.take()
            server: list[float] = []
            wall: list[float] = []
            while len(server) < reruns and (len(server) < 3 or sum(wall) < budget_s):
                t0 = time.perf_counter()
                at.run()
                wall.append(time.perf_counter() - t0)
                server.append(timer.take())
            # an exception, or an error the app showed instead of the page (a locked database, a failed read)
            shown = [str(e.value)[:200] for e in at.exception] + [str(e.value)[:200] for e in at.error]
            error = "; ".join(shown) if shown else None
            median_ms = statistics.median(server) * 1000
            text = None
            if profile and not error and GOAL_MS <= median_ms <= PROFILE_LIMIT_MS:
                timer.profile = True  # one more rerun, profiled in the script thread
                at.run()
                timer.profile = False
                timer.take()
                text = timer.text
            out[name] = {
                "profile": text,
                "page": page,
                "query": query,
                "first": first,
                "cold": cold,
                "server": server,
                "wall": wall,
                "error": error,
            }
    return out


def measure_in_child(db: Path, reruns: int, profile: bool) -> tuple[dict[str, dict[str, Any]], float]:
    """`measure` in a fresh interpreter (this process's imports and caches do not count), and the
    child's peak RSS in MB: the app's memory after serving every page of `db`."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pages.json"
        done = subprocess.run(
            [sys.executable, "-m", "bench.pages", str(db), str(reruns), str(out), "profile" if profile else ""],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"page benchmark child failed ({done.returncode}): {done.stderr[-3000:]}")
        data = json.loads(out.read_text(encoding="utf-8"))
    return data["cases"], data["peak_rss_mb"]


def run(ctx: Context) -> Result:
    """The page benchmark, one child process per database (its peak RSS goes to the memory table)."""
    result = Result("pages", "page reruns through AppTest: server time (the script run) and AppTest wall time, ms")
    databases = {"seed db": largedb.seed_db(ctx), "100k targets": largedb.large_db(ctx)}
    rss = {}
    for label, db in databases.items():
        measured, rss[label] = measure_in_child(db, ctx.sizes.page_reruns, ctx.profile)
        for name, m in measured.items():
            median = statistics.median(ms(m["server"]))
            row = Row(f"{label}: {name} rerun (server)", "ms", ms(m["server"]), goal=f"< {GOAL_MS:g} ms")
            row.ok = check(median, GOAL_MS) and not m["error"]
            if m["error"]:
                row.note = f"page raised: {m['error']}"
                result.notes.append(f"{label}: {name} raised {m['error']}")
            result.add(row)
            result.add(Row(f"{label}: {name} rerun (AppTest wall)", "ms", ms(m["wall"])))
            first = "first visit after a start (empty caches)" if m["cold"] else "first visit"
            result.add(Row(f"{label}: {name} {first} (server)", "ms", ms([m["first"]])))
            if m["profile"]:
                result.profiles[row.case] = m["profile"]
            elif not row.ok and ctx.profile and not m["error"] and median > PROFILE_LIMIT_MS:
                result.notes.append(f"{label}: {name} not profiled (a rerun over {PROFILE_LIMIT_MS:g} ms)")
        result.notes.append(f"{label}: the app process peaked at {rss[label]:.0f} MB (see memory)")
    ctx.app_rss_mb.update(rss)  # the memory benchmark reports these
    return result


def main(argv: list[str]) -> int:
    """Child of `measure_in_child`: python -m bench.pages DB RERUNS OUT.json [profile]."""
    from bench.common import peak_rss_mb

    db, reruns, out = Path(argv[0]), int(argv[1]), Path(argv[2])
    cases_measured = measure(db, reruns, profile=len(argv) > 3 and argv[3] == "profile")
    data = {"cases": cases_measured, "peak_rss_mb": peak_rss_mb()}
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
