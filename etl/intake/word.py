"""Word documents (.docx) by python-docx: the body's paragraphs and tables in document order.

Five-year plans put their main indicators in a Word table (指标 / 2020年 / 2025年 / 属性). Each table
row becomes one line with its cells separated by tabs, the shape `etl/tables.py` reads, and each line
keeps where it came from (paragraph n, or table t row r; the cell is the tab-separated field). A cell
spanning several grid columns is written once; an empty cell as "—", so the columns stay aligned.
Headers, footers, footnotes and text boxes are not the plan's body and are left out.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from docx import Document as open_docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from etl.document import Origin
from etl.intake.errors import DamagedFile, FileTooLarge

#: the unpacked size of a .docx we open: its XML is parsed in memory (a zip bomb stops here)
MAX_UNPACKED = 200_000_000
EMPTY_CELL = "—"


def docx_lines(data: bytes, file_name: str) -> tuple[list[str], list[Origin], str]:
    """(lines, their origins, the document's title property) of a .docx.

    Raises DamagedFile or FileTooLarge.
    """
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile as e:
        raise DamagedFile(file_name, "Word (.docx)", str(e)) from e
    if unpacked > MAX_UNPACKED:
        raise FileTooLarge(file_name, unpacked, MAX_UNPACKED)
    try:
        document = open_docx(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors for a broken package
        raise DamagedFile(file_name, "Word (.docx)", type(e).__name__) from e
    lines: list[str] = []
    origins: list[Origin] = []
    paragraphs = tables = 0
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            paragraphs += 1
            for part in block.text.split("\n"):
                lines.append(part.replace("\t", " "))
                origins.append(Origin(paragraph=paragraphs))
        else:
            tables += 1
            for r, cells in enumerate(_rows(block), 1):
                lines.append("\t".join(cells))
                origins.append(Origin(table=tables, row=r))
    return lines, origins, (document.core_properties.title or "").strip()


def _blocks(document: Document) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables of the body in order, inside content controls too."""

    def walk(element, parent) -> Iterator[Paragraph | Table]:  # type: ignore[no-untyped-def]
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                yield Paragraph(child, parent)
            elif child.tag == qn("w:tbl"):
                yield Table(child, parent)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from walk(content, parent)

    yield from walk(document.element.body, document._body)


def _rows(table: Table) -> Iterator[list[str]]:
    """The text of each row's cells; a merged cell once, an empty cell as EMPTY_CELL (a row of nothing: skipped)."""
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = "".join(p.text for p in cell.paragraphs).replace("\t", " ").replace("\n", " ").strip()
            cells.append(text)
        if any(cells):
            yield [c or EMPTY_CELL for c in cells]
