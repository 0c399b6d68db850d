"""Web page intake: the article's main text (navigation, share buttons, related articles and footer left out),
its tables as rows, its section headings kept, a GBK page that declares gb2312 decoded right."""

from etl.extract import DocumentInfo, extract_document
from etl.intake import read_document, read_path
from tests.conftest import ROOT

PAGE = ROOT / "tests" / "fixtures" / "deyang_2026_renewal_gbk.html"


def test_a_gbk_page_declaring_gb2312_is_decoded():
    doc = read_path(PAGE)
    assert (doc.format, doc.encoding) == ("html", "gb18030")
    assert "\ufffd" not in doc.original and "德阳市推进城市更新三年行动方案（2024—2026年）" in doc.original


def test_the_main_text_is_kept_and_the_page_around_it_left_out():
    doc = read_path(PAGE)
    lines = doc.original.splitlines()
    assert lines[0] == "德阳市推进城市更新三年行动方案（2024—2026年）"  # the page's heading, first
    assert "一、主要目标" in lines and "二、重点任务" in lines
    for chrome in ("政务公开", "当前位置", "浏览次数", "分享到", "相关文章", "统计公报", "ICP备", "联系电话", "12℃"):
        assert chrome not in doc.original, chrome


def test_tables_are_kept_as_rows_and_read_as_an_indicator_table():
    doc = read_path(PAGE)
    assert "| 城镇老旧小区改造（个） | 215 | 600以上 | 约束性 |" in doc.original.splitlines()
    rows = extract_document(doc, DocumentInfo(plan_year=2024, target_years=(2026,)))
    table = {(r.indicator, r.value, r.kind, r.target_year) for r in rows if "indicator-table" in r.rules}
    assert table == {
        ("城镇老旧小区改造", 215, "baseline", 2023),
        ("城镇老旧小区改造", 600, "target", 2026),
        ("建成区绿化覆盖率", 41.2, "baseline", 2023),
        ("建成区绿化覆盖率", 43, "target", 2026),
    }
    quantities = {r.quote for r in rows}
    assert "6.8%" not in quantities and "3000套" not in quantities  # related articles' numbers


def test_section_headings_in_h2_survive():
    page = (
        "<html><head><title>某区2025年政府工作报告_某区人民政府</title></head>"
        "<body><div class='nav'>首页 | 政务公开</div>"
        "<div class='article'><h1>某区2025年政府工作报告</h1><h2>一、2024年工作回顾</h2>"
        "<p>全年地区生产总值增长6.2%，城镇新增就业1.2万人，完成固定资产投资320亿元，增长8.5%。</p>"
        "<h2>二、2025年主要目标任务</h2><p>地区生产总值增长6%左右，城镇新增就业1.2万人以上，城镇调查失业率控制在5.5%以内。</p>"
        "</div><div class='footer'>版权所有</div></body></html>"
    )
    doc = read_document(page.encode("utf-8"), "report.html")
    assert doc.original.splitlines()[:3] == [
        "某区2025年政府工作报告",
        "一、2024年工作回顾",
        doc.original.splitlines()[2],
    ]
    assert "二、2025年主要目标任务" in doc.original.splitlines()
