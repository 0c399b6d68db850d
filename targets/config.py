"""Where the project's files live. The database path can be overridden with TARGET_MONITOR_DB."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
MANIFEST = DATA_DIR / "sources.toml"
CATALOG = DATA_DIR / "indicators.toml"
SAMPLE_ACTUALS = DATA_DIR / "samples" / "actuals_sample.csv"


def database_path() -> Path:
    """The DuckDB file the dashboard and CLI use: $TARGET_MONITOR_DB, else data/targets.duckdb."""
    return Path(os.environ.get("TARGET_MONITOR_DB") or DATA_DIR / "targets.duckdb")
