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

from etl.lexicon import DELIVERY_VERBS, LEFT_WORDS, RESOLVE_WORDS, RIGHT_WORDS, WHOLE_REGION, alternation
from etl.prefilter import might_match
from etl.rules import Rule, RuleTable
from etl.timeframe.document_frame import EVALUATION, DocumentFrame
from etl.timeframe.frames import Frame, TimeRule, kind_of, resolve, rule
from etl.timeframe.years import NOW, PERIOD, PERIOD_WORD, YEAR, YEAR_NIAN, match_year, parse_year
from targets.vocab import Kind

_Y = YEAR_NIAN
_CLAUSE_START = r"(?:^|(?<=[，,。；;：:！？!?]))\s*(?:力争|确保|预计|争取|全年|同时|其中)?\s*(?:在\s*)?"
#: a clause's opening without 其中 (其中2024年2500个 speaks for its own clause only: YEAR_IN_CLAUSE)
_OPENING = r"(?:^|(?<=[，,。；;：:！？!?]))\s*(?:力争|确保|预计|争取)?\s*"
#: what a plan does in a year, right after it: 2025年建成…, 2024年完成…, 2026年达到…
_ACT = alternation(RESOLVE_WORDS + DELIVERY_VERBS + ("完成", "实现", "达到", "安排", "实施", "累计"))
_SUBJECT_AFTER = rf"(?=\s*(?:[，,]|是|{WHOLE_REGION}|主要|经济社会|工作))"

# fmt: off
#: time words in a paragraph, first match wins where two start at one place
ANCHOR_RULES: tuple[TimeRule, ...] = (
    rule("deadline", rf"{_Y}(?:\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?)?\s*(?:底|末)?\s*(?:前|以前|之前)(?!\d)",
         "by-year", "named", "2025年底前"),
    rule("by-year", rf"(?:到|至|截至|截止到?|展望)\s*{_Y}", "by-year", "named", "到2027年"),
    rule("by-period-end", rf"(?<![比较与是])(?:到|至)?\s*{PERIOD}\s*(?:期末|末期|末)(?!的|{'[^，,。；;]'}{{0,4}}基础)",
         "by-period", "period", "到“十四五”末"),
    rule("since-period", rf"{PERIOD}\s*以来", "since", "period", "“十四五”以来"),
    # a period after 是/比/较 is a comparison base (是“十一五”时期的2.6倍), not the time of what follows
    rule("period", rf"(?<![比较与是为于]){PERIOD}\s*(?:时期|期间|规划期)", "by-period", "period", "“十三五”时期"),
    rule("period-first-years", rf"{PERIOD}\s*(?:前|头)(?P<first>[一两二三四1-4])\s*年", "review", "period-first-years",
         "“十一五”前四年"),
    rule("since-year", rf"{_Y}\s*以来", "since", "named", "2018年以来"),
    rule("year-opening", rf"{_CLAUSE_START}{_Y}(?:\s*(?:底|末|年底|全年))?{_SUBJECT_AFTER}",
         "by-year", "named", "2022年，"),
    # 2025年建成快速路环线北段，新增快速路18公里: a year opening a clause with what is done in it
    rule("year-opening-act", rf"{_OPENING}{_Y}(?:\s*(?:底|末|年底|全年))?(?={_ACT})",
         "by-year", "named", "；2025年建成城市快速路环线北段"),
    # ——2025年：新增…；——2026年：… : a year labelling what follows it (a plan's targets year by year)
    rule("year-label", rf"{_OPENING}(?:——|－－)?\s*{_Y}(?:\s*(?:底|末|年底))?\s*[:：]",
         "by-year", "named", "——2025年：新增规上工业企业1200家"),
    rule("this-year-so-far",
         r"今年以来|年初以来|今年(?:上半年|前三季度|一季度|前\d{1,2}个月|1\s*[—\-至]\s*\d{1,2}\s*月)",
         "review", "this", "今年以来"),
    # 今年 and 明年 open a clause (今年，… / 力争明年…); inside one (为今年发展奠定基础) they set nothing
    rule("this-year", rf"{_CLAUSE_START}(?:今年|本年度|年内|年底前)", "by-year", "this", "今年，"),
    rule("next-year", rf"{_CLAUSE_START}明年", "by-year", "next", "明年，"),
    # 今明两年新增就业20万人: a total over this year and next is due by the later year
    rule("this-and-next-year", r"今明两年", "by-year", "next", "今明两年"),
    # 从去年的2.1%提高到2.4%: the year of a from-value (and of a comparison) is no time word of the sentence
    rule("last-year", r"(?<![比较同与和从由])(?:去年|上年)(?!同期|末|度|的?基础|水平)", "by-year", "last", "去年"),
    rule("past-year-of-work", r"过去的?一年|一年来", "review", "last", "过去一年"),
    rule("past-years", r"过去的?(?:五|5)年|(?:五|四|三)年(?:来|间)|近(?:五|5)年", "review", "years-back", "五年来"),
    rule("coming-five-years", r"今后五年|未来五年", "plan", "coming-five", "今后五年"),
)
# fmt: on

#: a year phrase after the number, in its clause, is that quantity's year: 267万农村贫困人口在2020年全部脱贫,
#: 5个项目于2025年底前建成 (not 增加到2027年的4万个: that year is the next number's; not 在2020年基础上)
YEAR_AFTER = re.compile(
    rf"[^，,。；;\d]{{0,12}}?(?:(?:在|于)|(?<![增提降扩缩减达升])(?:到|至))\s*{_Y}(?:底|末)?(?:前|以前|之前)?"
    r"(?!\s*的|\s*\d|\s*(?:基础|水平))"
)
#: the year of a clause's own items: 其中2024年2500个, 其中2024年实施项目210个、完成投资420亿元,
#: 应用场景2024年达到80个、2026年达到150个 — the last year before the number in its clause, not a comparison
#: base (比2020年, 较上年, 以2020年为基数, 高出2020年, 由2020年的, （2020年78.8%）) nor a subject (2023年，…)
YEAR_IN_CLAUSE = re.compile(
    rf"(?<![比较与和同从由是为于到至以出过（(]){_Y}(?:底|末)?(?!\s*(?:的|以来|前|基础|水平|为|[，,]))"
)
#: at most this many characters between that year and the number
YEAR_IN_CLAUSE_REACH = 24
#: 提高到82%（2020年为78.8%）: a past year's figure in brackets is the baseline
BASELINE_BRACKET = re.compile(rf"[（(]\s*(?:比|较)?{_Y}(?:底|末)?(?:为|是|：|:|达到|)\s*$")
#: 由2022年的1.5万个增加到…: the year of the X of 从X到Y
_FROM_YEAR = re.compile(rf"(?:从|由){_Y}(?:底|末)?的?\s*$")
#: 较2020年的22.1微克/立方米: the value of the year a comparison is made with
_COMPARED_YEAR = re.compile(rf"(?:较|比|相比|对比)\s*{_Y}(?:底|末)?的\s*$")
#: a sentence opening on the present state: 截至目前，… / 目前，… / 全市现有… (the review year's actual, or a
#: multi-year plan's baseline)
STATUS_NOW = re.compile(
    rf"^\s*(?:(?:截至|截止到?|到)\s*)?(?:{NOW})\s*[，,]"
    r"|^\s*(?:(?:截至|截止到?)\s*)?目前"
    rf"|^\s*(?:{WHOLE_REGION})?(?:现有|目前已有|目前共有|目前有)"
)
#: a status date: what stands at that date is a stock (截至2022年底，千兆光网覆盖家庭150万户), or a sentence
#: opening on the present state (目前，全市已建成5G基站3000个)
STATUS_DATE = re.compile(
    rf"(?:截至|截止)(?:到)?\s*(?:{YEAR}\s*年|{NOW}|今年|去年|年底|\d{{1,2}}\s*月)|" + STATUS_NOW.pattern
)
#: where a present-state sentence turns to plans: 全市现有…，力争到2027年达到…
PLAN_TURN = re.compile(
    rf"力争|确保|争取|计划|目标|预计|拟|今年|明年|年内|将|到\s*{YEAR}\s*年|到{PERIOD_WORD}|"
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
TARGET_WORDS = re.compile(f"{alternation(RESOLVE_WORDS + LEFT_WORDS + RIGHT_WORDS)}|目标|预期|计划|控制")
_CLAUSE = re.compile(r"[，,；;。：:]")


@dataclass(frozen=True)
class Decision:
    """Kind and year of one quantity, the names of the rules that decided them (frame first), and the clause
    rules tried before the one that spoke (all of them, when the frame decided)."""

    kind: str
    year: int | None
    rules: list[str] = field(default_factory=list)
    tried: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.kind} {self.year}"


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
        chars = set(self.text)
        for order, r in enumerate(ANCHOR_RULES):
            if might_match(r.needs, chars):  # most paragraphs hold no 年 and no 五: most rules cannot match
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
        """Kind and year of the quantity at sentence[start:end] (the sentence begins at `sentence_start`): the
        first EVIDENCE_RULES rule that speaks, else the frame of the nearest time word or the section."""
        base = self.base(sentence_start + start)
        found = EVIDENCE_RULES.first(_Clause(sentence, start, end, base, self.doc))
        if found is None:
            return Decision(kind_of(base, self.doc), base.year, [base.rule], tuple(EVIDENCE_RULES.names()))
        fired, decision = found
        return Decision(decision.kind, decision.year, [base.rule, fired.rule], fired.tried)


@dataclass(frozen=True)
class _Clause:
    """What clause evidence reads: the sentence, the quantity's span, the frame it sits in, the document."""

    sentence: str
    start: int
    end: int
    base: Frame
    doc: DocumentFrame

    @property
    def plan(self) -> bool:
        return self.base.role == "plan"

    @property
    def from_x(self) -> bool:
        return _from_x_to_y(self.sentence, self.start, self.end)


def _year_after(c: _Clause) -> Decision | None:
    after = YEAR_AFTER.match(c.sentence, c.end)
    if not after:
        return None
    return _named_year(match_year(after), c.doc, "year-after-number")


def _named_year(year: int | None, doc: DocumentFrame, name: str) -> Decision:
    """A year a clause names for its quantity: a result before the document's year (or in a communiqué), else
    a target."""
    past = doc.genre == "communique" or bool(doc.year and year and year < doc.year)
    return Decision(kind_of(Frame("review" if past else "plan", year, name), doc), year)


def _year_in_clause(c: _Clause) -> Decision | None:
    clause = _clause_start(c.sentence, c.start)
    paired = _paired_year(c.sentence[clause : c.start])
    if paired:
        return _named_year(paired, c.doc, "year-in-clause")
    start = max(clause, c.start - YEAR_IN_CLAUSE_REACH)
    found = [*YEAR_IN_CLAUSE.finditer(c.sentence, start, c.start)]
    return _named_year(match_year(found[-1]), c.doc, "year-in-clause") if found else None


#: years listed before 分别 (2025年、2026年分别完成诊断800家、1000家): the values after it are theirs, in order
_YEARS_EACH = re.compile(rf"(?P<years>{YEAR}\s*年(?:\s*[、和及与]\s*{YEAR}\s*年)+)\s*分别")
_LISTED_VALUE = re.compile(r"\d[\d,.\s]*[^\d、，,；;。]*?、")


def _paired_year(before: str) -> int | None:
    """The year 分别 gives the quantity that ends `before`: the k-th year for the k-th value after it."""
    each = _YEARS_EACH.search(before)
    if not each:
        return None
    years = [parse_year(y) for y in re.findall(rf"({YEAR})\s*年", each.group("years"))]
    k = len(_LISTED_VALUE.findall(before[each.end() :]))
    return years[k] if k < len(years) else None


def _from_x_reviewed(c: _Clause) -> Decision | None:
    """由X提高到Y in a review: X is where the reviewed period started — the year its words name (由2020年的X),
    else the year before the period's first year."""
    if c.base.role != "review" or not c.from_x:
        return None
    named = _FROM_YEAR.search(c.sentence[max(0, c.start - 12) : c.start])
    if named:
        return Decision(Kind.BASELINE, match_year(named))
    first = c.base.since or c.base.year
    return Decision(Kind.BASELINE, first - 1 if first else None)


#: a number named as a target in a review: 《纲要》目标为95%以上, 确定的5.5%以内, 五年目标300万人,
#: 改造任务5,600个, 下降13%目标, 年均增长7%左右的预期目标
_TARGET_BEFORE = re.compile(r"(?:目标|任务|确定的)(?:值|数)?(?:为|是)?(?:年均)?(?:下降|增长|提高到|达到|控制在)?\s*$")
_BEYOND_TARGET = re.compile(r"(?:高于|低于|超过|超出|快于|慢于|高出|低出)[^，。；]{0,10}目标[^，。；]{0,2}$")
_TARGET_AFTER = re.compile(r"\s*(?:以上|以内|左右)?(?:的)?(?:预期|规划|五年|年度)?目标")


def _named_target(c: _Clause) -> Decision | None:
    """A number its clause names as a target where results are reported (预期目标为增长7%左右, 未达到72%的预期
    目标): a target — of the plan's year in an evaluation of a plan, else of the year reviewed."""
    if c.doc.genre != EVALUATION and c.base.role != "review":
        return None
    before = c.sentence[_clause_start(c.sentence, c.start) : c.start]
    if not (_TARGET_BEFORE.search(before) or _TARGET_AFTER.match(c.sentence, c.end)):
        return None
    if _BEYOND_TARGET.search(before) or c.sentence[c.start : c.end].endswith("项"):
        return None  # 高于预期目标2.1个百分点 (the gap), 规划确定的26项主要指标 (how many there are)
    return Decision(Kind.TARGET, c.doc.target_year if c.doc.genre == EVALUATION else c.base.year)


def _compared_base(c: _Clause) -> Decision | None:
    """较2020年的22.1微克/立方米, 比2020年底的X: the figure a comparison starts from, a baseline of its year."""
    found = _COMPARED_YEAR.search(c.sentence[max(0, c.start - 14) : c.start])
    return Decision(Kind.BASELINE, match_year(found)) if found else None


def _bracket(c: _Clause) -> Decision | None:
    bracket = BASELINE_BRACKET.search(c.sentence[max(0, c.start - 12) : c.start]) if c.plan else None
    return Decision(Kind.BASELINE, match_year(bracket)) if bracket else None


def _from_x(c: _Clause) -> Decision | None:
    if not (c.plan and c.from_x):
        return None
    year = _FROM_YEAR.search(c.sentence[max(0, c.start - 12) : c.start])
    return Decision(Kind.BASELINE, match_year(year) if year else c.doc.review_year)


def _status_now(c: _Clause) -> Decision | None:
    status = _status(c.sentence, c.start) if c.plan else None
    return Decision(kind_of(status, c.doc), c.doc.review_year) if status else None


def _reviewed(doc: DocumentFrame) -> Decision:
    """What the document's review describes: last year's result (a baseline in a multi-year plan)."""
    return Decision(Kind.BASELINE if doc.multi_year else Kind.ACTUAL, doc.review_year)


def _result(c: _Clause) -> Decision | None:
    clause = c.sentence[_clause_start(c.sentence, c.start) : c.start]
    return _reviewed(c.doc) if c.plan and RESULT_MARKER.search(clause) else None


def _full_year(c: _Clause) -> Decision | None:
    full_year = c.plan and not c.base.anchored and _full_year_result(c.sentence, c.start, c.end)
    return _reviewed(c.doc) if full_year else None


def _communique(c: _Clause) -> Decision | None:
    return Decision(Kind.ACTUAL, c.doc.year) if c.plan and c.doc.genre == "communique" else None


# fmt: off
#: clause evidence that beats the frame of the section or the time word, in the order it is tried
EVIDENCE_RULES: RuleTable[_Clause] = RuleTable("clause", (
    Rule("year-after-number",
         "a year phrase after the number in its clause: the year of that quantity (a target or a result by it)",
         "今后五年，267万农村贫困人口在2020年全部脱贫。", _year_after),
    Rule("year-in-clause",
         "the last year before the number in its clause (not a comparison base): that quantity's year",
         "三年新增停车泊位4.5万个，其中2024年1.5万个、2025年1.6万个。", _year_in_clause),
    Rule("target-named", "in a review, a number named as a target: the year's (an evaluation's: its plan's)",
         "（中期评估）基本养老保险参保率2022年为92.6%，《纲要》目标为95%以上。", _named_target),
    Rule("from-x-to-y-reviewed", "in a review, the X of 由X提高到Y: a baseline of the year it names, else of the"
         " year before the period", "过去五年，城镇化率由60.3%提高到65.2%。", _from_x_reviewed),
    Rule("compared-year-value", "the figure of the year a comparison starts from (较2020年的22.1): its baseline",
         "PM2.5浓度为19.6微克/立方米，较2020年的22.1微克/立方米下降11.3%。", _compared_base),
    Rule("year-in-brackets", "a past year's figure in brackets after a target: a baseline",
         "研发投入强度达到3%（2023年为2.4%）。", _bracket),
    Rule("from-x-to-y", "in a plan, the X of 从X提高到Y: a baseline", "城镇化率从65.2%提高到70%。", _from_x),
    Rule("status-now-opening", "the present state up to where the sentence turns to plans",
         "目前，全市共有孵化器12家，今年新增3家。", _status_now),
    Rule("result-in-past-tense", "a result in the past tense inside a plan's text",
         "在已建成120个社区食堂的基础上，新建40个。", _result),
    Rule("full-year-result", "全年…比上年增长 without target words, where no time-bound section says otherwise",
         "全年地区生产总值比上年增长2.3%。", _full_year),
    Rule("communique-reports-its-year", "a statistical communiqué reports its year",
         "（统计公报）全年粮食产量98.6万吨。", _communique),
))
# fmt: on


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
    rf"(?:从|由)(?:目前的?|现在的?|现有的?|(?:{YEAR}|{PERIOD_WORD})年?(?:底|末)?的?|(?:五|三|十|\d+)年前的?|上年的?|去年的?)?\s*$"
)
BASELINE_AFTER = re.compile(
    r"^\s*(?:[^，,。；;\d]{0,4}?)"
    r"(?:(?:增加|提高|提升|扩大|增长|下降|降低|减少|缩小|缩减|上升|跃升|攀升|压减|压缩|优化)(?:到|至)|[增降升减]至)"
)


def _from_x_to_y(text: str, start: int, end: int) -> bool:
    """The number at [start, end) is the X of 从/由…X…增加到/提高到 Y."""
    return bool(BASELINE_BEFORE.search(text[max(0, start - 12) : start]) and BASELINE_AFTER.match(text[end : end + 10]))
