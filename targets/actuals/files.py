"""Reading an upload's bytes: size limits, what the file is (sniffed, not trusted from its name), its
encoding (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030), CSV or TSV, and the sheet of a workbook."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from targets.actuals.cells import fold
from targets.actuals.report import FileProblem, problem

#: largest file accepted, in bytes
MAX_BYTES = 10 * 1024 * 1024
#: largest uncompressed size of an .xlsx (a zip): guards against zip bombs
MAX_XLSX_UNZIPPED = 200 * 1024 * 1024
#: names of the sheet read from a workbook; otherwise the first sheet is read
SHEET_NAMES = ("实际值", "actuals", "实际值 actuals")


def read_rows(data: bytes, size: int | None = None) -> Iterator[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells) of an upload, CSV or .xlsx; raises FileProblem when the file as a
    whole is unusable. `size` is the real size when `data` was not read because it was too large."""
    real_size = len(data) if size is None else size
    if real_size > MAX_BYTES:
        raise FileProblem(
            problem(None, None, None, "file-too-large", size=size_text(real_size), limit=size_text(MAX_BYTES))
        )
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileProblem(problem(None, None, None, "empty-file"))
    return xlsx_rows(data) if sniff(data) == "xlsx" else csv_rows(data)


def size_text(n: int) -> str:
    """A size in bytes for a message: 10.0 MB, 512 KB."""
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _wrong_type(zh: str, en: str) -> FileProblem:
    return FileProblem(problem(None, None, None, "wrong-file-type", detail_zh=zh, detail_en=en))


def sniff(data: bytes) -> str:
    """'xlsx' or 'text' from the content (the file name is not trusted); raises FileProblem."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _wrong_type(
            "这是旧版 Excel(.xls)或加密的 Excel 文件", "this is an old Excel .xls or an encrypted workbook"
        )
    if data.startswith(b"%PDF"):
        raise _wrong_type("这是 PDF 文件", "this is a PDF")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"
    if b"\x00" in data[:8192]:
        raise _wrong_type("这是二进制文件,不是表格", "this is a binary file, not a table")
    return "text"


def decode(data: bytes) -> str:
    """Text of a CSV: by its BOM (UTF-8, UTF-16), else UTF-8, else GB18030 (a superset of GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(problem(None, None, None, "encoding-error"))


def delimiter(text: str) -> str:
    """Tab when the first non-blank line has more tabs than commas, else comma."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "\t" if first.count("\t") > first.count(",") else ","


def csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells) of a CSV or TSV file."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text), strict=False)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise FileProblem(problem(number + 1, None, None, "malformed-csv", detail=str(e))) from e
        number += 1
        yield number, list(cells)


def xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells) of the actuals sheet of a workbook (else its first sheet)."""
    import openpyxl  # imported here: reading CSV must not pay for it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except zipfile.BadZipFile as e:
        raise _wrong_type("文件已损坏或不是 .xlsx", "the file is damaged or not an .xlsx") from e
    if unzipped > MAX_XLSX_UNZIPPED:
        raise FileProblem(
            problem(None, None, None, "file-too-large", size=size_text(unzipped), limit=size_text(MAX_XLSX_UNZIPPED))
        )
    if "xl/workbook.xml" not in names:
        raise _wrong_type("这是压缩包,不是 Excel 工作簿", "this is a zip archive, not an Excel workbook")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many types for damaged files
        raise _wrong_type("Excel 文件已损坏,无法打开", f"the workbook cannot be opened ({type(e).__name__})") from e
    try:
        wanted = {fold(name) for name in SHEET_NAMES}
        sheet = next((ws for ws in book.worksheets if fold(ws.title) in wanted), book.worksheets[0])
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield number, list(values)
    finally:
        book.close()


def read_bytes(source: str | Path | bytes, file_name: str | None = None) -> tuple[bytes, str]:
    """(content, file name) of an upload given as a path or as bytes; refuses over-large files unread."""
    if isinstance(source, bytes):
        return source, file_name or "upload"
    path = Path(source)
    return path.read_bytes() if path.stat().st_size <= MAX_BYTES else b"", file_name or path.name
