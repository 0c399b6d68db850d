"""A source document as read from disk: its original text, and a simplified-Chinese reading of it.

Extraction works on the simplified reading; quotes, lines and character offsets always point into
the original text. OpenCC converts line by line; where a phrase conversion would change a line's
length the line is converted character by character, so every reading character sits at the same
offset as its original character and no offset map is needed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc

from etl.furniture import is_furniture
from targets.numbers import normalise_digits

ENCODINGS = ("utf-8-sig", "gb18030")


class UnreadableDocument(ValueError):
    """The bytes are not text in any encoding the project reads (UTF-8, GB18030)."""


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) for document bytes: UTF-8 (with or without BOM), else GB18030 (covers GBK)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("not UTF-8 or GB18030 text")


def to_simplified(line: str) -> str:
    """The simplified reading of one line, the same length as the line."""
    converted = _converter().convert(line)
    if len(converted) != len(line):
        conv = _converter().convert
        converted = "".join(c if len(c := conv(ch)) == 1 else ch for ch in line)
    return converted


@dataclass
class Line:
    """One line of the original file (without its line break)."""

    no: int  # 1-based
    start: int  # offset of the line's first character in the original text
    original: str
    text: str  # simplified reading, full-width digits as ASCII; same length as `original`
    furniture: bool = False  # page chrome (etl/furniture.py): skipped by extraction, kept for line numbers


@dataclass
class SourceDocument:
    """A document's original text and its line-aligned simplified reading."""

    name: str
    original: str
    encoding: str = "utf-8"
    lines: list[Line] = field(default_factory=list)
    traditional_share: float = 0.0

    @property
    def script(self) -> str:
        """'traditional' when a noticeable share of the Chinese characters changed under t2s."""
        return "traditional" if self.traditional_share > 0.02 else "simplified"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.original.encode("utf-8")).hexdigest()

    @classmethod
    def from_text(cls, name: str, text: str, encoding: str = "utf-8") -> SourceDocument:
        """Split into lines and build the simplified reading."""
        doc = cls(name=name, original=text, encoding=encoding)
        changed = cjk = 0
        start = 0
        for no, raw in enumerate(text.split("\n"), 1):
            original = raw[:-1] if raw.endswith("\r") else raw
            simplified = to_simplified(original)
            changed += sum(1 for a, b in zip(original, simplified, strict=True) if a != b)
            cjk += len(_CJK.findall(original))
            text = normalise_digits(simplified)
            doc.lines.append(Line(no, start, original, text, is_furniture(text)))
            start += len(raw) + 1
        doc.traditional_share = changed / cjk if cjk else 0.0
        return doc

    @classmethod
    def from_path(cls, path: Path | str) -> SourceDocument:
        """Read a file (UTF-8 or GB18030) into a document named after the file's base name."""
        path = Path(path)
        text, encoding = decode(path.read_bytes())
        return cls.from_text(path.name, text, encoding)

    def line_at(self, offset: int) -> Line:
        """The line holding an offset of the original text."""
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.lines[lo]


_CJK = re.compile(r"[\u4e00-\u9fff]")
