"""An accepted upload as a batch: importing it in one transaction, withdrawing it, the history, and the
statuses an import changed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from targets import audit
from targets.accounts import Account, NotAllowed, require
from targets.actuals.checks import validate, validate_file
from targets.actuals.report import InvalidUpload, Report
from targets.audit import Actor
from targets.catalog import Catalog
from targets.store import BatchRecord, Store
from targets.vocab import Status

#: who writes: an account signed in to the dashboard (its role is checked), or an actor (the command
#: line, a script) that is trusted as it is; None is the command line's user
By = Account | Actor | None


@dataclass(frozen=True)
class ImportResult:
    """An accepted upload: its batch and the report it passed."""

    batch: BatchRecord
    report: Report


def new_batch_id(at: datetime) -> str:
    """A batch id that sorts by time and is unique: 20260115-093012-1a2b3c4d."""
    return f"{at:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}"


def import_actuals(
    store: Store,
    source: str | Path | bytes,
    *,
    file_name: str | None = None,
    by: By = None,
    catalog: Catalog | None = None,
) -> ImportResult:
    """Validate an upload and write it as one batch in one transaction, with its audit entry.

    `source` is a path or the file's bytes (then `file_name` names it). The uploader recorded is `by`
    (an editor's account, or an actor; module `By`). Raises NotAllowed for a viewer, InvalidUpload
    (with the report) when any row breaks a rule: then nothing is written. A failure or a killed
    process during the write leaves the database as it was.
    """
    actor = _actor(by, "editor")
    if isinstance(source, bytes):
        report = validate(store, source, file_name or "upload", catalog)
    else:
        report = validate_file(store, source, catalog)
        if file_name:
            report.file_name = file_name
    if not report.valid:
        raise InvalidUpload(report)
    accepted = report.accepted()
    frame = pd.DataFrame(
        {
            "actual_id": [uuid.uuid4().hex for _ in range(len(accepted))],
            "row_no": accepted["row"].astype("int64"),
            "region_id": accepted["region"],
            "plan_id": accepted["plan"],
            "indicator_id": accepted["indicator_id"],
            "target_id": None,
            "period": accepted["period"].astype("int64"),
            "value": accepted["value"].astype("float64"),
            "unit_raw": accepted["unit"],
            "norm_value": accepted["norm_value"].astype("float64"),
            "norm_unit": accepted["norm_unit"],
            "source": accepted["source"],
            "note": accepted["note"],
        }
    )
    with store.transaction() as cur:
        at = store.next_upload_time(cur, datetime.now())
        batch = BatchRecord(
            new_batch_id(at), report.file_name, report.sha256, len(frame), at, actor.who, origin=actor.where
        )
        store.insert_batch(cur, batch, frame)
        summary = f"{len(frame)} 行,文件 {report.file_name} / {len(frame)} rows from {report.file_name}"
        audit.record(cur, actor.who, "import", summary, actor.where, batch=batch.batch_id)
    return ImportResult(batch, report)


def _actor(by: By, needed: str) -> Actor:
    """The actor writing: an account must have the `needed` role (NotAllowed otherwise)."""
    if isinstance(by, Account):
        return require(by, needed).actor
    return by if by is not None else Actor.cli()


def may_change(by: By, batch: BatchRecord) -> bool:
    """Whether `by` may withdraw or restore `batch`: admins any batch, editors the batches they uploaded,
    the command line (an actor, not an account) any."""
    if not isinstance(by, Account):
        return True
    if by.may("admin"):
        return True
    return by.may("editor") and by.actor.owns(batch.origin)


def withdraw_batch(store: Store, batch_id: str, by: By = None) -> bool:
    """Withdraw a batch: its actuals stay in the history and stop counting. False if it already was.

    Raises targets.store.BatchNotFound for an unknown id, NotAllowed when `by` may not change it
    (`may_change`). The withdrawal and its audit entry commit together.
    """
    return _set_status(store, batch_id, by, restore=False)


def restore_batch(store: Store, batch_id: str, by: By = None) -> bool:
    """Make a withdrawn batch count again (at its upload time's place). False if it was active.

    Raises BatchNotFound, NotAllowed, as `withdraw_batch`.
    """
    return _set_status(store, batch_id, by, restore=True)


def _set_status(store: Store, batch_id: str, by: By, restore: bool) -> bool:
    batch = store.batch(batch_id)
    if not may_change(by, batch):
        raise NotAllowed(
            "编辑者只能撤回或恢复自己上传的批次", "editors may withdraw or restore only the batches they uploaded"
        )
    actor = _actor(by, "editor")
    with store.transaction() as cur:
        now = datetime.now()
        changed = store.restore_batch(cur, batch_id) if restore else store.withdraw_batch(cur, batch_id, now)
        if changed:
            verb = ("恢复", "restored") if restore else ("撤回", "withdrew")
            summary = f"{verb[0]} {batch.rows} 行({batch.file_name})/ {verb[1]} {batch.rows} rows ({batch.file_name})"
            audit.record(cur, actor.who, "restore" if restore else "withdraw", summary, actor.where, batch=batch_id)
    return changed


@dataclass(frozen=True)
class Effect:
    """What withdrawing (or restoring) a batch would do, computed without changing anything."""

    batch: BatchRecord
    #: rows of the batch that count now and would stop (withdraw), or would count again (restore)
    rows: int
    #: targets whose status would change (the columns of `status_changes`)
    changes: pd.DataFrame


def status_effect(store: Store, batch_id: str, restore: bool = False) -> Effect:
    """The rows and statuses a withdrawal (or restoration) of `batch_id` would change: the change is made
    in a transaction that is rolled back, so the comparison is the real one and nothing is written."""
    from targets.compare import comparison  # here: compare is heavy and only confirmations need it

    batch = store.batch(batch_id)
    before, in_use_now = comparison(store), _rows_in_use(store, batch_id)
    with store.trial() as cur:
        if restore:
            store.restore_batch(cur, batch_id)
        else:
            store.withdraw_batch(cur, batch_id, datetime.now())
        after, in_use_then = comparison(store), _rows_in_use(store, batch_id)
    return Effect(batch, in_use_then if restore else in_use_now, status_changes(before, after))


def _rows_in_use(store: Store, batch_id: str) -> int:
    return int(store.batches(batch_ids=[batch_id])["rows_in_use"].sum())


def batches(store: Store) -> pd.DataFrame:
    """The upload history, newest first: file, sha256, rows, time, uploader, status, rows still in use."""
    return store.batches()


def batch_rows(store: Store, batch_id: str) -> pd.DataFrame:
    """What one batch uploaded, in file order."""
    return store.batch_actuals(batch_id)


def status_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Targets whose status differs between two `targets.compare.comparison` frames.

    Columns: plan_id, plan_name_zh, indicator_id, indicator_name_zh, target_id, status_before,
    status_after, actual, actual_period, unit (the indicator's), unit_word, reason_zh, reason_en; in plan then
    indicator order.
    """
    columns = [
        "plan_id",
        "plan_name_zh",
        "indicator_id",
        "indicator_name_zh",
        "target_id",
        "status_before",
        "status_after",
        "actual",
        "actual_period",
        "unit",
        "unit_word",
        "reason_zh",
        "reason_en",
    ]
    if after.empty:
        return pd.DataFrame(columns=columns)
    keys = ["plan_id", "indicator_id", "target_id"]
    merged = after.merge(before[[*keys, "status"]], on=keys, how="left", suffixes=("_after", "_before"))
    merged["status_before"] = merged["status_before"].fillna(Status.NO_DATA)
    changed = merged[merged["status_before"] != merged["status_after"]]
    return changed[columns].sort_values(["plan_id", "indicator_id"]).reset_index(drop=True)
