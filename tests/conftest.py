"""Shared fixtures: a fresh in-memory store, a session-wide database built from the seeds, and the
`needs_shared` marker for tests that read ../shared (seeds, gold annotations, scorer, published actuals).

A test that reads ../shared says so with `@pytest.mark.needs_shared("eval/gold", ...)` (the paths it
needs below ../shared) and gets the folder from the `shared_dir` fixture. Where a path is missing (a
clone outside the team's machine) the test is skipped with a reason naming it; a test that asks for
`shared_dir` without the marker is a collection error, so none reads ../shared unannounced.
"""

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


def missing_shared(parts: tuple[str, ...]) -> Path | None:
    """The first of ../shared/PART... that does not exist (../shared itself for no parts), or None."""
    for part in parts or ("",):
        path = SHARED / part
        if not path.exists():
            return path
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [
        item.nodeid
        for item in items
        if "shared_dir" in getattr(item, "fixturenames", ()) and item.get_closest_marker("needs_shared") is None
    ]
    if unmarked:
        raise pytest.UsageError("these tests read ../shared without @pytest.mark.needs_shared: " + ", ".join(unmarked))


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_shared"):
        path = missing_shared(tuple(mark.args))
        if path is not None:
            pytest.skip(f"needs ../shared: {path} is missing (the team's shared folder beside the repository)")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared; only for tests marked `needs_shared` (which skip, naming the folder, where it is absent)."""
    return SHARED
