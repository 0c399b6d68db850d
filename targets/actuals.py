"""Uploaded actuals: the template, reading files, the validation report, conversion, batches.

A planner fills the template (CSV or Excel) with what actually happened, one row per plan,
indicator and year. `validate` reads the file and checks every row before anything is written;
`import_actuals` writes a valid file as one batch in one transaction; `withdraw_batch` takes a
batch back (its rows stay in the history but stop counting); `batches` is the history.

The report follows frictionless: every problem is a record `{row, column, value, rule, message}`,
`row` counted like the spreadsheet (the header is row 1, the first data row row 2), `rule` a
stable kebab-case id from `RULES`, `message` Chinese first, then English. Pages and the CLI show the
same report (`Report.as_text`, `Report.errors_frame`).

Decisions (also in the README):
  * Columns: plan, indicator_id and/or indicator, period, value, unit, source, note. A header may be
    the column id, its Chinese name (规划, 指标编号, 指标, 年份, 数值, 单位, 来源, 备注) or both
    ("规划 plan"); other columns are ignored with a warning.
  * Periods: from one year before the plan's first year (the baseline a plan starts from, like the
    2020 figures of a 2021–2025 plan) to its last year.
  * Values are numbers as written (a leading minus is a number, 1,234 and full-width digits are
    accepted); magnitudes (万, 亿) belong in the unit, which pint converts to the indicator's unit.
    Ratio and index indicators take no unit (or 倍); every other indicator needs one.
  * A row repeated exactly (same plan, indicator, year and value) is imported once with a warning;
    the same key with another value is an error. A row without year and value is skipped with a
    warning (a sheet prepared for every indicator and filled in part, like an export).
  * Text cells starting with = + - @ (or a tab or carriage return) are refused: Excel would run them
    as formulas when the data is exported and opened again.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import math
import os
import re
import time
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pint

from targets.catalog import Catalog, Indicator, load_catalog
from targets.store import BatchRecord, Store
from targets.units import UNIT_SUFFIX, UnknownUnit, canonical_factor, conversion

# --- limits ---------------------------------------------------------------------------------------

#: largest file accepted, in bytes
MAX_BYTES = 10 * 1024 * 1024
#: most data rows accepted in one file
MAX_ROWS = 200_000
#: longest text accepted in one cell
MAX_CELL_CHARS = 2000
#: largest uncompressed size of an .xlsx (a zip): guards against zip bombs
MAX_XLSX_UNZIPPED = 200 * 1024 * 1024
#: years before a plan's first year that are accepted (as baselines)
BASELINE_YEARS = 1

#: environment variable naming a file: when set, `import_actuals` creates that file inside its
#: transaction, after writing the rows and before committing, then sleeps. Tests only: they kill
#: the process there and check that nothing was written.
PAUSE_ENV = "TARGET_MONITOR_TEST_PAUSE_IN_TRANSACTION"

# --- columns --------------------------------------------------------------------------------------

COLUMNS = ("plan", "indicator_id", "indicator", "period", "value", "unit", "source", "note")
REQUIRED = ("plan", "period", "value", "unit")  # and indicator_id or indicator
#: column id -> (Chinese name, English name): the template's headers are "中文 id"
COLUMN_NAMES: dict[str, tuple[str, str]] = {
    "plan": ("规划", "plan"),
    "indicator_id": ("指标编号", "indicator id"),
    "indicator": ("指标", "indicator"),
    "period": ("年份", "year"),
    "value": ("数值", "value"),
    "unit": ("单位", "unit"),
    "source": ("来源", "source"),
    "note": ("备注", "note"),
}
#: header words accepted for each column (compared after NFKC, lower case, spaces trimmed)
ALIASES: dict[str, str] = {
    "plan": "plan",
    "plan_id": "plan",
    "规划": "plan",
    "规划编号": "plan",
    "indicator_id": "indicator_id",
    "指标编号": "indicator_id",
    "指标id": "indicator_id",
    "indicator": "indicator",
    "indicator_name": "indicator",
    "指标": "indicator",
    "指标名称": "indicator",
    "period": "period",
    "year": "period",
    "年份": "period",
    "年度": "period",
    "value": "value",
    "数值": "value",
    "实际值": "value",
    "unit": "unit",
    "单位": "unit",
    "source": "source",
    "来源": "source",
    "数据来源": "source",
    "note": "note",
    "备注": "note",
    "说明": "note",
}
#: names of the sheet read from a workbook; otherwise the first sheet is read
SHEET_NAMES = ("实际值", "actuals", "实际值 actuals")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: written units a ratio or index indicator accepts
NO_UNIT = ("", "倍", ":1", "∶1")


def header(column: str) -> str:
    """The template header of a column: its Chinese name and id ("规划 plan")."""
    return f"{COLUMN_NAMES[column][0]} {column}"


# --- rules ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A check an upload must pass: a stable id, a title and a message template in both languages."""

    id: str
    title_zh: str
    title_en: str
    zh: str
    en: str
    warning: bool = False


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("empty-file", "空文件", "empty file", "文件是空的", "the file is empty"),
        Rule("no-rows", "没有数据行", "no data rows", "只有表头,没有数据行", "the file has a header but no data rows"),
        Rule(
            "file-too-large",
            "文件过大",
            "file too large",
            "文件大小 {size} 超过上限 {limit};请拆分成多个文件",
            "the file is {size}, over the {limit} limit; split it into several files",
        ),
        Rule(
            "too-many-rows",
            "行数过多",
            "too many rows",
            "超过 {limit} 行的上限;请拆分成多个文件",
            "more than {limit} rows; split the file into several files",
        ),
        Rule(
            "wrong-file-type",
            "文件类型不对",
            "wrong file type",
            "{detail_zh};请上传 CSV(UTF-8 或 GBK 编码,逗号或制表符分隔)或 Excel .xlsx 文件",
            "{detail_en}; upload a CSV (UTF-8 or GBK, comma or tab separated) or an Excel .xlsx file",
        ),
        Rule(
            "encoding-error",
            "无法识别编码",
            "unknown encoding",
            "文件既不是 UTF-8 也不是 GBK/GB18030 编码;请在 Excel 中另存为「CSV UTF-8」",
            "the file is neither UTF-8 nor GBK/GB18030; in Excel, save it as 'CSV UTF-8'",
        ),
        Rule(
            "malformed-csv",
            "CSV 格式错误",
            "malformed CSV",
            "无法按 CSV 读取:{detail}",
            "cannot be read as CSV: {detail}",
        ),
        Rule(
            "missing-column",
            "缺少列",
            "missing column",
            "缺少必需的列「{name_zh}」(表头可写 {aliases})",
            "the required column '{name_en}' is missing (header may be {aliases})",
        ),
        Rule(
            "duplicate-column",
            "列重复",
            "duplicate column",
            "「{name_zh}」列出现了两次(第 {first} 列和第 {second} 列)",
            "the column '{name_en}' appears twice (columns {first} and {second})",
        ),
        Rule("missing-cell", "缺少内容", "missing cell", "「{name_zh}」不能为空", "'{name_en}' must not be empty"),
        Rule(
            "cell-too-long",
            "内容过长",
            "cell too long",
            "超过 {limit} 个字符",
            "longer than {limit} characters",
        ),
        Rule(
            "formula-cell",
            "公式单元格",
            "formula cell",
            "「{value}」以 {start} 开头,Excel 会把它当作公式;请填写数值或纯文本(去掉开头的 {start})",
            "'{value}' starts with {start}, which Excel runs as a formula; write a plain number or text",
        ),
        Rule(
            "unknown-plan",
            "未知规划",
            "unknown plan",
            "没有编号为「{value}」的规划;可用的规划编号:{choices}",
            "no plan has the id '{value}'; plan ids: {choices}",
        ),
        Rule(
            "unknown-indicator",
            "未知指标",
            "unknown indicator",
            "指标目录中没有「{value}」;请使用模板「指标」表中的编号或名称",
            "the catalog has no indicator '{value}'; use an id or name from the template's indicator sheet",
        ),
        Rule(
            "ambiguous-indicator",
            "指标名称有歧义",
            "ambiguous indicator",
            "「{value}」可以指多个指标:{choices};请在「指标编号」列填写其中一个",
            "'{value}' may mean several indicators: {choices}; put one of these ids in 'indicator id'",
        ),
        Rule(
            "indicator-mismatch",
            "指标编号与名称不一致",
            "indicator id and name disagree",
            "指标名称「{value}」对应 {choices},与指标编号「{indicator_id}」不一致",
            "the name '{value}' means {choices}, not the id '{indicator_id}'",
        ),
        Rule(
            "not-a-number",
            "不是数字",
            "not a number",
            "「{value}」不是数字;数值列只填数字,万、亿等量级写在单位列(如 2.08 和 万亿元)",
            "'{value}' is not a number; write only the number and put 万/亿 in the unit (2.08 and 万亿元)",
        ),
        Rule(
            "not-a-year",
            "不是年份",
            "not a year",
            "「{value}」不是年份;请填写四位数年份,如 2023",
            "'{value}' is not a year; write a four-digit year such as 2023",
        ),
        Rule(
            "period-outside-plan",
            "年份超出规划期",
            "year outside the plan",
            "{value} 年不在规划「{plan}」的年份内(可填 {low}–{high} 年,含规划开始前一年的基数)",
            "{value} is outside the plan '{plan}' (years {low}–{high}, including the baseline year before it)",
        ),
        Rule(
            "unknown-unit",
            "无法识别的单位",
            "unknown unit",
            "无法识别单位「{value}」;指标「{indicator}」的单位是 {unit}",
            "the unit '{value}' is unknown; the indicator '{indicator}' is measured in {unit}",
        ),
        Rule(
            "wrong-unit",
            "单位与指标不符",
            "unit does not fit the indicator",
            "单位「{value}」无法换算为指标「{indicator}」的单位 {unit}",
            "the unit '{value}' cannot be converted to {unit}, the unit of the indicator '{indicator}'",
        ),
        Rule(
            "percent-for-percentage-point",
            "百分比用于百分点指标",
            "percent for a percentage-point indicator",
            "指标「{indicator}」以百分点(个百分点)计,「{value}」是百分比;请确认是变化的百分点数并把单位写成 个百分点",
            "the indicator '{indicator}' is a change in percentage points, '{value}' is a percent; "
            "if the number is a change in points, write the unit as 个百分点",
        ),
        Rule(
            "percentage-point-for-percent",
            "百分点用于百分比指标",
            "percentage points for a percent indicator",
            "指标「{indicator}」以百分比(%)计,「{value}」是百分点(变化量);请填写百分比水平",
            "the indicator '{indicator}' is a percent, '{value}' is a change in percentage points; give the level",
        ),
        Rule(
            "duplicate-row",
            "重复的行",
            "duplicate row",
            "与第 {first} 行是同一规划、指标和年份,但数值不同({first_value} 与 {this_value});请只保留一行",
            "row {first} has the same plan, indicator and year with another value ({first_value} vs {this_value})",
        ),
        # warnings: reported, not blocking
        Rule(
            "repeated-row",
            "完全重复的行",
            "repeated row",
            "与第 {first} 行完全相同,只导入一次",
            "the same as row {first}; imported once",
            warning=True,
        ),
        Rule(
            "skipped-row",
            "未填写的行",
            "row not filled in",
            "{n} 行没有年份和数值,已跳过(第 {rows} 行)",
            "{n} rows without year and value skipped (rows {rows})",
            warning=True,
        ),
        Rule(
            "ignored-column",
            "忽略的列",
            "ignored column",
            "「{value}」不是模板中的列,已忽略",
            "'{value}' is not a template column; ignored",
            warning=True,
        ),
        Rule(
            "uploaded-before",
            "文件已上传过",
            "file uploaded before",
            "同一文件已于 {when} 上传(批次 {batch});再次导入会成为新的批次",
            "the same file was uploaded on {when} (batch {batch}); importing it again makes a new batch",
            warning=True,
        ),
    )
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an upload, where it is and which rule it breaks."""

    #: spreadsheet row (the header is row 1); None for the whole file
    row: int | None
    #: column id (plan, value ...); None for the whole row or file
    column: str | None
    #: the cell as uploaded
    value: str | None
    #: the rule id (a key of RULES)
    rule: str
    #: Chinese, then English
    message: str

    @property
    def warning(self) -> bool:
        return RULES[self.rule].warning

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "rule": self.rule, "message": self.message}


def problem(row: int | None, column: str | None, value: Any, rule: str, **details: Any) -> Problem:
    """A Problem with its message filled from the rule's templates, the location and `details`."""
    spec = RULES[rule]
    shown = _shown(value)
    names = COLUMN_NAMES.get(column or "", (column or "", column or ""))
    fields = {"value": shown, "name_zh": names[0], "name_en": names[1], **details}
    where_zh = (f"第 {row} 行" if row else "") + (f"「{names[0]}」" if column else "")
    where_en = ", ".join(p for p in (f"row {row}" if row else "", f"column {column}" if column else "") if p)
    zh = spec.zh.format(**fields)
    en = spec.en.format(**fields)
    message = (f"{where_zh}:{zh}" if where_zh else zh) + " / " + (f"{where_en}: {en}" if where_en else en)
    return Problem(row, column, None if value is None else shown, rule, message)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    text = _text(value)
    return text if len(text) <= 60 else text[:57] + "…"


class ActualsError(Exception):
    """An upload or a batch operation failed."""


class InvalidUpload(ActualsError):
    """The file breaks at least one rule; nothing was written. `report` says where and why."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(report.summary())


# --- the report -----------------------------------------------------------------------------------


@dataclass
class Report:
    """What `validate` found: errors (blocking), warnings, the rows converted, and counts."""

    file_name: str
    sha256: str
    problems: list[Problem] = field(default_factory=list)
    #: one row per data row read: the uploaded cells, the converted value, `ok`
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: rows read, rows accepted, rows skipped, rows repeated
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def valid(self) -> bool:
        return not self.errors

    def accepted(self) -> pd.DataFrame:
        """The rows that will be written: valid ones, repeats and skipped rows left out."""
        if self.rows.empty:
            return self.rows
        return self.rows[self.rows["ok"]].reset_index(drop=True)

    def locations(self, warnings: bool = False) -> list[tuple[int | None, str | None, str]]:
        """(row, column, rule) of every error (or warning): what tests compare."""
        return [(p.row, p.column, p.rule) for p in (self.warnings if warnings else self.errors)]

    def summary(self) -> str:
        n_err, n_warn = len(self.errors), len(self.warnings)
        read = self.stats.get("rows", 0)
        if self.valid:
            return (
                f"{self.file_name}:{read} 行全部通过检查,{n_warn} 条提示 / "
                f"{self.file_name}: {read} rows valid, {n_warn} warnings"
            )
        return (
            f"{self.file_name}:发现 {n_err} 个错误,未写入任何数据 / "
            f"{self.file_name}: {n_err} errors, nothing was written ({read} rows read)"
        )

    def errors_frame(self, warnings: bool = True) -> pd.DataFrame:
        """Errors (then warnings) as a table with the columns row, column, value, rule, message."""
        chosen = self.errors + (self.warnings if warnings else [])
        return pd.DataFrame([p.as_dict() for p in chosen], columns=["row", "column", "value", "rule", "message"])

    def as_text(self, limit: int = 1000) -> str:
        """The summary line, then one tab-separated line per problem (row, column, rule, value, message),
        errors first, at most `limit` of them."""
        lines = [self.summary()]
        chosen = self.errors + self.warnings
        if chosen:
            lines.append("row\tcolumn\trule\tvalue\tmessage")
            for p in chosen[:limit]:
                row = "" if p.row is None else str(p.row)
                lines.append(f"{row}\t{p.column or ''}\t{p.rule}\t{p.value or ''}\t{p.message}")
            if len(chosen) > limit:
                lines.append(f"…… 另有 {len(chosen) - limit} 条 / … {len(chosen) - limit} more")
        return "\n".join(lines)


# --- reading files --------------------------------------------------------------------------------


class _FileProblem(Exception):
    """Reading stopped: the file as a whole is unusable."""

    def __init__(self, found: Problem) -> None:
        self.problem = found
        super().__init__(found.message)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _wrong_type(zh: str, en: str) -> _FileProblem:
    return _FileProblem(problem(None, None, None, "wrong-file-type", detail_zh=zh, detail_en=en))


def _kind(data: bytes) -> str:
    """'xlsx' or 'text' from the content (the file name is not trusted); raises _FileProblem."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _wrong_type(
            "这是旧版 Excel(.xls)或加密的 Excel 文件", "this is an old Excel .xls or an encrypted workbook"
        )
    if data.startswith(b"%PDF"):
        raise _wrong_type("这是 PDF 文件", "this is a PDF")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"
    if b"\x00" in data[:8192]:
        raise _wrong_type("这是二进制文件,不是表格", "this is a binary file, not a table")
    return "text"


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _FileProblem(problem(None, None, None, "encoding-error"))


def _delimiter(text: str) -> str:
    """Tab when the first non-blank line has more tabs than commas, else comma."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "\t" if first.count("\t") > first.count(",") else ","


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise _FileProblem(problem(number + 1, None, None, "malformed-csv", detail=str(e))) from e
        number += 1
        yield number, list(cells)


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl  # imported here: reading CSV must not pay for it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except zipfile.BadZipFile as e:
        raise _wrong_type("文件已损坏或不是 .xlsx", "the file is damaged or not an .xlsx") from e
    if unzipped > MAX_XLSX_UNZIPPED:
        raise _FileProblem(
            problem(None, None, None, "file-too-large", size=_size(unzipped), limit=_size(MAX_XLSX_UNZIPPED))
        )
    if "xl/workbook.xml" not in names:
        raise _wrong_type("这是压缩包,不是 Excel 工作簿", "this is a zip archive, not an Excel workbook")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many types for damaged files
        raise _wrong_type("Excel 文件已损坏,无法打开", f"the workbook cannot be opened ({type(e).__name__})") from e
    try:
        wanted = {_fold(name) for name in SHEET_NAMES}
        sheet = next((ws for ws in book.worksheets if _fold(ws.title) in wanted), book.worksheets[0])
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield number, list(values)
    finally:
        book.close()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _text(value: Any) -> str:
    """A cell as text: numbers without a spurious .0, dates as ISO, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- parsing cells --------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_YEAR = re.compile(r"(\d{4})(?:\.0+)?\s*年?")


def parse_value(cell: Any) -> float | None:
    """The number in a value cell, or None: 1234, -5, 1,234.5, １２３, 1e5; not 5%, 2万, NaN or a formula."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        number = float(cell)
        return number if math.isfinite(number) else None
    text = unicodedata.normalize("NFKC", _text(cell)).strip().replace("−", "-")
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def parse_year(cell: Any) -> int | None:
    """The year in a period cell (2023, 2023.0, "2023", "2023年"), or None."""
    if isinstance(cell, bool | datetime | date):
        return None
    if isinstance(cell, int | float):
        return int(cell) if float(cell).is_integer() and 1900 <= cell <= 2100 else None
    match = _YEAR.fullmatch(unicodedata.normalize("NFKC", _text(cell)).strip())
    if not match:
        return None
    year = int(match.group(1))
    return year if 1900 <= year <= 2100 else None


def _formula_start(text: str) -> str | None:
    return text[0] if text and text[0] in FORMULA_STARTS else None


# --- what the file is checked against -------------------------------------------------------------


@dataclass(frozen=True)
class PlanWindow:
    """A plan's id, names and the years an actual may have."""

    plan_id: str
    name_zh: str
    name_en: str
    first: int | None
    last: int | None


def plan_windows(store: Store) -> dict[str, PlanWindow]:
    """The plans an upload may name (manifest plans and plans added in the dashboard), by id."""
    out = {}
    for p in store.plans().to_dict("records"):
        start, end = _int_or_none(p.get("start_year")), _int_or_none(p.get("end_year"))
        out[p["plan_id"]] = PlanWindow(
            p["plan_id"],
            p.get("name_zh") or "",
            p.get("name_en") or "",
            None if start is None else start - BASELINE_YEARS,
            end,
        )
    return out


def _int_or_none(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


class _Resolver:
    """Plan and indicator lookups with a cache, so a large file resolves each distinct name once."""

    def __init__(self, catalog: Catalog, plans: Mapping[str, PlanWindow]) -> None:
        self.catalog = catalog
        self.plans = dict(plans)
        self._plan_names: dict[str, str] = {}
        for p in self.plans.values():
            for name in (p.plan_id, p.name_zh, p.name_en):
                if name:
                    self._plan_names.setdefault(_fold(name), p.plan_id)
        self._by_name: dict[str, list[Indicator]] = {}
        self._units: dict[tuple[str, str], tuple[str, float | None]] = {}

    def plan(self, text: str) -> str | None:
        return self._plan_names.get(_fold(text))

    def indicator_id(self, text: str) -> Indicator | None:
        return self.catalog.indicators.get(text.strip()) or self.catalog.indicators.get(text.strip().lower())

    def indicator_name(self, text: str) -> list[Indicator]:
        key = text.strip()
        if key not in self._by_name:
            self._by_name[key] = self.catalog.resolve_name(key)
        return self._by_name[key]

    def unit(self, unit_raw: str, indicator: Indicator) -> tuple[str, float | None]:
        """(rule broken or "", factor to the indicator's unit) for a written unit."""
        key = (unit_raw, indicator.norm_unit)
        if key not in self._units:
            self._units[key] = _unit_factor(unit_raw, indicator.norm_unit)
        return self._units[key]


def _unit_factor(unit_raw: str, norm_unit: str) -> tuple[str, float | None]:
    written = unicodedata.normalize("NFKC", unit_raw).strip()
    if norm_unit in ("ratio", "index"):
        return ("", 1.0) if written in NO_UNIT else ("wrong-unit" if _known(written) else "unknown-unit", None)
    if not written:
        return "missing-cell", None
    if len(written) > 30:  # no unit is this long; spare pint the parse
        return "unknown-unit", None
    try:
        conv = conversion(unit_raw.strip(), per_capita=norm_unit == "square_meter")
    except UnknownUnit:
        return "unknown-unit", None
    if conv.norm_unit in ("percent", "permille") and norm_unit == "percentage_point":
        return "percent-for-percentage-point", None
    if conv.norm_unit == "percentage_point" and norm_unit in ("percent", "permille"):
        return "percentage-point-for-percent", None
    try:
        return "", conv.factor * canonical_factor(conv.norm_unit, norm_unit)
    except (pint.DimensionalityError, KeyError):
        return "wrong-unit", None


def _known(unit_raw: str) -> bool:
    try:
        conversion(unit_raw)
    except UnknownUnit:
        return False
    return True


def unit_label(norm_unit: str) -> str:
    """How a canonical unit is written for planners (CNY -> 元, count -> 个, ratio -> ''); units.conversion
    reads it back."""
    if norm_unit == "count":
        return "个"
    return UNIT_SUFFIX[norm_unit][0] if norm_unit in UNIT_SUFFIX else norm_unit


@cache
def _default_catalog() -> Catalog:
    return load_catalog()


# --- validation -----------------------------------------------------------------------------------


def read_bytes(source: str | Path | bytes, file_name: str | None = None) -> tuple[bytes, str]:
    """(content, file name) of an upload given as a path or as bytes; refuses over-large files unread."""
    if isinstance(source, bytes):
        return source, file_name or "upload"
    path = Path(source)
    return path.read_bytes() if path.stat().st_size <= MAX_BYTES else b"", file_name or path.name


def validate(
    store: Store,
    data: bytes,
    file_name: str = "upload",
    catalog: Catalog | None = None,
    *,
    size: int | None = None,
) -> Report:
    """Read an upload (CSV or .xlsx bytes) and check every row against the plans and the catalog.

    Nothing is written. Returns a Report; `report.valid` is False when any error was found. `size`
    is the real size when `data` was not read because it was too large.
    """
    catalog = catalog or _default_catalog()
    sha = hashlib.sha256(data).hexdigest()
    report = Report(file_name, sha)
    real_size = len(data) if size is None else size
    try:
        if real_size > MAX_BYTES:
            raise _FileProblem(
                problem(None, None, None, "file-too-large", size=_size(real_size), limit=_size(MAX_BYTES))
            )
        if not data.strip(b" \t\r\n\xef\xbb\xbf"):
            raise _FileProblem(problem(None, None, None, "empty-file"))
        rows = _xlsx_rows(data) if _kind(data) == "xlsx" else _csv_rows(data)
        _check_rows(report, rows, _Resolver(catalog, plan_windows(store)))
    except _FileProblem as e:
        report.problems = [e.problem]  # the file as a whole is unusable: row problems would only distract
        report.rows = pd.DataFrame(columns=_PREVIEW_COLUMNS)
    if report.valid and not report.rows.empty:
        earlier = store.batches_with_sha256(sha)
        if not earlier.empty:
            first = earlier.iloc[0]
            report.problems.append(
                problem(
                    None,
                    None,
                    None,
                    "uploaded-before",
                    when=f"{first['uploaded_at']:%Y-%m-%d %H:%M}",
                    batch=first["batch_id"],
                )
            )
    return report


def validate_file(store: Store, path: str | Path, catalog: Catalog | None = None) -> Report:
    """`validate` for a file on disk (over-large files are refused without being read)."""
    data, name = read_bytes(path)
    return validate(store, data, name, catalog, size=Path(path).stat().st_size)


_PREVIEW_COLUMNS = [
    "row",
    "plan",
    "indicator_id",
    "indicator",
    "period",
    "value",
    "unit",
    "norm_value",
    "norm_unit",
    "source",
    "note",
    "ok",
]


def _columns(report: Report, row_no: int, cells: list[Any]) -> dict[str, int] | None:
    """Map column ids to positions from the header row; records header problems."""
    found: dict[str, int] = {}
    for position, cell in enumerate(cells):
        text = _text(cell).strip()
        if not text:
            continue
        folded = _fold(text)
        candidates = [folded, *[part for part in re.split(r"[\s/()()\[\]【】::]+", folded) if part]]
        column = next((ALIASES[c] for c in candidates if c in ALIASES), None)
        if column is None:
            report.problems.append(problem(row_no, None, text, "ignored-column"))
        elif column in found:
            report.problems.append(
                problem(row_no, column, text, "duplicate-column", first=found[column] + 1, second=position + 1)
            )
        else:
            found[column] = position
    for column in REQUIRED:
        if column not in found:
            aliases = "、".join(a for a, c in ALIASES.items() if c == column)
            report.problems.append(problem(row_no, column, None, "missing-column", aliases=aliases))
    if "indicator_id" not in found and "indicator" not in found:
        aliases = "、".join(a for a, c in ALIASES.items() if c in ("indicator_id", "indicator"))
        report.problems.append(problem(row_no, "indicator_id", None, "missing-column", aliases=aliases))
    return None if report.errors else found


def _check_rows(report: Report, rows: Iterable[tuple[int, list[Any]]], resolver: _Resolver) -> None:
    columns: dict[str, int] | None = None
    records: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, int], dict[str, Any]] = {}
    read = repeated = 0
    skipped_rows: list[int] = []
    for row_no, cells in rows:
        if all(_blank(c) for c in cells):
            continue
        if columns is None:
            columns = _columns(report, row_no, cells)
            if columns is None:
                return
            continue
        read += 1
        if read > MAX_ROWS:
            raise _FileProblem(problem(None, None, None, "too-many-rows", limit=f"{MAX_ROWS:,}"))
        raw = {c: (cells[i] if i < len(cells) else None) for c, i in columns.items()}
        if _blank(raw.get("period")) and _blank(raw.get("value")):
            skipped_rows.append(row_no)
            continue
        record = _check_row(report, row_no, raw, resolver)
        key = (record["plan"], record["indicator_id"], record["period"])
        if record["ok"]:
            first = seen.get(key)
            if first is None:
                seen[key] = record
            elif math.isclose(first["norm_value"], record["norm_value"], rel_tol=1e-12, abs_tol=1e-12):
                repeated += 1
                record["ok"] = False
                report.problems.append(problem(row_no, None, None, "repeated-row", first=first["row"]))
            else:
                record["ok"] = False
                report.problems.append(
                    problem(
                        row_no,
                        None,
                        None,
                        "duplicate-row",
                        first=first["row"],
                        first_value=f"{_text(first['value'])} {first['unit']}",
                        this_value=f"{_text(record['value'])} {record['unit']}",
                    )
                )
        records.append(record)
    if columns is None:
        raise _FileProblem(problem(None, None, None, "empty-file"))
    skipped = len(skipped_rows)
    if skipped:
        shown = ", ".join(map(str, skipped_rows[:20])) + (" …" if skipped > 20 else "")
        report.problems.append(problem(None, None, None, "skipped-row", n=skipped, rows=shown))
    if read == skipped:
        report.problems.insert(0, problem(None, None, None, "no-rows"))
    report.rows = pd.DataFrame(records, columns=_PREVIEW_COLUMNS)
    report.stats = {
        "rows": read,
        "accepted": int(report.rows["ok"].sum()) if records else 0,
        "skipped": skipped,
        "repeated": repeated,
    }


def _check_row(report: Report, row_no: int, raw: Mapping[str, Any], resolver: _Resolver) -> dict[str, Any]:
    """Check one data row; appends its problems to the report and returns the preview record."""
    found: list[Problem] = []

    def fail(column: str | None, value: Any, rule: str, **details: Any) -> None:
        found.append(problem(row_no, column, value, rule, **details))

    text: dict[str, str] = {}
    for column in ("plan", "indicator_id", "indicator", "unit", "source", "note"):
        cell = raw.get(column)
        value = "" if _blank(cell) else _text(cell).strip()
        if len(value) > MAX_CELL_CHARS:
            fail(column, value, "cell-too-long", limit=MAX_CELL_CHARS)
            value = ""
        elif _formula_start(_text(cell)) and not _blank(cell):
            fail(column, _text(cell), "formula-cell", start=_formula_start(_text(cell)))
            value = ""
        text[column] = value

    # plan
    plan_id = None
    if not text["plan"] and not any(p.column == "plan" for p in found):
        fail("plan", None, "missing-cell")
    elif text["plan"]:
        plan_id = resolver.plan(text["plan"])
        if plan_id is None:
            fail("plan", text["plan"], "unknown-plan", choices=", ".join(resolver.plans))

    # indicator: the id wins; a name must agree with it
    indicator = None
    if text["indicator_id"]:
        indicator = resolver.indicator_id(text["indicator_id"])
        if indicator is None:
            fail("indicator_id", text["indicator_id"], "unknown-indicator")
        elif text["indicator"]:
            named = resolver.indicator_name(text["indicator"])
            if named and indicator not in named:
                fail(
                    "indicator",
                    text["indicator"],
                    "indicator-mismatch",
                    choices=", ".join(i.id for i in named),
                    indicator_id=indicator.id,
                )
                indicator = None
    elif text["indicator"]:
        named = resolver.indicator_name(text["indicator"])
        if not named:
            fail("indicator", text["indicator"], "unknown-indicator")
        elif len(named) > 1:
            choices = ", ".join(f"{i.id}({i.name_zh})" for i in named)
            fail("indicator", text["indicator"], "ambiguous-indicator", choices=choices)
        else:
            indicator = named[0]
    elif not any(p.column in ("indicator_id", "indicator") for p in found):
        fail("indicator_id", None, "missing-cell")

    # period
    period_cell = raw.get("period")
    period = None
    if _blank(period_cell):
        fail("period", None, "missing-cell")
    else:
        period = parse_year(period_cell)
        if period is None:
            start = _formula_start(_text(period_cell))
            if start:
                fail("period", period_cell, "formula-cell", start=start)
            else:
                fail("period", period_cell, "not-a-year")
        elif plan_id is not None:
            window = resolver.plans[plan_id]
            low, high = window.first or 1900, window.last or 2100
            if not low <= period <= high:
                fail("period", period_cell, "period-outside-plan", plan=plan_id, low=low, high=high)

    # value
    value_cell = raw.get("value")
    value = None
    if _blank(value_cell):
        fail("value", None, "missing-cell")
    else:
        value = parse_value(value_cell)
        if value is None:
            start = _formula_start(_text(value_cell))
            if start:
                fail("value", value_cell, "formula-cell", start=start)
            else:
                fail("value", value_cell, "not-a-number")

    # unit, against the indicator
    norm_value = None
    if indicator is not None and not any(p.column == "unit" for p in found):
        rule, factor = resolver.unit(text["unit"], indicator)
        if rule:
            unit_shown = unit_label(indicator.norm_unit) or "(无单位 / no unit)"
            fail("unit", text["unit"] or None, rule, indicator=indicator.name_zh, unit=unit_shown)
        elif value is not None and factor is not None:
            norm_value = value * factor

    report.problems.extend(found)
    return {
        "row": row_no,
        "plan": plan_id or text["plan"],
        "indicator_id": indicator.id if indicator else text["indicator_id"],
        "indicator": indicator.name_zh if indicator else text["indicator"],
        "period": period,
        "value": value,
        "unit": text["unit"],
        "norm_value": norm_value,
        "norm_unit": indicator.norm_unit if indicator else None,
        "source": text["source"] or None,
        "note": text["note"] or None,
        "ok": not found,
    }


# --- importing, withdrawing, history --------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """An accepted upload: its batch and the report it passed."""

    batch: BatchRecord
    report: Report


def new_batch_id(at: datetime) -> str:
    """A batch id that sorts by time and is unique: 20260115-093012-1a2b3c4d."""
    return f"{at:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}"


def import_actuals(
    store: Store,
    source: str | Path | bytes,
    *,
    file_name: str | None = None,
    uploaded_by: str | None = None,
    catalog: Catalog | None = None,
) -> ImportResult:
    """Validate an upload and write it as one batch in one transaction.

    `source` is a path or the file's bytes (then `file_name` names it). Raises InvalidUpload (with
    the report) when any row breaks a rule: then nothing is written. A failure or a killed process
    during the write leaves the database as it was.
    """
    if isinstance(source, bytes):
        report = validate(store, source, file_name or "upload", catalog)
    else:
        report = validate_file(store, source, catalog)
        if file_name:
            report.file_name = file_name
    if not report.valid:
        raise InvalidUpload(report)
    accepted = report.accepted()
    frame = pd.DataFrame(
        {
            "actual_id": [uuid.uuid4().hex for _ in range(len(accepted))],
            "row_no": accepted["row"].astype("int64"),
            "plan_id": accepted["plan"],
            "indicator_id": accepted["indicator_id"],
            "target_id": None,
            "period": accepted["period"].astype("int64"),
            "value": accepted["value"].astype("float64"),
            "unit_raw": accepted["unit"],
            "norm_value": accepted["norm_value"].astype("float64"),
            "norm_unit": accepted["norm_unit"],
            "source": accepted["source"],
            "note": accepted["note"],
        }
    )
    by = (uploaded_by or "").strip()[:100] or None
    with store.transaction() as cur:
        at = store.next_upload_time(cur, datetime.now())
        batch = BatchRecord(new_batch_id(at), report.file_name, report.sha256, len(frame), at, by)
        store.insert_batch(cur, batch, frame)
        _pause_for_tests()
    return ImportResult(batch, report)


def _pause_for_tests() -> None:
    """The test-only hook of PAUSE_ENV: announce that the transaction is open, then wait to be killed."""
    marker = os.environ.get(PAUSE_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(120)


def withdraw_batch(store: Store, batch_id: str) -> bool:
    """Withdraw a batch: its actuals stay in the history and stop counting. False if it already was.

    Raises targets.store.BatchNotFound for an unknown id.
    """
    with store.transaction() as cur:
        return store.withdraw_batch(cur, batch_id, datetime.now())


def batches(store: Store) -> pd.DataFrame:
    """The upload history, newest first: file, sha256, rows, time, uploader, status, rows still in use."""
    return store.batches()


def batch_rows(store: Store, batch_id: str) -> pd.DataFrame:
    """What one batch uploaded, in file order."""
    return store.batch_actuals(batch_id)


# --- the template ---------------------------------------------------------------------------------

#: example rows of the template: real published figures, so importing the template unchanged is harmless
TEMPLATE_EXAMPLES: tuple[dict[str, Any], ...] = (
    {
        "plan": "chengdu_2022",
        "indicator_id": "international_freight_trains",
        "indicator": "国际班列开行量",
        "period": 2022,
        "value": 5064,
        "unit": "列",
        "source": "http://drive.dizo.com.cn/guonei/2023/0203/100031029.html",
        "note": "原文:开行国际班列5064列、增长19.2%",
    },
    {
        "plan": "chongqing_2027",
        "indicator_id": "gdp",
        "indicator": "地区生产总值",
        "period": 2023,
        "value": 30145.79,
        "unit": "亿元",
        "source": "https://cq.gov.cn/zwgk/zfxxgkml/zdlyxxgk/ghjh/gmjjhshfzjh/202402/t20240229_12972925.html",
        "note": "原文:达到30145.79亿元、增长6.1%",
    },
    {
        "plan": "wenjiang_2023",
        "indicator_id": "urbanization_rate",
        "indicator": "常住人口城镇化率",
        "period": 2023,
        "value": 79.18,
        "unit": "%",
        "source": "http://mbji.cn/mbji/温江县/10732928",
        "note": "原文:截至2023年末,温江区常住人口101.11万人,城镇化率79.18%",
    },
)

_COLUMN_HELP: dict[str, tuple[str, str]] = {
    "plan": ("规划编号(见「规划」表),必填", "plan id (see the plans sheet); required"),
    "indicator_id": (
        "指标编号(见「指标」表);与「指标」至少填一个",
        "indicator id (see the indicators sheet); this or 'indicator' is required",
    ),
    "indicator": (
        "指标名称;名称只对应一个指标时可不填编号",
        "indicator name; enough on its own when it names exactly one indicator",
    ),
    "period": (
        "年份,四位数字;可填规划开始前一年作为基数",
        "year, four digits; the year before the plan may be a baseline",
    ),
    "value": ("数值,只填数字(可为负数)", "the number only (may be negative)"),
    "unit": (
        "单位,可带量级:万人、亿元、万亩、%、个百分点;比值和指数可不填",
        "unit, with magnitude: 万人, 亿元, 万亩, %, 个百分点; none for ratios and indices",
    ),
    "source": ("来源(网址或文件),可不填", "source (URL or document); optional"),
    "note": ("备注(原文、口径说明),可不填", "note (quote, definitions); optional"),
}


def template_frame() -> pd.DataFrame:
    """The template's first sheet: the header row ("规划 plan" ...) and the example rows."""
    return pd.DataFrame([[r[c] for c in COLUMNS] for r in TEMPLATE_EXAMPLES], columns=[header(c) for c in COLUMNS])


def template_csv() -> bytes:
    """The template as CSV in UTF-8 with a BOM (Excel on Chinese Windows opens it correctly)."""
    return template_frame().to_csv(index=False).encode("utf-8-sig")


def template_xlsx(plans: pd.DataFrame | None = None, catalog: Catalog | None = None) -> bytes:
    """The template as an Excel workbook: 实际值 (to fill in), 说明, 规划 and 指标 sheets.

    `plans` is `Store.plans()` (plan_id, name_zh, start_year, end_year); without it the sheet of
    plans lists the example plans only.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    catalog = catalog or _default_catalog()
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_NAMES[0]
    sheet.append([header(c) for c in COLUMNS])
    for r in TEMPLATE_EXAMPLES:
        sheet.append([r[c] for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (18, 26, 24, 10, 14, 10, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    about = book.create_sheet("说明")
    about.append(["列 column", "说明", "description"])
    for c in COLUMNS:
        about.append([header(c), *_COLUMN_HELP[c]])
    about.append([])
    about.append(["", "每一行是一个规划、一个指标、一个年份的实际值。", "One row per plan, indicator and year."])
    about.append(
        ["", "表头可用中文或英文;其他列会被忽略。", "Headers may be Chinese or English; other columns are ignored."]
    )
    about.append(
        ["", "同一指标同一年份多次上传时,以最新上传为准。", "When a value is uploaded again, the latest upload wins."]
    )
    for cell in about[1]:
        cell.font = Font(bold=True)
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 60
    about.column_dimensions["C"].width = 70

    plan_sheet = book.create_sheet("规划")
    plan_sheet.append(["规划编号 plan", "名称 name", "可填年份起 from", "可填年份止 to"])
    if plans is None:
        plans = pd.DataFrame({"plan_id": sorted({r["plan"] for r in TEMPLATE_EXAMPLES})})
    for p in plans.to_dict("records"):
        start, end = _int_or_none(p.get("start_year")), _int_or_none(p.get("end_year"))
        plan_sheet.append([p["plan_id"], p.get("name_zh"), None if start is None else start - BASELINE_YEARS, end])
    plan_sheet.column_dimensions["A"].width = 18
    plan_sheet.column_dimensions["B"].width = 60

    ind_sheet = book.create_sheet("指标")
    ind_sheet.append(
        ["指标编号 indicator_id", "指标 name_zh", "indicator (en)", "单位 unit", "类型 metric", "领域 category"]
    )
    for ind in catalog.indicators.values():
        category = catalog.categories.get(ind.category)
        ind_sheet.append(
            [ind.id, ind.name_zh, ind.name_en, unit_label(ind.norm_unit), ind.metric, category.zh if category else ""]
        )
    ind_sheet.column_dimensions["A"].width = 36
    ind_sheet.column_dimensions["B"].width = 36
    ind_sheet.column_dimensions["C"].width = 44
    for header_row in (plan_sheet[1], ind_sheet[1]):
        for cell in header_row:
            cell.font = Font(bold=True)

    n_plans = plan_sheet.max_row
    choice = DataValidation(
        type="list", formula1=f"{quote_sheetname('规划')}!$A$2:$A${max(n_plans, 2)}", allow_blank=True
    )
    choice.error = "请选择「规划」表中的规划编号 / choose a plan id from the plans sheet"
    choice.showErrorMessage = True
    choice.errorStyle = "warning"  # a plan added after the template was made can still be typed
    sheet.add_data_validation(choice)
    choice.add("A2:A5000")
    ids = DataValidation(
        type="list", formula1=f"{quote_sheetname('指标')}!$A$2:$A${ind_sheet.max_row}", allow_blank=True
    )
    ids.showErrorMessage = False  # a name in the next column is enough; only suggest
    sheet.add_data_validation(ids)
    ids.add("B2:B5000")

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_bytes(fmt: str, plans: pd.DataFrame | None = None, catalog: Catalog | None = None) -> bytes:
    """The template in `fmt` ("csv" or "xlsx")."""
    if fmt == "csv":
        return template_csv()
    if fmt == "xlsx":
        return template_xlsx(plans, catalog)
    raise ValueError(f"unknown template format {fmt!r} (csv or xlsx)")


def rows_to_csv(frame: pd.DataFrame) -> bytes:
    """Rows typed in the dashboard (columns = COLUMNS) as a CSV upload, so they pass the same checks."""
    shown = frame.reindex(columns=list(COLUMNS))
    shown = shown.dropna(how="all")
    shown.columns = [header(c) for c in COLUMNS]
    return shown.to_csv(index=False).encode("utf-8")


# --- what an import changed -----------------------------------------------------------------------


def status_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Targets whose status differs between two `targets.compare.comparison` frames.

    Columns: plan_id, plan_name_zh, indicator_id, indicator_name_zh, target_id, status_before,
    status_after, actual, actual_period, unit (the indicator's), reason_zh, reason_en; in plan then
    indicator order.
    """
    columns = [
        "plan_id",
        "plan_name_zh",
        "indicator_id",
        "indicator_name_zh",
        "target_id",
        "status_before",
        "status_after",
        "actual",
        "actual_period",
        "unit",
        "reason_zh",
        "reason_en",
    ]
    if after.empty:
        return pd.DataFrame(columns=columns)
    keys = ["plan_id", "indicator_id", "target_id"]
    merged = after.merge(before[[*keys, "status"]], on=keys, how="left", suffixes=("_after", "_before"))
    merged["status_before"] = merged["status_before"].fillna("no_data")
    changed = merged[merged["status_before"] != merged["status_after"]]
    return changed[columns].sort_values(["plan_id", "indicator_id"]).reset_index(drop=True)


def rules_table() -> str:
    """The rule catalogue as a Markdown table (the README's copy is checked against it)."""
    lines = ["| rule | 规则 | what it means | blocks the upload |", "|---|---|---|---|"]
    for rule in RULES.values():
        lines.append(
            f"| `{rule.id}` | {rule.title_zh} | {rule.title_en} | {'no (warning)' if rule.warning else 'yes'} |"
        )
    return "\n".join(lines)
