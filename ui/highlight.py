"""The source sentence with its quote highlighted, safe to render: document text is escaped first."""

from __future__ import annotations

import html


def highlight(sentence: str, sentence_start: int, char_start: int, char_end: int) -> str:
    """HTML of the sentence with the quote in <mark>; every character of the document is escaped."""
    a = max(0, min(len(sentence), char_start - sentence_start))
    b = max(a, min(len(sentence), char_end - sentence_start))
    return (
        html.escape(sentence[:a]) + "<mark>" + html.escape(sentence[a:b]) + "</mark>" + html.escape(sentence[b:])
    ).replace("\n", "<br>")
