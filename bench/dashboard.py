"""Server time of a dashboard page rerun, per page, against a database built from the seeds.

    python -m bench.dashboard [--db PATH] [--runs N]

Each page is run through Streamlit's AppTest (the script as the server runs it, without a browser):
once cold (query caches cleared) and then N warm reruns (what a planner's click costs), median shown.
Measured, not asserted: the issue's budget is 300 ms per warm rerun.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = (
    ("overview", None, {}),
    ("targets", "pages/targets.py", {}),
    ("targets ?q=住房", "pages/targets.py", {"q": "住房"}),
    ("compare", "pages/compare.py", {}),
    ("compare ?family=trade", "pages/compare.py", {"family": "trade"}),
    ("progress", "pages/progress.py", {"plan": "wenjiang_2023"}),
    ("add_plan", "pages/add_plan.py", {}),
)


def measure(db: Path, runs: int) -> list[tuple[str, float, float]]:
    """(page, cold ms, median warm ms) for each page."""
    os.environ["TARGET_MONITOR_DB"] = str(db)
    import streamlit as st
    from streamlit import logger

    logger.set_log_level(logging.ERROR)  # AppTest's "no runtime" notices
    from streamlit.testing.v1 import AppTest

    results = []
    for name, page, query in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params.update(query)
        at.run()
        if page:
            at.switch_page(page)
        st.cache_data.clear()
        started = time.perf_counter()
        at.run()
        cold = (time.perf_counter() - started) * 1000
        warm = []
        for _ in range(runs):
            started = time.perf_counter()
            at.run()
            warm.append((time.perf_counter() - started) * 1000)
        if at.exception:
            raise SystemExit(f"{name}: {at.exception[0].message}")
        results.append((name, cold, statistics.median(warm)))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database file (default: a fresh build of data/sources)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from etl.build import build

            db = Path(tmp) / "bench.duckdb"
            build(db)
        print(f"{'page':<22}{'cold ms':>10}{'warm ms':>10}")
        for name, cold, warm in measure(db, args.runs):
            print(f"{name:<22}{cold:>10.0f}{warm:>10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
