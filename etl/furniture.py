"""Page furniture: the parts of a saved web page, newspaper page or PDF page that are not the document.

Plans reach planners as forum posts, news-site copies, newspaper pages and PDF files. Their chrome (forum
user panels, mastheads, "continued from page 4", share buttons, copyright notices, page numbers and the
running header of every page) carries numbers that are not targets. Each rule names the kind of furniture
it recognises; a line matching any rule is skipped by extraction but keeps its place, so line numbers
still point into the original file.
"""

from __future__ import annotations

import re

#: the ways a page number is printed: — 3 —, - 3 -, 第3页 共20页, 共20页 第3页, 3/20, Page 3 of 20
_PAGE_NUMBER = (
    r"[-—–－─~～·•]+\s*\d{1,4}\s*[-—–－─~～·•]+"
    r"|第\s*(?:\d{1,4}|[一二三四五六七八九十百零]+)\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页[,，\s]*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
)
_DATE = r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"

#: (rule name, pattern on the simplified, stripped line). A rule whose words may stand anywhere in the line or
#: only at its start takes two rows of one name, one of each: `re` scans a pattern that mixes ^-anchored and free
#: alternatives at every position of the line, where a pattern of free words alone is found by its first characters.
RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "forum-chrome",
        re.compile(
            r"^[•·\s]*(设为首页|收藏本站|查看[:：]\s*\d+\s*\|\s*回复|\[复制链接\]|TA的每日心情|签到天数|\[LV\.\d+\]|Rank[:：]"
            r"|发表于\s*\d{4}-\d{1,2}-\d{1,2}|显示全部楼层|阅读模式|您需要登录后才可以回帖|本版积分规则|快速回复|返回顶部|返回列表"
            r"|(使用道具|举报|回复\s*\d*|楼主|沙发|板凳|客服中心|在线时间[:：]?|在线咨询|联系电话[:：]?|关闭|主题|帖子|积分|版主|管理员)$"
            r"|Powered by|Licensed|[•·]\s*TA的)"
        ),
    ),
    (
        "forum-stat",
        re.compile(
            r"^\d+(\.\d+)?[万千]?$|^\d+\s*天前$|^周[一二三四五六日]\s*[~～-]\s*周[一二三四五六日]$"
            r"|^\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}$|^[\d-]{7,}$"
        ),
    ),
    (
        "newspaper-masthead",
        re.compile(r"(国内统一刊号|CN\d{2}-\d{4}|党报热线|广告热线|订阅热线|责任编辑|本版编辑|enpproperty)"),
    ),
    ("newspaper-masthead", re.compile(r"^(上接\d+版|下转\d+版|接第?\d+版|第\d+版|版次|[-<]*-->)")),
    ("standalone-date", re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(\s*星期[一二三四五六日])?$|^\d{4}-\d{1,2}-\d{1,2}$")),
    (
        "site-chrome",
        re.compile(
            r"(相关新闻\s*>>|全文请收藏|扫码进群|扫一扫|二维码|关注微信|微信公众号|分享到|点击查看|查看更多|更多精彩"
            r"|ICP备|编辑\s*[|｜]|下载|购买超值优惠|特色服务推荐|阅读最新报告|最新情报资讯|<<)"
        ),
    ),
    ("site-chrome", re.compile(r"^(来源\s*[|｜:：]|编辑[:：]|作者[:：]|\?$|>>)")),
    ("copyright-notice", re.compile(r"^[【\[]?(版权声明|免责声明|版权所有)|本站仅提供信息存储空间|转载请注明")),
    (
        "news-site-chrome",
        re.compile(
            r"【(?:字体|打印|关闭|列印|收藏)|(?:发布|发表|更新)时间[:：]\s*\d{4}|\s(?:打印|关闭窗口|关闭本页|返回顶部)$"
        ),
    ),
    (
        "news-site-chrome",
        re.compile(
            r"^(?:上一篇|下一篇|上一条|下一条|相关阅读|相关链接|相关文章|推荐阅读|热点新闻|主办单位|承办单位|协办单位"
            r"|网站标识码|网站地图|当前位置|您现在的位置|您当前的位置|首页\s*[>＞]|浏览次数|阅读次数|点击数|访问量)"
            r"|^(?:打印|关闭窗口|关闭本页|返回顶部)$"
        ),
    ),
    ("url", re.compile(r"https?://|www\.|\.html?\b|\.com\b|\.cn\b")),
    (
        "page-number",
        re.compile(
            # a page number, with the date a footer prints beside it: 第1页 共2页    2024-01-18
            rf"^(?:{_DATE}\s*)?(?:{_PAGE_NUMBER})(?:\s*{_DATE})?$"
        ),
    ),
]


def furniture_rule(line: str) -> str | None:
    """The name of the furniture rule a line matches, or None for document text."""
    text = line.strip()
    if not text:
        return None
    for name, pattern in RULES:
        if pattern.search(text):
            # A long sentence that merely mentions e.g. 下载 is document text, not chrome.
            if name == "site-chrome" and len(text) > 60 and "。" in text:
                continue
            return name
    return None


def is_furniture(line: str) -> bool:
    """True when the line is page furniture rather than document text."""
    return furniture_rule(line) is not None


#: lines around a page number that may be the page's running header or footer
_NEAR_PAGE_NUMBER = 2
_DIGITS = re.compile(r"\d+")


def running_lines(lines: list[str], rules: list[str | None] | None = None) -> list[int]:
    """Indexes of the running headers and footers of text taken from a paged document without its pages.

    Text copied out of a PDF keeps each page's footer ("— 3 —", "第3页 共20页") and the line printed
    beside it on every page (the issuer's name, a date). A line within two lines of a page number whose
    text, digits aside, recurs beside at least three page numbers is one of those. `rules`: each line's
    `furniture_rule`, when the caller has them already.
    """
    if rules is None:
        rules = [furniture_rule(line) for line in lines]
    numbers = [i for i, line in enumerate(lines) if _is_page_number(line, rules[i])]
    if len(numbers) < 3:
        return []
    seen: dict[str, set[int]] = {}
    where: dict[str, list[int]] = {}
    for n, i in enumerate(numbers):
        for j in range(max(0, i - _NEAR_PAGE_NUMBER - 1), min(len(lines), i + _NEAR_PAGE_NUMBER + 2)):
            text = lines[j].strip()
            if j == i or not text or len(text) > 40:
                continue
            key = _DIGITS.sub("#", re.sub(r"\s+", "", text))
            seen.setdefault(key, set()).add(n)
            where.setdefault(key, []).append(j)
    return sorted({j for key, pages in seen.items() if len(pages) >= 3 for j in where[key]})


def _is_page_number(line: str, rule: str | None) -> bool:
    text = line.strip()
    return bool(text) and (rule == "page-number" or _BARE_NUMBER.fullmatch(text) is not None)


_BARE_NUMBER = re.compile(r"\d{1,4}")
