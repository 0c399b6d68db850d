"""An accepted upload as a batch: importing it in one transaction, withdrawing it, the history, and the
statuses an import changed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from targets.actuals.checks import validate, validate_file
from targets.actuals.report import InvalidUpload, Report
from targets.catalog import Catalog
from targets.store import BatchRecord, Store
from targets.vocab import Status


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
    uploaded_by: str | None = None,
    catalog: Catalog | None = None,
) -> ImportResult:
    """Validate an upload and write it as one batch in one transaction.

    `source` is a path or the file's bytes (then `file_name` names it). Raises InvalidUpload (with
    the report) when any row breaks a rule: then nothing is written. A failure or a killed process
    during the write leaves the database as it was.
    """
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
    by = (uploaded_by or "").strip()[:100] or None
    with store.transaction() as cur:
        at = store.next_upload_time(cur, datetime.now())
        batch = BatchRecord(new_batch_id(at), report.file_name, report.sha256, len(frame), at, by)
        store.insert_batch(cur, batch, frame)
    return ImportResult(batch, report)


def withdraw_batch(store: Store, batch_id: str) -> bool:
    """Withdraw a batch: its actuals stay in the history and stop counting. False if it already was.

    Raises targets.store.BatchNotFound for an unknown id.
    """
    with store.transaction() as cur:
        return store.withdraw_batch(cur, batch_id, datetime.now())


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
