"""Targets set for part of a plan's region: 主城都市区, 渝东北三峡库区城镇群, 中心城区, 天府新区.

A city plan also sets targets for its sub-areas, and a planner comparing cities must not read
"主城都市区常住人口城镇化率超过80%" as the whole city's. Two patterns of plan language name the area:

- a paragraph that opens on an area as its topic — "主城都市区是我市国家中心城市建设的主要承载地……"
  — scopes every quantity of the paragraph (`area-topic`);
- a sentence whose subject is an area — "渝东北三峡库区城镇群和渝东南武陵山区城镇群现代化建设取得显著
  成效，常住人口城镇化率达到60%" — scopes the quantities of that sentence (`area-subject`);
- a sentence that opens on a task for a group of enterprises — "推进国企数字化赋能，建成数字化车间100个以上"
  — sets its quantities for that group, not for the region (`group-subject`); a group that is only the
  object of a later clause (……加快国有企业"智改数转"步伐，新建500个数字化车间) scopes nothing.

An area is a place word ending in a sub-area noun (都市区, 城镇群, 新区, 核心区 ...); plain districts
and counties (温江区) are not recognised, since their names need a gazetteer. The area is kept on the
target; the comparison marks such targets (status `scoped`) and judges them against nothing, and the
targets page shows them.
"""

from __future__ import annotations

import re

from etl.lexicon import (
    ADVANCE_VERBS,
    AREA_NOUNS,
    DELIVERY_VERBS,
    GROUP_NOUNS,
    POLICY_VERBS,
    WHOLE_REGION,
    alternation,
)

#: nouns that end the name of part of a city or province, never of the whole
AREA_NOUN = rf"(?:{alternation(AREA_NOUNS)})(?!域)"
#: a place word: up to 16 characters of Chinese (or brackets, as in 西部（重庆）科学城) before the noun, and
#: a second noun when the first is part of the name (武陵山区城镇群)
AREA = rf"[\u4e00-\u9fff（）()]{{0,16}}?{AREA_NOUN}(?:(?:(?![和与及])[\u4e00-\u9fff]){{0,6}}?{AREA_NOUN})?"
#: several areas joined: 渝东北三峡库区城镇群和渝东南武陵山区城镇群
AREAS = rf"{AREA}(?:(?:和|与|及|、){AREA})*"
#: a time or resolve word that may precede the subject: 到2027年，/ 力争 / 今年
LEAD_IN = r"(?:(?:到|至)?20\d\d年(?:底|末)?[，,]?|力争|今年[，,]?|全年[，,]?)?"

TOPIC = re.compile(rf"^{LEAD_IN}(?P<area>{AREAS})(?:是|作为|为)(?:{WHOLE_REGION})")
#: an area opening a sentence or a clause is its subject (……城镇群现代化建设取得显著成效 / 中心城区绿色出行比例达到72%)
SUBJECT = re.compile(rf"^{LEAD_IN}(?P<area>{AREAS})")
#: a clause that names the whole region again (全市5级以上江河堤防达标率达88%) is not scoped
WHOLE = re.compile(rf"^{LEAD_IN}(?:{WHOLE_REGION})")
CLAUSE_BREAK = re.compile(r"[，,：:]")
#: a sentence opening on a task for a group of enterprises (推进国企数字化赋能): its quantities are the group's
GROUP = re.compile(
    rf"^{LEAD_IN}(?:{alternation(ADVANCE_VERBS + POLICY_VERBS)})"
    rf"(?P<area>{alternation(sorted(GROUP_NOUNS, key=len, reverse=True))})"
)
HAS_AREA_NOUN = re.compile(rf"{AREA_NOUN}|{alternation(GROUP_NOUNS)}")
#: a general noun, not a place: 功能区 alone
NOT_AREA = re.compile(r"^(?:功能区|片区|新区|库区|山区)$")
#: a verb inside the would-be name: the words are a task on the area (推进城市新区建设), not its name
TASK_VERB = re.compile(alternation(ADVANCE_VERBS + POLICY_VERBS + DELIVERY_VERBS))


#: the rules area_at tries, in order: (name, what it decides, one example)
SCOPE_RULES: tuple[tuple[str, str, str], ...] = (
    ("area-clause", "the area that opens the quantity's clause", "到2027年，中心城区绿色出行比例达到72%"),
    ("area-subject", "the area that opens the sentence", "主城都市区常住人口城镇化率超过80%"),
    ("area-topic", "the area the paragraph opens on as its topic", "主城都市区是我市国家中心城市建设的主要承载地"),
    ("group-subject", "a task for a group of enterprises that opens the sentence", "推进国企数字化赋能"),
)


def _area(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    area = match.group("area")
    return None if NOT_AREA.match(area) or TASK_VERB.search(area) else area


def paragraph_area(text: str) -> str | None:
    """The area a paragraph is about, when it opens on it as its topic (主城都市区是我市……)."""
    return _area(TOPIC.match(text.lstrip()))


def area_at(sentence: str, position: int, topic: str | None = None) -> tuple[str, str] | None:
    """(area, rule) for the quantity at `position` of a sentence, or None when it is set for the whole region.

    The subject of the quantity's clause decides, then the subject of the sentence, then the paragraph's
    topic; a clause or sentence opening on 全市/全省 puts the quantity back on the whole region.
    """
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, position)), default=0)
    for opening, rule in ((sentence[clause_start:position], "area-clause"), (sentence, "area-subject")):
        opening = opening.lstrip()
        if WHOLE.match(opening):
            return None
        if HAS_AREA_NOUN.search(opening[:40]):
            area = _area(SUBJECT.match(opening))
            if area:
                return area, rule
    group = GROUP.match(sentence.lstrip())
    if group:
        return group.group("area"), "group-subject"
    return (topic, "area-topic") if topic else None
