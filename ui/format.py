"""Numbers as planners read them: 6万, 717.11亿元, 3万亿元 in Chinese; 60,000, 71.71 billion in English.

Written once here and used by every page, table and chart: magnitudes, units, comparators, targets
("≥ 24万", "6–7%"), and the axis scale of a chart (values in 万 or 亿 with the matching axis title).
Only presentation: values arrive in their canonical unit from `targets` and are never converted here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from targets.units import UNIT_SUFFIX

#: canonical unit -> its name in a column header or axis title (Chinese, English)
UNIT_NAMES: dict[str, tuple[str, str]] = {
    "CNY": ("元", "yuan"),
    "USD": ("美元", "USD"),
    "percent": ("%", "%"),
    "permille": ("‰", "‰"),
    "percentage_point": ("百分点", "percentage points"),
    "km": ("公里", "km"),
    "hectare": ("公顷", "ha"),
    "square_meter": ("平方米", "m²"),
    "kW": ("千瓦", "kW"),
    "kWh": ("千瓦时", "kWh"),
    "m3": ("立方米", "m³"),
    "t": ("吨", "t"),
    "TEU": ("标箱", "TEU"),
    "t/day": ("吨/日", "t/day"),
    "ug/m3": ("微克/立方米", "μg/m³"),
    "hour": ("小时", "hours"),
    "day": ("天", "days"),
    "ratio": ("比值", "ratio"),
    "index": ("指数", "index"),
    "count": ("个数", "count"),
}
#: units of rates and shares: their numbers are never shown in 万/亿 and their axes never logarithmic
RATE_UNITS = frozenset({"percent", "permille", "percentage_point"})
#: units whose numbers are never shown in 万/亿 (a rate of 6.5% is not "0.00065万")
_NO_MAGNITUDE = RATE_UNITS | {"ratio", "index", "ug/m3"}
#: comparator -> the sign shown before a target
COMPARATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈", "=": "", "range": ""}
#: (divisor, Chinese word, English word), largest first
_ZH_MAGNITUDES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
_EN_MAGNITUDES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))


def _missing(x: object) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def _digits(x: float, significant: int = 6) -> str:
    """A number without trailing zeros: 6, 6.5, 717.11 (up to `significant` significant digits)."""
    text = f"{x:.{significant}g}"
    if "e" in text:  # very large or small: write it out
        text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text


def number(x: object, lang: str = "zh", magnitude: bool = True) -> str:
    """A number in the reader's magnitudes: 60000 -> 6万 / 60,000; 7.1711e10 -> 717.11亿 / 71.711 billion.

    Missing values read "—".
    """
    if _missing(x):
        return "—"
    value = float(x)  # type: ignore[arg-type]
    a = abs(value)
    if magnitude:
        for divisor, word in _ZH_MAGNITUDES if lang == "zh" else _EN_MAGNITUDES:
            if a >= divisor:
                return _digits(value / divisor, 5) + word
    if lang == "en" and a >= 1000:
        return f"{value:,.6g}" if a < 1e6 else f"{value:,.0f}"
    return _digits(value)


def quantity(x: object, unit: str | None, lang: str = "zh") -> str:
    """A number with its canonical unit: 6万, 1800公顷, 717.11亿元, 6.5% (English: 60,000, 1,800 ha)."""
    if _missing(x):
        return "—"
    unit = unit or ""
    suffix = UNIT_SUFFIX.get(unit, ("", ""))[1 if lang == "en" else 0]
    return number(x, lang, magnitude=unit not in _NO_MAGNITUDE) + suffix


def signed(x: object, unit: str | None, lang: str = "zh") -> str:
    """A difference with its sign: +1200, −3.5%; a difference of percents is in percentage points."""
    if _missing(x):
        return "—"
    value = float(x)  # type: ignore[arg-type]
    unit = "percentage_point" if unit == "percent" else unit
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + quantity(abs(value), unit, lang)


def share(x: object) -> str:
    """A fraction as a percentage: 0.853 -> 85.3%."""
    return "—" if _missing(x) else f"{float(x) * 100:.1f}%"  # type: ignore[arg-type]


def ratio(x: object) -> str:
    """A pace ratio with two decimals: 0.95."""
    return "—" if _missing(x) else f"{float(x):.2f}"  # type: ignore[arg-type]


def comparator_sign(comparator: str | None) -> str:
    """≥, ≤, ≈, >, < (empty for a plain value or a range)."""
    return COMPARATOR_SIGNS.get(comparator or "=", comparator or "")


def target(comparator: str | None, value: object, low: object, high: object, unit: str | None, lang: str = "zh") -> str:
    """A target as a planner writes it: ≥ 24万, ≈ 7%, 6–7%, 1800公顷."""
    if comparator == "range" or (_missing(value) and not _missing(low) and not _missing(high)):
        same = UNIT_SUFFIX.get(unit or "", ("", ""))[1 if lang == "en" else 0]
        low_text = quantity(low, unit, lang)
        if same and low_text.endswith(same):
            low_text = low_text[: -len(same)]  # 6–7%, not 6%–7%
        return f"{low_text}–{quantity(high, unit, lang)}"
    if _missing(value):
        value = low if not _missing(low) else high
    sign = comparator_sign(comparator)
    return (f"{sign} " if sign else "") + quantity(value, unit, lang)


def unit_name(unit: str | None, lang: str = "zh") -> str:
    """The canonical unit's name for a header: 公顷 / ha."""
    return UNIT_NAMES.get(unit or "", (unit or "", unit or ""))[1 if lang == "en" else 0]


@dataclass(frozen=True)
class Scale:
    """How a chart axis shows values of one unit: divide by `divisor`, title the axis with `title`."""

    divisor: float
    title: str

    def apply(self, x: object) -> float | None:
        return None if _missing(x) else float(x) / self.divisor  # type: ignore[arg-type]


def scale(values: Iterable[object], unit: str | None, lang: str = "zh") -> Scale:
    """The axis scale for these values: 万/亿/万亿 (million/billion/trillion) when the largest needs it."""
    name = unit_name(unit, lang)
    present = [abs(float(v)) for v in values if not _missing(v)]  # type: ignore[arg-type]
    top = max(present, default=0.0)
    if unit not in _NO_MAGNITUDE:
        for divisor, word in _ZH_MAGNITUDES if lang == "zh" else _EN_MAGNITUDES:
            if top >= divisor:
                if lang == "en":
                    return Scale(divisor, f"{name} ({word.strip()})")
                return Scale(divisor, word if unit in ("count", "ratio", "index") else f"{word}{name}")
    return Scale(1.0, name)
