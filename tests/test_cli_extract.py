"""`python -m etl extract`: the extraction contract, printed exactly as the library returns it."""

import json
import subprocess
import sys

from etl.extract import extract_path
from targets.model import CONTRACT_FIELDS
from targets.vocab import Comparator, Kind, Metric
from tests.conftest import ROOT

SEED = ROOT / "data" / "sources" / "004_6ac9e479cb7c47bc.txt"


def run_extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "extract", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_jsonl_rows_follow_the_contract():
    done = run_extract(str(SEED), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) > 50
    original = SEED.read_text(encoding="utf-8")
    lines = original.split("\n")
    for row in rows:
        assert list(row)[: len(CONTRACT_FIELDS)] == list(CONTRACT_FIELDS)
        assert row["doc"] == SEED.name
        assert row["quote"] in lines[row["line"] - 1] or "\n" in row["quote"]
        assert row["comparator"] in set(Comparator) and row["metric"] in set(Metric) and row["kind"] in set(Kind)
        if row["comparator"] == "range":
            assert row["value"] is None and row["value_low"] < row["value_high"]
        else:
            assert row["value"] is not None


def test_cli_prints_exactly_what_the_library_returns():
    done = run_extract(str(SEED), "--format", "jsonl")
    printed = [json.loads(line) for line in done.stdout.splitlines()]
    assert printed == [json.loads(json.dumps(t.to_contract(), ensure_ascii=False)) for t in extract_path(SEED)]


def test_csv_and_table_formats(tmp_path):
    csv_out = run_extract(str(SEED), "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith(",".join(CONTRACT_FIELDS))
    table = run_extract(str(SEED), "--format", "table")
    assert "重庆" in table.stdout or "主城都市区" in table.stdout


def test_traditional_and_gb18030_files_give_the_same_rows(tmp_path):
    text = "到2027年,城镇新增就業累計300萬人以上。"
    utf8, gbk = tmp_path / "a.txt", tmp_path / "b.txt"
    utf8.write_text(text, encoding="utf-8")
    gbk.write_bytes(text.encode("gb18030"))
    a, b = extract_path(utf8), extract_path(gbk)
    assert [(t.quote, t.norm_value) for t in a] == [(t.quote, t.norm_value) for t in b] == [("300萬人", 3e6)]


def test_missing_file_is_a_clear_error():
    done = run_extract("no/such/file.txt")
    assert done.returncode == 1
    assert "no such file" in done.stderr
