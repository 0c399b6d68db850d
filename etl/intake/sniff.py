"""What a file is, read from its content: magic bytes, the members of a zip, markup — never the file name.

The name is only compared with what was found, to say when a file is not what its name says.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

#: formats the intake reads as a plan
READABLE = ("pdf", "docx", "html", "text")


@dataclass(frozen=True)
class Kind:
    """A format found in a file: its id, and how to name it to a user."""

    id: str
    zh: str
    en: str


KINDS = {
    k.id: k
    for k in (
        Kind("pdf", "PDF 文件", "a PDF file"),
        Kind("docx", "Word 文档（.docx）", "a Word document (.docx)"),
        Kind("html", "网页（HTML）", "a web page (HTML)"),
        Kind("text", "文本文件", "a text file"),
        Kind("doc", "Word 97-2003 或 WPS 文字文档（.doc/.wps）", "a Word 97-2003 or WPS Writer document (.doc/.wps)"),
        Kind("xls", "Excel 97-2003 或 WPS 表格文件（.xls/.et）", "an Excel 97-2003 or WPS spreadsheet (.xls/.et)"),
        Kind("ppt", "PowerPoint 97-2003 或 WPS 演示文件（.ppt/.dps）", "a PowerPoint 97-2003 or WPS presentation"),
        Kind("ole", "旧版 Office/WPS 文件", "an old Office/WPS file"),
        Kind("xlsx", "Excel 表格（.xlsx）", "an Excel workbook (.xlsx)"),
        Kind("pptx", "PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)"),
        Kind("odt", "OpenDocument 文档（.odt）", "an OpenDocument file (.odt)"),
        Kind("ofd", "OFD 版式文件", "an OFD file"),
        Kind("rtf", "RTF 文档", "an RTF document"),
        Kind("zip", "压缩包", "a zip archive"),
        Kind("image", "图片", "an image"),
        Kind("binary", "无法识别的二进制文件", "binary data of no known kind"),
    )
}

#: how to turn each refused kind into one the intake reads
ADVICE = {
    "doc": (
        "请在 Word 或 WPS 中打开，选择「文件 → 另存为」，保存为 .docx 或 PDF 后再上传。",
        "Open it in Word or WPS and use File → Save As to save it as .docx or PDF, then upload that.",
    ),
    "xls": (
        "规划文件请上传 PDF、.docx、网页或文本；表格可在 Excel/WPS 中「另存为」PDF。实际值请在「实际值」页面上传。",
        "Upload a plan as PDF, .docx, a web page or text; save a spreadsheet as PDF from Excel/WPS. "
        "Actuals are uploaded on the Actuals page.",
    ),
    "ppt": (
        "请在 PowerPoint 或 WPS 中「另存为」PDF 后再上传。",
        "Save it as PDF from PowerPoint or WPS, then upload that.",
    ),
    "odt": (
        "请在 WPS、LibreOffice 或 Word 中「另存为」.docx 或 PDF 后再上传。",
        "Save it as .docx or PDF from WPS, LibreOffice or Word, then upload that.",
    ),
    "ofd": (
        "请用 OFD 阅读器（如数科阅读器）导出或打印为 PDF 后再上传。",
        "Export or print it to PDF from an OFD reader, then upload that.",
    ),
    "rtf": (
        "请在 Word 或 WPS 中「另存为」.docx 或 PDF 后再上传。",
        "Save it as .docx or PDF from Word or WPS, then upload that.",
    ),
    "image": (
        "图片中的文字无法读取；请上传带文字层的 PDF、Word 文件，或粘贴文字。",
        "Text in images cannot be read; upload a PDF with a text layer, a Word file, or paste the text.",
    ),
    "zip": ("请解压后上传其中的规划文件。", "Unpack it and upload the plan document inside."),
    "binary": (
        "请上传 PDF、Word（.docx）、网页（.html）或文本（.txt）文件。",
        "Upload a PDF, Word (.docx), web page (.html) or text (.txt) file.",
    ),
}
ADVICE["ole"] = ADVICE["doc"]
ADVICE["xlsx"] = ADVICE["xls"]
ADVICE["pptx"] = ADVICE["ppt"]

#: what a file's extension claims
NAMED = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".doc": "doc",
    ".wps": "doc",
    ".xls": "xls",
    ".et": "xls",
    ".xlsx": "xlsx",
    ".ppt": "ppt",
    ".dps": "ppt",
    ".pptx": "pptx",
    ".odt": "odt",
    ".ofd": "ofd",
    ".rtf": "rtf",
    ".zip": "zip",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_HTML_HINT = re.compile(r"<\s*(?:html|body|p|div|br|span|td|article|section|table|h[1-6])\b[^>]*>", re.IGNORECASE)


def named_kind(file_name: str) -> str | None:
    """The format a file's extension claims, or None for no or an unknown extension."""
    return NAMED.get(PurePath(file_name).suffix.lower())


def binary_kind(data: bytes) -> str | None:
    """The format of binary content by its magic bytes (and a zip's members), or None for text-like bytes."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(_OLE):
        return _ole_kind(data)
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(_IMAGES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    return None


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    return "zip"


def _ole_kind(data: bytes) -> str:
    """Which old Office/WPS file an OLE compound file is, from the stream names in its directory."""
    for stream, kind in (
        ("WordDocument", "doc"),
        ("Workbook", "xls"),
        ("Book", "xls"),
        ("PowerPoint Document", "ppt"),
    ):
        if stream.encode("utf-16-le") in data:
            return kind
    return "ole"


def looks_like_html(text: str) -> bool:
    """Whether text is HTML markup (a saved page, pasted source) rather than the text of a page."""
    head = text.lstrip()[:4000]
    return bool(_HTML_START.match(head)) or (head.startswith("<") and len(_HTML_HINT.findall(head)) >= 2)
