"""The twenty-years benchmark's corpus (bench/timeline.py), on five years: deterministic reports whose pairs
(a year's target, the next report's result) are judged with the right value from the next report. The
figures of the full run come from `python -m bench timeline`, never from timed assertions here."""

from __future__ import annotations

from pathlib import Path

from bench import timeline
from etl.build import build


def test_the_corpus_is_the_same_twice_and_states_both_targets_and_results(tmp_path: Path) -> None:
    first = timeline.generate(tmp_path / "a", 5)
    second = timeline.generate(tmp_path / "b", 5)
    assert [r.text for r in first] == [r.text for r in second]
    assert (tmp_path / "a" / "manifest.toml").read_text(encoding="utf-8") == (
        tmp_path / "b" / "manifest.toml"
    ).read_text(encoding="utf-8")
    assert all(r.targets and r.results for r in first)
    assert "过去五年" in first[1].text  # 2006 opens the 11th five-year plan: a five-year review too


def test_next_years_report_judges_this_years_targets(tmp_path: Path) -> None:
    reports = timeline.generate(tmp_path / "corpus", 5)
    db = tmp_path / "five.duckdb"
    build(db, tmp_path / "corpus" / "manifest.toml")
    found = timeline.score(db, reports)
    assert found.pairs >= 25
    assert found.rate >= 0.9, found.misses
    assert found.agreeing == found.judged, found.misses
