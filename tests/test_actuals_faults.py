"""The upload faults the red team found (issue 14 §2), each with the hostile file made here: rows that do not
fit the header, quotes left open, sheets far larger than their data, implausible values, mixed encodings,
formulas behind spaces, NUL bytes, very hidden sheets and 200,000 repeated rows."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from targets import actuals, export
from targets.actuals import checks as checks_module
from targets.actuals import files
from targets.audit import Actor
from tests.actuals_support import FULL, GOOD, HEADER, assert_refused, counts, csv_bytes, full, planned_store, xlsx_bytes

CLI = Actor("root", "cli:root")


@pytest.fixture
def store():
    store = planned_store()
    yield store
    store.close()


def header_line(columns=HEADER) -> str:
    return ",".join(columns)


# --- rows that do not fit the header ------------------------------------------------------------------


def test_an_unquoted_thousands_separator_is_an_extra_cell_not_22(store):
    content = (header_line() + "\nchongqing_2027,gdp,2023,30,145.79,亿元\n").encode()
    report = actuals.validate(store, content, "gdp.csv")
    assert (2, None, "extra-cell") in report.locations()
    extra = next(p for p in report.errors if p.rule == "extra-cell")
    assert "第 6 列" in extra.message and "22,074.7" in extra.message
    assert_refused(store, content, report.locations())


def test_a_cell_right_of_the_header_in_a_workbook_is_an_extra_cell(store):
    content = xlsx_bytes([(*GOOD, None, "旁注 30,145")])
    assert actuals.validate(store, content, "a.xlsx").locations() == [(2, None, "extra-cell")]


def test_a_quote_never_closed_is_malformed_at_the_row_it_opened(store):
    lines = [
        header_line(),
        ",".join(map(str, GOOD)),
        'chengdu_2022,gdp_growth,2022,"2.8,%',
        *[",".join(map(str, GOOD))] * 3,
    ]
    report = actuals.validate(store, ("\n".join(lines) + "\n").encode(), "q.csv")
    assert report.locations() == [(3, None, "malformed-csv")]
    assert "没有闭合" in report.errors[0].message


def test_a_quote_closed_rows_later_swallowing_them_is_malformed_at_the_row_it_opened(store):
    columns = (*HEADER, "source")
    lines = [
        header_line(columns),
        'chengdu_2022,new_urban_jobs,2022,23.5,万人,"统计公报',
        "chengdu_2022,gdp_growth,2022,2.8,%,公报",
        'chengdu_2022,gdp,2022,2.08,万亿元,公报"',
    ]
    report = actuals.validate(store, ("\n".join(lines) + "\n").encode(), "q.csv")
    assert report.locations() == [(2, None, "malformed-csv")]
    assert "2 rows after it were swallowed" in report.errors[0].message


def test_a_quoted_note_over_two_lines_is_fine(store):
    columns = (*HEADER, "note")
    content = (
        header_line(columns) + '\nchengdu_2022,new_urban_jobs,2022,23.5,万人,"原文:新增就业\n23.5万人"\n'
    ).encode()
    report = actuals.validate(store, content, "ok.csv")
    assert report.valid, report.as_text()
    assert report.rows["note"].iloc[0] == "原文:新增就业\n23.5万人"


def test_text_after_a_closing_quote_is_malformed(store):
    content = (header_line() + '\nchengdu_2022,new_urban_jobs,2022,"23.5"x,万人\n').encode()
    assert actuals.validate(store, content, "q.csv").locations() == [(2, None, "malformed-csv")]


# --- limits checked before the work -------------------------------------------------------------------


def far_right_workbook(n_rows: int, declared: str | None = "keep") -> bytes:
    """GOOD, then `n_rows` rows blank but for one cell in column XFD; `declared` rewrites (or, None,
    removes) the sheet's <dimension>."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "实际值"
    ws.append(list(HEADER))
    ws.append(list(GOOD))
    for i in range(n_rows):
        ws.cell(row=3 + i, column=16384, value="x")
    out = io.BytesIO()
    book.save(out)
    if declared == "keep":
        return out.getvalue()
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                replacement = b"" if declared is None else f'<dimension ref="{declared}"/>'.encode()
                data = re.sub(rb"<dimension [^>]*/>", replacement, data)
            target.writestr(item, data)
    return rewritten.getvalue()


def test_a_sheet_declaring_columns_far_to_the_right_is_refused_before_parsing(store):
    report = actuals.validate(store, far_right_workbook(20), "far.xlsx")
    assert report.locations() == [(None, None, "sheet-too-large")]
    assert "16,384" in report.errors[0].message


@pytest.mark.parametrize("declared", ["A1:E2", None])
def test_a_sheet_lying_about_its_size_is_read_no_wider_than_the_limit(store, declared):
    report = actuals.validate(store, far_right_workbook(300, declared), "far.xlsx")
    assert report.valid, report.as_text()
    assert report.stats["rows"] == 1  # the far cells are never read, so their rows are blank


def test_blank_rows_count_against_the_row_limit(store, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_ROWS", 100)
    report = actuals.validate(store, far_right_workbook(150, None), "far.xlsx")
    assert report.locations() == [(None, None, "too-many-rows")]
    lines = header_line() + "\n" + "\n" * 150 + ",".join(map(str, GOOD)) + "\n"
    assert actuals.validate(store, lines.encode(), "blank.csv").locations() == [(None, None, "too-many-rows")]


def test_a_parse_over_its_time_budget_stops_with_a_message(store, monkeypatch):
    monkeypatch.setattr(checks_module, "PARSE_SECONDS", 0.0)
    rows = [("chengdu_2022", "new_urban_jobs", 2022, 23.5, "万人")] * 1500
    report = actuals.validate(store, csv_bytes(rows), "slow.csv")
    assert report.locations() == [(1000, None, "parse-budget")]
    assert "已停止读取" in report.errors[0].message


# --- values ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "value", "unit"),
    [
        ("gdp", "1e308", "亿元"),  # infinity once converted
        ("gdp", "1e20", "元"),  # finite, above the bound for money
        ("unemployment_rate", "1e308", "%"),
        ("urbanization_rate", "150", "%"),
        ("gdp_growth", "1500", "%"),
        ("gdp_growth", "-120", "%"),
    ],
)
def test_implausible_values_are_refused_with_the_range_named(store, indicator, value, unit):
    content = csv_bytes([("chengdu_2022", indicator, 2022, value, unit)])
    report = actuals.validate(store, content, "v.csv")
    assert report.locations() == [(2, "value", "implausible-value")]
    assert re.search(r"0~100%|−100%~1000%|不超过", report.errors[0].message)


def test_plausible_values_pass(store):
    rows = [
        ("chengdu_2022", "gdp_growth", 2022, -5, "%"),
        ("chengdu_2022", "urbanization_rate", 2022, 79.9, "%"),
        ("chengdu_2022", "gdp", 2022, 2.08, "万亿元"),
    ]
    report = actuals.validate(store, csv_bytes(rows), "ok.csv")
    assert report.valid, report.as_text()


def test_a_refused_huge_value_leaves_the_earlier_actual_in_view(store):
    actuals.import_actuals(store, csv_bytes([("chongqing_2027", "gdp", 2023, 30145.79, "亿元")]), by=CLI)
    with pytest.raises(actuals.InvalidUpload):
        actuals.import_actuals(store, csv_bytes([("chongqing_2027", "gdp", 2023, "1e308", "亿元")]), by=CLI)
    current = store.current_actuals()
    assert list(current["value"]) == [30145.79]


# --- text ---------------------------------------------------------------------------------------------


def test_a_file_mixing_utf8_and_gbk_is_refused_at_the_first_line_of_the_other_encoding(store):
    first = (header_line() + "\n" + "chengdu_2022,new_urban_jobs,2022,23.5,万人\n").encode("utf-8")
    second = "chengdu_2022,urban_unemployment_rate,2022,5.5,%\nchengdu_2022,gdp,2022,2.08,万亿元\n"
    content = first + "wenjiang_2023,new_urban_jobs,2022,1.2,万人\n".encode("gbk") + second.encode("gbk")
    report = actuals.validate(store, content, "mixed.csv")
    assert report.locations() == [(3, None, "mixed-encoding")]
    assert "UTF-8" in report.errors[0].message and "GBK" in report.errors[0].message
    only_gbk = first.decode("utf-8").encode("gbk")
    assert actuals.validate(store, only_gbk, "gbk.csv").valid


@pytest.mark.parametrize("cell", [' =HYPERLINK("http://evil.example","x")', "\t@SUM(1+1)", "\u3000+1+1", "  -2+3"])
def test_a_formula_behind_leading_spaces_is_refused(store, cell):
    out = io.StringIO()
    csv.writer(out).writerows([FULL, full(source=cell)])  # quoted as Excel writes it
    report = actuals.validate(store, out.getvalue().encode(), "f.csv")
    assert report.locations() == [(2, "source", "formula-cell")]


def test_the_export_neutralises_a_formula_behind_spaces():
    assert export.neutralise(" =1+1") == "' =1+1"
    assert export.neutralise("\t@SUM(1)") == "'\t@SUM(1)"
    assert export.neutralise("1 = 1") == "1 = 1"


def test_nul_bytes_in_a_note_are_refused_and_never_shown(store):
    padding = [full(plan="chengdu_2025", period=year, note="x" * 1900) for year in range(2020, 2025)]
    hidden = full(plan="chengdu_2025", period=2025, note="备注\x00隐藏")  # past the 8 KB the binary sniff reads
    report = actuals.validate(store, csv_bytes([*padding, hidden], header=FULL), "nul.csv")
    assert report.locations() == [(7, "note", "control-character")]
    assert "\x00" not in report.as_text() and "U+0000" in report.errors[0].message


# --- details ------------------------------------------------------------------------------------------


def test_a_very_hidden_sheet_is_never_read_and_the_sheet_read_is_named(store):
    from openpyxl import Workbook

    book = Workbook()
    visible = book.active
    visible.title = "上报"
    visible.append(list(HEADER))
    visible.append(list(GOOD))
    hidden = book.create_sheet("实际值")
    hidden.append(list(HEADER))
    hidden.append(["chengdu_2022", "new_urban_jobs", 2022, 99, "万人"])
    hidden.sheet_state = "veryHidden"
    out = io.BytesIO()
    book.save(out)
    report = actuals.validate(store, out.getvalue(), "hidden.xlsx")
    assert report.valid and list(report.accepted()["value"]) == [23.5]
    assert report.locations(warnings=True) == [(None, None, "sheet-read")]
    assert "上报" in report.warnings[0].message and "实际值" in report.warnings[0].message


def test_200000_repeated_rows_give_one_warning(store):
    report = actuals.validate(store, csv_bytes([GOOD] * 200_000), "repeat.csv")
    assert report.valid
    assert report.locations(warnings=True) == [(3, None, "repeated-row")]
    assert "199,999 rows repeat row 2" in report.warnings[0].message
    assert report.stats["repeated"] == 199_999 and report.stats["accepted"] == 1


def test_many_groups_of_repeats_are_summed_up_past_twenty(store):
    rows = [("chengdu_2025", "new_urban_jobs", year, 1, "万人") for year in range(2020, 2026)]
    rows += [("chongqing_2027", "new_urban_jobs", year, 1, "万人") for year in range(2022, 2028)]
    rows += [("chongqing_2027", "gdp_growth", year, 1, "%") for year in range(2022, 2028)]
    rows += [("chongqing_2027", "urbanization_rate", year, 70, "%") for year in range(2022, 2028)]  # 24 keys
    report = actuals.validate(store, csv_bytes(rows * 3), "groups.csv")
    warnings = report.locations(warnings=True)
    assert len(warnings) == 21 and warnings[-1] == (None, None, "repeated-rows")
    assert counts(store) == (0, 0)
