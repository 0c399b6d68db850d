"""Build the database: every manifest document (and every plan added through the dashboard) extracted
and written, with the plans, in one transaction — a failed build leaves the database as it was.

Documents of any format the intake reads (PDF, .docx, web page, text) are read from their files, by
content. Uploaded actuals and added plans are kept: a rebuild reads an added plan's stored file again,
so a better intake or extractor improves every plan. `init_db` makes a new database: the build plus the
sample actuals, moved into place only when complete.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from etl.add_plan import reextract
from etl.document import SourceDocument
from etl.extract import DocumentInfo, extract_document
from etl.intake import IntakeError, read_document
from etl.manifest import ManifestError, load_manifest
from targets import audit, config
from targets.actuals import ActualsError, import_actuals
from targets.audit import Actor
from targets.catalog import load_catalog
from targets.model import Quantity
from targets.store import DatabaseMissing, DocumentRecord, Store, created_marker


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

    @property
    def quantities(self) -> int:
        return sum(d.targets + d.reported for d in self.documents)


def build(
    db_path: Path | str,
    manifest_path: Path = config.MANIFEST,
    sources_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
    actor: Actor | None = None,
) -> BuildReport:
    """Extract every document of the manifest into the database at `db_path` (created if missing).

    A manifest's files are found in `sources_dir`: by default data/sources/ for the project's manifest,
    the manifest's own folder for any other. Plans added from the dashboard (plans.source = 'upload') are
    kept and their stored file is read and extracted again, unless the manifest now has a plan of the
    same id (the manifest wins). Raises ManifestError for a bad manifest or a document that cannot be read. The
    rebuild is one audit entry by `actor` (default: the command line's user).
    """
    actor = actor or Actor.cli()
    started = time.perf_counter()
    manifest_path = Path(manifest_path)
    manifest = load_manifest(manifest_path)
    if sources_dir is None:
        sources_dir = config.SOURCES_DIR if manifest_path == config.MANIFEST else manifest_path.parent
    report = BuildReport()
    manifest_plans = {plan.plan_id for plan in manifest.plans}
    with Store(db_path) as store, store.transaction() as cur:
        uploaded = [doc for doc in store.uploaded_documents() if doc.plan_id not in manifest_plans]
        store.replace_catalog(cur, load_catalog())
        for region in manifest.regions:
            store.upsert_region(cur, region)
        for plan in manifest.plans:
            store.upsert_plan(cur, plan)
        for entry in manifest.documents:
            t0 = time.perf_counter()
            source = _read(sources_dir / entry.file, entry.file)
            info = DocumentInfo(plan_year=entry.plan_year, target_years=entry.target_years, region=entry.region)
            targets = extract_document(source, info)
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
            )
            store.replace_document(cur, record, targets)
            summary = _summary(entry.file, entry.plan, source.original, targets, time.perf_counter() - t0)
            report.documents.append(summary)
            if log:
                log(summary.line())
        for record in uploaded:
            t0 = time.perf_counter()
            targets = reextract(record)
            store.replace_document(cur, record, targets)
            summary = _summary(record.doc_id, record.plan_id, record.text, targets, time.perf_counter() - t0)
            report.documents.append(summary)
            if log:
                log(summary.line() + "  (added in the dashboard)")
        audit.record(
            cur,
            actor.who,
            "build",
            f"{len(report.documents)} 份文件,{report.quantities} 个数值 / "
            f"{len(report.documents)} documents, {report.quantities} quantities",
            actor.where,
        )
    report.seconds = time.perf_counter() - started
    if log:
        log(f"{len(report.documents)} documents, {report.quantities} quantities in {report.seconds:.2f} s -> {db_path}")
    return report


def _read(path: Path, name: str) -> SourceDocument:
    """A manifest document through the intake; raises ManifestError naming the file when it cannot be read."""
    try:
        return read_document(path.read_bytes(), path.name, name=name)
    except OSError as e:
        raise ManifestError(f"{path}: {e.strerror or e}") from e
    except IntakeError as e:
        raise ManifestError(str(e)) from e


def _summary(doc_id: str, plan_id: str, text: str, targets: list[Quantity], seconds: float) -> DocumentSummary:
    n_target = sum(1 for t in targets if t.kind == "target")
    return DocumentSummary(doc_id, plan_id, len(text), n_target, len(targets) - n_target, seconds)


#: the uploader name recorded for the sample batch
SAMPLE_UPLOADER = "示例数据 sample"


def init_db(
    db_path: Path | str,
    sample: Path | None = config.SAMPLE_ACTUALS,
    log: Callable[[str], None] | None = None,
    actor: Actor | None = None,
) -> BuildReport:
    """Create a new database: build it from the sources, load the sample actuals as one batch.

    Used by `make run` (through `python -m etl init-db`) and by the dashboard's first start, so a
    new user sees real progress at once. The database is made in a temporary file beside `db_path`
    and moved into place when complete: an interrupted first start leaves no half-built database
    that would be taken for a finished one. A sample that fails validation is logged and left out
    (the database is still created). Raises FileExistsError when `db_path` exists.
    """
    path = Path(db_path)
    if path.exists():
        raise FileExistsError(f"{path} exists; `python -m etl build` rebuilds it and keeps its actuals")
    if created_marker(path).exists():
        raise DatabaseMissing(str(path))  # it existed: a new database in its place would hide the loss
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new.tmp")
    for leftover in (temporary, temporary.with_name(temporary.name + ".wal"), created_marker(temporary)):
        leftover.unlink(missing_ok=True)
    report = build(temporary, log=log, actor=actor)
    if sample is not None and Path(sample).exists():
        with Store(temporary) as store:
            try:
                result = import_actuals(store, sample, by=Actor(SAMPLE_UPLOADER, (actor or Actor.cli()).where))
            except ActualsError as e:
                if log:
                    log(f"sample actuals not loaded: {e}")
            else:
                if log:
                    batch = result.batch
                    log(f"sample actuals: {batch.rows} rows from {Path(sample).name} (batch {batch.batch_id})")
    os.replace(temporary, path)
    created_marker(temporary).unlink(missing_ok=True)
    created_marker(path).touch()
    return report
