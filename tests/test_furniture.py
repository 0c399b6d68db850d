"""Page furniture: forum, newspaper and news-site chrome is recognised; document text is not."""

import pytest

from etl.furniture import furniture_rule

CHROME = [
    ("查看: 1325|回复: 0", "forum-chrome"),
    ("发表于 2023-8-22 17:40:27 | 显示全部楼层 |阅读模式", "forum-chrome"),
    ("[LV.10]以坛为家III", "forum-chrome"),
    ("163993", "forum-stat"),
    ("国内统一刊号:CN51-0004 成都日报社出版党报热线:962211", "newspaper-masthead"),
    ("上接04版", "newspaper-masthead"),
    ("2025年03月14日", "standalone-date"),
    ("相关新闻>>", "site-chrome"),
    ("扫一扫获取", "site-chrome"),
    ("版权声明:本文内容由互联网用户自发贡献", "copyright-notice"),
    ("首页 > 新闻中心 > 政务要闻", "news-site-chrome"),
    ("上一篇:2023年全市新增就业5万人", "news-site-chrome"),
    ("发布时间:2024-02-18 10:30 来源:某市人民政府网 浏览次数:12,345", "news-site-chrome"),
    ("【字体:大 中 小】 【打印本页】", "news-site-chrome"),
    ("详见 http://www.example.gov.cn/art/2024.html", "url"),
    # the words of a rule that open the line, in the rule's second row (etl/furniture.py RULES)
    ("下转08版", "newspaper-masthead"),
    ("版次:A03", "newspaper-masthead"),
    ("<--->", "newspaper-masthead"),
    ("来源:新华社", "site-chrome"),
    ("编辑:王某", "site-chrome"),
    ("作者:李某", "site-chrome"),
    ("?", "site-chrome"),
    (">>更多政务公开", "site-chrome"),
    ("关闭窗口", "news-site-chrome"),
    ("【大 中 小】 打印", "news-site-chrome"),
    ("当前位置:首页 > 政务公开", "news-site-chrome"),
]

TEXT = [
    "1.地区生产总值增长7%左右。(牵头单位:市发改委;数据提供单位:市统计局)",
    "过去一年,全区实现地区生产总值1256.8亿元、增长6.1%。",
    "畅通举报渠道,建立健全问题线索移交机制。",
    "主题教育扎实开展,各项工作取得新成效。",
    "",
]


@pytest.mark.parametrize(("line", "rule"), CHROME)
def test_chrome_lines_are_furniture(line, rule):
    assert furniture_rule(line) == rule


@pytest.mark.parametrize("line", TEXT)
def test_document_text_is_not_furniture(line):
    assert furniture_rule(line) is None
