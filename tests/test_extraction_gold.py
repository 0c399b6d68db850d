"""Extraction quality against the hand annotations (../shared/eval/gold) with ../shared/eval/score.py.

The thresholds are the quality bar of the extraction issue. On failure the scorer's lists of misses
are printed, so the regression is visible in the test output.
"""

import json
import subprocess
import sys

import pytest

from etl.extract import extract_path
from tests.conftest import ROOT

pytestmark = pytest.mark.needs_shared("seeds", "eval/gold", "eval/score.py")

OVERALL = {"recall_core": 0.98, "precision": 0.98}
PER_DOC = {"recall": 0.95, "precision": 0.95}
FIELDS = {
    "norm": 0.98,
    "comparator": 0.97,
    "kind": 0.97,
    "target_year": 0.97,
    "metric": 0.90,
    "indicator_name_dice": 0.6,
}


@pytest.fixture(scope="module")
def scored(shared_dir, tmp_path_factory):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    out = tmp_path_factory.mktemp("gold") / "pred.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for path in seeds:
            for target in extract_path(path):
                f.write(json.dumps(target.to_contract(), ensure_ascii=False) + "\n")
    gold = sorted(str(p) for p in (shared_dir / "eval" / "gold").glob("*.csv"))
    score = str(shared_dir / "eval" / "score.py")
    result = json.loads(
        subprocess.run(
            [sys.executable, score, "--gold", *gold, "--pred", str(out), "--json"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    )
    misses = subprocess.run(
        [sys.executable, score, "--gold", *gold, "--pred", str(out), "--show-misses", "40"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return result, misses


def test_overall_recall_and_precision(scored):
    result, misses = scored
    for key, bar in OVERALL.items():
        assert result[key] >= bar, f"{key} {result[key]} < {bar}\n{misses}"


def test_every_document_meets_the_bar(scored):
    result, misses = scored
    for doc, row in result["per_doc"].items():
        for key, bar in PER_DOC.items():
            assert row[key] >= bar, f"{doc}: {key} {row[key]} < {bar}\n{misses}"


def test_fields_of_matched_rows(scored):
    result, misses = scored
    for key, bar in FIELDS.items():
        assert result["field_accuracy"][key] >= bar, f"{key} {result['field_accuracy'][key]} < {bar}\n{misses}"
