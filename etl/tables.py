"""Indicator tables: the "主要指标" tables of five-year plans, read as text.

Outlines state their targets in a table whose header names the base year and the target year:

    指标                       2020年   2025年   年均增长   属性
    1.地区生产总值增长(%)        4.0      6左右      —       预期性
    常住人口城镇化率(%)          78.8     82        [3.2]    预期性

Each row gives a baseline (the base-year column) and targets (later year columns), with the unit in
the indicator's brackets and qualifiers in the cells (6左右, ≥80, 80以上). Rows whose cells are words
("高于经济增长", "完成省下达任务") give no quantity. Cells are separated by tabs, runs of spaces or vertical
bars (a web table copied as | a | b |).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.document import Line, SourceDocument
from etl.lexicon import COMPARATOR_SIGNS, LEFT_COMPARATORS, RIGHT_COMPARATORS, alternation
from etl.mentions import Mention

YEAR = re.compile(r"^(?:(?:19|20)\d{2})年?(?:目标|目标值|基数|基期|实际|预期)?$")
SPLIT = re.compile(r"\s*[|｜]\s*|\t+|\s{2,}|\u3000+")
#: a value cell: a number with the qualifier words prose uses (the lexicon's), or a sign (≥80, ＜5)
_PRE = {**dict(COMPARATOR_SIGNS), **dict(LEFT_COMPARATORS)}
_POST = dict(RIGHT_COMPARATORS)
VALUE = re.compile(
    rf"^(?P<pre>{alternation(_PRE)})?\s*(?P<num>-?\d+(?:\.\d+)?)\s*[%％]?\s*(?P<post>{alternation(_POST)})?$"
)
PLACEHOLDER = re.compile(r"^[—\-－–/／无]+$")
#: 〔6.1〕 / [3.2] / 【14】 in a growth column: the change over the whole plan period (cumulative)
CUMULATIVE = re.compile(r"^[〔\[【［](?P<inner>[^〔〕\[\]【】［］]+)[〕\]】］]$")
NAME_UNIT = re.compile(r"[(（]([^()（）]{1,8})[)）]\s*$")


@dataclass
class Column:
    kind: str  # name | year | growth | unit | attribute | category | number
    year: int | None = None


@dataclass
class TableCell:
    text: str
    start: int  # offset in the line


@dataclass
class TableRow:
    line: Line
    name: str
    unit: str
    values: list[tuple[Column, TableCell]] = field(default_factory=list)


@dataclass
class Table:
    header: Line
    columns: list[Column]
    rows: list[TableRow] = field(default_factory=list)

    @property
    def lines(self) -> set[int]:
        return {self.header.no} | {r.line.no for r in self.rows}


def _cells(text: str) -> list[TableCell]:
    cells, pos = [], 0
    for part in SPLIT.split(text):
        start = text.index(part, pos) if part else pos
        if part.strip():
            cells.append(TableCell(part.strip(), start + (len(part) - len(part.lstrip()))))
        pos = start + len(part)
    return cells


def _header(line: Line) -> list[Column] | None:
    """Columns of a header line with at least two year columns, else None."""
    cells = _cells(line.text.strip())
    if len(cells) < 3:
        return None
    columns = []
    for cell in cells:
        t = cell.text
        if YEAR.match(t):
            columns.append(Column("year", int(t[:4])))
        elif re.search(r"年均|累计|增速|增长", t):
            columns.append(Column("growth"))
        elif "属性" in t or t in ("类型", "性质"):
            columns.append(Column("attribute"))
        elif "单位" in t:
            columns.append(Column("unit"))
        elif re.search(r"指标|名称|项目", t):
            columns.append(Column("name"))
        elif re.search(r"类别|领域|分类|维度|序号", t):
            columns.append(Column("category"))
        else:
            return None
    if sum(c.kind == "year" for c in columns) < 2 or not any(c.kind == "name" for c in columns):
        return None
    return columns


def _row(line: Line, columns: list[Column]) -> TableRow | None:
    cells = _cells(line.text)
    value_columns = [c for c in columns if c.kind in ("year", "growth", "unit", "attribute")]
    # the name is the last cell holding Chinese before the value cells; earlier cells are categories
    n_values = len(value_columns)
    if len(cells) < 2:
        return None
    name_index = len(cells) - n_values - 1
    if name_index < 0:
        name_index = 0
        value_cells = cells[1:]
    else:
        value_cells = cells[name_index + 1 :]
    name_cell = cells[name_index]
    if not re.search(r"[\u4e00-\u9fff]", name_cell.text):
        return None
    name = re.sub(r"^\d{1,2}[.．、]?\s*", "", name_cell.text)
    unit_match = NAME_UNIT.search(name)
    unit = unit_match.group(1) if unit_match else ""
    name = NAME_UNIT.sub("", name).strip()
    row = TableRow(line, name, unit)
    for column, cell in zip(value_columns, value_cells, strict=False):
        if column.kind == "unit":
            row.unit = cell.text
        elif column.kind in ("year", "growth"):
            row.values.append((column, cell))
    return row if row.values else None


def find_tables(doc: SourceDocument) -> list[Table]:
    """Indicator tables of a document: a header with year columns and the rows under it."""
    tables: list[Table] = []
    current: Table | None = None
    for line in doc.lines:
        if line.furniture:
            continue
        stripped = line.text.strip()
        columns = _header(line) if stripped else None
        if columns:
            current = Table(line, columns)
            tables.append(current)
            continue
        if current is None:
            continue
        if not stripped:
            if current.rows:
                current = None
            continue
        row = _row(line, current.columns)
        if row is None:
            if re.search(r"[。；]", stripped):
                current = None  # prose again: the table has ended
            continue
        current.rows.append(row)
    return [t for t in tables if t.rows]


def read_value(cell: TableCell) -> tuple[float, str] | None:
    """(number, comparator) of a value cell, or None for words and placeholders (a 〔x〕 cell reads as x)."""
    if PLACEHOLDER.match(cell.text):
        return None
    bracket = CUMULATIVE.match(cell.text)
    m = VALUE.match(bracket.group("inner").strip() if bracket else cell.text)
    if not m:
        return None
    comparator = "="
    if m.group("pre"):
        comparator = _PRE[m.group("pre")]
    if m.group("post"):
        comparator = _POST[m.group("post")]
    return float(m.group("num")), comparator


def is_cumulative(cell: TableCell) -> bool:
    """A bracketed cell: the change over the plan period, not a yearly rate."""
    return CUMULATIVE.match(cell.text) is not None


def cell_mention(cell: TableCell, value: float, unit: str) -> Mention:
    """A mention spanning the whole cell (its qualifier included), offsets relative to the line."""
    return Mention(cell.start, cell.start + len(cell.text), value, None, None, unit, None, "table")
