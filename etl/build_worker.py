"""What a build worker does: read one document and extract it, and send back only what is written.

Run in the build's worker processes (and in the build process itself with `--jobs 1`). This module
imports the intake and the extractor but not the database (DuckDB, pandas): the workers' server process
(etl.build's forkserver) preloads only it, so a pooled build waits ~0.7 s less before its first result
and each worker holds less memory. Rows are made by `targets.records`, which needs no database either.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from etl.document import SourceDocument
from etl.extract import DocumentInfo, extract_document
from etl.intake import IntakeError, read_document
from etl.manifest import ManifestDocument, ManifestError
from targets.model import Quantity
from targets.records import DocumentRecord, quantity_rows


class BuildFailed(Exception):
    """A document could not be extracted (an extractor bug, or a worker that died); names the document."""


@dataclass(frozen=True)
class Task:
    """One document to read and extract: a manifest entry (its file in `folder`) or a stored document
    of a plan added in the dashboard."""

    doc_id: str
    plan_id: str
    entry: ManifestDocument | None = None
    folder: Path | None = None
    stored: DocumentRecord | None = None


@dataclass(frozen=True)
class Extracted:
    """What a worker sends back for one document: what is written, and what the summary line says."""

    record: DocumentRecord | None  # a manifest document's record; None: the task's stored record
    rows: list[tuple]  # quantities rows (targets.records.quantity_rows)
    targets: int  # rows of kind target
    seconds: float


def extract(task: Task) -> Extracted:
    """Read and extract one document: in a worker process, or in this one with jobs=1.

    Raises ManifestError when the intake refuses the file, BuildFailed (naming the document and where
    it failed) for anything else.
    """
    t0 = time.perf_counter()
    try:
        if task.stored is not None:
            from etl.add_plan import reextract  # a plan added in the dashboard: its imports only when needed

            record, quantities = None, reextract(task.stored)
        else:
            assert task.entry is not None and task.folder is not None
            record, quantities = _extract_entry(task.entry, task.folder)
    except ManifestError:
        raise
    except Exception as e:
        raise BuildFailed(_failure(task.doc_id, e)) from e
    n_target = sum(1 for q in quantities if q.kind == "target")
    return Extracted(record, quantity_rows(quantities, task.plan_id), n_target, time.perf_counter() - t0)


def _extract_entry(entry: ManifestDocument, folder: Path) -> tuple[DocumentRecord, list[Quantity]]:
    source = _read(folder / entry.file, entry.file)
    info = DocumentInfo(plan_year=entry.plan_year, target_years=entry.target_years, region=entry.region)
    record = DocumentRecord(
        entry.file,
        entry.plan,
        entry.title,
        entry.issuer,
        entry.region,
        entry.level,
        entry.plan_type,
        entry.published,
        entry.plan_year,
        entry.target_years,
        source.script,
        source.encoding,
        source.sha256,
        source.original,
        format=source.format,
        file_name=entry.file,
        source_path=entry.file,
        pages=source.pages,
        excerpt=entry.excerpt,
    )
    return record, extract_document(source, info)


def _read(path: Path, name: str) -> SourceDocument:
    """A manifest document through the intake; raises ManifestError naming the file when it cannot be read."""
    try:
        return read_document(path.read_bytes(), path.name, name=name)
    except OSError as e:
        raise ManifestError(f"{path}: {e.strerror or e}") from e
    except IntakeError as e:
        raise ManifestError(str(e)) from e


def _failure(doc_id: str, error: BaseException) -> str:
    """One line for a document whose extraction raised: the document, the error, where it was raised."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{doc_id}: 提取失败 / extraction failed: {type(error).__name__}: {error}{where}"


def worker_started(build: int) -> None:
    """In each worker: Ctrl-C is the build's to handle (it ends the workers), and the worker ends when the
    build process `build` does, however it ends (killed, it could not end them: they would wait for work
    forever, the forkserver with them)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_after, args=(build,), name="exit with the build", daemon=True).start()


def _exit_after(pid: int) -> None:
    """Wait for process `pid` to end, then end this process."""
    try:
        handle = os.pidfd_open(pid)  # Linux: readable once the process has ended
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # elsewhere: look every second
        while _running(pid):
            time.sleep(1)
    else:
        select.select([handle], [], [])
    os._exit(1)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True
