"""Reading an upload's bytes (targets.actuals.files): what the file is, its encoding, its rows; files
unusable as a whole give one error and write nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets import actuals
from targets.actuals import files
from targets.actuals.report import FileProblem
from tests.actuals_support import (
    GOOD,
    assert_refused,
    counts,
    csv_bytes,
    planned_store,
    row,
    xlsx_bytes,
    zip_bytes,
)

# (id, file content, expected errors as (row, column, rule))
UNUSABLE = [
    ("empty", b"", [(None, None, "empty-file")]),
    ("only-whitespace-and-bom", b"\xef\xbb\xbf \r\n\r\n", [(None, None, "empty-file")]),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", [(None, None, "wrong-file-type")]),
    ("old-xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, [(None, None, "wrong-file-type")]),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [(None, None, "wrong-file-type")]),
    ("zip-not-xlsx", zip_bytes({"readme.txt": "hi"}), [(None, None, "wrong-file-type")]),
    ("damaged-xlsx", b"PK\x03\x04" + b"\x00" * 64, [(None, None, "wrong-file-type")]),
    (
        "latin1-bytes",
        b"plan,indicator_id,period,value,unit\n\xff\xfe\xff,x,2022,1,t\n",
        [(None, None, "encoding-error")],
    ),
    (
        "field-over-csv-limit",
        b'plan,indicator_id,period,value,unit\nchengdu_2022,new_urban_jobs,2022,1,"' + b"x" * 140_000 + b'"\n',
        [(2, None, "malformed-csv")],
    ),
]

CHINESE = ("规划", "指标", "年份", "数值", "单位", "来源", "备注")
CHINESE_ROW = ("chengdu_2022", "城镇新增就业", "2022年", "23.5", "万人", "成都市统计公报", "原文:城镇新增就业23.5万人")

#: files every planner's tool writes: encodings, separators, line ends, workbooks
READABLE = [
    ("utf8", csv_bytes([GOOD])),
    ("utf8-bom", b"\xef\xbb\xbf" + csv_bytes([GOOD])),
    ("gb18030-chinese-headers", csv_bytes([CHINESE_ROW], header=CHINESE, encoding="gb18030")),
    ("gbk-chinese-headers", csv_bytes([CHINESE_ROW], header=CHINESE, encoding="gbk")),
    ("tab-separated", csv_bytes([GOOD], delimiter="\t")),
    ("utf16-tab-excel-unicode-text", csv_bytes([CHINESE_ROW], header=CHINESE, encoding="utf-16", delimiter="\t")),
    ("crlf-line-ends", csv_bytes([GOOD]).replace(b"\n", b"\r\n")),
    ("xlsx", xlsx_bytes([GOOD])),
    ("xlsx-blank-rows-above", xlsx_bytes([GOOD], blank_rows_first=3)),
    ("xlsx-named-sheet", xlsx_bytes([GOOD], sheet="实际值")),
]


@pytest.fixture(scope="module")
def store():
    with planned_store() as s:
        yield s


@pytest.mark.parametrize(("content", "expected"), [m[1:] for m in UNUSABLE], ids=[m[0] for m in UNUSABLE])
def test_unusable_file_reports_one_error_and_writes_nothing(store, content, expected):
    assert_refused(store, content, expected)


@pytest.mark.parametrize("content", [w[1] for w in READABLE], ids=[w[0] for w in READABLE])
def test_readable_file_passes(store, content):
    report = actuals.validate(store, content, "good.csv")
    assert report.errors == [], report.as_text()
    assert report.stats["accepted"] == 1


def test_file_over_the_size_limit_is_refused_unread(store, tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.write(csv_bytes([GOOD]))
        f.write(b"#" * (actuals.MAX_BYTES + 1))
    report = actuals.validate_file(store, path)
    assert report.locations() == [(None, None, "file-too-large")]
    assert "10.0 MB" in report.errors[0].message
    with pytest.raises(actuals.InvalidUpload):
        actuals.import_actuals(store, path)
    assert counts(store) == (0, 0)


def test_xlsx_that_unzips_too_large_is_refused(store, monkeypatch):
    monkeypatch.setattr(files, "MAX_XLSX_UNZIPPED", 1000)
    report = actuals.validate(store, xlsx_bytes([GOOD] * 50), "bomb.xlsx")
    assert report.locations() == [(None, None, "file-too-large")]


def test_xlsx_upload_reads_the_actuals_sheet_when_there_is_one(store):
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(xlsx_bytes([("x",)], header=("nothing",), sheet="封面")))
    sheet = book.create_sheet("实际值")
    sheet.append(["plan", "indicator_id", "period", "value", "unit"])
    sheet.append(list(GOOD))
    out = BytesIO()
    book.save(out)
    assert actuals.validate(store, out.getvalue(), "book.xlsx").valid


def test_a_file_on_disk_keeps_its_name_in_the_report(store, tmp_path):
    path = tmp_path / "成都2022.csv"
    path.write_bytes(csv_bytes([row(value="x")]))
    report = actuals.validate_file(store, path)
    assert report.file_name == "成都2022.csv" and "成都2022.csv" in report.summary()


def test_rows_are_numbered_like_the_spreadsheet_in_every_format():
    content = csv_bytes([GOOD, ("", "", "", "", ""), row(value=24)])
    assert [n for n, _ in files.read_rows(content)] == [1, 2, 3, 4]
    assert [n for n, _ in files.read_rows(xlsx_bytes([GOOD], blank_rows_first=2))] == [1, 2, 3, 4]


def test_the_content_decides_the_kind_not_the_name():
    assert files.sniff(xlsx_bytes([GOOD])) == "xlsx"
    assert files.sniff(csv_bytes([GOOD], encoding="utf-16")) == "text"
    with pytest.raises(FileProblem) as raised:
        files.sniff(b"%PDF-1.7")
    assert raised.value.problem.rule == "wrong-file-type"


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_the_delimiter_is_read_from_the_first_line(delimiter):
    text = csv_bytes([GOOD], delimiter=delimiter).decode("utf-8")
    assert files.delimiter("\n\n" + text) == delimiter


@given(st.text(alphabet=st.characters(codec="gb18030"), min_size=1, max_size=40))
def test_text_in_any_supported_encoding_decodes_to_itself(text):
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        assert files.decode(text.encode(encoding)) == text
    if not _is_utf8(text.encode("gb18030")):  # GB18030 bytes that are also valid UTF-8 read as UTF-8
        assert files.decode(text.encode("gb18030")) == text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
