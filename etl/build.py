"""Build the database: every manifest document (and every plan added through the dashboard) read and
extracted on every core, and written into a new database file that replaces the old one only when the
build is complete — a failed, interrupted or killed build leaves the database as it was.

- The old database is held open (read-only) for the whole build, so no other process writes to it
  meanwhile (what it wrote would be lost), and copied to a temporary file beside it: the copy keeps what
  the build does not make — uploaded actuals and their batches, plans added in the dashboard (their
  stored files are read and extracted again, so a better intake or extractor improves every plan).
- A pool of `jobs` worker processes (default: the cores) reads each document through the intake and
  extracts it, and sends back only what is written: the document's record (text, hash) and its
  quantities as rows of the targets table. This process writes them in document order, a chunk of
  rows per transaction into the temporary file, so memory stays flat however many documents there are.
  `jobs=1` does everything in this process, with the same rows.
- The temporary file is moved over the old one at the end; on any error, Ctrl-C or SIGTERM the workers
  are ended and the temporary file removed.

Documents of any format the intake reads (PDF, .docx, web page, text) are read from their files, by
content. `init_db` makes a new database the same way: the build plus the sample actuals.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from types import FrameType

from etl import build_worker as worker
from etl.build_worker import BuildFailed, Extracted, Task, extract, worker_started
from etl.manifest import Manifest, ManifestError, load_manifest
from targets import audit, config
from targets.actuals import ActualsError, import_actuals
from targets.audit import Actor
from targets.catalog import load_catalog
from targets.store import DatabaseMissing, DocumentRecord, Store, created_marker

#: targets rows written per transaction: memory stays flat, and each statement is big enough to be cheap
CHUNK_ROWS = 5_000
#: documents submitted per worker ahead of the one being written: workers stay busy, memory stays bounded
AHEAD = 4
#: by default a build of fewer bytes of documents runs in this process: starting a worker and warming its
#: extractor costs about 1.5 s, more than the second core saves on ~3 s of extraction (the seeds: 0.35 MB)
POOL_FROM_BYTES = 2_000_000


@dataclass
class DocumentSummary:
    doc_id: str
    plan_id: str
    chars: int
    targets: int
    reported: int  # actual and baseline rows
    seconds: float

    def line(self) -> str:
        return (
            f"{self.doc_id}  {self.plan_id:<15} {self.chars:>7} chars  {self.targets:>4} targets  "
            f"{self.reported:>3} actual/baseline  {self.seconds * 1000:>6.0f} ms"
        )


@dataclass
class BuildReport:
    documents: list[DocumentSummary] = field(default_factory=list)
    seconds: float = 0.0
    jobs: int = 1  # processes that extracted

    @property
    def quantities(self) -> int:
        return sum(d.targets + d.reported for d in self.documents)


def build(
    db_path: Path | str,
    manifest_path: Path = config.MANIFEST,
    sources_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
    jobs: int | None = None,
    actor: Actor | None = None,
) -> BuildReport:
    """Extract every document of the manifest into the database at `db_path` (created if missing).

    A manifest's files are found in `sources_dir`: by default data/sources/ for the project's manifest,
    the manifest's own folder for any other. Plans added from the dashboard (plans.source = 'upload') are
    kept and their stored file is read and extracted again, unless the manifest now has a plan of the
    same id (the manifest wins). `jobs`: worker processes (default: the cores; 1 = in this process).
    Raises ManifestError for a bad manifest or a document that cannot be read, BuildFailed for a document
    that cannot be extracted, StoreError (DatabaseLocked) when another process holds the database. The
    rebuild is one audit entry by `actor` (default: the command line's user), in the new database.
    """
    started = time.perf_counter()
    manifest_path = Path(manifest_path)
    manifest = load_manifest(manifest_path)
    if sources_dir is None:
        sources_dir = config.SOURCES_DIR if manifest_path == config.MANIFEST else manifest_path.parent
    path = Path(db_path)
    with _sigterm_exits(), _held(path) as previous, _replacing(path, copy=previous is not None) as store:
        plans = {plan.plan_id for plan in manifest.plans}
        uploaded = [d for d in previous.uploaded_documents() if d.plan_id not in plans] if previous else []
        report = _fill(store, manifest, _tasks(manifest, sources_dir, uploaded), jobs, log)
        _record(store, report, actor or Actor.cli())
    _finish(report, started, path, log)
    return report


#: the uploader name recorded for the sample batch
SAMPLE_UPLOADER = "示例数据 sample"


def init_db(
    db_path: Path | str,
    sample: Path | None = config.SAMPLE_ACTUALS,
    log: Callable[[str], None] | None = None,
    jobs: int | None = None,
    actor: Actor | None = None,
) -> BuildReport:
    """Create a new database: build it from the sources, load the sample actuals as one batch.

    Used by `make run` (through `python -m etl init-db`) and by the dashboard's first start, so a
    new user sees real progress at once. The database is made in a temporary file beside `db_path`
    and moved into place when complete: an interrupted first start leaves no half-built database
    that would be taken for a finished one. A sample that fails validation is logged and left out
    (the database is still created). Raises FileExistsError when `db_path` exists, DatabaseMissing when
    it existed (its marker is there): a new database in its place would hide the loss.
    """
    started = time.perf_counter()
    actor = actor or Actor.cli()
    path = Path(db_path)
    if path.exists():
        raise FileExistsError(f"{path} exists; `python -m etl build` rebuilds it and keeps its actuals")
    if created_marker(path).exists():
        raise DatabaseMissing(str(path))
    manifest = load_manifest(config.MANIFEST)
    with _sigterm_exits(), _replacing(path, copy=False) as store:
        report = _fill(store, manifest, _tasks(manifest, config.SOURCES_DIR, []), jobs, log)
        _record(store, report, actor)
        if sample is not None and Path(sample).exists():
            _load_sample(store, Path(sample), Actor(SAMPLE_UPLOADER, actor.where), log)
    _finish(report, started, path, log)
    return report


def _record(store: Store, report: BuildReport, actor: Actor) -> None:
    """The build's audit entry, in the new database: it lands with the build or not at all."""
    n, quantities = len(report.documents), report.quantities
    what = f"{n} 份文件,{quantities} 个数值 / {n} documents, {quantities} quantities"
    with store.transaction() as cur:
        audit.record(cur, actor.who, "build", what, actor.where)


def _load_sample(store: Store, sample: Path, by: Actor, log: Callable[[str], None] | None) -> None:
    try:
        result = import_actuals(store, sample, by=by)
    except ActualsError as e:
        if log:
            log(f"sample actuals not loaded: {e}")
    else:
        if log:
            batch = result.batch
            log(f"sample actuals: {batch.rows} rows from {sample.name} (batch {batch.batch_id})")


def _finish(report: BuildReport, started: float, path: Path, log: Callable[[str], None] | None) -> None:
    report.seconds = time.perf_counter() - started
    if log:
        workers = "in process" if report.jobs == 1 else f"on {report.jobs} workers"
        log(
            f"{len(report.documents)} documents, {report.quantities} quantities in {report.seconds:.2f} s "
            f"({workers}) -> {path}"
        )


# --- what is extracted -------------------------------------------------------------------------------


def _tasks(manifest: Manifest, folder: Path, uploaded: list[DocumentRecord]) -> list[Task]:
    """The manifest's documents, then the added plans' documents; raises ManifestError for an id twice."""
    tasks = [Task(e.file, e.plan, entry=e, folder=folder) for e in manifest.documents]
    tasks += [Task(d.doc_id, d.plan_id, stored=d) for d in uploaded]
    seen: set[str] = set()
    for task in tasks:
        if task.doc_id in seen:
            raise ManifestError(f"document {task.doc_id} is listed twice (each document id once)")
        seen.add(task.doc_id)
    return tasks


# --- what is written -----------------------------------------------------------------------------------


def _fill(
    store: Store,
    manifest: Manifest,
    tasks: list[Task],
    jobs: int | None,
    log: Callable[[str], None] | None,
) -> BuildReport:
    """Write the catalog, the regions and plans, and every task's document and rows into `store`, a chunk
    at a time."""
    with store.transaction() as cur:
        store.replace_catalog(cur, load_catalog())
        for region in manifest.regions:
            store.upsert_region(cur, region)
        for plan in manifest.plans:
            store.upsert_plan(cur, plan)
        store.delete_documents(cur, [t.doc_id for t in tasks])
    report = BuildReport(jobs=_workers(jobs, len(tasks), _size(tasks)))
    chunk: list[tuple[DocumentRecord, list[tuple]]] = []
    with _extracting(tasks, report.jobs) as results:
        for task, result in zip(tasks, results, strict=True):
            record = result.record or task.stored
            assert record is not None
            chunk.append((record, result.rows))
            summary = DocumentSummary(
                record.doc_id,
                record.plan_id,
                len(record.text),
                result.targets,
                len(result.rows) - result.targets,
                result.seconds,
            )
            report.documents.append(summary)
            if log:
                log(summary.line() + ("  (added in the dashboard)" if task.stored else ""))
            if sum(len(rows) for _, rows in chunk) >= CHUNK_ROWS:
                _write(store, chunk)
    _write(store, chunk)
    return report


def _write(store: Store, chunk: list[tuple[DocumentRecord, list[tuple]]]) -> None:
    """Write the chunk's documents and rows in one transaction, and empty it."""
    if chunk:
        with store.transaction() as cur:
            store.insert_documents(cur, chunk)
        chunk.clear()


# --- the database file ---------------------------------------------------------------------------------


@contextmanager
def _held(path: Path) -> Iterator[Store | None]:
    """The database at `path`, open read-only until the block ends (so no other process can write to it
    while the build makes its replacement), or None when there is none yet. Raises DatabaseLocked when
    another process is writing to it (the dashboard), DatabaseMissing when it existed and is gone."""
    if not path.exists():
        if created_marker(path).exists():
            raise DatabaseMissing(str(path))  # never build a new one silently in its place
        yield None
        return
    if _wal(path).exists():
        Store(path).close()  # a writer that was killed left a write-ahead log: fold it in, so the copy has it
    with Store(path, read_only=True) as store:
        yield store


@contextmanager
def _replacing(path: Path, copy: bool) -> Iterator[Store]:
    """A store on a temporary file beside `path` (a copy of `path` when `copy`), moved over `path` when
    the block completes and removed when it fails or is interrupted."""
    temporary = path.with_name(path.name + ".build.tmp")
    _remove(temporary)  # what a killed build left
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if copy:
            shutil.copyfile(path, temporary)
        with Store(temporary, bulk_write=True) as store:
            yield store
        os.replace(temporary, path)
        created_marker(temporary).unlink(missing_ok=True)
        created_marker(path).touch()
    except BaseException:
        _remove(temporary)
        raise


def _wal(path: Path) -> Path:
    """DuckDB's write-ahead log of a database file."""
    return path.with_name(path.name + ".wal")


def _remove(path: Path) -> None:
    """A database file, its write-ahead log and its marker."""
    for file in (path, _wal(path), created_marker(path)):
        file.unlink(missing_ok=True)


@contextmanager
def _sigterm_exits() -> Iterator[None]:
    """For the block, SIGTERM raises SystemExit (in the main thread; elsewhere nothing changes), so a
    terminated build cleans up as an interrupted one does: workers ended, temporary file removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


# --- the worker processes ------------------------------------------------------------------------------


def _workers(jobs: int | None, tasks: int, size: int) -> int:
    """How many processes extract: `jobs`, at most one a task. By default the cores this process may use,
    or this process alone for a build of under POOL_FROM_BYTES of documents (`size`)."""
    if jobs is None:
        if size < POOL_FROM_BYTES:
            return 1
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(jobs, tasks))


def _size(tasks: list[Task]) -> int:
    """Bytes of the documents to read (a file that is missing counts 0: its task will say so)."""
    total = 0
    for task in tasks:
        if task.stored is not None:
            total += len(task.stored.source or task.stored.text.encode("utf-8"))
        elif task.folder is not None and task.entry is not None:
            path = task.folder / task.entry.file
            total += path.stat().st_size if path.is_file() else 0
    return total


@contextmanager
def _extracting(tasks: list[Task], workers: int) -> Iterator[Iterator[Extracted]]:
    """The tasks' results in task order: from a pool of `workers` processes, or from this one for one.
    When the block fails or is interrupted, the workers are ended at once."""
    if workers == 1:
        yield map(extract, tasks)
        return
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=worker_started, initargs=(os.getpid(),))
    try:
        yield _in_order(pool, tasks, AHEAD * workers)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _in_order(pool: ProcessPoolExecutor, tasks: list[Task], ahead: int) -> Iterator[Extracted]:
    """Submit the tasks, at most `ahead` waiting, and yield their results in task order."""
    pending: deque[tuple[Task, Future[Extracted]]] = deque()
    for task in tasks:
        pending.append((task, pool.submit(extract, task)))
        if len(pending) >= ahead:
            yield _result(*pending.popleft())
    while pending:
        yield _result(*pending.popleft())


def _result(task: Task, future: Future[Extracted]) -> Extracted:
    try:
        return future.result()
    except BrokenProcessPool as e:
        raise BuildFailed(f"{task.doc_id}: 提取进程意外退出 / a worker process died ({e})") from e


def _context() -> BaseContext:
    """Workers are forked from a server process that imported the extractor once (forkserver: only
    etl.build_worker, no database), never from this process, whose threads (DuckDB's, a web server's) a
    fork would copy half-way."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([worker.__name__])
    return context


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now, the running documents with them, and drop what has not started."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no terminate_workers() before 3.14
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=10)
        if process.exitcode is None:
            process.kill()
            process.join()
    # A worker ended while sending its rows leaves the pool's thread reading the rest of that message for as
    # long as a writing end of the results pipe is open, and shutdown() waiting for that thread: with the
    # workers gone ours is the last one, and closing it ends the read (the pool sees a broken pipe).
    results = getattr(pool, "_result_queue", None)
    if results is not None:
        results._writer.close()
    pool.shutdown(wait=True, cancel_futures=True)
