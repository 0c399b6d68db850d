"""Labels in Chinese first, with an English switch that changes every label.

The language lives in st.session_state and in the URL (?lang=en), so a shared link keeps it.
"""

from __future__ import annotations

import streamlit as st

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("规划目标监测", "Target monitor"),
    "language": ("语言", "Language"),
    "nav_overview": ("总览", "Overview"),
    "nav_targets": ("目标", "Targets"),
    "overview_intro": (
        "从政府工作报告、五年规划建议和行动方案中自动提取的量化目标。",
        "Quantitative targets extracted automatically from work reports, five-year plan proposals and action plans.",
    ),
    "plans": ("规划", "Plans"),
    "plan": ("规划", "Plan"),
    "targets": ("目标", "Targets"),
    "quantities": ("数值", "Quantities"),
    "actual_or_baseline": ("实绩/基数", "Actuals/baselines"),
    "documents": ("文件", "Documents"),
    "by_category": ("按领域统计的目标数", "Targets by category"),
    "category": ("领域", "Category"),
    "count": ("数量", "Count"),
    "sources": ("数据来源", "Where the data came from"),
    "search": ("搜索(指标、原文、牵头单位)", "Search (indicator, quote, lead unit)"),
    "kind": ("类型", "Kind"),
    "indicator": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "norm": ("标准化数值", "Normalised"),
    "norm_unit": ("标准单位", "Canonical unit"),
    "comparator": ("比较", "Comparator"),
    "year": ("年份", "Year"),
    "lead_unit": ("牵头单位", "Lead unit"),
    "metric": ("指标类型", "Metric"),
    "quote": ("原文", "Quote"),
    "source_sentence": ("原文出处", "Source sentence"),
    "pick_target": ("查看原文出处", "Show the source of"),
    "location": ("位置", "Location"),
    "line": ("第{line}行", "line {line}"),
    "section": ("章节", "Section"),
    "item": ("条目", "Item"),
    "no_rows": ("没有符合条件的目标。", "No targets match these filters."),
    "n_shown": ("共 {n} 条", "{n} rows"),
    "all": ("全部", "All"),
    "title": ("标题", "Title"),
    "issuer": ("发布机关", "Issuer"),
    "published": ("发布日期", "Published"),
    "script": ("字体", "Script"),
    "region": ("地区", "Region"),
    "building_db": ("首次启动:正在从源文件构建数据库……", "First start: building the database from the sources…"),
}

KINDS = {"target": ("目标", "target"), "actual": ("实绩", "actual"), "baseline": ("基数", "baseline")}


def lang() -> str:
    """'zh' or 'en'."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "zh"
    return st.session_state["lang"]


def t(key: str, **values: object) -> str:
    """The label for `key` in the current language, with {placeholders} filled."""
    zh, en = LABELS[key]
    text = en if lang() == "en" else zh
    return text.format(**values) if values else text


def pick(pair: tuple[str, str] | None, fallback: str = "") -> str:
    """Choose from a (zh, en) pair in the current language."""
    if not pair:
        return fallback
    return pair[1] if lang() == "en" else pair[0]


def language_switch() -> None:
    """A sidebar switch between 中文 and English, kept in the URL."""
    current = lang()
    choice = st.sidebar.radio(
        "语言 / Language", ["中文", "English"], index=1 if current == "en" else 0, horizontal=True, key="lang_radio"
    )
    new = "en" if choice == "English" else "zh"
    if new != current:
        st.session_state["lang"] = new
    if new == "en":
        st.query_params["lang"] = "en"
    elif "lang" in st.query_params:
        del st.query_params["lang"]
