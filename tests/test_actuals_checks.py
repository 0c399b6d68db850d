"""Checking an upload row by row (targets.actuals.checks): the header, plans, indicators, years,
numbers, units, formulas and repeats; each error at its (row, column, rule), nothing written.

Rows count like the spreadsheet: the header is row 1, the first data row row 2.
"""

from __future__ import annotations

import pytest

from targets import actuals
from targets.actuals import checks
from targets.catalog import load_catalog
from tests.actuals_support import (
    FULL,
    GOOD,
    HEADER,
    assert_refused,
    csv_bytes,
    full,
    planned_store,
    row,
    xlsx_bytes,
)
from tests.conftest import ROOT
from tests.test_actuals_files import UNUSABLE

# (id, file content, expected errors as (row, column, rule))
MALFORMED = [
    ("header-only", csv_bytes([]), [(None, None, "no-rows")]),
    ("header-and-blank-lines", csv_bytes([]) + b",,,,\n\n", [(None, None, "no-rows")]),
    # the header
    (
        "no-value-column",
        csv_bytes([GOOD[:3] + GOOD[4:]], header=("plan", "indicator_id", "period", "unit")),
        [(1, "value", "missing-column")],
    ),
    (
        "no-indicator-column",
        csv_bytes([(GOOD[0], *GOOD[2:])], header=("plan", "period", "value", "unit")),
        [(1, "indicator_id", "missing-column")],
    ),
    (
        "no-plan-no-unit",
        csv_bytes([GOOD[1:4]], header=("indicator_id", "period", "value")),
        [(1, "unit", "missing-column"), (1, "region", "missing-column")],
    ),
    ("value-column-twice", csv_bytes([(*GOOD, 1)], header=(*HEADER, "数值")), [(1, "value", "duplicate-column")]),
    (
        "title-row-above-header",
        b"2022\xe5\xb9\xb4\xe5\xae\x9e\xe9\x99\x85\xe5\x80\xbc\n" + csv_bytes([GOOD]),
        [
            (1, "period", "missing-column"),
            (1, "value", "missing-column"),
            (1, "unit", "missing-column"),
            (1, "region", "missing-column"),
            (1, "indicator_id", "missing-column"),
        ],
    ),
    # plans and indicators
    ("unknown-plan", csv_bytes([row(plan="chengdu_2099")]), [(2, "plan", "unknown-plan")]),
    ("empty-plan", csv_bytes([row(plan="")]), [(2, "plan", "missing-cell")]),
    ("unknown-indicator-id", csv_bytes([row(indicator_id="new_jobs")]), [(2, "indicator_id", "unknown-indicator")]),
    (
        "unknown-indicator-name",
        csv_bytes([full(indicator_id="", indicator="幸福指数")], header=FULL),
        [(2, "indicator", "unknown-indicator")],
    ),
    (
        "ambiguous-indicator-name",
        csv_bytes([full(indicator_id="", indicator="绿道", unit="公里")], header=FULL),
        [(2, "indicator", "ambiguous-indicator")],
    ),
    (
        "id-and-name-disagree",
        csv_bytes([full(indicator="地区生产总值")], header=FULL),
        [(2, "indicator", "indicator-mismatch")],
    ),
    (
        "no-indicator-at-all",
        csv_bytes([full(indicator_id="", indicator="")], header=FULL),
        [(2, "indicator_id", "missing-cell")],
    ),
    # numbers and years
    ("value-is-text", csv_bytes([row(value="abc")]), [(2, "value", "not-a-number")]),
    ("value-with-magnitude", csv_bytes([row(value="23.5万")]), [(2, "value", "not-a-number")]),
    (
        "value-with-percent",
        csv_bytes([row(indicator_id="gdp_growth", value="7%", unit="%")]),
        [(2, "value", "not-a-number")],
    ),
    ("value-nan", csv_bytes([row(value="NaN")]), [(2, "value", "not-a-number")]),
    ("value-infinite", csv_bytes([row(value="inf")]), [(2, "value", "not-a-number")]),
    ("value-two-decimal-points", csv_bytes([row(value="1.2.3")]), [(2, "value", "not-a-number")]),
    # a row without a value is a row of a prefilled template not filled in: skipped (here: no row is left)
    ("value-empty", csv_bytes([row(value="")]), [(None, None, "no-rows")]),
    ("excel-error-value", xlsx_bytes([row(value="#DIV/0!")]), [(2, "value", "not-a-number")]),
    ("period-in-chinese", csv_bytes([row(period="二〇二二")]), [(2, "period", "not-a-year")]),
    (
        "period-a-date",
        xlsx_bytes([row(period=__import__("datetime").datetime(2022, 12, 31))]),
        [(2, "period", "not-a-year")],
    ),
    ("period-empty", csv_bytes([row(period="")]), [(2, "period", "missing-cell")]),
    ("period-after-plan", csv_bytes([row(period=2023)]), [(2, "period", "period-outside-plan")]),
    (
        "period-before-baseline",
        csv_bytes([row(plan="chengdu_2025", period=2019)]),
        [(2, "period", "period-outside-plan")],
    ),
    # units
    ("unit-unknown", csv_bytes([row(unit="万坨")]), [(2, "unit", "unknown-unit")]),
    (
        "unit-money-for-km",
        csv_bytes([row(indicator_id="greenway_length", plan="chengdu_2025", unit="亿元")]),
        [(2, "unit", "wrong-unit")],
    ),
    ("unit-percent-for-count", csv_bytes([row(unit="%")]), [(2, "unit", "wrong-unit")]),
    (
        "unit-points-for-percent",
        csv_bytes([row(indicator_id="urbanization_rate", value=0.7, unit="个百分点")]),
        [(2, "unit", "percentage-point-for-percent")],
    ),
    ("unit-missing-for-count", csv_bytes([row(unit="")]), [(2, "unit", "missing-cell")]),
    (
        "unit-percent-for-ratio",
        csv_bytes([row(indicator_id="urban_rural_income_ratio", value=1.8, unit="%")]),
        [(2, "unit", "wrong-unit")],
    ),
    ("usd-for-cny", csv_bytes([row(indicator_id="gdp", value=3000, unit="亿美元")]), [(2, "unit", "wrong-unit")]),
    # formulas
    ("formula-value", csv_bytes([row(value="=1+1")]), [(2, "value", "formula-cell")]),
    ("formula-value-plus", csv_bytes([row(value="+1+1")]), [(2, "value", "formula-cell")]),
    ("formula-value-at", csv_bytes([row(value="@SUM(1)")]), [(2, "value", "formula-cell")]),
    ("formula-minus-expression", csv_bytes([row(value="-2+3")]), [(2, "value", "formula-cell")]),
    ("formula-plan", csv_bytes([row(plan="=chengdu_2022")]), [(2, "plan", "formula-cell")]),
    ("formula-unit", csv_bytes([row(unit="@万人")]), [(2, "unit", "formula-cell")]),
    (
        "formula-note",
        csv_bytes([full(note='=HYPERLINK("http://x.example")')], header=FULL),
        [(2, "note", "formula-cell")],
    ),
    (
        "formula-source-dash",
        csv_bytes([full(source="-cmd|' /C calc'!A0")], header=FULL),
        [(2, "source", "formula-cell")],
    ),
    ("formula-note-tab", csv_bytes([full(note="\tcalc")], header=FULL), [(2, "note", "formula-cell")]),
    ("xlsx-formula-cell", xlsx_bytes([row(value="=B2*10000")]), [(2, "value", "formula-cell")]),
    # duplicates and long cells
    ("duplicate-key-other-value", csv_bytes([GOOD, row(value=24)]), [(3, None, "duplicate-row")]),
    ("duplicate-key-after-conversion", csv_bytes([GOOD, row(value=230000, unit="人")]), [(3, None, "duplicate-row")]),
    ("note-too-long", csv_bytes([full(note="长" * 2001)], header=FULL), [(2, "note", "cell-too-long")]),
    # several problems in one file, reported in row order
    (
        "three-bad-rows",
        csv_bytes(
            [
                GOOD,
                row(plan="x_2022", period=2021),
                row(indicator_id="gdp", period=2021, unit="公里"),
                row(period=2021, value="n/a"),
            ]
        ),
        [(3, "plan", "unknown-plan"), (4, "unit", "wrong-unit"), (5, "value", "not-a-number")],
    ),
]

#: rows in every accepted shape: headers, numbers, indicators by name, units
WELL_FORMED = [
    (
        "bilingual-headers",
        csv_bytes([GOOD], header=("规划 plan", "指标编号 indicator_id", "年份 period", "数值 value", "单位 unit")),
    ),
    (
        "headers-in-other-case-and-width",
        csv_bytes([GOOD], header=("Plan", "INDICATOR_ID", "Ｐｅｒｉｏｄ", " value ", "unit")),
    ),
    ("extra-columns-ignored", csv_bytes([(*GOOD, "x")], header=(*HEADER, "负责人"))),
    ("full-width-digits", csv_bytes([row(value="２３．５", period="２０２２")])),
    (
        "thousands-separator",
        b'plan,indicator_id,period,value,unit\nchengdu_2022,new_urban_jobs,2022,"235,000",\xe4\xba\xba\n',
    ),
    ("negative-number", csv_bytes([row(indicator_id="gdp_growth", value="-2.5", unit="%")])),
    ("unicode-minus", csv_bytes([row(indicator_id="gdp_growth", value="−2.5", unit="%")])),
    ("name-only-indicator", csv_bytes([full(indicator_id="", indicator="城镇新增就业")], header=FULL)),
    ("ratio-without-unit", csv_bytes([row(indicator_id="urban_rural_income_ratio", value=1.78, unit="")])),
    ("ratio-in-bei", csv_bytes([row(indicator_id="urban_rural_income_ratio", value=1.78, unit="倍")])),
    (
        "area-in-square-metres",
        csv_bytes(
            [row(plan="chongqing_2027", indicator_id="green_space_new", period=2023, value=1500, unit="万平方米")]
        ),
    ),
]


@pytest.fixture(scope="module")
def store():
    with planned_store() as s:
        yield s


def test_there_are_at_least_thirty_malformed_files():
    cases = UNUSABLE + MALFORMED
    assert len(cases) >= 30
    assert len({name for name, _, _ in cases}) == len(cases)


@pytest.mark.parametrize(("content", "expected"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_malformed_file_reports_its_error_and_writes_nothing(store, content, expected):
    assert_refused(store, content, expected)


@pytest.mark.parametrize("content", [w[1] for w in WELL_FORMED], ids=[w[0] for w in WELL_FORMED])
def test_well_formed_file_passes(store, content):
    report = actuals.validate(store, content, "good.csv")
    assert report.errors == [], report.as_text()
    assert report.stats["accepted"] == 1


def test_too_many_rows_is_a_file_error(store, monkeypatch):
    monkeypatch.setattr(checks, "MAX_ROWS", 5)
    rows = [
        row(plan="chengdu_2025", period=2020 + i % 6, indicator_id=ind) for i, ind in enumerate(["new_urban_jobs"] * 6)
    ]
    report = actuals.validate(store, csv_bytes(rows), "many.csv")
    assert report.locations() == [(None, None, "too-many-rows")]


def test_values_are_converted_to_the_indicator_unit(store):
    content = csv_bytes(
        [
            GOOD,
            row(indicator_id="gdp", value=2.08, unit="万亿元"),
            row(plan="chongqing_2027", indicator_id="green_space_new", period=2023, value=1500, unit="万平方米"),
            row(plan="chongqing_2027", indicator_id="cultivated_land", period=2023, value=2665, unit="万亩"),
        ]
    )
    preview = actuals.validate(store, content, "units.csv").rows.set_index("indicator_id")
    assert preview.loc["new_urban_jobs", "norm_value"] == pytest.approx(235000)
    assert preview.loc["gdp", "norm_value"] == pytest.approx(2.08e12)
    assert preview.loc["green_space_new", ["norm_value", "norm_unit"]].tolist() == [pytest.approx(1500), "hectare"]
    assert preview.loc["cultivated_land", "norm_value"] == pytest.approx(2665e4 / 15)
    assert preview.loc["gdp", "value"] == 2.08 and preview.loc["gdp", "unit"] == "万亿元"


def test_exact_repeat_is_imported_once_with_a_warning(store):
    content = csv_bytes([GOOD, row(value=235000, unit="人")])
    report = actuals.validate(store, content, "repeat.csv")
    assert report.valid
    assert report.locations(warnings=True) == [(3, None, "repeated-row")]
    assert len(report.accepted()) == 1


def test_rows_without_year_and_value_are_skipped_with_one_warning(store):
    content = csv_bytes([GOOD, row(period="", value=""), row(period="", value="", unit="")])
    report = actuals.validate(store, content, "partial.csv")
    assert report.valid and report.stats["skipped"] == 2
    assert report.locations(warnings=True) == [(None, None, "skipped-row")]
    assert "3, 4" in report.warnings[0].message


def test_unknown_columns_are_named_in_a_warning(store):
    report = actuals.validate(store, csv_bytes([(*GOOD, "x")], header=(*HEADER, "负责人")), "extra.csv")
    assert report.locations(warnings=True) == [(1, None, "ignored-column")]


def test_row_numbers_count_blank_lines_like_the_spreadsheet(store):
    content = csv_bytes([GOOD, ("", "", "", "", ""), row(indicator_id="nope")])
    assert actuals.validate(store, content, "gap.csv").locations() == [(4, "indicator_id", "unknown-indicator")]
    content = xlsx_bytes([GOOD, row(indicator_id="nope")], blank_rows_first=2)
    assert actuals.validate(store, content, "gap.xlsx").locations() == [(5, "indicator_id", "unknown-indicator")]


def test_percent_for_a_percentage_point_indicator(store, tmp_path):
    toml = (ROOT / "data" / "indicators.toml").read_text(encoding="utf-8")
    toml += """
[[indicator]]
id = "urbanization_rate_change"
name_zh = "常住人口城镇化率提高"
name_en = "Urbanisation rate rise"
category = "economy"
direction = "higher_better"
norm_unit = "percentage_point"
metric = "increment"
synonyms = ["城镇化率提高"]
"""
    path = tmp_path / "indicators.toml"
    path.write_text(toml, encoding="utf-8")
    catalog = load_catalog(path)
    content = csv_bytes(
        [
            row(indicator_id="urbanization_rate_change", value=1.0, unit="%"),
            row(indicator_id="urbanization_rate_change", period=2021, value=1.0, unit="个百分点"),
        ]
    )
    report = actuals.validate(store, content, "pp.csv", catalog)
    assert report.locations() == [(2, "unit", "percent-for-percentage-point")]


def test_a_plan_accepts_the_baseline_year_before_it_and_no_earlier():
    assert checks.plan_years({"start_year": 2021, "end_year": 2025}) == (2020, 2025)
    assert checks.plan_years({"start_year": None, "end_year": 2027}) == (None, 2027)


def test_the_readme_shows_the_current_report_of_the_bad_example(store):
    report = actuals.validate_file(store, ROOT / "data" / "samples" / "actuals_bad_example.csv")
    assert report.locations() == [
        (3, "indicator", "ambiguous-indicator"),
        (4, None, "duplicate-row"),
        (5, "unit", "wrong-unit"),
        (6, "period", "period-outside-plan"),
        (6, "value", "formula-cell"),
        (7, "source", "formula-cell"),
        (7, "value", "not-a-number"),
        (7, "unit", "missing-cell"),
    ]
    assert report.as_text() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_plan_without_an_english_name_does_not_stop_validation():
    """A plan added without an English name has NULL there (NaN in the plans frame): names are read as text."""
    store = planned_store()
    with store.transaction() as cur:
        cur.execute("UPDATE plans SET name_en = NULL WHERE plan_id = 'chengdu_2022'")
    report = actuals.validate(store, csv_bytes([GOOD]), "good.csv")
    assert report.errors == [], report.as_text()
    assert report.stats["accepted"] == 1
