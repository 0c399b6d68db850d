"""No number is ever written with an exponent: over the seed database with the sample actuals, not in a
progress reason, a table cell, a chart label, an axis title or an export cell (issue 17: a reason said
"2024年实际1.62e+04亿元" beside a chart saying 1.65万亿元)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from targets import actuals, export
from targets.compare import comparison
from targets.observations import chart_points, observed
from targets.store import Store
from tests.actuals_support import copy_db
from tests.conftest import ROOT
from ui import charts, tables

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"
EXPONENT = re.compile(r"\d[eE][+-]\d")  # as Python writes them: 1.62e+04, 1e-05


@pytest.fixture(scope="module")
def store(seeded_db, tmp_path_factory):
    """The seeded database with the sample actuals, as `make run` starts."""
    with Store(copy_db(seeded_db, tmp_path_factory.mktemp("exponents"))) as s:
        actuals.import_actuals(s, SAMPLE)
        yield s


@pytest.fixture(scope="module")
def rows(store):
    frame = comparison(store)
    assert frame["actual"].notna().sum() > 20  # the sample is judged
    assert (frame["actual"].abs() >= 1e12).any()  # a value in 万亿, where the old reasons broke
    return frame


def texts(value: object) -> list[str]:
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in texts(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in texts(v)]
    return []


def assert_plain(strings: list[str]) -> None:
    bad = [s for s in strings if EXPONENT.search(s)]
    assert not bad, bad[:5]


def test_no_reason_has_an_exponent(rows):
    assert_plain(list(rows["reason_zh"]) + list(rows["reason_en"]))


def test_no_table_cell_has_an_exponent(rows, store):
    names = dict(zip(rows["plan_id"], rows["plan_name_zh"], strict=True))
    indicators = dict(zip(rows["indicator_id"], rows["indicator_name_zh"], strict=True))
    shown = [tables.comparison(rows, names, indicators), tables.progress(rows, indicators)]
    shown.append(tables.targets(store.quantities(), names, {}, indicators))
    assert_plain([str(v) for frame in shown for v in frame.to_numpy().ravel()])


def test_no_chart_label_or_axis_title_has_an_exponent(rows, store):
    names = dict(zip(rows["plan_id"], rows["plan_name_zh"], strict=True))
    indicators = dict(zip(rows["indicator_id"], rows["indicator_name_zh"], strict=True))
    strings = []
    values = rows[["target", "target_low", "target_high", "annual_equivalent", "baseline", "actual"]].abs()
    big = rows[(values >= 1e4).any(axis=1)]  # where magnitudes apply and %g would have gone to e+
    assert big["indicator_id"].nunique() > 20
    for indicator in big["indicator_id"].unique():
        group = rows[rows["indicator_id"] == indicator]
        figure = charts.comparison_figure(group, list(names), names, indicators)
        strings += texts(figure.to_plotly_json())
    for row in rows[rows["actual"].notna() | rows["baseline"].notna()].to_dict("records"):
        points = chart_points(
            observed(store, [row["region_id"]], [row["indicator_id"]], {row["indicator_id"]: row["unit"]})
        )
        figure = charts.progress_figure(row, points, indicators[row["indicator_id"]])
        strings += texts(figure.to_plotly_json())
    assert len(strings) > 1000
    assert_plain(strings)


def test_no_export_cell_has_an_exponent(store):
    rows = export.comparison_rows(store)
    for table in ("report", "data"):
        assert_plain([export.render(store, rows, "csv", table=table).decode("utf-8-sig")])
    book = load_workbook(io.BytesIO(export.to_xlsx(store, rows, export.ExportFilters())))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not EXPONENT.search(cell.value), (sheet.title, cell.coordinate, cell.value)
                elif isinstance(cell.value, int | float) and abs(cell.value) >= 1e11:
                    # Excel's General format would show 1.62E+12
                    assert "E" not in cell.number_format and cell.number_format != "General", (
                        sheet.title,
                        cell.coordinate,
                        cell.number_format,
                    )
