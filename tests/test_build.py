"""The build (`python -m etl build`): worker processes write the same rows as one process; a rebuild keeps
uploaded actuals and added plans; a document that fails, a kill, SIGTERM or Ctrl-C leave the database as
it was, with no temporary file and no worker process left behind. No timings here: `bench/build.py`
measures speed and memory."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from bench.common import descendants
from etl import build as building
from etl.add_plan import PlanMetadata, add_plan, read_upload
from etl.cli import main
from etl.manifest import load_manifest
from targets import actuals, config
from targets.audit import Actor
from targets.store import Store
from tests import build_faults
from tests.conftest import ROOT
from tests.documents import REPORT, flowed_pdf

DEV = ROOT / "tests" / "fixtures" / "documents"
TESTER = Actor("测试", "cli:test")
SAMPLE = config.SAMPLE_ACTUALS
FAULTS = "from tests.build_faults import main; main()"

#: the dev set's documents as a manifest would describe them: file, region, level, type, year, target years
DEV_DOCUMENTS = [
    ("td01_jiangxi_2021_report.txt", "江西省", "province", "government_work_report", 2021, [2021]),
    ("td02_shaanxi_2026_report.txt", "陕西省", "province", "government_work_report", 2026, [2026]),
    ("td03_luoyang_14fyp_outline.txt", "洛阳市", "city", "five_year_plan", 2021, [2025]),
    ("td04_ningbo_2025_minsheng.txt", "宁波市", "city", "minsheng_list", 2025, [2025]),
    ("td05_deyang_2024_report.txt", "德阳市", "city", "government_work_report", 2024, [2024]),
    ("td06_deyang_2025_report.txt", "德阳市", "city", "government_work_report", 2025, [2025]),
    ("td07_deyang_2024_communique.txt", "德阳市", "city", "statistical_communique", 2024, [2024]),
    ("td08_jiangxia_2023_report.txt", "武汉市江夏区", "district", "government_work_report", 2023, [2023]),
    ("td09_national_2018_report.txt", "全国", "national", "government_work_report", 2018, [2018]),
    ("td10_suzhou_2024_action_plan.txt", "苏州市", "city", "action_plan", 2024, [2026]),
    ("td11_xiamen_2023_report_trad.txt", "厦门市", "city", "government_work_report", 2023, [2023]),
    ("td12_anji_2024_report_pdf.txt", "安吉县", "county", "government_work_report", 2024, [2024]),
    ("mianyang_2025.pdf", "绵阳市", "city", "government_work_report", 2025, [2025]),
]


def _toml(values: dict) -> list[str]:
    return [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in values.items()]


def corpus(folder: Path) -> Path:
    """A manifest of the five seeds, the twelve dev documents and a PDF, their files beside it."""
    folder.mkdir()
    seeds = config.MANIFEST.read_text(encoding="utf-8")
    for entry in load_manifest(config.MANIFEST).documents:
        (folder / entry.file).symlink_to(config.SOURCES_DIR / entry.file)
    for name, *_ in DEV_DOCUMENTS[:-1]:
        (folder / name).symlink_to(DEV / name)
    (folder / DEV_DOCUMENTS[-1][0]).write_bytes(flowed_pdf(REPORT))
    lines = [seeds]
    known = {r.name_zh for r in load_manifest(config.MANIFEST).regions}
    for n, (region, level) in enumerate(dict.fromkeys((r, lv) for _, r, lv, *_ in DEV_DOCUMENTS)):
        if region not in known:
            lines += [f"[regions.dev_{n}]", *_toml(dict(name_zh=region, name_en="", level=level))]
    for name, region, level, kind, year, years in DEV_DOCUMENTS:
        plan = Path(name).stem
        plan_fields = dict(name_zh=plan, name_en=plan, region=region, level=level, plan_type=kind)
        lines += [f"[plans.{plan}]", *_toml({**plan_fields, "start_year": year, "end_year": max(years)})]
        document: dict[str, object] = dict(file=name, plan=plan, title="", issuer="", region=region, level=level)
        document.update(plan_type=kind, plan_year=year, target_years=years, published="", script="simplified")
        lines += ["[[documents]]", *_toml(document)]
    manifest = folder / "plans.toml"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def contents(path: Path) -> dict[str, pd.DataFrame]:
    """Every table the build writes or keeps, in a stable order, with the documents' texts and files."""
    with Store(path, read_only=True) as store:
        documents = store.documents()
        documents["text"] = [store.document_text(d) for d in documents["doc_id"]]
        documents["file"] = [store.document_file(d) for d in documents["doc_id"]]
        batches = store.batches()
        tables = {
            "regions": store.regions(),
            "plans": store.plans(),
            "documents": documents,
            "quantities": store.quantities().sort_values("target_id", ignore_index=True),
            "indicators": store.indicators(),
            "categories": store.categories(),
            "batches": batches,
            "actuals": pd.concat([store.batch_actuals(b) for b in batches["batch_id"]] or [pd.DataFrame()]),
            "audit": store.audit_log(),
        }
    return tables


def without_audit(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: frame for name, frame in tables.items() if name != "audit"}


def assert_same(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert left.keys() == right.keys()
    for table in left:
        pd.testing.assert_frame_equal(left[table], right[table], obj=table)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> Path:
    return corpus(tmp_path_factory.mktemp("build") / "corpus")


@pytest.fixture
def db(seeded_db, tmp_path) -> Path:
    """A copy of the seed database with the sample actuals (one batch) and a withdrawn batch."""
    path = tmp_path / "data" / "targets.duckdb"
    path.parent.mkdir()
    shutil.copy(seeded_db, path)
    with Store(path) as store:
        actuals.import_actuals(store, SAMPLE, by=TESTER)
        withdrawn = actuals.import_actuals(store, SAMPLE, by=TESTER)
        actuals.withdraw_batch(store, withdrawn.batch.batch_id, by=TESTER)
    return path


def leftovers(db: Path) -> list[str]:
    """Files beside the database other than it and its marker (targets.store.created_marker)."""
    return sorted(p.name for p in db.parent.iterdir() if p.name not in (db.name, db.name + ".created"))


def test_two_workers_write_the_same_rows_as_one_process(manifest, tmp_path, capsys):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    assert main(["build", "--manifest", str(manifest), "--db", str(one), "--jobs", "1"]) == 0
    assert "(in process)" in capsys.readouterr().out
    assert main(["build", "--manifest", str(manifest), "--db", str(two), "--jobs", "2"]) == 0
    assert "(on 2 workers)" in capsys.readouterr().out
    first, second = contents(one), contents(two)
    assert_same(without_audit(first), without_audit(second))
    assert list(first["audit"]["action"]) == list(second["audit"]["action"]) == ["build"]
    assert len(first["documents"]) == 18 and len(first["quantities"]) > 2000
    pdf = first["quantities"][first["quantities"]["doc_id"] == "mianyang_2025.pdf"]
    assert len(pdf) > 5 and (pdf["page"] == 1).all()  # page numbers next to rows without any


def test_rows_are_written_in_chunks_with_the_same_result(manifest, tmp_path, monkeypatch):
    whole = tmp_path / "whole.duckdb"
    building.build(whole, manifest, jobs=1)
    monkeypatch.setattr(building, "CHUNK_ROWS", 50)  # a transaction every document or two
    written: list[int] = []
    insert = Store.insert_documents

    def counted(store: Store, cur, documents) -> int:
        written.append(n := insert(store, cur, documents))
        return n

    monkeypatch.setattr(Store, "insert_documents", counted)
    chunked = tmp_path / "chunked.duckdb"
    building.build(chunked, manifest, jobs=1)
    tables = contents(chunked)
    assert_same(without_audit(contents(whole)), without_audit(tables))
    # every row went in through the one write of extracted quantities, in many transactions
    assert len(written) > 10 and sum(written) == len(tables["quantities"])


def test_a_rebuild_keeps_uploaded_actuals_and_added_plans(db):
    with Store(db) as store:
        plan = PlanMetadata(
            plan_id="mianyang_2025",
            name_zh="绵阳市2025年政府工作报告",
            region="绵阳市",
            level="city",
            plan_type="government_work_report",
            start_year=2025,
            end_year=2025,
        )
        add_plan(store, plan, [read_upload("绵阳.pdf", flowed_pdf(REPORT))], by=TESTER)
    before = contents(db)
    report = building.build(db, jobs=2)
    assert report.jobs == 2
    assert [d.doc_id for d in report.documents][-1] == "mianyang_2025.pdf"
    after = contents(db)
    # the same documents and rows, the same batches (one withdrawn) and actuals; one audit entry more
    assert_same(without_audit(before), without_audit(after))
    pd.testing.assert_frame_equal(before["audit"], after["audit"].iloc[:-1])
    assert after["audit"].iloc[-1]["action"] == "build"
    assert set(after["batches"]["status"]) == {"active", "withdrawn"}
    assert len(after["actuals"]) == after["batches"]["rows"].sum() > 0
    assert leftovers(db) == []


def test_a_rebuild_keeps_what_a_killed_writer_left_in_the_write_ahead_log(db):
    code = (
        "import os, sys\nfrom targets import actuals\nfrom targets.store import Store\n"
        "store = Store(sys.argv[1])\nactuals.import_actuals(store, sys.argv[2])\nos._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db), str(SAMPLE)], cwd=ROOT, check=True)
    assert (db.parent / (db.name + ".wal")).exists()
    building.build(db, jobs=1)
    with Store(db, read_only=True) as store:
        assert store.total("batches") == 3
    assert leftovers(db) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_the_intake_refuses_is_named_and_nothing_is_written(db, tmp_path, capsys, jobs):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for entry in load_manifest(config.MANIFEST).documents:
        (folder / entry.file).symlink_to(config.SOURCES_DIR / entry.file)
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    manifest = folder / "plans.toml"
    document: dict[str, object] = dict(file="old.doc", plan="chengdu_2022", title="", issuer="", region="成都市")
    document.update(level="city")
    document.update(plan_type="other", plan_year=2022, target_years=[2022], published="", script="simplified")
    text = config.MANIFEST.read_text(encoding="utf-8") + "\n[[documents]]\n" + "\n".join(_toml(document)) + "\n"
    manifest.write_text(text, encoding="utf-8")
    before = contents(db)
    assert main(["build", "--manifest", str(manifest), "--db", str(db), "--jobs", jobs]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Error: ") and "文件 old.doc 是Word 97-2003" in err
    assert_same(before, contents(db))
    assert leftovers(db) == []


def run_build(db: Path, *args: str, fault: tuple[str, str] | None = None, **popen) -> subprocess.Popen:
    """`python -m etl build --db DB ARGS` in another process, with a fault of tests/build_faults.py."""
    command = ["-m", "etl", "build"] if fault is None else ["-c", FAULTS, *fault]
    return subprocess.Popen(
        [sys.executable, *command, "--db", str(db), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_whose_extraction_raises_is_named_in_one_line_and_nothing_is_written(db, jobs):
    before = contents(db)
    process = run_build(db, "--jobs", jobs, fault=("fail", build_faults.FAILING))
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1
    assert err.splitlines() == [err.strip()] and "Traceback" not in err
    assert err.startswith("Error: 003_3e2b079edc02d700.txt: 提取失败 / extraction failed: RuntimeError: ")
    assert " at build_faults.py:" in err
    assert_same(before, contents(db))
    assert leftovers(db) == []


def alive(pids: set[int]) -> set[int]:
    """The pids still running (a zombie has finished)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def paused_build(db: Path, marker: Path) -> tuple[subprocess.Popen, set[int]]:
    """A two-worker build stopped after writing its first document; it and its worker processes."""
    process = run_build(db, "--jobs", "2", fault=("pause", str(marker)))
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the build never wrote its first document"
        time.sleep(0.05)
    children = set(descendants(process.pid))
    assert len(children) >= 2, "no worker processes"
    return process, children


def wait_gone(pids: set[int]) -> set[int]:
    deadline = time.monotonic() + 30
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(pids)


def test_a_killed_build_leaves_the_database_as_it_was_and_no_workers(db, tmp_path):
    before = contents(db)
    process, workers = paused_build(db, tmp_path / "paused")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert wait_gone(workers) == set(), "worker processes outlived the killed build"
    assert_same(before, contents(db))
    again = run_build(db, "--jobs", "1")  # the next build clears what the killed one left
    assert again.wait(timeout=300) == 0
    assert_same(without_audit(before), without_audit(contents(db)))
    assert leftovers(db) == []


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 130)])
def test_a_terminated_or_interrupted_build_cleans_up_after_itself(db, tmp_path, sent, code):
    before = contents(db)
    process, workers = paused_build(db, tmp_path / "paused")
    process.send_signal(sent)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert "Traceback" not in err
    assert wait_gone(workers) == set()
    assert_same(before, contents(db))
    assert leftovers(db) == [], "the temporary database was left behind"


def test_ending_the_workers_does_not_wait_for_a_result_cut_off_mid_send(tmp_path):
    # the pool's thread reads a result message whole: one whose worker ended part-way would hold it
    # (and the build, in shutdown) for ever unless the build's own end of the results pipe is closed
    marker = tmp_path / "sent"
    pool = ProcessPoolExecutor(1, mp_context=building._context())
    pool.submit(build_faults.cut_off_result, str(marker))
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert time.monotonic() < deadline, "the worker never wrote"
        time.sleep(0.05)
    workers = {p.pid for p in pool._processes.values() if p.pid is not None}
    stopping = threading.Thread(target=building._stop, args=(pool,), daemon=True)
    stopping.start()
    stopping.join(timeout=60)
    assert not stopping.is_alive(), "ending the workers hung"
    assert alive(workers) == set()


def test_a_database_held_by_another_process_is_reported_and_left_alone(db):
    with Store(db):
        process = run_build(db, "--jobs", "2")
        _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "in use by another process" in err and "Traceback" not in err
    assert leftovers(db) == []


def test_jobs_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit) as e:
        main(["build", "--jobs", "0"])
    assert e.value.code == 2
    assert "not a positive whole number" in capsys.readouterr().err


def test_the_default_is_every_core_for_a_large_build_and_this_process_for_a_small_one(tmp_path):
    cores = len(os.sched_getaffinity(0))
    assert building._workers(None, 500, building.POOL_FROM_BYTES) == cores
    assert building._workers(None, 5, 350_000) == 1  # the seeds: starting workers would cost more
    assert building._workers(3, 2, 0) == 2  # never more workers than documents
    assert building._workers(1, 500, building.POOL_FROM_BYTES) == 1


def test_a_worker_imports_the_extractor_but_not_the_database():
    """The workers' server preloads etl.build_worker: without DuckDB and pandas it starts in half the time."""
    probe = "import sys, etl.build_worker; print(sorted({'duckdb', 'pandas', 'streamlit'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
