"""`python -m etl progress`, in process: per target its status, the observation used and its origin
(doc:line or batch:row), exactly the library's table; filters by plan, region (name or code) and year;
exit codes as the other commands (1 no database, 2 an unknown plan or region)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from etl.build import build
from etl.cli import main
from targets.store import Store
from targets.timeline import PROGRESS_COLUMNS, progress_table
from tests.conftest import ROOT

MANIFEST = ROOT / "tests" / "fixtures" / "regions" / "yibin.toml"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("progress") / "yibin.duckdb"
    build(path, MANIFEST)
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["progress", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_jsonl_prints_exactly_the_library_table(db, capsys):
    code, out, err = run(capsys, "--db", str(db), "--plan", "yibin_2023", "--format", "jsonl")
    assert code == 0 and err.strip() == "12 targets"
    rows = [json.loads(line) for line in out.splitlines()]
    with Store(db, read_only=True) as store:
        expected = progress_table(store, ["yibin_2023"])
    assert [list(r) for r in rows[:1]] == [PROGRESS_COLUMNS]
    where = [w if isinstance(w, str) else None for w in expected["where"]]  # JSON null for no observation
    assert [(r["indicator_id"], r["status"], r["where"]) for r in rows] == list(
        zip(expected["indicator_id"], expected["status"], where, strict=True)
    )
    gdp = next(r for r in rows if r["indicator_id"] == "gdp_growth")
    assert (gdp["status"], gdp["observed"], gdp["origin"], gdp["where"]) == (
        "achieved",
        6.5,
        "communique",
        "yibin_2023_communique.txt:6",
    )
    assert gdp["others"] == "2024年宜宾市政府工作报告 6.6% (yibin_2024_report.txt:9)"
    assert gdp["target_where"] == "yibin_2023_report.txt:12" and gdp["target_quote"] == "6.5%"


def test_csv_and_the_readable_table(db, capsys):
    code, out, _ = run(capsys, "--db", str(db), "--region", "宜宾", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 22 and {r["plan_id"] for r in rows} == {"yibin_2023", "yibin_2024"}
    code, out, _ = run(capsys, "--db", str(db), "--region", "511500", "--plan", "yibin_2023")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "region\tindicator\tyear\ttarget\tobservation\torigin\tstatus"
    gdp = next(line.split("\t") for line in lines if "地区生产总值增速" in line)
    assert gdp == [
        "宜宾市",
        "地区生产总值增速",
        "2023",
        "≈ 6.5%",
        "6.5% (2023)",
        "统计公报 yibin_2023_communique.txt:6 | 2024年宜宾市政府工作报告 6.6% (yibin_2024_report.txt:9)",
        "已完成",
    ]


def test_english_labels(db, capsys):
    code, out, _ = run(capsys, "--db", str(db), "--plan", "yibin_2023", "--lang", "en")
    gdp = next(line.split("\t") for line in out.splitlines() if "GDP growth" in line)
    assert code == 0 and gdp[0] == "Yibin" and gdp[-1] == "Achieved" and gdp[5].startswith("statistical communiqué")


def test_as_of_a_year_before_the_figures_gives_no_data(db, capsys):
    code, out, _ = run(capsys, "--db", str(db), "--plan", "yibin_2023", "--as-of", "2022", "--format", "jsonl")
    assert code == 0 and {json.loads(line)["status"] for line in out.splitlines()} == {"no_data"}


def test_unknown_plans_and_regions_exit_2_and_a_missing_database_exits_1(db, tmp_path, capsys):
    code, out, err = run(capsys, "--db", str(db), "--plan", "nowhere_2099")
    assert (code, out) == (2, "") and "nowhere_2099" in err and "yibin_2023" in err
    code, out, err = run(capsys, "--db", str(db), "--region", "绵阳市")
    assert (code, out) == (2, "") and "宜宾市 (511500)" in err
    code, out, err = run(capsys, "--db", str(tmp_path / "none.duckdb"))
    assert (code, out) == (1, "") and "init-db" in err
