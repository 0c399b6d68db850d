"""Units as Chinese plans write them, normalised to the canonical units of the extraction contract.

One pint registry for the process, built from `units.txt` beside this module. Conversions are
looked up once per written unit and cached as a factor, so hot loops never parse unit strings.
"""

from __future__ import annotations

import re
import tokenize
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pint

from targets import config
from targets.vocab import UNITS

DEFINITIONS = Path(__file__).with_name("units.txt")

ureg: pint.UnitRegistry = pint.UnitRegistry(on_redefinition="raise")
ureg.load_definitions(str(DEFINITIONS))


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
    for unit in UNITS.values():
        if not unit.pint or (
            unit.dimension in ("area", "area_per_capita") and (unit.name == "square_meter") != per_capita
        ):
            continue
        try:
            found.append((unit.name, float(quantity.to(unit.pint).magnitude)))
        except pint.DimensionalityError:
            continue
    return found


@cache
@lru_cache(maxsize=4096)  # bounded: an upload may write a new unit on every row
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
    if unit_raw.strip().endswith("/年") and len(unit_raw.strip()) > 2:  # 50万吨/年: a capacity, the year's amount
        per_year = conversion(unit_raw.strip()[:-2], per_capita)
        return Conversion(unit_raw, per_year.norm_unit, per_year.factor)
    per = _PER_THING.match(_ALTERNATIVE.sub("", unit_raw).strip())
    if per:
        amount = per.group("amount")
        sub = _SUBUNITS.get(amount[-1], 1.0)
        money = conversion(amount[:-1] + "元" if sub != 1.0 else amount)
        return Conversion(unit_raw, money.norm_unit, money.factor * sub)
    try:
        quantity = ureg.Quantity(1, _pint_expression(unit_raw))
    except (
        pint.UndefinedUnitError,
        pint.DefinitionSyntaxError,
        AttributeError,
        TypeError,
        ValueError,
        AssertionError,  # pint's expression parser on ":" or "**"
        tokenize.TokenError,  # on an unclosed "(" (an upload's unit cell "万人)")
        SyntaxError,
    ) as e:
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


def dimension(norm_unit: str) -> str | None:
    """What a canonical unit measures ("area", "count", "money", ...); None for a name that is not one."""
    unit = UNITS.get(norm_unit)
    return unit.dimension if unit else None


def unit_words() -> list[str]:
    """Every Chinese unit word the registry defines (names and aliases: 公顷, 亩, 人, 套 ...), longest first.

    For the extractor, which finds a unit after a number by these words. Read through pint's public
    iteration over a registry's unit names, which also yields the prefixed names built so far (万吨 once
    a 万吨 was read); those are left out, as `parse_unit_name` reads them with a prefix.
    `tests/test_units.py` checks the result against `units.txt`.
    """
    defined = (
        name
        for name in ureg
        if _HAN.search(name) and any(not prefix and not suffix for prefix, _, suffix in ureg.parse_unit_name(name))
    )
    return sorted(defined, key=lambda w: (-len(w), w))


_HAN = re.compile(r"[\u4e00-\u9fff]")


# --- one unit into another -----------------------------------------------------------------------------


class UnitMismatch(ValueError):
    """A value cannot be put in the unit asked for: the two units measure different things (亿元 is not
    公里), or they are two currencies and no exchange rate is stated for the value's year."""

    def __init__(self, from_unit: str, to_unit: str, year: int | None = None, *, no_rate: bool = False) -> None:
        self.from_unit, self.to_unit, self.year, self.no_rate = from_unit, to_unit, year, no_rate
        if no_rate:
            when = f"{year}" if year is not None else "an unknown year"
            message = f"no {from_unit}/{to_unit} exchange rate for {when} in {RATES_FILE.name}"
        else:
            message = f"{from_unit} cannot be converted to {to_unit}"
        super().__init__(message)


@dataclass(frozen=True)
class Rate:
    """Yuan per unit of `currency`, the annual average of `year`, and where the figure is published."""

    currency: str
    year: int
    cny: float
    source: str


RATES_FILE = config.DATA_DIR / "exchange_rates.toml"


@cache
def rates() -> dict[tuple[str, int], Rate]:
    """The stated exchange rates (data/exchange_rates.toml), by (currency, year)."""
    with RATES_FILE.open("rb") as f:
        data = tomllib.load(f)
    found = {}
    for entry in data.get("rate", []):
        rate = Rate(str(entry["currency"]), int(entry["year"]), float(entry["cny"]), str(entry["source"]))
        if rate.currency not in UNITS or UNITS[rate.currency].dimension != "money" or rate.cny <= 0:
            raise ValueError(f"{RATES_FILE.name}: bad rate {entry!r}")
        found[rate.currency, rate.year] = rate
    return found


def exchange_rate(currency: str, year: int | None) -> Rate:
    """The rate of `currency` to yuan for `year`; raises UnitMismatch when none is stated for that year."""
    rate = rates().get((currency, year)) if year is not None else None
    if rate is None:
        raise UnitMismatch(currency, "CNY", year, no_rate=True)
    return rate


@cache
def _physical_factor(from_unit: str, to_unit: str) -> float:
    if from_unit == to_unit:
        return 1.0
    a, b = UNITS.get(from_unit), UNITS.get(to_unit)
    if a is None or b is None or a.dimension != b.dimension or not a.pint or a.dimension == "money":
        raise UnitMismatch(from_unit, to_unit)
    return float(ureg.Quantity(1, a.pint).to(b.pint).magnitude)


def factor(from_unit: str, to_unit: str, year: int | None = None) -> float:
    """What a value in canonical unit `from_unit` is multiplied by to be in `to_unit` (permille -> percent:
    0.1; USD -> CNY: the stated rate of `year`). Raises UnitMismatch across dimensions, and between two
    currencies when no rate is stated for `year`."""
    if from_unit != to_unit and dimension(from_unit) == "money" == dimension(to_unit):
        to_cny = 1.0 if from_unit == "CNY" else exchange_rate(from_unit, year).cny
        from_cny = 1.0 if to_unit == "CNY" else 1 / exchange_rate(to_unit, year).cny
        return to_cny * from_cny
    return _physical_factor(from_unit, to_unit)


def in_unit(value: float, from_unit: str, to_unit: str, year: int | None = None) -> float:
    """A value in canonical unit `from_unit` (an observation, a target) in the unit `to_unit` (its indicator's),
    a currency at the stated rate of `year`. Raises UnitMismatch when it cannot be."""
    return value * factor(from_unit, to_unit, year)
