"""The streamed export (targets.export.write_export): a chunk of indicators at a time, the same file as the
whole comparison written at once (the report and the data table), numbers never with an exponent, text never
a formula."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from targets import actuals, export
from targets.audit import Actor
from targets.store import Store
from tests.actuals_support import copy_db
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "actuals_sample.csv"


@pytest.fixture(scope="module")
def uploaded(seeded_db, tmp_path_factory):
    """A copy of the seeded database with the sample uploaded."""
    with Store(copy_db(seeded_db, tmp_path_factory.mktemp("stream"))) as store:
        actuals.import_actuals(store, SAMPLE, by=Actor("bench", "cli:bench"))
        yield store


def test_chunks_of_indicators_together_are_the_whole_table(uploaded):
    whole = export.comparison_table(uploaded)
    chunks = [export.comparison_table(uploaded, rows=c) for c in export.comparison_chunks(uploaded, chunk_targets=30)]
    assert len(chunks) > 5
    assert sum(len(c) for c in chunks) == len(whole)
    joined = [r for c in chunks for r in c.astype(object).where(c.notna(), None).values.tolist()]
    assert joined == whole.astype(object).where(whole.notna(), None).values.tolist()


@pytest.mark.parametrize("chunk_targets", [25, 100_000])
def test_the_streamed_csv_is_the_csv_of_the_whole_table(uploaded, tmp_path, chunk_targets):
    report, data = tmp_path / "report.csv", tmp_path / "data.csv"
    rows = export.write_export(uploaded, report, "csv", chunk_targets=chunk_targets)
    export.write_export(uploaded, data, "csv", table="data", chunk_targets=chunk_targets)
    whole = export.comparison_rows(uploaded)
    assert rows == len(whole)
    assert report.read_bytes() == export.render(uploaded, whole, "csv")
    assert data.read_bytes() == export.to_csv(export.comparison_table(uploaded, rows=whole))


def test_csv_cells_read_back_as_the_table_says(uploaded):
    import csv

    table = export.comparison_table(uploaded)
    read = list(csv.DictReader(io.StringIO(export.to_csv(table).decode("utf-8-sig"))))
    for row, (_, expected) in zip(read, table.iterrows(), strict=True):
        for key in ("indicator_id", "plan", "status_code", "reason", "quote", "target_text", "actual_others"):
            want = expected[key] if isinstance(expected[key], str) else ""
            assert row[export.export_header(key)] == export.neutralise(want)
        for key in ("target", "value", "gap", "attainment"):
            cell = row[export.export_header(key)]
            assert (cell == "") == bool(expected[key] != expected[key])  # NaN: an empty field
            if cell:
                assert "e" not in cell.lower() and float(cell) == pytest.approx(expected[key], rel=1e-14)


def test_the_streamed_workbook_has_every_row_and_sheet(uploaded, tmp_path):
    path = tmp_path / "export.xlsx"
    rows = export.write_export(uploaded, path, "xlsx", chunk_targets=40)
    whole = export.comparison_table(uploaded)
    book = load_workbook(path)
    assert book.sheetnames == ["报告", "数据", "说明", "实际值"] and rows == len(whole)
    sheet = book["数据"]
    assert sheet.max_row == len(whole) + 1 and sheet.freeze_panes == "C2"
    header = [c.value for c in sheet[1]]
    assert header == [export.export_header(k) for k, _, _ in export.EXPORT_COLUMNS]
    status = header.index("状态代码 status_code")
    assert [r[status] for r in sheet.iter_rows(min_row=2, values_only=True)] == list(whole["status_code"])
    report = book["报告"]
    assert report.max_row == len(whole) + 1 and report.auto_filter.ref == f"A1:J{len(whole) + 1}"
    expected = export.report_table(export.comparison_rows(uploaded))
    assert [r[0] for r in report.iter_rows(min_row=2, values_only=True)] == list(expected["指标"])
    about = {r[0]: r[1:] for r in book["说明"].iter_rows(values_only=True) if r and r[0]}
    assert about["行数 rows"][0] == len(whole)
    assert len(list(book["实际值"].iter_rows())) == len(uploaded.current_actuals()) + 1


def test_formula_text_stays_text_and_big_numbers_have_no_exponent(uploaded):
    rows = export.comparison_rows(uploaded).head(2).copy()
    rows.loc[0, "quote"] = "=1+1"
    rows.loc[1, "target"] = 1.62e12
    book = load_workbook(io.BytesIO(export.to_xlsx(uploaded, rows, export.ExportFilters())))
    sheet = book["数据"]
    header = [c.value for c in sheet[1]]
    quote = sheet.cell(row=2, column=header.index("原文 quote") + 1)
    big = sheet.cell(row=3, column=header.index("目标值 target") + 1)
    assert (quote.data_type, quote.value) == ("s", "=1+1")  # text, never a formula, no apostrophe shown
    assert big.value == 1.62e12 and "E" not in big.number_format.upper()


def test_an_unknown_format_writes_nothing(uploaded, tmp_path):
    with pytest.raises(ValueError):
        export.write_export(uploaded, tmp_path / "x.pdf", "pdf")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_that_fails_midway_leaves_the_file_as_it_was(uploaded, tmp_path, monkeypatch, fmt):
    out = tmp_path / f"comparison.{fmt}"
    out.write_bytes(b"the export of yesterday")
    real, calls = export.report_cells, []

    def second_chunk_fails(rows, lang="zh"):
        calls.append(1)
        if len(calls) > 1:
            raise OSError("disk full")
        return real(rows, lang)

    monkeypatch.setattr(export, "report_cells", second_chunk_fails)
    with pytest.raises(OSError, match="disk full"):
        export.write_export(uploaded, out, fmt, chunk_targets=50)
    assert out.read_bytes() == b"the export of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_duckdb_writes_the_csv_pandas_would(uploaded):
    """The bytes of the CSV the export wrote with pandas before it streamed (quoting, empty fields, digits)."""
    from targets.formatting import plain_number

    table = export.comparison_table(uploaded)
    shown = table.copy()
    for column in shown.columns:
        if shown[column].dtype == object or str(shown[column].dtype).startswith(("str", "string")):
            shown[column] = shown[column].map(export.neutralise)
        elif shown[column].dtype.kind == "f":
            shown[column] = shown[column].map(plain_number)
    shown.columns = [export.export_header(c) for c in table.columns]
    assert export.to_csv(table) == shown.to_csv(index=False).encode("utf-8-sig")


def test_a_csv_bigger_than_the_spool_s_memory_is_written_whole(tmp_path, monkeypatch):
    """A nation's report (quotes and reasons: gigabytes) spools through a database file, not memory."""
    import pandas as pd

    from targets import store as store_module

    monkeypatch.setattr(store_module, "SPOOL_MEMORY", "16MB")
    chunks = (
        pd.DataFrame({"目标": [f"第{i}行" + "甲" * 60 for i in range(j, j + 20_000)], "备注": ["x"] * 20_000})
        for j in range(0, 400_000, 20_000)
    )
    out = tmp_path / "big.csv"
    assert store_module.write_text_csv(out, ["目标", "备注"], chunks) == 400_000
    with out.open(encoding="utf-8") as lines:
        assert next(lines).strip() == "目标,备注" and sum(1 for _ in lines) == 400_000


# --- the workbook writer's column fast path --------------------------------------------------------------

_TEXTS = st.one_of(st.sampled_from(["", "=1+1", " @SUM(A1)", "+86 28", "成都市", "6万套(间)"]), st.text(max_size=8))
_CELLS = {
    "float64": st.one_of(
        st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 1.62e12, 0.5, 1e-9])
    ),
    "Int64": st.one_of(st.none(), st.integers(-(2**40), 2**40)),
    "str": st.one_of(st.none(), _TEXTS),
    "object": st.one_of(st.none(), _TEXTS, st.floats(allow_nan=True), st.integers(-1000, 1000), st.booleans()),
}


@st.composite
def _frames(draw):
    kinds = draw(st.lists(st.sampled_from(sorted(_CELLS)), min_size=1, max_size=5))
    n = draw(st.integers(0, 6))
    columns = {f"c{i}": draw(st.lists(_CELLS[kind], min_size=n, max_size=n)) for i, kind in enumerate(kinds)}
    return pd.DataFrame({name: pd.Series(columns[name], dtype=kind) for name, kind in zip(columns, kinds, strict=True)})


def _sheet_cells(write, frame: pd.DataFrame, wrap: bool, number_formats: dict[int, str]) -> list[tuple]:
    out = io.BytesIO()
    book = export._workbook(out)
    sheet = export.Sheet("s", list(frame.columns), [], wrap=wrap, number_formats=number_formats)
    writer = export._SheetWriter(book, sheet)
    write(writer, frame)
    writer.finish()
    book.close()
    cells = load_workbook(io.BytesIO(out.getvalue()))["s"].iter_rows()
    return [(c.coordinate, c.value, c.data_type, c.number_format, c.alignment.wrap_text) for row in cells for c in row]


@settings(max_examples=60, deadline=None)
@given(frame=_frames(), wrap=st.booleans(), fixed=st.booleans())
def test_a_frame_written_by_columns_is_the_frame_written_cell_by_cell(frame, wrap, fixed):
    """`write_frame` (typed once per column) writes the same cells, types and formats as `write` row by row."""
    formats = {1: "0.0%"} if fixed else {}

    def by_rows(writer, frame):
        for values in zip(*[frame[c].tolist() for c in frame.columns], strict=True):
            writer.write(values)

    assert _sheet_cells(export._SheetWriter.write_frame, frame, wrap, formats) == _sheet_cells(
        by_rows, frame, wrap, formats
    )
