"""The one door to the database: DuckDB schema, connections, transactions and named queries.

This is the only module that imports duckdb or holds SQL. Callers get pandas DataFrames or plain
Python values back and never format values into SQL (every value is a bound parameter).
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from targets.catalog import Catalog, load_catalog, parse_catalog
from targets.model import Quantity
from targets.units import dimension

SCHEMA = """
CREATE TABLE IF NOT EXISTS plans (
    plan_id     VARCHAR PRIMARY KEY,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR,
    region      VARCHAR,
    level       VARCHAR,
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
    plan_type    VARCHAR,
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
CREATE TABLE IF NOT EXISTS targets (
    target_id      VARCHAR PRIMARY KEY,       -- hash of document and span: stable across rebuilds
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
-- databases made before targets had an area, a page
ALTER TABLE targets ADD COLUMN IF NOT EXISTS area VARCHAR;
ALTER TABLE targets ADD COLUMN IF NOT EXISTS page INTEGER;
ALTER TABLE targets ADD COLUMN IF NOT EXISTS page_line INTEGER;
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
CREATE TABLE IF NOT EXISTS actuals (
    actual_id    VARCHAR PRIMARY KEY,
    batch_id     VARCHAR NOT NULL,
    row_no       INTEGER,
    plan_id      VARCHAR NOT NULL,
    indicator_id VARCHAR,
    target_id    VARCHAR,
    period       INTEGER NOT NULL,
    value        DOUBLE,
    unit_raw     VARCHAR,
    norm_value   DOUBLE,
    norm_unit    VARCHAR,
    source       VARCHAR,
    note         VARCHAR,
    uploaded_at  TIMESTAMP
);
"""

TARGET_COLUMNS = (
    "target_id",
    "doc_id",
    "plan_id",
    "line",
    "char_start",
    "char_end",
    "quote",
    "sentence",
    "sentence_start",
    "indicator",
    "indicator_id",
    "category",
    "value",
    "value_low",
    "value_high",
    "unit_raw",
    "norm_value",
    "norm_low",
    "norm_high",
    "norm_unit",
    "dimension",
    "comparator",
    "metric",
    "kind",
    "target_year",
    "period",
    "period_start",
    "lead_unit",
    "area",
    "item",
    "section",
    "derived",
    "rules",
    "page",
    "page_line",
)


class StoreError(Exception):
    """The database could not be opened or written."""


class PlanNotFound(StoreError):
    """No plan has the given id."""


class PlanExists(StoreError):
    """A plan with the given id is already in the database."""


@dataclass(frozen=True)
class PlanRecord:
    """A plan: one or more documents that set targets for a place and a period."""

    plan_id: str
    name_zh: str
    name_en: str
    region: str
    level: str
    plan_type: str
    start_year: int
    end_year: int
    source: str = "manifest"


@dataclass(frozen=True)
class DocumentRecord:
    """A document's metadata, its text (what quotes point into) and where its original file is."""

    doc_id: str
    plan_id: str
    title: str
    issuer: str
    region: str
    level: str
    plan_type: str
    published: str
    plan_year: int | None
    target_years: tuple[int, ...]
    script: str
    encoding: str
    sha256: str
    text: str
    format: str = "text"
    file_name: str = ""
    source: bytes | None = None  # an uploaded document's file
    source_path: str | None = None  # a manifest document's file, relative to the sources folder
    pages: int | None = None


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
)


#: DuckDB settings of a `bulk_write` connection. No memory limit: set low, a checkpoint fails (and the build
#: with it) once the targets index outgrows it; committing a chunk at a time is what keeps memory flat.
_BULK_WRITE: dict[str, str | bool | int | float | list[str]] = {"threads": 1}


class Store:
    """A DuckDB database file (or ":memory:") holding plans, documents, targets and actuals.

    One Store per process; each thread reads through its own cursor (`cursor()`), and writes go
    through `transaction()`, so a failed write leaves the database as it was.
    """

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False, bulk_write: bool = False) -> None:
        """`bulk_write`: a connection for one long write of many chunks (the build): one thread, as worker
        processes have the cores."""
        self.path = str(path)
        try:
            config = _BULK_WRITE if bulk_write else {}
            self._con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as e:
            if _is_lock_error(e):
                raise DatabaseLocked(self.path, str(e)) from e
            raise StoreError(f"cannot open database {self.path}: {e}") from e
        self._local = threading.local()
        self._write_lock = threading.RLock()
        if not read_only:
            self._con.execute(SCHEMA)

    # --- connections ------------------------------------------------------------------------------
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for the calling thread (DuckDB connections are not shared across threads)."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._con.cursor()
            self._local.cursor = cur
        return cur

    def query(self, sql: str, params: Sequence[Any] | dict | None = None) -> pd.DataFrame:
        """Run a read query with bound parameters and return a DataFrame."""
        return self.cursor().execute(sql, params or []).df()

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        row = self.cursor().execute(sql, params or []).fetchone()
        return row[0] if row else None

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run writes atomically: everything inside commits together or not at all."""
        with self._write_lock:
            cur = self._con.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
            finally:
                cur.close()

    # --- plans and documents -----------------------------------------------------------------------
    def upsert_plan(self, cur: duckdb.DuckDBPyConnection, plan: PlanRecord) -> None:
        cur.execute("DELETE FROM plans WHERE plan_id = ?", [plan.plan_id])
        _insert_plan_row(cur, plan)

    def replace_document(self, cur: duckdb.DuckDBPyConnection, doc: DocumentRecord, targets: Iterable[Quantity]) -> int:
        """Replace a document and all its targets inside the caller's transaction; returns the target count."""
        self.delete_documents(cur, [doc.doc_id])
        return self.insert_documents(cur, [(doc, target_rows(targets, doc.plan_id))])

    # --- the build's bulk write (etl.build) ----------------------------------------------------------
    # A build writes hundreds of documents: their quantities arrive as rows (`target_rows`, made in the
    # build's worker processes) and go in a chunk of documents per statement.

    def delete_documents(self, cur: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
        """Delete documents and their targets inside the caller's transaction (unknown ids are ignored)."""
        ids = list(doc_ids)
        cur.execute("DELETE FROM targets WHERE doc_id IN (SELECT unnest(?))", [ids])
        cur.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids])

    def insert_documents(
        self, cur: duckdb.DuckDBPyConnection, documents: Sequence[tuple[DocumentRecord, Sequence[tuple]]]
    ) -> int:
        """Insert documents with their targets rows (`target_rows`) inside the caller's transaction: a
        statement per document, one for the targets of them all. Returns the number of targets rows."""
        columns = ", ".join((*_DOCUMENT_COLUMNS, "n_chars", "n_lines"))
        cur.executemany(
            f"INSERT INTO documents ({columns}) VALUES ({', '.join('?' * (len(_DOCUMENT_COLUMNS) + 2))})",
            [_document_row(doc) for doc, _ in documents],
        )
        rows = [row for _, doc_rows in documents for row in doc_rows]
        if rows:
            cur.register("_incoming_targets", pd.DataFrame(rows, columns=list(TARGET_COLUMNS)))
            try:
                columns = ", ".join(TARGET_COLUMNS)
                cur.execute(f"INSERT INTO targets ({columns}) SELECT {columns} FROM _incoming_targets")
            finally:
                cur.unregister("_incoming_targets")
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
        """All plans with their document and target counts, in plan order."""
        return self.query(
            """
            SELECT p.*,
                   (SELECT count(*) FROM documents d WHERE d.plan_id = p.plan_id) AS documents,
                   (SELECT count(*) FROM targets t WHERE t.plan_id = p.plan_id) AS quantities,
                   (SELECT count(*) FROM targets t WHERE t.plan_id = p.plan_id AND t.kind = 'target') AS targets
            FROM plans p ORDER BY p.end_year, p.plan_id
            """
        )

    def plan(self, plan_id: str) -> PlanRecord:
        """One plan; raises PlanNotFound."""
        rows = self.cursor().execute("SELECT * FROM plans WHERE plan_id = ?", [plan_id]).fetchall()
        if not rows:
            raise PlanNotFound(f"no plan {plan_id!r}")
        return PlanRecord(*rows[0])

    def documents(self, plan_id: str | None = None) -> pd.DataFrame:
        """Document metadata (without the text or the file)."""
        return self.query(
            """SELECT doc_id, plan_id, title, issuer, region, level, plan_type, published, plan_year, target_years,
                      script, encoding, sha256, n_chars, n_lines, format, file_name, pages,
                      (SELECT count(*) FROM targets t WHERE t.doc_id = d.doc_id) AS quantities
               FROM documents d WHERE ? IS NULL OR plan_id = ? ORDER BY doc_id""",
            [plan_id, plan_id],
        )

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

    # --- targets ---------------------------------------------------------------------------------
    def targets(
        self,
        plans: Sequence[str] | None = None,
        categories: Sequence[str] | None = None,
        indicator_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        dimensions: Sequence[str] | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Targets matching every given filter (None or empty = no filter), in document order."""
        where: list[str] = []
        params: list[Any] = []
        for column, values in (
            ("plan_id", plans),
            ("category", categories),
            ("indicator_id", indicator_ids),
            ("kind", kinds),
            ("dimension", dimensions),
        ):
            if values:
                where.append(f"t.{column} IN (SELECT unnest(?))")
                params.append(list(values))
        if search:
            where.append("(t.indicator ILIKE ? OR t.quote ILIKE ? OR t.sentence ILIKE ? OR t.lead_unit ILIKE ?)")
            params.extend([f"%{search}%"] * 4)
        sql = "SELECT t.* FROM targets t"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY t.plan_id, t.doc_id, t.char_start"
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.query(sql, params)

    def target(self, target_id: str) -> dict | None:
        """One target as a dict, or None."""
        frame = self.query("SELECT * FROM targets WHERE target_id = ?", [target_id])
        return None if frame.empty else frame.iloc[0].to_dict()

    def count_by(self, column: str) -> pd.DataFrame:
        """Quantity counts per plan and per value of `column` (category, kind, metric, dimension)."""
        if column not in ("category", "kind", "metric", "dimension", "norm_unit"):
            raise ValueError(f"cannot count by {column!r}")
        return self.query(f"SELECT plan_id, {column}, count(*) AS n FROM targets GROUP BY ALL ORDER BY plan_id, n DESC")

    # --- comparison -----------------------------------------------------------------------------
    def comparison_targets(
        self, indicator_ids: Sequence[str] | None = None, plans: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Targets that have a catalog indicator, with the indicator's and the plan's attributes."""
        return self.query(
            """
            SELECT t.*, i.name_zh AS indicator_name_zh, i.name_en AS indicator_name_en, i.family, i.direction,
                   i.norm_unit AS indicator_unit, p.name_zh AS plan_name_zh, p.name_en AS plan_name_en,
                   p.start_year AS plan_start, p.end_year AS plan_end, p.region
            FROM targets t
            JOIN indicators i USING (indicator_id)
            JOIN plans p USING (plan_id)
            WHERE t.kind = 'target' AND t.area IS NULL
              AND (? IS NULL OR t.indicator_id IN (SELECT unnest(?)))
              AND (? IS NULL OR t.plan_id IN (SELECT unnest(?)))
            ORDER BY i.indicator_id, p.end_year, p.plan_id, t.doc_id, t.char_start
            """,
            _list_filters(indicator_ids, plans),
        )

    def observations(
        self, indicator_ids: Sequence[str] | None = None, plans: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Observed values per plan, indicator and year: uploaded actuals (latest active upload wins)
        and the actuals and baselines the plan documents themselves report."""
        return self.query(
            """
            WITH ranked AS ("""
            + _RANKED_UPLOADS
            # the filters inside the ranking too: the same rows (it partitions by plan and indicator),
            # but the window then sorts one indicator's actuals, not all of them (400 ms -> 15 ms at 1M)
            + """ AND (? IS NULL OR a.indicator_id IN (SELECT unnest(?)))
                  AND (? IS NULL OR a.plan_id IN (SELECT unnest(?)))
            ), uploaded AS (
                SELECT plan_id, indicator_id, period, norm_value, norm_unit, 'upload' AS origin,
                       coalesce(source, file_name) AS source, batch_id, uploaded_at, rn
                FROM ranked
            ), reported AS (
                SELECT plan_id, indicator_id, target_year AS period, coalesce(norm_value, norm_low) AS norm_value,
                       norm_unit, 'document' AS origin, quote AS source, NULL AS batch_id,
                       NULL::TIMESTAMP AS uploaded_at, 1 AS rn
                FROM targets
                WHERE kind IN ('actual', 'baseline') AND indicator_id IS NOT NULL AND target_year IS NOT NULL
            )
            SELECT * EXCLUDE (rn) FROM (SELECT * FROM uploaded WHERE rn = 1 UNION ALL BY NAME SELECT * FROM reported)
            WHERE (? IS NULL OR indicator_id IN (SELECT unnest(?)))
              AND (? IS NULL OR plan_id IN (SELECT unnest(?)))
            ORDER BY plan_id, indicator_id, period, origin DESC
            """,
            _list_filters(indicator_ids, plans) * 2,
        )

    def indicators(self) -> pd.DataFrame:
        """The catalog as loaded into the database, with how many targets each indicator has."""
        return self.query(
            """SELECT i.*, (SELECT count(*) FROM targets t WHERE t.indicator_id = i.indicator_id
                            AND t.kind = 'target') AS targets
               FROM indicators i ORDER BY i.category, i.indicator_id"""
        )

    def categories(self) -> pd.DataFrame:
        return self.query("SELECT * FROM categories ORDER BY category_id")

    def total(self, table: str) -> int:
        """Row count of a table (for summaries and tests)."""
        if table not in ("plans", "documents", "targets", "indicators", "categories", "actuals", "batches"):
            raise ValueError(f"unknown table {table!r}")
        return int(self.scalar(f"SELECT count(*) FROM {table}"))

    # --- plans added from the dashboard (issue 5) ----------------------------------------------------
    # What `etl.add_plan` and the rebuild need to add, check and re-extract plans uploaded or pasted in
    # the dashboard (plans.source = 'upload'). Every value is a bound parameter.

    def insert_plan(self, cur: duckdb.DuckDBPyConnection, plan: PlanRecord) -> None:
        """Insert a new plan inside the caller's transaction; raises PlanExists when its id is taken."""
        if cur.execute("SELECT 1 FROM plans WHERE plan_id = ?", [plan.plan_id]).fetchone():
            raise PlanExists(f"plan {plan.plan_id!r} already exists")
        _insert_plan_row(cur, plan)

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
    # by its status, and every view reads the latest active upload per (plan, indicator, period)
    # through `_RANKED_UPLOADS`, so the history stays and a withdrawal only changes what counts.

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
            "INSERT INTO batches (batch_id, file_name, sha256, rows, uploaded_at, uploaded_by, status) "
            "VALUES (?, ?, ?, ?, ?, ?, 'active')",
            [batch.batch_id, batch.file_name, batch.sha256, batch.rows, batch.uploaded_at, batch.uploaded_by],
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

    def batches(self) -> pd.DataFrame:
        """Every batch, newest first, with `rows_in_use`: how many of its actuals are the latest for their key."""
        return self.query(
            """
            WITH ranked AS ("""
            + _RANKED_UPLOADS
            + """)
            SELECT b.batch_id, b.file_name, b.sha256, b.rows, b.uploaded_at, b.uploaded_by, b.status, b.withdrawn_at,
                   coalesce(u.in_use, 0) AS rows_in_use
            FROM batches b
            LEFT JOIN (SELECT batch_id, count(*) AS in_use FROM ranked WHERE rn = 1 GROUP BY batch_id) u
                USING (batch_id)
            ORDER BY b.uploaded_at DESC, b.batch_id DESC
            """
        )

    def batch(self, batch_id: str) -> BatchRecord:
        """One batch; raises BatchNotFound."""
        row = (
            self.cursor()
            .execute(
                "SELECT batch_id, file_name, sha256, rows, uploaded_at, uploaded_by, status, withdrawn_at "
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

    def current_actuals(self, plans: Sequence[str] | None = None) -> pd.DataFrame:
        """The uploaded actuals that count now: the latest active upload per (plan, indicator, period)."""
        return self.query(
            """
            WITH ranked AS ("""
            + _RANKED_UPLOADS
            + """)
            SELECT plan_id, indicator_id, period, value, unit_raw, norm_value, norm_unit, source, note,
                   batch_id, row_no, uploaded_at, file_name, uploaded_by
            FROM ranked
            WHERE rn = 1 AND (? IS NULL OR plan_id IN (SELECT unnest(?)))
            ORDER BY plan_id, indicator_id, period
            """,
            _list_filters(plans),
        )


# --- actuals and batches (module level) ----------------------------------------------------------

#: columns of the actuals table, in table order
ACTUAL_COLUMNS = (
    "actual_id",
    "batch_id",
    "row_no",
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

#: every active uploaded actual with `rn` = 1 for the one that counts per (plan, indicator, period):
#: the latest upload, and within one file the later row. The one definition of "latest wins".
_RANKED_UPLOADS = """
    SELECT a.*, b.file_name, b.uploaded_by,
           row_number() OVER (PARTITION BY a.plan_id, a.indicator_id, a.period
                              ORDER BY a.uploaded_at DESC, a.row_no DESC) AS rn
    FROM actuals a JOIN batches b USING (batch_id)
    WHERE b.status = 'active' AND a.indicator_id IS NOT NULL
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
            f"数据库 {path} 正被另一个进程占用(例如正在运行的仪表板);请先停止该进程,或在仪表板的"
            f"「实际值」页面上传。 / The database {path} is in use by another process (such as the running "
            f"dashboard): stop it, or upload through the dashboard's Actuals page. ({detail})"
        )


def _is_lock_error(error: Exception) -> bool:
    text = str(error).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


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


def _insert_plan_row(cur: duckdb.DuckDBPyConnection, plan: PlanRecord) -> None:
    cur.execute(
        "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            plan.plan_id,
            plan.name_zh,
            plan.name_en,
            plan.region,
            plan.level,
            plan.plan_type,
            plan.start_year,
            plan.end_year,
            plan.source,
        ],
    )


def _list_filters(*lists: Sequence[str] | None) -> list:
    """Parameters for `(? IS NULL OR x IN (SELECT unnest(?)))` filters: each list twice, None when empty."""
    params: list = []
    for values in lists:
        value = list(values) if values else None
        params.extend([value, value])
    return params


def target_rows(targets: Iterable[Quantity], plan_id: str) -> list[tuple]:
    """Quantities of a document of `plan_id` as rows of the targets table (`TARGET_COLUMNS` order): plain
    values, cheap to send from a build worker to the process that writes them."""
    return [_target_row(t, plan_id) for t in targets]


def _document_row(doc: DocumentRecord) -> list:
    """A documents row: the record's values in `_DOCUMENT_COLUMNS` order, then n_chars and n_lines."""
    values = [getattr(doc, c) for c in _DOCUMENT_COLUMNS]
    values[_DOCUMENT_COLUMNS.index("target_years")] = list(doc.target_years)
    return [*values, len(doc.text), doc.text.count("\n") + 1]


def _target_row(t: Quantity, plan_id: str) -> tuple:
    data = t.to_contract()
    data.update(
        doc_id=t.doc,
        plan_id=plan_id,
        dimension=dimension(t.norm_unit),
        rules=json.dumps(t.rules),
        target_id=t.target_id,
        derived=bool(t.derived),
    )
    return tuple(data.get(c) for c in TARGET_COLUMNS)


@functools.lru_cache(maxsize=4)
def _parsed_catalog(data: str) -> Catalog:
    return parse_catalog(json.loads(data))
