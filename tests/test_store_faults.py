"""The store under the faults a red team found: a full disk, a connection a failure broke, the database file
deleted or replaced while the app runs, a read-only database. Each makes its fault itself.

A full disk is made three ways: a file-size limit (RLIMIT_FSIZE, any user) on a child process, an 8 MB
tmpfs filled up, in a private mount namespace (where `unshare` may mount; skipped elsewhere), and the store's one
fault point, `Store._commit`, patched to raise what DuckDB raises on ENOSPC.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from etl.build import init_db
from etl.manifest import load_manifest
from targets import actuals, config
from targets.audit import Actor
from targets.catalog import load_catalog
from targets.store import (
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseReplaced,
    DiskFull,
    Store,
    created_marker,
)
from tests.actuals_support import GOOD, copy_db, counts, csv_bytes, planned_store
from tests.conftest import ROOT

CLI = Actor("root", "cli:root")

#: a child process: open the store, cap file sizes, import (fails), lift the cap, import again (works)
FULL_DISK_CHILD = textwrap.dedent(
    """
    import json, os, resource, signal, sys
    from targets import actuals
    from targets.audit import Actor
    from targets.store import Store, StoreError
    from tests.actuals_support import GOOD, csv_bytes

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of killing us
    store = Store(sys.argv[1])
    data = csv_bytes([GOOD])
    out = {}
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), hard))
    try:
        actuals.import_actuals(store, data, file_name="full.csv", by=Actor("t", "cli:t"))
    except StoreError as e:
        out["error"], out["type"] = str(e), type(e).__name__
    out["batches_while_full"] = store.total("batches")
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space freed: the limit lifted,
    if len(sys.argv) > 3:
        os.remove(sys.argv[3])  # or the file that filled the disk deleted
    out["reads_after"] = store.total("plans") > 0
    out["batch_after"] = actuals.import_actuals(store, data, file_name="ok.csv", by=Actor("t", "cli:t")).batch.rows
    out["batches_after"] = store.total("batches")
    out["audit_after"] = list(store.audit_log(actions=["import"])["summary"])
    print(json.dumps(out, ensure_ascii=False))
    """
)


def child(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, sys.executable, "-c", FULL_DISK_CHILD, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
        timeout=120,
    )


def test_a_full_disk_fails_the_one_write_and_the_next_write_works_once_space_is_freed(seeded_db, tmp_path):
    db = copy_db(seeded_db, tmp_path)
    done = child(str(db), "512")  # no file may grow past 512 bytes: the write-ahead log cannot be written
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["type"] == "DiskFull" and out["error"].startswith("磁盘已满")
    assert out["batches_while_full"] == 0
    assert out["reads_after"] and out["batch_after"] == 1 and out["batches_after"] == 1
    assert len(out["audit_after"]) == 1  # the failed import left no audit entry


def test_a_real_full_disk_in_a_tiny_tmpfs(tmp_path):
    """ENOSPC itself: a full 8 MB tmpfs mounted in a private mount namespace (gone when the child exits)."""
    if not shutil.which("unshare"):
        pytest.skip("unshare is not available")
    mount = tmp_path / "tiny"
    mount.mkdir()
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("this user cannot make a mount namespace")
    small = tmp_path / "small.duckdb"  # the plans and the catalog only: a few MB fit in the tmpfs
    with Store(small) as store, store.transaction() as cur:
        store.replace_catalog(cur, load_catalog())
        for plan in load_manifest(config.MANIFEST).plans:
            store.upsert_plan(cur, plan)
    script = (
        f"mount -t tmpfs -o size=8m tmpfs {mount} && cp {small} {mount}/t.duckdb && "
        f"(dd if=/dev/zero of={mount}/fill bs=4k 2>/dev/null; true) && "
        f'exec {sys.executable} -c "$CHILD" {mount}/t.duckdb 1099511627776 {mount}/fill'
    )
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CHILD": FULL_DISK_CHILD},
        check=False,
        timeout=120,
    )
    if "mount:" in done.stderr and done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    if "error" not in out:
        pytest.skip("the tmpfs did not fill up")
    assert out["type"] == "DiskFull" and out["batches_while_full"] == 0, out
    assert out["batch_after"] == 1 and len(out["audit_after"]) == 1


def test_the_cli_reports_a_full_disk_in_one_line_and_exits_1(seeded_db, tmp_path):
    import resource

    db = copy_db(seeded_db, tmp_path)
    sample = ROOT / "data" / "samples" / "actuals_sample.csv"

    def limit() -> None:
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    done = subprocess.run(
        [sys.executable, "-m", "etl", "import-actuals", str(sample), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        preexec_fn=limit,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: 磁盘已满"), done.stderr
    with Store(db) as store:
        assert counts(store) == (0, 0)


def test_the_fault_point_full_disk_rolls_back_and_the_store_keeps_serving(fresh_store, monkeypatch):
    store = planned_store()

    def full(self, cur):
        raise duckdb.IOException('Could not write file "t.duckdb.wal": No space left on device')

    monkeypatch.setattr(Store, "_commit", full)
    with pytest.raises(DiskFull) as error:
        actuals.import_actuals(store, csv_bytes([GOOD]), file_name="a.csv", by=CLI)
    assert error.value.zh.startswith("磁盘已满") and error.value.en.startswith("disk full")
    assert counts(store) == (0, 0) and store.total("plans") == 4
    monkeypatch.undo()
    assert actuals.import_actuals(store, csv_bytes([GOOD]), file_name="a.csv", by=CLI).batch.rows == 1


def test_a_connection_broken_by_a_failure_is_reopened(seeded_db, tmp_path, monkeypatch):
    store = Store(copy_db(seeded_db, tmp_path))
    plans = store.total("plans")

    def fatal(self, cur):
        self._con.close()  # what a fatal error does: the connection is gone for every later query
        raise duckdb.FatalException("FATAL Error: database has been invalidated because of a previous fatal error")

    monkeypatch.setattr(Store, "_commit", fatal)
    with pytest.raises(Exception) as error:
        actuals.import_actuals(store, csv_bytes([GOOD]), file_name="a.csv", by=CLI)
    assert "Traceback" not in str(error.value)
    monkeypatch.undo()
    assert store.total("plans") == plans  # reads work again
    assert actuals.import_actuals(store, csv_bytes([GOOD]), file_name="a.csv", by=CLI).batch.rows == 1
    store.close()


def test_a_database_deleted_while_open_refuses_writes_and_is_not_rebuilt_on_restart(seeded_db, tmp_path):
    db = copy_db(seeded_db, tmp_path)
    store = Store(db)
    assert created_marker(db).exists()
    db.unlink()
    assert isinstance(store.file_problem(), DatabaseMissing)
    with pytest.raises(DatabaseMissing) as refused:
        actuals.import_actuals(store, csv_bytes([GOOD]), file_name="a.csv", by=CLI)
    assert "已被删除" in refused.value.zh and "deleted" in refused.value.en
    assert store.total("plans") == 4  # reading what was open still works
    store.close()
    assert not db.exists()
    with pytest.raises(DatabaseMissing, match="existed"):
        Store(db)  # a restart: no new empty database in its place
    with pytest.raises(DatabaseMissing):
        init_db(db)  # nor the sample database
    assert not db.exists()


def test_a_database_replaced_while_open_refuses_writes(seeded_db, tmp_path):
    db = copy_db(seeded_db, tmp_path)
    store = Store(db)
    other = copy_db(seeded_db, tmp_path, "other.duckdb")
    os.replace(other, db)
    with pytest.raises(DatabaseReplaced):
        actuals.import_actuals(store, csv_bytes([GOOD]), file_name="a.csv", by=CLI)
    store.close()
    with Store(db) as fresh:  # after a restart the new file is the database
        assert fresh.total("batches") == 0


def test_a_read_only_database_serves_reads_and_refuses_writes_in_one_line(seeded_db, tmp_path):
    db = copy_db(seeded_db, tmp_path)
    with Store(db, read_only=True) as store:
        assert store.total("plans") == 4
        with pytest.raises(DatabaseReadOnly) as refused:
            actuals.import_actuals(store, csv_bytes([GOOD]), file_name="a.csv", by=CLI)
    assert "只读" in refused.value.zh and "\n" not in str(refused.value)


def test_a_file_without_write_permission_opens_read_only(seeded_db, tmp_path, monkeypatch):
    """Root may write any file, so the permission error is made at the one place connections are opened."""
    db = copy_db(seeded_db, tmp_path)
    real = duckdb.connect

    def connect(path, read_only=False, **kw):
        if not read_only:
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied')
        return real(path, read_only=read_only, **kw)

    monkeypatch.setattr(duckdb, "connect", connect)
    store = Store(db)
    assert store.read_only and store.total("plans") == 4
    assert isinstance(store.file_problem(), DatabaseReadOnly)
    with pytest.raises(DatabaseReadOnly):
        actuals.import_actuals(store, csv_bytes([GOOD]), file_name="a.csv", by=CLI)
    store.close()


def test_opening_a_missing_database_without_a_marker_is_a_first_start(tmp_path):
    path = tmp_path / "first.duckdb"
    with Store(path) as store:
        assert store.total("plans") == 0
    assert created_marker(path).exists()
    assert isinstance(Path(path), Path)
