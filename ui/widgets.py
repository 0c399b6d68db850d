"""Widgets shared by pages, written once, with their state in the URL (st.query_params).

A filter's value lives in the URL (?plan=a,b&cat=housing&q=住房), so a copied link reproduces the
view; each widget reads its default from the URL and writes its value back on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

import streamlit as st

from targets.vocab import DIMENSIONS, Kind
from ui import data
from ui.i18n import PLAN_TYPES, lang, pick, t, word
from ui.status import status_label

# --- names in the current language --------------------------------------------------------------------


def plan_names() -> dict[str, str]:
    """plan_id -> display name in the current language (an added plan without English keeps its Chinese)."""
    frame = data.plans()
    if lang() != "en":  # the language read once, not per plan (a nation has thousands)
        return dict(zip(frame["plan_id"], frame["name_zh"], strict=True))
    return {
        p: en if isinstance(en, str) and en else zh
        for p, zh, en in zip(frame["plan_id"], frame["name_zh"], frame["name_en"], strict=True)
    }


def plan_short_names() -> dict[str, str]:
    """plan_id -> a short name that says what the plan is: its region, years and type ("重庆市 2023–2027
    行动方案"), for cards, axes and column headers; the full name goes in the hover (`plan_names`)."""
    english = lang() == "en"  # read once, as the plan types' words: a nation has thousands of plans
    kinds = {key: pair[1] if english else pair[0] for key, pair in PLAN_TYPES.items() if pair}
    names: dict[str, str] = {}
    taken: set[str] = set()  # the names given so far (a nation has thousands of plans: no scan of the values)
    for row in data.plans().itertuples():
        region = row.region_en if english and isinstance(row.region_en, str) and row.region_en else row.region
        start, end = int(row.start_year), int(row.end_year)
        years = str(end) if start == end else f"{start}–{end}"
        kind = kinds.get(row.plan_type or "", row.plan_type or "")
        name = f"{region or ''} {years} {kind}".strip()
        while name in taken:  # two plans of one region, years and type: keep them apart
            name += f" ({row.plan_id})"
        names[row.plan_id] = name
        taken.add(name)
    return names


def excerpt_plans() -> set[str]:
    """The plans one of whose documents is an excerpt: what they lack is not loaded, not absent."""
    docs = data.documents()
    return set(docs.loc[docs["excerpt"].fillna(False).astype(bool), "plan_id"])


def category_names() -> dict[str, str]:
    """category_id -> display name in the current language."""
    frame = data.categories()
    column = "name_en" if lang() == "en" else "name_zh"
    return dict(zip(frame["category_id"], frame[column], strict=True))


def indicator_names() -> dict[str, str]:
    """indicator_id -> display name in the current language."""
    frame = data.indicators()
    column = "name_en" if lang() == "en" else "name_zh"
    return dict(zip(frame["indicator_id"], frame[column], strict=True))


def family_names() -> dict[str, str]:
    """family id -> a name built from its indicators (the catalog gives families ids only)."""
    frame = data.indicators()
    column = "name_en" if lang() == "en" else "name_zh"
    joiner = ", " if lang() == "en" else "、"
    names = {}
    for family, group in frame.dropna(subset=["family"]).groupby("family", sort=True):
        members = list(group[column])
        shown = joiner.join(members[:3]) + (t("and_more") if len(members) > 3 else "")
        names[family] = f"{family} · {shown}"
    return names


# --- URL-backed widgets --------------------------------------------------------------------------------


def url_list(key: str) -> list[str]:
    """A comma-separated list from the URL (?plan=a,b)."""
    raw = st.query_params.get(key, "")
    return [v for v in raw.split(",") if v]


def set_url_list(key: str, values: Sequence[str]) -> None:
    if values:
        st.query_params[key] = ",".join(values)
    elif key in st.query_params:
        del st.query_params[key]


def set_url_value(key: str, value: str | None) -> None:
    if value:
        st.query_params[key] = value
    elif key in st.query_params:
        del st.query_params[key]


def url_multiselect(
    key: str, label: str, options: Sequence[str], format_func: Callable[[str], str], widget_key: str | None = None
) -> list[str]:
    """A multi-select remembered in the URL under `key`; empty means no filter."""
    default = [v for v in url_list(key) if v in options]
    chosen = st.multiselect(
        label,
        list(options),
        default=default,
        format_func=format_func,
        key=widget_key or f"w_{key}",
        placeholder=t("all"),
    )
    set_url_list(key, chosen)
    return chosen


def url_selectbox(
    key: str,
    label: str,
    options: Sequence[str],
    format_func: Callable[[str], str],
    default: str | None = None,
    widget_key: str | None = None,
) -> str | None:
    """A select box remembered in the URL under `key` (the URL's value, else `default`, else the first)."""
    options = list(options)
    if not options:
        return None
    wanted = st.query_params.get(key) or default
    index = options.index(wanted) if wanted in options else 0
    chosen = st.selectbox(label, options, index=index, format_func=format_func, key=widget_key or f"w_{key}")
    set_url_value(key, chosen)
    return chosen


def url_toggle(key: str, label: str, help: str | None = None) -> bool:
    """A toggle remembered in the URL (?key=1 when on)."""
    on = st.toggle(label, value=st.query_params.get(key) == "1", help=help, key=f"w_{key}")
    set_url_value(key, "1" if on else None)
    return on


def text_filter(label: str, key: str = "q") -> str:
    """A text box remembered in the URL."""
    value = st.text_input(label, value=st.query_params.get(key, ""), key=f"w_{key}")
    set_url_value(key, value)
    return value.strip()


def pager(total: int, per_page: int, key: str, filters: object, wanted_row: int | None = None) -> int:
    """A page picker for `total` rows shown `per_page` at a time; the 0-based first row of the page chosen.

    The page is kept in the session (`w_<key>`); it goes back to the first page when `filters` (any value that
    compares equal for the same selection) change, and to the page holding row `wanted_row` when given (a link
    to a row). No picker is drawn when everything fits on one page."""
    pages = max(1, -(-total // per_page))
    widget, seen = f"w_{key}", f"_{key}_filters"
    if wanted_row is not None:
        st.session_state[widget] = wanted_row // per_page + 1
    elif st.session_state.get(seen) != filters or not 1 <= st.session_state.get(widget, 1) <= pages:
        st.session_state[widget] = 1
    st.session_state[seen] = filters
    if pages == 1:
        return 0
    number = st.columns([1, 3])[0].number_input(
        t("page_number", n=pages, k=per_page), min_value=1, max_value=pages, step=1, key=widget
    )
    return (int(number) - 1) * per_page


def range_caption(total: int, offset: int, shown: int) -> str:
    """The count line of a paged table: 共 N 条 · 显示第 a–b 条 (the whole count, and which rows this page shows)."""
    text = t("n_shown", n=total)
    if shown and shown < total:
        text += " · " + t("n_range", a=offset + 1, b=offset + shown)
    return text


# --- the pickers pages share ---------------------------------------------------------------------------


def plan_picker(key: str = "plan") -> list[str]:
    """Multi-select of plans, remembered in the URL; empty means all plans."""
    names = plan_names()
    return url_multiselect(key, t("plans"), list(names), lambda p: names.get(p, p))


def plan_select(key: str = "plan") -> str | None:
    """One plan, remembered in the URL (first plan by default)."""
    names = plan_names()
    return url_selectbox(key, t("plan"), list(names), lambda p: names.get(p, p), widget_key=f"w_{key}_one")


def region_names() -> dict[str, str]:
    """region_id -> display name in the current language, regions with plans first (most plans first)."""
    frame = data.regions().sort_values(["plans", "region_id"], ascending=[False, True], kind="stable")
    english = lang() == "en"
    return {
        r.region_id: (r.name_en if english and isinstance(r.name_en, str) and r.name_en else r.name_zh)
        for r in frame.itertuples()
    }


def region_select(key: str = "region") -> str | None:
    """One region, remembered in the URL (?region=510100); the region with the most plans by default."""
    names = region_names()
    return url_selectbox(key, t("tl_region"), list(names), lambda r: names.get(r, r), widget_key=f"w_{key}_one")


def category_picker(key: str = "cat", options: Sequence[str] | None = None) -> list[str]:
    """Multi-select of catalog categories, remembered in the URL."""
    names = category_names()
    return url_multiselect(key, t("category"), list(options or names), lambda c: names.get(c, c))


def indicator_picker(key: str = "ind", options: Sequence[str] | None = None) -> list[str]:
    """Multi-select of catalog indicators (those that occur, unless `options` says), remembered in the URL."""
    names = indicator_names()
    if options is None:
        frame = data.indicators()
        options = list(frame.loc[frame["targets"] > 0, "indicator_id"])
    return url_multiselect(key, t("indicator"), list(options), lambda i: names.get(i, i))


def kind_picker(key: str = "kind") -> list[str]:
    """Multi-select of kinds (target, actual, baseline), remembered in the URL."""
    labels: dict[str, str] = {k: word(Kind, k) for k in Kind}
    return url_multiselect(key, t("kind"), list(labels), labels.__getitem__)


def dimension_picker(key: str = "dim") -> list[str]:
    """Multi-select of unit dimensions (money, area, count ...), remembered in the URL."""
    labels = {d: pick(DIMENSIONS.get(d), d) for d in data.dimensions_in_use()}
    return url_multiselect(key, t("dimension"), list(labels), labels.__getitem__)


def as_of_select(key: str = "as_of") -> int | None:
    """ "As of" a year (?as_of=2024): the figures as at that year's end, periods up to it over; "latest" by
    default (the calendar decides which periods are over)."""
    this_year = date.today().year
    options: list[int | None] = [None, *range(this_year, 2014, -1)]
    wanted = st.query_params.get(key)
    index = options.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in options else 0
    chosen = st.selectbox(
        t("as_of"),
        options,
        index=index,
        format_func=lambda y: t("as_of_latest") if y is None else t("as_of_year", year=y),
        help=t("as_of_help"),
        key=f"w_{key}",
    )
    set_url_value(key, str(chosen) if chosen else None)
    return chosen


def status_picker(key: str = "status", options: Sequence[str] = ()) -> list[str]:
    """Multi-select of progress statuses (shown with icon and label), remembered in the URL."""
    labels = {s: status_label(s) for s in options}
    return url_multiselect(key, t("status"), list(labels), labels.__getitem__)


#: indicators every planner asks about first (the overview's cards; the compare list leads with them)
HEADLINES = ("gdp_growth", "new_urban_jobs", "affordable_rental_housing", "green_space_new")


def indicator_or_family(default_indicator: str = "affordable_rental_housing") -> tuple[str, list[str], str]:
    """Pick one indicator or one family of indicators; returns (mode, indicator ids, display name).

    The URL holds ?indicator=ID or ?family=ID. Only indicators that some plan sets are offered, the
    headline indicators first, then those most plans set.
    """
    frame = data.indicators()
    offered = frame[frame["plans"] > 0]
    names = indicator_names()
    modes = ["indicator", "family"]
    start = "family" if st.query_params.get("family") and not st.query_params.get("indicator") else "indicator"
    mode_labels = {m: t(f"by_{m}") for m in modes}
    mode = st.radio(
        t("compare_by"),
        modes,
        index=modes.index(start),
        format_func=mode_labels.__getitem__,
        horizontal=True,
        key="w_compare_mode",
    )
    if mode == "indicator":
        set_url_value("family", None)
        headline = offered["indicator_id"].map(lambda i: HEADLINES.index(i) if i in HEADLINES else len(HEADLINES))
        ordered = offered.assign(_headline=headline).sort_values(
            ["_headline", "plans", "category", "indicator_id"], ascending=[True, False, True, True]
        )
        counts = dict(zip(ordered["indicator_id"], ordered["plans"], strict=True))
        chosen = url_selectbox(
            "indicator",
            t("indicator"),
            list(ordered["indicator_id"]),
            {i: f"{names.get(i, i)} · {t('n_plans', n=n)}" for i, n in counts.items()}.__getitem__,
            default=default_indicator,
        )
        return mode, [chosen] if chosen else [], names.get(chosen or "", chosen or "")
    set_url_value("indicator", None)
    families = family_names()
    in_use = offered.dropna(subset=["family"]).groupby("family")["indicator_id"].apply(list).to_dict()
    chosen = url_selectbox("family", t("family"), sorted(in_use), lambda f: families.get(f, f), default="green_space")
    members = list(in_use.get(chosen, []))
    return mode, members, families.get(chosen or "", chosen or "")


def image_downloads(figure: Any, title: str, note: str, file_stem: str, key: str) -> None:
    """PNG and SVG download buttons for a chart in a report: its `title` on top and the source `note` under it,
    rendered on click (ui.charts.image: kaleido in chromium), never on every visit."""
    from ui import charts

    buttons = st.columns(len(charts.IMAGE_FORMATS))
    for column, (fmt, mime) in zip(buttons, charts.IMAGE_FORMATS.items(), strict=True):
        column.download_button(
            fmt.upper(),
            data=partial(charts.image, figure, fmt, title, note),
            file_name=f"{file_stem}.{fmt}",
            mime=mime,
            key=f"{key}_{fmt}",
            on_click="ignore",
            icon=":material/image:",
            width="stretch",
        )


def suggested_plan_id(region: str, region_code: str, end_year: int, plan_type: str) -> str:
    """A new plan's id from its region and last year: the region's English name as the catalog of regions
    knows it (成都市温江区 -> wenjiang_2025), else its code (r510700_2025); "" when neither is known. An id
    already taken gets the plan type (chengdu_2025_action_plan)."""
    import re

    regions = data.regions()
    region = region.strip()
    known = regions[(regions["name_zh"] == region) | (regions["region_id"] == region_code.strip())]
    english = next((n for n in known["name_en"] if isinstance(n, str) and n), "")
    words = re.findall(r"[a-z]+", english.split(",")[0].lower())
    stem = words[0] if words else (f"r{region_code.strip()}" if region_code.strip().isdigit() else "")
    if not stem:
        return ""
    suggestion = f"{stem}_{end_year}"
    if suggestion in set(data.plans()["plan_id"]):
        suggestion += f"_{plan_type}"
    return suggestion
