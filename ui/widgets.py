"""Widgets shared by pages, written once: plan picker and filters kept in the URL (st.query_params)."""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.i18n import lang, t


def plan_names() -> dict[str, str]:
    """plan_id -> display name in the current language."""
    frame = data.plans()
    column = "name_en" if lang() == "en" else "name_zh"
    return dict(zip(frame["plan_id"], frame[column], strict=True))


def url_list(key: str) -> list[str]:
    """A comma-separated list from the URL (?plan=a,b)."""
    raw = st.query_params.get(key, "")
    return [v for v in raw.split(",") if v]


def set_url_list(key: str, values: list[str]) -> None:
    if values:
        st.query_params[key] = ",".join(values)
    elif key in st.query_params:
        del st.query_params[key]


def plan_picker(key: str = "plan") -> list[str]:
    """Multi-select of plans, remembered in the URL; empty means all plans."""
    names = plan_names()
    default = [p for p in url_list(key) if p in names]
    chosen = st.multiselect(
        t("plans"), list(names), default=default, format_func=lambda p: names[p], key=f"w_{key}", placeholder=t("all")
    )
    set_url_list(key, chosen)
    return chosen


def text_filter(label: str, key: str = "q") -> str:
    """A text box remembered in the URL."""
    value = st.text_input(label, value=st.query_params.get(key, ""), key=f"w_{key}")
    if value:
        st.query_params[key] = value
    elif key in st.query_params:
        del st.query_params[key]
    return value.strip()
