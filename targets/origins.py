"""Where an observation comes from, and which source wins when two disagree.

An observation (a region's value of an indicator for a year) is an uploaded actual or a figure a
document reports. When sources disagree the timeline keeps every value and uses the strongest, in
this order (the first is the strongest):

1. ``upload``: a planner's uploaded actual (the latest active upload of the same figure wins);
2. ``communique``: a statistical communiqué (统计公报), whose every figure is an actual of its year;
3. ``review``: a document's review of a past year (the next year's work report reporting last year);
4. ``baseline``: a figure a document quotes as its starting point.

Between two documents of the same origin the later one wins (by its publication date, else its
year); within one document a plain figure beats a bound (5.2% over 控制在5.5%以内), then the first
statement. `targets.store` ranks observations in SQL with `ORIGIN_RANK`; pages show the labels.
"""

from __future__ import annotations

from targets.formatting import quantity

#: the document type of a statistical communiqué (documents.plan_type): all its figures are actuals
COMMUNIQUE = "statistical_communique"

#: origins, strongest first
ORIGINS = ("upload", "communique", "review", "baseline")
#: origin -> rank in the precedence (0 is the strongest)
ORIGIN_RANK = {origin: rank for rank, origin in enumerate(ORIGINS)}
#: origin -> (Chinese, English) label
ORIGIN_LABELS = {
    "upload": ("上传", "upload"),
    "communique": ("统计公报", "statistical communiqué"),
    "review": ("工作回顾", "review of the year"),
    "baseline": ("基数", "baseline"),
}
#: comparators of a figure stated exactly (a bound such as 控制在5.5%以内 ranks after them in one document)
EXACT_COMPARATORS = ("=", "~")


def origin_label(origin: str | None, lang: str = "zh") -> str:
    """The origin in words ("统计公报"); "" for none."""
    pair = ORIGIN_LABELS.get(origin or "")
    if pair is None:
        return origin or ""
    return pair[1] if lang == "en" else pair[0]


def observation_text(
    value: object, unit: str, origin: str | None, source: object, place: str, lang: str = "zh", word: str = ""
) -> str:
    """One observation in words: its source (a document's title, an upload's file) or origin, its value and
    its place: "德阳市2024年统计公报 5.8% (td07.txt:14)"."""
    name = source if isinstance(source, str) and source else origin_label(origin, lang)
    shown = quantity(value, unit, lang, word)
    return f"{name} {shown}" + (f" ({place})" if place else "")


def others_text(others: list[dict] | None, lang: str = "zh", word: str = "") -> str:
    """The other sources' values for a year, strongest first, joined by " · " ("" for none); `word` is the
    plan's unit word (亩, 人) the numbers are written in."""
    return " · ".join(
        observation_text(
            o.get("value"),
            o.get("unit") or "",
            o.get("origin"),
            o.get("source_title"),
            o.get("where") or "",
            lang,
            word,
        )
        for o in others or ()
    )


def where(doc_id: object, line: object, batch_id: object, row_no: object) -> str:
    """An observation's place: "doc:line" for a document's figure, "batch:row" for an upload; "" for none."""
    if isinstance(batch_id, str) and batch_id:
        return f"{batch_id}:{_int(row_no)}" if _int(row_no) is not None else batch_id
    if isinstance(doc_id, str) and doc_id:
        return f"{doc_id}:{_int(line)}" if _int(line) is not None else doc_id
    return ""


def _int(x: object) -> int | None:
    try:
        return int(x)  # type: ignore[call-overload]
    except (TypeError, ValueError):  # None, NaN, NA
        return None
