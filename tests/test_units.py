"""Units: every unit word of the registry converts to a canonical unit, with the contract's factors."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.units import UnitMismatch, UnknownUnit, conversion, factor, in_unit, is_known, to_canonical, unit_words
from targets.vocab import UNITS


@pytest.mark.parametrize("word", unit_words())
def test_every_defined_unit_word_has_a_canonical_unit(word):
    conv = conversion(word)
    assert conv.norm_unit in UNITS
    assert conv.factor > 0


@pytest.mark.parametrize(
    ("unit_raw", "norm_unit", "factor"),
    [
        ("万亩", "hectare", 10000 / 15),
        ("亩", "hectare", 1 / 15),
        ("公顷", "hectare", 1),
        ("平方公里", "hectare", 100),
        ("万平方米", "hectare", 1),
        ("公里", "km", 1),
        ("米", "km", 0.001),
        ("亿元", "CNY", 1e8),
        ("万亿元", "CNY", 1e12),
        ("万元", "CNY", 1e4),
        ("亿美元", "USD", 1e8),
        ("%", "percent", 1),
        ("‰", "permille", 1),
        ("个百分点", "percentage_point", 1),
        ("万千瓦", "kW", 1e4),
        ("亿千瓦时", "kWh", 1e8),
        ("度", "kWh", 1),
        ("亿立方米", "m3", 1e8),
        ("万吨", "t", 1e4),
        ("斤", "t", 0.0005),
        ("万标箱", "TEU", 1e4),
        ("万吨/日", "t/day", 1e4),
        ("万吨/年", "t", 1e4),  # a capacity a year: the year's amount
        ("吉瓦", "kW", 1e6),
        ("吉瓦时", "kWh", 1e6),
        ("兆瓦时", "kWh", 1e3),
        ("微克/立方米", "ug/m3", 1),
        ("小时", "hour", 1),
        ("分钟", "hour", 1 / 60),
        ("天", "day", 1),
        ("个工作日", "day", 1),
        ("万人", "count", 1e4),
        ("万人次", "count", 1e4),
        ("套(间)", "count", 1),
        ("万套(间)", "count", 1e4),
        ("千万亩", "hectare", 1e7 / 15),
        ("", "index", 1),
        ("∶1", "ratio", 1),
    ],
)
def test_written_unit_converts_with_the_contract_factor(unit_raw, norm_unit, factor):
    conv = conversion(unit_raw)
    assert conv.norm_unit == norm_unit
    assert math.isclose(conv.factor, factor, rel_tol=1e-12)


def test_per_capita_area_stays_square_metres():
    assert to_canonical(2.2, "平方米", per_capita=True) == (2.2, "square_meter")
    assert to_canonical(2.2, "平方米") == (pytest.approx(2.2e-4), "hectare")


def test_unknown_unit_is_reported_by_name():
    with pytest.raises(UnknownUnit, match="光年"):
        conversion("光年")
    assert not is_known("光年")


def test_in_unit_converts_within_a_dimension_only():
    assert factor("permille", "percent") == pytest.approx(0.1)
    assert factor("day", "hour") == pytest.approx(24)
    assert in_unit(3, "km", "km") == 3
    with pytest.raises(UnitMismatch, match="km cannot be converted to hectare"):
        factor("km", "hectare")
    with pytest.raises(UnitMismatch):
        factor("square_meter", "hectare")  # a per-capita area is not an area
    with pytest.raises(UnitMismatch):
        factor("ratio", "index")


def test_currencies_convert_at_the_stated_rate_of_the_year_only():
    assert in_unit(1e8, "USD", "CNY", 2022) == pytest.approx(6.7261e8)
    assert in_unit(6.7261e8, "CNY", "USD", 2022) == pytest.approx(1e8)
    for year in (2027, None):
        with pytest.raises(UnitMismatch) as raised:
            in_unit(1e8, "USD", "CNY", year)
        assert raised.value.no_rate and "exchange_rates.toml" in str(raised.value)


def test_every_rate_names_its_source_and_every_year_has_one_rate():
    from targets.units import rates

    stated = rates()
    assert stated and all(r.source and 1 < r.cny < 20 for r in stated.values())
    years = sorted(year for currency, year in stated if currency == "USD")
    assert years == list(range(years[0], years[-1] + 1))  # no gaps


def test_every_canonical_unit_has_a_dimension_with_a_name():
    from targets.vocab import DIMENSIONS

    assert {u.dimension for u in UNITS.values()} == set(DIMENSIONS)
    assert all(u.pint or u.dimension in ("ratio", "index") for u in UNITS.values())


def test_unit_words_are_every_chinese_word_of_the_definitions_file():
    """A loud check of the registry's public iteration (pint) against units.txt: an upgrade that changes
    what iterating a registry yields fails here, not silently in the extractor."""
    import re

    from targets.units import DEFINITIONS

    defined = set()
    for line in DEFINITIONS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        if "=" in line and not line.strip().endswith("-") and "- =" not in line:
            defined |= {w.strip() for w in line.split("=") if re.fullmatch(r"[\u4e00-\u9fff]+", w.strip())}
    words = unit_words()
    assert set(words) == defined
    assert words == sorted(words, key=lambda w: (-len(w), w))  # longest first, for the extractor's alternation


def test_magnitude_prefixes_of_the_registry_are_the_number_parsers():
    from targets.numbers import MAGNITUDES
    from targets.units import ureg

    for word, size in MAGNITUDES.items():
        assert ureg.Quantity(1, f"{word}元").to("yuan").magnitude == pytest.approx(size)


@given(
    value=st.floats(min_value=0.001, max_value=1e6, allow_nan=False),
    magnitude=st.sampled_from(["", "万", "亿"]),
    unit=st.sampled_from(["元", "亩", "人", "吨", "千瓦时", "公顷"]),
)
def test_value_times_magnitude_round_trips(value, magnitude, unit):
    norm, norm_unit = to_canonical(value, magnitude + unit)
    base_norm, base_unit = to_canonical(1.0, unit)
    assert norm_unit == base_unit and norm is not None and base_norm is not None
    scale = {"": 1, "万": 1e4, "亿": 1e8}[magnitude]
    assert math.isclose(norm / (scale * base_norm), value, rel_tol=1e-9)


@pytest.mark.parametrize("written", [":", "**", "(", "万人)", "亿元(", "/"])
def test_a_unit_pint_cannot_parse_is_unknown_not_a_crash(written: str) -> None:
    """An upload's unit cell is any text: what pint's parser chokes on is an unknown unit, reported as such."""
    assert not is_known(written)


@given(st.text(st.sampled_from("万亿元人个%:()*/^.+- 1"), max_size=6))
def test_any_written_unit_converts_or_is_unknown(written: str) -> None:
    try:
        converted = conversion(written)
    except UnknownUnit:
        return
    assert isinstance(converted.norm_unit, str)
