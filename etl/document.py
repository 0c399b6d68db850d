"""A source document: its original text, and a reading of it that reads like clean simplified text.

The original is the file's text (a .txt), or the text the intake layer (etl/intake/) took out of a PDF,
Word file or web page; quotes, lines, pages and character offsets always point into it. The reading is
what the extraction rules see, line by line:

- simplified script: OpenCC converts line by line; where a phrase conversion would change a line's
  length the line is converted character by character, so a reading character stands for one original
  character;
- full-width digits as ASCII;
- lines joined where a line break falls inside a sentence or a number (`JOINS`): text taken from a PDF
  breaks every ~40 characters, and "腾退土地 2282" / "公顷" is one quantity;
- the marks PDF text leaves around numbers removed (`CLEANING`): "2 0 2 4 年", "约 4.4 万亿元".

A reading line that was joined or cleaned keeps a map from its characters to original offsets
(`Line.offset`); other lines map one to one, with no map stored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

import opencc

from etl.furniture import furniture_rule, running_lines
from targets.numbers import MAGNITUDES, normalise_digits
from targets.units import unit_words


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(line: str) -> str:
    """The simplified reading of one line, the same length as the line."""
    converted = _converter().convert(line)
    if len(converted) != len(line):
        conv = _converter().convert
        converted = "".join(c if len(c := conv(ch)) == 1 else ch for ch in line)
    return converted


@dataclass(frozen=True)
class Origin:
    """Where a line of extracted text sits in its source file, and what the layout says about it."""

    page: int | None = None  # PDF: 1-based page
    page_line: int | None = None  # PDF: 1-based line on that page, in reading order
    paragraph: int | None = None  # DOCX: 1-based paragraph of the body
    table: int | None = None  # DOCX: 1-based table of the body ...
    row: int | None = None  # ... and its 1-based row; the cell is the tab-separated field of the line
    furniture: str | None = None  # a furniture rule the layout decided (a running page header, a page number)
    full: bool | None = None  # PDF: the line reaches the right edge of its column (it wraps)
    indent: bool | None = None  # PDF: the line starts indented (a new paragraph)


@dataclass(frozen=True)
class SourceLine:
    """One line of the original text: its number, offset and origin in the source file."""

    no: int  # 1-based
    start: int
    origin: Origin | None = None

    @property
    def page(self) -> int | None:
        return self.origin.page if self.origin else None

    @property
    def page_line(self) -> int | None:
        return self.origin.page_line if self.origin else None


@dataclass
class Line:
    """One line of the reading: an original line, or several joined (see the module docstring)."""

    no: int  # 1-based line of the original where this line starts
    start: int  # offset in the original text of the line's first character
    original: str  # the original text the line covers (its lines and what lies between, when joined)
    text: str  # the reading: simplified, digits as ASCII, joined and cleaned
    furniture: bool = False  # page chrome (etl/furniture.py): skipped by extraction, kept for line numbers
    runs: tuple[tuple[int, int], ...] | None = None  # (text index, original offset) where the map jumps
    rules: tuple[str, ...] = ()  # the JOINS and CLEANING rules that made this reading

    @property
    def end(self) -> int:
        """Offset in the original text just past the line."""
        return self.start + len(self.original)

    def offset(self, i: int) -> int:
        """Offset in the original text of character i of the reading (i == len(text): just past the line)."""
        if self.runs is None:
            return self.start + i
        if i >= len(self.text):
            return self.end
        k = bisect_right(self.runs, (i, float("inf"))) - 1
        text_start, original_start = self.runs[k]
        return original_start + (i - text_start)

    def pieces(self, i: int = 0) -> list[tuple[int, int]]:
        """(offset in the text from i on, original offset) where the reading's map to the original restarts."""
        if self.runs is None:
            return [(0, self.start + i)]
        k = max(0, bisect_right(self.runs, (i, float("inf"))) - 1)
        first = [(0, self.offset(i))]
        return first + [(a - i, b) for a, b in self.runs[k + 1 :] if a > i]


@dataclass
class SourceDocument:
    """A document's original text, its lines (with their origin in the source file) and its reading."""

    name: str
    original: str
    encoding: str = "utf-8"
    lines: list[Line] = field(default_factory=list)
    traditional_share: float = 0.0
    format: str = "text"  # text | html | pdf | docx: what the intake read
    pages: int | None = None  # PDF page count
    title: str = ""  # a title the source states (PDF metadata, the page's heading), when any
    warnings: list[str] = field(default_factory=list)  # what the intake could not read, to show the user
    source_lines: list[SourceLine] = field(default_factory=list, repr=False)

    @property
    def script(self) -> str:
        """'traditional' when a noticeable share of the Chinese characters changed under t2s."""
        return "traditional" if self.traditional_share > 0.02 else "simplified"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.original.encode("utf-8")).hexdigest()

    @classmethod
    def from_text(
        cls,
        name: str,
        text: str,
        encoding: str = "utf-8",
        origins: Sequence[Origin | None] | None = None,
        **attributes: object,
    ) -> SourceDocument:
        """Split into lines and build the reading; `origins` (one per line, from the intake) locate the lines."""
        doc = cls(name=name, original=text, encoding=encoding, **attributes)  # type: ignore[arg-type]
        raw = _raw_lines(text, origins)
        doc.source_lines = [SourceLine(r.no, r.start, r.origin) for r in raw]
        changed = cjk = 0
        for r in raw:
            if r.original != r.text:  # most lines: already simplified, no full-width digits
                changed += sum(1 for a, b in zip(r.original, r.text, strict=True) if a != b)
            cjk += len(_NOT_CJK.sub("", r.original))
        doc.traditional_share = changed / cjk if cjk else 0.0
        doc.lines = _reading(text, raw)
        return doc

    def line_at(self, offset: int) -> SourceLine:
        """The original line holding an offset of the original text."""
        lo, hi = 0, len(self.source_lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.source_lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.source_lines[lo]

    def origin_at(self, offset: int) -> dict[str, int]:
        """Where an offset of the original text sits in the source file: page and line on the page
        (PDF), paragraph or table, row and cell (DOCX); empty for text files and web pages."""
        line = self.line_at(offset)
        origin = line.origin
        if origin is None:
            return {}
        place = {k: v for k, v in vars(origin).items() if k in _PLACE_KEYS and v is not None}
        if origin.table is not None:
            place["cell"] = self.original.count("\t", line.start, offset) + 1
        return place


_PLACE_KEYS = ("page", "page_line", "paragraph", "table", "row")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


# --- original lines ------------------------------------------------------------------------------------


@dataclass
class _Raw:
    """An original line on its way to the reading."""

    no: int
    start: int
    original: str
    text: str  # simplified, digits as ASCII: the same length as `original`
    furniture: bool
    origin: Origin | None

    @cached_property
    def body(self) -> str:  # asked for by every join rule: stripped once
        return self.text.strip()

    @cached_property
    def width(self) -> int:
        return _display_width(self.body)


def _raw_lines(text: str, origins: Sequence[Origin | None] | None) -> list[_Raw]:
    out, start, own_rules = [], 0, []
    for no, line in enumerate(text.split("\n"), 1):
        original = line[:-1] if line.endswith("\r") else line
        reading = normalise_digits(to_simplified(original))
        origin = origins[no - 1] if origins is not None and no <= len(origins) else None
        own_rules.append(furniture_rule(reading))
        rule = (origin.furniture if origin else None) or own_rules[-1]
        out.append(_Raw(no, start, original, reading, rule is not None, origin))
        start += len(line) + 1
    for i in running_lines([r.text for r in out], own_rules):
        out[i].furniture = True
    return out


# --- joining lines ---------------------------------------------------------------------------------------

#: characters that end a sentence or a clause that stands alone: a line ending in one is not continued
TERMINAL = '。！？!?；;:：）)】」』”"…'


@cache
def _unit_start() -> re.Pattern[str]:
    """What can follow a number as its unit: %, magnitudes, and every Chinese unit word of the registry."""
    words = set(unit_words()) | set(MAGNITUDES)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:[%％‰]|{alternatives})")


#: the end of a sentence, with a closing quote or bracket after it
_SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』）)]*$")
#: what opens a heading or a numbered item: 第二章, 一、, （三）, 3.
_NEW_BLOCK = re.compile(
    r"^(?:第[一二三四五六七八九十百零\d]+[章节部分篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|\d{1,3}[.．、](?!\d))"
)
_ENDS_IN_NUMBER = re.compile(r"\d[\d.]*$")
_STARTS_NUMBER = re.compile(r"^[.\d]")
#: the rest of a broken number: .36万人, 0.3%, 3.5 亿元 (a decimal part, then what follows it)
_DECIMAL_START = re.compile(r"^\d*\.\d+\s*(\S)")
#: what never starts a sentence: a line opening on it goes on from the line before
_CLOSING = "。，、；：？！）》」』”’%％‰,;:?!)"
#: a line of text without the intake's layout is full when it is this wide against the widest lines
#: (PDF text copied out breaks its lines anywhere between ~35 and ~45 characters)
FULL_SHARE = 0.7
_ENDS_IN_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d$")


class _Widths(dict[str, int]):
    """Display width of each character met (2 for East Asian wide and full-width), looked up once."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        return width


_WIDTHS = _Widths()


def _display_width(text: str) -> int:
    return sum(map(_WIDTHS.__getitem__, text))


@dataclass(frozen=True)
class _Layout:
    """What the whole document says about its line breaks."""

    wrapped: bool  # lines break at a fixed width, inside sentences (text taken from a PDF)
    width: int  # the display width of a full line
    geometry: bool  # the intake measured which lines are full and indented (a PDF)
    indents: bool = False  # the document marks its paragraphs by indenting their first lines

    def full(self, line: _Raw) -> bool:
        if self.geometry and line.origin is not None and line.origin.full is not None:
            return line.origin.full
        return line.width >= FULL_SHARE * self.width

    def indented(self, line: _Raw) -> bool:
        if self.geometry and line.origin is not None and line.origin.indent is not None:
            return line.origin.indent
        return line.text[:1].isspace() and not line.text.startswith("\f")


def _layout(raw: list[_Raw]) -> _Layout:
    body = [r for r in raw if not r.furniture and r.body]
    if any(r.origin is not None and r.origin.full is not None for r in body):
        indented = sum(1 for r in body if r.origin is not None and r.origin.indent)
        return _Layout(True, 0, True, indented >= max(2, 0.05 * len(body)))
    widths = sorted(r.width for r in body)
    if not widths:
        return _Layout(False, 0, False)
    width = widths[int(len(widths) * 0.9)]
    full = [r for r in body if r.width >= FULL_SHARE * width]
    open_ended = sum(1 for r in full if r.body[-1] not in TERMINAL)
    return _Layout(len(full) >= 8 and open_ended >= 0.5 * len(full), width, False)


def _number_unit_split(previous: _Raw, following: _Raw, layout: _Layout) -> bool:
    """A number ends the line and its unit starts the next: 腾退土地 2282 / 公顷, 2024 / 年."""
    if not _ENDS_IN_NUMBER.search(previous.body):
        return False
    unit = _unit_start().match(following.body)
    if unit is None:
        return False
    return unit.group() != "年" or bool(_ENDS_IN_YEAR.search(previous.body))


def _closing_start(previous: _Raw, following: _Raw, layout: _Layout) -> bool:
    """The next line opens on punctuation that ends a clause (缩小至1.60 / 。): it cannot start a paragraph."""
    return following.body[0] in _CLOSING and previous.body[-1] not in _CLOSING


def _number_split(previous: _Raw, following: _Raw, layout: _Layout) -> bool:
    """A line ending in digits and the next starting with the rest of the number (增长 2 / 0.3 %, 就业1 /
    .36万人): in wrapped text any digits go on; elsewhere only a decimal part with its unit does, since a
    line may end on 附件2 and the next start on 2024年."""
    if not _ENDS_IN_NUMBER.search(previous.body):
        return False
    if layout.wrapped:
        return bool(_STARTS_NUMBER.match(following.body))
    rest = _DECIMAL_START.match(following.body)
    if rest is None:
        return False
    return rest.group(1) in _CLOSING or bool(_unit_start().match(following.body[rest.start(1) :]))


def _salutation(line: _Raw, layout: _Layout) -> bool:
    """A short line of its own ending in a colon — 各位代表： — opens a block; the line before does not run into it."""
    body = line.body
    short = len(body) <= 10 if layout.geometry else line.width <= 0.3 * layout.width
    return short and body[-1] in "：:" and not re.search(r"\d", body)


def _sentence_wrap(previous: _Raw, following: _Raw, layout: _Layout) -> bool:
    """A full line of wrapped text goes on in the next (增长 / 20.3%, 全市森林 / 覆盖率) unless a paragraph
    starts there: an indented line where the document indents its paragraphs, else a line after the end of
    a sentence. A clause ending in ；or ：at a line's end is no paragraph end."""
    if not layout.wrapped or not layout.full(previous) or layout.indented(following) or _salutation(following, layout):
        return False
    if layout.indents:
        return not (_SENTENCE_END.search(previous.body) and _NEW_BLOCK.match(following.body))
    return not _SENTENCE_END.search(previous.body)


#: (rule name, test on two body lines with only blank lines or furniture between): the line break is
#: inside a sentence or a number, so the lines are one in the reading. Tried in order; the first wins.
JOINS: list[tuple[str, Callable[[_Raw, _Raw, _Layout], bool]]] = [
    ("number-unit-split", _number_unit_split),
    ("closing-punctuation", _closing_start),
    ("number-split", _number_split),
    ("sentence-wrap", _sentence_wrap),
]
#: furniture and blank lines a join may step over (a page footer and header between two pages)
_MAX_GAP = 8


def _next_body(raw: list[_Raw], i: int) -> int | None:
    """The next body line after i when only furniture lies between, or blank lines around furniture
    (a page break); None when a blank line alone (a paragraph break) or nothing follows."""
    crossed_furniture = False
    blank = False
    for j in range(i + 1, min(len(raw), i + 2 + _MAX_GAP)):
        line = raw[j]
        if line.furniture:
            crossed_furniture = True
        elif not line.body:
            blank = True
        else:
            page_break = crossed_furniture or line.original.startswith("\f")
            return j if (not blank or page_break) else None
    return None


#: cells of a table row printed with spaces (a PDF's columns): three or more, apart by two spaces or more
_SPACED_CELLS = re.compile(r"(?<=\S)(?: {2,}|\u3000+)(?=\S)")


def _table_row(line: _Raw) -> bool:
    """A row of a table (cells separated by tabs, bars or wide spaces): never joined to the lines around it."""
    body = line.body
    return "\t" in body or body.startswith(("|", "｜")) or len(_SPACED_CELLS.findall(body)) >= 2


def _open_bar_row(line: _Raw) -> bool:
    """A row of a |-separated table that does not end with its closing bar: wrapped onto the next line."""
    return line.body.startswith(("|", "｜")) and not line.body.endswith(("|", "｜"))


def _groups(raw: list[_Raw]) -> list[tuple[list[int], list[str]]]:
    """Body lines grouped into reading lines: (indexes of the lines joined, the join rules used)."""
    layout = _layout(raw)
    groups: list[tuple[list[int], list[str]]] = []
    i = 0
    while i < len(raw):
        if raw[i].furniture or not raw[i].body:
            i += 1
            continue
        members, rules = [i], []
        while (j := _next_body(raw, members[-1])) is not None:
            previous, following = raw[members[-1]], raw[j]
            if _open_bar_row(previous):
                rule = "bar-row-wrap"  # | a | b | c printed wider than the page: the row goes on
            elif _table_row(previous) or _table_row(following):
                break
            else:
                rule = next((name for name, test in JOINS if test(previous, following, layout)), None)
            if rule is None:
                break
            members.append(j)
            rules.append(rule)
        groups.append((members, rules))
        i = members[-1] + 1
    return groups


# --- cleaning ----------------------------------------------------------------------------------------------

_CJK_OR_PUNCT = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’"
_SPACED_DIGITS = re.compile(r"(?<![\d.])(?<!\d )\d(?: \d){2,}(?![\d.])")


def _spaced_digits(text: str) -> list[int]:
    """The spaces inside runs of three or more digits set apart one by one."""
    return [m.start() + k for m in _SPACED_DIGITS.finditer(text) for k, ch in enumerate(m.group()) if ch == " "]


def _single_spaces(pattern: re.Pattern[str]) -> Callable[[str], list[int]]:
    """The spaces `pattern` matches that stand alone (a run of spaces is a column gap, kept)."""

    def find(text: str) -> list[int]:
        found = []
        for m in pattern.finditer(text):
            i = m.start()
            if text[i - 1 : i] != " " and text[i + 1 : i + 2] != " ":
                found.append(i)
        return found

    return find


#: (rule name, finder): the spaces each finder returns are dropped from the reading. Only spaces go, and
#: only single ones: runs of spaces and tabs separate the columns of a table, and "1 5" (a lost "+") stays.
CLEANING: list[tuple[str, Callable[[str], list[int]]]] = [
    # 2 0 2 4 年, 4 6 1 万
    ("spaced-digits", _spaced_digits),
    # 约 4.4 万亿元, 腾退土地 2282: a space between a word and the number after it
    ("space-before-number", _single_spaces(re.compile(rf"(?<=[{_CJK_OR_PUNCT}]) (?=\d)"))),
    # 2023 年, 461 万, 20.3 %: a space between a number and its unit or the word after it
    ("space-after-number", _single_spaces(re.compile(rf"(?<=[\d%‰]) (?=[{_CJK_OR_PUNCT}%‰])"))),
]


def _drops(text: str) -> tuple[set[int], list[str]]:
    """Positions of the characters the cleaning rules drop, and the names of the rules that fired."""
    drops: set[int] = set()
    fired = []
    if " " not in text:
        return drops, fired
    for name, find in CLEANING:
        found = find(text)
        if found:
            drops.update(found)
            fired.append(name)
    return drops, fired


def _reading(text: str, raw: list[_Raw]) -> list[Line]:
    """The reading lines of the document, in order: joined and cleaned body lines, furniture and blank lines."""
    out: list[Line] = []
    in_group: set[int] = set()
    for members, rules in _groups(raw):
        in_group.update(members)
        out.append(_group_line(text, raw, members, rules))
    for i, r in enumerate(raw):
        if i not in in_group:
            out.append(Line(r.no, r.start, r.original, r.text, r.furniture))
    out.sort(key=lambda line: line.start)
    return out


def _group_line(text: str, raw: list[_Raw], members: list[int], rules: list[str]) -> Line:
    """One reading line from original lines `members`: joined, then cleaned, with its map to the original."""
    first, last = raw[members[0]], raw[members[-1]]
    end = last.start + len(last.original)
    if len(members) == 1:
        chars, offsets = first.text, None
    else:
        parts, offsets_list = [], []
        for k, i in enumerate(members):
            r = raw[i]
            left = len(r.text) - len(r.text.lstrip()) if k else 0
            right = len(r.text.rstrip()) if k < len(members) - 1 else len(r.text)
            if k and _latin(parts[-1][-1:]) and _latin(r.text[left : left + 1]):
                parts.append(" ")  # English words wrapped: the line break was a space
                offsets_list.append([raw[members[k - 1]].start + len(raw[members[k - 1]].original)])
            parts.append(r.text[left:right])
            offsets_list.append(list(range(r.start + left, r.start + right)))
        chars = "".join(parts)
        offsets = [o for part in offsets_list for o in part]
    drops, fired = _drops(chars)
    if not drops and offsets is None:
        return Line(first.no, first.start, first.original, chars, False)
    if offsets is None:
        offsets = list(range(first.start, first.start + len(chars)))
    kept = [i for i in range(len(chars)) if i not in drops]
    reading = "".join(chars[i] for i in kept)
    mapped = [offsets[i] for i in kept]
    return Line(
        first.no,
        first.start,
        text[first.start : end],
        reading,
        False,
        _runs(mapped),
        tuple(dict.fromkeys([*rules, *fired])),
    )


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _runs(offsets: list[int]) -> tuple[tuple[int, int], ...]:
    """(text index, original offset) at the start of each stretch where offsets go up by one."""
    runs = []
    for i, o in enumerate(offsets):
        if i == 0 or o != offsets[i - 1] + 1:
            runs.append((i, o))
    return tuple(runs)
