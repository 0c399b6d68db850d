"""The audit log: every write with who made it, when, what it changed and from where.

Writers call `record` with the cursor of their own transaction, so the entry commits or rolls back
with the write: a write that failed leaves no entry, a write that committed always has one. The
log is append-only: the store offers no way to change or delete an entry.

`who` is the person (the account's name in the dashboard, the operating-system user on the command
line); `where` says through what: `account:<name>` or `cli:<os user>`. An `Actor` carries both.

    with store.transaction() as cur:
        store.withdraw_batch(cur, batch_id, now)
        audit.record(cur, actor.who, "withdraw", f"撤回 3 行 / withdrew 3 rows", actor.where, batch=batch_id)
"""

from __future__ import annotations

import csv
import getpass
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from targets.store import AuditEntry, Store

#: action -> (Chinese, English): every kind of write the log records
ACTIONS: dict[str, tuple[str, str]] = {
    "import": ("导入实际值", "import actuals"),
    "withdraw": ("撤回批次", "withdraw a batch"),
    "restore": ("恢复批次", "restore a batch"),
    "add-plan": ("新增规划", "add a plan"),
    "delete-plan": ("删除规划", "delete a plan"),
    "build": ("重建数据库", "rebuild the database"),
    "correct": ("更正目标", "correct a target"),
    "create-user": ("新建账户", "create an account"),
    "set-role": ("更改角色", "change a role"),
    "set-password": ("更改密码", "change a password"),
    "disable-user": ("停用账户", "disable an account"),
    "enable-user": ("启用账户", "enable an account"),
    "sign-in": ("登录", "sign in"),
    "sign-in-failed": ("登录失败", "failed sign-in"),
    "locked-out": ("账户锁定", "account locked"),
}
FORMATS = ("table", "csv", "jsonl")
COLUMNS = ("seq", "at", "who", "action", "object", "summary", "origin")


@dataclass(frozen=True)
class Actor:
    """Who is writing and through what: the account signed in to the dashboard, or the command line's user."""

    who: str
    where: str

    @classmethod
    def account(cls, name: str) -> Actor:
        """A person signed in to the dashboard."""
        return cls(name, f"account:{name}")

    @classmethod
    def cli(cls) -> Actor:
        """The operating-system user running `python -m etl`."""
        user = os_user()
        return cls(user, f"cli:{user}")

    def owns(self, origin: str | None) -> bool:
        """Whether something recorded with `origin` (a batch's) was written by this actor."""
        return origin is not None and origin == self.where


def os_user() -> str:
    """The operating-system user name (as `getpass` finds it), or "unknown"."""
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):  # no name for the uid in a bare container
        return "unknown"


def record(cur: object, who: str, action: str, what: str, where: str, **ids: str | None) -> None:
    """Append one entry inside the caller's transaction (`cur` from `Store.transaction()`, or a Store,
    which then writes it in a transaction of its own).

    `what` is a one-line summary; `ids` name the objects changed (batch=..., plan=..., account=...).
    Raises ValueError for an action not in ACTIONS.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AuditEntry(
        at=datetime.now(),
        who=who,
        action=action,
        object=", ".join(f"{kind}:{value}" for kind, value in ids.items() if value),
        summary=what,
        origin=where,
    )
    if isinstance(cur, Store):
        with cur.transaction() as own:
            Store.append_audit(own, entry)
    else:
        Store.append_audit(cur, entry)  # type: ignore[arg-type]


def log(
    store: Store,
    since: datetime | None = None,
    until: datetime | None = None,
    actions: Sequence[str] | None = None,
    who: str | None = None,
) -> pd.DataFrame:
    """The entries (oldest first) with the columns of COLUMNS, filtered by time, action and who."""
    return store.audit_log(since=since, until=until, actions=actions, who=who)


def render(entries: pd.DataFrame, fmt: str = "table") -> str:
    """The entries as an aligned table, CSV (with header) or JSON Lines."""
    rows: list[dict[str, object]] = [{c: _cell(c, r.get(c)) for c in COLUMNS} for r in entries.to_dict("records")]
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":  # for spreadsheets: a text Excel would run as a formula (a file named "=…") is neutralised
        from targets.actuals.cells import formula_start

        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(
            {c: "'" + v if isinstance(v, str) and formula_start(v) else v for c, v in r.items()} for r in rows
        )
        return out.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    shown = ("at", "who", "origin", "action", "object", "summary")
    widths = {c: max([_width(c), *(_width(str(r[c])) for r in rows)]) for c in shown[:-1]}
    lines = []
    header: dict[str, object] = {c: c for c in shown}
    for r in [header, *rows]:
        lines.append("  ".join([*(_pad(str(r[c]), widths[c]) for c in shown[:-1]), str(r["summary"])]))
    return "\n".join(lines) + "\n"


def _cell(column: str, value: object) -> object:
    if column == "at" and isinstance(value, datetime | pd.Timestamp):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if column == "seq" and isinstance(value, int | float):
        return int(value)
    return "" if value is None or (isinstance(value, float) and value != value) else value


def _width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters are two wide."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
