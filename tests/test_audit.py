"""The audit log: every kind of write read back with who, what and from where; a write that fails leaves no
entry; nothing in the store's API can change or delete an entry; `python -m etl audit` prints it."""

from __future__ import annotations

import csv
import inspect
import io
import json
import re

import duckdb
import pytest

from etl import add_plan as adding
from etl.build import build
from etl.cli import main
from targets import accounts, actuals, audit
from targets import store as store_module
from targets.accounts import Account
from targets.audit import Actor
from targets.store import DiskFull, Store
from tests.actuals_support import GOOD, copy_db, csv_bytes

CLI = Actor("root", "cli:root")
PASSWORD = "correct horse battery"
TEXT = "二、2026年主要目标\n全年新增城镇就业5万人以上，地区生产总值增长6%左右。\n"


@pytest.fixture
def store(seeded_db, tmp_path):
    with Store(copy_db(seeded_db, tmp_path)) as store:
        yield store


def last(store: Store) -> dict:
    return store.audit_log().iloc[-1].to_dict()


def meta(plan_id: str = "mianyang_2026") -> adding.PlanMetadata:
    return adding.PlanMetadata(plan_id, "绵阳市2026年政府工作报告", "绵阳市", "city", 2026, 2026)


def test_every_kind_of_write_is_read_back_with_who_what_and_where(store):
    editor = Account("李雷", "editor")
    admin = Account("王芳", "admin")
    batch = actuals.import_actuals(store, csv_bytes([GOOD]), file_name="jobs.csv", by=editor).batch
    assert last(store) | {"at": None, "seq": None} == {
        "seq": None,
        "at": None,
        "who": "李雷",
        "action": "import",
        "object": f"batch:{batch.batch_id}",
        "summary": "1 行,文件 jobs.csv / 1 rows from jobs.csv",
        "origin": "account:李雷",
    }
    actuals.withdraw_batch(store, batch.batch_id, by=editor)
    assert (last(store)["action"], last(store)["object"]) == ("withdraw", f"batch:{batch.batch_id}")
    actuals.restore_batch(store, batch.batch_id, by=admin)
    assert (last(store)["action"], last(store)["who"], last(store)["origin"]) == ("restore", "王芳", "account:王芳")
    adding.add_plan(store, meta(), [adding.read_text(TEXT)], by=editor)
    assert (last(store)["action"], last(store)["object"]) == ("add-plan", "plan:mianyang_2026")
    adding.delete_plan(store, "mianyang_2026", by=admin)
    assert (last(store)["action"], last(store)["object"]) == ("delete-plan", "plan:mianyang_2026")
    assert "1 份文件" in last(store)["summary"]
    accounts.create_user(store, "韩梅梅", PASSWORD, "viewer", admin.actor)
    accounts.set_role(store, "韩梅梅", "editor", admin.actor)
    accounts.set_password(store, "韩梅梅", "another password", admin.actor)
    accounts.set_disabled(store, "韩梅梅", True, admin.actor)
    accounts.set_disabled(store, "韩梅梅", False, admin.actor)
    entries = store.audit_log(actions=["create-user", "set-role", "set-password", "disable-user", "enable-user"])
    assert list(entries["action"]) == ["create-user", "set-role", "set-password", "disable-user", "enable-user"]
    assert set(entries["object"]) == {"account:韩梅梅"} and set(entries["origin"]) == {"account:王芳"}
    assert list(entries["summary"])[1] == "viewer → editor"


def test_a_rebuild_is_one_entry(tmp_path):
    db = tmp_path / "built.duckdb"
    build(db, actor=CLI)
    with Store(db) as store:
        entries = store.audit_log()
    assert list(entries["action"]) == ["build"] and entries["origin"].iloc[0] == "cli:root"
    assert re.fullmatch(r"\d+ 份文件,\d+ 个数值 / \d+ documents, \d+ quantities", entries["summary"].iloc[0])


def test_a_write_that_fails_leaves_no_entry_and_one_that_commits_always_has_one(store, monkeypatch):
    before = len(store.audit_log())

    def full(self, cur):
        raise duckdb.IOException('Could not write file "x.wal": No space left on device')

    monkeypatch.setattr(Store, "_commit", full)
    with pytest.raises(DiskFull):
        actuals.import_actuals(store, csv_bytes([GOOD]), file_name="jobs.csv", by=CLI)
    assert len(store.audit_log()) == before and store.total("batches") == 0
    monkeypatch.undo()
    batch = actuals.import_actuals(store, csv_bytes([GOOD]), file_name="jobs.csv", by=CLI).batch
    assert last(store)["object"] == f"batch:{batch.batch_id}"


def test_a_refused_write_leaves_no_entry(store):
    batch = actuals.import_actuals(store, csv_bytes([GOOD]), file_name="jobs.csv", by=Account("李雷", "editor")).batch
    before = len(store.audit_log())
    with pytest.raises(accounts.NotAllowed):
        actuals.withdraw_batch(store, batch.batch_id, by=Account("韩梅梅", "editor"))  # not theirs
    with pytest.raises(accounts.NotAllowed):
        actuals.import_actuals(store, csv_bytes([GOOD]), file_name="b.csv", by=Account("v", "viewer"))
    assert len(store.audit_log()) == before


def test_the_store_offers_no_way_to_change_or_delete_an_entry():
    source = inspect.getsource(store_module)
    statements = re.findall(r"\b(UPDATE|DELETE\s+FROM|INSERT\s+INTO|TRUNCATE|DROP\s+TABLE)\s+(\w+)", source, re.I)
    on_audit = {verb.split()[0].upper() for verb, table in statements if table.lower() == "audit_log"}
    assert on_audit == {"INSERT"}
    names = [n for n in dir(Store) if "audit" in n.lower()]
    assert names == ["append_audit", "audit_log"]


def test_record_refuses_an_unknown_action(fresh_store):
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(fresh_store, "x", "drop-everything", "", "cli:x")
    audit.record(fresh_store, "x", "build", "by hand", "cli:x")  # a Store: its own transaction
    assert list(fresh_store.audit_log()["summary"]) == ["by hand"]


def test_render_gives_a_table_csv_and_json_lines(fresh_store):
    audit.record(fresh_store, "李雷", "import", '3 行,文件 "a,b".csv', "account:李雷", batch="b1")
    entries = audit.log(fresh_store)
    rows = list(csv.DictReader(io.StringIO(audit.render(entries, "csv"))))
    assert rows[0]["summary"] == '3 行,文件 "a,b".csv' and rows[0]["origin"] == "account:李雷"
    record = json.loads(audit.render(entries, "jsonl"))
    assert (record["who"], record["action"], record["object"]) == ("李雷", "import", "batch:b1")
    table = audit.render(entries, "table").splitlines()
    assert table[0].split() == ["at", "who", "origin", "action", "object", "summary"]
    assert "account:李雷" in table[1] and "batch:b1" in table[1]


def test_cli_audit_filters_by_time_and_action(store, capsys, tmp_path):
    actuals.import_actuals(store, csv_bytes([GOOD]), file_name="jobs.csv", by=CLI)
    store.close()
    assert main(["audit", "--db", store.path, "--format", "jsonl", "--action", "import"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["action"] for r in lines] == ["import"] and lines[0]["origin"] == "cli:root"
    assert main(["audit", "--db", store.path, "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == []


def test_cli_create_user_asks_for_the_password_twice(tmp_path, monkeypatch, capsys):
    db = tmp_path / "users.duckdb"
    Store(db).close()
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setenv("USER", "ops")
    monkeypatch.setenv("LOGNAME", "ops")
    assert main(["create-user", "王芳", "--role", "admin", "--db", str(db)]) == 0
    with Store(db) as store:
        assert accounts.sign_in(store, "王芳", PASSWORD, accounts.Settings()).name == "王芳"
        entry = store.audit_log(actions=["create-user"]).iloc[0]
        assert (entry["who"], entry["origin"], entry["object"]) == ("ops", "cli:ops", "account:王芳")
    answers = iter([PASSWORD, "something else"])
    assert main(["create-user", "李雷", "--db", str(db)]) == 1
    assert "两次输入的密码不一致" in capsys.readouterr().err
    answers = iter(["short", "short"])
    assert main(["create-user", "李雷", "--db", str(db)]) == 1
    assert capsys.readouterr().err.strip().startswith("Error: 密码至少 8 个字符")


def test_cli_takes_no_password_on_the_command_line():
    with pytest.raises(SystemExit) as refused:
        main(["create-user", "王芳", "--password", PASSWORD])
    assert refused.value.code == 2
