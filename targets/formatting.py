"""Numbers as planners read them: 6万套(间), ≥ 24万人, 750亿元, 1.62万亿元; 60,000, 71.71 billion in English.

The one number formatter: pages, tables, chart labels and axes, progress reasons and exports all write
numbers through it. Values arrive in their canonical unit (targets.vocab.UNITS); `word` is the plan's
own unit word (套(间), 人, 亩; `unit_word` reads it off the written unit), so a count of housing reads
6万套(间), not 6万个. Magnitudes are 万/亿/万亿 in Chinese and million/billion/trillion in English; a
number is never written with an exponent (no `1.62e+04`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from targets.numbers import MAGNITUDES
from targets.units import UnknownUnit, conversion
from targets.vocab import COUNT_WORDS_EN, UNITS, Comparator

#: the magnitude words numbers are shown in, largest first (their factors are numbers.MAGNITUDES')
_ZH_MAGNITUDES = tuple((MAGNITUDES[word], word) for word in ("万亿", "亿", "万"))
_EN_MAGNITUDES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))
#: significant digits of a number shown with a magnitude word, and of one without
_SIGNIFICANT_SCALED, _SIGNIFICANT_PLAIN = 5, 6


def missing(x: object) -> bool:
    """None, NaN or not a number at all."""
    if x is None:
        return True
    try:
        return math.isnan(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def _digits(x: float, significant: int) -> str:
    """A number without trailing zeros and without an exponent: 6, 6.5, 717.11, 123456789."""
    text = f"{x:.{significant}g}"
    if "e" in text:  # too large or too small for `significant` digits: write it out
        text = f"{x:.{max(0, significant - 1)}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def plain_number(x: object) -> str:
    """A number for a data file: every digit, no magnitude word, no exponent (1620000000000, 0.00001)."""
    if missing(x):
        return ""
    value = float(x)  # type: ignore[arg-type]
    if value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return _digits(value, 15)


def number(x: object, lang: str = "zh", magnitude: bool = True, significant: int | None = None) -> str:
    """A number in the reader's magnitudes: 60000 -> 6万 / 60,000; 7.1711e10 -> 717.11亿 / 71.711 billion.

    `significant` digits (default 5 with a magnitude word, 6 without). Missing values read "—".
    """
    if missing(x):
        return "—"
    value = float(x)  # type: ignore[arg-type]
    a = abs(value)
    if magnitude:
        for divisor, word in _ZH_MAGNITUDES if lang == "zh" else _EN_MAGNITUDES:
            if a >= divisor:
                return _digits(value / divisor, significant or _SIGNIFICANT_SCALED) + word
    text = _digits(value, significant or _SIGNIFICANT_PLAIN)
    if lang == "en" and a >= 1000:
        whole, _, fraction = text.partition(".")
        return f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    return text


@cache
def _word_factor(word: str, unit: str) -> float | None:
    """How many `unit` one `word` is (亩 in hectare: 1/15), or None when the word does not measure `unit`."""
    try:
        conv = conversion(word, per_capita=unit == "square_meter")
    except UnknownUnit:
        return None
    return conv.factor if conv.norm_unit == unit else None


@cache
def unit_word(unit_raw: str | None, unit: str | None) -> str:
    """The plan's own unit word for numbers in canonical `unit`: "万套(间)" -> "套(间)", "亿元" -> "元",
    "万亩" -> "亩"; "" when the written unit cannot express `unit` (亿美元 for an indicator in 元)."""
    if not unit_raw or not unit or unit not in UNITS:
        return ""
    written = unit_raw.strip()
    for magnitude in MAGNITUDES:  # longest first: 万亿 before 万
        rest = written[len(magnitude) :]
        if written.startswith(magnitude) and rest and _word_factor(rest, unit) is not None:
            whole = _word_factor(written, unit)
            if whole is not None and math.isclose(whole, MAGNITUDES[magnitude] * (_word_factor(rest, unit) or 0)):
                written = rest
            break
    if written in MAGNITUDES:  # a bare 万 or 亿 (242万偏远农村居民) names no unit of its own
        return ""
    return written if _word_factor(written, unit) is not None else ""


def _suffix(unit: str, lang: str) -> str:
    spec = UNITS.get(unit)
    if spec is None:  # not a canonical unit: written as it is
        return f" {unit}" if unit and lang == "en" else unit
    return spec.suffix_en if lang == "en" else spec.suffix_zh


def quantity(x: object, unit: str | None, lang: str = "zh", word: str = "", significant: int | None = None) -> str:
    """A number with its unit: 6万套(间), 1800公顷, 717.11亿元, 6.5% (English: 60,000 units, 1,800 ha).

    `x` is in the canonical `unit`; in Chinese a plan's `word` (套(间), 亩) is written instead of the
    unit's own suffix, the number converted into it (30万亩 for 2万公顷); in English a count keeps what it
    counts (vocab.COUNT_WORDS_EN: 230,000 people; a word not there as the plan writes it: ≥ 30 家).
    """
    if missing(x):
        return "—"
    unit = unit or ""
    spec = UNITS.get(unit)
    scaled = spec.magnitudes if spec else True
    factor = _word_factor(word, unit) if word and lang == "zh" else None
    if factor:
        return number(float(x) / factor, lang, scaled, significant) + word  # type: ignore[arg-type]
    if word and lang == "en" and unit == "count" and _word_factor(word, unit) == 1:  # what is counted
        english = COUNT_WORDS_EN.get(word, word)
        return number(x, lang, scaled, significant) + (f" {english}" if english else "")
    return number(x, lang, scaled, significant) + _suffix(unit, lang)


@dataclass(frozen=True)
class Parts:
    """A quantity as its parts, for a spreadsheet cell that keeps a number: `shown` (the number as written,
    in its magnitude: 6 for 6万套(间)), its `decimals` and the `suffix` after it (万套(间)), so that the
    written text is `digits + suffix` and a number format can show it again."""

    shown: float
    decimals: int
    suffix: str
    digits: str

    @property
    def text(self) -> str:
        return self.digits + self.suffix


def quantity_parts(
    x: object, unit: str | None, lang: str = "zh", word: str = "", significant: int | None = None
) -> Parts | None:
    """`quantity` split into the number shown and the text after it (None for a missing value)."""
    text = quantity(x, unit, lang, word, significant)
    if text == "—":
        return None
    match = _LEADING_NUMBER.match(text)
    if match is None:  # never: quantity always starts with its digits
        return None
    digits = match.group(0)
    plain = digits.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return Parts(float(plain), decimals, text[len(digits) :], digits)


_LEADING_NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?")


def signed(x: object, unit: str | None, lang: str = "zh", word: str = "", significant: int | None = None) -> str:
    """A difference with its sign: +1200人, −3.5万; a difference of percents is in percentage points."""
    if missing(x):
        return "—"
    value = float(x)  # type: ignore[arg-type]
    if unit == "percent":
        unit, word = "percentage_point", ""
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + quantity(abs(value), unit, lang, word, significant)


def share(x: object, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.853 -> 85.3%."""
    return "—" if missing(x) else f"{float(x) * 100:.{decimals}f}%"  # type: ignore[arg-type]


def ratio(x: object) -> str:
    """A pace ratio with two decimals: 0.95."""
    return "—" if missing(x) else f"{float(x):.2f}"  # type: ignore[arg-type]


def comparator_sign(comparator: str | None) -> str:
    """≥, ≤, ≈, >, < (empty for a plain value or a range, and for a word that is no comparator)."""
    if comparator.__class__ is str:  # the few stored comparators, each read once
        sign = _SIGNS.get(comparator)
        if sign is None:
            sign = _read_sign(comparator)
            if len(_SIGNS) < 256:
                _SIGNS[comparator] = sign
        return sign
    return _read_sign(comparator)


#: comparator text -> its sign (`comparator_sign`)
_SIGNS: dict[str, str] = {}


def _read_sign(comparator: str | None) -> str:
    try:
        return Comparator.read(comparator or "=").sign
    except ValueError:
        return ""


def target(
    comparator: str | None,
    value: object,
    low: object,
    high: object,
    unit: str | None,
    lang: str = "zh",
    word: str = "",
    significant: int | None = None,
) -> str:
    """A target as a planner writes it: ≥ 24万人, ≈ 7%, 6–7%, 1800公顷, 6万套(间)."""
    if comparator == Comparator.RANGE or (missing(value) and not missing(low) and not missing(high)):
        high_text = quantity(high, unit, lang, word, significant)
        low_text = quantity(low, unit, lang, word, significant)
        same = word if word and lang == "zh" else _suffix(unit or "", lang)
        if lang == "en":  # the words after both numbers once: 3–5 units, 1.5–2 trillion yuan
            low_parts, high_parts = quantity_parts(low, unit, lang, word), quantity_parts(high, unit, lang, word)
            same = high_parts.suffix if low_parts and high_parts and low_parts.suffix == high_parts.suffix else ""
        if same and low_text.endswith(same) and high_text.endswith(same):
            low_text = low_text[: -len(same)]  # 6–7%, not 6%–7%
        return f"{low_text}–{high_text}"
    if missing(value):
        value = low if not missing(low) else high
    sign = comparator_sign(comparator)
    return (f"{sign} " if sign else "") + quantity(value, unit, lang, word, significant)


def unit_name(unit: str | None, lang: str = "zh") -> str:
    """The canonical unit's name for a header: 公顷 / ha."""
    spec = UNITS.get(unit or "")
    if spec is None:
        return unit or ""
    return spec.en if lang == "en" else spec.zh


def is_rate(unit: str | None) -> bool:
    """%, ‰ and percentage points: no magnitude words, no logarithmic axis."""
    spec = UNITS.get(unit or "")
    return bool(spec and spec.is_rate)


@dataclass(frozen=True)
class Scale:
    """How a chart axis shows values of one unit: divide by `divisor`, title the axis with `title`."""

    divisor: float
    title: str

    def apply(self, x: object) -> float | None:
        return None if missing(x) else float(x) / self.divisor  # type: ignore[arg-type]


def scale(values: Iterable[object], unit: str | None, lang: str = "zh", word: str = "") -> Scale:
    """The axis scale for these values: 万/亿/万亿 (million/billion/trillion) when the largest needs it.

    A plan's `word` titles the axis when it is the unit itself (套(间) for a count), not a conversion.
    """
    name = word if word and lang == "zh" and _word_factor(word, unit or "") == 1 else unit_name(unit, lang)
    present = [abs(float(v)) for v in values if not missing(v)]  # type: ignore[arg-type]
    top = max(present, default=0.0)
    spec = UNITS.get(unit or "")
    if spec is None or spec.magnitudes:
        for divisor, magnitude in _ZH_MAGNITUDES if lang == "zh" else _EN_MAGNITUDES:
            if top >= divisor:
                if lang == "en":
                    return Scale(divisor, f"{name} ({magnitude.strip()})")
                bare = unit in ("count", "ratio", "index") and name == unit_name(unit, lang)
                return Scale(divisor, magnitude if bare else f"{magnitude}{name}")
    return Scale(1.0, name)
