"""The dashboard under faults (AppTest): a full disk fails one import with "磁盘已满 / disk full" and the
app keeps serving; a database deleted while running refuses writes and says so on every page; a read-only
database serves every page with a one-line note; a database missing after it existed is never rebuilt.
Uploader limits agree with the server's and are said on the pages."""

from __future__ import annotations

import tomllib

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from etl import add_plan as adding
from etl.intake import MAX_BYTES as PLAN_MAX_BYTES
from targets import actuals
from targets.store import Store, created_marker
from tests.actuals_support import GOOD, copy_db, csv_bytes
from tests.conftest import ROOT
from tests.pages import open_page
from tests.test_pages_actuals import signed_in_page, upload

MIB = 1024 * 1024
PAGES = (
    "pages/overview.py",
    "pages/targets.py",
    "pages/compare.py",
    "pages/progress.py",
    "pages/actuals.py",
    "pages/export.py",
    "pages/add_plan.py",
)


@pytest.fixture
def db(seeded_db, tmp_path, monkeypatch):
    path = copy_db(seeded_db, tmp_path)
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def test_a_full_disk_fails_the_import_in_one_line_and_the_page_keeps_serving(db, monkeypatch):
    at = signed_in_page("李雷", "editor")
    upload(at, "jobs.csv", csv_bytes([GOOD]))

    def full(self, cur):
        raise duckdb.IOException('Could not write file "x.duckdb.wal": No space left on device')

    commit = Store._commit
    monkeypatch.setattr(Store, "_commit", full)
    at.button(key="w_commit").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [next(e.value for e in at.error)]
    assert at.error[0].value.startswith("磁盘已满") and "\n" not in at.error[0].value
    monkeypatch.setattr(Store, "_commit", commit)  # space freed
    at.button(key="w_commit").click().run()
    assert not at.exception and at.success[0].value.startswith("已导入 1 行")
    with Store(db) as store:
        assert store.total("batches") == 1


def test_a_database_deleted_while_running_refuses_writes_and_says_so(db):
    at = signed_in_page("李雷", "editor")
    upload(at, "jobs.csv", csv_bytes([GOOD]))
    db.unlink()
    at.button(key="w_commit").click().run()
    assert not at.exception
    assert "已被删除或移走" in at.error[0].value
    overview = open_page()  # every page says it
    assert any("已被删除或移走" in w.value for w in overview.warning)
    assert not db.exists()  # nothing was written to a new file


def test_a_read_only_database_serves_every_page_with_a_one_line_note(db, monkeypatch):
    real = duckdb.connect

    def connect(path, read_only=False, **kw):  # root may write any file: refuse writing here instead
        if not read_only and str(path) == str(db):
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied')
        return real(path, read_only=read_only, **kw)

    monkeypatch.setattr(duckdb, "connect", connect)
    for page in PAGES:
        at = open_page(page)
        assert not at.exception, (page, at.exception)
        notes = [w.value for w in at.warning if "只读" in w.value]
        assert len(notes) == 1 and "\n" not in notes[0], page


def test_a_database_missing_after_it_existed_is_reported_not_rebuilt(tmp_path, monkeypatch):
    path = tmp_path / "gone.duckdb"
    created_marker(path).touch()  # it existed once
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        assert not at.exception
        assert len(at.error) == 1 and "不会自动新建" in at.error[0].value
        assert not path.exists()
    finally:
        st.cache_resource.clear()


def test_upload_limits_agree_with_the_server_and_are_said_on_the_pages(db):
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    limits = {"actuals": actuals.MAX_BYTES // MIB, "plans": PLAN_MAX_BYTES // MIB}
    assert config["server"]["maxUploadSize"] == max(limits.values())
    assert config["server"]["address"] == "localhost"
    at = signed_in_page("李雷", "editor")
    assert at.get("file_uploader")[0].proto.max_upload_size_mb == limits["actuals"]
    assert any(f"文件上限 {limits['actuals']} MB" in c.value for c in at.caption)
    plan = open_page("pages/add_plan.py", role="editor")
    assert plan.get("file_uploader")[0].proto.max_upload_size_mb == limits["plans"]
    assert any(f"文件上限 {limits['plans']} MB" in c.value for c in plan.caption)
    assert plan.text_area(key="w_paste").max_chars == adding.MAX_CHARS


def test_a_text_over_the_limit_is_refused_before_the_preview_runs(db, monkeypatch):
    monkeypatch.setattr(adding, "MAX_CHARS", 50)

    def never(*args, **kwargs):
        raise AssertionError("the preview ran on a text over the limit")

    at = open_page("pages/add_plan.py", role="editor")
    monkeypatch.setattr(adding, "_extract", never)
    text = ("全年新增城镇就业5万人以上。" * 10).encode()
    at.file_uploader(key="w_upload").set_value(("long.txt", text, "text/plain")).run()
    assert not at.exception, at.exception
    assert any("超过上限" in e.value for e in at.error)
    with pytest.raises(adding.InvalidPlan):
        adding.preview(adding.PlanMetadata("x_2026", "x", "x", "city", 2026, 2026), [adding.read_text("长" * 51)])
