"""Test documents made in the tests: PDFs laid out as Word or WPS would print them (reportlab, with its
built-in Chinese CID font, so no font file is needed), Word files (python-docx), and the texts in them.

The plan language is written for these tests (a city's 2025 work report, a five-year plan outline);
numbers differ from the seeds'.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

#: a work report's review and targets, one paragraph a string; "# " marks a heading
REPORT = [
    "# 2025年政府工作报告",
    "# 一、2024年工作回顾",
    "过去一年，全市地区生产总值达到2456.3亿元，比上年增长6.1%；一般公共预算收入完成186.4亿元，增长5.2%；"
    "城镇居民人均可支配收入达到52318元，增长4.6%。全年城镇新增就业5.8万人，城镇调查失业率为5.3%。",
    "生态环境持续改善，空气质量优良天数比例达到89.6%，新增城市绿地面积420公顷，建成绿道186公里。",
    "# 二、2025年主要目标任务",
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城镇新增就业5.5万人以上，"
    "城镇调查失业率控制在5.5%以内，居民消费价格涨幅3%左右，单位地区生产总值能耗下降3%。",
    "实施重点项目320个，完成投资1350亿元；新建改造城市燃气管道260公里，改造城镇老旧小区186个，"
    "筹集保障性租赁住房8000套（间），新增中小学学位1.6万个，新建公共充电桩4500个。",
]

#: a five-year plan outline with its indicator table, as a Word document holds it
OUTLINE: list[str | list[list[str]]] = [
    "# 某市国民经济和社会发展第十四个五年规划纲要",
    "第二章 主要目标",
    "到2025年，全市经济社会发展主要目标如下。",
    [
        ["类别", "指标", "2020年", "2025年", "年均增长", "属性"],
        ["经济发展", "地区生产总值（亿元）", "17717", "25000", "6左右", "预期性"],
        ["经济发展", "常住人口城镇化率（%）", "78.8", "82", "", "预期性"],
        ["绿色生态", "森林覆盖率（%）", "40.2", "≥41", "—", "约束性"],
    ],
    "第三章 重点任务",
    "新建改造城市燃气管道800公里，新增城市绿地面积1200公顷。",
]


@dataclass(frozen=True)
class Layout:
    """How a PDF is laid out: A4, margins, font size, one or two columns, footer and header per page."""

    font_size: float = 11
    columns: int = 1
    gutter: float = 24
    margin: float = 64
    footer: Callable[[int, int], str] | None = None  # (page, pages) -> text at the page's foot
    header: str | None = None  # the same line at every page's top
    lines_per_page: int = 40


def _wrap(text: str, width: float, size: float, indent: float) -> list[tuple[str, float]]:
    """Greedy line breaking by width (CJK breaks anywhere): (line, x offset) pairs."""
    lines, current, x0 = [], "", indent
    for ch in text:
        if current and pdfmetrics.stringWidth(current + ch, FONT, size) > width - x0:
            lines.append((current, x0))
            current, x0 = "", 0.0
        current += ch
    if current:
        lines.append((current, x0))
    return lines


def flowed_pdf(paragraphs: list[str], layout: Layout = Layout(), encrypt: str | None = None) -> bytes:
    """A PDF of paragraphs flowed into lines and pages as a word processor prints them: first lines
    indented two characters, headings ("# ...") centred, lines broken wherever the width ends."""
    size = layout.font_size
    page_width, page_height = A4
    column_width = (page_width - 2 * layout.margin - (layout.columns - 1) * layout.gutter) / layout.columns
    placed: list[tuple[str, float, bool]] = []  # (text, x offset in the column, centred)
    for paragraph in paragraphs:
        if paragraph.startswith("# "):
            placed.append((paragraph[2:], 0.0, True))
        else:
            placed.extend((line, x, False) for line, x in _wrap(paragraph, column_width, size, 2 * size))
    per_page = layout.lines_per_page * layout.columns
    chunks = [placed[i : i + per_page] for i in range(0, len(placed), per_page)] or [[]]
    buf = io.BytesIO()
    options = {"encrypt": pdfencrypt.StandardEncryption(encrypt, "owner")} if encrypt else {}
    pdf = canvas.Canvas(buf, pagesize=A4, **options)
    leading = size * 1.6
    for number, chunk in enumerate(chunks, 1):
        pdf.setFont(FONT, size)
        if layout.header:
            pdf.drawCentredString(page_width / 2, page_height - layout.margin / 2, layout.header)
        for k, (text, x, centred) in enumerate(chunk):
            column, row = divmod(k, layout.lines_per_page)
            left = layout.margin + column * (column_width + layout.gutter)
            y = page_height - layout.margin - (row + 1) * leading
            if centred:
                pdf.drawCentredString(left + column_width / 2, y, text)
            else:
                pdf.drawString(left + x, y, text)
        if layout.footer:
            pdf.drawCentredString(page_width / 2, layout.margin / 2, layout.footer(number, len(chunks)))
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF of page images only, as a scanner makes: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 520, 24):
        draw.rectangle((40, y, 360, y + 10), fill=40)  # lines of "print"
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for _ in range(pages):
        pdf.drawImage(ImageReader(image), 40, 60, width=515, height=720)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def docx_bytes(blocks: list[str | list[list[str]]]) -> bytes:
    """A Word document: each block a paragraph ("# " a heading) or a table (a list of rows of cells)."""
    from docx import Document

    document = Document()
    for block in blocks:
        if isinstance(block, str):
            if block.startswith("# "):
                document.add_heading(block[2:], level=1)
            else:
                document.add_paragraph(block)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for cells, row in zip(block, table.rows, strict=True):
                for text, cell in zip(cells, row.cells, strict=True):
                    cell.text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


OUTLINE_DOCX = docx_bytes(OUTLINE)
