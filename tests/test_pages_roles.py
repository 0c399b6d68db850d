"""Who may see and do what in the dashboard (AppTest), signing in through the sign-in form as each role:
reading open on localhost or behind sign-in, viewers read only, editors upload and withdraw or restore
their own batches, admins anyone's plus the Audit and Accounts pages; wrong passwords, lock-out and
expired sessions."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import streamlit as st
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from targets import accounts
from targets.accounts import Session
from targets.store import Store
from tests.actuals_support import GOOD, copy_db, csv_bytes
from tests.conftest import ROOT
from tests.pages import PASSWORD, ensure_account, open_page, sign_in
from tests.test_pages_actuals import signed_in_page, upload

ADMIN_PAGES = ("pages/audit.py", "pages/accounts.py")


@pytest.fixture
def db(seeded_db, tmp_path, monkeypatch):
    """A private copy of the seeded database with the sample batch (uploaded by the command line)."""
    path = copy_db(seeded_db, tmp_path)
    with Store(path) as store:
        from targets import actuals
        from targets.audit import Actor

        actuals.import_actuals(store, ROOT / "data" / "samples" / "actuals_sample.csv", by=Actor("示例", "cli:ops"))
    monkeypatch.setenv("TARGET_MONITOR_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def known_pages(at: AppTest) -> set[str]:
    """The pages app.py's navigation offers (AppTest lists them when asked for one it lacks)."""
    try:
        at.switch_page("tests/pages.py")  # a file that is never a page
    except ValueError as e:
        return {p.rsplit("/", 2)[-2] + "/" + p.rsplit("/", 1)[-1] for p in str(e).split("[")[1].split("'")[1::2]}
    raise AssertionError("tests/pages.py should not be a page")


def withdraw_choices(at: AppTest) -> list[str]:
    """Batch ids offered for withdrawing or restoring (the options read "id · file · rows · uploader")."""
    boxes = [b for b in at.selectbox if b.key == "w_withdraw_pick"]
    return [option.split(" · ")[0] for option in boxes[0].options] if boxes else []


def test_reading_is_open_on_localhost_and_writing_needs_an_editor(db):
    at = open_page()
    assert known_pages(at) == {
        "pages/overview.py",
        "pages/targets.py",
        "pages/compare.py",
        "pages/progress.py",
        "pages/timeline.py",
        "pages/lead_units.py",
        "pages/actuals.py",
        "pages/export.py",
        "pages/add_plan.py",
        "pages/sign_in.py",
    }
    at.switch_page("pages/actuals.py").run()
    assert not at.exception
    assert not at.get("file_uploader") and not [b for b in at.button if b.key == "w_withdraw"]
    assert any("编辑者" in i.value for i in at.info)
    assert any("生效行数" in d.value.columns for d in at.dataframe)  # the history is there to read
    at.switch_page("pages/add_plan.py").run()
    assert not at.get("file_uploader") and not at.get("text_area")
    assert [c.value for c in at.sidebar.caption] == ["未登录(只读)"]


def test_sign_in_required_shows_only_the_sign_in_page_until_signed_in(db, monkeypatch):
    monkeypatch.setenv("TARGET_MONITOR_SIGN_IN", "required")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert known_pages(at) == {"pages/sign_in.py"}
    assert any("需要登录" in i.value for i in at.info)
    assert not at.metric  # nothing of the data
    sign_in(at, "韩梅梅", "viewer")
    assert "pages/overview.py" in known_pages(at) and not set(ADMIN_PAGES) & known_pages(at)


def test_an_address_other_than_localhost_requires_sign_in(db):
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        assert known_pages(at) == {"pages/sign_in.py"}
    finally:
        st_config.set_option("server.address", before)


def test_a_viewer_reads_but_cannot_upload_or_withdraw(db):
    at = open_page("pages/actuals.py", role="viewer", name="韩梅梅")
    assert [c.value for c in at.sidebar.caption] == ["已登录:韩梅梅(查看者)"]
    assert not at.get("file_uploader") and not withdraw_choices(at)
    assert any("你的角色是「查看者」" in i.value for i in at.info)
    assert not set(ADMIN_PAGES) & known_pages(at)


def test_an_editor_uploads_as_themselves_and_withdraws_only_their_own_batch(db):
    at = signed_in_page("李雷", "editor")
    assert withdraw_choices(at) == []  # the sample batch is not theirs
    assert any("上传人记为当前账户 李雷" in c.value for c in at.caption)
    upload(at, "mine.csv", csv_bytes([GOOD]))
    at.button(key="w_commit").click().run()
    with Store(db) as store:
        mine = store.batches()
        mine = mine[mine["file_name"] == "mine.csv"].iloc[0]
    assert (mine["uploaded_by"], mine["origin"]) == ("李雷", "account:李雷")
    assert withdraw_choices(at) == [mine["batch_id"]]  # and preselected
    at.button(key="w_withdraw").click().run()
    assert "1 行将不再参与计算" in at.warning[0].value
    at.button(key="w_confirm").click().run()
    assert any("已撤回" in s.value for s in at.success)
    at.button(key="w_withdraw").click().run()  # the same batch, now offered for restoring
    assert at.button(key="w_withdraw").label == "恢复" and "1 行将重新参与计算" in at.warning[0].value
    at.button(key="w_confirm").click().run()
    assert any("已恢复" in s.value for s in at.success)
    other = signed_in_page("韩梅梅", "editor")
    assert withdraw_choices(other) == []  # another editor's batch is not offered
    with Store(db) as store:
        assert list(store.audit_log(who="李雷")["action"])[-3:] == ["import", "withdraw", "restore"]


def test_cancelling_a_withdrawal_changes_nothing(db):
    at = signed_in_page("王芳", "admin")
    at.button(key="w_withdraw").click().run()
    assert "106 行将不再参与计算" in at.warning[0].value and "以下" in at.warning[0].value
    assert at.table  # the statuses that would change
    at.button(key="w_cancel").click().run()
    assert not at.warning
    with Store(db) as store:
        assert list(store.batches()["status"]) == ["active"]


def test_an_admin_withdraws_anyones_batch_and_sees_the_audit_and_accounts_pages(db):
    at = signed_in_page("王芳", "admin")
    with Store(db) as store:
        sample = store.batches()["batch_id"].iloc[0]
    assert withdraw_choices(at) == [sample]
    at.button(key="w_withdraw").click().run()
    assert "106 行将不再参与计算" in at.warning[0].value
    at.button(key="w_confirm").click().run()
    with Store(db) as store:
        assert list(store.batches()["status"]) == ["withdrawn"]
    admin = open_page(role="admin", name="王芳")
    assert set(ADMIN_PAGES) <= known_pages(admin)
    admin.switch_page("pages/audit.py").run()
    assert not admin.exception
    log = admin.dataframe[0].value
    assert {"import", "withdraw"} <= {a for a in log["操作"]} or {"导入实际值", "撤回批次"} <= set(log["操作"])
    assert "account:王芳" in set(log["从哪里"])


def test_an_admin_creates_an_account_on_the_accounts_page(db):
    at = open_page("pages/accounts.py", role="admin", name="王芳")
    at.text_input(key="w_new_account").input("李雷")
    at.selectbox(key="w_new_account_role").set_value("editor")
    at.text_input(key="w_new_account_password").input(PASSWORD)
    at.text_input(key="w_new_account_password_again").input(PASSWORD)
    next(b for b in at.button if b.label == "新建").click().run()
    assert not at.exception and [s.value for s in at.success] == ["已保存。"]
    with Store(db) as store:
        created = accounts.account(store, "李雷")
        assert created is not None and created.role == "editor"
        assert store.audit_log(actions=["create-user"])["origin"].tolist()[-1] == "account:王芳"
    at.selectbox(key="w_change_account").set_value("王芳")
    at.selectbox(key="w_change_role").set_value("viewer")
    at.button(key="w_set_role").click().run()
    assert "最后一位管理员" in at.error[0].value  # the last admin keeps the role


def test_a_wrong_password_is_refused_and_repeated_failures_lock_the_account(db):
    ensure_account("李雷", "editor")
    at = open_page()
    for _ in range(5):
        sign_in(at, "李雷", password="not the password")
        assert [e.value for e in at.error] == ["用户名或密码错误"]
    sign_in(at, "李雷")  # the right password, too late
    assert "锁定" in at.error[0].value and [c.value for c in at.sidebar.caption] == ["未登录(只读)"]


def test_a_wrong_password_says_only_that_name_or_password_is_wrong(db):
    at = open_page()
    sign_in(at, "nobody", password="whatever it is")
    assert [e.value for e in at.error] == ["用户名或密码错误"]


def test_an_expired_session_signs_out(db):
    ensure_account("李雷", "editor")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["auth_session"] = Session("李雷", datetime.now() - timedelta(hours=9))
    at.run()
    assert [c.value for c in at.sidebar.caption] == ["未登录(只读)"]
    at.session_state["auth_session"] = Session("李雷", datetime.now())  # a session the database accepts
    at.run()
    assert [c.value for c in at.sidebar.caption] == ["已登录:李雷(编辑者)"]
    with Store(db) as store:
        accounts.set_disabled(store, "李雷", True, accounts.Account("王芳", "admin").actor)
    at.run()
    assert [c.value for c in at.sidebar.caption] == ["未登录(只读)"]


def test_an_admin_deletes_an_added_plan_and_an_editor_cannot(db):
    from etl import add_plan as adding

    with Store(db) as store:
        meta = adding.PlanMetadata("mianyang_2026", "绵阳市2026年政府工作报告", "绵阳市", "city", 2026, 2026)
        adding.add_plan(store, meta, [adding.read_text("全年新增城镇就业5万人以上。\n")])
    editor = open_page("pages/add_plan.py", role="editor", name="李雷")
    assert not [b for b in editor.button if b.key == "w_delete_plan"]
    admin = open_page("pages/add_plan.py", role="admin", name="王芳")
    assert "删除规划 mianyang\\_2026" in admin.warning[0].value
    admin.button(key="w_delete_plan").click().run()
    assert not admin.exception
    with Store(db) as store:
        assert not store.plan_exists("mianyang_2026")
        assert store.audit_log(actions=["delete-plan"])["who"].tolist() == ["王芳"]
