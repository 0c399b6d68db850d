"""User and document text shown as text: the one place it is escaped for Markdown, for HTML and for Plotly.

Streamlit renders Markdown (with HTML off) in titles, captions, alerts, metric and widget labels, help
and `st.table` cells; Plotly renders a subset of HTML (<b>, <a href>, <span style>) in every label and
fills `%{…}` in hover templates. A plan named `**要闻**[点此](http://x)` or `<b style=…>`, a quote
`3~5个 … 10~20亿元` (GitHub's ~strikethrough~), `$x$` (maths), `:red[…]` (Streamlit's colours) or
`https://…` (an autolink) must show as written. So every such text goes through one of:

- `md(text)`: for any Markdown context: each character that can start markup (emphasis, links, images,
  HTML, code, tables, strikethrough, maths, Streamlit's :directives[], autolinks by `:`/`@`/`www.`)
  is backslash-escaped, and so is a list or quote marker at the start; CommonMark makes an escaped
  character literal. Line breaks become spaces (a label is one line).
- `html(text)`: for HTML inside Markdown (`unsafe_allow_html`, the highlighted quote) and for Plotly labels:
  `<>&"'` and the Markdown characters become character references, which both
  renderers turn back into the characters, never into markup.
- `template(text)`: `html`, and `%` too, for text inside a Plotly hover template (`%{x}` is filled in).
- `label(text, width)`: `html` of a text cut to `width` characters with "…" (a long plan name would
  squeeze a chart to nothing); the full name goes in the hover.

The options of a selectbox or multiselect (what `format_func` returns) are shown as plain text: never
escape them, or `zhang_san` shows with a backslash before its underscore.
"""

from __future__ import annotations

import re

#: characters that can start Markdown (GFM, maths, Streamlit directives, autolinks)
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~$:&!@])")
#: a list, quote or heading marker at the start (- item, + item, > quote, 1. item) and www. autolinks
_LEADING = re.compile(r"^(\s*)([-+>=]|\d+(?=[.)]))")
_WWW = re.compile(r"(?i)\b(www)\.")
#: characters turned into references in HTML: markup, Markdown, maths, Streamlit directives, Plotly templates
_HTML = {c: f"&#{ord(c)};" for c in "'`*_~$[]\\#|:!"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_HTML_RE = re.compile("[" + re.escape("".join(_HTML)) + "]")


def md(text: object) -> str:
    """`text` for a Markdown context, shown exactly as written (one line)."""
    one_line = re.sub(r"\s*[\r\n]+\s*", " ", str(text))
    escaped = _WWW.sub(r"\1\\.", _MARKDOWN.sub(r"\\\1", one_line))
    return _LEADING.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)


def _escape_marker(marker: str) -> str:
    """`-` -> `\\-`; `1` (before `.` or `)`) -> `1\\` so the `.` that follows is escaped."""
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def html(text: object) -> str:
    """`text` for an HTML context (inside Markdown, or a Plotly label), shown exactly as written."""
    return _HTML_RE.sub(lambda m: _HTML[m.group()], str(text))


def template(text: object) -> str:
    """`html` of a text placed inside a Plotly hover template, where `%{…}` would be filled in."""
    return html(text).replace("%", "&#37;")


def label(text: object, width: int = 24) -> str:
    """A short, safe chart label: `html` of the text, cut to `width` characters with an ellipsis."""
    text = str(text)
    return html(text if len(text) <= width else text[: width - 1] + "…")


def message(error: Exception, language: str) -> str:
    """An error's one-line message in `language` ('zh' or 'en'), Markdown-safe: the error's own `zh`/`en`
    when it has them (StoreError, AccountError), else its text."""
    chosen = getattr(error, "en" if language == "en" else "zh", None) or str(error)
    return md(str(chosen).splitlines()[0] if str(chosen) else type(error).__name__)
