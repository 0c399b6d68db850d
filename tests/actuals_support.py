"""Helpers for the actuals tests: stores with the plans, files built in memory, database copies."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from etl.manifest import load_manifest
from targets import actuals, config
from targets.catalog import load_catalog
from targets.store import Store

HEADER = ("plan", "indicator_id", "period", "value", "unit")
#: a valid row for HEADER: Chengdu 2022, new urban jobs, 23.5万人
GOOD = ("chengdu_2022", "new_urban_jobs", 2022, 23.5, "万人")


def planned_store() -> Store:
    """An in-memory store holding the manifest's regions and plans and the catalog, but no documents (fast)."""
    store = Store(":memory:")
    manifest = load_manifest(config.MANIFEST)
    with store.transaction() as cur:
        store.replace_catalog(cur, load_catalog())
        for region in manifest.regions:
            store.upsert_region(cur, region)
        for plan in manifest.plans:
            store.upsert_plan(cur, plan)
    return store


def copy_db(seeded_db: Path, directory: Path, name: str = "copy.duckdb") -> Path:
    """A private copy of the seeded database file."""
    path = directory / name
    shutil.copy(seeded_db, path)
    return path


def csv_text(rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER, delimiter: str = ",") -> str:
    lines = [delimiter.join(header)]
    lines += [delimiter.join("" if v is None else str(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def csv_bytes(
    rows: Sequence[Sequence[Any]],
    header: Sequence[str] = HEADER,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    """A CSV file (no quoting: cells must not hold the delimiter) in the given encoding."""
    return csv_text(rows, header, delimiter).encode(encoding)


def xlsx_bytes(
    rows: Sequence[Sequence[Any]],
    header: Sequence[str] | None = HEADER,
    sheet: str | None = None,
    blank_rows_first: int = 0,
) -> bytes:
    """An .xlsx with one sheet: optional blank rows, the header, the rows (strings starting with = are formulas)."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    if sheet:
        ws.title = sheet
    for _ in range(blank_rows_first):
        ws.append([])
    if header is not None:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counts(store: Store) -> tuple[int, int]:
    """(batches, actuals) row counts."""
    return store.total("batches"), store.total("actuals")


FULL = ("plan", "indicator_id", "indicator", "period", "value", "unit", "source", "note")


def row(**cells: Any) -> tuple[Any, ...]:
    """GOOD with some cells replaced (keys of HEADER)."""
    values = dict(zip(HEADER, GOOD, strict=True))
    values.update(cells)
    return tuple(values[c] for c in HEADER)


def full(**cells: Any) -> tuple[Any, ...]:
    """A valid row for FULL (every column) with some cells replaced."""
    values: dict[str, Any] = {"plan": "chengdu_2022", "indicator_id": "new_urban_jobs", "indicator": "", "period": 2022}
    values.update({"value": 23.5, "unit": "万人", "source": "", "note": ""})
    values.update(cells)
    return tuple(values[c] for c in FULL)


def zip_bytes(names: dict[str, str]) -> bytes:
    """A zip archive holding the given files (name -> text)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in names.items():
            z.writestr(name, text)
    return out.getvalue()


def assert_refused(store: Store, content: bytes, expected: list) -> None:
    """`content` is reported at `expected` (row, column, rule) by validate and by import, which writes nothing."""
    report = actuals.validate(store, content, "upload.csv")
    assert report.locations() == expected
    assert not report.valid
    before = counts(store)
    with pytest.raises(actuals.InvalidUpload) as raised:
        actuals.import_actuals(store, content, file_name="upload.csv")
    assert raised.value.report.locations() == expected
    assert counts(store) == before == (0, 0)
