"""The one door to the database: DuckDB schema, connections, transactions and named queries.

This is the only module that imports duckdb or holds SQL. Callers get pandas DataFrames or plain
Python values back and never format values into SQL (every value is a bound parameter).

Regions are first-class: a plan belongs to a region, and an observation (a region's value of an
indicator for a year) is an uploaded actual or a figure a document reports; `observations` ranks
them per (region, indicator, year) in SQL by the precedence of `targets.origins`, keeping all.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from targets import config
from targets import corrections as fixes
from targets.catalog import Catalog, load_catalog, parse_catalog
from targets.corrections import CORRECTION_COLUMNS
from targets.model import Quantity
from targets.origins import COMMUNIQUE, EXACT_COMPARATORS, ORIGIN_RANK
from targets.records import QUANTITY_COLUMNS, DocumentRecord, PlanRecord, quantity_rows
from targets.regions import ManifestRegions, Region, RegionIndex, RegionNotFound, read_manifest

#: the schema's version, kept in `meta`; `_upgrade` brings an older database file to it
SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
CREATE TABLE IF NOT EXISTS regions (
    region_id VARCHAR PRIMARY KEY,           -- administrative division code where known (510100), else a slug
    name_zh   VARCHAR NOT NULL,
    name_en   VARCHAR,
    level     VARCHAR,                        -- national | province | city | district | county | other
    parent    VARCHAR,                        -- the region_id of the region it belongs to
    aliases   VARCHAR[]                       -- further names that find it (成都, chengdu)
);
CREATE TABLE IF NOT EXISTS plans (
    plan_id     VARCHAR PRIMARY KEY,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR,
    region_id   VARCHAR NOT NULL,            -- plans of one region share its timeline
    plan_type   VARCHAR,
    start_year  INTEGER,
    end_year    INTEGER,
    source      VARCHAR DEFAULT 'manifest'   -- manifest | upload
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id       VARCHAR PRIMARY KEY,        -- the file's base name (the contract's `doc`)
    plan_id      VARCHAR NOT NULL,
    title        VARCHAR,
    issuer       VARCHAR,
    region       VARCHAR,
    level        VARCHAR,
    plan_type    VARCHAR,                    -- the document's type; statistical_communique: all figures actuals
    published    VARCHAR,
    plan_year    INTEGER,
    target_years INTEGER[],
    script       VARCHAR,
    encoding     VARCHAR,
    sha256       VARCHAR,
    n_chars      INTEGER,
    n_lines      INTEGER,
    text         VARCHAR,                     -- the text quotes point into: the file's, or what the intake took out
    format       VARCHAR,                     -- text | html | pdf | docx
    file_name    VARCHAR,                     -- the file as uploaded or named in the manifest
    source_path  VARCHAR,                     -- manifest documents: the file under the sources folder
    source       BLOB,                        -- uploaded documents: the file's bytes, read again on a rebuild
    pages        INTEGER                      -- PDF page count
);
-- databases made before documents kept their original file
ALTER TABLE documents ADD COLUMN IF NOT EXISTS format VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS file_name VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_path VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source BLOB;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS pages INTEGER;
-- the file holds part of the document only (a newspaper excerpt): a target it lacks may be in the rest
ALTER TABLE documents ADD COLUMN IF NOT EXISTS excerpt BOOLEAN DEFAULT false;
-- every quantity a document states: targets, reported actuals and baselines (its `kind`)
CREATE TABLE IF NOT EXISTS quantities (
    target_id      VARCHAR PRIMARY KEY,       -- the quantity's id, a hash of document and span: stable across rebuilds
    doc_id         VARCHAR NOT NULL,
    plan_id        VARCHAR NOT NULL,
    line           INTEGER,
    char_start     INTEGER,
    char_end       INTEGER,
    quote          VARCHAR,
    sentence       VARCHAR,
    sentence_start INTEGER,
    indicator      VARCHAR,
    indicator_id   VARCHAR,
    category       VARCHAR,
    value          DOUBLE,
    value_low      DOUBLE,
    value_high     DOUBLE,
    unit_raw       VARCHAR,
    norm_value     DOUBLE,
    norm_low       DOUBLE,
    norm_high      DOUBLE,
    norm_unit      VARCHAR,
    dimension      VARCHAR,
    comparator     VARCHAR,
    metric         VARCHAR,
    kind           VARCHAR,
    target_year    INTEGER,
    period         VARCHAR,
    period_start   INTEGER,
    lead_unit      VARCHAR,
    area           VARCHAR,
    item           VARCHAR,
    section        VARCHAR,
    derived        BOOLEAN,
    rules          VARCHAR,
    page           INTEGER,                   -- PDF documents: page of the quote ...
    page_line      INTEGER                    -- ... and its line on that page
);
-- databases made before quantities had an area, a page
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS area VARCHAR;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS page INTEGER;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS page_line INTEGER;
-- what a planner's corrections did to a quantity (targets.corrections): the fields changed ("value,target_year",
-- "added"), by whom and when, and a "not comparable" note; NULL for a quantity as extracted
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS corrected VARCHAR;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS corrected_by VARCHAR;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS corrected_at TIMESTAMP;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS not_comparable VARCHAR;
-- a planner's corrections, kept apart from the extraction: a rebuild re-extracts a document and re-applies them
-- (Store.reapply_corrections); one whose quantity is no longer found is kept, marked orphaned
CREATE TABLE IF NOT EXISTS corrections (
    correction_id   VARCHAR PRIMARY KEY,
    action          VARCHAR NOT NULL,        -- edit | delete | merge | add
    target_id       VARCHAR,                 -- the quantity it applies to (re-found after a rebuild)
    doc_id          VARCHAR,
    plan_id         VARCHAR,
    changes         VARCHAR,                 -- JSON {field: new value}
    before          VARCHAR,                 -- JSON {field: value before}
    into_id         VARCHAR,                 -- merge: the quantity kept
    note            VARCHAR,
    anchor_quote    VARCHAR,                 -- what finds the quantity again when its span moved
    anchor_sentence VARCHAR,
    anchor_start    INTEGER,
    anchor_end      INTEGER,
    created_by      VARCHAR,
    created_from    VARCHAR,                 -- account:<name> | cli:<os user>
    created_at      TIMESTAMP,
    undone_by       VARCHAR,
    undone_at       TIMESTAMP,
    orphaned_at     TIMESTAMP                -- the last rebuild did not find its quantity
);
-- the extracted row (JSON of QUANTITY_COLUMNS) of every corrected quantity: an undo restores it
CREATE TABLE IF NOT EXISTS quantity_originals (
    target_id VARCHAR PRIMARY KEY,
    doc_id    VARCHAR NOT NULL,
    data      VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS categories (
    category_id VARCHAR PRIMARY KEY,
    name_zh     VARCHAR,
    name_en     VARCHAR
);
CREATE TABLE IF NOT EXISTS indicators (
    indicator_id VARCHAR PRIMARY KEY,
    name_zh      VARCHAR,
    name_en      VARCHAR,
    category     VARCHAR,
    direction    VARCHAR,
    norm_unit    VARCHAR,
    metric       VARCHAR,
    family       VARCHAR
);
-- the catalog the indicators above came from (data/indicators.toml, parsed, as JSON): upload checks and
-- the comparison read this one copy, so an edited TOML counts only after a rebuild, for both alike
CREATE TABLE IF NOT EXISTS catalog_source (
    loaded_at TIMESTAMP,
    data      VARCHAR
);
CREATE TABLE IF NOT EXISTS batches (
    batch_id    VARCHAR PRIMARY KEY,
    file_name   VARCHAR,
    sha256      VARCHAR,
    rows        INTEGER,
    uploaded_at TIMESTAMP,
    uploaded_by VARCHAR,
    status      VARCHAR DEFAULT 'active',    -- active | withdrawn
    withdrawn_at TIMESTAMP
);
-- uploaded actuals: a fact about a region; `plan_id` only when the file named a plan (older templates)
CREATE TABLE IF NOT EXISTS actuals (
    actual_id    VARCHAR PRIMARY KEY,
    batch_id     VARCHAR NOT NULL,
    row_no       INTEGER,
    plan_id      VARCHAR,
    indicator_id VARCHAR,
    target_id    VARCHAR,
    period       INTEGER NOT NULL,
    value        DOUBLE,
    unit_raw     VARCHAR,
    norm_value   DOUBLE,
    norm_unit    VARCHAR,
    source       VARCHAR,
    note         VARCHAR,
    uploaded_at  TIMESTAMP,
    region_id    VARCHAR
);
"""

#: accounts, the audit log, and who (which account or command line) uploaded a batch
ACCOUNTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    name                VARCHAR PRIMARY KEY,
    password_hash       VARCHAR NOT NULL,          -- argon2id, salted (targets.accounts)
    role                VARCHAR NOT NULL,          -- viewer | editor | admin
    disabled            BOOLEAN NOT NULL DEFAULT false,
    failed_attempts     INTEGER NOT NULL DEFAULT 0,
    locked_until        TIMESTAMP,
    password_changed_at TIMESTAMP NOT NULL,        -- sessions started before it end
    created_at          TIMESTAMP NOT NULL,
    last_sign_in        TIMESTAMP
);
CREATE SEQUENCE IF NOT EXISTS audit_seq;
-- append-only: this module has no UPDATE or DELETE of it (tests/test_audit.py checks)
CREATE TABLE IF NOT EXISTS audit_log (
    seq     BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
    logged_at TIMESTAMP NOT NULL,
    who     VARCHAR NOT NULL,                      -- the account, or the OS user on the command line
    action  VARCHAR NOT NULL,                      -- targets.audit.ACTIONS
    object  VARCHAR,                               -- ids of what changed: "batch:…", "plan:…", "account:…"
    summary VARCHAR,
    origin  VARCHAR NOT NULL                       -- account:<name> | cli:<os user>
);
ALTER TABLE batches ADD COLUMN IF NOT EXISTS origin VARCHAR;  -- account:<name> | cli:<os user>
"""


class StoreError(Exception):
    """The database could not be opened or written.

    `zh` and `en` are the message in each language (pages show the one of the page's language);
    `str(error)` is both, Chinese first.
    """

    def __init__(self, message: str = "", *, zh: str | None = None, en: str | None = None) -> None:
        self.zh = zh or message
        self.en = en or message
        super().__init__(message or (self.zh if self.zh == self.en else f"{self.zh} / {self.en}"))


class PlanNotFound(StoreError):
    """No plan has the given id."""


class PlanExists(StoreError):
    """A plan with the given id is already in the database."""


#: columns of the documents table, in the order DocumentRecord holds them (n_chars, n_lines derived)
_DOCUMENT_COLUMNS = (
    "doc_id",
    "plan_id",
    "title",
    "issuer",
    "region",
    "level",
    "plan_type",
    "published",
    "plan_year",
    "target_years",
    "script",
    "encoding",
    "sha256",
    "text",
    "format",
    "file_name",
    "source",
    "source_path",
    "pages",
    "excerpt",
)


#: DuckDB settings of a `bulk_write` connection. No memory limit: set low, a checkpoint fails (and the build
#: with it) once the quantities index outgrows it; committing a chunk at a time is what keeps memory flat.
_BULK_WRITE: dict[str, str | bool | int | float | list[str]] = {"threads": 1}


class Store:
    """A DuckDB database file (or ":memory:") holding regions, plans, documents, quantities and actuals.

    One Store per process; each thread reads through its own cursor (`cursor()`), and writes go
    through `transaction()`, so a failed write leaves the database as it was. A database file made
    by an older version is upgraded when it is opened (`_upgrade`), also when opened read-only.
    """

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False, bulk_write: bool = False) -> None:
        """`bulk_write`: a connection for one long write of many chunks (the build): one thread, as worker
        processes have the cores."""
        self.path = str(path)
        self._file = None if self.path == ":memory:" else Path(self.path)
        #: why writes are refused on a database opened read-only although read-write was asked ("" if not)
        self.read_only_reason = ""
        if self._file is not None and not self._file.exists() and created_marker(self._file).exists():
            raise DatabaseMissing(self.path)  # it existed: never build a new one silently in its place
        self.read_only = read_only
        self._config = _BULK_WRITE if bulk_write else None
        self._con = self._connect()
        if self.read_only and not self.read_only_reason and _needs_upgrade(self._con):
            self._con.close()  # upgrade once with write access, then serve read-only as asked
            with _connect(self.path, False) as con:
                _upgrade(con)
                con.execute(ACCOUNTS_SCHEMA)
            self._con = _connect(self.path, True)
        elif not self.read_only:
            _upgrade(self._con)
            self._con.execute(ACCOUNTS_SCHEMA)
            if self._file is not None:
                with suppress(OSError):  # a folder we may not write: the database still opens
                    created_marker(self._file).touch()
        self._identity = _file_identity(self._file)
        self._generation = 0  # bumped when the connection is reopened: thread cursors of the old one are dropped
        self._local = threading.local()
        self._write_lock = threading.RLock()

    # --- connections ------------------------------------------------------------------------------
    # The store survives what the red team threw at it: a failed write rolls back and says why in one
    # line (DiskFull, DatabaseReadOnly ...); a connection a failure broke is reopened; a database file
    # deleted or replaced under the running process is noticed before every write (DatabaseMissing,
    # DatabaseReplaced) and writes are refused, instead of going into a file nobody will see again.

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the connection (the one place the store does); a file that cannot be written opens read-only."""
        try:
            return _connect(self.path, self.read_only, self._config)
        except DatabaseLocked:
            raise
        except StoreError as e:
            if self.read_only or self._file is None or not _is_permission_error(e):
                raise
            self.read_only, self.read_only_reason = True, str(e)
            return _connect(self.path, True)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for the calling thread (DuckDB connections are not shared across threads)."""
        cur = getattr(self._local, "cursor", None)
        if cur is None or getattr(self._local, "generation", None) != self._generation:
            cur = self._con.cursor()
            self._local.cursor, self._local.generation = cur, self._generation
        return cur

    def query(self, sql: str, params: Sequence[Any] | dict | None = None) -> pd.DataFrame:
        """Run a read query with bound parameters and return a DataFrame."""
        return self._read(lambda cur: cur.execute(sql, params or []).df())

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        row = self._read(lambda cur: cur.execute(sql, params or []).fetchone())
        return row[0] if row else None

    def _read(self, run: Any) -> Any:
        """Run a read on this thread's cursor; a broken connection is reopened and the read tried once more."""
        try:
            return run(self.cursor())
        except duckdb.Error as e:
            if not self._is_broken(e):
                raise
            self.reopen()
            return run(self.cursor())

    def file_problem(self) -> StoreError | None:
        """Why writes would be refused now (file missing, replaced, read-only), or None."""
        if self.read_only:
            return DatabaseReadOnly(self.path, self.read_only_reason)
        if self._file is None:
            return None
        try:
            identity = _file_identity(self._file)
        except FileNotFoundError:
            return DatabaseMissing(self.path, while_open=True)
        if identity != self._identity:
            return DatabaseReplaced(self.path)
        return None

    def reopen(self) -> None:
        """Close the connection and open it again (after a failure left it unusable).

        Refuses (DatabaseMissing, DatabaseReplaced) when the file is not the one opened: connecting
        would create an empty database or switch to another one without anybody knowing.
        """
        with self._write_lock:
            problem = self.file_problem()
            if isinstance(problem, DatabaseMissing | DatabaseReplaced):
                raise problem
            with suppress(duckdb.Error):
                self._con.close()
            self._con = self._connect()
            self._generation += 1

    def _is_broken(self, error: Exception) -> bool:
        """Whether `error` left the connection unusable (checked by asking it something)."""
        if isinstance(error, duckdb.FatalException) or "invalidated" in str(error).lower():
            return True
        try:
            self._con.cursor().execute("SELECT 1").fetchone()
        except duckdb.Error:
            return True
        return False

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run writes atomically: everything inside commits together or not at all.

        Raises DatabaseMissing / DatabaseReplaced / DatabaseReadOnly before writing anything when the
        file cannot take the write, and DiskFull (or StoreError) when the write fails; then nothing is
        written, the connection is usable again (reopened if the failure broke it) and the next write
        works as soon as the cause is gone.
        """
        with self._write_lock:
            problem = self.file_problem()
            if problem is not None:
                raise problem
            cur = self._con.cursor()
            try:
                cur.execute("BEGIN TRANSACTION")
                try:
                    yield cur
                except BaseException:
                    _rollback(cur)
                    raise
                self._commit(cur)
            except duckdb.Error as e:
                _rollback(cur)
                raise self._write_failed(e) from e
            except OSError as e:
                if e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                    raise DiskFull(self.path, str(e)) from e
                raise
            finally:
                with suppress(duckdb.Error):
                    cur.close()

    @contextmanager
    def trial(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A transaction that is always rolled back, whose changes this thread's reads see meanwhile:
        how "what would change if…" is answered with the real queries and nothing written."""
        with self._write_lock:
            cur = self._con.cursor()
            saved = getattr(self._local, "cursor", None), getattr(self._local, "generation", None)
            cur.execute("BEGIN TRANSACTION")
            self._local.cursor, self._local.generation = cur, self._generation
            try:
                yield cur
            finally:
                self._local.cursor, self._local.generation = saved
                _rollback(cur)
                with suppress(duckdb.Error):
                    cur.close()

    def _commit(self, cur: duckdb.DuckDBPyConnection) -> None:
        """COMMIT the caller's transaction: the one place a write reaches the disk (the fault point tests
        patch to simulate a full disk)."""
        cur.execute("COMMIT")

    def _write_failed(self, error: duckdb.Error) -> StoreError:
        """The one-line error for a failed write; reopens the connection when the failure broke it."""
        if self._is_broken(error):
            try:
                self.reopen()
            except StoreError as e:
                return e
        if _is_disk_full(error):
            return DiskFull(self.path, str(error))
        if "read-only" in str(error).lower() or "read only" in str(error).lower():
            return DatabaseReadOnly(self.path, str(error))
        return StoreError(
            zh=f"写入数据库失败,未写入任何数据:{error}",
            en=f"writing to the database failed, nothing was written: {error}",
        )

    # --- regions ------------------------------------------------------------------------------------
    def upsert_region(self, cur: duckdb.DuckDBPyConnection, region: Region) -> None:
        """Insert a region or update the one with its id, inside the caller's transaction."""
        cur.execute(
            """INSERT INTO regions VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (region_id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
                   level = excluded.level, parent = excluded.parent, aliases = excluded.aliases""",
            [
                region.region_id,
                region.name_zh,
                region.name_en,
                region.level,
                region.parent,
                list(region.aliases),
            ],
        )

    def regions(self) -> pd.DataFrame:
        """Every region with its parent's name and how many plans it has, by level then id."""
        return self.query(
            """
            SELECT r.region_id, r.name_zh, r.name_en, r.level, r.parent, p.name_zh AS parent_name_zh, r.aliases,
                   (SELECT count(*) FROM plans x WHERE x.region_id = r.region_id) AS plans
            FROM regions r LEFT JOIN regions p ON p.region_id = r.parent
            ORDER BY r.region_id
            """
        )

    def region_index(self, cur: duckdb.DuckDBPyConnection | None = None) -> RegionIndex:
        """Every region, by each name and code that finds it (targets.regions.RegionIndex)."""
        rows = (
            (cur or self.cursor())
            .execute("SELECT region_id, name_zh, name_en, level, parent, aliases FROM regions")
            .fetchall()
        )
        return RegionIndex(_region(row) for row in rows)

    def region(self, region_id: str) -> Region:
        """One region by its id; raises RegionNotFound."""
        row = (
            self.cursor()
            .execute(
                "SELECT region_id, name_zh, name_en, level, parent, aliases FROM regions WHERE region_id = ?",
                [region_id],
            )
            .fetchone()
        )
        if row is None:
            raise RegionNotFound(f"no region {region_id!r}")
        return _region(row)

    def resolve_region(self, text: str) -> Region:
        """The region a name or code stands for (成都市, 510100, chengdu); raises RegionNotFound or AmbiguousRegion."""
        return self.region_index().resolve(text)

    def _plan_region(self, cur: duckdb.DuckDBPyConnection, plan: PlanRecord) -> str:
        """The region_id of a plan being written: its given id, the region its name finds, else a new region."""
        index = self.region_index(cur)
        if plan.region_id:
            if plan.region_id not in index.regions:
                region_id = index.new_id(plan.region or plan.region_id, code=plan.region_id)
                self.upsert_region(cur, Region(region_id, plan.region or plan.region_id, level=plan.level or ""))
            return plan.region_id
        if not (plan.region or "").strip():
            raise StoreError(f"plan {plan.plan_id!r} has no region")
        found = index.find(plan.region)
        if found is not None:
            return found.region_id
        region_id = index.new_id(plan.region.strip(), hint=plan.plan_id)
        self.upsert_region(cur, Region(region_id, plan.region.strip(), level=plan.level or ""))
        return region_id

    # --- plans and documents -----------------------------------------------------------------------
    def upsert_plan(self, cur: duckdb.DuckDBPyConnection, plan: PlanRecord) -> None:
        """Insert or replace a plan inside the caller's transaction; its region is found or made."""
        region_id = self._plan_region(cur, plan)
        cur.execute("DELETE FROM plans WHERE plan_id = ?", [plan.plan_id])
        _insert_plan_row(cur, plan, region_id)

    def replace_document(
        self, cur: duckdb.DuckDBPyConnection, doc: DocumentRecord, quantities: Iterable[Quantity]
    ) -> int:
        """Replace a document and all its quantities inside the caller's transaction; returns their count.

        The figures it reports are observations of its plan's region (`observations`), so replacing
        the document replaces them.
        """
        self.delete_documents(cur, [doc.doc_id])
        return self.insert_documents(cur, [(doc, quantity_rows(quantities, doc.plan_id))])

    # --- the build's bulk write (etl.build) ----------------------------------------------------------
    # A build writes hundreds of documents: their quantities arrive as rows (`quantity_rows`, made in the
    # build's worker processes) and go in a chunk of documents per statement. `insert_documents` is the
    # one way extracted quantities enter the database (the build's chunks, `replace_document` for an
    # added plan): what must follow every extraction goes at its end, in the same transaction.

    def delete_documents(self, cur: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
        """Delete documents and their quantities inside the caller's transaction (unknown ids are ignored)."""
        ids = list(doc_ids)
        cur.execute("DELETE FROM quantities WHERE doc_id IN (SELECT unnest(?))", [ids])
        cur.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids])

    def insert_documents(
        self, cur: duckdb.DuckDBPyConnection, documents: Sequence[tuple[DocumentRecord, Sequence[tuple]]]
    ) -> int:
        """Insert documents with their quantities rows (`quantity_rows`) inside the caller's transaction: a
        statement per document, one for the quantities of them all. Returns the number of quantities rows."""
        columns = ", ".join((*_DOCUMENT_COLUMNS, "n_chars", "n_lines"))
        cur.executemany(
            f"INSERT INTO documents ({columns}) VALUES ({', '.join('?' * (len(_DOCUMENT_COLUMNS) + 2))})",
            [_document_row(doc) for doc, _ in documents],
        )
        rows = [row for _, doc_rows in documents for row in doc_rows]
        if rows:
            cur.register("_incoming_quantities", pd.DataFrame(rows, columns=list(QUANTITY_COLUMNS)))
            try:
                columns = ", ".join(QUANTITY_COLUMNS)
                cur.execute(f"INSERT INTO quantities ({columns}) SELECT {columns} FROM _incoming_quantities")
            finally:
                cur.unregister("_incoming_quantities")
        # a planner's corrections of these documents, re-applied to what was just extracted (targets.corrections)
        self.reapply_corrections(cur, [doc.doc_id for doc, _ in documents], extracted=True)
        return len(rows)

    def replace_catalog(self, cur: duckdb.DuckDBPyConnection, catalog: Catalog) -> None:
        """Replace the indicators and categories tables with the catalog's, inside the caller's transaction."""
        cur.execute("DELETE FROM categories")
        cur.execute("DELETE FROM indicators")
        cur.executemany(
            "INSERT INTO categories VALUES (?, ?, ?)", [(c.id, c.zh, c.en) for c in catalog.categories.values()]
        )
        cur.executemany(
            "INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (i.id, i.name_zh, i.name_en, i.category, i.direction, i.norm_unit, i.metric, i.family)
                for i in catalog.indicators.values()
            ],
        )
        cur.execute("DELETE FROM catalog_source")
        cur.execute("INSERT INTO catalog_source VALUES (?, ?)", [datetime.now(), json.dumps(catalog.data)])

    def catalog(self) -> Catalog:
        """The catalog this database was built with (what `replace_catalog` stored), parsed once per content.

        A database made before the catalog was stored gets data/indicators.toml as it is now.
        """
        data = self.scalar("SELECT data FROM catalog_source LIMIT 1")
        return _parsed_catalog(data) if data else load_catalog()

    def plans(self) -> pd.DataFrame:
        """All plans with their region (id, names, level) and their document and quantity counts, in plan order."""
        return self.query(
            """
            SELECT p.plan_id, p.name_zh, p.name_en, r.name_zh AS region, p.region_id, r.name_en AS region_en,
                   r.level, p.plan_type, p.start_year, p.end_year, p.source,
                   (SELECT count(*) FROM documents d WHERE d.plan_id = p.plan_id) AS documents,
                   (SELECT count(*) FROM quantities q WHERE q.plan_id = p.plan_id) AS quantities,
                   (SELECT count(*) FROM quantities q WHERE q.plan_id = p.plan_id AND q.kind = 'target') AS targets
            FROM plans p LEFT JOIN regions r USING (region_id)
            ORDER BY p.end_year, p.plan_id
            """
        )

    def plan(self, plan_id: str) -> PlanRecord:
        """One plan; raises PlanNotFound."""
        rows = (
            self.cursor()
            .execute(
                """SELECT p.plan_id, p.name_zh, p.name_en, r.name_zh, r.level, p.plan_type, p.start_year, p.end_year,
                          p.source, p.region_id
                   FROM plans p LEFT JOIN regions r USING (region_id) WHERE p.plan_id = ?""",
                [plan_id],
            )
            .fetchall()
        )
        if not rows:
            raise PlanNotFound(f"no plan {plan_id!r}")
        return PlanRecord(*rows[0])

    def documents(self, plan_id: str | None = None, plans: Sequence[str] | None = None) -> pd.DataFrame:
        """Document metadata (without the text or the file) of one plan, of the given plans, or of all."""
        return self.query(
            """SELECT doc_id, plan_id, title, issuer, region, level, plan_type, published, plan_year, target_years,
                      script, encoding, sha256, n_chars, n_lines, format, file_name, pages,
                      coalesce(excerpt, false) AS excerpt,
                      (SELECT count(*) FROM quantities q WHERE q.doc_id = d.doc_id) AS quantities
               FROM documents d WHERE (? IS NULL OR plan_id = ?) AND (? IS NULL OR plan_id IN (SELECT unnest(?)))
               ORDER BY doc_id""",
            [plan_id, plan_id, *_list_filters(plans)],
        )

    def document_titles(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """doc_id -> title of the given documents (those that exist)."""
        rows = (
            self.cursor()
            .execute("SELECT doc_id, title FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)])
            .fetchall()
        )
        return {doc_id: title or "" for doc_id, title in rows}

    def document_text(self, doc_id: str) -> str | None:
        return self.scalar("SELECT text FROM documents WHERE doc_id = ?", [doc_id])

    def document_file(self, doc_id: str) -> tuple[str, bytes] | None:
        """(file name, bytes) of an uploaded document's original file, or None (a manifest or pasted document)."""
        row = (
            self.cursor()
            .execute("SELECT file_name, source FROM documents WHERE doc_id = ? AND source IS NOT NULL", [doc_id])
            .fetchone()
        )
        return (row[0] or doc_id, bytes(row[1])) if row else None

    # --- quantities ------------------------------------------------------------------------------
    def quantities(
        self,
        plans: Sequence[str] | None = None,
        categories: Sequence[str] | None = None,
        indicator_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        dimensions: Sequence[str] | None = None,
        search: str | None = None,
        limit: int | None = None,
        target_ids: Sequence[str] | None = None,
        offset: int = 0,
    ) -> pd.DataFrame:
        """Quantities (targets, actuals, baselines) matching every given filter (None or empty = no filter),
        in document order; `limit` of them from the `offset`-th when given (ORDER BY … LIMIT … OFFSET: a top-N
        in SQL; the order is total, so pages neither overlap nor skip a row)."""
        where, params = _quantity_filters(plans, categories, indicator_ids, kinds, dimensions, search, target_ids)
        sql = f"SELECT q.* FROM quantities q {where} ORDER BY {_DOCUMENT_ORDER}"
        if limit:
            sql += " LIMIT ? OFFSET ?"
            params.extend([int(limit), int(offset)])
        return self.query(sql, params)

    def quantity_position(
        self,
        target_id: str,
        plans: Sequence[str] | None = None,
        categories: Sequence[str] | None = None,
        indicator_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        dimensions: Sequence[str] | None = None,
        search: str | None = None,
    ) -> int | None:
        """Where a quantity stands (0-based) in `quantities` with the same filters, or None when they leave it
        out: the rows before it are counted in SQL, so a link opens the page that holds its row."""
        where, params = _quantity_filters(plans, categories, indicator_ids, kinds, dimensions, search, [target_id])
        if self.scalar(f"SELECT count(*) FROM quantities q {where}", params) == 0:
            return None
        where, params = _quantity_filters(plans, categories, indicator_ids, kinds, dimensions, search, None)
        before = f"({_DOCUMENT_ORDER}) < (SELECT ({_DOCUMENT_ORDER}) FROM quantities q WHERE q.target_id = ?)"
        sql = f"SELECT count(*) FROM quantities q {where} {'AND' if where else 'WHERE'} {before}"
        return int(self.scalar(sql, [*params, target_id]))

    def count_quantities(
        self,
        plans: Sequence[str] | None = None,
        categories: Sequence[str] | None = None,
        indicator_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        dimensions: Sequence[str] | None = None,
        search: str | None = None,
    ) -> int:
        """How many quantities `quantities` with the same filters returns (without a limit)."""
        where, params = _quantity_filters(plans, categories, indicator_ids, kinds, dimensions, search, None)
        return int(self.scalar(f"SELECT count(*) FROM quantities q {where}", params))

    def quantity(self, target_id: str) -> dict | None:
        """One quantity as a dict, or None."""
        frame = self.query("SELECT * FROM quantities WHERE target_id = ?", [target_id])
        return None if frame.empty else frame.iloc[0].to_dict()

    def count_by(self, column: str, plans: Sequence[str] | None = None) -> pd.DataFrame:
        """Quantity counts per plan and per value of `column` (category, kind, metric, dimension), of the
        given plans (None or empty: every plan)."""
        if column not in ("category", "kind", "metric", "dimension", "norm_unit"):
            raise ValueError(f"cannot count by {column!r}")
        return self.query(
            f"SELECT plan_id, {column}, count(*) AS n FROM quantities "
            "WHERE ? IS NULL OR plan_id IN (SELECT unnest(?)) GROUP BY ALL ORDER BY plan_id, n DESC",
            _list_filters(plans),
        )

    def distinct_values(self, column: str) -> list[str]:
        """The values `column` (dimension, norm_unit, category, kind, metric) takes in the quantities, sorted."""
        if column not in ("category", "kind", "metric", "dimension", "norm_unit"):
            raise ValueError(f"cannot list {column!r}")
        rows = (
            self.cursor()
            .execute(f"SELECT DISTINCT {column} FROM quantities WHERE {column} IS NOT NULL ORDER BY 1")
            .fetchall()
        )
        return [r[0] for r in rows]

    # --- comparison -----------------------------------------------------------------------------
    def comparison_targets(
        self,
        indicator_ids: Sequence[str] | None = None,
        plans: Sequence[str] | None = None,
        regions: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Targets that have a catalog indicator, with the indicator's, the plan's, the region's and the
        document's attributes (title, issuer, publication date: the source of every figure).

        A target set for part of the region (`area`) is kept (the comparison marks it and judges it
        against nothing); every figure of a statistical communiqué is left out (it sets no targets: its
        figures are observations). The rule trace (`rules`, kilobytes a row) is not read: no comparison shows it.
        """
        return self.query(
            f"""
            SELECT q.* EXCLUDE (rules), i.name_zh AS indicator_name_zh, i.name_en AS indicator_name_en, i.family,
                   i.direction,
                   i.norm_unit AS indicator_unit, p.name_zh AS plan_name_zh, p.name_en AS plan_name_en,
                   p.start_year AS plan_start, p.end_year AS plan_end, p.region_id, r.name_zh AS region,
                   r.name_en AS region_en, d.title AS doc_title, d.issuer AS doc_issuer, d.published AS doc_published
            FROM quantities q
            JOIN indicators i USING (indicator_id)
            JOIN plans p USING (plan_id)
            JOIN documents d USING (doc_id)
            LEFT JOIN regions r ON r.region_id = p.region_id
            WHERE {_COMPARED}
              AND (? IS NULL OR q.indicator_id IN (SELECT unnest(?)))
              AND (? IS NULL OR q.plan_id IN (SELECT unnest(?)))
              AND (? IS NULL OR p.region_id IN (SELECT unnest(?)))
            ORDER BY i.indicator_id, p.end_year, p.plan_id, q.doc_id, q.char_start
            """,
            [COMMUNIQUE, *_list_filters(indicator_ids, plans, regions)],
        )

    def observations(
        self, regions: Sequence[str] | None = None, indicator_ids: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Every observation of the regions' indicators, ranked: `rank` 1 is the one used for its
        (region, indicator, period), the others are kept and shown beside it (targets.origins).

        An observation is an active uploaded actual or a figure a document reports: its actuals and
        baselines (and every figure of a statistical communiqué) that have a catalog indicator and a
        year and are not set for part of the region. A flow over several years (五年累计, 年均增长) is
        not the year's figure and is left out. Values are in the quantity's canonical unit
        (`norm_unit`); `unit_matches` says whether that is the indicator's unit (the others rank
        after it). Columns: region_id, indicator_id, period, norm_value, norm_unit, comparator,
        origin, origin_date, rank, source_title, plan_id, doc_id, line, page, quote, sentence,
        sentence_start, char_start, char_end, target_id, batch_id, row_no, file_name, uploaded_by,
        uploaded_at, source, note, value, unit_raw.
        """
        filters = _list_filters(regions, indicator_ids)
        return self.query(
            _OBSERVATIONS,
            [*filters, COMMUNIQUE, COMMUNIQUE, *filters],
        )

    def region_indicators(self, region_id: str) -> pd.DataFrame:
        """The catalog indicators a region has targets or observations of: indicator_id, name_zh, name_en,
        family, category, targets (of its plans), observations (uploaded and reported), most targets first."""
        return self.query(
            """
            WITH stated AS (
                SELECT q.indicator_id,
                       count(*) FILTER (WHERE q.kind = 'target' AND d.plan_type IS DISTINCT FROM ?) AS targets,
                       count(*) FILTER (WHERE (q.kind IN ('actual', 'baseline') OR d.plan_type = ?)
                                        AND q.target_year IS NOT NULL) AS reported
                FROM quantities q JOIN documents d USING (doc_id) JOIN plans p ON p.plan_id = d.plan_id
                WHERE p.region_id = ? AND q.indicator_id IS NOT NULL AND q.area IS NULL
                GROUP BY q.indicator_id
            ), uploaded AS (
                SELECT a.indicator_id, count(*) AS uploaded
                FROM actuals a JOIN batches b USING (batch_id)
                WHERE b.status = 'active' AND a.region_id = ? AND a.indicator_id IS NOT NULL
                GROUP BY a.indicator_id
            )
            SELECT i.indicator_id, i.name_zh, i.name_en, i.family, i.category,
                   coalesce(s.targets, 0) AS targets, coalesce(s.reported, 0) + coalesce(u.uploaded, 0) AS observations
            FROM indicators i LEFT JOIN stated s USING (indicator_id) LEFT JOIN uploaded u USING (indicator_id)
            WHERE coalesce(s.targets, 0) + coalesce(s.reported, 0) + coalesce(u.uploaded, 0) > 0
            ORDER BY targets DESC, observations DESC, i.indicator_id
            """,
            [COMMUNIQUE, COMMUNIQUE, region_id, region_id],
        )

    def indicators(self) -> pd.DataFrame:
        """The catalog as loaded into the database, with how many targets each indicator has (`targets`) and
        how many plans set it in the comparison (`plans`: plans with a target of it that
        `comparison_targets` returns)."""
        return self.query(
            f"""
            WITH targets AS (SELECT indicator_id, count(*) AS targets FROM quantities
                             WHERE kind = 'target' AND indicator_id IS NOT NULL GROUP BY ALL),
                 compared AS (SELECT q.indicator_id, count(DISTINCT q.plan_id) AS plans
                              FROM quantities q {_COMPARED_JOINS} WHERE {_COMPARED} GROUP BY ALL)
            SELECT i.*, coalesce(t.targets, 0) AS targets, coalesce(c.plans, 0) AS plans
            FROM indicators i LEFT JOIN targets t USING (indicator_id) LEFT JOIN compared c USING (indicator_id)
            ORDER BY i.category, i.indicator_id""",
            [COMMUNIQUE],
        )

    def plans_comparing(self, indicator_ids: Sequence[str], limit: int | None = None) -> list[str]:
        """The plans that set a target of any of the indicators in the comparison, in plan order (end year,
        id), the first `limit` when given."""
        sql = f"""
            SELECT p.plan_id FROM plans p
            WHERE p.plan_id IN (SELECT q.plan_id FROM quantities q {_COMPARED_JOINS}
                                WHERE {_COMPARED} AND q.indicator_id IN (SELECT unnest(?)))
            ORDER BY p.end_year, p.plan_id"""
        params: list[Any] = [COMMUNIQUE, list(indicator_ids)]
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [r[0] for r in self.cursor().execute(sql, params).fetchall()]

    def categories(self) -> pd.DataFrame:
        return self.query("SELECT * FROM categories ORDER BY category_id")

    # --- corrections (targets.corrections) ----------------------------------------------------------
    def insert_correction(self, cur: duckdb.DuckDBPyConnection, record: dict[str, Any]) -> None:
        """Store one correction (targets.corrections.Correction.record()) inside the caller's transaction."""
        columns = ", ".join(CORRECTION_COLUMNS)
        cur.execute(
            f"INSERT INTO corrections ({columns}) VALUES ({', '.join('?' * len(CORRECTION_COLUMNS))})",
            [record.get(c) for c in CORRECTION_COLUMNS],
        )

    def set_correction_undone(self, cur: duckdb.DuckDBPyConnection, correction_id: str, by: str, at: datetime) -> None:
        cur.execute(
            "UPDATE corrections SET undone_by = ?, undone_at = ? WHERE correction_id = ? AND undone_at IS NULL",
            [by, at, correction_id],
        )

    def correction(self, correction_id: str) -> dict | None:
        """One correction as a dict, or None."""
        frame = self.query("SELECT * FROM corrections WHERE correction_id = ?", [correction_id])
        return None if frame.empty else frame.iloc[0].to_dict()

    def corrections(self, plan_id: str | None = None, target_id: str | None = None) -> pd.DataFrame:
        """Corrections (every one, undone and orphaned too), newest first; `target_id` also finds the
        merges into that quantity."""
        return self.query(
            f"""SELECT {", ".join(CORRECTION_COLUMNS)} FROM corrections
                WHERE (? IS NULL OR plan_id = ?) AND (? IS NULL OR target_id = ? OR into_id = ?)
                ORDER BY created_at DESC, correction_id DESC""",
            [plan_id, plan_id, target_id, target_id, target_id],
        )

    def reapply_corrections(
        self, cur: duckdb.DuckDBPyConnection, doc_ids: Sequence[str] | None = None, extracted: bool = False
    ) -> None:
        """Apply the active corrections of these documents (every document when None), in the order they
        were made, inside the caller's transaction: the one place corrections meet the extraction.

        `extracted=True` says the documents' quantities were just written by the extractor (a build, a
        re-added plan): they are the originals now. Otherwise the corrected quantities are first put back
        as extracted (`quantity_originals`), so an undo or a new correction starts from the extraction.
        Each correction finds its quantity by `targets.corrections.find_anchor`; one that finds none is
        marked orphaned (kept, listed), one that finds it again is no longer orphaned.
        """
        if doc_ids is None:
            doc_ids = [r[0] for r in cur.execute("SELECT doc_id FROM documents").fetchall()]
        docs = list(doc_ids)
        if not docs:
            return
        active = cur.execute(
            f"""SELECT {", ".join(CORRECTION_COLUMNS)} FROM corrections
                WHERE undone_at IS NULL AND doc_id IN (SELECT unnest(?)) ORDER BY created_at, correction_id""",
            [docs],
        ).df()
        if extracted:
            cur.execute("DELETE FROM quantity_originals WHERE doc_id IN (SELECT unnest(?))", [docs])
        else:
            self._restore_originals(cur, docs)
        if active.empty:
            return
        catalog = self._catalog(cur)
        quantities = cur.execute(
            f"SELECT {', '.join(QUANTITY_COLUMNS)} FROM quantities WHERE doc_id IN (SELECT unnest(?))", [docs]
        ).df()
        by_doc: dict[str, dict[str, dict]] = {}
        for row in quantities.to_dict("records"):
            by_doc.setdefault(row["doc_id"], {})[row["target_id"]] = {k: fixes._none(v) for k, v in row.items()}
        applied: dict[str, list] = {}  # target_id -> the corrections applied to it
        now = datetime.now()
        texts: dict[str, str] = {}
        for record in active.to_dict("records"):
            correction = fixes.Correction.from_record(record)
            rows = by_doc.setdefault(correction.doc_id or "", {})
            if correction.action == "add":
                if correction.doc_id not in texts:
                    texts[correction.doc_id or ""] = self._text(cur, correction.doc_id or "")
                try:
                    row = fixes.added_row(correction, texts[correction.doc_id or ""], catalog)
                except fixes.CorrectionError:
                    self._mark_orphaned(cur, correction.correction_id, now)
                    continue
                rows[row["target_id"]] = row
                applied.setdefault(row["target_id"], []).append(correction)
                self._mark_found(cur, correction.correction_id, row["target_id"])
                continue
            row, _rule = fixes.find_anchor(correction, list(rows.values()))
            if row is None:
                self._mark_orphaned(cur, correction.correction_id, now)
                continue
            self._mark_found(cur, correction.correction_id, row["target_id"])
            if not row["target_id"].startswith(fixes.ADDED_PREFIX):  # a target added by hand has no original
                self._keep_original(cur, row, applied)
            if correction.action in ("delete", "merge"):
                del rows[row["target_id"]]
                cur.execute("DELETE FROM quantities WHERE target_id = ?", [row["target_id"]])
                applied.pop(row["target_id"], None)
                continue
            try:
                rows[row["target_id"]] = fixes.apply_changes(row, correction.changes, catalog)
            except fixes.CorrectionError:  # no longer applicable (the indicator left the catalog …)
                self._mark_orphaned(cur, correction.correction_id, now)
                continue
            applied.setdefault(row["target_id"], []).append(correction)
        for target_id, done in applied.items():
            doc = done[0].doc_id or ""
            self._write_corrected(cur, by_doc[doc][target_id], done)

    def _restore_originals(self, cur: duckdb.DuckDBPyConnection, docs: list[str]) -> None:
        """Put the documents' corrected quantities back as extracted; drop the targets added by hand."""
        originals = cur.execute(
            "SELECT target_id, data FROM quantity_originals WHERE doc_id IN (SELECT unnest(?))", [docs]
        ).fetchall()
        cur.execute(
            "DELETE FROM quantities WHERE doc_id IN (SELECT unnest(?)) AND (corrected IS NOT NULL"
            " OR target_id IN (SELECT target_id FROM quantity_originals))",
            [docs],
        )
        if originals:
            frame = pd.DataFrame([json.loads(data) for _, data in originals], columns=list(QUANTITY_COLUMNS))  # noqa: F841
            columns = ", ".join(QUANTITY_COLUMNS)
            cur.execute(f"INSERT INTO quantities ({columns}) SELECT {columns} FROM frame")
        cur.execute("DELETE FROM quantity_originals WHERE doc_id IN (SELECT unnest(?))", [docs])

    @staticmethod
    def _keep_original(cur: duckdb.DuckDBPyConnection, row: dict, applied: dict[str, list]) -> None:
        """Keep a quantity's extracted row before its first correction of this pass changes it."""
        if row["target_id"] in applied:
            return
        data = json.dumps({c: plain_value(row.get(c)) for c in QUANTITY_COLUMNS}, ensure_ascii=False)
        cur.execute(
            "INSERT INTO quantity_originals VALUES (?, ?, ?) ON CONFLICT (target_id) DO NOTHING",
            [row["target_id"], row["doc_id"], data],
        )

    @staticmethod
    def _write_corrected(cur: duckdb.DuckDBPyConnection, row: dict, done: list) -> None:
        """Write a quantity with its corrections applied, marked with what they changed, by whom and when."""
        last = done[-1]
        values = [plain_value(row.get(c)) for c in QUANTITY_COLUMNS]
        columns = ", ".join((*QUANTITY_COLUMNS, "corrected", "corrected_by", "corrected_at", "not_comparable"))
        cur.execute("DELETE FROM quantities WHERE target_id = ?", [row["target_id"]])
        cur.execute(
            f"INSERT INTO quantities ({columns}) VALUES ({', '.join('?' * (len(QUANTITY_COLUMNS) + 4))})",
            [*values, fixes.marked_fields(done), last.created_by, last.created_at, row.get("not_comparable")],
        )

    @staticmethod
    def _mark_orphaned(cur: duckdb.DuckDBPyConnection, correction_id: str, at: datetime) -> None:
        cur.execute(
            "UPDATE corrections SET orphaned_at = coalesce(orphaned_at, ?) WHERE correction_id = ?", [at, correction_id]
        )

    @staticmethod
    def _mark_found(cur: duckdb.DuckDBPyConnection, correction_id: str, target_id: str) -> None:
        cur.execute(
            "UPDATE corrections SET orphaned_at = NULL, target_id = ? WHERE correction_id = ?",
            [target_id, correction_id],
        )

    @staticmethod
    def _text(cur: duckdb.DuckDBPyConnection, doc_id: str) -> str:
        row = cur.execute("SELECT text FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row[0] or "" if row else ""

    @staticmethod
    def _catalog(cur: duckdb.DuckDBPyConnection) -> Catalog:
        """The catalog as this transaction sees it (a build replaces it before writing documents)."""
        row = cur.execute("SELECT data FROM catalog_source LIMIT 1").fetchone()
        return _parsed_catalog(row[0]) if row and row[0] else load_catalog()

    def total(self, table: str) -> int:
        """Row count of a table (for summaries and tests)."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return int(self.scalar(f"SELECT count(*) FROM {table}"))

    # --- plans added from the dashboard (issue 5) ----------------------------------------------------
    # What `etl.add_plan` and the rebuild need to add, check and re-extract plans uploaded or pasted in
    # the dashboard (plans.source = 'upload'). Every value is a bound parameter.

    def insert_plan(self, cur: duckdb.DuckDBPyConnection, plan: PlanRecord) -> None:
        """Insert a new plan inside the caller's transaction; raises PlanExists when its id is taken."""
        if cur.execute("SELECT 1 FROM plans WHERE plan_id = ?", [plan.plan_id]).fetchone():
            raise PlanExists(f"plan {plan.plan_id!r} already exists")
        _insert_plan_row(cur, plan, self._plan_region(cur, plan))

    def plan_exists(self, plan_id: str) -> bool:
        """Whether a plan with this id is in the database."""
        return self.scalar("SELECT count(*) FROM plans WHERE plan_id = ?", [plan_id]) > 0

    def plan_of_document(self, doc_id: str) -> str | None:
        """The plan id a document belongs to, or None when no document has this id."""
        return self.scalar("SELECT plan_id FROM documents WHERE doc_id = ?", [doc_id])

    def plan_of_text(self, sha256: str) -> str | None:
        """The plan id of a stored document whose text has this SHA-256, or None."""
        return self.scalar("SELECT plan_id FROM documents WHERE sha256 = ? ORDER BY doc_id LIMIT 1", [sha256])

    def uploaded_documents(self) -> list[DocumentRecord]:
        """Documents of plans added from the dashboard (plans.source = 'upload'), with their text."""
        columns = ", ".join(f"d.{c}" for c in _DOCUMENT_COLUMNS)
        rows = (
            self.cursor()
            .execute(
                f"""SELECT {columns} FROM documents d JOIN plans p USING (plan_id)
                   WHERE p.source = ? ORDER BY d.plan_id, d.doc_id""",
                ["upload"],
            )
            .fetchall()
        )
        out = []
        for row in rows:
            values = dict(zip(_DOCUMENT_COLUMNS, row, strict=True))
            values["target_years"] = tuple(values["target_years"] or ())
            values["source"] = bytes(values["source"]) if values["source"] is not None else None
            values["format"] = values["format"] or "text"
            values["file_name"] = values["file_name"] or ""
            out.append(DocumentRecord(**values))
        return out

    # --- actuals and batches ----------------------------------------------------------------------
    # Uploaded actuals arrive in batches: one accepted file is one batch, written by `insert_batch`
    # inside the caller's transaction (targets.actuals opens it), so a batch lands whole or not at
    # all. Actuals are append-only: nothing here updates or deletes an actual. A batch is withdrawn
    # by its status, and every view reads the latest active upload per (region, indicator, period)
    # through `_latest_uploads`, so the history stays and a withdrawal only changes what counts
    # (and a document's figure for the same year counts again).

    def next_upload_time(self, cur: duckdb.DuckDBPyConnection, now: datetime) -> datetime:
        """`now`, or a microsecond after the newest batch when the clock has not passed it.

        Called inside the write transaction, so the order of upload times is the order of commits
        and "latest upload wins" never depends on two batches sharing a timestamp.
        """
        row = cur.execute("SELECT max(uploaded_at) FROM batches").fetchone()
        latest = row[0] if row else None
        if latest is not None and latest >= now:
            return latest + timedelta(microseconds=1)
        return now

    def insert_batch(self, cur: duckdb.DuckDBPyConnection, batch: BatchRecord, actuals: pd.DataFrame) -> None:
        """Write one batch and its actuals inside the caller's transaction.

        `actuals` has the columns of `ACTUAL_COLUMNS` except batch_id and uploaded_at, which come from
        `batch`. Raises BatchExists when the id is taken.
        """
        if cur.execute("SELECT 1 FROM batches WHERE batch_id = ?", [batch.batch_id]).fetchone():
            raise BatchExists(f"batch {batch.batch_id!r} already exists")
        cur.execute(
            "INSERT INTO batches (batch_id, file_name, sha256, rows, uploaded_at, uploaded_by, status, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, 'active', ?)",
            [
                batch.batch_id,
                batch.file_name,
                batch.sha256,
                batch.rows,
                batch.uploaded_at,
                batch.uploaded_by,
                batch.origin,
            ],
        )
        if actuals.empty:
            return
        frame = actuals.assign(batch_id=batch.batch_id, uploaded_at=batch.uploaded_at)[list(ACTUAL_COLUMNS)]
        frame = frame.astype({"period": "int64", "row_no": "int64", "value": "float64", "norm_value": "float64"})
        cur.register("_incoming_actuals", frame)
        try:
            cur.execute(f"INSERT INTO actuals ({', '.join(ACTUAL_COLUMNS)}) SELECT * FROM _incoming_actuals")
        finally:
            cur.unregister("_incoming_actuals")

    def withdraw_batch(self, cur: duckdb.DuckDBPyConnection, batch_id: str, at: datetime) -> bool:
        """Mark a batch withdrawn inside the caller's transaction; False when it already was.

        Raises BatchNotFound. Its actuals stay in the table (history) but stop counting.
        """
        row = cur.execute("SELECT status FROM batches WHERE batch_id = ?", [batch_id]).fetchone()
        if row is None:
            raise BatchNotFound(f"no batch {batch_id!r}")
        if row[0] == "withdrawn":
            return False
        cur.execute("UPDATE batches SET status = 'withdrawn', withdrawn_at = ? WHERE batch_id = ?", [at, batch_id])
        return True

    def restore_batch(self, cur: duckdb.DuckDBPyConnection, batch_id: str) -> bool:
        """Make a withdrawn batch count again inside the caller's transaction; False when it was active.

        Raises BatchNotFound. It takes back its place by its upload time (a later upload still wins).
        """
        row = cur.execute("SELECT status FROM batches WHERE batch_id = ?", [batch_id]).fetchone()
        if row is None:
            raise BatchNotFound(f"no batch {batch_id!r}")
        if row[0] == "active":
            return False
        cur.execute("UPDATE batches SET status = 'active', withdrawn_at = NULL WHERE batch_id = ?", [batch_id])
        return True

    def batches(
        self,
        limit: int | None = None,
        offset: int = 0,
        search: str | None = None,
        status: str | None = None,
        batch_ids: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Batches, newest first, with `rows_in_use`: how many of its actuals are the latest for their key.

        Every batch without a limit; else `limit` of them from the `offset`-th, and the rows in use counted
        for those only: the keys their actuals upload, judged against every upload of those keys (only the
        winner's batch id is aggregated, not its row). `search` is a text in the file name or the uploader,
        `status` 'active' or 'withdrawn', `batch_ids` the batches wanted (filtered in SQL)."""
        where, params = _batch_filters(search, status, batch_ids)
        page = f"SELECT * FROM batches b {where} ORDER BY b.uploaded_at DESC, b.batch_id DESC"
        if limit:
            page += " LIMIT ? OFFSET ?"
            params.extend([int(limit), int(offset)])
        keys = (  # the keys the page's batches upload (every key when every batch is asked for)
            "AND (a.region_id, a.indicator_id, a.period) IN (SELECT DISTINCT a.region_id, a.indicator_id, a.period "
            "FROM actuals a WHERE a.batch_id IN (SELECT batch_id FROM page))"
            if limit or where
            else ""
        )
        return self.query(
            f"""
            WITH page AS ({page}),
            latest AS (SELECT {_latest("a.batch_id")} AS batch_id {_LATEST_FROM} {keys} {_LATEST_GROUP})
            SELECT b.batch_id, b.file_name, b.sha256, b.rows, b.uploaded_at, b.uploaded_by, b.status, b.withdrawn_at,
                   b.origin, coalesce(u.in_use, 0) AS rows_in_use
            FROM page b
            LEFT JOIN (SELECT batch_id, count(*) AS in_use FROM latest GROUP BY batch_id) u USING (batch_id)
            ORDER BY b.uploaded_at DESC, b.batch_id DESC
            """,
            params,
        )

    def count_batches(self, search: str | None = None, status: str | None = None) -> int:
        """How many batches `batches` with the same filters returns (without a limit)."""
        where, params = _batch_filters(search, status, None)
        return int(self.scalar(f"SELECT count(*) FROM batches b {where}", params))

    def batch(self, batch_id: str) -> BatchRecord:
        """One batch; raises BatchNotFound."""
        row = (
            self.cursor()
            .execute(
                "SELECT batch_id, file_name, sha256, rows, uploaded_at, uploaded_by, status, withdrawn_at, origin "
                "FROM batches WHERE batch_id = ?",
                [batch_id],
            )
            .fetchone()
        )
        if row is None:
            raise BatchNotFound(f"no batch {batch_id!r}")
        return BatchRecord(*row)

    def batches_with_sha256(self, sha256: str) -> pd.DataFrame:
        """Batches whose file had this SHA-256 (the same file uploaded before), newest first."""
        return self.query(
            "SELECT batch_id, file_name, uploaded_at, uploaded_by, status FROM batches WHERE sha256 = ? "
            "ORDER BY uploaded_at DESC",
            [sha256],
        )

    def batch_actuals(self, batch_id: str) -> pd.DataFrame:
        """The actuals of one batch in file order, whatever the batch's status."""
        return self.query(
            f"SELECT {', '.join(ACTUAL_COLUMNS)} FROM actuals WHERE batch_id = ? ORDER BY row_no", [batch_id]
        )

    def current_actuals(self, regions: Sequence[str] | None = None) -> pd.DataFrame:
        """The uploaded actuals that count now: the latest active upload per (region, indicator, period)."""
        return self.query(_CURRENT_ACTUALS, _list_filters(regions))

    def current_actuals_chunks(
        self, regions: Sequence[str] | None = None, rows: int = 50_000
    ) -> Iterator[pd.DataFrame]:
        """`current_actuals` as frames of about `rows` rows each, read as DuckDB yields them (a nation's
        current actuals are millions of rows: never one frame)."""
        cur = self._con.cursor()  # its own cursor: the caller may query between chunks
        try:
            result = cur.execute(_CURRENT_ACTUALS, _list_filters(regions))
            while True:
                batch = result.fetchmany(rows)
                if not batch:
                    return
                yield pd.DataFrame(batch, columns=[d[0] for d in result.description])
        finally:
            cur.close()

    def comparison_counts(
        self, indicator_ids: Sequence[str] | None = None, plans: Sequence[str] | None = None
    ) -> list[tuple[str, int]]:
        """(indicator_id, targets) of `comparison_targets` with these filters, in its (indicator) order."""
        rows = (
            self.cursor()
            .execute(
                f"""SELECT q.indicator_id, count(*) FROM quantities q {_COMPARED_JOINS}
                    WHERE {_COMPARED} AND (? IS NULL OR q.indicator_id IN (SELECT unnest(?)))
                      AND (? IS NULL OR q.plan_id IN (SELECT unnest(?)))
                    GROUP BY ALL ORDER BY q.indicator_id""",
                [COMMUNIQUE, *_list_filters(indicator_ids, plans)],
            )
            .fetchall()
        )
        return [(indicator_id, int(n)) for indicator_id, n in rows]

    # --- plans removed (admins) ------------------------------------------------------------------------

    def delete_plan(self, cur: duckdb.DuckDBPyConnection, plan_id: str) -> tuple[int, int]:
        """Delete a plan with its documents and targets inside the caller's transaction; returns
        (documents, targets) deleted. Raises PlanNotFound. Uploaded actuals stay (append-only history)."""
        if not cur.execute("SELECT 1 FROM plans WHERE plan_id = ?", [plan_id]).fetchone():
            raise PlanNotFound(f"no plan {plan_id!r}")
        n_targets = (cur.execute("SELECT count(*) FROM quantities WHERE plan_id = ?", [plan_id]).fetchone() or (0,))[0]
        n_docs = (cur.execute("SELECT count(*) FROM documents WHERE plan_id = ?", [plan_id]).fetchone() or (0,))[0]
        cur.execute("DELETE FROM quantities WHERE plan_id = ?", [plan_id])
        cur.execute("DELETE FROM documents WHERE plan_id = ?", [plan_id])
        cur.execute("DELETE FROM plans WHERE plan_id = ?", [plan_id])
        return int(n_docs), int(n_targets)

    # --- accounts --------------------------------------------------------------------------------------
    # targets.accounts decides (roles, hashing, lock-out); these only read and write the rows.

    def insert_account(self, cur: duckdb.DuckDBPyConnection, account: AccountRecord) -> None:
        """Insert an account inside the caller's transaction; raises AccountExists when the name is taken."""
        if cur.execute("SELECT 1 FROM accounts WHERE lower(name) = lower(?)", [account.name]).fetchone():
            raise AccountExists(f"account {account.name!r} already exists")
        cur.execute(
            f"INSERT INTO accounts ({', '.join(ACCOUNT_COLUMNS)}) VALUES ({', '.join('?' * len(ACCOUNT_COLUMNS))})",
            [getattr(account, c) for c in ACCOUNT_COLUMNS],
        )

    def update_account(self, cur: duckdb.DuckDBPyConnection, name: str, **changes: Any) -> None:
        """Change fields of an account inside the caller's transaction; raises AccountNotFound."""
        unknown = set(changes) - set(ACCOUNT_COLUMNS[1:])
        if unknown:
            raise ValueError(f"cannot change {sorted(unknown)}")
        if not cur.execute("SELECT 1 FROM accounts WHERE name = ?", [name]).fetchone():
            raise AccountNotFound(f"no account {name!r}")
        assignments = ", ".join(f"{column} = ?" for column in changes)
        cur.execute(f"UPDATE accounts SET {assignments} WHERE name = ?", [*changes.values(), name])

    def account(self, name: str, cur: duckdb.DuckDBPyConnection | None = None) -> AccountRecord | None:
        """One account (matched without regard to case), or None."""
        sql = f"SELECT {', '.join(ACCOUNT_COLUMNS)} FROM accounts WHERE lower(name) = lower(?)"
        try:
            row = (cur or self.cursor()).execute(sql, [name]).fetchone()
        except duckdb.CatalogException:  # a read-only database made before accounts existed
            return None
        return AccountRecord(*row) if row else None

    def accounts(self) -> pd.DataFrame:
        """Every account without its password hash, by name."""
        try:
            return self.query(
                "SELECT name, role, disabled, failed_attempts, locked_until, created_at, last_sign_in, "
                "password_changed_at FROM accounts ORDER BY name"
            )
        except duckdb.CatalogException:
            return pd.DataFrame(columns=["name", "role", "disabled", "failed_attempts", "locked_until"])

    # --- the audit log ---------------------------------------------------------------------------------
    # Append-only: `append_audit` inserts, `audit_log` reads; nothing here updates or deletes a row.

    @staticmethod
    def append_audit(cur: duckdb.DuckDBPyConnection, entry: AuditEntry) -> None:
        """Append one entry inside the caller's transaction (so it commits or rolls back with the write)."""
        cur.execute(
            "INSERT INTO audit_log (logged_at, who, action, object, summary, origin) VALUES (?, ?, ?, ?, ?, ?)",
            [entry.at, entry.who, entry.action, entry.object, entry.summary, entry.origin],
        )

    def audit_log(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        actions: Sequence[str] | None = None,
        who: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Audit entries, oldest first, filtered by time (since inclusive, until exclusive), action and who."""
        sql = (
            'SELECT seq, logged_at AS "at", who, action, object, summary, origin FROM audit_log '
            "WHERE (? IS NULL OR logged_at >= ?) AND (? IS NULL OR logged_at < ?) "
            "AND (? IS NULL OR action IN (SELECT unnest(?))) AND (? IS NULL OR who = ?) ORDER BY seq"
        )
        chosen = list(actions) if actions else None
        params: list = [since, since, until, until, chosen, chosen, who or None, who or None]
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        try:
            return self.query(sql, params)
        except duckdb.CatalogException:
            return pd.DataFrame(columns=["seq", "at", "who", "action", "object", "summary", "origin"])


# --- accounts and the audit log (module level) ---------------------------------------------------

#: columns of the accounts table, in table order
ACCOUNT_COLUMNS = (
    "name",
    "password_hash",
    "role",
    "disabled",
    "failed_attempts",
    "locked_until",
    "password_changed_at",
    "created_at",
    "last_sign_in",
)


@dataclass(frozen=True)
class AccountRecord:
    """An account as stored: the name people sign in with, the salted hash, the role, the lock-out state."""

    name: str
    password_hash: str
    role: str
    disabled: bool
    failed_attempts: int
    locked_until: datetime | None
    password_changed_at: datetime
    created_at: datetime
    last_sign_in: datetime | None


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log: who did what, when, from where."""

    at: datetime
    who: str
    action: str
    object: str
    summary: str
    origin: str


class AccountExists(StoreError):
    """An account with this name (in any case) exists."""


class AccountNotFound(StoreError):
    """No account has this name."""


# --- actuals and batches (module level) ----------------------------------------------------------

#: columns of the actuals table an upload writes
ACTUAL_COLUMNS = (
    "actual_id",
    "batch_id",
    "row_no",
    "region_id",
    "plan_id",
    "indicator_id",
    "target_id",
    "period",
    "value",
    "unit_raw",
    "norm_value",
    "norm_unit",
    "source",
    "note",
    "uploaded_at",
)


def _latest_uploads(where: str = "") -> str:
    """SQL of the uploaded actuals that count: per (region, indicator, period) the latest active upload, and
    within one file the later row, with the batch's file name and uploader. The one definition of "latest
    wins" (a hash aggregate, max_by: a third of a window's sort at 1M actuals). `where` adds conditions on
    `a` (actuals); it is SQL from this module, never input."""
    return f"""
    SELECT u.*, b.file_name, b.uploaded_by FROM (
        SELECT unnest({_latest("a")}) {_LATEST_FROM} {where} {_LATEST_GROUP}
    ) u JOIN batches b USING (batch_id)"""


def _latest(value: str) -> str:
    """The aggregate of `value` (an actuals column, or `a` for the whole row) of the latest upload of a key."""
    return f"max_by({value}, (a.uploaded_at, a.row_no))"


#: the uploads that may count, grouped per key (`_latest_uploads`)
_LATEST_FROM = "FROM actuals a JOIN batches b USING (batch_id) WHERE b.status = 'active' AND a.indicator_id IS NOT NULL"
_LATEST_GROUP = "GROUP BY a.region_id, a.indicator_id, a.period"


#: the uploaded actuals that count now, with their region's name (`Store.current_actuals`); bound parameters:
#: the region filter twice
_CURRENT_ACTUALS = f"""
    WITH latest AS ({_latest_uploads("AND (? IS NULL OR a.region_id IN (SELECT unnest(?)))")})
    SELECT latest.region_id, r.name_zh AS region, plan_id, indicator_id, period, value, unit_raw, norm_value,
           norm_unit, source, note, batch_id, row_no, uploaded_at, file_name, uploaded_by
    FROM latest LEFT JOIN regions r ON r.region_id = latest.region_id
    ORDER BY latest.region_id, indicator_id, period
"""

#: tables `Store.total` counts
TABLES = (
    "regions",
    "plans",
    "documents",
    "quantities",
    "indicators",
    "categories",
    "actuals",
    "batches",
    "corrections",
)
#: SQL of the origin precedence (targets.origins), built from constants, never from input
_ORIGIN_RANK_SQL = "CASE origin " + " ".join(f"WHEN '{o}' THEN {r}" for o, r in ORIGIN_RANK.items()) + " END"
_EXACT = "(" + ", ".join(f"'{c}'" for c in EXACT_COMPARATORS) + ")"

#: every observation of some regions' indicators, ranked per (region, indicator, period) (`Store.observations`):
#: the latest active upload of each figure (older uploads are its history, not another source) and every
#: figure the region's documents report; bound parameters: the two filters, the communiqué type twice, the
#: two filters again
_OBSERVATIONS = f"""
    WITH latest AS ({
    _latest_uploads(
        "AND a.region_id IS NOT NULL AND (? IS NULL OR a.region_id IN (SELECT unnest(?)))"
        " AND (? IS NULL OR a.indicator_id IN (SELECT unnest(?)))"
    )
}
    ), uploaded AS (
        SELECT region_id, indicator_id, period, norm_value, norm_unit, NULL::VARCHAR AS comparator,
               'upload' AS origin, uploaded_at AS origin_date, file_name AS source_title, plan_id,
               NULL::VARCHAR AS doc_id, NULL::INTEGER AS line, NULL::INTEGER AS page, NULL::VARCHAR AS quote,
               NULL::VARCHAR AS sentence, NULL::INTEGER AS sentence_start, NULL::INTEGER AS char_start,
               NULL::INTEGER AS char_end, NULL::VARCHAR AS target_id, batch_id, row_no, file_name,
               uploaded_by, uploaded_at, source, note, value, unit_raw, -row_no AS position
        FROM latest
    ), reported AS (
        SELECT p.region_id, q.indicator_id, q.target_year AS period,
               coalesce(q.norm_value, (q.norm_low + q.norm_high) / 2, q.norm_low, q.norm_high) AS norm_value,
               q.norm_unit, q.comparator,
               CASE WHEN d.plan_type = ? THEN 'communique' WHEN q.kind = 'baseline' THEN 'baseline'
                    ELSE 'review' END AS origin,
               coalesce(try_cast(nullif(d.published, '') AS TIMESTAMP),
                        make_timestamp(d.plan_year, 1, 1, 0, 0, 0)) AS origin_date,
               d.title AS source_title, q.plan_id, q.doc_id, q.line, q.page, q.quote, q.sentence,
               q.sentence_start,
               q.char_start, q.char_end, q.target_id, NULL::VARCHAR AS batch_id, NULL::INTEGER AS row_no,
               NULL::VARCHAR AS file_name, NULL::VARCHAR AS uploaded_by, NULL::TIMESTAMP AS uploaded_at,
               NULL::VARCHAR AS source, NULL::VARCHAR AS note, q.value, q.unit_raw,
               (CASE WHEN q.comparator IN {_EXACT} THEN 0 ELSE 1 END) * 1e9 + q.char_start AS position
        FROM quantities q JOIN documents d USING (doc_id) JOIN plans p ON p.plan_id = d.plan_id
        WHERE (q.kind IN ('actual', 'baseline') OR d.plan_type = ?)
          AND q.indicator_id IS NOT NULL AND q.target_year IS NOT NULL AND q.area IS NULL
          AND NOT (q.period = 'cumulative' AND q.metric IN ('increment', 'growth_rate'))
          AND (? IS NULL OR p.region_id IN (SELECT unnest(?)))
          AND (? IS NULL OR q.indicator_id IN (SELECT unnest(?)))
    ), candidates AS (
        SELECT o.*, o.norm_unit IS NOT DISTINCT FROM i.norm_unit AS unit_matches
        FROM (SELECT * FROM uploaded UNION ALL BY NAME SELECT * FROM reported) o
        LEFT JOIN indicators i USING (indicator_id)
        WHERE o.norm_value IS NOT NULL AND isfinite(o.norm_value)
    )
    SELECT * EXCLUDE (position, origin_rank),
           row_number() OVER (PARTITION BY region_id, indicator_id, period
                              ORDER BY NOT unit_matches, origin_rank, origin_date DESC NULLS LAST,
                                       position, doc_id, batch_id) AS rank
    FROM (SELECT *, {_ORIGIN_RANK_SQL} AS origin_rank FROM candidates)
    ORDER BY region_id, indicator_id, period, rank
"""


class BatchNotFound(StoreError):
    """No batch has the given id."""


class BatchExists(StoreError):
    """A batch with the given id is already stored."""


class DatabaseLocked(StoreError):
    """Another process holds the database file (DuckDB allows one writing process per file)."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            zh=f"数据库 {path} 正被另一个进程占用(例如正在运行的仪表板);请先停止该进程,或在仪表板的"
            f"「实际值」页面上传。",
            en=f"The database {path} is in use by another process (such as the running "
            f"dashboard): stop it, or upload through the dashboard's Actuals page. ({detail})",
        )


class DiskFull(StoreError):
    """A write failed because the disk (or the file size allowed) is full; nothing was written."""

    def __init__(self, path: str, detail: str = "") -> None:
        self.path, self.detail = path, detail
        super().__init__(
            zh=f"磁盘已满:数据库 {path} 无法写入,本次未写入任何数据;请释放磁盘空间后重试。",
            en=f"disk full: the database {path} cannot be written, nothing was written; free some space and retry.",
        )


class DatabaseReadOnly(StoreError):
    """The database file can be read but not written (permissions, a read-only disk); writes are refused."""

    def __init__(self, path: str, detail: str = "") -> None:
        self.path, self.detail = path, detail
        super().__init__(
            zh=f"数据库 {path} 只读(没有写入权限),可以浏览,不能上传或修改。",
            en=f"the database {path} is read-only (no write permission): browsing works, uploads and changes do not.",
        )


class DatabaseMissing(StoreError):
    """The database file is gone although it existed (deleted while the app ran, or before a restart)."""

    def __init__(self, path: str, while_open: bool = False) -> None:
        self.path = path
        marker = created_marker(Path(path))
        if while_open:
            zh = (
                f"数据库文件 {path} 已被删除或移走:为免数据丢失,已停止一切写入。"
                "请恢复该文件(或从备份恢复)后重启仪表板。"
            )
            en = (
                f"the database file {path} was deleted or moved: writes are refused so nothing is lost. Put the "
                f"file back (or restore a backup) and restart the dashboard."
            )
        else:
            zh = (
                f"数据库文件 {path} 不见了,但它曾经存在(标记文件 {marker}):不会自动新建空数据库。请从备份恢复;"
                f"确要重新建库,删除 {marker} 后再运行。"
            )
            en = (
                f"the database file {path} is missing although it existed (marker {marker}): no new database is "
                f"built in its place. Restore it from a backup; to start afresh on purpose, delete {marker} first."
            )
        super().__init__(zh=zh, en=en)


class DatabaseReplaced(StoreError):
    """The database file was replaced by another file while the app ran; writes are refused."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            zh=f"数据库文件 {path} 在运行中被另一个文件替换:为免写入错误的数据库,已停止写入。请重启仪表板。",
            en=f"the database file {path} was replaced by another file while running: writes are refused. "
            f"Restart the dashboard.",
        )


def created_marker(path: Path) -> Path:
    """The file beside a database that says it existed (`targets.duckdb.created`): a missing database with
    this marker is an accident to report, not a first start."""
    return path.with_name(path.name + ".created")


def _file_identity(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open (a failed COMMIT has already ended it)."""
    with suppress(duckdb.Error):
        cur.execute("ROLLBACK")


def _is_lock_error(error: Exception) -> bool:
    text = str(error).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def _is_permission_error(error: Exception) -> bool:
    text = str(error).lower()
    return "permission denied" in text or "read-only file system" in text


def _is_disk_full(error: Exception) -> bool:
    text = str(error).lower()
    return any(s in text for s in ("no space left", "file too large", "disk full", "disk quota", "not enough space"))


@dataclass(frozen=True)
class BatchRecord:
    """One accepted upload: the file it came from, when, by whom, and whether it still counts."""

    batch_id: str
    file_name: str
    sha256: str
    rows: int
    uploaded_at: datetime
    uploaded_by: str | None
    status: str = "active"
    withdrawn_at: datetime | None = None
    #: who wrote it, as the audit log says it: account:<name> or cli:<os user>
    origin: str | None = None


def _insert_plan_row(cur: duckdb.DuckDBPyConnection, plan: PlanRecord, region_id: str) -> None:
    cur.execute(
        "INSERT INTO plans (plan_id, name_zh, name_en, region_id, plan_type, start_year, end_year, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            plan.plan_id,
            plan.name_zh,
            plan.name_en,
            region_id,
            plan.plan_type,
            plan.start_year,
            plan.end_year,
            plan.source,
        ],
    )


def _region(row: Sequence[Any]) -> Region:
    region_id, name_zh, name_en, level, parent, aliases = row
    return Region(region_id, name_zh, name_en or "", level or "", parent, tuple(aliases or ()))


#: the order of the Targets page and of `Store.quantities`: document order, the id breaking ties (so a page cut
#: by LIMIT/OFFSET is the same on every run)
_DOCUMENT_ORDER = "q.plan_id, q.doc_id, q.char_start, q.target_id"

#: the targets the comparison sets beside each other (`Store.comparison_targets`): of a catalog indicator (one
#: for part of the region too: marked, never judged), not a statistical communiqué's (bound parameter: the
#: communiqué type) ...
_COMPARED = "q.kind = 'target' AND d.plan_type IS DISTINCT FROM ?"
#: ... joined to their indicator, plan and document
_COMPARED_JOINS = (
    "JOIN indicators i ON i.indicator_id = q.indicator_id JOIN plans p ON p.plan_id = q.plan_id "
    "JOIN documents d ON d.doc_id = q.doc_id"
)


def _quantity_filters(
    plans: Sequence[str] | None,
    categories: Sequence[str] | None,
    indicator_ids: Sequence[str] | None,
    kinds: Sequence[str] | None,
    dimensions: Sequence[str] | None,
    search: str | None,
    target_ids: Sequence[str] | None,
) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") and its parameters of the quantity filters: each list a column's allowed
    values (None or empty = any), `search` a text in the indicator, quote, sentence or lead unit."""
    where: list[str] = []
    params: list[Any] = []
    for column, values in (
        ("plan_id", plans),
        ("category", categories),
        ("indicator_id", indicator_ids),
        ("kind", kinds),
        ("dimension", dimensions),
        ("target_id", target_ids),
    ):
        if values:
            where.append(f"q.{column} IN (SELECT unnest(?))")
            params.append(list(values))
    if search:  # the words of the document, and the catalog's names in both languages (English mode)
        where.append(
            "(q.indicator ILIKE ? OR q.quote ILIKE ? OR q.sentence ILIKE ? OR q.lead_unit ILIKE ?"
            " OR q.indicator_id IN (SELECT indicator_id FROM indicators WHERE name_en ILIKE ? OR name_zh ILIKE ?))"
        )
        params.extend([f"%{search}%"] * 6)
    return ("WHERE " + " AND ".join(where)) if where else "", params


def _batch_filters(search: str | None, status: str | None, batch_ids: Sequence[str] | None) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") and its parameters of the batch history's filters: a text in the file name or
    the uploader, a status, some batch ids (None or empty = any)."""
    where: list[str] = []
    params: list[Any] = []
    if search:
        where.append("(b.file_name ILIKE ? OR b.uploaded_by ILIKE ? OR b.batch_id ILIKE ?)")
        params.extend([f"%{search}%"] * 3)
    if status:
        where.append("b.status = ?")
        params.append(status)
    if batch_ids:
        where.append("b.batch_id IN (SELECT unnest(?))")
        params.append(list(batch_ids))
    return ("WHERE " + " AND ".join(where)) if where else "", params


def _list_filters(*lists: Sequence[str] | None) -> list:
    """Parameters for `(? IS NULL OR x IN (SELECT unnest(?)))` filters: each list twice, None when empty."""
    params: list = []
    for values in lists:
        value = list(values) if values else None
        params.extend([value, value])
    return params


def _document_row(doc: DocumentRecord) -> list:
    """A documents row: the record's values in `_DOCUMENT_COLUMNS` order, then n_chars and n_lines."""
    values = [getattr(doc, c) for c in _DOCUMENT_COLUMNS]
    values[_DOCUMENT_COLUMNS.index("target_years")] = list(doc.target_years)
    return [*values, len(doc.text), doc.text.count("\n") + 1]


# --- writing big tables out -------------------------------------------------------------------------

#: memory the scratch database of `write_text_csv` may use before it spills to its file and temporary folder:
#: the rows are written once and read once (at 100k targets 32 MB or 256 MB took the same 8.4 CPU seconds; at 1M,
#: where the report is 169 MB of text, 64 MB instead of 256 MB took 87 MB off the export's peak RSS)
SPOOL_MEMORY = "64MB"


def write_text_csv(path: str | Path, header: Sequence[str], chunks: Iterable[pd.DataFrame], prefix: bytes = b"") -> int:
    """Write chunks of text cells (each a frame of `header`'s length, values str or None) as one CSV file by
    DuckDB's COPY, `prefix` (a byte-order mark) first; returns the number of rows.

    The chunks are appended to a scratch database file in a temporary folder, its memory bounded by
    SPOOL_MEMORY, so a table bigger than memory is written in bounded memory and in the chunks' order.
    Fields are quoted only where needed (a comma, a quote, a line break); None is an empty field.
    """
    with tempfile.TemporaryDirectory(prefix="target-monitor-csv-") as tmp:
        body = Path(tmp) / "body.csv"
        columns = ", ".join(f'"{name.replace(chr(34), chr(34) * 2)}" VARCHAR' for name in header)
        config: dict[str, str | bool | int | float | list[str]] = {
            "memory_limit": SPOOL_MEMORY,
            "temp_directory": str(Path(tmp) / "spill"),
            "threads": 1,  # COPY in order with one buffer, not one per thread
        }
        rows = 0
        # a file, not :memory: — the spooled rows of a nation's export (gigabytes of quotes) live on disk
        with duckdb.connect(str(Path(tmp) / "spool.duckdb"), config=config) as con:
            con.execute(f"CREATE TABLE spool ({columns})")
            for chunk in chunks:
                if chunk.empty:
                    continue
                con.register("_chunk", chunk.astype("object"))
                con.execute("INSERT INTO spool SELECT * FROM _chunk")
                con.unregister("_chunk")
                rows += len(chunk)
            # a path of our own temporary folder (COPY takes no parameter for it)
            con.execute(f"COPY spool TO '{body}' (FORMAT csv, HEADER, QUOTE '\"', ESCAPE '\"')")
        with open(path, "wb") as out, open(body, "rb") as written:
            out.write(prefix)
            shutil.copyfileobj(written, out, 1 << 20)
    return rows


# --- opening and upgrading a database file ---------------------------------------------------------


#: what DuckDB may hold in memory (its buffer pool: cached blocks of the file, hash tables, sorts) before it
#: evicts or spills to a temporary folder beside the file; DuckDB's own default is 80% of the machine's RAM,
#: which a 1M-quantity database fills with cached columns. $TARGET_MONITOR_DUCKDB_MEMORY overrides it.
DUCKDB_MEMORY = "384MB"


def _connect(path: str, read_only: bool, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """`config` replaces the app's settings (the build's bulk write sets its own: no memory bound, one thread)."""
    if config is None:
        config = {"memory_limit": os.environ.get("TARGET_MONITOR_DUCKDB_MEMORY") or DUCKDB_MEMORY}
    try:
        return duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as e:
        if _is_lock_error(e):
            raise DatabaseLocked(path, str(e)) from e
        raise StoreError(f"cannot open database {path}: {e}") from e


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
    return {r[0] for r in rows}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?", [table]
    ).fetchall()
    return {r[0] for r in rows}


def _version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version of a database file; None for an empty one (the schema is simply created)."""
    tables = _tables(con)
    if "meta" in tables:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row:
            return int(row[0])
    return 1 if tables & {"plans", "targets"} else None


def _needs_upgrade(con: duckdb.DuckDBPyConnection) -> bool:
    version = _version(con)
    if version is None or version < SCHEMA_VERSION:
        return True
    # accounts, the audit log and batches.origin came after version 2's first release
    return "audit_log" not in _tables(con) or "origin" not in _columns(con, "batches")


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Create the schema, or bring a database file made by an older version to it, in one transaction.

    Version 1 -> 2 (issue 12): the `targets` table is renamed `quantities` (it holds actuals and
    baselines too); regions are made from the manifest (data/sources.toml) and every plan gets its
    region: a manifest plan the one the manifest names, an added plan the region its old region
    name finds, else a new one; uploaded actuals keep their rows and get their plan's region.
    """
    version = _version(con)
    if version is not None and version >= SCHEMA_VERSION:
        con.execute(SCHEMA)  # idempotent: columns added by later releases of the same version
        return
    con.execute("BEGIN TRANSACTION")
    try:
        if version == 1 and "targets" in _tables(con) and "quantities" not in _tables(con):
            con.execute("ALTER TABLE targets RENAME TO quantities")
        con.execute(SCHEMA)
        if version == 1:
            _regions_for_old_plans(con)
            if "region_id" not in _columns(con, "actuals"):
                con.execute("ALTER TABLE actuals ADD COLUMN region_id VARCHAR")
            con.execute("ALTER TABLE actuals ALTER COLUMN plan_id DROP NOT NULL")
            con.execute(
                "UPDATE actuals SET region_id = p.region_id FROM plans p "
                "WHERE actuals.plan_id = p.plan_id AND actuals.region_id IS NULL"
            )
        con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [str(SCHEMA_VERSION)],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _regions_for_old_plans(con: duckdb.DuckDBPyConnection) -> None:
    """Version 1 plans carried a region name and a level: give each a region row and its region_id."""
    columns = _columns(con, "plans")
    if "region_id" in columns:
        return
    try:
        manifest = read_manifest(config.MANIFEST)
    except (OSError, ValueError):  # no readable manifest: regions from the plans' own names
        manifest = ManifestRegions((), {})
    regions = {r.region_id: r for r in manifest.regions}
    old = con.execute(
        "SELECT plan_id, region, level FROM plans" if "level" in columns else "SELECT plan_id, region, '' FROM plans"
    ).fetchall()
    assigned: dict[str, str] = {}
    for plan_id, region_text, level in old:
        index = RegionIndex(regions.values())
        text = manifest.plan_regions.get(plan_id) or region_text or plan_id
        found = index.find(text) if text else None
        if found is None:
            found = Region(index.new_id(text, hint=plan_id), text, level=level or "")
            regions[found.region_id] = found
        assigned[plan_id] = found.region_id
    for region in regions.values():
        con.execute(
            "INSERT INTO regions VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (region_id) DO NOTHING",
            [region.region_id, region.name_zh, region.name_en, region.level, region.parent, list(region.aliases)],
        )
    con.execute("ALTER TABLE plans ADD COLUMN region_id VARCHAR")
    con.executemany("UPDATE plans SET region_id = ? WHERE plan_id = ?", [(r, p) for p, r in assigned.items()])
    for column in ("region", "level"):
        if column in columns:
            con.execute(f"ALTER TABLE plans DROP COLUMN {column}")


def plain_value(value: Any) -> Any:
    """A value fit for JSON, a bound parameter, CSV and a spreadsheet cell: NaN/NA as None, numpy numbers as
    Python numbers."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value


@functools.lru_cache(maxsize=4)
def _parsed_catalog(data: str) -> Catalog:
    return parse_catalog(json.loads(data))
