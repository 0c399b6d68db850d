"""The validation report (frictionless-style): problems at (row, column, rule), the rows read, counts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from targets.actuals.cells import cell_text
from targets.actuals.columns import COLUMN_NAMES
from targets.actuals.rules import RULES


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
    #: the message in one language (what a page in that language shows)
    message_zh: str = ""
    message_en: str = ""
    #: the planner's own header of the column ("实际值", "数值"), when the file has one
    header: str | None = None

    @property
    def warning(self) -> bool:
        return RULES[self.rule].warning

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "rule": self.rule,
            "message": self.message,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "header": self.header,
        }


def problem(row: int | None, column: str | None, value: Any, rule: str, **details: Any) -> Problem:
    """A Problem with its message filled from the rule's templates, the location and `details`."""
    spec = RULES[rule]
    shown = _shown(value)
    names = COLUMN_NAMES.get(column or "", (column or "", column or ""))
    fields = {"value": shown, "name_zh": names[0], "name_en": names[1], **details}
    where_zh = (f"第 {row} 行" if row else "") + (f"「{names[0]}」" if column else "")
    where_en = ", ".join(p for p in (f"row {row}" if row else "", f"column {column}" if column else "") if p)
    for name, fix in FIXES.get(rule, {}).items():
        fields.setdefault(name, fix(shown))
    zh = spec.zh.format(**fields)
    en = spec.en.format(**fields)
    message_zh = f"{where_zh}:{zh}" if where_zh else zh
    message_en = f"{where_en}: {en}" if where_en else en
    return Problem(
        row, column, None if value is None else shown, rule, f"{message_zh} / {message_en}", message_zh, message_en
    )


#: a number written with its unit in the value cell: 23.6万人, 79.18%, 1,200 套
_NUMBER_WITH_UNIT = re.compile(r"\s*([-−]?[\d０-９][\d０-９,，]*(?:[.．][\d０-９]+)?)\s*([^\d\s].*?)\s*")


def _number_fix(value: str, lang: str) -> str:
    """The concrete fix of a value that is no number: "数值改为 23.6，单位填 万人" when it is a number and its
    unit, else how to write one."""
    found = _NUMBER_WITH_UNIT.fullmatch(value or "")
    if found:
        number, unit = found.group(1).replace(",", "").replace("，", ""), found.group(2)
        return (
            f"数值改为 {number},单位填 {unit}"
            if lang == "zh"
            else f"write {number} as the value and {unit} as the unit"
        )
    if lang == "zh":
        return "数值列只填数字,万、亿等量级写在单位列(如 2.08 和 万亿元)"
    return "write only the number and put 万/亿 in the unit (2.08 and 万亿元)"


#: rule -> message field -> how it is filled from the cell as shown: concrete fixes
FIXES: dict[str, dict[str, Any]] = {
    "not-a-number": {"fix_zh": lambda v: _number_fix(v, "zh"), "fix_en": lambda v: _number_fix(v, "en")},
}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _shown(value: Any) -> str:
    """A cell as a message quotes it: at most 60 characters, control characters as \ufffd (never a NUL on
    a terminal or a page)."""
    if value is None:
        return ""
    text = _CONTROL.sub("\ufffd", cell_text(value))
    return text if len(text) <= 60 else text[:57] + "…"


class ActualsError(Exception):
    """An upload or a batch operation failed."""


class FileProblem(Exception):
    """Reading stopped: the file as a whole is unusable (`problem` says why)."""

    def __init__(self, found: Problem) -> None:
        self.problem = found
        super().__init__(found.message)


class InvalidUpload(ActualsError):
    """The file breaks at least one rule; nothing was written. `report` says where and why."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(report.summary())


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
    #: column id -> the planner's own header of it in the file ("实际值" for value)
    headers: dict[str, str] = field(default_factory=dict)

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
        """Errors (then warnings) as a table with the columns row, column, value, rule, message, and the
        message in each language and the planner's header of the column."""
        chosen = self.errors + (self.warnings if warnings else [])
        columns = ["row", "column", "value", "rule", "message", "message_zh", "message_en", "header"]
        return pd.DataFrame([p.as_dict() for p in chosen], columns=columns)

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
