"""The source sentence with its quote highlighted, safe to render: document text is escaped first
(`ui.safe`: for HTML and for the Markdown around it, so 3~5个 keeps its tilde)."""

from __future__ import annotations

from ui import safe


def highlight(sentence: str, sentence_start: int, char_start: int, char_end: int) -> str:
    """HTML of the sentence with the quote in <mark>; every character of the document is escaped."""
    a = max(0, min(len(sentence), char_start - sentence_start))
    b = max(a, min(len(sentence), char_end - sentence_start))
    return (
        safe.html(sentence[:a]) + "<mark>" + safe.html(sentence[a:b]) + "</mark>" + safe.html(sentence[b:])
    ).replace("\n", "<br>")


def context(text: str, char_start: int, char_end: int, around: int = 2) -> str:
    """HTML of the lines around a quote, numbered, with the quote in <mark>; every character is escaped.

    A quote that runs over a line break (a line broken mid-sentence) is marked on each of its lines.
    """
    if not text:
        return ""
    char_start = max(0, min(len(text), char_start))
    char_end = max(char_start, min(len(text), char_end))
    first = text.count("\n", 0, char_start)
    last = text.count("\n", 0, char_end)
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out = []
    for no in range(max(0, first - around), min(len(lines), last + around + 1)):
        line, offset = lines[no].rstrip("\r"), starts[no]
        a = max(0, min(len(line), char_start - offset))
        b = max(a, min(len(line), char_end - offset))
        body = safe.html(line[:a]) + ("<mark>" + safe.html(line[a:b]) + "</mark>" if b > a else "")
        body += safe.html(line[b:])
        out.append(f'<span style="color:#888">{no + 1:>5}</span>  {body}')
    return '<div style="font-size:0.9em;line-height:1.6">' + "<br>".join(out) + "</div>"


def plain(text: object) -> str:
    """Document or user text made safe for Streamlit markdown (labels, captions, help): `ui.safe.md`."""
    return safe.md(text)
