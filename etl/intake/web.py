"""Web pages: the main text of a saved page by trafilatura, tables kept as rows, the declared charset honoured.

A plan published as a web page sits among navigation, breadcrumbs, share buttons, "related articles"
lists and footers, all with numbers of their own. trafilatura finds the article's main text (its
tables as `| a | b |` rows, which `etl/tables.py` reads); the page's heading goes first when the main
text does not repeat it, since a document's year is read from its title. A page where no main text
is found is read whole, with a warning.

trafilatura leaves out <h2>–<h6> headings of a page in some layouts (its issues #354 and #774), and a
plan's section headings decide what its numbers are (二、2025年主要目标任务). So they are handed to it as
paragraphs; <h1> stays a heading, where trafilatura reads the page's title from.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura

from etl.intake.text import UndecodableText, decode

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
#: charsets a Chinese page declares and the codec that reads what they really hold: pages that say
#: gb2312 are GBK in practice, and GB18030 is a superset of both
_CODECS = {
    "gb2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "utf8": "utf-8",
}


def decode_html(data: bytes) -> tuple[str, str]:
    """(markup, encoding) of a saved page: a BOM, else the charset its <meta> declares, else UTF-8/GB18030.

    Raises UndecodableText.
    """
    declared = _META_CHARSET.search(data[:8192])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        codec = _CODECS.get(name, name)
        try:
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back on what the bytes are
    return decode(data)


def html_text(markup: str) -> tuple[str, str, list[str]]:
    """(main text, title, warnings) of a page's markup."""
    tree = lxml.html.fromstring(_XML_DECLARATION.sub("", markup, count=1) or "<html></html>")
    for heading in tree.iter("h2", "h3", "h4", "h5", "h6"):
        heading.tag = "p"
    found = trafilatura.bare_extraction(
        tree,
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=True,
    )
    text = (found.text if found is not None else "") or ""
    title = ((found.title if found is not None else "") or "").strip()
    warnings = []
    if not text.strip():
        text = trafilatura.html2txt(markup) or ""
        if text.strip():
            warnings.append(
                "未能识别网页正文，已读取整页文字（可能含导航等内容） / No main text found: the whole page was read"
            )
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title and not any(title in line or line in title for line in lines[:3]):
        lines.insert(0, title)
    return "\n".join(lines) + ("\n" if lines else ""), title, warnings


__all__ = ["UndecodableText", "decode_html", "html_text"]
