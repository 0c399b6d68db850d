"""The actuals and export commands: exit codes, stdout only for data, reports on stderr, nothing written
on failure, a killed import leaving the database as it was, a locked database reported clearly.

Commands run in process (`tests.cli_support.run_cli`); the two tests about another process (one killed
inside its transaction, one holding the database) start a real one."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from targets import actuals, export
from targets.store import Store
from tests.actuals_support import GOOD, copy_db, counts, csv_bytes
from tests.cli_support import run_cli
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


#: `python -m etl ARGS` in a process of its own whose import stops inside its transaction: after the rows
#: are written and before the commit it creates the file named by its first argument and waits to be killed.
#: The fault point lives here, in the test, not in the importer.
PAUSED_IMPORT = """
import os, sys, time
from pathlib import Path
from targets.store import Store

original = Store.insert_batch

def paused(self, cur, batch, frame):
    original(self, cur, batch, frame)
    Path(sys.argv[1]).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(120)

Store.insert_batch = paused
from etl.cli import main
sys.exit(main(sys.argv[2:]))
"""


def run_elsewhere(*args: str) -> subprocess.CompletedProcess:
    """`python -m etl ARGS` in another process (for what only another process can show)."""
    return subprocess.run([sys.executable, "-m", "etl", *args], capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture
def db(seeded_db, tmp_path) -> Path:
    return copy_db(seeded_db, tmp_path)


def totals(path: Path) -> tuple[int, int]:
    with Store(path) as store:
        return counts(store)


def test_import_prints_only_the_batch_id_on_stdout_and_records_the_os_user(db, monkeypatch):
    monkeypatch.setenv("USER", "测试")
    monkeypatch.setenv("LOGNAME", "测试")
    done = run_cli("import-actuals", str(SAMPLE), "--db", str(db))
    assert done.returncode == 0, done.stderr
    batch_id = done.stdout.strip()
    assert done.stdout == batch_id + "\n"
    assert "106 rows imported" in done.stderr
    with Store(db) as store:
        batch = store.batch(batch_id)
        assert (batch.rows, batch.uploaded_by, batch.file_name) == (106, "测试", "actuals_sample.csv")
        assert batch.origin == "cli:测试"
        entry = store.audit_log(actions=["import"]).iloc[-1]
        assert (entry["who"], entry["object"], entry["origin"]) == ("测试", f"batch:{batch_id}", "cli:测试")


def test_import_has_no_option_to_sign_with_another_name(db):
    done = run_cli("import-actuals", str(SAMPLE), "--db", str(db), "--by", "别人")
    assert done.returncode == 2 and "unrecognized arguments: --by" in done.stderr


def test_invalid_file_exits_1_with_the_report_on_stderr_and_writes_nothing(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([GOOD, ("chengdu_2022", "new_urban_jobs", 2023, "abc", "万人")]))
    done = run_cli("import-actuals", str(bad), "--db", str(db))
    assert done.returncode == 1
    assert done.stdout == ""
    with Store(db) as store:
        expected = actuals.validate_file(store, bad).as_text()
    assert done.stderr.strip() == expected
    assert "3\tperiod\tperiod-outside-plan" in done.stderr and "3\tvalue\tnot-a-number" in done.stderr
    assert totals(db) == (0, 0)


def test_dry_run_validates_without_writing(db):
    done = run_cli("import-actuals", str(SAMPLE), "--db", str(db), "--dry-run")
    assert done.returncode == 0 and done.stdout == ""
    assert "106" in done.stderr
    assert totals(db) == (0, 0)


def test_missing_file_or_database_is_exit_1_without_traceback(db, tmp_path):
    done = run_cli("import-actuals", str(tmp_path / "nope.csv"), "--db", str(db))
    assert (done.returncode, done.stdout) == (1, "") and "no such file" in done.stderr
    done = run_cli("import-actuals", str(SAMPLE), "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 1 and "init-db" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_bad_usage_exits_2():
    assert run_cli("import-actuals").returncode == 2
    assert run_cli("export", "--format", "pdf", "--out", "x").returncode == 2


def test_a_killed_import_leaves_the_database_as_it_was(db, tmp_path):
    run_cli("import-actuals", str(SAMPLE), "--db", str(db))  # one batch already there
    before = totals(db)
    marker = tmp_path / "inside-transaction"
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_IMPORT, str(marker), "import-actuals", str(SAMPLE), "--db", str(db)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()[1].decode()
        assert time.monotonic() < deadline, "the import never reached its transaction"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert totals(db) == before
    again = run_cli("import-actuals", str(SAMPLE), "--db", str(db))  # the file is usable afterwards
    assert again.returncode == 0, again.stderr
    assert totals(db) == (before[0] + 1, before[1] + 106)


def test_a_database_held_by_another_process_is_reported_not_lost(db):
    with Store(db) as holder:  # this test process holds the file like a running dashboard
        done = run_elsewhere("import-actuals", str(SAMPLE), "--db", str(db))
        assert done.returncode == 1 and done.stdout == ""
        assert "另一个进程" in done.stderr and "in use by another process" in done.stderr
        assert "Traceback" not in done.stderr
        assert counts(holder) == (0, 0)
        actuals.import_actuals(holder, SAMPLE)  # the holder itself can still write
    assert totals(db) == (1, 106)


def test_batches_and_withdraw_batch(db):
    batch_id = run_cli("import-actuals", str(SAMPLE), "--db", str(db)).stdout.strip()
    listed = run_cli("batches", "--db", str(db))
    assert listed.returncode == 0
    rows = list(csv.DictReader(io.StringIO(listed.stdout), delimiter="\t"))
    assert [(r["batch_id"], r["status"], r["rows"], r["rows_in_use"]) for r in rows] == [
        (batch_id, "active", "106", "106")
    ]
    done = run_cli("withdraw-batch", batch_id, "--db", str(db))
    assert done.returncode == 0 and "withdrawn" in done.stderr and done.stdout == ""
    assert run_cli("withdraw-batch", "nope", "--db", str(db)).returncode == 1
    with Store(db) as store:
        assert store.batch(batch_id).status == "withdrawn"


def test_actuals_template_writes_a_file_whose_examples_are_skipped(tmp_path, db):
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"template.{fmt}"
        done = run_cli("actuals-template", "--format", fmt, "--out", str(out), "--db", str(db))
        assert done.returncode == 0 and done.stdout == ""
        with Store(db) as store:
            report = actuals.validate_file(store, out)
        assert report.locations() == [(None, None, "no-rows")]  # imported unchanged, it writes nothing
        assert report.locations(warnings=True) == [(None, "example", "example-row")]
    assert (tmp_path / "template.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_actuals_template_for_one_plan_and_an_unknown_plan(tmp_path, db):
    out = tmp_path / "plan.csv"
    done = run_cli("actuals-template", "--out", str(out), "--db", str(db), "--plan", "chengdu_2022")
    assert done.returncode == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) > 40 and any(",affordable_rental_housing,保障性租赁住房筹集,2022,,万套(间)," in x for x in lines)
    assert run_cli("actuals-template", "--out", str(out), "--db", str(db), "--plan", "nowhere").returncode == 2


def test_export_csv_is_what_the_library_returns(db, tmp_path):
    run_cli("import-actuals", str(SAMPLE), "--db", str(db))
    out = tmp_path / "cmp.csv"
    done = run_cli("export", "--format", "csv", "--out", str(out), "--db", str(db), "--plan", "chengdu_2022")
    assert done.returncode == 0 and done.stdout == ""
    with Store(db, read_only=True) as store:
        filters = export.ExportFilters(plans=("chengdu_2022",))
        rows = export.comparison_rows(store, filters)
        assert out.read_bytes() == export.render(store, rows, "csv", filters)
    assert f"{len(rows)} rows" in done.stderr
    stdout = run_cli("export", "--format", "csv", "--out", "-", "--db", str(db), "--plan", "chengdu_2022,wenjiang_2023")
    assert stdout.returncode == 0 and stdout.stdout.lstrip("\ufeff").startswith("指标,规划,目标,目标年份,实际值,")
    data = run_cli("export", "--format", "csv", "--table", "data", "--out", "-", "--db", str(db))
    assert data.returncode == 0 and data.stdout.lstrip("\ufeff").startswith("指标编号 indicator_id,")


def test_export_xlsx_and_unknown_plan(db, tmp_path):
    out = tmp_path / "cmp.xlsx"
    assert run_cli("export", "--format", "xlsx", "--out", str(out), "--db", str(db)).returncode == 0
    assert out.read_bytes().startswith(b"PK")
    done = run_cli("export", "--format", "csv", "--out", str(out), "--db", str(db), "--plan", "beijing_2030")
    assert done.returncode == 2 and "beijing_2030" in done.stderr


def test_init_db_creates_a_database_with_the_sample_and_refuses_an_existing_one(tmp_path):
    path = tmp_path / "new.duckdb"
    done = run_cli("init-db", "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert "sample actuals: 106 rows" in done.stderr
    assert not list(tmp_path.glob("*.tmp*"))
    with Store(path, read_only=True) as store:
        history = store.batches()
        assert list(history["rows"]) == [106] and list(history["uploaded_by"]) == ["示例数据 sample"]
        assert store.total("quantities") > 500
    again = run_cli("init-db", "--db", str(path))
    assert again.returncode == 1 and "exists" in again.stderr


def test_every_command_is_in_the_readme():
    from etl.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subcommands = build_parser()._subparsers  # argparse keeps the subcommands here only
    assert subcommands is not None
    for name in subcommands._group_actions[0].choices or ():
        assert f"python -m etl {name}" in readme, name
