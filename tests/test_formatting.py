"""targets.formatting: numbers in 万/亿 as planners read them, targets with their comparator, chart axis scales."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets import formatting as fmt


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (60000, "6万", "60,000"),
        (220000, "22万", "220,000"),
        (1200, "1200", "1,200"),
        (6.5, "6.5", "6.5"),
        (3_000_000, "300万", "3 million"),
        (71_711_000_000, "717.11亿", "71.711 billion"),
        (3e12, "3万亿", "3 trillion"),
        (-15000, "-1.5万", "-15,000"),
        (None, "—", "—"),
        (math.nan, "—", "—"),
    ],
)
def test_numbers_use_the_readers_magnitudes(value, zh, en):
    assert (fmt.number(value, "zh"), fmt.number(value, "en")) == (zh, en)


def test_quantities_carry_their_unit_and_rates_never_take_magnitudes():
    assert fmt.quantity(7.1711e10, "CNY") == "717.11亿元"
    assert fmt.quantity(1800, "hectare", "en") == "1,800 ha"
    assert fmt.quantity(65000, "percent") == "65000%"  # a rate is never "6.5万%"


def test_targets_read_as_written():
    assert fmt.target(">=", 240000, None, None, "count") == "≥ 24万"
    assert fmt.target("~", 7, None, None, "percent") == "≈ 7%"
    assert fmt.target("range", None, 6, 7, "percent") == "6–7%"
    assert fmt.target("=", 1800, None, None, "hectare") == "1800公顷"
    assert fmt.target("range", None, 1e4, 2e4, "count", "en") == "10,000–20,000"


def test_signed_gaps_of_percents_are_percentage_points():
    assert fmt.signed(-0.5, "percent") == "−0.5个百分点"
    assert fmt.signed(1200, "count", "en") == "+1,200"


def test_axis_scale_follows_the_largest_value():
    assert fmt.scale([60000, 220000, 1200], "count") == fmt.Scale(1e4, "万")
    assert fmt.scale([3e12, 7e10], "CNY") == fmt.Scale(1e12, "万亿元")
    assert fmt.scale([6, 7], "percent") == fmt.Scale(1.0, "%")
    assert fmt.scale([3e6], "count", "en") == fmt.Scale(1e6, "count (million)")


@pytest.mark.parametrize(
    ("unit_raw", "unit", "word"),
    [
        ("万套(间)", "count", "套(间)"),
        ("亿元", "CNY", "元"),
        ("万亿元", "CNY", "元"),
        ("万亩", "hectare", "亩"),
        ("千万亩", "hectare", "亩"),
        ("万千瓦", "kW", "千瓦"),
        ("千瓦时", "kWh", "千瓦时"),
        ("万人次", "count", "人次"),
        ("%", "percent", "%"),
        ("个百分点", "percentage_point", "个百分点"),
        ("平方米", "square_meter", "平方米"),
        ("亿美元", "CNY", ""),  # another currency is not a word for numbers in 元
        ("", "index", ""),
        ("万坨", "count", ""),
        ("万", "count", ""),  # 242万偏远农村居民: a bare magnitude is no unit word
        ("倍", "ratio", "倍"),
    ],
)
def test_the_plans_own_unit_word_is_read_off_the_written_unit(unit_raw, unit, word):
    assert fmt.unit_word(unit_raw, unit) == word


def test_numbers_as_the_plan_writes_them():
    assert fmt.quantity(60000, "count", word="套(间)") == "6万套(间)"
    assert fmt.target(">=", 240000, None, None, "count", word="人") == "≥ 24万人"
    assert fmt.quantity(7.5e10, "CNY", word="元") == "750亿元"
    assert fmt.quantity(1.62e12, "CNY", word="元") == "1.62万亿元"
    assert fmt.quantity(2e4, "hectare", word="亩") == "30万亩"  # the number converted into the plan's word
    assert fmt.target("range", None, 1e4, 2e4, "count", word="人") == "1万–2万人"
    # English says what a count counts: the plan's measure word in English, else as the plan writes it
    assert fmt.quantity(60000, "count", "en", word="套(间)") == "60,000 units"
    assert fmt.target(">=", 240000, None, None, "count", "en", "人") == "≥ 240,000 people"
    assert fmt.target(">=", 30, None, None, "count", "en", "家") == "≥ 30 家"
    assert fmt.quantity(3000, "count", "en", word="个") == "3,000"
    assert fmt.target("range", None, 3, 5, "count", "en", "套") == "3–5 units"
    assert fmt.quantity(2e4, "hectare", "en", word="亩") == "20,000 ha"  # a conversion keeps the canonical unit


@given(st.floats(min_value=-1e20, max_value=1e20, allow_nan=False, allow_subnormal=False))
def test_no_number_is_ever_written_with_an_exponent(x):
    for text in (fmt.number(x), fmt.number(x, "en"), fmt.number(x, magnitude=False), fmt.plain_number(x)):
        assert "e" not in text.lower().replace("million", "").replace("billion", "").replace("trillion", "")
    assert float(fmt.plain_number(x)) == pytest.approx(x, rel=1e-12, abs=1e-12)
