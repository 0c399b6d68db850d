"""Tables read as text: a header line naming the columns, the rows of cells under it.

Plans, reports and communiqués publish figures in tables that reach us as text (a Word or web table
copied, a PDF's columns): cells separated by tabs, runs of spaces or vertical bars. The header says what
each column holds, in the words of Chinese statistical tables (`COLUMN_RULES`, first match wins):

    指标                     2020年   2025年   年均增长   属性         an outline's indicator table
    指标  单位  2020年  2022年  2025年目标  属性  进度评价              a mid-term evaluation
    县（市、区）  地区生产总值（亿元）  比上年增长（%）                    a communiqué's table
    产品名称  单位  产量  比上年增长（%）
    年度  综合交通投资（亿元）  新增高速公路（公里）                      a year per row
    序号  项目名称  建设规模（公里）  总投资（亿元）  建设年限              a project list

A row is its name (the last cell with words before the value cells; earlier cells are its categories) and
its value cells: a number with the qualifiers prose uses (6左右, ≥80, 80以上, 6-7, 1,140.8). Cells of words
("高于经济增长", "完成省下达任务") and placeholders (—) give no quantity. The unit is the column's (地区生产总值
（亿元）), the unit column's, or the row name's (常住人口城镇化率(%)). What kind and year each cell is, the
extractor decides from the column (etl.extract `_table_targets`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.document import Line, SourceDocument
from etl.lexicon import COMPARATOR_SIGNS, LEFT_COMPARATORS, RIGHT_COMPARATORS, alternation
from etl.mentions import Mention
from etl.rules import Fired, Rule, RuleTable
from targets.numbers import ARABIC, parse_number

SPLIT = re.compile(r"\s*[|｜]\s*|\t+|\s{2,}|\u3000+")
#: a number as tables write it: 1,140.8 or 8 960 (thousands separated), 6.5, -2.4
_NUMBER = rf"-?(?:{ARABIC})"
#: a value cell: a number or a range with the qualifier words prose uses (the lexicon's), or a sign (≥80, ＜5)
_PRE = {**dict(COMPARATOR_SIGNS), **dict(LEFT_COMPARATORS)}
_POST = dict(RIGHT_COMPARATORS)
VALUE = re.compile(
    rf"^(?P<pre>{alternation(_PRE)})?\s*(?P<num>{_NUMBER})\s*[%％]?"
    rf"(?:\s*[-—－–~～至]\s*(?P<high>{_NUMBER})\s*[%％]?)?\s*(?P<post>{alternation(_POST)})?$"
)
#: a cell with its unit in it (a progress table: 5.5万人, 1500张, ≥120个): the unit is the cell's
UNIT_CELL = re.compile(
    rf"^(?P<pre>{alternation(_PRE)})?\s*(?P<num>{_NUMBER})\s*(?P<unit>[^\d\s，,。；;、%％()（）]{{1,6}}?)"
    rf"\s*(?P<post>{alternation(_POST)})?$"
)
PLACEHOLDER = re.compile(r"^[—\-－–/／无]+$")
#: 〔6.1〕 / [3.2] / 【14】 in a growth column: the change over the whole plan period (cumulative)
CUMULATIVE = re.compile(r"^[〔\[【［](?P<inner>[^〔〕\[\]【】［］]+)[〕\]】］]$")
#: one unit for a whole table, in its caption: （单位：亿元） — two (单位：个、亿元) name no column's
CAPTION_UNIT = re.compile(r"[(（]\s*单位\s*[:：]\s*([^()（）、，,;；]{1,8})[)）]")
#: a unit in brackets at the end of a name: 常住人口城镇化率(%), 地区生产总值（亿元）
NAME_UNIT = re.compile(r"[(（]([^()（）]{1,8})[)）]\s*$")
#: a year column's header: 2025年, 2025年目标, 2020年（基期）
_YEAR_HEAD = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年?(?:末|底)?\s*[(（]?(?P<role>[^()（）]*?)[)）]?$")
_TARGET_WORDS = re.compile(r"^(?:规划|预期|计划)?(?:目标|目标值|预期|预期值|计划)$")
_ACTUAL_WORDS = re.compile(
    r"^(?:完成|完成值|完成情况|实际|实际值|实绩|实现|实现值|达到值|预计|预计完成|预计值|现状|现状值)$"
)
_BASE_WORDS = re.compile(r"^(?:基数|基期|基期值|基准|基准值)$")
#: a row's years: 2026—2030 (a project's 建设年限), its last year is the row's
PERIOD = re.compile(r"^(?P<first>(?:19|20)\d{2})\s*年?\s*[-—－–~～至]\s*(?P<last>(?:19|20)\d{2})\s*年?$")
ROW_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年?$")
#: the row that adds up the others: 合计, 总计, 全市, 小计
TOTAL_ROW = re.compile(r"^(?:合计|总计|小计|总计（[^）]*）|合计（[^）]*）)$")


@dataclass(frozen=True)
class Column:
    """What a header cell says its column holds.

    kind: name | category | index | year_row | year | growth | change | measure | unit | period | words.
    `role` of a year column: target, actual, base, or '' (decided by its place among the years)."""

    kind: str
    year: int | None = None
    role: str = ""
    label: str = ""  # what a measure column measures (地区生产总值), without its unit
    unit: str = ""  # the unit in the header's brackets

    @property
    def holds_values(self) -> bool:
        return self.kind in ("year", "growth", "change", "measure")


def _year_column(role_words: re.Pattern[str], role: str):
    def test(head: str) -> Column | None:
        m = _YEAR_HEAD.match(head)
        if not m or not role_words.match(m.group("role")):
            return None
        return Column("year", int(m.group("year")), role)

    return test


def _plain_year(head: str) -> Column | None:
    m = _YEAR_HEAD.match(head)
    return Column("year", int(m.group("year"))) if m and not m.group("role") else None


def _measure(head: str) -> Column | None:
    """Any other header with words: what its column measures, and its unit when bracketed."""
    if not re.search(r"[\u4e00-\u9fff]", head) or len(head) > 24 or re.search(r"[，。；：]", head):
        return None
    unit = NAME_UNIT.search(head)
    return Column("measure", label=NAME_UNIT.sub("", head).strip(), unit=unit.group(1) if unit else "")


def _kind(kind: str, pattern: str):
    compiled = re.compile(pattern)
    return lambda head: Column(kind) if compiled.search(head) else None


def _change(head: str) -> Column | None:
    unit = NAME_UNIT.search(head)
    return Column("change", unit=unit.group(1) if unit else "%")


#: a header naming the rows: 指标, 项目名称, 产品名称, 地区, 县（市、区）
_NAME_HEADS = (
    r"^(?:主要)?指标(?:名称)?$|名称$|^(?:项目|产品|地区|区域|区县|行业|部门|品种|县|城市|乡镇|街道|镇街|街镇)$"
    r"|^(?:县|乡镇|街道|镇|乡|区|市)[（(]"
)

#: a column of what is done so far: 上半年完成, 1—6月完成, 累计完成, 实际完成
_DONE_HEAD = re.compile(
    r"(?:上半年|前三季度|一季度|\d{1,2}\s*[—\-–至]\s*\d{1,2}\s*月|累计|实际|已)?(?:完成|完成数|完成值)"
)

# fmt: off
COLUMN_RULES: RuleTable[str] = RuleTable("table column", (
    Rule("column-year-target", "a year's target (2025年目标, 2025年规划目标, 2026年预期)", "2025年目标",
         _year_column(_TARGET_WORDS, "target")),
    Rule("column-year-actual", "a year's actual (2025年完成, 2022年实际, 2025年预计)", "2025年完成",
         _year_column(_ACTUAL_WORDS, "actual")),
    Rule("column-year-base", "the base year (2020年基数, 2020年（基期）)", "2020年（基期）",
         _year_column(_BASE_WORDS, "base")),
    Rule("column-year", "a year (2020年 2025年): of several, the earliest is the baseline", "2025年", _plain_year),
    Rule("column-target", "the year's target, its year the table's (年度目标, 计划)", "年度目标",
         lambda head: re.fullmatch(r"(?:年度|全年|本年)?(?:目标|目标值|目标任务|计划|计划数)", head)
         and Column("year", role="target")),
    Rule("column-done", "what is done so far, its year the table's (上半年完成, 累计完成, 实际完成)", "上半年完成",
         lambda head: _DONE_HEAD.fullmatch(head) and Column("year", role="actual")),
    Rule("column-change", "the change on last year (比上年增长（%）, 同比, 涨跌): the row's growth that year",
         "比上年增长（%）", lambda head: re.search(r"比上年|同比|涨跌|增减", head) and _change(head)),
    Rule("column-growth", "the growth over the plan period (年均增长, 累计)", "年均增长（%）",
         _kind("growth", r"增速|增长|增幅|^(?:年均|累计)(?:[(（][^()（）]*[)）])?$")),
    Rule("column-unit", "the row's unit (单位)", "单位",
         lambda head: re.fullmatch(r"(?:计量)?单位", head) and Column("unit")),
    Rule("column-period", "a row's years (建设年限 2026—2030): its last year is the row's", "建设年限",
         _kind("period", r"年限|期限|起止年份|建设周期|实施年份")),
    Rule("column-words", "words, never a quantity (属性, 进度评价, 牵头单位, 备注)", "属性",
         _kind("words", r"属性|类型|性质|评价|进度|情况|备注|说明|牵头|责任|主要内容|建设内容|^单位名称$")),
    Rule("column-index", "a running number (序号)", "序号", _kind("index", r"^(?:序号|编号|序)$")),
    Rule("column-category", "a category of rows (类别, 领域)", "类别", _kind("category", r"类别|领域|分类|维度")),
    Rule("column-year-row", "a year per row (年度, 年份)", "年度", _kind("year_row", r"^(?:年度|年份|年)$")),
    Rule("column-name", "the row's name (指标, 项目名称, 产品名称, 地区, 县（市、区）)", "指标",
         _kind("name", _NAME_HEADS)),
    Rule("column-measure", "what a column measures, its unit in brackets (地区生产总值（亿元）, 产量)",
         "地区生产总值（亿元）", _measure),
))
# fmt: on


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
    period: tuple[int, int] | None = None  # the row's years (a project's 建设年限)
    year: int | None = None  # the row's year (a table with a year per row)
    total: bool = False  # 合计: the sum of the rows above


@dataclass
class Table:
    header: Line
    columns: list[Column]
    fired: list[Fired] = field(default_factory=list)  # the rule that read each header cell
    caption: str = ""  # the line naming the table (表5  2025年各县（市、区）主要经济指标)
    rows: list[TableRow] = field(default_factory=list)

    @property
    def unit(self) -> str:
        """The one unit its caption gives every value (表2  …（单位：亿元）), else ''."""
        m = CAPTION_UNIT.search(self.caption)
        return m.group(1).strip() if m else ""

    @property
    def lines(self) -> set[int]:
        return {self.header.no} | {r.line.no for r in self.rows}

    @property
    def year_rows(self) -> bool:
        return any(c.kind == "year_row" for c in self.columns)


def _cells(text: str) -> list[TableCell]:
    cells, pos = [], 0
    for part in SPLIT.split(text):
        start = text.index(part, pos) if part else pos
        if part.strip():
            cells.append(TableCell(part.strip(), start + (len(part) - len(part.lstrip()))))
        pos = start + len(part)
    return cells


def header_columns(text: str, caption_unit: bool = False) -> tuple[list[Column], list[Fired]] | None:
    """The columns of a header line and the rules that read them, or None when the line is no header: every
    cell must read as a column, one names the rows, and its value columns must say what they hold (two
    years, or a unit in the header, a unit column or the caption: `caption_unit`)."""
    cells = _cells(text.strip())
    if len(cells) < 2:
        return None
    columns, fired = [], []
    for cell in cells:
        found = COLUMN_RULES.first(cell.text)
        if found is None:
            return None
        fired.append(found[0])
        columns.append(found[1])
    kinds = [c.kind for c in columns]
    if not any(k in ("name", "year_row") for k in kinds) and "category" in kinds:
        columns[kinds.index("category")] = Column("name")  # 类别 | 项目数 | 总投资: the category names the rows
        kinds = [c.kind for c in columns]
    if not any(k in ("name", "year_row") for k in kinds) or not any(c.holds_values for c in columns):
        return None
    years = kinds.count("year")
    measured = caption_unit or "unit" in kinds or any(c.unit for c in columns if c.kind == "measure")
    measured = measured or "year_row" in kinds
    said = "change" in kinds or any(c.kind == "year" and c.role for c in columns)  # 比上年增长, 2024年目标
    if years < 2 and not measured and not said:
        return None
    if years < 2 and len(cells) < 3 and "unit" not in kinds and "change" not in kinds:
        return None  # two cells, one a measure: a line of prose split at a wide space
    return columns, fired


def _row(line: Line, columns: list[Column]) -> TableRow | None:
    cells = _cells(line.text)
    if len(cells) < 2:
        return None
    named = next(i for i, c in enumerate(columns) if c.kind in ("name", "year_row"))
    trailing = columns[named + 1 :]
    # the name is the cell before the trailing columns' cells; earlier cells are categories (a merged
    # category cell appears on its first row only, so rows may have fewer cells than the header)
    name_index = len(cells) - len(trailing) - 1
    if name_index < 0:
        name_index, value_cells = 0, cells[1:]
    else:
        value_cells = cells[name_index + 1 :]
    name_cell = cells[name_index]
    if PLACEHOLDER.match(name_cell.text) and name_index > 0:
        name_cell = cells[name_index - 1]  # 合计 in the number column, — where the name would be
    year = ROW_YEAR.match(name_cell.text)
    total = TOTAL_ROW.match(name_cell.text) is not None
    if columns[named].kind == "year_row":
        if not (year or total):
            return None
    elif not re.search(r"[\u4e00-\u9fff]", name_cell.text):
        return None
    name = re.sub(r"^(?:\d{1,2}[.．、]\s*|其中[:：]\s*)", "", name_cell.text)
    unit_match = NAME_UNIT.search(name)
    row = TableRow(line, NAME_UNIT.sub("", name).strip(), unit_match.group(1) if unit_match else "")
    row.year, row.total = (int(year.group("year")) if year else None), total
    for column, cell in zip(trailing, value_cells, strict=False):
        if column.kind == "unit":
            row.unit = cell.text
        elif column.kind == "period" and (period := PERIOD.match(cell.text)):
            row.period = (int(period.group("first")), int(period.group("last")))
        elif column.holds_values:
            row.values.append((column, cell))
    # a row has a number or a placeholder where its values are: a line of words split at wide spaces has none
    if not any(PLACEHOLDER.match(c.text) or read_value(c) for _column, c in row.values):
        return None
    return row


def _caption(lines: list[Line], at: int) -> str:
    """The line that names the table starting at index `at`: the nearest line above with text, when short
    and not a sentence (表1  2025年居民消费价格比上年涨跌幅度, 附表  主要指标)."""
    for line in reversed(lines[max(0, at - 3) : at]):
        text = line.text.strip()
        if not text or line.furniture:
            continue
        return text if len(text) <= 40 and not re.search(r"[。；]$", text) else ""
    return ""


def find_tables(doc: SourceDocument) -> list[Table]:
    """The tables of a document: a header line and the rows under it. A blank line or a page's furniture
    between rows does not end a table (a PDF breaks it across pages); a sentence, or a line that is no row
    after a blank one, does."""
    tables: list[Table] = []
    current: Table | None = None
    gap = False
    for i, line in enumerate(doc.lines):
        if line.furniture:
            continue
        stripped = line.text.strip()
        caption = _caption(doc.lines, i) if stripped else ""
        header = header_columns(stripped, CAPTION_UNIT.search(caption) is not None) if stripped else None
        if header:
            current = Table(line, header[0], header[1], caption)
            tables.append(current)
            gap = False
            continue
        if current is None:
            continue
        if not stripped:
            gap = True
            continue
        row = _row(line, current.columns)
        if row is None:
            if gap or re.search(r"[。；]", stripped):
                current = None  # prose again: the table has ended
            continue
        current.rows.append(row)
        gap = False
    return [t for t in tables if t.rows]


def read_value(cell: TableCell) -> tuple[float | None, tuple[float, float] | None, str, str] | None:
    """(number, (low, high) of a range, comparator, the unit written in the cell — '' when the column or row
    gives it) of a value cell, or None for words and placeholders (a 〔x〕 cell reads as x; 5.5万人 keeps 万人)."""
    if PLACEHOLDER.match(cell.text):
        return None
    bracket = CUMULATIVE.match(cell.text)
    text = bracket.group("inner").strip() if bracket else cell.text
    m = VALUE.match(text) or UNIT_CELL.match(text)
    if not m:
        return None
    unit = m.groupdict().get("unit") or ("%" if re.search(r"[%％]", text) else "")
    number = _number(m.group("num"))
    if m.groupdict().get("high"):
        return None, (number, _number(m.group("high"))), "range", unit
    comparator = "="
    if m.group("pre"):
        comparator = _PRE[m.group("pre")]
    if m.group("post"):
        comparator = _POST[m.group("post")]
    return number, None, comparator, unit


def _number(text: str) -> float:
    return -parse_number(text[1:]) if text.startswith("-") else parse_number(text)


def is_cumulative(cell: TableCell) -> bool:
    """A bracketed cell: the change over the plan period, not a yearly rate."""
    return CUMULATIVE.match(cell.text) is not None


def cell_mention(cell: TableCell, value: float | None, unit: str, span: tuple[float, float] | None = None) -> Mention:
    """A mention spanning the whole cell (its qualifier included), offsets relative to the line."""
    low, high = span if span else (None, None)
    return Mention(cell.start, cell.start + len(cell.text), value, low, high, unit, None, "table")


def caption_year(caption: str) -> int | None:
    """The one year a caption names (表5  2025年各县主要经济指标 -> 2025; a span 2021—2025年 names none)."""
    if PERIOD.search(re.sub(r"^\S*\s+", "", caption)) or re.search(r"\d{4}\s*[-—－–~～至]\s*\d{4}", caption):
        return None
    years = re.findall(r"((?:19|20)\d{2})\s*年", caption)
    return int(years[-1]) if len(set(years)) == 1 else None


#: how a cell without a year in its column gets its year (etl.extract `_TableTime`), first that holds wins
CELL_YEARS: tuple[tuple[str, str, str], ...] = (
    ("row-year", "a table with a year per row: the row's year", "2026年 | 2,450 | 180"),
    ("row-total", "its 合计 row: the last year of the rows (a total over them)", "合计 | 13,000 | 1,580"),
    ("row-period", "a row with its years (建设年限): the last of them", "… | 236 | 412 | 2026—2030"),
    (
        "table-year",
        "the year the caption names, else the communiqué's year, else the plan's target year",
        "表5  2025年各县（市、区）主要经济指标",
    ),
)
