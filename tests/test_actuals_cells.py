"""Reading one cell (targets.actuals.cells): numbers as planners type them, years, formulas, and a written
unit checked against the indicator's unit."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.actuals import cells


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_written_by_python_reads_back_the_same(number):
    assert cells.parse_value(repr(number)) == number
    assert cells.parse_value(number) == number


@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_separators_are_accepted(number):
    assert cells.parse_value(f"{number:,}") == number


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("１２３", 123.0), ("−2.5", -2.5), (" 23.5 ", 23.5), ("1e5", 1e5), (".5", 0.5), (7, 7.0)],
)
def test_numbers_in_other_writings(cell, expected):
    assert cells.parse_value(cell) == expected


@pytest.mark.parametrize("cell", ["5%", "2万", "NaN", "inf", "=1+1", "1.2.3", "1,23", True, "", None, float("nan")])
def test_what_is_not_a_number(cell):
    assert cells.parse_value(cell) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(2023, 2023), (2023.0, 2023), ("2023", 2023), ("2023年", 2023), ("２０２３", 2023), ("2023.0", 2023)],
)
def test_years(cell, expected):
    assert cells.parse_year(cell) == expected


@pytest.mark.parametrize("cell", [1899, 2101, 2023.5, "二〇二三", "23", datetime(2023, 1, 1), date(2023, 1, 1), True])
def test_what_is_not_a_year(cell):
    assert cells.parse_year(cell) is None


def test_cells_as_text_drop_a_spurious_decimal_and_write_dates_in_iso():
    shown = [cells.cell_text(v) for v in (None, 3.0, 3.5, True, date(2023, 5, 1))]
    assert shown == ["", "3", "3.5", "TRUE", "2023-05-01"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_are_found(start):
    assert cells.formula_start(start + "SUM(A1)") == start
    assert cells.formula_start("SUM(A1)") is None


@pytest.mark.parametrize(
    ("written", "norm_unit", "rule", "factor"),
    [
        ("万人", "count", "", 1e4),
        ("亿元", "CNY", "", 1e8),
        ("万亩", "hectare", "", 1e4 / 15),
        ("%", "percent", "", 1.0),
        ("倍", "ratio", "", 1.0),
        ("", "ratio", "", 1.0),
        ("", "count", "missing-cell", None),
        ("万坨", "count", "unknown-unit", None),
        ("公里", "CNY", "wrong-unit", None),
        ("%", "ratio", "wrong-unit", None),
        ("%", "percentage_point", "percent-for-percentage-point", None),
        ("个百分点", "percent", "percentage-point-for-percent", None),
    ],
)
def test_a_written_unit_against_the_indicator_unit(written, norm_unit, rule, factor):
    found_rule, found_factor = cells.unit_factor(written, norm_unit)
    assert found_rule == rule
    assert found_factor == (None if factor is None else pytest.approx(factor))
