"""Faults the build tests put into a `python -m etl build` run in another process, patched in here (production
code has no test hook): `python -c "from tests.build_faults import main; main()" MODE ARG BUILD-ARGS...`.

- `pause MARKER`: the build writes its first document (a chunk of one), creates MARKER and sleeps, to be
  killed, terminated or interrupted there while its workers are running;
- `fail DOC`: the extraction of document DOC raises, as a bug would — in the worker processes too, which
  unpickle the patched function by its name in this module.

`cut_off_result` is a pool task that stops part-way through sending its result, as a worker ended then does.
"""

from __future__ import annotations

import os
import struct
import sys
import time
from pathlib import Path

from etl import build as building
from etl import build_worker as worker
from etl.manifest import ManifestDocument
from targets.model import Quantity
from targets.store import DocumentRecord, Store

#: the document whose extraction `fail` makes raise
FAILING = "003_3e2b079edc02d700.txt"
_extract = worker.extract
_extract_entry = worker._extract_entry
_write = building._write


def failing(task: worker.Task) -> worker.Extracted:
    """The build's `extract` with a bug in extracting FAILING. A worker unpickles this function by its
    name and imports this module unpatched, so the patch is made here, in whichever process runs it."""
    worker._extract_entry = _failing_entry
    return _extract(task)


def _failing_entry(entry: ManifestDocument, folder: Path) -> tuple[DocumentRecord, list[Quantity]]:
    if entry.file == FAILING:
        raise RuntimeError("a bug in extraction")
    return _extract_entry(entry, folder)


def cut_off_result(marker: str) -> None:
    """In a ProcessPoolExecutor worker: write the start of a result message (the length of 1,000 bytes, then
    3 of them) into the pool's results pipe, create `marker`, and wait to be ended there."""
    results = sys._getframe(1).f_locals["result_queue"]  # concurrent.futures.process._process_worker's
    os.write(results._writer.fileno(), struct.pack("!i", 1000) + b"abc")
    Path(marker).write_text("sent", encoding="utf-8")
    time.sleep(120)


def main() -> None:
    mode, arg, *argv = sys.argv[1:]
    if mode == "pause":
        marker = Path(arg)

        def pausing(store: Store, chunk: list[tuple[DocumentRecord, list[tuple]]]) -> None:
            _write(store, chunk)
            if not marker.exists():
                marker.write_text("written", encoding="utf-8")
                time.sleep(120)

        building.CHUNK_ROWS = 1
        building._write = pausing
    elif mode == "fail":
        assert arg == FAILING, "the workers know only FAILING"
        building.extract = failing
    from etl.cli import main as cli

    sys.exit(cli(["build", *argv]))
