"""Reading one cell: text, numbers, years, formulas and the written unit against an indicator's unit."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from targets.units import UnitMismatch, UnknownUnit, conversion, factor, is_known
from targets.vocab import UNITS

#: first characters that make Excel run a text cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: spaces that may stand before a formula start and still leave it a formula (" =HYPERLINK(…)")
_HIDING_SPACES = " \t\r\n\u3000\u00a0\u2002\u2003\u2009\ufeff"
#: control characters a cell may not hold (NUL and the other C0 controls but tab and line breaks; DEL; C1)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: written units a ratio or index indicator accepts
NO_UNIT = ("", "倍", ":1", "∶1")


def fold(text: str) -> str:
    """Text compared loosely: NFKC (full-width to half-width), trimmed, lower case."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def cell_text(value: Any) -> str:
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


def is_blank(value: Any) -> bool:
    """An empty cell: None or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


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
    text = unicodedata.normalize("NFKC", cell_text(cell)).strip().replace("−", "-")
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
    match = _YEAR.fullmatch(unicodedata.normalize("NFKC", cell_text(cell)).strip())
    if not match:
        return None
    year = int(match.group(1))
    return year if 1900 <= year <= 2100 else None


def formula_start(text: str) -> str | None:
    """The character that would make Excel run `text` as a formula, or None.

    Spaces (and tabs, full-width or no-break spaces) before it do not hide it: " =HYPERLINK(…)" and
    "\t@SUM(1+1)" are formulas to a spreadsheet too.
    """
    if not text:
        return None
    if text[0] in FORMULA_STARTS:
        return text[0]
    rest = text.lstrip(_HIDING_SPACES)
    return rest[0] if rest and rest[0] in FORMULA_STARTS else None


def control_character(text: str) -> str | None:
    """The first control character in `text` (NUL, escape …) shown as U+0000, or None."""
    match = _CONTROL.search(text)
    return f"U+{ord(match.group()):04X}" if match else None


def unit_factor(unit_raw: str, norm_unit: str) -> tuple[str, float | None]:
    """(rule broken or "", factor to `norm_unit`) for a written unit cell (万人, 亿元, %, 倍 ...)."""
    written = unicodedata.normalize("NFKC", unit_raw).strip()
    if norm_unit in ("ratio", "index"):
        return ("", 1.0) if written in NO_UNIT else ("wrong-unit" if is_known(written) else "unknown-unit", None)
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
    try:  # no year: a planner's figure in another currency is refused, never converted at a guessed rate
        return "", conv.factor * factor(conv.norm_unit, norm_unit)
    except UnitMismatch:
        return "wrong-unit", None


def unit_label(norm_unit: str) -> str:
    """How a canonical unit is written for planners (CNY -> 元, count -> 个, ratio -> ''); units.conversion
    reads it back."""
    return UNITS[norm_unit].written if norm_unit in UNITS else norm_unit
