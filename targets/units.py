"""Units as Chinese plans write them, normalised to the canonical units of the extraction contract.

One pint registry for the process, built from `units.txt` beside this module. Conversions are
looked up once per written unit and cached as a factor, so hot loops never parse unit strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pint

DEFINITIONS = Path(__file__).with_name("units.txt")

ureg = pint.UnitRegistry(on_redefinition="raise")
ureg.load_definitions(str(DEFINITIONS))

#: canonical unit of the contract -> the pint unit it stands for ("" = a plain number)
CANONICAL: dict[str, str] = {
    "CNY": "yuan",
    "USD": "us_dollar",
    "percent": "percent",
    "permille": "permille",
    "percentage_point": "percentage_point",
    "km": "kilometer",
    "hectare": "hectare",
    "square_meter": "meter ** 2",
    "kW": "kilowatt",
    "kWh": "kilowatt_hour",
    "m3": "meter ** 3",
    "t": "tonne",
    "TEU": "TEU",
    "t/day": "tonne / day",
    "ug/m3": "microgram / meter ** 3",
    "hour": "hour",
    "day": "day",
    "ratio": "",
    "index": "",
    "count": "item",
}

#: what a canonical unit measures; two units can be compared only within one dimension
DIMENSION: dict[str, str] = {
    "CNY": "money",
    "USD": "money_usd",
    "percent": "share",
    "permille": "share",
    "percentage_point": "share_change",
    "km": "length",
    "hectare": "area",
    "square_meter": "area",
    "kW": "power",
    "kWh": "energy",
    "m3": "volume",
    "t": "mass",
    "TEU": "containers",
    "t/day": "mass_rate",
    "ug/m3": "concentration",
    "hour": "time",
    "day": "time",
    "ratio": "number",
    "index": "number",
    "count": "count",
}

#: canonical unit -> how it is written after a number (Chinese, English): 6万公顷, 60,000 ha
UNIT_SUFFIX: dict[str, tuple[str, str]] = {
    "CNY": ("元", " yuan"),
    "USD": ("美元", " USD"),
    "percent": ("%", "%"),
    "permille": ("‰", "‰"),
    "percentage_point": ("个百分点", " pp"),
    "km": ("公里", " km"),
    "hectare": ("公顷", " ha"),
    "square_meter": ("平方米", " m²"),
    "kW": ("千瓦", " kW"),
    "kWh": ("千瓦时", " kWh"),
    "m3": ("立方米", " m³"),
    "t": ("吨", " t"),
    "TEU": ("标箱", " TEU"),
    "t/day": ("吨/日", " t/day"),
    "ug/m3": ("微克/立方米", " μg/m³"),
    "hour": ("小时", " h"),
    "day": ("天", " days"),
    "ratio": ("", ""),
    "index": ("", ""),
    "count": ("", ""),
}

# Written forms that pint cannot read as they stand.
_ALTERNATIVE = re.compile(r"[(（][^)）]*[)）]")  # 套(间), 名(个): the first reading counts
_SPELLINGS = {"％": "%", "m²": "m2", "平米": "平方米", "亿美元": "亿us_dollar", "万美元": "万us_dollar"}


#: a price or an amount per something: 30万元/人, 5分/千瓦时, 2.5元/立方米 — the amount is reported in yuan
#: (or US dollars), per the thing the unit names; 角 and 分 are tenths and hundredths of a yuan
_PER_THING = re.compile(
    r"^(?P<amount>(?:[十百千万亿]*)(?:元|美元|角|分))/(?P<per>人次|人|户|千瓦时|度|立方米|吨|平方米|亩|月|年|天|日|公里|个|家|次|床)$"
)
_SUBUNITS = {"角": 0.1, "分": 0.01}
_MAGNITUDE_ONLY = re.compile(r"^(?:十|百|千|万|十万|百万|千万|亿|十亿|百亿|千亿|万亿)$")


class UnknownUnit(ValueError):
    """A written unit is not defined in the project's unit registry."""


@dataclass(frozen=True)
class Conversion:
    """How to turn a value in a written unit into the canonical unit: multiply by `factor`."""

    unit_raw: str
    norm_unit: str
    factor: float

    def apply(self, value: float | None) -> float | None:
        """The value in the canonical unit (None stays None)."""
        return None if value is None else value * self.factor


def _pint_expression(unit_raw: str) -> str:
    text = _ALTERNATIVE.sub("", unit_raw).strip()
    for written, spelled in _SPELLINGS.items():
        text = text.replace(written, spelled)
    if text in ("P", "PFLOPS"):
        return "pflops"
    return text.replace("%", "percent")


def _canonical_candidates(quantity: pint.Quantity, per_capita: bool) -> list[tuple[str, float]]:
    found = [("ratio", float(quantity.to("").magnitude))] if quantity.dimensionless else []
    for name, expr in CANONICAL.items():
        if not expr or (DIMENSION[name] == "area" and (name == "square_meter") != per_capita):
            continue
        try:
            found.append((name, float(quantity.to(expr).magnitude)))
        except pint.DimensionalityError:
            continue
    return found


@cache
def conversion(unit_raw: str, per_capita: bool = False) -> Conversion:
    """The conversion of a written unit ("万亩", "亿千瓦时", "%", "") to its canonical unit.

    Where several canonical units share a dimension (percent/permille, hour/day) the largest one
    not bigger than the written unit is chosen, so 3‰ stays permille and 5天 stays days.
    Areas become hectares unless `per_capita` (人均2.2平方米 stays square metres).
    A unit without a written unit ("" as in CPI 103) converts to "index" with factor 1; callers
    that know better (a ratio) relabel it. Raises UnknownUnit for words the registry lacks.
    """
    if unit_raw.strip() in ("", "∶1", ":1"):
        return Conversion(unit_raw, "ratio" if unit_raw.strip() else "index", 1.0)
    if _MAGNITUDE_ONLY.match(unit_raw.strip()):  # 242万偏远农村居民, 注册总量突破5亿: a count of people or things
        return Conversion(unit_raw, "count", float(ureg.Quantity(1, unit_raw.strip() + "item").to("item").magnitude))
    per = _PER_THING.match(_ALTERNATIVE.sub("", unit_raw).strip())
    if per:
        amount = per.group("amount")
        sub = _SUBUNITS.get(amount[-1], 1.0)
        money = conversion(amount[:-1] + "元" if sub != 1.0 else amount)
        return Conversion(unit_raw, money.norm_unit, money.factor * sub)
    try:
        quantity = ureg.Quantity(1, _pint_expression(unit_raw))
    except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, AttributeError, TypeError, ValueError) as e:
        raise UnknownUnit(f"unknown unit {unit_raw!r}") from e
    candidates = _canonical_candidates(quantity, per_capita)
    if not candidates:
        raise UnknownUnit(f"unit {unit_raw!r} has no canonical unit ({quantity.dimensionality})")
    not_bigger = [c for c in candidates if c[1] >= 1 - 1e-12]
    name, factor = min(not_bigger, key=lambda c: c[1]) if not_bigger else max(candidates, key=lambda c: c[1])
    return Conversion(unit_raw, name, factor)


def is_known(unit_raw: str) -> bool:
    """True when the registry can read the written unit."""
    try:
        conversion(unit_raw)
    except UnknownUnit:
        return False
    return True


def to_canonical(value: float | None, unit_raw: str, per_capita: bool = False) -> tuple[float | None, str]:
    """(value in the canonical unit, canonical unit name) for a value written in `unit_raw`."""
    conv = conversion(unit_raw, per_capita)
    return conv.apply(value), conv.norm_unit


def dimension(norm_unit: str) -> str:
    """The dimension a canonical unit measures ("area", "count", "money", ...)."""
    return DIMENSION[norm_unit]


@cache
def canonical_factor(from_norm_unit: str, to_norm_unit: str) -> float:
    """Factor from one canonical unit to another of the same dimension (permille -> percent: 0.1).

    Raises pint.DimensionalityError across dimensions.
    """
    if from_norm_unit == to_norm_unit:
        return 1.0
    if DIMENSION[from_norm_unit] != DIMENSION[to_norm_unit] or not CANONICAL[from_norm_unit]:
        raise pint.DimensionalityError(from_norm_unit, to_norm_unit)
    return float(ureg.Quantity(1, CANONICAL[from_norm_unit]).to(CANONICAL[to_norm_unit]).magnitude)


def convert(value: float, from_unit: str, to_norm_unit: str) -> float:
    """Convert a value written in `from_unit` to a given canonical unit of the same dimension.

    Raises UnknownUnit for an unknown unit and pint.DimensionalityError across dimensions
    (亿元 cannot become 公里).
    """
    if to_norm_unit in ("ratio", "index"):
        conv = conversion(from_unit)
        if conv.norm_unit not in ("ratio", "index"):
            raise pint.DimensionalityError(from_unit, to_norm_unit)
        return value
    try:
        quantity = ureg.Quantity(value, _pint_expression(from_unit)) if from_unit.strip() else None
    except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, AttributeError, TypeError, ValueError) as e:
        raise UnknownUnit(f"unknown unit {from_unit!r}") from e
    if quantity is None:
        raise pint.DimensionalityError("", to_norm_unit)
    return float(quantity.to(CANONICAL[to_norm_unit]).magnitude)
