"""PDF files by pypdfium2: each page's characters with their boxes, laid out into lines in reading order.

pdfium's own text order follows the content stream, which is not always the reading order (two columns,
a table drawn cell by cell), and says nothing of where a line ends on the page. So the intake reads every
character with its box (pdfium's text page API) and lays the page out itself:

- characters on one baseline make a row; a gap of more than `CELL_GAP` ems is a column of a table (a tab),
  a smaller one between Latin letters or digits a space;
- a vertical gutter crossed by almost no row, with text lines on both sides ending against it, makes
  two columns: the left one is read before the right one, between rows that span the page;
- each line records whether it reaches the right edge of its column (`Origin.full`, so a wrapped
  sentence is joined in the reading) and whether it starts indented (a new paragraph);
- the top and bottom lines of each page that recur on many pages, digits aside, are the running header
  and footer (`pdf-running-header`); page numbers and footer dates are furniture by etl/furniture.py.

Pages with images and no text are scanned pages: a document of them only is refused (ScannedPdf), a few
among text pages give a warning.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from etl.document import Origin
from etl.intake.errors import DamagedFile, EncryptedPdf, GarbledPdf, ScannedPdf, TooManyPages

#: a gap wider than this many ems inside a row separates table cells (written as a tab)
CELL_GAP = 1.2
#: a gap wider than this many ems between Latin letters or digits is a space
WORD_GAP = 0.2
#: a line ending within this many ems of its column's right edge is full: its sentence goes on
FULL_SLACK = 1.5
#: a line starting this many ems right of its column's left edge is indented
INDENT = 1.2
#: rows at the top and bottom of a page that may be its running header or footer
EDGE_ROWS = 2
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@dataclass
class _Char:
    text: str
    left: float
    right: float
    bottom: float
    top: float

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class _Row:
    """Characters on one baseline (or the part of them in one column), left to right."""

    chars: list[_Char] = field(default_factory=list)

    @property
    def left(self) -> float:
        return self.chars[0].left

    @property
    def right(self) -> float:
        return max(c.right for c in self.chars)

    @property
    def top(self) -> float:
        return max(c.top for c in self.chars)

    def text(self, em: float) -> str:
        out = []
        for prev, char in zip([None, *self.chars[:-1]], self.chars, strict=True):
            if prev is not None:
                gap = char.left - prev.right
                if gap > CELL_GAP * em:
                    out.append("\t")
                elif gap > WORD_GAP * em and not (_CJK.match(prev.text) and _CJK.match(char.text)):
                    out.append(" ")
            out.append(char.text)
        return "".join(out)


@dataclass
class PdfPage:
    """One page laid out: its lines (text, full, indent) in reading order, and what else it holds."""

    number: int
    lines: list[tuple[str, bool, bool]]
    edges: list[int]  # indexes into lines of the rows at the page's top and bottom
    chars: int
    images: int
    unmapped: int  # characters without a Unicode mapping


def pdf_pages(data: bytes, file_name: str, max_pages: int) -> tuple[list[PdfPage], str]:
    """The laid-out pages of a PDF and its title (document metadata).

    Raises EncryptedPdf, DamagedFile, TooManyPages, ScannedPdf, GarbledPdf.
    """
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if e.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPdf(file_name) from e
        raise DamagedFile(file_name, "PDF", str(e)) from e
    try:
        count = len(pdf)
        if count > max_pages:
            raise TooManyPages(file_name, count, max_pages)
        pages = [_page(pdf, i) for i in range(count)]
        title = _title(pdf.get_metadata_dict(skip_empty=True).get("Title") or "")
    finally:
        pdf.close()
    chars = sum(p.chars for p in pages)
    scanned = sum(1 for p in pages if not p.chars and p.images)
    if chars == 0 or (chars < 20 and scanned >= len(pages) / 2):
        raise ScannedPdf(file_name, count)
    unmapped = sum(p.unmapped for p in pages)
    if unmapped > 0.3 * chars:
        raise GarbledPdf(file_name, unmapped / chars)
    return pages, title


#: what PDF writers put in the Title field when the author gave none: not a title
_NO_TITLE = re.compile(
    r"^(?:untitled|无标题|新建\s*(?:DOCX|Microsoft Word)?\s*文档|文档\d*|document\d*)$", re.IGNORECASE
)
_WORD_TITLE = re.compile(r"^Microsoft Word - (.+?)(?:\.docx?)?$")


def _title(raw: str) -> str:
    """The document's title from its metadata: Word's "Microsoft Word - 报告.docx" is 报告, "untitled" nothing."""
    title = raw.strip()
    word = _WORD_TITLE.match(title)
    if word:
        title = word.group(1).strip()
    return "" if _NO_TITLE.match(title) else title


def running_edges(pages: list[PdfPage]) -> set[tuple[int, int]]:
    """(page index, line index) of the lines at a page's top or bottom whose text, digits aside, recurs
    there on at least 40% of the pages (and at least two): the running header and footer."""
    if len(pages) < 2:
        return set()
    keys: dict[tuple[int, int], str] = {}
    for p, page in enumerate(pages):
        for i in page.edges:
            keys[(p, i)] = re.sub(r"\d+", "#", re.sub(r"\s+", "", page.lines[i][0]))
    counts = Counter(key for _, key in {(p, key) for (p, _), key in keys.items() if key})
    needed = max(2, math.ceil(0.4 * len(pages)))
    return {where for where, key in keys.items() if key and counts[key] >= needed}


def _page(pdf: pdfium.PdfDocument, index: int) -> PdfPage:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            chars, unmapped = _chars(textpage)
        finally:
            textpage.close()
        images = 0 if chars else sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
        width = page.get_width()
    finally:
        page.close()
    if not chars:
        return PdfPage(index + 1, [], [], 0, images, unmapped)
    em = statistics.median(c.top - c.bottom for c in chars) or 10.0
    rows = _rows(chars, em)
    ordered = _reading_order(rows, width, em)
    lines = _lines(ordered, em)
    by_height = sorted(range(len(ordered)), key=lambda i: -ordered[i][0].top)
    edges = sorted(set(by_height[:EDGE_ROWS] + by_height[-EDGE_ROWS:]))
    return PdfPage(index + 1, lines, edges, len(chars), images, unmapped)


def _chars(textpage: pdfium.PdfTextPage) -> tuple[list[_Char], int]:
    """The page's printed characters with their loose boxes (pdfium's generated spaces and breaks left out)."""
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    out, unmapped = [], 0
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code <= 0x20 or code in (0xA0, 0x3000, 0xFEFF):
            continue
        if code == 0xFFFD or 0xE000 <= code <= 0xF8FF or pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1:
            unmapped += 1
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(rect)):
            continue
        out.append(_Char(chr(code), rect.left, rect.right, min(rect.bottom, rect.top), max(rect.bottom, rect.top)))
    return out, unmapped


def _rows(chars: list[_Char], em: float) -> list[_Row]:
    """Characters grouped by baseline, top to bottom, each row left to right."""
    rows: list[_Row] = []
    middle = None
    for char in sorted(chars, key=lambda c: -c.middle):
        if middle is None or abs(char.middle - middle) > 0.4 * em:
            rows.append(_Row())
            middle = char.middle
        rows[-1].chars.append(char)
    for row in rows:
        row.chars.sort(key=lambda c: c.left)
    return rows


def _spans(row: _Row, em: float) -> list[tuple[float, float]]:
    """The x-extents of a row's runs of characters (split at gaps wider than half an em)."""
    spans: list[tuple[float, float]] = []
    for c in row.chars:
        if spans and c.left - spans[-1][1] <= 0.5 * em:
            spans[-1] = (spans[-1][0], max(spans[-1][1], c.right))
        else:
            spans.append((c.left, c.right))
    return spans


def _gutter(rows: list[_Row], width: float, em: float) -> float | None:
    """The x of a gutter between two columns of text, or None for a page of one column.

    A gutter is a band in the middle of the page, at least an em wide, that at most 5% of the rows
    cross, with rows on both sides and most left-side rows ending against it (a table's ragged cells don't).
    """
    if len(rows) < 6 or width <= 0:
        return None
    size = int(width) + 2
    diff = [0] * (size + 1)
    for row in rows:
        for a, b in _spans(row, em):
            diff[max(0, int(a))] += 1
            diff[min(size, int(b) + 1)] -= 1
    cover, running = [], 0
    for d in diff[:size]:
        running += d
        cover.append(running)
    limit = max(1, int(0.05 * len(rows)))
    best, start = (0, 0), None
    for x in range(int(0.3 * width), int(0.7 * width) + 1):
        if cover[x] <= limit:
            start = x if start is None else start
            if x - start + 1 > best[1] - best[0]:
                best = (start, x + 1)
        else:
            start = None
    if best[1] - best[0] < em:
        return None
    left_edge, right_edge = best
    gutter = (left_edge + right_edge) / 2
    lefts = [max(c.right for c in row.chars if c.right <= gutter) for row in rows if row.chars[0].right <= gutter]
    rights = [row for row in rows if row.chars[-1].left >= gutter]
    if len(lefts) < 3 or len(rights) < 3:
        return None
    against = sum(1 for r in lefts if r >= left_edge - FULL_SLACK * em)
    return gutter if against >= 0.5 * len(lefts) else None


def _reading_order(rows: list[_Row], width: float, em: float) -> list[tuple[_Row, tuple[float, float]]]:
    """Rows (or their column parts) in reading order, each with the left and right edges of its column."""
    gutter = _gutter(rows, width, em)
    if gutter is None:
        return [(row, (0.0, width)) for row in rows]
    out: list[tuple[_Row, tuple[float, float]]] = []
    band: list[_Row] = []

    def flush() -> None:
        left = [_Row([c for c in row.chars if c.right <= gutter]) for row in band]
        right = [_Row([c for c in row.chars if c.right > gutter]) for row in band]
        out.extend((row, (0.0, gutter)) for row in left if row.chars)
        out.extend((row, (gutter, width)) for row in right if row.chars)
        band.clear()

    for row in rows:
        spanning = any(c.left < gutter < c.right for c in row.chars)
        if spanning:
            flush()
            out.append((row, (0.0, width)))
        else:
            band.append(row)
    flush()
    return out


def _lines(ordered: list[tuple[_Row, tuple[float, float]]], em: float) -> list[tuple[str, bool, bool]]:
    """(text, full, indented) for each row: full and indented against the margins of the row's column."""
    columns: dict[tuple[float, float], list[_Row]] = {}
    for row, column in ordered:
        columns.setdefault(column, []).append(row)
    margins = {column: _margins(rows) for column, rows in columns.items()}
    if len(columns) > 1:  # rows spanning a two-column page are measured against the whole text block
        whole = next((c for c in columns if c[0] == 0.0 and c[1] > min(c2[1] for c2 in columns)), None)
        if whole is not None:
            margins[whole] = _margins([row for row, _ in ordered])
    out = []
    for k, (row, column) in enumerate(ordered):
        left, right = margins[column]
        following = ordered[k + 1] if k + 1 < len(ordered) else None
        # a line is full when it reaches the margin, or when the next line's first word would not have fit
        # (a browser or word processor moves 8.9% to the next line whole)
        carried = _first_word_width(following[0]) if following and following[1] == column else 0.0
        full = row.right + carried >= right - FULL_SLACK * em
        indented = row.left >= left + INDENT * em
        out.append((row.text(em), full, indented))
    return out


def _first_word_width(row: _Row) -> float:
    """The width of the run of Latin letters, digits and their marks that opens a row (0 when it opens on CJK)."""
    end = None
    for char in row.chars:
        if _CJK.match(char.text) and char.text not in "，。、；：%％":
            break
        end = char.right
    return (end - row.left) if end is not None else 0.0


def _margins(rows: list[_Row]) -> tuple[float, float]:
    """The left and right edges of a column of text (10th and 90th percentiles: a stray line does not move them)."""
    lefts = sorted(row.left for row in rows)
    rights = sorted(row.right for row in rows)
    return lefts[len(lefts) // 10], rights[(len(rights) * 9) // 10]


def page_origins(pages: list[PdfPage]) -> tuple[list[str], list[Origin]]:
    """The extracted text's lines, page after page, with each line's page, line on the page and layout."""
    running = running_edges(pages)
    lines: list[str] = []
    origins: list[Origin] = []
    for p, page in enumerate(pages):
        for i, (text, full, indented) in enumerate(page.lines):
            lines.append(text)
            furniture = "pdf-running-header" if (p, i) in running else None
            origins.append(Origin(page=page.number, page_line=i + 1, furniture=furniture, full=full, indent=indented))
    return lines, origins
