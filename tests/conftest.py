"""Shared fixtures: a fresh in-memory store, and a session-wide database built from the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.build import build
from targets.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def fresh_store():
    """An empty in-memory database with the schema."""
    with Store(":memory:") as store:
        yield store


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    """A database file built from data/sources by the real build (once per test session)."""
    path = tmp_path_factory.mktemp("db") / "targets.duckdb"
    build(path)
    return path


@pytest.fixture(scope="session")
def seeded_store(seeded_db):
    """A store over the seeded database (read-write: DuckDB wants one configuration per file and process)."""
    with Store(seeded_db) as store:
        yield store


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (seeds, gold annotations, scorer); tests that need it skip where it is absent."""
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared is not available")
    return SHARED
