"""Word intake: paragraphs and tables in body order; a five-year plan's indicator table gives baseline and
target rows with the years of its columns, each cell leading back to its table, row and cell."""

import io
import zipfile

import pytest
from docx import Document

from etl.extract import DocumentInfo, extract_document
from etl.intake import DamagedFile, read_document
from tests.documents import OUTLINE, docx_bytes

INFO = DocumentInfo(plan_year=2021, target_years=(2025,))


def test_paragraphs_and_tables_come_in_body_order_one_row_a_line():
    doc = read_document(docx_bytes(OUTLINE), "纲要.docx")
    assert doc.format == "docx"
    assert doc.original.splitlines() == [
        "某市国民经济和社会发展第十四个五年规划纲要",
        "第二章 主要目标",
        "到2025年，全市经济社会发展主要目标如下。",
        "类别\t指标\t2020年\t2025年\t年均增长\t属性",
        "经济发展\t地区生产总值（亿元）\t17717\t25000\t6左右\t预期性",
        "经济发展\t常住人口城镇化率（%）\t78.8\t82\t—\t预期性",  # the empty cell keeps its column
        "绿色生态\t森林覆盖率（%）\t40.2\t≥41\t—\t约束性",
        "第三章 重点任务",
        "新建改造城市燃气管道800公里，新增城市绿地面积1200公顷。",
    ]


def test_the_indicator_table_gives_baselines_and_targets_with_their_years():
    rows = extract_document(read_document(docx_bytes(OUTLINE), "纲要.docx"), INFO)
    table = {(r.indicator, r.value, r.kind, r.target_year, r.comparator) for r in rows if "indicator-table" in r.rules}
    assert table == {
        ("地区生产总值", 17717, "baseline", 2020, "="),
        ("地区生产总值", 25000, "target", 2025, "="),
        ("地区生产总值年均增速", 6, "target", 2025, "~"),
        ("常住人口城镇化率", 78.8, "baseline", 2020, "="),
        ("常住人口城镇化率", 82, "target", 2025, "="),
        ("森林覆盖率", 40.2, "baseline", 2020, "="),
        ("森林覆盖率", 41, "target", 2025, ">="),
    }


def test_each_quantity_leads_back_to_its_paragraph_or_table_cell():
    doc = read_document(docx_bytes(OUTLINE), "纲要.docx")
    rows = {r.quote: r for r in extract_document(doc, INFO)}
    assert doc.origin_at(rows["25000"].char_start) == {"table": 1, "row": 2, "cell": 4}
    assert doc.origin_at(rows["≥41"].char_start) == {"table": 1, "row": 4, "cell": 4}
    assert doc.origin_at(rows["800公里"].char_start) == {"paragraph": 5}


def test_a_cell_merged_across_columns_is_read_once():
    document = Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "主要指标"
    table.cell(0, 2).text = "2025年"
    for cell, text in zip(table.rows[1].cells, ["城镇新增就业（万人）", "—", "5.5"], strict=True):
        cell.text = text
    buf = io.BytesIO()
    document.save(buf)
    doc = read_document(buf.getvalue(), "merged.docx")
    assert doc.original.splitlines()[0] == "主要指标\t2025年"


def test_a_damaged_docx_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    with pytest.raises(DamagedFile) as e:
        read_document(buf.getvalue(), "坏.docx")
    assert e.value.message_zh.startswith("文件 坏.docx 是损坏的 Word (.docx) 文件")
