"""PDF intake: pages laid out in reading order, running headers and footers left out, lines joined where the
sentence goes on, and every quantity with its page and line on the page."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from etl.extract import DocumentInfo, extract_document
from etl.intake import read_document
from tests.documents import FONT, REPORT, Layout, flowed_pdf

INFO = DocumentInfo(plan_year=2025, target_years=(2025,))


def rows(doc):
    """The first quantity of each (quote, kind, year) in document order."""
    found = {}
    for r in extract_document(doc, INFO):
        found.setdefault((r.quote.replace("\n", ""), r.kind, r.target_year), r)
    return found


def test_a_report_reads_as_its_paragraphs_with_pages_and_lines():
    doc = read_document(flowed_pdf(REPORT * 3, Layout(lines_per_page=20)), "report.pdf")
    assert doc.format == "pdf" and doc.pages >= 2
    body = [line.text for line in doc.lines if line.text and not line.furniture]
    assert body[:3] == ["2025年政府工作报告", "一、2024年工作回顾", body[2]]
    assert body[2].startswith("过去一年,全市地区生产总值达到2456.3亿元") and body[2].endswith("城镇调查失业率为5.3%。")
    found = rows(doc)
    gdp = found[("2456.3亿元", "actual", 2024)]
    assert (gdp.page, gdp.page_line, gdp.line) == (1, 3, 3)
    rental = found[("8000套（间）", "target", 2025)]
    assert rental.page == 1 and doc.original[rental.char_start : rental.char_end] == rental.quote
    # every quantity of the second copy of the report is on a later page, its line counted on that page
    later = [r for r in extract_document(doc, INFO) if r.page and r.page > 1]
    assert later and all(1 <= r.page_line <= 22 for r in later)


def test_a_footer_with_the_page_number_and_a_date_is_furniture():
    layout = Layout(lines_per_page=12, footer=lambda n, k: f"第{n}页 共{k}页    2025-01-18", header="某市人民政府公报")
    doc = read_document(flowed_pdf(REPORT, layout), "report.pdf")
    assert doc.pages >= 2
    furniture = {line.text for line in doc.lines if line.furniture}
    assert "某市人民政府公报" in furniture
    assert any(text.startswith("第1页") for text in furniture)
    assert not any("2025-01-18" in r.quote or r.value in (1, 2, 18) for r in extract_document(doc, INFO))


def test_a_sentence_broken_by_a_page_break_is_one_sentence():
    paragraph = "实施重点项目320个，完成投资1350亿元；新建改造城市燃气管道260公里，改造城镇老旧小区186个，" * 3
    layout = Layout(lines_per_page=2, footer=lambda n, k: f"— {n} —")
    doc = read_document(flowed_pdf(["# 二、2025年主要目标任务", paragraph], layout), "report.pdf")
    assert doc.pages >= 2
    sentences = {r.sentence.replace("\n", "") for r in extract_document(doc, INFO)}
    assert not any("— " in s and "亿元" not in s for s in sentences)
    pipes = [r for r in extract_document(doc, INFO) if r.unit_raw == "公里"]
    assert len(pipes) == 3 and {r.page for r in pipes} >= {1, 2}


def test_two_columns_are_read_column_by_column():
    left = [
        "左栏：今年全市地区生产总值增长6%左右，城镇新增就业",
        "5.5万人以上，城镇调查失业率控制在5.5%以内，居民消",
        "费价格涨幅3%左右。",
    ] * 3
    right = [
        "右栏：筹集保障性租赁住房8000套（间），新增中小学学",
        "位1.6万个，新建公共充电桩4500个，新增普惠托位1350",
        "个。",
    ] * 3
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(FONT, 9)
    pdf.drawCentredString(297, 800, "二、2025年主要目标任务")  # spans the page, above the columns
    for k, (a, b) in enumerate(zip(left, right, strict=True)):
        pdf.drawString(50, 770 - k * 15, a)
        pdf.drawString(310, 770 - k * 15, b)
    pdf.showPage()
    pdf.save()
    doc = read_document(buf.getvalue(), "two-columns.pdf")
    body = [line.text for line in doc.lines if line.text]
    assert body[0] == "二、2025年主要目标任务"
    assert [t[:3] for t in body[1:]] == ["左栏:"] * 3 + ["右栏:"] * 3
    assert (
        body[1] == "左栏:今年全市地区生产总值增长6%左右,城镇新增就业5.5万人以上,"
        "城镇调查失业率控制在5.5%以内,居民消费价格涨幅3%左右。"
    )
    found = rows(doc)
    assert found[("1.6万个", "target", 2025)].page_line == 12  # the right column's lines follow the left's


def test_an_indicator_table_keeps_its_columns():
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(FONT, 10)
    table = [
        ("指标", "2020年", "2025年", "属性"),
        ("地区生产总值（亿元）", "17717", "25000", "预期性"),
        ("常住人口城镇化率（%）", "78.8", "82", "预期性"),
    ]
    for k, cells in enumerate(table):
        for x, cell in zip((60, 260, 340, 420), cells, strict=True):
            pdf.drawString(x, 700 - k * 20, cell)
    pdf.showPage()
    pdf.save()
    doc = read_document(buf.getvalue(), "table.pdf")
    assert doc.original.splitlines()[1] == "地区生产总值（亿元）\t17717\t25000\t预期性"
    found = {(r.value, r.kind, r.target_year) for r in extract_document(doc, INFO)}
    assert {(17717, "baseline", 2020), (25000, "target", 2025), (78.8, "baseline", 2020), (82, "target", 2025)} <= found


def test_a_page_without_a_text_layer_among_text_pages_gives_a_warning():
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(FONT, 11)
    pdf.drawString(60, 700, "今年地区生产总值增长6%左右，城镇新增就业5.5万人以上。")
    pdf.showPage()
    pdf.drawImage(ImageReader(Image.new("L", (50, 50), 128)), 60, 60, width=400, height=600)
    pdf.showPage()
    pdf.save()
    doc = read_document(buf.getvalue(), "mixed.pdf")
    assert doc.pages == 2
    assert doc.warnings == [
        "第 2 页没有文字层（可能是扫描页），页上的数字未读取 / page(s) 2 have no text layer (scanned?): not read"
    ]
