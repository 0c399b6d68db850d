"""Reading an upload's bytes: size limits, what the file is (sniffed, not trusted from its name), its
encoding (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030, never a mix), CSV or TSV with every record
well formed, and the visible sheet of a workbook.

Limits are checked before the work they bound: the file's size before reading it, a CSV's line count
and a sheet's declared dimensions before parsing, and no more columns are read than `MAX_COLUMNS`.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from targets.actuals.cells import fold
from targets.actuals.report import FileProblem, Problem, problem

#: largest file accepted, in bytes (.streamlit/config.toml's server.maxUploadSize says the same in MB)
MAX_BYTES = 10 * 1024 * 1024
#: largest uncompressed size of an .xlsx (a zip): guards against zip bombs
MAX_XLSX_UNZIPPED = 200 * 1024 * 1024
#: names of the sheet read from a workbook; otherwise the first visible sheet is read
SHEET_NAMES = ("实际值", "actuals", "实际值 actuals")
#: most rows a file may have, blank ones included (the header and 200,000 data rows, with room for blanks)
MAX_FILE_ROWS = 250_000
#: most columns read from a sheet: the template has 8; a cell further right is never read
MAX_COLUMNS = 50


def read_rows(
    data: bytes, size: int | None = None, notes: list[Problem] | None = None
) -> Iterator[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells) of an upload, CSV or .xlsx; raises FileProblem when the file as a
    whole is unusable. `size` is the real size when `data` was not read because it was too large;
    `notes` receives warnings about the file (which sheet of a workbook was read)."""
    real_size = len(data) if size is None else size
    if real_size > MAX_BYTES:
        raise FileProblem(
            problem(None, None, None, "file-too-large", size=size_text(real_size), limit=size_text(MAX_BYTES))
        )
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileProblem(problem(None, None, None, "empty-file"))
    return xlsx_rows(data, notes) if sniff(data) == "xlsx" else csv_rows(data)


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
    """Text of a CSV: by its BOM (UTF-8, UTF-16), else UTF-8, else GB18030 (a superset of GBK).

    A file that is not UTF-8 but has lines that are (non-ASCII UTF-8 beside GBK lines: two files pasted
    together) is refused with `mixed-encoding` at its first line of the other encoding, rather than
    read as GB18030 into mojibake.
    """
    if data.startswith(codecs.BOM_UTF8):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030":
            _refuse_mixed_encodings(data)
        return text
    raise FileProblem(problem(None, None, None, "encoding-error"))


def _refuse_mixed_encodings(data: bytes) -> None:
    """Raise `mixed-encoding` when some lines are non-ASCII UTF-8 and others are not UTF-8 at all."""
    first: dict[str, int] = {}
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            first.setdefault("gbk", number)
        else:
            first.setdefault("utf-8", number)
        if len(first) == 2:
            later = max(first, key=first.__getitem__)
            earlier = "GBK" if later == "utf-8" else "UTF-8"
            raise FileProblem(problem(first[later], None, None, "mixed-encoding", first=earlier, other=later.upper()))


def delimiter(text: str) -> str:
    """Tab when the first non-blank line has more tabs than commas, else comma."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "\t" if first.count("\t") > first.count(",") else ","


def csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells) of a CSV or TSV file.

    Every record must be well formed (Python's csv in strict mode): a quote that is never closed, or
    text after a closing quote, is `malformed-csv` at the row where the quote opened. So is a quoted
    cell that runs over line breaks holding lines shaped like rows: a quote left open that swallowed
    the rows after it, closed by chance further down.
    """
    text = decode(data)
    lines = text.count("\n") + 1
    if lines > MAX_FILE_ROWS:
        raise FileProblem(problem(None, None, None, "too-many-rows", limit=f"{MAX_FILE_ROWS:,}"))
    sep = delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    number, width = 0, 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise FileProblem(problem(number + 1, None, None, "malformed-csv", detail=_csv_detail(e))) from e
        number += 1
        width = width or sum(1 for c in cells if c.strip())  # the first record: the header
        swallowed = _swallowed_rows(cells, sep, width)
        if swallowed:
            raise FileProblem(problem(number, None, None, "malformed-csv", detail=_swallowed_detail(swallowed)))
        yield number, list(cells)


def _csv_detail(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return '这一行的引号(")没有闭合 / a quote (") opened in this row is never closed'
    return f"引号后面还有内容 / text after a closing quote ({text})"


def _swallowed_rows(cells: list[str], sep: str, width: int) -> int:
    """How many lines shaped like rows (as many delimiters as a row needs) hide inside one cell."""
    needed = max(2, width - 1)
    worst = 0
    for cell in cells:
        if "\n" in cell:
            worst = max(worst, sum(1 for line in cell.split("\n")[1:] if line.count(sep) >= needed))
    return worst


def _swallowed_detail(n: int) -> str:
    return (
        f'这一行的引号(")开了之后到后面才闭合,中间的 {n} 行被并进了一个单元格;请检查引号是否成对 / '
        f'a quote (") opened in this row closes only later: {n} rows after it were swallowed into one cell'
    )


def xlsx_rows(data: bytes, notes: list[Problem] | None = None) -> Iterator[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells) of the actuals sheet of a workbook (else its first visible sheet).

    Hidden and very hidden sheets are never read; when the workbook leaves room for doubt (a sheet
    skipped for being hidden, or several visible sheets and none named 实际值), `notes` gets a
    `sheet-read` warning naming the sheet read. A sheet declaring more than MAX_FILE_ROWS rows or
    MAX_COLUMNS columns is refused before parsing (`sheet-too-large`), and no row is read wider than
    MAX_COLUMNS, so blank rows with one cell far to the right cost nothing.

    A plain sheet (values only) is read by python-calamine, five times less CPU than openpyxl; openpyxl
    reads every other one (see `xlsx_plain`), so both give the same cells and the same refusals.
    """
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
    plain = xlsx_plain(data, notes)
    return iter(plain) if plain is not None else openpyxl_rows(data, notes)


def openpyxl_rows(data: bytes, notes: list[Problem] | None) -> Iterator[tuple[int, list[Any]]]:
    """The rows as openpyxl's read-only reader gives them, formulas as their text ("=B2*10000")."""
    import openpyxl  # imported here: reading CSV must not pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many types for damaged files
        raise _wrong_type("Excel 文件已损坏,无法打开", f"the workbook cannot be opened ({type(e).__name__})") from e
    try:
        sheet = _visible_sheet(book, notes)
        _check_dimensions(sheet)
        sheet.reset_dimensions()  # declared dimensions may be too small: read what is there, to MAX_COLUMNS
        rows = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
        for number, values in enumerate(rows, start=1):
            if number > MAX_FILE_ROWS:
                raise FileProblem(problem(None, None, None, "too-many-rows", limit=f"{MAX_FILE_ROWS:,}"))
            yield number, list(values)
    finally:
        book.close()


@dataclass(frozen=True)
class _Sheet:
    """A worksheet as workbook.xml lists it: what `_visible_sheet` reads, and where its XML is."""

    title: str
    sheet_state: str
    path: str


@dataclass(frozen=True)
class _Book:
    worksheets: list[_Sheet]


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
#: what in a sheet's XML makes calamine's values differ from openpyxl's cells, so openpyxl reads it:
#: a formula (<f>: openpyxl gives its text, which is refused), an error value (t="e": calamine gives ""),
#: a cell or row without its reference (r="B2"), a cell right of column MAX_COLUMNS (AX)
_NOT_PLAIN = (
    re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]"),
    re.compile(rb"""\st\s*=\s*["']e["']"""),
    re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:c|row)(?=[\s/>])(?![^>]*\sr\s*=)"),
    re.compile(rb"""\sr\s*=\s*["'](?:[A-Z]{3,}|[B-Z][A-Z]|A[YZ])[0-9]"""),
)
#: the same, for XML as every spreadsheet writer lays it out (elements without a prefix, attributes as
#: r="…" with the reference first): substrings, found at memory speed, and one pattern with a literal start
_FORMULA_OR_ERROR = (b"<f>", b"<f ", b"<f/>", b' t="e"', b"<c>", b"<c/>", b"<row>")
_WIDE = re.compile(rb'r="(?:[A-Z]{3}|[B-Z][A-Z]|A[YZ])[0-9]')
#: what makes a sheet's XML other than that layout (beside a prefixed root): single quotes, spaces around =
#: (text holding " = " is read by the patterns too: slower, never wrong)
_UNUSUAL = (b"='", b" =", b"= ", b"=\n", b"\n=")
_DIMENSION = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref\s*=\s*["'](?:[A-Z]+\d+:)?([A-Z]+)(\d+)["']""")
#: a float from calamine beyond this is not an exact integer: openpyxl's int of the written digits may differ
_EXACT = 2.0**53


def xlsx_plain(data: bytes, notes: list[Problem] | None = None) -> list[tuple[int, list[Any]]] | None:
    """The rows of the sheet `xlsx_rows` reads, by python-calamine, or None when openpyxl must read it.

    The sheet's XML is scanned first (`_plain_xml`, over the bytes): a formula, an
    error value, a cell past MAX_COLUMNS or a row past MAX_FILE_ROWS, a cell without its reference, a
    declared size over the limits, or anything unexpected in the workbook's structure sends the file to
    openpyxl, which reads formulas as text and refuses what is too large exactly as before. The values
    are then made what openpyxl gives: an integral float an int, an empty cell None; a date or time
    (whose epoch and format rules the two libraries apply differently) sends the file to openpyxl too.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            book = _workbook_sheets(archive)
            if book is None:
                return None
            sheet = _visible_sheet(book, [])
            xml = archive.read(sheet.path)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, FileProblem, OSError, ValueError):
        return None  # openpyxl says what is wrong, as it always did
    if not _plain_xml(xml):
        return None
    import python_calamine  # imported here: reading CSV must not pay for it

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        values = workbook.get_sheet_by_name(sheet.title).to_python(skip_empty_area=False)
    except Exception:  # calamine raises its own types for damaged files: openpyxl names the problem
        return None
    rows = [(number, _openpyxl_cells(cells)) for number, cells in enumerate(values, start=1)]
    if any(cells is None for _, cells in rows):
        return None
    _visible_sheet(book, notes)  # the sheet-read note, once the file is known to be read here
    return rows  # type: ignore[return-value]  # no None left


def _workbook_sheets(archive: zipfile.ZipFile) -> _Book | None:
    """The worksheets workbook.xml lists, in order, with their XML's path; None for a chart, dialog or
    macro sheet among them (openpyxl decides what those mean)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): (r.get("Type", ""), r.get("Target", "")) for r in rels.iter(_PACKAGE_RELS)}
    sheets = []
    for element in workbook.iter(f"{_MAIN}sheet"):
        kind, target = targets[element.get(_REL_ID)]
        if not kind.endswith("/worksheet"):
            return None
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        sheets.append(_Sheet(element.get("name", ""), element.get("state", "visible"), path))
    return _Book(sheets)


def _plain_xml(xml: bytes) -> bool:
    """Whether a sheet's XML holds only what calamine reads as openpyxl does (see _NOT_PLAIN), within the
    limits. XML laid out as spreadsheet writers do is checked by substring; any other by the patterns."""
    usual = b"<sheetData" in xml and not any(s in xml for s in _UNUSUAL)
    if usual and xml.count(b"<c ") == xml.count(b'<c r="') and xml.count(b"<row ") == xml.count(b'<row r="'):
        if any(s in xml for s in _FORMULA_OR_ERROR) or _WIDE.search(xml):
            return False
        return not _too_large(xml, rb'r="[A-Z]{0,3}(\d{%d,})"')
    if any(pattern.search(xml) for pattern in _NOT_PLAIN):
        return False
    return not _too_large(xml, rb"""\sr\s*=\s*["'][A-Z]{0,3}(\d{%d,})["']""")


def _too_large(xml: bytes, reference: bytes) -> bool:
    """A declared size over the limits, or a row or cell `reference` (a pattern with a %d for the least
    number of digits) past MAX_FILE_ROWS."""
    declared = _DIMENSION.search(xml, 0, 65536)  # it comes before the cells
    if declared and (int(declared[2]) > MAX_FILE_ROWS or _column_number(declared[1]) > MAX_COLUMNS):
        return True
    references = re.findall(reference % len(str(MAX_FILE_ROWS)), xml)
    return any(int(n) > MAX_FILE_ROWS for n in references)


def _column_number(letters: bytes) -> int:
    """B -> 2, AX -> 50."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _openpyxl_cells(cells: list[Any]) -> list[Any] | None:
    """A calamine row as openpyxl's values (5.0 -> 5, "" -> None), or None when one cannot be matched."""
    out: list[Any] = []
    for value in cells:
        kind = type(value)
        if kind is str:
            out.append(value or None)
        elif kind is float:
            if not abs(value) < _EXACT:  # inf and NaN too: how each library reads 1.8e308 differs
                return None
            out.append(int(value) if value.is_integer() else value)
        elif kind is bool or kind is int:
            out.append(value)
        else:  # date, datetime, time, timedelta
            return None
    return out


def _visible_sheet(book: Any, notes: list[Problem] | None) -> Any:
    """The sheet to read: the visible one named 实际值/actuals, else the first visible one."""
    wanted = {fold(name) for name in SHEET_NAMES}
    visible = [ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    hidden = [ws.title for ws in book.worksheets if ws not in visible]
    if not visible:
        raise _wrong_type("工作簿里没有可见的工作表", "the workbook has no visible sheet")
    named = next((ws for ws in visible if fold(ws.title) in wanted), None)
    sheet = named or visible[0]
    if notes is not None and (hidden or (named is None and len(visible) > 1)):
        skipped = "、".join(hidden) if hidden else "—"
        notes.append(problem(None, None, None, "sheet-read", sheet=sheet.title, hidden=skipped))
    return sheet


def _check_dimensions(sheet: Any) -> None:
    """Refuse a sheet whose declared dimensions (its <dimension ref="A1:XFD300000">) exceed the limits."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0  # as declared; 0 when the sheet declares none
    if rows > MAX_FILE_ROWS or columns > MAX_COLUMNS:
        declared = f"{rows:,} × {columns:,}"
        raise FileProblem(
            problem(
                None,
                None,
                declared,
                "sheet-too-large",
                sheet=sheet.title,
                rows=f"{MAX_FILE_ROWS:,}",
                columns=MAX_COLUMNS,
            )
        )


def read_bytes(source: str | Path | bytes, file_name: str | None = None) -> tuple[bytes, str]:
    """(content, file name) of an upload given as a path or as bytes; refuses over-large files unread."""
    if isinstance(source, bytes):
        return source, file_name or "upload"
    path = Path(source)
    return path.read_bytes() if path.stat().st_size <= MAX_BYTES else b"", file_name or path.name
