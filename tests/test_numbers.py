"""The number parser: Arabic, full-width, Chinese and mixed numerals parse back to their value."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.numbers import NotANumber, parse_chinese, parse_number, split_magnitude

CASES = [
    ("7", 7),
    ("7.5", 7.5),
    ("1,200", 1200),
    ("12,345.6", 12345.6),
    ("8 960", 8960),  # a PDF's text separates thousands by a space
    ("1 200.5", 1200.5),
    ("１２", 12),
    ("１２．５", 12.5),
    ("一", 1),
    ("十", 10),
    ("十五", 15),
    ("三十", 30),
    ("两千", 2000),
    ("一万五千", 15000),
    ("一万五", 15000),
    ("三千五", 3500),
    ("一百零五", 105),
    ("一千零五十", 1050),
    ("二〇三五", 2035),
    ("一亿二千万", 1.2e8),
    ("一万亿", 1e12),
    ("百分之四十一", 41),
    ("五点五", 5.5),
    ("百分之五点五", 5.5),
    ("百分之百", 100),
    ("三点二万", 32000),
    ("1.2万亿", 1.2e12),
    ("3千", 3000),
    ("30.7万", 307000),
    ("壹万", 10000),
    ("两百五", 250),
]


@pytest.mark.parametrize(("text", "value"), CASES)
def test_written_number_parses_to_its_value(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "万万", "7.5公里", "第三"])
def test_non_numbers_are_rejected(text):
    with pytest.raises(NotANumber):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("30.7万", ("30.7", "万")),
        ("1.2万亿", ("1.2", "万亿")),
        ("千万", ("千", "万")),
        ("一千五百", ("一千五百", "")),
        ("3千", ("3", "千")),
        ("12", ("12", "")),
    ],
)
def test_magnitude_words_split_off_the_end(text, split):
    assert split_magnitude(text) == split


DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Write 0 <= n < 1e8 the way a document would (一万五千零五)."""
    if n == 0:
        return "零"

    def below_10k(x: int, leading: bool) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = x // size % 10
            if d:
                if zero and out:
                    out += "零"
                out += ("" if (unit == "十" and d == 1 and not out and leading) else DIGITS[d]) + unit
                zero = False
            elif out:
                zero = True
        return out

    high, low = divmod(n, 10000)
    text = (below_10k(high, True) + "万") if high else ""
    if low:
        if high and low < 1000:
            text += "零"
        text += below_10k(low, not high)
    return text


@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_parse_back(n):
    assert parse_chinese(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_arabic_with_separators_and_fullwidth_parse_back(whole, cents):
    text = f"{whole:,}.{cents:02d}"
    assert parse_number(text) == pytest.approx(whole + cents / 100)
    fullwidth = text.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))
    assert parse_number(fullwidth) == pytest.approx(whole + cents / 100)


@given(st.decimals(min_value=0, max_value=9999, places=2), st.sampled_from([("万", 1e4), ("亿", 1e8), ("万亿", 1e12)]))
def test_arabic_with_magnitude_words_parse_back(number, magnitude):
    word, factor = magnitude
    assert parse_number(f"{number}{word}") == pytest.approx(float(number) * factor)
