"""Subjects: the words that name what a number is of, and the indicator name a planner reads.

The subject of a number is usually the words before it in its clause, with clause openers (LEADING) and
trailing verbs (TRAILING) stripped. Where those words are only a verb (新建12个社区食堂), a list of examples
(打造祠堂街等20条特色街区) or nothing (…，产量稳定在12万吨以上), SUBJECT_RULES choose another: the noun after the
number, the subject of the clause before, the head of an enumeration. An enumeration's subjects are shared out
over its values (distribute).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from etl.lexicon import (
    ACTIVITY_VERBS,
    ADVANCE_VERBS,
    AGAIN_WORDS,
    ATTRIBUTE_HEADS,
    CARRIER_VERBS,
    COMPARABLE_BASIS,
    CONNECTIVES,
    CREATE_VERBS,
    CUMULATIVE_WORDS,
    CUT_VERBS,
    DECLINE_VERBS,
    DELIVERY_VERBS,
    EACH_WORDS,
    FROM_NOW,
    GENERIC_HEADS,
    GROWTH_NOUNS,
    GROWTH_VERBS,
    HAVE_VERBS,
    LEFT_WORDS,
    LEVEL_VERBS,
    MANNER_ADVERBS,
    MILESTONE_VERBS,
    MORE_THAN_SUFFIXES,
    NEGATIONS,
    OPENING_ADVERBS,
    PAIRED_MODIFIERS,
    RESOLVE_WORDS,
    RESULT_OPENERS,
    RIGHT_WORDS,
    SHARED_HEADS,
    STEPWISE_ADVERB,
    SUBJECT_END_WORDS,
    TOTAL_WORDS,
    WHOLE_REGION,
    alternation,
)
from etl.rules import Rule, RuleTable
from etl.timeframe.years import DEADLINE, NOW, PERIOD_WORD, RELATIVE_YEAR, YEAR

#: verbs that end a subject and carry no meaning of their own, stripped from indicator names
TRAILING = sorted(
    {
        *GROWTH_VERBS,
        *DECLINE_VERBS,
        *LEVEL_VERBS,
        *LEFT_WORDS,
        *EACH_WORDS,
        *TOTAL_WORDS,
        *RESOLVE_WORDS,
        *MILESTONE_VERBS,
        *COMPARABLE_BASIS,
        *FROM_NOW,
        *SUBJECT_END_WORDS,
        *NEGATIONS,
        "年均增速",
        "年均增幅",
        "累计达到",
    },
    key=len,
    reverse=True,
)
#: words that open a clause but are not part of the indicator: a qualifier closing the previous item (以上、),
#: the present state (目前, 现有), resolve, the whole region, time words, connectives, adverbs, sums, results
_OPENER_WORDS = (*HAVE_VERBS, *RESOLVE_WORDS, *CONNECTIVES, *OPENING_ADVERBS, *TOTAL_WORDS, *EACH_WORDS[:1],
                 *RESULT_OPENERS, "我们")  # fmt: skip
LEADING = re.compile(
    rf"^(?:[\s、，,]|(?:{alternation(RIGHT_WORDS)})(?=[、，,；;\s])"
    rf"|{NOW}|拥有(?!量)|已(?=建成|完成|实现|累计|覆盖|有)|{WHOLE_REGION}|{RELATIVE_YEAR}"
    rf"|到{YEAR}年底?|{YEAR}年(?:底|末)?|{PERIOD_WORD}期间|{DEADLINE}"
    rf"|{alternation(w for w in _OPENER_WORDS if w != '拥有')})+"
)
#: what may close the previous value before the next words: its qualifier (以上, 左右) or 余/多
_AFTER_A_VALUE = alternation(RIGHT_WORDS + MORE_THAN_SUFFIXES)
#: a year closing the subject belongs to the number, not the indicator: 由2022年的1.5万个, 较2020年下降,
#: 比“十三五”末提高, 是“十一五”时期的2.6倍 (a comparison base)
_TRAILING_YEAR = (
    rf"(?:较|比|是|为|相当于)?(?:{YEAR}年(?:底|末)?|{PERIOD_WORD}(?:时期|期间|期末|末))"
    r"|(?:较|比|同比|与|由|从)(?:上年|去年|上一年度?)(?:同期|末|底)?(?:相比)?"
)
_TRAILING_RE = re.compile(f"(?:{alternation(TRAILING)}|{_TRAILING_YEAR})[、，, ]*$")
_UNCLOSED_BRACKET = re.compile(r"[(（][^)）]*$")


def strip_subject(text: str) -> str:
    """The indicator part of the words before a number: leading adverbs and trailing verbs removed."""
    s = _UNCLOSED_BRACKET.sub("", text.strip())  # an unclosed bracket belongs to what follows
    while s:
        stripped = _TRAILING_RE.sub("", s, count=1)
        if stripped == s:
            break
        s = stripped
    s = LEADING.sub("", s)
    return s.strip('、，,:： “"')


# --- the noun after a number ------------------------------------------------------------------------------
#: words after a number that are no noun it counts: a verb, a qualifier, 6%的预期目标 (the number is the target)
NOT_AN_OBJECT = re.compile(
    r"(?:增长|下降|提高|左右|以上|以内|的|[一二两三四五六七八九十]+[个项大]|(?:预期|规划|年度|五年)?目标)"
)


def object_span(text: str, end: int) -> tuple[str, int]:
    """The noun phrase after a number ("完成601个老旧小区改造") and where it stops in `text`: up to the
    clause end or the next 和/、/的."""
    rest = text[end:]
    lead = re.match(f"(?:{_AFTER_A_VALUE})?", rest)
    skip = lead.end() if lead else 0
    stop = re.search(r"[，,。；;、：:（(]|以及|和|及|并|等|，", rest[skip:])
    stop_at = end + skip + (stop.start() if stop else len(rest) - skip)
    return text[end + skip : stop_at].strip('的 “”"'), stop_at


def usable_object(text: str, end: int) -> bool:
    """A noun phrase follows the number at `end` (新建12个社区食堂), not a verb, a qualifier or the clause end."""
    obj = object_span(text, end)[0]
    # (…、5000亿元两个台阶: a count in words after a list sums the list up, it is no noun of the number)
    return len(obj) >= 2 and not NOT_AN_OBJECT.match(obj)


# --- verbs opening a clause -------------------------------------------------------------------------------
#: adverbs that may precede the verb of a clause (深入实施, 滚动实施, 高质量建设, 成功创建)
_ADVERB_WORDS = MANNER_ADVERBS + RESOLVE_WORDS + TOTAL_WORDS + CUMULATIVE_WORDS + AGAIN_WORDS
ADVERBS = f"(?:{alternation(_ADVERB_WORDS)}|{STEPWISE_ADVERB})"
#: verbs that take the counted noun after the number (新建12个社区食堂, 推进8个示范点, 形成15分钟生活圈)
_CLAUSE_VERB_WORDS = DELIVERY_VERBS + CUT_VERBS + ADVANCE_VERBS + CARRIER_VERBS
CLAUSE_VERBS = f"(?:{alternation(v for v in _CLAUSE_VERB_WORDS if v not in ACTIVITY_VERBS)})"
#: the scope a verb may carry before the counted noun: 完成全市100个老旧小区改造
VERB_SCOPE = rf"(?:{WHOLE_REGION}|全年)?"
_VERB_ONLY = re.compile(rf"^{ADVERBS}*{CLAUSE_VERBS}{VERB_SCOPE}$")
_LEADING_VERB = re.compile(rf"^{ADVERBS}*{CLAUSE_VERBS}")
_VERB_END = re.compile(rf"{CLAUSE_VERBS}$")
#: a verb that makes or brings in the counted things keeps governing the next objects of a list
_KEEPS_OBJECTS = re.compile(alternation(CREATE_VERBS))


def is_bare_verb(prefix: str) -> bool:
    """The words before a number are only a verb ("完成", "深入实施", "在") and the counted noun follows it."""
    return bool(_VERB_ONLY.match(LEADING.sub("", prefix.strip())))


def leading_verb(prefix: str) -> str:
    """The clause's verb when the prefix starts with one (加快建设, 新开工), else ''."""
    m = _LEADING_VERB.match(LEADING.sub("", prefix.strip()))
    return m.group(0) if m else ""


def ends_in_verb(subject: str) -> bool:
    return _VERB_END.search(subject) is not None


def keeps_objects(verb: str) -> bool:
    return bool(verb) and _KEEPS_OBJECTS.search(verb) is not None


# --- examples and lists of names --------------------------------------------------------------------------
def names_examples(prefix: str) -> bool:
    """The words before a number name examples of what is counted: 打造祠堂街等20条特色街区."""
    s = prefix.strip()
    return s.endswith("等") or s.endswith("等等")


def lists_names(prefix: str) -> bool:
    """A 、-list of names runs right up to the number: 新增A、B2个国家级研发中心."""
    # the previous item's tail (以上、) is not a name of the list
    body = _PREVIOUS_TAIL.sub("", prefix)
    return _NAMES_LIST.search(body.strip()) is not None


_PREVIOUS_TAIL = re.compile(rf"^\s*(?:{_AFTER_A_VALUE})?\s*[、，,]")
_NAMES_LIST = re.compile(r"[^、，,。；;：:\d]+、[^、，,。；;：:\d]{1,16}$")


def after_examples(prefix: str) -> str:
    """The noun after the last 等 of a prefix: 签约云视科技、乡伴文旅等项目 -> 项目."""
    tail = prefix.strip().rsplit("等", 1)
    return tail[1].strip() if len(tail) == 2 and 2 <= len(tail[1].strip()) <= 10 else ""


# --- enumerations -----------------------------------------------------------------------------------------
_SHARED_HEAD = re.compile(rf"(占[^、]*比重|[\u4e00-\u9fff]{{0,3}}(?:{alternation(SHARED_HEADS)}))$")
#: what a counted subject has, said after a list item of its count: 企业…家、营业收入…亿元
ATTRIBUTE_HEAD = re.compile(alternation(ATTRIBUTE_HEADS))
#: modifiers that plans enumerate before one shared head (城镇和农村居民…, 国家级、省级…, 小学、初中…)
PAIRED_MODIFIER = re.compile(alternation(PAIRED_MODIFIERS))
#: a head noun that says nothing on its own and belongs to the clause's earlier subject
GENERIC_HEAD = re.compile(alternation(GENERIC_HEADS))
#: where the enumerated subjects end and their predicate begins: A和B实现“双倍增”
_PREDICATE = re.compile(r"实现|保持|继续|持续|力争|确保|均|都|迈入|进入|突破|翻番|倍增|增长|达到|“|\"")
_JOINERS = r"、|和|及|与|以及"


def _head_noun(part: str) -> str:
    """The shared head of an enumeration's last part: 参保率 in 基本医疗保险参保率."""
    m = _SHARED_HEAD.search(part)
    return m.group(1) if m else ""


def share_modifiers(parts: list[str]) -> list[str] | None:
    """Modifiers sharing the last item's head: 城镇和农村居民人均可支配收入, 小学、初中入学率, 国家级和省级创新平台."""
    lead = PAIRED_MODIFIER.match(parts[-1])
    if lead and all(PAIRED_MODIFIER.fullmatch(p) for p in parts[:-1]) and len(parts[-1]) > lead.end() + 1:
        return [*(p + parts[-1][lead.end() :] for p in parts[:-1]), parts[-1]]
    return None


def distribute(subject: str, n: int) -> list[str] | None:
    """Share an enumerated subject out over n values: "X、Y参保率" -> ["X参保率", "Y参保率"]."""
    if n == 2 and subject.startswith("城乡"):
        return ["城镇" + subject[2:], "农村" + subject[2:]]
    enumerated = enumeration_then_head(subject, n)
    if enumerated:
        return enumerated
    parts = [p for p in re.split(_JOINERS, subject) if p]
    if len(parts) != n:
        return None
    shared = share_modifiers(parts)
    if shared:
        return shared
    head = _head_noun(parts[-1])
    if head and len(parts[-1]) > len(head):
        return [p if p.endswith(head) else p + head for p in parts]
    return parts


def enumeration_then_head(subject: str, n: int) -> list[str] | None:
    """Enumerated subjects, a predicate, then the head the values are of, after 、or ，:
    高新技术企业和科技型企业实现“双倍增”、总量分别达到A和B -> 高新技术企业总量, 科技型企业总量."""
    cut = re.search(r"[、，,](?=[^、，,]+$)", subject)
    if not cut:
        return None
    front, head = subject[: cut.start()], subject[cut.end() :]
    predicate = _PREDICATE.search(front)
    if not predicate or len(head) > 8 or re.search(r"和|及|与", head):
        return None
    parts = [p for p in re.split(_JOINERS, front[: predicate.start()]) if p]
    if len(parts) != n or any(len(p) > 14 for p in parts):
        return None
    return [p + head for p in (share_modifiers(parts) or parts)]


#: 均/都 before the verb: one value for each enumerated subject (航空旅客、货邮吞吐量均增长6%以上)
EACH = re.compile(
    r"(?:均|都)(?:增长|提高|提升|下降|降低|达到|达|为|保持在|保持|稳定在|不低于|不少于|超过|高于|低于|在)?$"
)


def each_subjects(subject: str, prefix: str, group_size: int) -> list[str]:
    """航空旅客、货邮吞吐量均增长6%以上: one subject per enumerated name, each with the one value."""
    if group_size == 1 and re.search(r"[、和]", subject) and EACH.search(prefix.strip()):
        return distribute(subject, len(re.split(r"、|和", subject))) or []
    return []


# --- the indicator name -----------------------------------------------------------------------------------
_GROWTH_NAMES = alternation(GROWTH_NOUNS)


def name_indicator(subject: str, metric: str, decline: bool) -> str:
    """A planner's label: the subject, with 增速 for growth rates and 降幅 for declines."""
    name = subject.strip()
    if len(name) > 30:
        name = re.split(r"[，,、]", name)[-1][-30:]
    if metric == "growth_rate":
        verb = re.search(r"(?:年均)?(?:增长|下降|降低|减少)$", name) if len(name) > 3 else None
        name = name[: verb.start()] if verb else name
        if decline and not name.endswith("降幅"):
            name += "降幅"
        elif not decline and not re.search(f"(?:{_GROWTH_NAMES}{'' if verb else '|率'})$", name):
            name += "增速"  # 全员劳动生产率增长 -> 全员劳动生产率增速 (a rate named by its verb still gets 增速)
    return name


# --- the subject rules ------------------------------------------------------------------------------------
KEEP = "keep"  # a choice that leaves the list's governing verb as it was


@dataclass(frozen=True)
class SubjectWords:
    """What a group of values' subject is chosen from: the clause, the words before the group, the noun after
    it, and what the clause walk carries over (the previous subject, the verb governing a list's objects)."""

    text: str
    prefix: str
    subject: str  # the words before the group, stripped
    obj: str  # the noun phrase after the group's last value
    usable_obj: bool
    chained: bool  # the group follows the previous group's object and a joiner (…50个智能工厂和500个数字化车间)
    object_mode: str | None  # the verb governing the list's objects, while numbers take the noun after them
    last_subject: str
    counted_before: bool  # the previous group counted things (企业…家, 项目…个)
    size: int

    # read once per group, by every rule that asks (the table tries up to ten)
    @cached_property
    def examples(self) -> bool:
        return names_examples(self.prefix) or lists_names(self.prefix)

    @cached_property
    def verb_only(self) -> bool:
        """The words before the group are only a verb, nothing, or a list of examples: the subject is elsewhere."""
        return _HAN.search(self.subject) is None or is_bare_verb(self.prefix) or self.examples


_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class SubjectChoice:
    """A subject rule's result: the subject, the verb governing the next objects (KEEP: unchanged), and the
    subjects of an enumeration when the rule shares them out itself."""

    subject: str
    object_mode: str | None = None
    enumerated: list[str] | None = None

    def __str__(self) -> str:
        return self.subject


def _chained_object(w: SubjectWords) -> SubjectChoice | None:
    if not (w.chained and w.usable_obj):
        return None
    return SubjectChoice((w.object_mode or "") + w.obj, KEEP)  # 建成2—3个世界级商圈、10个高品质商圈


def _object_after_verb(w: SubjectWords, examples: bool) -> SubjectChoice | None:
    if not (w.verb_only and w.usable_obj and w.examples == examples):
        return None
    verb = leading_verb(w.prefix)
    mode = verb if keeps_objects(verb) else ""
    return SubjectChoice(mode + w.obj, mode)


def _examples_noun(w: SubjectWords) -> SubjectChoice | None:
    if not (w.verb_only and not w.usable_obj and w.examples and after_examples(w.prefix)):
        return None
    return SubjectChoice((leading_verb(w.prefix) or "") + after_examples(w.prefix), KEEP)


def _omitted(w: SubjectWords) -> SubjectChoice | None:
    if not (w.verb_only and not w.usable_obj and w.last_subject and not w.examples):
        return None
    return SubjectChoice(w.last_subject)


def _verb_object(w: SubjectWords) -> SubjectChoice | None:
    if w.verb_only or not (w.usable_obj and ends_in_verb(w.subject)):
        return None
    return SubjectChoice(w.subject + w.obj)


def _attribute(w: SubjectWords) -> SubjectChoice | None:
    if w.verb_only or not (w.last_subject and w.counted_before and ATTRIBUTE_HEAD.fullmatch(w.subject)):
        return None
    if not re.match(rf"\s*(?:{_AFTER_A_VALUE})?\s*、", w.prefix):
        return None
    verb = leading_verb(w.last_subject)
    return SubjectChoice(w.last_subject[len(verb) :] + w.subject if verb else w.last_subject + w.subject)


def _generic_head(w: SubjectWords) -> SubjectChoice | None:
    if w.verb_only or not w.last_subject:
        return None
    if not (GENERIC_HEAD.fullmatch(w.subject) or w.subject in ("累计", "总计", "合计")):
        return None
    enumerated = enumeration_then_head(w.last_subject + "，" + w.subject, w.size)
    return SubjectChoice(w.last_subject + w.subject, None, enumerated)


def _share_of_previous(w: SubjectWords) -> SubjectChoice | None:
    if w.verb_only or not (w.subject.startswith("占") and w.last_subject):
        return None
    return SubjectChoice(w.last_subject + w.subject)  # 工业投资…，占固定资产投资比重23%


# fmt: off
SUBJECT_RULES: RuleTable[SubjectWords] = RuleTable("subject", (
    Rule("chained-object-after-number", "the noun after the number, under the verb of the list's first item",
         "新建50个智能工厂和500个数字化车间", _chained_object),
    Rule("object-after-number", "the noun after the number when only a verb comes before it", "新建12个社区食堂",
         lambda w: _object_after_verb(w, examples=False)),
    Rule("named-examples", "the noun after the number when examples are named before it", "打造祠堂街等20条特色街区",
         lambda w: _object_after_verb(w, examples=True)),
    Rule("examples-noun", "the noun after the examples (…等项目145个)", "签约云视科技、乡伴文旅等项目145个",
         _examples_noun),
    Rule("omitted-subject", "the subject of the clause before, when this one names none",
         "常住人口城镇化率由60%提高到70%", _omitted),
    Rule("verb-object", "the words before and the object after the number (…增设32套检测设备)",
         "每个社区建立1个微型消防站",
         _verb_object),
    Rule("attribute-of-previous-item", "an attribute of the previous item's counted subject (企业…家、营业收入…)",
         "高新技术企业达400家以上、营业收入突破165亿元", _attribute),
    Rule("generic-head", "a generic head (总数, 规模, 比例) of the clause's earlier subject",
         "建设社区嵌入式服务设施，总数不少于500处", _generic_head),
    Rule("share-of-previous", "a share (占…比重) of the clause's earlier subject",
         "工业投资增长8%，占固定资产投资比重23%",
         _share_of_previous),
    Rule("words-before-number", "the words before the number, clause openers and verbs stripped", "森林覆盖率达到40.5%",
         lambda w: SubjectChoice(w.subject)),
))
# fmt: on
