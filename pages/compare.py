"""对比 Compare: one indicator (or a family) across plans in one chart, with the table under it; a click on a
point or a row shows the sentence it comes from; the chart downloads as PNG or SVG for a report."""

import streamlit as st

from targets.export import sources_note
from ui import charts, data, safe, sources, tables
from ui.i18n import lang, t
from ui.layout import page_header
from ui.widgets import (
    image_downloads,
    indicator_names,
    indicator_or_family,
    plan_names,
    plan_picker,
    plan_short_names,
    url_toggle,
)

page_header("nav_compare", "compare_intro")
left, right = st.columns([3, 2])
with left:
    _mode, indicator_ids, title = indicator_or_family()
with right:
    chosen_plans = plan_picker()
    log = url_toggle("log", t("log_scale"), help=t("log_scale_help"))

#: plans drawn at most when none is chosen: one chart of a nation's plans would be unreadable and slow
MAX_PLANS = 30

names = plan_names()
plan_order = chosen_plans or list(names)
if not chosen_plans and len(names) > MAX_PLANS:  # the first plans that set it, found in SQL
    setting = data.plans_comparing(tuple(indicator_ids))
    plan_order = list(setting[:MAX_PLANS])
    if len(setting) > MAX_PLANS:
        st.caption(t("n_plans_limited", k=MAX_PLANS, n=len(setting)))
rows = data.comparison(tuple(indicator_ids), tuple(plan_order))
st.subheader(title)
if rows.empty:
    st.info(t("no_comparison"))
    st.stop()

indicators = indicator_names()
short = plan_short_names()
figure = charts.comparison_figure(rows, plan_order, names, indicators, log=log, short_names=short)
chart = st.plotly_chart(
    figure,
    width="stretch",
    key="chart_compare",
    on_select="rerun",
    selection_mode="points",
    config={"responsive": True},
)
st.caption(t("legend_symbols") + " " + t("click_for_source"))
apart = int((~rows["comparable"].astype(bool)).sum())
if apart:
    st.caption(t("not_comparable_note", n=apart))

st.markdown(f"**{t('chart_table')}**")
shown = rows.reset_index(drop=True)
table = st.dataframe(
    tables.comparison(shown, short, indicators),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="w_compare_table",
)

# the target to show the source of: a point clicked in the chart, else a row selected in the table, else the first
clicked = [p.get("customdata") for p in (chart.selection.points if chart is not None else [])]
picked_rows = table.selection.rows if table is not None else []
ids = list(shown["target_id"])
chosen = next((c for c in clicked if c in ids), None)
if chosen is None and picked_rows:
    chosen = ids[picked_rows[0]]
row = shown[shown["target_id"] == (chosen or ids[0])].iloc[0].to_dict()
st.markdown(f"**{t('source_of', what=sources.label_of(row, short, indicators))}**")
sources.provenance(row, heading=False)

st.markdown(f"**{t('chart_download')}**")
note = sources_note(shown, lang())
chart_title = t("compare_chart_title", name=title)
image_downloads(figure, chart_title, note, title, "w_compare")
st.caption(safe.md(note))
