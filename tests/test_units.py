"""Units: every unit word of the registry converts to a canonical unit, with the contract's factors."""

import math

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.units import CANONICAL, DIMENSION, UnknownUnit, conversion, convert, is_known, to_canonical, ureg


def chinese_unit_words() -> list[str]:
    return sorted(name for name in ureg._units if any("\u4e00" <= ch <= "\u9fff" for ch in name))


@pytest.mark.parametrize("word", chinese_unit_words())
def test_every_defined_unit_word_has_a_canonical_unit(word):
    conv = conversion(word)
    assert conv.norm_unit in CANONICAL
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


def test_convert_refuses_to_cross_dimensions():
    with pytest.raises(pint.DimensionalityError):
        convert(3, "亿元", "km")
    assert convert(3, "亿元", "CNY") == 3e8


def test_every_canonical_unit_has_a_dimension():
    assert set(CANONICAL) == set(DIMENSION)


@given(
    value=st.floats(min_value=0.001, max_value=1e6, allow_nan=False),
    magnitude=st.sampled_from(["", "万", "亿"]),
    unit=st.sampled_from(["元", "亩", "人", "吨", "千瓦时", "公顷"]),
)
def test_value_times_magnitude_round_trips(value, magnitude, unit):
    norm, norm_unit = to_canonical(value, magnitude + unit)
    base_norm, base_unit = to_canonical(1.0, unit)
    assert norm_unit == base_unit
    scale = {"": 1, "万": 1e4, "亿": 1e8}[magnitude]
    assert math.isclose(norm / (scale * base_norm), value, rel_tol=1e-9)
