"""Sentence evidence: the time words of a paragraph, and the clauses whose language beats the section's frame.

Two tables. ANCHOR_RULES are the time words a paragraph sets its quantities by — 到2027年, 2022年，,
去年, 过去五年, “十四五”时期, 今年 — each resolved against the document's year; the nearest one before a
quantity (in its paragraph) decides its year and whether it is planned or reviewed. EVIDENCE_RULES are
clauses that say what one quantity is whatever the section: a past year's figure in brackets, the X of
从X提高到Y (baselines), the present state (截至目前，…), a result in the past tense (已建成, 增长了) or a
full-year result (全年…比上年增长5.2%) in a plan's text. Comparison bases (比2020年, 较上年, 在2020年基础上)
are not time words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from etl.timeframe.document_frame import DocumentFrame
from etl.timeframe.frames import Frame, TimeRule, kind_of, resolve, rule
from etl.timeframe.years import PERIOD, YEAR_NIAN, match_year

_Y = YEAR_NIAN
_CLAUSE_START = r"(?:^|(?<=[，,。；;：:！？!?]))\s*(?:力争|确保|预计|争取|全年|同时|其中)?\s*(?:在\s*)?"
_SUBJECT_AFTER = r"(?=\s*(?:[，,]|是|全[市省区县国州镇]|我[市省区县国州镇]|主要|经济社会|工作))"

# fmt: off
#: time words in a paragraph, first match wins where two start at one place
ANCHOR_RULES: tuple[TimeRule, ...] = (
    rule("deadline", rf"{_Y}(?:\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?)?\s*(?:底|末)?\s*(?:前|以前|之前)(?!\d)",
         "by-year", "named", "2025年底前"),
    rule("by-year", rf"(?:到|至|截至|截止到?)\s*{_Y}", "by-year", "named", "到2027年"),
    rule("by-period-end", rf"(?<![比较与是])(?:到|至)?\s*{PERIOD}\s*(?:期末|末期|末)(?!的|{'[^，,。；;]'}{{0,4}}基础)",
         "by-period", "period", "到“十四五”末"),
    rule("since-period", rf"{PERIOD}\s*以来", "since", "period", "“十四五”以来"),
    rule("period", rf"{PERIOD}\s*(?:时期|期间|规划期)", "by-period", "period", "“十三五”时期"),
    rule("since-year", rf"{_Y}\s*以来", "since", "named", "2018年以来"),
    rule("year-opening", rf"{_CLAUSE_START}{_Y}(?:\s*(?:底|末|年底|全年))?{_SUBJECT_AFTER}",
         "by-year", "named", "2022年，"),
    rule("this-year-so-far",
         r"今年以来|年初以来|今年(?:上半年|前三季度|一季度|前\d{1,2}个月|1\s*[—\-至]\s*\d{1,2}\s*月)",
         "review", "this", "今年以来"),
    # 今年 and 明年 open a clause (今年，… / 力争明年…); inside one (为今年发展奠定基础) they set nothing
    rule("this-year", rf"{_CLAUSE_START}(?:今年|本年度|年内|年底前)", "by-year", "this", "今年，"),
    rule("next-year", rf"{_CLAUSE_START}明年", "by-year", "next", "明年，"),
    rule("last-year", r"(?<![比较同与和])(?:去年|上年)(?!同期|末|度|的?基础|水平)", "by-year", "last", "去年"),
    rule("past-year-of-work", r"过去的?一年|一年来", "review", "last", "过去一年"),
    rule("past-years", r"过去的?(?:五|5)年|(?:五|四|三)年来|近(?:五|5)年", "review", "years-back", "五年来"),
    rule("coming-five-years", r"今后五年|未来五年", "plan", "coming-five", "今后五年"),
)
# fmt: on

#: 提高到82%（2020年为78.8%）: a past year's figure in brackets is the baseline
BASELINE_BRACKET = re.compile(rf"[（(]\s*(?:比|较)?{_Y}(?:底|末)?(?:为|是|：|:|达到|)\s*$")
#: 由2022年的1.5万个增加到…: the year of the X of 从X到Y
_FROM_YEAR = re.compile(rf"(?:从|由){_Y}(?:底|末)?的?\s*$")
#: a sentence opening on the present state: 截至目前，… / 目前，… / 全市现有… (the review year's actual, or a
#: multi-year plan's baseline)
STATUS_NOW = re.compile(
    r"^\s*(?:(?:截至|截止到?|到)\s*)?(?:目前|当前|现阶段)\s*[，,]"
    r"|^\s*(?:(?:截至|截止到?)\s*)?目前"
    r"|^\s*(?:全市|全区|全县|全省|全镇|我市|我区|我县|我省)?(?:现有|目前已有|目前共有|目前有)"
)
#: where a present-state sentence turns to plans: 全市现有…，力争到2027年达到…
PLAN_TURN = re.compile(
    r"力争|确保|争取|计划|目标|预计|今年|明年|年内|将|到\s*20\d{2}\s*年|到[“\"]?十[一二三四五六]五|"
    r"(?:增加|提高|提升|扩大|增长)(?:到|至)"
)
#: a result in the past tense: 已建成, 已累计完成, 增长了, 实现了 (in a clause, before the number)
RESULT_MARKER = re.compile(
    r"已经?(?:累计)?(?:建成|完成|实现|达到|达|突破|超过|覆盖|有|形成|培育|引进|开通|新增|建设|创建|落地)"
    r"|(?:增长|达到|完成|实现|突破|提高|提升|下降|降低|减少|增加|新增|建成|超过|达)了"
)
#: a full-year result: 全年地区生产总值比上年增长5.2% (a rate against last year, without words of a target)
FULL_YEAR = re.compile(r"^\s*(?:预计)?\s*全年")
AGAINST_LAST_YEAR = re.compile(r"比上年|同比|较上年|比去年|较去年")
TARGET_WORDS = re.compile(r"力争|确保|争取|目标|预期|计划|左右|以上|以内|不低于|不少于|不超过|控制|以下|高于|超过")
_CLAUSE = re.compile(r"[，,；;。：:]")


#: clause evidence that beats the section's frame, in the order decide() tries it: (name, what, one example)
EVIDENCE_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "from-x-to-y-reviewed",
        "in a review, the X of 由X提高到Y: a baseline of the year before the period",
        "过去五年，城镇化率由60.3%提高到65.2%。",
    ),
    (
        "year-in-brackets",
        "a past year's figure in brackets after a target: a baseline",
        "研发投入强度达到3%（2023年为2.4%）。",
    ),
    ("from-x-to-y", "in a plan, the X of 从X提高到Y: a baseline", "城镇化率从65.2%提高到70%。"),
    (
        "status-now-opening",
        "the present state up to where the sentence turns to plans",
        "目前，全市共有孵化器12家，今年新增3家。",
    ),
    (
        "result-in-past-tense",
        "a result in the past tense inside a plan's text",
        "在已建成120个社区食堂的基础上，新建40个。",
    ),
    (
        "full-year-result",
        "全年…比上年增长 without target words, where no time-bound section says otherwise",
        "全年地区生产总值比上年增长2.3%。",
    ),
    ("communique-reports-its-year", "a statistical communiqué reports its year", "（统计公报）全年粮食产量98.6万吨。"),
)


@dataclass(frozen=True)
class Decision:
    """Kind and year of one quantity, and the names of the rules that decided them (frame first)."""

    kind: str
    year: int | None
    rules: list[str] = field(default_factory=list)


@dataclass
class ParagraphTime:
    """The time words of one paragraph, read once, to decide each of its quantities."""

    text: str
    frame: Frame
    doc: DocumentFrame

    @cached_property
    def anchors(self) -> list[tuple[int, Frame]]:
        """(position, frame) of each time word of the paragraph, left to right, not overlapping."""
        found: list[tuple[int, int, int, re.Match[str]]] = []
        for order, r in enumerate(ANCHOR_RULES):
            found += [(m.start(), order, m.end(), m) for m in r.pattern.finditer(self.text)]
        found.sort(key=lambda f: (f[0], f[1]))
        out: list[tuple[int, Frame]] = []
        taken_until = -1
        for start, order, end, m in found:
            if start < taken_until:
                continue
            frame = resolve(ANCHOR_RULES[order], m, self.doc, m.group(0).strip())
            taken_until = end
            if frame is not None:
                out.append((end, frame))
        return out

    def base(self, position: int) -> Frame:
        """The frame at a position: the nearest time word before it, else the section's."""
        nearest = None
        for end, frame in self.anchors:
            if end > position:
                break
            nearest = frame
        return nearest or self.frame

    def decide(self, sentence_start: int, sentence: str, start: int, end: int) -> Decision:
        """Kind and year of the quantity at sentence[start:end] (the sentence begins at `sentence_start`)."""
        doc = self.doc
        before = sentence[max(0, start - 12) : start]
        bracket = BASELINE_BRACKET.search(before)
        base = self.base(sentence_start + start)
        if base.role == "review" and _from_x_to_y(sentence, start, end):
            # 由X提高到Y in a review: X is where the reviewed period started, the year before its first year
            first = base.since or base.year
            return Decision("baseline", first - 1 if first else None, [base.rule, "from-x-to-y-reviewed"])
        if base.role == "plan":
            if bracket:
                return Decision("baseline", match_year(bracket), [base.rule, "year-in-brackets"])
            if _from_x_to_y(sentence, start, end):
                year = _FROM_YEAR.search(sentence[max(0, start - 12) : start])
                return Decision("baseline", match_year(year) if year else doc.review_year, [base.rule, "from-x-to-y"])
            status = _status(sentence, start)
            if status:
                return Decision(kind_of(status, doc), doc.review_year, [base.rule, status.rule])
            clause = sentence[_clause_start(sentence, start) : start]
            if RESULT_MARKER.search(clause):
                last = Frame("review", doc.review_year, "result-in-past-tense")
                return Decision(kind_of(last, doc), last.year, [base.rule, last.rule])
            if not base.anchored and _full_year_result(sentence, start, end):
                last = Frame("review", doc.review_year, "full-year-result")
                return Decision(kind_of(last, doc), last.year, [base.rule, last.rule])
            if doc.genre == "communique":
                return Decision("actual", doc.year, [base.rule, "communique-reports-its-year"])
        return Decision(kind_of(base, doc), base.year, [base.rule])


def _clause_start(sentence: str, position: int) -> int:
    starts = [m.end() for m in _CLAUSE.finditer(sentence, 0, position)]
    return starts[-1] if starts else 0


def _status(sentence: str, start: int) -> Frame | None:
    """The present state (截至目前，/ 目前，/ 全市现有) up to where the sentence turns to plans."""
    if not STATUS_NOW.match(sentence):
        return None
    turn = PLAN_TURN.search(sentence)
    if turn and start >= turn.start():
        return None
    return Frame("review", None, "status-now-opening")


def _full_year_result(sentence: str, start: int, end: int) -> bool:
    """全年…比上年增长5.2%: a result of last year, unless target words or a qualifier say it is planned."""
    return bool(
        FULL_YEAR.match(sentence)
        and AGAINST_LAST_YEAR.search(sentence, 0, start)
        and not TARGET_WORDS.search(sentence[: end + 4])
    )


#: 从目前的X增加到Y / 由2022年的X提高到2027年的Y: X is the baseline of the target Y
BASELINE_BEFORE = re.compile(
    r"(?:从|由)(?:目前的?|现在的?|现有的?|(?:20\d{2}|十[一二三四五六]五)年?(?:底|末)?的?|(?:五|三|十|\d+)年前的?|上年的?|去年的?)?\s*$"
)
BASELINE_AFTER = re.compile(
    r"^\s*(?:[^，,。；;\d]{0,4}?)"
    r"(?:(?:增加|提高|提升|扩大|增长|下降|降低|减少|缩小|缩减|上升|跃升|攀升|压减|压缩|优化)(?:到|至)|[增降升减]至)"
)


def _from_x_to_y(text: str, start: int, end: int) -> bool:
    """The number at [start, end) is the X of 从/由…X…增加到/提高到 Y."""
    return bool(BASELINE_BEFORE.search(text[max(0, start - 12) : start]) and BASELINE_AFTER.match(text[end : end + 10]))
