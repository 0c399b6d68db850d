"""`python -m bench scale --only PART`: the scale benchmark runs the parts named, and says which ran (no timings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import __main__ as cli
from bench import scale
from bench.common import Context, Sizes


@pytest.fixture
def ran(monkeypatch, tmp_path) -> list[str]:
    """The parts `scale.run` called, with the databases and the parts themselves stubbed out."""
    calls: list[str] = []
    monkeypatch.setattr(scale.largedb, "large_db", lambda ctx, n: tmp_path / f"{n}.duckdb")
    monkeypatch.setattr(scale.largedb, "summary", lambda db: "stub")
    for part in scale.PARTS:
        monkeypatch.setattr(scale, f"_{part}", lambda *a, _part=part, **k: calls.append(_part))
    return calls


def context(tmp_path: Path, only: tuple[str, ...]) -> Context:
    return Context(sizes=Sizes.quick(), cache_dir=tmp_path, results_dir=tmp_path, only=only)


def test_only_pages_is_parsed_and_runs_the_pages_alone(ran, tmp_path):
    args = cli.parse(["scale", "--only", "pages"])
    assert args.names == ["scale"] and args.only == ("pages",)
    result = scale.run(context(tmp_path, args.only))
    assert ran == ["pages"]
    assert result.title.endswith(": pages")


def test_several_parts_run_in_their_order_and_none_named_runs_all(ran, tmp_path):
    scale.run(context(tmp_path, cli.parse(["scale", "--only", "memory,pages"]).only))
    assert ran == ["pages", "memory"]
    ran.clear()
    scale.run(context(tmp_path, cli.parse(["scale"]).only))
    assert ran == list(scale.PARTS)


def test_an_unknown_part_is_refused_before_anything_runs(ran, tmp_path):
    with pytest.raises(ValueError, match="unknown part"):
        scale.run(context(tmp_path, ("page",)))
    assert ran == []
