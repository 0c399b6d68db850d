"""The extraction rules as one catalogue: every rule table, in the order the pipeline applies them.

`rules_table()` renders them as the Markdown table the README carries (a test keeps the two equal, and checks
that every rule decides at least one phrasing case and that every rule listed exists): the forms of a
number, what is no quantity, then per quantity its subject, comparator and metric, the area it is set for,
and its time (document, titles, headings, openings, time words, clause evidence); then what a table's
header says each column holds, and the year of a cell whose column names none.
"""

from __future__ import annotations

from etl.meaning import COMPARATOR_RULES, METRIC_RULES, SUBJECT_RULES
from etl.mentions import MENTION_FORMS, NOT_QUANTITY
from etl.rules import RuleTable
from etl.scope import SCOPE_RULES
from etl.tables import CELL_YEARS, COLUMN_RULES
from etl.timeframe import rule_rows as time_rule_rows

#: rules that adjust a decision after its table spoke, or build a quantity outside the tables
OTHER_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("subject", "modifier-shares-next-object", "a bare modifier before the next object shares its head",
     "推动14个国家级、20个省级产业集群提质增效"),
    ("subject", "counted-list", "a list of named lines to open is one quantity: their count",
     "开通运营轨道交通10号线三期、13号线一期"),
)  # fmt: skip


def _table(table: RuleTable) -> list[tuple[str, str, str, str]]:
    return [(table.name, r.name, r.decides, r.example) for r in table.rules]


def rule_rows() -> list[tuple[str, str, str, str]]:
    """(table, rule, what it decides, one example) of every rule, in the order the pipeline tries them."""
    rows = [("number form", name, what, example) for name, what, example, _build in MENTION_FORMS]
    rows += [("not a quantity", r.name, r.decides, r.example) for r in NOT_QUANTITY]
    rows += _table(SUBJECT_RULES) + [r for r in OTHER_RULES if r[0] == "subject"]
    rows += _table(COMPARATOR_RULES) + _table(METRIC_RULES)
    rows += [("area", name, what, example) for name, what, example in SCOPE_RULES]
    rows += time_rule_rows()
    rows += _table(COLUMN_RULES) + [("table", name, what, example) for name, what, example in CELL_YEARS]
    return rows


def rules_table() -> str:
    """Every rule as a Markdown table: table, rule, what it decides, one example."""
    lines = ["| table | rule | decides | example |", "|---|---|---|---|"]
    lines += [f"| {table} | `{name}` | {what} | {example} |" for table, name, what, example in rule_rows()]
    return "\n".join(lines)
