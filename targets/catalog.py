"""The indicator catalog: canonical indicators, their categories, and the matcher for extracted rows.

Plans name one quantity in many ways (城镇新增就业, 新增城镇就业, 新增就业); the dashboard compares
plans through the canonical ids of `data/indicators.toml`. A row is matched on its indicator text,
its canonical unit and its metric together, because the text alone is ambiguous: 空气质量优良天数
300 (day) and 空气质量优良天数率 81 (percent) are different indicators, and 地区生产总值 is `gdp`
in 亿元 but `gdp_growth` as a growth rate.

The module is pure (stdlib only) so that `etl`, the store and the pages can all use it.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from targets import config
from targets.vocab import UNITS, Direction, Metric

DEFAULT_PATH = config.CATALOG

# Metrics a row may carry: the catalog's metrics plus the gold annotators' `count` (a flow in the period).
ROW_METRICS = (*Metric, "count")

# For an indicator's metric: the row metrics that fit exactly, then those that fit loosely. A loose fit
# loses to an exact fit of the same specificity. `count` is the gold's word for "things counted in the
# period" (an increment), but annotators also use it for totals to reach (高新技术企业总量), so level
# accepts it loosely. Proportions at a point in time are written as level or share interchangeably.
METRIC_ACCEPTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    Metric.LEVEL: (frozenset({Metric.LEVEL}), frozenset({"count", Metric.RATIO, Metric.SHARE})),
    Metric.INCREMENT: (frozenset({Metric.INCREMENT, "count"}), frozenset()),
    Metric.GROWTH_RATE: (frozenset({Metric.GROWTH_RATE}), frozenset()),
    Metric.SHARE: (frozenset({Metric.SHARE}), frozenset({Metric.LEVEL})),
    Metric.RATIO: (frozenset({Metric.RATIO}), frozenset({Metric.LEVEL})),
    Metric.INDEX: (frozenset({Metric.INDEX}), frozenset({Metric.LEVEL})),
    Metric.STANDARD: (frozenset({Metric.STANDARD}), frozenset({Metric.LEVEL})),
}
# level accepts share only for share units (a 城镇化率 marked share); not a count or money marked share.
_SHARE_AS_LEVEL_DIMENSIONS = frozenset({"share"})

_ID_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_DROPPED_CHARS = str.maketrans("", "", " \t\r\n\u3000\"'“”‘’「」『』《》〈〉")


class CatalogError(Exception):
    """The indicator catalog file is malformed."""


@dataclass(frozen=True)
class Category:
    """A dashboard section; every target row belongs to exactly one."""

    id: str
    zh: str
    en: str


@dataclass(frozen=True)
class Indicator:
    """A canonical indicator: what it measures, in which unit, and the text patterns that recognise it.

    `requires` entries must all occur (an entry may list alternatives with "|"); any `excludes` entry vetoes.
    """

    id: str
    name_zh: str
    name_en: str
    category: str
    direction: str
    norm_unit: str
    metric: str
    family: str | None
    synonyms: tuple[str, ...]
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


# Keys an [[indicator]] table may have: the dataclass fields, plus a free-text note for maintainers.
_INDICATOR_FIELDS = frozenset(f.name for f in fields(Indicator)) | {"note"}


@dataclass(frozen=True)
class CategoryRule:
    """Keywords that put an otherwise unmatched row into a category."""

    category: str
    keywords: tuple[str, ...]


#: an opening that names the means, not the thing counted: 依托重大展会活动为灵活就业人员提供临时就业岗位 counts
#: 岗位, not 展会; 通过老旧小区改造新增绿地 counts what the verb delivers
MEANS = re.compile(
    r"^(?:依托|通过|借助|利用|围绕|结合|发挥|以)[^，,；;]{1,30}?(?=(?:提供|带动|吸纳|创造|新增|实现|引进|培育)\w{2})"
)


def _without_means(text: str) -> str:
    """The indicator text after an opening that names the means (MEANS), else the text."""
    m = MEANS.match(text)
    return text[m.end() :] if m else text


def normalize_text(text: str) -> str:
    """Fold the width, case and spacing variants plans use so that substring tests are fair.

    NFKC turns full-width brackets and digits into ASCII (（５Ｇ） -> (5g)); quote marks and spaces
    are dropped because extractors keep or lose them at random (专精特新“小巨人” vs 专精特新小巨人).
    """
    return unicodedata.normalize("NFKC", text).lower().translate(_DROPPED_CHARS)


@dataclass(frozen=True)
class _Pattern:
    """An indicator's patterns, normalised once at load time."""

    indicator: Indicator
    synonyms: tuple[str, ...]
    requires: tuple[tuple[str, ...], ...]
    excludes: tuple[str, ...]

    def specificity(self, text: str) -> int:
        """Length of the longest synonym found plus the matched `requires` text; 0 when it does not apply."""
        if any(word in text for word in self.excludes):
            return 0
        best = max((len(s) for s in self.synonyms if s in text), default=0)
        if not best:
            return 0
        for alternatives in self.requires:
            found = [len(a) for a in alternatives if a in text]
            if not found:
                return 0
            best += max(found)
        return best


def _dimension(norm_unit: str) -> str | None:
    """What a canonical unit measures (targets.vocab.UNITS): a row matches only indicators of its dimension.
    Money is one dimension whatever the currency: 进出口总额1000亿美元 is the trade indicator kept in 元."""
    unit = UNITS.get(norm_unit)
    return unit.dimension if unit else None


def _metric_fit(indicator: Indicator, norm_unit: str, metric: str) -> int:
    """2 for an exact metric fit, 1 for a loose one, 0 when the row cannot be this indicator."""
    if _dimension(norm_unit) != _dimension(indicator.norm_unit):
        return 0
    exact, loose = METRIC_ACCEPTS[indicator.metric]
    if metric in exact:
        return 2
    if metric in loose:
        if indicator.metric == Metric.LEVEL and metric == Metric.SHARE:
            return 1 if _dimension(indicator.norm_unit) in _SHARE_AS_LEVEL_DIMENSIONS else 0
        return 1
    return 0


class Catalog:
    """The loaded catalog: indicators by id, categories by id, and the category rules for unmatched rows."""

    def __init__(
        self,
        indicators: Mapping[str, Indicator],
        categories: Mapping[str, Category],
        category_rules: Iterable[CategoryRule] = (),
        fallback_by_unit: Mapping[str, str] | None = None,
        fallback_by_metric: Mapping[str, str] | None = None,
        fallback_default: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        #: the parsed TOML the catalog was built from (what a store keeps, so every reader has the same copy)
        self.data: dict[str, Any] = dict(data or {})
        self.indicators: dict[str, Indicator] = dict(indicators)
        self.categories: dict[str, Category] = dict(categories)
        self.category_rules: tuple[CategoryRule, ...] = tuple(category_rules)
        self.fallback_by_unit: dict[str, str] = dict(fallback_by_unit or {})
        self.fallback_by_metric: dict[str, str] = dict(fallback_by_metric or {})
        # Without a default, the first category catches what nothing else claims.
        self.fallback_default = fallback_default or next(iter(self.categories))
        self._patterns = tuple(
            _Pattern(
                indicator=ind,
                synonyms=tuple(normalize_text(s) for s in ind.synonyms),
                requires=tuple(tuple(normalize_text(a) for a in r.split("|")) for r in ind.requires),
                excludes=tuple(normalize_text(e) for e in ind.excludes),
            )
            for ind in self.indicators.values()
        )
        # Keywords by their first character: a keyword can only occur where its first character does
        # ("" for one that normalises to nothing, which occurs everywhere).
        self._keywords: dict[str, list[tuple[str, int, str]]] = {}
        for order, rule in enumerate(self.category_rules):
            for k in rule.keywords:
                keyword = normalize_text(k)
                self._keywords.setdefault(keyword[:1], []).append((keyword, order, rule.category))
        # Candidates are looked up, not scanned: by the row's dimension, then by the first two
        # characters of each synonym (a synonym can only occur where its opening pair does).
        self._index: dict[tuple[str | None, str], list[_Pattern]] = {}
        self._short: dict[str | None, list[_Pattern]] = {}
        for pattern in self._patterns:
            dim = _dimension(pattern.indicator.norm_unit)
            for synonym in pattern.synonyms:
                bucket = self._index.setdefault((dim, synonym[:2]), []) if len(synonym) > 1 else None
                target = bucket if bucket is not None else self._short.setdefault(dim, [])
                if pattern not in target:
                    target.append(pattern)
        self._match_cache: dict[tuple[str, str, str], Indicator | None] = {}

    def __repr__(self) -> str:
        return f"Catalog({len(self.indicators)} indicators, {len(self.categories)} categories)"

    def candidates(self, indicator: str, norm_unit: str, metric: str) -> list[tuple[Indicator, int, int]]:
        """Every indicator the row fits, as (indicator, specificity, metric fit), best first.

        Exposed for debugging and for the catalog page; `match` takes the head when it is unambiguous.
        """
        text = _without_means(normalize_text(indicator))
        metric = metric.strip()
        norm_unit = norm_unit.strip()
        dim = _dimension(norm_unit)
        seen: dict[str, _Pattern] = {p.indicator.id: p for p in self._short.get(dim, ())}
        for i in range(len(text) - 1):
            for p in self._index.get((dim, text[i : i + 2]), ()):
                seen[p.indicator.id] = p
        found = []
        for pattern in seen.values():
            fit = _metric_fit(pattern.indicator, norm_unit, metric)
            if not fit:
                continue
            spec = pattern.specificity(text)
            if spec:
                found.append((pattern.indicator, spec, fit))
        found.sort(key=lambda c: (-c[1], -c[2], c[0].id))
        return found

    def match(self, indicator: str, norm_unit: str, metric: str) -> Indicator | None:
        """The canonical indicator of an extracted row, or None when none fits or two fit equally well.

        `indicator` is the row's indicator text (simplified Chinese), `norm_unit` its canonical unit
        (CNY, percent, count ...), `metric` its metric (level, increment, growth_rate, share, ratio,
        index, standard, or the gold's count). The unit's dimension and the metric must agree with the
        indicator's; among those that agree, the longest synonym (plus matched `requires`) wins, then an
        exact metric fit over a loose one. None rather than a guess: a wrong id mixes plans silently.
        """
        key = (indicator, norm_unit, metric)
        if key in self._match_cache:
            return self._match_cache[key]
        found = self.candidates(indicator, norm_unit, metric)
        best = None if not found or (len(found) > 1 and found[0][1:] == found[1][1:]) else found[0][0]
        if len(self._match_cache) > 50_000:
            self._match_cache.clear()  # bounded: extraction of a large corpus must not grow without end
        self._match_cache[key] = best
        return best

    def category_for(self, indicator: str, norm_unit: str, metric: str, context: str = "") -> str:
        """The category id of a row: its indicator's, else the longest keyword's, else a fallback.

        Always returns a category id, so every row has a dashboard section. When the indicator text
        holds no keyword, `context` (the sentence, then the section heading) is searched before the
        fallback, set in `[category_fallback]`, which reads money and growth rates as economy and
        anything else as the default (safety_governance).
        """
        matched = self.match(indicator, norm_unit, metric)
        if matched is not None:
            return matched.category
        for text in (indicator, context):
            keyword_category = self.category_from_keywords(text)
            if keyword_category:
                return keyword_category
        unit_category = self.fallback_by_unit.get(norm_unit.strip())
        if unit_category:
            return unit_category
        return self.fallback_by_metric.get(metric.strip(), self.fallback_default)

    def category_from_keywords(self, text: str) -> str | None:
        """The category of the longest `[[category_rule]]` keyword found in `text`, or None."""
        normalized = normalize_text(text)
        best: tuple[int, int, str] | None = None
        for first in {"", *normalized}:
            for keyword, order, category in self._keywords.get(first, ()):
                if keyword in normalized and (best is None or (len(keyword), -order) > (best[0], best[1])):
                    best = (len(keyword), -order, category)
        return best[2] if best else None

    def resolve_name(self, name: str) -> list[Indicator]:
        """Indicators an uploaded name refers to; more than one means the name is ambiguous.

        Tries in order and stops at the first step that finds something: the id; name_zh or name_en;
        a synonym equal to the name; synonyms contained in the name (the most specific only). Uploads
        carry no metric here, so a synonym shared by a total and its yearly increment (绿道) gives both and
        the caller must ask the user.
        """
        raw = name.strip()
        if raw in self.indicators:
            return [self.indicators[raw]]
        text = normalize_text(raw)
        if not text:
            return []
        by_name = [
            ind
            for ind in self.indicators.values()
            if text in (normalize_text(ind.name_zh), normalize_text(ind.name_en), ind.id.lower())
        ]
        if by_name:
            return by_name
        exact = [p.indicator for p in self._patterns if text in p.synonyms and p.specificity(text)]
        if exact:
            return exact
        scored = [(p.specificity(text), p.indicator) for p in self._patterns]
        top = max((s for s, _ in scored), default=0)
        return [ind for s, ind in scored if s and s == top]

    def family(self, family_id: str) -> list[Indicator]:
        """The indicators of one family (greenway, air_quality ...), in catalog order."""
        return [ind for ind in self.indicators.values() if ind.family == family_id]

    def in_category(self, category_id: str) -> list[Indicator]:
        """The indicators of one category, in catalog order."""
        return [ind for ind in self.indicators.values() if ind.category == category_id]


# -------------------------------------------------------------------------------------------------
# Loading and validation


def _where(index: int, entry: Mapping[str, Any]) -> str:
    ident = entry.get("id")
    return f"indicator #{index + 1}" + (f" ({ident})" if isinstance(ident, str) else "")


def _optional_string(entry: Mapping[str, Any], field: str, where: str) -> str | None:
    return None if entry.get(field) is None else _string(entry, field, where)


def _string(entry: Mapping[str, Any], field: str, where: str) -> str:
    value = entry.get(field)
    if value is None:
        raise CatalogError(f"{where}: field '{field}' is missing")
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{where}: field '{field}' must be a non-empty string, got {value!r}")
    return value.strip()


def _strings(entry: Mapping[str, Any], field: str, where: str, *, required: bool = False) -> tuple[str, ...]:
    value = entry.get(field)
    if value is None:
        if required:
            raise CatalogError(f"{where}: field '{field}' is missing")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and normalize_text(v) for v in value):
        raise CatalogError(f"{where}: field '{field}' must be a list of non-empty strings, got {value!r}")
    if required and not value:
        raise CatalogError(f"{where}: field '{field}' must not be empty")
    return tuple(v.strip() for v in value)


def _choice(entry: Mapping[str, Any], field: str, where: str, allowed: Iterable[str]) -> str:
    value = _string(entry, field, where)
    allowed = tuple(allowed)
    if value not in allowed:
        raise CatalogError(f"{where}: field '{field}' is {value!r}, not one of {', '.join(allowed)}")
    return value


def _parse_categories(data: Mapping[str, Any]) -> dict[str, Category]:
    table = data.get("categories")
    if not isinstance(table, dict) or not table:
        raise CatalogError("[categories] table is missing or empty")
    categories = {}
    for cid, entry in table.items():
        where = f"category {cid}"
        if not _ID_RE.match(cid):
            raise CatalogError(f"{where}: id must be snake_case")
        if not isinstance(entry, dict):
            raise CatalogError(f"{where}: must be a table with zh and en")
        categories[cid] = Category(id=cid, zh=_string(entry, "zh", where), en=_string(entry, "en", where))
    return categories


def _parse_indicator(index: int, entry: Any, categories: Mapping[str, Category]) -> Indicator:
    if not isinstance(entry, dict):
        raise CatalogError(f"indicator #{index + 1}: must be a table")
    where = _where(index, entry)
    unknown = sorted(set(entry) - _INDICATOR_FIELDS)
    if unknown:
        raise CatalogError(f"{where}: unknown field '{unknown[0]}'")
    ident = _string(entry, "id", where)
    if not _ID_RE.match(ident):
        raise CatalogError(f"{where}: field 'id' must be snake_case English, got {ident!r}")
    return Indicator(
        id=ident,
        name_zh=_string(entry, "name_zh", where),
        name_en=_string(entry, "name_en", where),
        category=_choice(entry, "category", where, categories),
        direction=_choice(entry, "direction", where, Direction),
        norm_unit=_choice(entry, "norm_unit", where, UNITS),
        metric=_choice(entry, "metric", where, Metric),
        family=_optional_string(entry, "family", where),
        synonyms=_strings(entry, "synonyms", where, required=True),
        requires=_strings(entry, "requires", where),
        excludes=_strings(entry, "excludes", where),
    )


def _parse_rules(data: Mapping[str, Any], categories: Mapping[str, Category]) -> list[CategoryRule]:
    rules = []
    raw = data.get("category_rule", [])
    if not isinstance(raw, list):
        raise CatalogError("category_rule must be an array of tables ([[category_rule]])")
    for index, entry in enumerate(raw):
        where = f"category_rule #{index + 1}"
        if not isinstance(entry, dict):
            raise CatalogError(f"{where}: must be a table")
        rules.append(
            CategoryRule(
                category=_choice(entry, "category", where, categories),
                keywords=_strings(entry, "keywords", where, required=True),
            )
        )
    return rules


def _parse_fallback(data: Mapping[str, Any], categories: Mapping[str, Category]) -> tuple[dict, dict, str]:
    table = data.get("category_fallback", {})
    where = "[category_fallback]"
    if not isinstance(table, dict):
        raise CatalogError(f"{where} must be a table")
    maps = []
    for field, keys in (("by_unit", tuple(UNITS)), ("by_metric", ROW_METRICS)):
        mapping = table.get(field, {})
        if not isinstance(mapping, dict):
            raise CatalogError(f"{where}: field '{field}' must be a table")
        for key, cat in mapping.items():
            if key not in keys:
                raise CatalogError(f"{where}: field '{field}' has unknown key {key!r}")
            if cat not in categories:
                raise CatalogError(f"{where}: field '{field}' maps {key!r} to unknown category {cat!r}")
        maps.append(dict(mapping))
    default = table.get("default", next(iter(categories)))
    if default not in categories:
        raise CatalogError(f"{where}: field 'default' is {default!r}, not a category id")
    return maps[0], maps[1], default


def parse_catalog(data: Mapping[str, Any]) -> Catalog:
    """Build a Catalog from parsed TOML data; raises CatalogError naming the entry and field at fault."""
    categories = _parse_categories(data)
    raw = data.get("indicator")
    if not isinstance(raw, list) or not raw:
        raise CatalogError("no [[indicator]] entries")
    indicators: dict[str, Indicator] = {}
    for index, entry in enumerate(raw):
        ind = _parse_indicator(index, entry, categories)
        if ind.id in indicators:
            raise CatalogError(f"{_where(index, entry)}: field 'id' repeats an earlier indicator")
        indicators[ind.id] = ind
    by_unit, by_metric, default = _parse_fallback(data, categories)
    return Catalog(indicators, categories, _parse_rules(data, categories), by_unit, by_metric, default, data)


@functools.cache
def _load(path: Path) -> Catalog:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError as e:
        raise CatalogError(f"{path}: catalog file not found") from e
    except tomllib.TOMLDecodeError as e:
        raise CatalogError(f"{path}: not valid TOML: {e}") from e
    try:
        return parse_catalog(data)
    except CatalogError as e:
        raise CatalogError(f"{path}: {e}") from None


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Load the catalog (default `data/indicators.toml` of this repository), once per path.

    Raises CatalogError when the file is missing, is not TOML, or breaks the schema.
    """
    return _load(Path(path).resolve() if path is not None else DEFAULT_PATH)
