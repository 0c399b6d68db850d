"""From a number to its source, the same on every page: the target's sentence with the quote highlighted, the
document's title, issuer, date, page and line; the actual's document sentence, or its upload batch, row and
uploader; a planner's correction with its author and date. Every text is escaped (`ui.safe`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from targets import corrections
from targets.origins import origin_label
from ui import data, safe
from ui import timeline as tl
from ui.highlight import highlight
from ui.i18n import lang, t


def _text(x: object) -> str:
    return x if isinstance(x, str) else ""


def _int(x: object) -> int | None:
    try:
        return None if x is None or pd.isna(x) else int(x)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def document_line(row: Mapping[str, Any]) -> str:
    """《title》 issuer · date · page/line, escaped for Markdown: where a target is written."""
    doc_id = row.get("doc_id")
    doc = None
    if not _text(row.get("doc_title")) and isinstance(row.get("plan_id"), str):  # a quantity: its plan's documents
        docs = data.documents((row["plan_id"],)).set_index("doc_id")
        doc = docs.loc[doc_id] if doc_id in docs.index else None
    title = _text(row.get("doc_title")) or (_text(doc["title"]) if doc is not None else "")
    issuer = _text(row.get("doc_issuer")) or (_text(doc["issuer"]) if doc is not None else "")
    published = _text(row.get("doc_published")) or (_text(doc["published"]) if doc is not None else "")
    parts = [f"{safe.md(title)} ({safe.md(doc_id)})" if title else safe.md(doc_id)]
    parts += [safe.md(x) for x in (issuer, published) if x]
    page, line = _int(row.get("page")), _int(row.get("line"))
    if page is not None:
        page_line = _int(row.get("page_line"))
        parts.append(t("page_line", page=page, line=page_line) if page_line is not None else t("page", page=page))
    if line is not None:
        parts.append(t("line", line=line))
    return " · ".join(parts)


def target_source(row: Mapping[str, Any]) -> None:
    """The target's sentence, highlighted, and where it is; its lead unit, scope and correction if any."""
    sentence = row.get("sentence")
    if isinstance(sentence, str) and sentence and _int(row.get("char_start")) is not None:
        marked = highlight(sentence, int(row["sentence_start"]), int(row["char_start"]), int(row["char_end"]))
        st.markdown(marked, unsafe_allow_html=True)
    elif _text(row.get("quote")):
        st.markdown(f"<mark>{safe.html(row['quote'])}</mark>", unsafe_allow_html=True)
    extras = [document_line(row)]
    for key, value in (("lead_unit", row.get("lead_unit")), ("scope", row.get("scope") or row.get("area"))):
        if _text(value):
            extras.append(f"{t(key)}: {safe.md(value)}")
    st.caption(" · ".join(extras))
    mark = correction_mark(row)
    if mark:
        st.caption(f"✎ {mark}")


def correction_mark(row: Mapping[str, Any]) -> str:
    """ "已更正：数值（李四，2026-12-01）" for a corrected row, escaped; "" for one as extracted."""
    mark = corrections.mark_text(row.get("corrected"), lang())
    if not mark:
        return ""
    who = _text(row.get("corrected_by"))
    when = row.get("corrected_at")
    day = f"{when:%Y-%m-%d}" if hasattr(when, "strftime") and not pd.isna(when) else ""
    detail = ", ".join(x for x in (who, day) if x)
    return safe.md(f"{mark} ({detail})" if detail else mark)


def actual_source(row: Mapping[str, Any]) -> bool:
    """The source of the actual a status used (a document's sentence, or an upload's batch and row);
    False when the row was judged on no actual."""
    if not _text(row.get("actual_where")):
        return False
    used = tl.used_reference(row)
    doc_id = used.get("doc_id")
    marked, caption = tl.source(used, data.document_titles((doc_id,) if isinstance(doc_id, str) else ()))
    origin = origin_label(row.get("actual_origin"), lang())
    if marked:
        st.markdown(marked, unsafe_allow_html=True)
    st.caption(f"{safe.md(origin)} · {caption}" if origin else caption)
    return True


def provenance(row: Mapping[str, Any], heading: bool = True) -> None:
    """Both sources of a comparison row: the target's and the actual's."""
    if heading:
        st.markdown(f"**{t('target_source')}**")
    target_source(row)
    if _text(row.get("actual_where")):
        st.markdown(f"**{t('actual_source')}**")
        actual_source(row)


def label_of(row: Mapping[str, Any], plans: Mapping[str, str], indicators: Mapping[str, str]) -> str:
    """ "指标 · 规划 · 目标" of a comparison row, escaped: what a source panel is about."""
    from targets import formatting as fmt

    target = fmt.target(
        row["comparator"], row["target"], row["target_low"], row["target_high"], row["unit"], lang(),
        row.get("unit_word") or "",
    )  # fmt: skip
    name = indicators.get(row["indicator_id"], row["indicator_id"])
    return " · ".join(safe.md(x) for x in (name, plans.get(row["plan_id"], row["plan_id"]), target))
