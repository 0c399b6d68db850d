"""The shape of every extraction decision: an ordered table of named rules, the first that matches wins.

This is the shape of spaCy's rule matchers and of Recognizers-Text's ordered extractors: a rule is data —
its name (the language pattern it covers), what it decides, one phrasing it decides, and a predicate over
the words it reads. A table is tried in order; the winner's name goes into the quantity's ``rules`` and,
with the names tried before it, into the trace that ``python -m etl explain`` prints. A rule whose
``applies`` guard is false (a metric rule for percentages, asked about a count) is not tried at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

C = TypeVar("C")


@dataclass(frozen=True)
class Rule(Generic[C]):
    """A named rule: `test` is truthy when the rule matches; the result is `result`, or what `test` gave."""

    name: str
    decides: str  # what it decides, in a planner's words (the README's rule table)
    example: str  # one phrasing it decides (a test runs it)
    test: Callable[[C], Any]
    result: str | None = None
    applies: Callable[[C], bool] | None = None  # False: the rule does not speak about these words


@dataclass(frozen=True)
class Fired:
    """One decision: the table, the rule that won, its result, and the rules tried before it."""

    table: str
    rule: str
    result: str
    tried: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleTable(Generic[C]):
    """An ordered table of rules deciding one thing (a metric, a comparator, a subject)."""

    name: str
    rules: tuple[Rule[C], ...]
    #: (name, test, result, applies) of each rule: what `first` reads, unpacked once (it runs for every quantity)
    _rows: tuple[tuple[str, Callable[[C], Any], str | None, Callable[[C], bool] | None], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rows", tuple((r.name, r.test, r.result, r.applies) for r in self.rules))

    def first(self, words: C) -> tuple[Fired, Any] | None:
        """The first rule that matches `words`: (what fired, the rule's raw result), or None."""
        tried: list[str] = []
        for name, test, result, applies in self._rows:
            if applies is not None and not applies(words):
                continue
            got = test(words)
            if got:
                decided = result if result is not None else got
                return Fired(self.name, name, str(decided), tuple(tried)), decided
            tried.append(name)
        return None

    def names(self) -> list[str]:
        return [r.name for r in self.rules]


@dataclass
class Trace:
    """What the rules did to one text (``python -m etl explain``): each quantity's decisions, the numbers
    that were not quantities and the rule that said so."""

    decisions: dict[int, list[Fired]] = field(default_factory=dict)  # by id() of the quantity
    not_quantities: list[tuple[str, str]] = field(default_factory=list)  # (the words, the rule)
    forms: list[tuple[str, str]] = field(default_factory=list)  # (the words, the number form that read them)
