"""Split a document into sections, numbered items, paragraphs and sentences.

Plans are laid out as headings (一、 / （一） / 第一章 / a short line of its own), numbered items
(1. 2. ...; in 民生实事 lists they are prefixed M), and paragraphs that may be broken across lines
(web copies wrap mid-sentence). A sentence keeps its place in the original file through `pieces`,
so any span of its text maps back to an exact quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from etl.document import Line, SourceDocument

CN_ORDINAL = "一二三四五六七八九十"
TERMINAL = '。！？!?；;:：）)】」』”"…'

HEADING_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^第[{CN_ORDINAL}百零]+[章部分篇编]")),
    (1, re.compile(rf"^[{CN_ORDINAL}]+[、.．]")),
    (2, re.compile(rf"^[（(][{CN_ORDINAL}]+[)）]")),
    (2, re.compile(rf"^第[{CN_ORDINAL}百零]+节")),
]
#: a numbered item: 1. / 1、 / 1 新建… — not a number that starts a line of text broken from a PDF (236.8 亿元,
#: 4520 人): no digit after the point, no unit after the space
ITEM = re.compile(r"^(\d{1,3})(?:[.．、](?!\d)\s*|\s+(?![%％万亿千百余多个项人户家所条公平立吨元米亩度倍]))(?=\S)")
ITEM_PAREN = re.compile(r"^[（(](\d{1,3})[)）]\s*")
#: headings of sections whose numbers are not targets (glossaries, notes)
NON_TARGET_SECTION = re.compile(r"^(名词解释|名词注释|注释|附注|术语解释|说明)[:：]?$")
#: headings of 民生实事 lists, whose items are numbered M1, M2, ...
LIVELIHOOD_LIST = re.compile(r"民生实事")
#: responsibility notes after an item: (牵头单位:市发改委;责任单位:...;数据提供单位:...)
LEAD_NOTE = re.compile(
    r"[（(\[【][^（()\[\]【】]*?(?:牵头|责任|主责|数据提供|配合)单位[:：][^\]】]*?[)）\]】]\s*$"
    r"|(?<=[。；;])\s*(?:牵头|责任|主责|数据提供|配合)单位[:：][^。]*$"
)
#: the same note on a line of its own under the item (责任单位：区教育局、区财政局)
NOTE_LINE = re.compile(r"^(?:牵头|责任|主责|数据提供|配合)单位[:：]")
#: the unit that leads an item: 牵头单位 where given, else 责任单位 (民生实事 lists), else 数据提供单位
LEAD_UNITS = [
    re.compile(rf"{role}[:：]\s*([^;；)）\]】]+?)\s*(?=[;；)）\]】]|(?:牵头|责任|主责|数据提供|配合)单位|$)")
    for role in ("牵头单位", "责任单位", "主责单位", "数据提供单位")
]
SENTENCE_END = re.compile(r"[。！？!?；;]+")


@dataclass
class Heading:
    level: int  # 0 = part title on a line of its own, 1 = 一、, 2 = （一）
    text: str
    line: int


@dataclass
class Paragraph:
    """A run of text between breaks, with the headings above it."""

    text: str
    pieces: list[tuple[int, int]]  # (offset in text, offset in the original) where a line's text begins
    lines: list[int]  # line numbers of those pieces
    headings: list[Heading]
    item: str | None = None
    lead_unit: str | None = None
    skip: bool = False  # glossary and notes: no targets here
    sentences: list[Sentence] = field(default_factory=list)
    preceding: list[Heading] = field(default_factory=list)  # headings met since the previous paragraph, in order

    def original_offset(self, i: int) -> int:
        """Offset in the original text of character i of the paragraph text."""
        k = bisect_right([p[0] for p in self.pieces], i) - 1
        text_start, original_start = self.pieces[k]
        return original_start + (i - text_start)

    def text_offset(self, original: int) -> int:
        """Offset in the paragraph text of the character at `original` in the original (inverse of
        `original_offset`; a position between lines maps to the start of the next line's text)."""
        k = max(0, bisect_right([p[1] for p in self.pieces], original) - 1)
        text_start, original_start = self.pieces[k]
        end = self.pieces[k + 1][0] if k + 1 < len(self.pieces) else len(self.text)
        return min(text_start + max(0, original - original_start), end)

    def line_of(self, i: int) -> int:
        """Line number holding character i of the paragraph text."""
        k = bisect_right([p[0] for p in self.pieces], i) - 1
        return self.lines[k]


@dataclass
class Sentence:
    """One sentence (up to 。！？；) of a paragraph; `start` is its offset in the paragraph text."""

    paragraph: Paragraph
    start: int
    text: str

    @property
    def line(self) -> int:
        return self.paragraph.line_of(self.start)


def _heading_level(text: str) -> int | None:
    """The level of a heading line, or None for body text."""
    for level, pattern in HEADING_PATTERNS:
        head = pattern.match(text)
        if head:
            body = text[head.end() :]
            # A numbered line holding full sentences is a paragraph with a lead-in, not a heading: a long one,
            # or one whose sentence after the lead-in states a number ("（二）实施…行动。每年遴选20个…")
            if re.search(r"[。；;]", body[:-1]) and (len(body) > 40 or re.search(r"[。；;].*\d", body)):
                return None
            return level
    if len(text) <= 30 and not re.search(r"[。，,；;！!？?：:、]", text) and not ITEM.match(text):
        return 0
    if EMBEDDED_TITLE.match(text):
        return 0
    return None


#: the title of a plan printed inside the document, its years in brackets: a notice that issues a list and a
#: three-year programme prints each under its own title (某市城市更新专项行动方案（2024—2026年）)
EMBEDDED_TITLE = re.compile(
    r"^[^，,。；;！!？?：:、《》“”]{4,60}?(?:方案|规划|计划|纲要|清单|要点|意见)\s*"
    r"[（(]\s*(?:19|20)\d{2}\s*年?\s*[—–\-－~～至到]+\s*(?:19|20)\d{2}\s*年?\s*[)）]$"
)
#: a dateline that ends at its line: ——2024年1月18日在某市第十六届人民代表大会第三次会议上
DATELINE = re.compile(r"^[—－\-]{1,2}.*(?:会议上|会议|大会上)$")
#: a part title on a line of its own: 2023年政府工作回顾, 2024年工作安排 (never the tail of the line before)
PART_TITLE = re.compile(
    r"^(?:\d{4}|[一二][〇零○][〇零○一二三四五六七八九]{2})\s*年[^，,。；;：:]{0,14}"
    r"(?:回顾|安排|主要目标|目标任务|重点工作|民生实事)[^，,。；;：:]{0,6}$"
)


def _continues(previous: str, following: str) -> bool:
    """True when a line break falls inside a sentence (the previous line does not end one)."""
    if not previous or not following:
        return False
    if previous[-1] in TERMINAL or _heading_level(previous) == 0 or DATELINE.match(previous):
        return False
    if PART_TITLE.match(following):
        return False
    explicit_heading = any(p.match(following) for _, p in HEADING_PATTERNS)
    return not (ITEM.match(following) or ITEM_PAREN.match(following) or explicit_heading)


def segment(doc: SourceDocument, skip_lines: set[int] | frozenset[int] = frozenset()) -> list[Paragraph]:
    """Paragraphs (with sentences) of a document, furniture lines and `skip_lines` (tables) left out."""
    paragraphs: list[Paragraph] = []
    headings: list[Heading] = []
    met: list[Heading] = []  # headings since the last paragraph (a level-0 one may hide those before it)
    current: Paragraph | None = None
    previous_text = ""
    for line in doc.lines:
        stripped = line.text.strip()
        if line.furniture or not stripped or line.no in skip_lines:
            current, previous_text = None, ""
            continue
        indent = len(line.text) - len(line.text.lstrip())
        if NOTE_LINE.match(stripped) and paragraphs and paragraphs[-1].item and not paragraphs[-1].skip:
            # a note on its own line belongs to the item above it, even after a blank line
            item = paragraphs[-1]
            _append(item, line, indent, stripped)
            current, previous_text = None, ""
            continue
        if current is not None and _continues(previous_text, stripped):
            _append(current, line, indent, stripped)
            previous_text = stripped
            continue
        level = _heading_level(stripped)
        if level is not None:
            headings = [h for h in headings if h.level < level] if level > 0 else []
            headings.append(Heading(level, stripped, line.no))
            met.append(headings[-1])
            current, previous_text = None, ""
            continue
        skip_section = any(NON_TARGET_SECTION.match(h.text) for h in headings)
        livelihood = any(LIVELIHOOD_LIST.search(h.text) for h in headings)
        current = Paragraph("", [], [], list(headings), skip=skip_section)
        _append(current, line, indent, stripped)
        current.preceding, met = met, []
        m = ITEM.match(stripped) or ITEM_PAREN.match(stripped)
        if m:
            current.item = ("M" if livelihood else "") + m.group(1)
        paragraphs.append(current)
        previous_text = stripped
    for paragraph in paragraphs:
        _finish(paragraph)
    return paragraphs


def _append(paragraph: Paragraph, line: Line, indent: int, stripped: str) -> None:
    """Add a line's stripped text to a paragraph with its map to the original (a joined or cleaned
    reading line maps in several pieces: Line.pieces)."""
    for at, original in line.pieces(indent):
        paragraph.pieces.append((len(paragraph.text) + at, original))
        paragraph.lines.append(line.no)
    paragraph.text += stripped


def _finish(paragraph: Paragraph) -> None:
    """Take the responsibility note off the end, then split into sentences."""
    note = LEAD_NOTE.search(paragraph.text)
    body_end = len(paragraph.text)
    if note:
        found = (p.search(note.group()) for p in LEAD_UNITS)
        lead = next((m for m in found if m), None)
        paragraph.lead_unit = lead.group(1).strip() if lead else None
        body_end = note.start()
    start = 0
    m = ITEM.match(paragraph.text) or ITEM_PAREN.match(paragraph.text)
    if m:
        start = m.end()
    body = paragraph.text[:body_end]
    for end_match in SENTENCE_END.finditer(body, start):
        _add_sentence(paragraph, start, end_match.end())
        start = end_match.end()
    if start < body_end:
        _add_sentence(paragraph, start, body_end)


def _add_sentence(paragraph: Paragraph, start: int, end: int) -> None:
    text = paragraph.text[start:end]
    if text.strip():
        paragraph.sentences.append(Sentence(paragraph, start, text))
