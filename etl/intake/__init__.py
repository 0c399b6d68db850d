"""The intake: a file's bytes and name in, the project's document out — whatever format the plan came in.

Used by `build`, `extract`, `add-plan` and the 新增规划 page alike:

    doc = read_document(data, "绵阳市2025年政府工作报告.pdf")   # SourceDocument: text, lines, origins
    doc = read_path("data/sources/000_0dc414d589cf70f6.txt")
    doc = read_pasted(text)                                      # pasted text, or pasted page source

The format is read from the content (etl/intake/sniff.py), never from the name: PDF (pdf.py, pypdfium2),
Word .docx (word.py, python-docx), web pages (web.py, trafilatura) and text (text.py). The document's
original is the text taken out of the file; each of its lines keeps its origin in the file (page and line
on the page for a PDF, paragraph or table row for a .docx), so every quantity leads back to where it
is printed. Each refusal is its own exception (etl/intake/errors.py) with a message that names the file.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from etl.document import Origin, SourceDocument
from etl.intake.errors import (
    DamagedFile,
    EncryptedPdf,
    FileTooLarge,
    GarbledPdf,
    IntakeError,
    NoText,
    NotText,
    NotWhatItsNameSays,
    ScannedPdf,
    TooManyPages,
    UnsupportedFormat,
)
from etl.intake.pdf import page_origins, pdf_pages
from etl.intake.sniff import ADVICE, KINDS, READABLE, binary_kind, looks_like_html, named_kind
from etl.intake.text import UndecodableText, decode
from etl.intake.web import decode_html, html_text
from etl.intake.word import docx_lines

#: the largest file read (bytes): a plan's PDF with its images is a few MB; fifty is generous
MAX_BYTES = 50_000_000
#: the most PDF pages read: a five-year plan outline runs to 150 pages
MAX_PAGES = 500

__all__ = [
    "MAX_BYTES",
    "MAX_PAGES",
    "DamagedFile",
    "EncryptedPdf",
    "FileTooLarge",
    "GarbledPdf",
    "IntakeError",
    "NoText",
    "NotText",
    "NotWhatItsNameSays",
    "ScannedPdf",
    "TooManyPages",
    "UnsupportedFormat",
    "detect",
    "looks_like_html",
    "read_document",
    "read_pasted",
    "read_path",
]


def detect(data: bytes, file_name: str = "") -> str:
    """The readable format of a file's content ('pdf', 'docx', 'html', 'text'), checked against its name.

    Raises UnsupportedFormat for a format the intake refuses (.doc, .wps, .xls, images ...), and
    NotWhatItsNameSays when the name promises a PDF or Word file and the content is something else.
    """
    found = binary_kind(data)
    named = named_kind(file_name)
    if found is None:
        found = "html" if _markup(data) else "text"
    if found not in READABLE:
        kind = KINDS[found]
        zh, en = ADVICE[found]
        if named in READABLE and named != found:
            raise NotWhatItsNameSays(file_name, _suffix(file_name), kind.zh, kind.en, zh, en)
        raise UnsupportedFormat(file_name, kind.zh, kind.en, zh, en)
    if named in ("pdf", "docx") and found in ("html", "text"):
        kind = KINDS[found]
        raise NotWhatItsNameSays(
            file_name,
            _suffix(file_name),
            kind.zh + "（可能是下载失败时保存的网页或错误信息）",
            kind.en + " (perhaps the page a failed download saved)",
            "请重新下载原文件。",
            "Download the original file again.",
        )
    return found


def read_document(data: bytes, file_name: str, name: str | None = None) -> SourceDocument:
    """The document in a file's bytes; `name` (default: the file's base name) is its `doc` in the contract.

    Raises an IntakeError subclass naming the file when it cannot be read as a plan.
    """
    name = name or PurePath(file_name).name
    if len(data) > MAX_BYTES:
        raise FileTooLarge(file_name, len(data), MAX_BYTES)
    found = detect(data, file_name)
    warnings = []
    named = named_kind(file_name)
    if named in ("pdf", "docx") and named != found:
        warnings.append(
            f"文件名为 {_suffix(file_name)}，内容是{KINDS[found].zh}，已按内容读取 / "
            f"named {_suffix(file_name)}, read as {KINDS[found].en} by its content"
        )
    if found == "pdf":
        doc = _pdf(data, file_name, name)
    elif found == "docx":
        lines, origins, title = docx_lines(data, file_name)
        doc = _document(name, lines, origins, file_name, "Word (.docx)", format="docx", title=title)
    elif found == "html":
        try:
            markup, encoding = decode_html(data)
        except UndecodableText as e:
            raise NotText(file_name) from e
        doc = _html(name, markup, file_name, encoding)
    else:
        try:
            text, encoding = decode(data)
        except UndecodableText as e:
            raise NotText(file_name) from e
        if not text.strip():
            raise NoText(file_name, "文本 text")
        doc = SourceDocument.from_text(name, text, encoding, format="text")
    doc.warnings[:0] = warnings
    return doc


def read_path(path: Path | str) -> SourceDocument:
    """The document in a file on disk, named after the file's base name (the contract's `doc`)."""
    path = Path(path)
    return read_document(path.read_bytes(), path.name)


def read_pasted(text: str, name: str = "pasted.txt") -> SourceDocument:
    """Pasted text as a document: the text as it is, or the main text of pasted page source."""
    if looks_like_html(text):
        return _html(name, text, name, "utf-8")
    return SourceDocument.from_text(name, text, format="text")


def _markup(data: bytes) -> bool:
    try:
        head, _ = decode(data[:8192])
    except UndecodableText:
        try:
            head = data[:8192].decode("utf-8", errors="ignore")
        except UnicodeDecodeError:
            return False
    return looks_like_html(head)


def _suffix(file_name: str) -> str:
    return PurePath(file_name).suffix.lower() or file_name


def _pdf(data: bytes, file_name: str, name: str) -> SourceDocument:
    pages, title = pdf_pages(data, file_name, MAX_PAGES)
    lines, origins = page_origins(pages)
    scanned = [p.number for p in pages if not p.chars and p.images]
    doc = _document(name, lines, origins, file_name, "PDF", format="pdf", pages=len(pages), title=title)
    if scanned:
        more = "……" if len(scanned) > 20 else ""
        doc.warnings.append(
            f"第 {'、'.join(map(str, scanned[:20]))}{more} 页没有文字层（可能是扫描页），页上的数字未读取 / "
            f"page(s) {', '.join(map(str, scanned[:20]))}{more} have no text layer (scanned?): not read"
        )
    return doc


def _html(name: str, markup: str, file_name: str, encoding: str) -> SourceDocument:
    text, title, warnings = html_text(markup)
    if not text.strip():
        raise NoText(file_name, "HTML")
    return SourceDocument.from_text(name, text, encoding, format="html", title=title, warnings=warnings)


def _document(
    name: str, lines: list[str], origins: list[Origin], file_name: str, kind: str, **attributes: object
) -> SourceDocument:
    """A document from extracted lines (the original is their text, one line each, ending in a line break)."""
    if not any(line.strip() for line in lines):
        raise NoText(file_name, kind)
    text = "\n".join(lines) + "\n"
    return SourceDocument.from_text(name, text, "utf-8", [*origins, None], **attributes)
