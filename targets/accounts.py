"""Accounts and roles: who may read, who may change what.

Roles, in order: **viewer** (reads everything), **editor** (uploads actuals, adds plans, withdraws
and restores its own batches), **admin** (everything, plus accounts, anyone's batches, deleting an
added plan). Passwords are kept only as salted argon2id hashes (argon2-cffi's `PasswordHasher`);
a name and password are checked by `sign_in`, which counts failures and locks an account for a
while after too many. A signed-in session is a `Session` (name and start time) that the dashboard
keeps in Streamlit's session state; `session_account` re-reads the account on every page run, so a
session ends when it expires, when the account is disabled or when its password changes, and a
new role applies at once.

Every change is written with its audit entry in one transaction (`targets.audit`).

Settings (environment variables, defaults in `Settings`):
  TARGET_MONITOR_SIGN_IN          auto | required | open: must viewers sign in? `auto` (default):
                                  reading is open when the server listens on localhost only
  TARGET_MONITOR_SESSION_HOURS    a session ends this many hours after sign-in (8)
  TARGET_MONITOR_MAX_FAILURES     failed sign-ins in a row that lock the account (5)
  TARGET_MONITOR_LOCKOUT_MINUTES  how long the lock lasts (15)
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import argon2
import pandas as pd

from targets import audit
from targets.audit import Actor
from targets.store import AccountExists, AccountNotFound, AccountRecord, Store

ROLES = ("viewer", "editor", "admin")
#: role -> (Chinese, English)
ROLE_NAMES = {"viewer": ("查看者", "viewer"), "editor": ("编辑者", "editor"), "admin": ("管理员", "admin")}
SIGN_IN_MODES = ("auto", "required", "open")
#: shortest password accepted
MIN_PASSWORD = 8
#: account names: letters (Chinese too), digits, . _ -; no spaces or markup
NAME = re.compile(r"^[\w.\-]{1,64}$")
#: addresses that mean the server is reachable from this machine only
LOCAL_ADDRESSES = ("localhost", "127.0.0.1", "::1", "[::1]")

_HASHER = argon2.PasswordHasher()  # argon2id with the library's recommended cost (RFC 9106)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so a wrong name costs the same time as a wrong password
    (made at the first sign-in, not at import: a hash costs a sixth of a second of every app start)."""
    return _HASHER.hash("not a password of anybody")


class AccountError(Exception):
    """An account operation was refused; `zh` and `en` say why in each language."""

    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en
        super().__init__(f"{zh} / {en}")


class SignInFailed(AccountError):
    """The name or the password is wrong (which one is not said), or the account is disabled."""


class AccountLocked(AccountError):
    """Too many failed sign-ins: the account is locked until `until`."""

    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(
            f"失败次数过多,账户已锁定至 {until:%H:%M};请稍后再试或联系管理员",
            f"too many failed attempts: the account is locked until {until:%H:%M}; try later or ask an admin",
        )


class NotAllowed(AccountError):
    """The account's role does not allow this."""


@dataclass(frozen=True)
class Settings:
    """How sign-in behaves; `from_env` reads the TARGET_MONITOR_* variables."""

    sign_in: str = "auto"
    session_hours: float = 8.0
    max_failures: int = 5
    lockout_minutes: float = 15.0

    @classmethod
    def from_env(cls) -> Settings:
        """The settings from the environment (module docstring); a bad value is a ValueError naming it."""
        mode = os.environ.get("TARGET_MONITOR_SIGN_IN", "auto").strip().lower() or "auto"
        if mode not in SIGN_IN_MODES:
            raise ValueError(f"TARGET_MONITOR_SIGN_IN must be one of {', '.join(SIGN_IN_MODES)}, not {mode!r}")
        return cls(
            sign_in=mode,
            session_hours=_number("TARGET_MONITOR_SESSION_HOURS", cls.session_hours),
            max_failures=int(_number("TARGET_MONITOR_MAX_FAILURES", cls.max_failures)),
            lockout_minutes=_number("TARGET_MONITOR_LOCKOUT_MINUTES", cls.lockout_minutes),
        )

    def reading_open(self, server_address: str | None) -> bool:
        """Whether a visitor who has not signed in may read: `open`, or `auto` with the server on localhost."""
        if self.sign_in != "auto":
            return self.sign_in == "open"
        return is_local(server_address)


def _number(variable: str, default: float) -> float:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{variable} must be a number, not {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{variable} must be positive, not {raw!r}")
    return value


def is_local(address: str | None) -> bool:
    """Whether a server address accepts connections from this machine only (no address = every interface)."""
    if not address:
        return False
    return address.strip().lower() in LOCAL_ADDRESSES or address.startswith("127.")


def at_least(role: str | None, needed: str) -> bool:
    """Whether `role` may do what `needed` may (viewer < editor < admin); None (not signed in) may nothing."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


@dataclass(frozen=True)
class Account:
    """An account as the rest of the program sees it (never its hash)."""

    name: str
    role: str
    disabled: bool = False

    @property
    def actor(self) -> Actor:
        return Actor.account(self.name)

    def may(self, needed: str) -> bool:
        return not self.disabled and at_least(self.role, needed)


@dataclass(frozen=True)
class Session:
    """A signed-in browser session: whose, and since when (kept in Streamlit's session state)."""

    name: str
    started_at: datetime


# --- changing accounts ------------------------------------------------------------------------------


def create_user(store: Store, name: str, password: str, role: str, actor: Actor) -> Account:
    """Create an account; raises AccountError for a bad or taken name, a weak password or an unknown role."""
    name = name.strip()
    _check_name(name)
    _check_role(role)
    _check_password(name, password)
    now = datetime.now()
    record = AccountRecord(name, _HASHER.hash(password), role, False, 0, None, now, now, None)
    with store.transaction() as cur:
        try:
            store.insert_account(cur, record)
        except AccountExists:
            raise AccountError(f"账户 {name} 已存在", f"the account {name} exists") from None
        audit.record(
            cur,
            actor.who,
            "create-user",
            f"新建账户 {name}({role})/ created {name} as {role}",
            actor.where,
            account=name,
        )
    return Account(name, role)


def set_role(store: Store, name: str, role: str, actor: Actor) -> Account:
    """Give an account another role. Refuses to take the last admin's role away."""
    _check_role(role)
    with store.transaction() as cur:
        found = _existing(store, name, cur)
        if found.role == "admin" and role != "admin" and _other_admins(store, found.name) == 0:
            raise AccountError("不能撤销最后一位管理员", "cannot take the role of the last admin")
        store.update_account(cur, found.name, role=role)
        audit.record(cur, actor.who, "set-role", f"{found.role} → {role}", actor.where, account=found.name)
    return Account(found.name, role, found.disabled)


def set_password(store: Store, name: str, password: str, actor: Actor) -> None:
    """Set a new password (ends the account's sessions) and lift a lock-out."""
    with store.transaction() as cur:
        found = _existing(store, name, cur)
        _check_password(found.name, password)
        store.update_account(
            cur,
            found.name,
            password_hash=_HASHER.hash(password),
            password_changed_at=datetime.now(),
            failed_attempts=0,
            locked_until=None,
        )
        audit.record(cur, actor.who, "set-password", "密码已更改 / password changed", actor.where, account=found.name)


def set_disabled(store: Store, name: str, disabled: bool, actor: Actor) -> None:
    """Disable an account (it can no longer sign in; its sessions end) or enable it again (lifting a lock-out)."""
    with store.transaction() as cur:
        found = _existing(store, name, cur)
        if disabled and found.role == "admin" and _other_admins(store, found.name) == 0:
            raise AccountError("不能停用最后一位管理员", "cannot disable the last admin")
        changes: dict = {"disabled": disabled}
        if not disabled:
            changes.update(failed_attempts=0, locked_until=None)
        store.update_account(cur, found.name, **changes)
        action = "disable-user" if disabled else "enable-user"
        summary = "账户已停用 / disabled" if disabled else "账户已启用 / enabled"
        audit.record(cur, actor.who, action, summary, actor.where, account=found.name)


# --- signing in ---------------------------------------------------------------------------------------


def sign_in(store: Store, name: str, password: str, settings: Settings | None = None) -> Session:
    """Check a name and password; a Session when they match.

    Raises SignInFailed (wrong name or password, or a disabled account: the message does not say
    which) or AccountLocked. A failure is counted; `settings.max_failures` in a row lock the account
    for `settings.lockout_minutes`. Successes, failures and lock-outs go to the audit log.
    """
    settings = settings or Settings.from_env()
    now = datetime.now()
    found = store.account(name.strip()) if name.strip() else None
    if found is None:
        _verify(_dummy_hash(), password)
        raise _failed()
    actor = Actor.account(found.name)
    if found.locked_until is not None and found.locked_until > now:
        raise AccountLocked(found.locked_until)
    if not _verify(found.password_hash, password) or found.disabled:
        _count_failure(store, found, settings, now)
        raise _failed()
    changes: dict = {"failed_attempts": 0, "locked_until": None, "last_sign_in": now}
    if _HASHER.check_needs_rehash(found.password_hash):
        changes["password_hash"] = _HASHER.hash(password)
    with store.transaction() as cur:
        store.update_account(cur, found.name, **changes)
        audit.record(
            cur, actor.who, "sign-in", f"登录({found.role})/ signed in as {found.role}", actor.where, account=found.name
        )
    return Session(found.name, now)


def session_account(store: Store, session: Session | None, settings: Settings | None = None) -> Account | None:
    """The account of a session while the session holds: not expired, account enabled, password unchanged."""
    if session is None:
        return None
    settings = settings or Settings.from_env()
    if datetime.now() - session.started_at > timedelta(hours=settings.session_hours):
        return None
    found = store.account(session.name)
    if found is None or found.disabled or found.password_changed_at > session.started_at:
        return None
    return Account(found.name, found.role)


def account(store: Store, name: str) -> Account | None:
    """An account by name (any case), or None."""
    found = store.account(name)
    return None if found is None else Account(found.name, found.role, found.disabled)


def accounts(store: Store) -> pd.DataFrame:
    """Every account (name, role, disabled, failed_attempts, locked_until, ...), never the hashes."""
    return store.accounts()


def require(account_: Account | None, needed: str) -> Account:
    """The account when its role allows `needed`; raises NotAllowed otherwise."""
    if account_ is None or not account_.may(needed):
        zh, en = ROLE_NAMES[needed]
        raise NotAllowed(f"需要「{zh}」或更高权限", f"this needs the {en} role or higher")
    return account_


# --- helpers ------------------------------------------------------------------------------------------


def _failed() -> SignInFailed:
    return SignInFailed("用户名或密码错误", "wrong name or password")


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def _count_failure(store: Store, found: AccountRecord, settings: Settings, now: datetime) -> None:
    failures = found.failed_attempts + 1
    actor = Actor.account(found.name)
    with store.transaction() as cur:
        if failures >= settings.max_failures:
            until = now + timedelta(minutes=settings.lockout_minutes)
            store.update_account(cur, found.name, failed_attempts=0, locked_until=until)
            summary = f"连续 {failures} 次失败,锁定至 {until:%H:%M} / {failures} failures, locked until {until:%H:%M}"
            audit.record(cur, actor.who, "locked-out", summary, actor.where, account=found.name)
        else:
            store.update_account(cur, found.name, failed_attempts=failures)
            summary = f"第 {failures} 次失败 / failure {failures} of {settings.max_failures}"
            audit.record(cur, actor.who, "sign-in-failed", summary, actor.where, account=found.name)


def _existing(store: Store, name: str, cur: object) -> AccountRecord:
    found = store.account(name, cur)  # type: ignore[arg-type]
    if found is None:
        raise AccountError(f"没有账户 {name}", f"no account {name}")
    return found


def _other_admins(store: Store, name: str) -> int:
    frame = store.accounts()
    others = frame[(frame["role"] == "admin") & (~frame["disabled"].astype(bool)) & (frame["name"] != name)]
    return len(others)


def _check_name(name: str) -> None:
    if not NAME.fullmatch(name):
        raise AccountError(
            "账户名只能由字母、汉字、数字和 . _ - 组成,最长 64 个字符",
            "an account name is letters, digits and . _ - only, at most 64 characters",
        )


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(
            f"未知角色 {role}(可选 {'、'.join(ROLES)})", f"unknown role {role} (one of {', '.join(ROLES)})"
        )


def _check_password(name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 个字符", f"a password has at least {MIN_PASSWORD} characters")
    if password.strip().lower() == name.strip().lower():
        raise AccountError("密码不能与账户名相同", "the password must not be the account name")


__all__ = [
    "MIN_PASSWORD",
    "ROLES",
    "ROLE_NAMES",
    "Account",
    "AccountError",
    "AccountLocked",
    "AccountNotFound",
    "NotAllowed",
    "Session",
    "Settings",
    "SignInFailed",
    "account",
    "accounts",
    "at_least",
    "create_user",
    "is_local",
    "require",
    "session_account",
    "set_disabled",
    "set_password",
    "set_role",
    "sign_in",
]
