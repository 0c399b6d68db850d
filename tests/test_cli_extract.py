"""`python -m etl extract` and `explain`, run in process: the extraction contract printed exactly as the library
returns it, and each quantity of a sentence with the rules that decided it."""

from __future__ import annotations

import json

from etl.explain import explain_text
from etl.extract import extract_path
from targets.model import CONTRACT_FIELDS
from targets.vocab import Comparator, Kind, Metric
from tests.cli_support import run_cli
from tests.conftest import ROOT

SEED = ROOT / "data" / "sources" / "004_6ac9e479cb7c47bc.txt"
README = ROOT / "README.md"


def test_jsonl_rows_follow_the_contract():
    done = run_cli("extract", str(SEED), "--format", "jsonl")
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
    done = run_cli("extract", str(SEED), "--format", "jsonl")
    printed = [json.loads(line) for line in done.stdout.splitlines()]
    assert printed == [json.loads(json.dumps(t.to_contract(), ensure_ascii=False)) for t in extract_path(SEED)]


def test_csv_and_table_formats():
    csv_out = run_cli("extract", str(SEED), "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith(",".join(CONTRACT_FIELDS))
    table = run_cli("extract", str(SEED), "--format", "table")
    assert table.stdout.splitlines()[0].split("\t")[:3] == [f"{SEED.name}:18", "target", "2027"]


def test_traditional_and_gb18030_files_give_the_same_rows(tmp_path):
    text = "到2027年,城镇新增就業累計300萬人以上。"
    utf8, gbk = tmp_path / "a.txt", tmp_path / "b.txt"
    utf8.write_text(text, encoding="utf-8")
    gbk.write_bytes(text.encode("gb18030"))
    a, b = extract_path(utf8), extract_path(gbk)
    assert [(t.quote, t.norm_value) for t in a] == [(t.quote, t.norm_value) for t in b] == [("300萬人", 3e6)]


def test_missing_file_is_a_clear_error():
    done = run_cli("extract", "no/such/file.txt")
    assert done.returncode == 1
    assert "no such file" in done.stderr


def test_explain_prints_each_quantity_with_the_rules_that_decided_it():
    done = run_cli(
        "explain", "今后五年，267万农村贫困人口在2020年全部脱贫，新建城市绿道500公里以上。", "--year", "2018"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].startswith("document: plans for 2018 (person)")
    assert lines[2] == "1. “267万”  农村贫困人口在2020年全部脱贫  267万  increment  target 2020"
    assert "   time       year-after-number → target 2020" in lines
    assert lines[lines.index("   time       year-after-number → target 2020") - 1] == "   frame      coming-five-years"
    second = lines.index("2. “500公里”  新建城市绿道  ≥ 500公里  increment  target 2022")
    assert lines[second + 3] == "   comparator right-qualifier → >=  (tried: range)"
    assert (
        lines[second + 4] == "   metric     flow-verb → increment  (tried: raised-by, per-unit-standard, duration-norm)"
    )


def test_explain_names_the_numbers_that_are_no_quantity():
    done = run_cli("explain", "新开工50亿元以上项目100个")
    assert "not a quantity: 50亿元  (threshold)" in done.stdout.splitlines()
    assert "(no year read from the text: give --year Y for the year its document is for)" in done.stdout


def test_explain_prints_what_the_library_returns():
    sentence = "到2027年，森林覆盖率达到45%，建成5G基站3000个。"
    explanation = explain_text(sentence, 2024)
    printed = run_cli("explain", sentence, "--year", "2024").stdout
    for item in explanation.quantities:
        assert f"“{item.quantity.quote}”" in printed
        for fired in item.decisions:
            assert f"{fired.table:<10} {fired.rule}" in printed


def test_explain_without_a_sentence_is_a_usage_error():
    assert run_cli("explain", "  ").returncode == 2


def test_the_readme_shows_what_explain_prints():
    command = "今后五年，267万农村贫困人口在2020年全部脱贫，新建城市绿道500公里以上。"
    readme = README.read_text(encoding="utf-8")
    shown = readme.split(f'$ python -m etl explain "{command}" --year 2018\n', 1)[1].split("```", 1)[0]
    assert shown == run_cli("explain", command, "--year", "2018").stdout
