"""PDF-shaped text (issue 11 item 5): text copied out of a PDF reads like the clean text it was printed from.

Each shape — spaces inside and around numbers, a number at a line's end with its unit on the next line, a
line break inside a number or a sentence, page footers between — must give the rows its clean counterpart
gives, while quote and line still point into the original text.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.document import SourceDocument
from etl.extract import DocumentInfo, extract_document

INFO = DocumentInfo(plan_year=2024)
HEAD = "二、2024年主要目标任务\n"


def meaning(text: str) -> list[tuple]:
    rows = extract_document(SourceDocument.from_text("t.txt", text), INFO)
    return [
        (r.value, r.value_low, r.unit_raw, r.comparator, r.metric, r.kind, r.target_year, r.indicator) for r in rows
    ]


#: (shape, PDF-shaped text, the clean text it was printed from)
SHAPES = [
    (
        "spaced digits in a year",
        "一、2 0 2 3 年工作回顾\n全年地区生产总值增长6.1%。\n" + HEAD + "地区生产总值增长6%左右。\n",
        "一、2023年工作回顾\n全年地区生产总值增长6.1%。\n" + HEAD + "地区生产总值增长6%左右。\n",
    ),
    (
        "a space before 年",
        "一、2023 年工作回顾\n全年城镇新增就业5.8万人。\n",
        "一、2023年工作回顾\n全年城镇新增就业5.8万人。\n",
    ),
    (
        "spaces around numbers",
        HEAD + "地区生产总值达到约 4.4 万亿元，城镇新增就业 461 万人，增长 20.3 %。\n",
        HEAD + "地区生产总值达到约4.4万亿元，城镇新增就业461万人，增长20.3%。\n",
    ),
    (
        "a number at a line's end, its unit on the next",
        HEAD + "盘活低效工业用地 2282\n公顷，新增建设用地供应3150亩。\n",
        HEAD + "盘活低效工业用地2282公顷，新增建设用地供应3150亩。\n",
    ),
    (
        "a line break inside a number",
        HEAD
        + "全年完成工业技改投资86.2亿元，增长2\n0.3%；城镇新增就业1\n.36万人，"
        + "全部达到目标要求并完成了省下达的各项任务，\n"
        + "新增绿地面积1800公顷，新建绿道500公里，改造城镇老旧小区186个，新增学位3600个以上，\n"
        + "新建公共充电桩4500个，新增普惠托位1350个，新建改造城市燃气管道260公里以上。\n",
        HEAD
        + "全年完成工业技改投资86.2亿元，增长20.3%；城镇新增就业1.36万人，全部达到目标要求并完成了省下达的各项任务，"
        + "新增绿地面积1800公顷，新建绿道500公里，改造城镇老旧小区186个，新增学位3600个以上，"
        + "新建公共充电桩4500个，新增普惠托位1350个，新建改造城市燃气管道260公里以上。\n",
    ),
    (
        "a line that opens on the period ending the sentence",
        HEAD + "城乡居民收入倍差缩小至2.1，居民人均可支配收入增长6.5%\n。新增就业2万人。\n",
        HEAD + "城乡居民收入倍差缩小至2.1，居民人均可支配收入增长6.5%。新增就业2万人。\n",
    ),
    (
        "a page footer and header inside a sentence",
        HEAD + "空气质量优良天数比例达到94.8%，PM2.5平均浓度 24\n第1页 共2页    2024-01-18\n— 2 —\n微克/立方米。\n",
        HEAD + "空气质量优良天数比例达到94.8%，PM2.5平均浓度24微克/立方米。\n",
    ),
]


@pytest.mark.parametrize(("shape", "shaped", "clean"), SHAPES, ids=[s[0] for s in SHAPES])
def test_pdf_shaped_text_extracts_like_its_clean_counterpart(shape, shaped, clean):
    assert meaning(shaped) == meaning(clean)
    assert meaning(shaped)


@pytest.mark.parametrize(("shape", "shaped", "clean"), SHAPES, ids=[s[0] for s in SHAPES])
def test_quotes_and_lines_point_into_the_original(shape, shaped, clean):
    doc = SourceDocument.from_text("t.txt", shaped)
    lines = shaped.split("\n")
    for row in extract_document(doc, INFO):
        assert shaped[row.char_start : row.char_end] == row.quote
        assert lines[row.line - 1] and shaped.index(lines[row.line - 1]) <= row.char_start
        assert row.char_start < sum(len(line) + 1 for line in lines[: row.line])  # the quote starts on its line
        assert row.quote in row.sentence


def test_a_number_split_across_lines_is_quoted_across_them():
    text = HEAD + "盘活低效工业用地 2282\n公顷。\n"
    (row,) = extract_document(SourceDocument.from_text("t.txt", text), INFO)
    assert (row.quote, row.line, row.value, row.unit_raw) == ("2282\n公顷", 2, 2282, "公顷")


def test_clean_text_is_read_as_it_is():
    text = "附件1\n年度目标任务表\n“1 5”政策体系，地区生产总值增长6%。\n主要指标    2020年    2025年\n"
    doc = SourceDocument.from_text("t.txt", text)
    assert [line.text for line in doc.lines] == [
        "附件1",
        "年度目标任务表",
        "“1 5”政策体系,地区生产总值增长6%。",
        "主要指标    2020年    2025年",
        "",
    ]
    assert all(line.runs is None for line in doc.lines)  # read one to one: no map stored


def test_the_reading_names_the_rules_that_made_it():
    doc = SourceDocument.from_text("t.txt", "腾退土地 2282\n公顷。2 0 2 4 年\n")
    assert doc.lines[0].rules == ("number-unit-split", "spaced-digits", "space-before-number", "space-after-number")


_PIECES = st.sampled_from(
    ["增长", "地区生产总值", "达到", "约", "万亿元", "公顷", "%", "，", "。", "2024", "6.5", "1 5"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_PIECES, st.sampled_from(["", " ", "\n", "  "])), min_size=1, max_size=30))
def test_every_reading_character_maps_to_the_same_original_character(parts):
    text = "".join(piece + gap for piece, gap in parts)
    doc = SourceDocument.from_text("t.txt", text)
    for line in doc.lines:
        for i, ch in enumerate(line.text):
            original = text[line.offset(i)]
            assert ch == original or (ch == " " and original in "\r\n") or (ch in ",:;" and original in "，：；")
        assert text[line.start : line.end] == line.original


def test_a_pdf_s_table_rows_stay_rows_and_its_spaced_thousands_are_numbers():
    """Text taken from a PDF wraps its prose at a fixed width, but a table's rows printed with wide spaces are
    never joined into the lines around them; 1 200 (a space between the thousands) is one number."""
    prose = (
        "全区规上工业企业数字化转型覆盖率达到47.3%，累计推动2180家规上工业企业实施数字化转型，建成国家级示范工厂6家。"
    )
    lines = [prose[i : i + 30] for i in range(0, len(prose), 30)] * 4
    table = [
        "表1  主要指标分解表",
        "序号  指标名称  单位  2024年基数  2025年  2026年  责任单位",
        "1  新增数字化转型企业  家  —  1 200  1 400  区工信局",
        "2  5G基站累计数  座  6 850  7 900  8 900  区工信局",
    ]
    text = "某区制造业数字化转型三年行动计划（2025—2026年）\n" + "\n".join(lines) + "\n" + "\n".join(table) + "\n"
    doc = SourceDocument.from_text("t.txt", text)
    assert [line.text for line in doc.lines if "区工信局" in line.text] == [table[2], table[3]]
    rows = [(r.quote, r.kind, r.target_year) for r in extract_document(doc) if "区工信局" in r.sentence]
    assert rows == [
        ("1 200", "target", 2025),
        ("1 400", "target", 2026),
        ("6 850", "baseline", 2024),
        ("7 900", "target", 2025),
        ("8 900", "target", 2026),
    ]
