"""The two workbook readers give the same validation report: python-calamine (plain sheets, the fast
path of `targets.actuals.files.xlsx_rows`) and openpyxl (every sheet before; now the sheets holding a
formula, an error value, a date, or anything the fast path does not vouch for).

Each workbook is validated twice, once as uploads are read now and once with the fast path switched
off, and the reports must be equal: every problem (row, column, value, rule, message), the rows read
with their converted values, the counts.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES

from targets import actuals
from targets.actuals import files
from targets.actuals.report import Report
from targets.store import Store
from tests import test_actuals_checks, test_actuals_faults, test_actuals_files
from tests.actuals_support import FULL, GOOD, HEADER, full, planned_store, row, xlsx_bytes


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with planned_store() as s:
        yield s


def both_reports(store: Store, content: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Report, Report]:
    """(the report as uploads are validated now, the report with openpyxl reading every sheet)."""
    now = actuals.validate(store, content, "book.xlsx")
    with monkeypatch.context() as m:
        m.setattr(files, "xlsx_plain", lambda data, notes=None: None)
        before = actuals.validate(store, content, "book.xlsx")
    return now, before


def assert_same_report(now: Report, before: Report) -> None:
    assert [p.as_dict() for p in now.problems] == [p.as_dict() for p in before.problems]
    assert now.problems == before.problems
    assert now.stats == before.stats
    pd.testing.assert_frame_equal(now.rows, before.rows)


def workbook(sheets: list[tuple[str, str, list[list[Any]]]]) -> bytes:
    """An .xlsx with (title, state, rows) sheets in that order."""
    book = Workbook()
    book.remove(book.active)
    for title, state, rows in sheets:
        ws = book.create_sheet(title)
        ws.sheet_state = state
        for cells in rows:
            ws.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fixtures() -> list[tuple[str, bytes]]:
    """Every workbook the actuals tests upload, and a few more shapes of the same files."""
    cases: list[tuple[Any, ...]] = [
        *test_actuals_checks.MALFORMED,
        *test_actuals_checks.WELL_FORMED,
        *test_actuals_files.UNUSABLE,
        *test_actuals_files.READABLE,
    ]
    found = [(case[0], case[1]) for case in cases if isinstance(case[1], bytes) and case[1].startswith(b"PK")]
    far = test_actuals_faults.far_right_workbook
    found += [
        ("far-right-declared", far(20)),
        ("far-right-lying", far(300, "A1:E2")),
        ("far-right-undeclared", far(300, None)),
        ("extra-cell", xlsx_bytes([(*GOOD, None, "旁注 30,145")])),
        ("gap", xlsx_bytes([GOOD, row(indicator_id="nope")], blank_rows_first=2)),
        ("every-column", xlsx_bytes([full(), full(value="23.5万"), full(period="2022年")], header=FULL)),
        ("formula-behind-spaces", xlsx_bytes([full(note=' =HYPERLINK("http://evil.example","x")')], header=FULL)),
        (
            "cover-then-actuals",
            workbook([("封面", "visible", [["x"]]), ("实际值", "visible", [list(HEADER), list(GOOD)])]),
        ),
        (
            "very-hidden-actuals",
            workbook([("上报", "visible", [list(HEADER), list(GOOD)]), ("实际值", "veryHidden", [])]),
        ),
        ("two-visible", workbook([("甲", "visible", [list(HEADER), list(GOOD)]), ("乙", "visible", [["x"]])])),
        ("a-date-period", xlsx_bytes([row(period=datetime(2022, 12, 31))])),
        ("repeated-and-duplicate", xlsx_bytes([GOOD, GOOD, row(value=24), row(value=23.5)])),
    ]
    return found


FIXTURES = _fixtures()


@pytest.mark.parametrize("content", [c for _, c in FIXTURES], ids=[n for n, _ in FIXTURES])
def test_both_readers_give_the_same_report_on_every_workbook_of_the_tests(store, content, monkeypatch):
    assert_same_report(*both_reports(store, content, monkeypatch))


def test_plain_workbooks_are_read_by_calamine_and_formulas_by_openpyxl():
    read_fast = {name for name, content in FIXTURES if files.xlsx_plain(content) is not None}
    assert {"xlsx", "xlsx-named-sheet", "extra-cell", "gap", "every-column", "cover-then-actuals"} <= read_fast
    assert {"xlsx-formula-cell", "far-right-declared", "far-right-lying", "a-date-period"}.isdisjoint(read_fast)
    assert files.xlsx_plain(xlsx_bytes([row(value="=B2*10000")])) is None
    assert files.xlsx_plain(xlsx_bytes([row(value="'=B2")])) is not None  # text, not a formula


def test_the_fast_path_gives_openpyxls_cells():
    content = xlsx_bytes([GOOD, (None, "x", 2022.0, -0.0, "")], blank_rows_first=1)
    expected: list[tuple[int, list[Any]]] = [
        (1, [None] * 5),
        (2, list(HEADER)),
        (3, list(GOOD)),
        (4, [None, "x", 2022, 0, None]),
    ]
    typed = [(n, [(type(c), c) for c in cells]) for n, cells in files.xlsx_plain(content) or []]
    assert typed == [(n, [(type(c), c) for c in cells]) for n, cells in expected]  # 2022 an int, as openpyxl's


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), include_characters="\t\n"), max_size=8)
_CELLS: dict[str, st.SearchStrategy[Any]] = {
    "plan": st.sampled_from(["chengdu_2022", "chengdu_2025", "wenjiang_2023", "nope", "", None]) | _TEXT,
    "indicator_id": st.sampled_from(["new_urban_jobs", "gdp_growth", "gdp", "nope", "", None]),
    "period": st.one_of(
        st.integers(1990, 2030), st.floats(2019, 2026), st.sampled_from(["2022年", "2022", "二〇二二", "", None])
    ),
    "value": st.one_of(
        st.integers(-(10**6), 10**18),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(["23.5", "1,234.5", "23.5万", "7%", "#DIV/0!", "=1+1", " -2+3", "", None]),
        _TEXT,
    ),
    "unit": st.sampled_from(["万人", "人", "%", "亿元", "元", "个百分点", "公里", "万人次", " 万人 ", "", None])
    | _TEXT,
}
_ROW = st.fixed_dictionaries(_CELLS).map(lambda cells: [cells[c] for c in HEADER])
_EXTRA = st.lists(st.none() | _TEXT | st.integers(0, 100), max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.one_of(_ROW, _ROW.flatmap(lambda r: _EXTRA.map(lambda e: r + e)), st.just([])), max_size=12),
    title=st.sampled_from(["Sheet", "实际值", "actuals"]),
    blank_rows_first=st.integers(0, 2),
    hidden_first=st.booleans(),
)
def test_both_readers_give_the_same_report_on_generated_workbooks(
    store, monkeypatch, rows, title, blank_rows_first, hidden_first
):
    sheets: list[tuple[str, str, list[list[Any]]]] = (
        [("旧表", "hidden", [list(HEADER), list(GOOD)])] if hidden_first else []
    )
    sheets.append((title, "visible", [[] for _ in range(blank_rows_first)] + [list(HEADER), *rows]))
    content = workbook(sheets)
    assert_same_report(*both_reports(store, content, monkeypatch))
    assert (files.xlsx_plain(content) is None) == any(map(_for_openpyxl, (c for r in rows for c in r)))


def _for_openpyxl(cell: Any) -> bool:
    """A cell the fast path leaves to openpyxl: a formula or error value as openpyxl writes them, or a
    number beyond a float's exact integers."""
    if isinstance(cell, str):
        return cell.startswith("=") or cell in ERROR_CODES
    return (
        isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer() and abs(cell) >= 2**53
    )


def test_the_filled_in_template_is_read_by_calamine_with_the_same_report(store, monkeypatch):
    """The template's drop-down lists are <formula1> validations, not cell formulas: the fast path reads it."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(actuals.template_xlsx(store.regions())))
    book["实际值"].append(["", "510100", "new_urban_jobs", "", 2023, 24, "万人", "统计公报", ""])  # 示例 column empty
    out = io.BytesIO()
    book.save(out)
    assert files.xlsx_plain(out.getvalue()) is not None
    now, before = both_reports(store, out.getvalue(), monkeypatch)
    assert_same_report(now, before)
    assert now.stats["accepted"] >= 1


@pytest.mark.parametrize("note", ["a = b", "x='y'"])
def test_xml_in_another_layout_is_scanned_by_the_patterns(note):
    """Text that looks like other attribute spacing sends the scan to the patterns, which find formulas too."""
    assert files.xlsx_plain(xlsx_bytes([full(note=note)], header=FULL)) is not None
    assert files.xlsx_plain(xlsx_bytes([full(note=note, source="=1+1")], header=FULL)) is None
