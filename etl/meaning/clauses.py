"""The clause walk: every mention of a sentence read left to right, clause by clause.

A clause ends at ，；：. Inside a clause, mentions joined only by 、/和/及 form an enumeration ("分别达到A、B",
"X、Y参保率不低于93%、98%") whose subjects and qualifiers are shared out. Each group of values gets its
subject (SUBJECT_RULES), then each value its comparator (COMPARATOR_RULES) and metric (METRIC_RULES);
what fired is kept on the reading, the rules' names in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.lexicon import DECLINE_VERBS, RIGHT_WORDS, alternation
from etl.meaning.comparators import COMPARATOR_RULES, ComparatorWords, right_comparator
from etl.meaning.metrics import (
    FLOW_VERB,
    PER_CAPITA_RE,
    MetricWords,
    ends_with_any,
    metric_for,
    reaches_level,
    unframed,
)
from etl.meaning.subjects import (
    KEEP,
    PAIRED_MODIFIER,
    SUBJECT_RULES,
    SubjectChoice,
    SubjectWords,
    distribute,
    each_subjects,
    leading_verb,
    name_indicator,
    object_span,
    share_modifiers,
    strip_subject,
    usable_object,
)
from etl.mentions import Mention
from etl.rules import Fired
from etl.timeframe.evidence import STATUS_DATE

#: a clause ends at ，；：。！？ — but not at the thousands separator of a number (1,850亿元)
CLAUSE_BREAK = re.compile(r"[，；;：:。！？!?]|(?<!\d),|,(?!\d{3}(?!\d))")
#: an enumeration's joiners between two values (after the first value's qualifier)
_JOINED = re.compile(r"(?:、|和|及|与|或)?")
_RIGHT = alternation(RIGHT_WORDS)
_NOT_AN_OBJECT_START = re.compile(r"^(?:增长|下降|提高|左右|以上|以内|的|(?:预期|规划|年度|五年)?目标)")


@dataclass
class Reading:
    """The meaning of one mention, and the decisions that gave it (subject, comparator, metric)."""

    mention: Mention
    indicator: str
    comparator: str
    metric: str
    per_capita: bool
    rules: list[str] = field(default_factory=list)
    duplicate_for: list[str] = field(default_factory=list)  # 均增长: one row per subject
    subject: str = ""  # the subject the indicator was named from (before 增速/降幅 are added)
    fired: list[Fired] = field(default_factory=list)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence."""
    spans, start = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


@dataclass
class _Walk:
    """What the walk carries from one group of values to the next."""

    text: str
    mentions: list[Mention]
    norm_units: list[str]
    multi_year: bool
    last_subject: str
    readings: list[Reading] = field(default_factory=list)
    object_mode: str | None = None  # the verb while numbers take the noun after them
    object_end: int = 0  # where the previous group's object-after-number stopped
    counted_before: bool = False  # the previous group counted things (企业…家, 项目…个)
    prev_obj: str = ""  # the previous group's object, and its first reading
    prev_first: int = 0


def _groups(text: str, in_clause: list[tuple[int, Mention]]) -> list[list[tuple[int, Mention]]]:
    """The clause's mentions in enumerations: values joined only by 、/和/及 (after a qualifier) share a group.

    减少贫困人口110万以上、1000个贫困村脱贫摘帽: a number before its own noun after a number after its subject
    starts a new item, not an enumeration of one subject."""
    groups: list[list[tuple[int, Mention]]] = []
    for i, m in in_clause:
        if groups:
            prev = groups[-1][-1][1]
            gap = re.sub(f"^(?:{_RIGHT})", "", text[prev.end : m.start]).strip()
            own_noun = usable_object(text, m.end) and not usable_object(text, prev.end)
            if _JOINED.fullmatch(gap) and not own_noun:
                groups[-1].append((i, m))
                continue
        groups.append([(i, m)])
    return groups


def read_sentence(
    text: str, mentions: list[Mention], norm_units: list[str], multi_year: bool = False, carried: str = ""
) -> list[Reading]:
    """Readings of all mentions of one sentence, left to right.

    `multi_year`: the sentence plans for a horizon beyond this year, where 建成 X公里 is the built
    total at the horizon rather than this year's addition.
    `carried`: the subject the previous sentence ended on when only a ； separates them, for a sentence
    that omits it (到2025年，森林覆盖率达到42%；到2035年，达到45%).
    """
    walk = _Walk(text, mentions, norm_units, multi_year, carried)
    last = mentions[-1].start if mentions else -1
    for c_start, c_end in clauses(text):
        if c_start > last:
            break  # the clauses after the last value set no subject that is read
        in_clause = [(i, m) for i, m in enumerate(mentions) if c_start <= m.start < c_end]
        if not in_clause:
            tail = strip_subject(text[c_start:c_end])
            if tail and len(tail) <= 30:
                walk.last_subject = tail  # a subject-only clause: "全市最大电力负荷和全社会用电量"
            continue
        _read_clause(walk, c_start, c_end, in_clause)
    return walk.readings


def _read_clause(walk: _Walk, c_start: int, c_end: int, in_clause: list[tuple[int, Mention]]) -> None:
    text = walk.text
    # 新建改造体育公园60个、健身步道1000公里: a later item without a verb of its own is under the clause's
    clause_verb = leading_verb(text[c_start : in_clause[0][1].start])
    walk.object_mode, walk.object_end, walk.counted_before = None, c_start, False
    walk.prev_obj, walk.prev_first = "", len(walk.readings)
    cursor = c_start
    for group in _groups(text, in_clause):
        _read_group(walk, group, cursor, c_end, clause_verb if cursor > c_start else "")
        cursor = group[-1][1].end


def _choose_subject(
    walk: _Walk, group: list[tuple[int, Mention]], cursor: int
) -> tuple[Fired, SubjectChoice, str, int]:
    text, first = walk.text, group[0][1]
    prefix = text[cursor : first.start]
    obj, obj_end = object_span(text, group[-1][1].end)
    # 新建50个智能工厂和500个数字化车间: the next number follows the previous object and a joiner
    joiner = text[max(cursor, walk.object_end) : first.start].strip() if walk.object_end <= first.start else prefix
    words = SubjectWords(
        text=text,
        prefix=prefix,
        subject=strip_subject(prefix),
        obj=obj,
        usable_obj=bool(obj) and len(obj) >= 2 and not _NOT_AN_OBJECT_START.match(obj),
        chained=walk.object_mode is not None and re.fullmatch(r"[、和及与]?|以及", joiner) is not None,
        object_mode=walk.object_mode,
        last_subject=walk.last_subject,
        counted_before=walk.counted_before,
        size=len(group),
    )
    found = SUBJECT_RULES.first(words)
    assert found is not None  # words-before-number always speaks
    return found[0], found[1], obj, obj_end


def _read_group(walk: _Walk, group: list[tuple[int, Mention]], cursor: int, c_end: int, clause_verb: str) -> None:
    text = walk.text
    prefix = text[cursor : group[0][1].start]
    subject_fired, choice, obj, obj_end = _choose_subject(walk, group, cursor)
    subject = choice.subject
    if subject_fired.rule == "chained-object-after-number":
        _share_next_object(walk, obj)
    if choice.object_mode is None:
        walk.object_mode = None
    else:
        walk.object_end = obj_end
        if choice.object_mode != KEEP:
            walk.object_mode = choice.object_mode
    names = (choice.enumerated or distribute(subject, len(group))) if len(group) > 1 else None
    each = each_subjects(subject, prefix, len(group))
    shared_right = right_comparator(text, group[-1][1].end)
    for k, (i, m) in enumerate(group):
        name = names[k] if names else subject
        comparator = COMPARATOR_RULES.first(ComparatorWords(text, m, prefix, k, len(group), shared_right))
        assert comparator is not None  # plain always speaks
        metric_words = MetricWords(
            m,
            prefix,
            _with_clause_verb(name, clause_verb, prefix),
            walk.norm_units[i],
            text[m.end : c_end],
            walk.multi_year,
            STATUS_DATE.search(text, 0, m.start) is not None,
        )
        metric_fired, metric = metric_for(metric_words)
        decline = metric == "growth_rate" and ends_with_any(
            re.sub(r"(左右|以上|约|分别|均)$", "", prefix.rstrip()), DECLINE_VERBS
        )
        fired = [subject_fired, comparator[0], metric_fired]
        walk.readings.append(
            Reading(
                m,
                name_indicator(name, metric, bool(decline)),
                comparator[1],
                metric,
                bool(PER_CAPITA_RE.search(name + prefix[-6:])),
                [f.rule for f in fired if f.rule != "words-before-number"],
                [name_indicator(d, metric, bool(decline)) for d in each],
                name,
                fired,
            )
        )
    walk.last_subject = subject if subject else walk.last_subject
    walk.counted_before = walk.norm_units[group[-1][0]] == "count"
    walk.prev_obj = obj if walk.object_mode is not None else ""
    walk.prev_first = len(walk.readings) - len(group)


def _with_clause_verb(subject: str, verb: str, prefix: str) -> str:
    """A list item's subject with the clause's verb before it, when it has none of its own (for its metric):
    neither before its subject (新开工…) nor before its number (新建综合体6个、实验室达到15个: a level the item
    reaches, not one more thing the clause's verb makes)."""
    if not verb or leading_verb(subject) or FLOW_VERB.match(unframed(subject)) or reaches_level(prefix):
        return subject
    return verb + subject


def _share_next_object(walk: _Walk, obj: str) -> None:
    """推动14个国家级、20个省级产业集群提质增效: the previous bare modifier shares this object's head."""
    shared = share_modifiers([walk.prev_obj, obj]) if PAIRED_MODIFIER.fullmatch(walk.prev_obj) else None
    if not shared:
        return
    for r in walk.readings[walk.prev_first :]:
        r.subject = r.subject[: len(r.subject) - len(walk.prev_obj)] + shared[0]
        r.indicator = name_indicator(r.subject, r.metric, False)
        r.rules.append("modifier-shares-next-object")
