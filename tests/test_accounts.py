"""Accounts: salted argon2id hashes only, roles in order, lock-out after repeated failures, sessions that
expire or end when the account changes, the sign-in setting read from the server's address."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from targets import accounts
from targets.accounts import Account, Session, Settings
from targets.audit import Actor
from targets.store import Store

CLI = Actor("root", "cli:root")
PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "accounts.duckdb") as store:
        yield store


def test_passwords_are_stored_only_as_salted_argon2id_hashes(store):
    accounts.create_user(store, "alice", PASSWORD, "admin", CLI)
    accounts.create_user(store, "bob", PASSWORD, "editor", CLI)
    alice, bob = store.account("alice"), store.account("bob")
    assert alice.password_hash.startswith("$argon2id$") and bob.password_hash.startswith("$argon2id$")
    assert alice.password_hash != bob.password_hash  # the same password, another salt
    store.close()
    assert PASSWORD.encode() not in Path(store.path).read_bytes()


def test_sign_in_with_the_right_password_gives_a_session_and_resets_failures(store):
    accounts.create_user(store, "alice", PASSWORD, "editor", CLI)
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(store, "alice", "wrong password", Settings())
    assert store.account("alice").failed_attempts == 1
    session = accounts.sign_in(store, "Alice", PASSWORD, Settings())  # names match without regard to case
    assert session.name == "alice"
    assert accounts.session_account(store, session, Settings()) == Account("alice", "editor")
    assert store.account("alice").failed_attempts == 0


def test_a_wrong_name_and_a_wrong_password_give_the_same_answer(store):
    accounts.create_user(store, "alice", PASSWORD, "viewer", CLI)
    with pytest.raises(accounts.SignInFailed) as unknown:
        accounts.sign_in(store, "nobody", PASSWORD, Settings())
    with pytest.raises(accounts.SignInFailed) as wrong:
        accounts.sign_in(store, "alice", "not it at all", Settings())
    assert str(unknown.value) == str(wrong.value) == "用户名或密码错误 / wrong name or password"


def test_repeated_failures_lock_the_account_even_for_the_right_password(store):
    settings = Settings(max_failures=3, lockout_minutes=15)
    accounts.create_user(store, "alice", PASSWORD, "editor", CLI)
    for _ in range(3):
        with pytest.raises(accounts.SignInFailed):
            accounts.sign_in(store, "alice", "guess guess", settings)
    with pytest.raises(accounts.AccountLocked) as locked:
        accounts.sign_in(store, "alice", PASSWORD, settings)
    assert locked.value.until > datetime.now() + timedelta(minutes=14)
    actions = list(store.audit_log(who="alice")["action"])
    assert actions == ["sign-in-failed", "sign-in-failed", "locked-out"]


def test_a_lock_ends_by_itself_and_enabling_the_account_lifts_it(store):
    settings = Settings(max_failures=1)
    accounts.create_user(store, "alice", PASSWORD, "editor", CLI)
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(store, "alice", "guess guess", settings)
    with pytest.raises(accounts.AccountLocked):
        accounts.sign_in(store, "alice", PASSWORD, settings)
    with store.transaction() as cur:  # the lock's time has passed
        store.update_account(cur, "alice", locked_until=datetime.now() - timedelta(seconds=1))
    assert accounts.sign_in(store, "alice", PASSWORD, settings).name == "alice"
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(store, "alice", "guess guess", settings)
    accounts.set_disabled(store, "alice", False, CLI)
    assert accounts.sign_in(store, "alice", PASSWORD, settings).name == "alice"


def test_a_session_expires_and_ends_when_the_account_is_disabled_or_its_password_changes(store):
    settings = Settings(session_hours=8)
    accounts.create_user(store, "alice", PASSWORD, "admin", CLI)
    accounts.create_user(store, "bob", PASSWORD, "editor", CLI)
    old = Session("bob", datetime.now() - timedelta(hours=8, minutes=1))
    assert accounts.session_account(store, old, settings) is None
    session = accounts.sign_in(store, "bob", PASSWORD, settings)
    accounts.set_role(store, "bob", "viewer", CLI)
    assert accounts.session_account(store, session, settings) == Account("bob", "viewer")  # the new role at once
    accounts.set_password(store, "bob", "another password", CLI)
    assert accounts.session_account(store, session, settings) is None
    session = accounts.sign_in(store, "bob", "another password", settings)
    accounts.set_disabled(store, "bob", True, CLI)
    assert accounts.session_account(store, session, settings) is None
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(store, "bob", "another password", settings)


def test_roles_are_ordered_and_require_names_the_role_needed():
    assert accounts.at_least("admin", "editor") and accounts.at_least("editor", "editor")
    assert not accounts.at_least("viewer", "editor") and not accounts.at_least(None, "viewer")
    with pytest.raises(accounts.NotAllowed, match="editor"):
        accounts.require(Account("v", "viewer"), "editor")
    with pytest.raises(accounts.NotAllowed):
        accounts.require(Account("e", "editor", disabled=True), "editor")
    assert accounts.require(Account("a", "admin"), "editor").name == "a"


def test_names_passwords_and_roles_are_checked(store):
    for name, password, role in (
        ("a b", PASSWORD, "viewer"),
        ("[x](http://e.example)", PASSWORD, "viewer"),
        ("ok", "short", "viewer"),
        ("samename", "SameName", "viewer"),
        ("ok", PASSWORD, "root"),
    ):
        with pytest.raises(accounts.AccountError):
            accounts.create_user(store, name, password, role, CLI)
    accounts.create_user(store, "王芳", PASSWORD, "viewer", CLI)
    with pytest.raises(accounts.AccountError, match="exists"):
        accounts.create_user(store, "王芳", PASSWORD, "editor", CLI)
    assert list(store.accounts()["name"]) == ["王芳"]


def test_the_last_admin_keeps_the_role(store):
    accounts.create_user(store, "alice", PASSWORD, "admin", CLI)
    with pytest.raises(accounts.AccountError, match="last admin"):
        accounts.set_role(store, "alice", "editor", CLI)
    with pytest.raises(accounts.AccountError, match="last admin"):
        accounts.set_disabled(store, "alice", True, CLI)
    accounts.create_user(store, "bob", PASSWORD, "admin", CLI)
    assert accounts.set_role(store, "alice", "editor", CLI).role == "editor"


@pytest.mark.parametrize(
    ("mode", "address", "open_"),
    [
        ("auto", "localhost", True),
        ("auto", "127.0.0.1", True),
        ("auto", "::1", True),
        ("auto", "0.0.0.0", False),
        ("auto", None, False),  # no address: Streamlit listens on every interface
        ("auto", "192.0.2.10", False),
        ("required", "localhost", False),
        ("open", "0.0.0.0", True),
    ],
)
def test_reading_is_open_on_localhost_by_default(mode, address, open_):
    assert Settings(sign_in=mode).reading_open(address) is open_


def test_settings_come_from_the_environment_with_stated_defaults(monkeypatch):
    assert Settings.from_env() == Settings("auto", 8.0, 5, 15.0)
    monkeypatch.setenv("TARGET_MONITOR_SIGN_IN", "required")
    monkeypatch.setenv("TARGET_MONITOR_SESSION_HOURS", "2")
    monkeypatch.setenv("TARGET_MONITOR_MAX_FAILURES", "3")
    monkeypatch.setenv("TARGET_MONITOR_LOCKOUT_MINUTES", "30")
    assert Settings.from_env() == Settings("required", 2.0, 3, 30.0)
    monkeypatch.setenv("TARGET_MONITOR_SIGN_IN", "sometimes")
    with pytest.raises(ValueError, match="TARGET_MONITOR_SIGN_IN"):
        Settings.from_env()
