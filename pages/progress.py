"""进展 Progress: a plan's targets against their actuals, the status (icon and words) and why, a chart each."""

import streamlit as st

from ui import charts, data, tables
from ui.i18n import lang, t
from ui.layout import page_header
from ui.status import ordered, status_label
from ui.widgets import category_picker, indicator_names, plan_select, status_picker

#: charts drawn at most (a plan has up to ~70 catalog targets; filters narrow the rest)
MAX_CHARTS = 12

page_header("nav_progress", "progress_intro")
columns = st.columns([3, 2, 2])
with columns[0]:
    plan_id = plan_select()
if not plan_id:
    st.stop()
everything = data.comparison(plans=(plan_id,))
with columns[1]:
    chosen_statuses = status_picker(options=ordered(set(everything["status"])))
with columns[2]:
    chosen_categories = category_picker(options=sorted(set(everything["category"].dropna())))

if everything.empty:
    st.info(t("no_progress"))
    st.stop()

counts = everything["status"].value_counts()
for column, status in zip(st.columns(len(ordered(set(counts.index)))), ordered(set(counts.index)), strict=True):
    column.metric(status_label(status), int(counts[status]))

rows = everything
if chosen_statuses:
    rows = rows[rows["status"].isin(chosen_statuses)]
if chosen_categories:
    rows = rows[rows["category"].isin(chosen_categories)]
st.caption(t("n_shown", n=len(rows)))
indicators = indicator_names()
st.dataframe(tables.progress(rows, indicators), hide_index=True, width="stretch")

st.subheader(t("charts"))
charted = tables.chart_order(rows)[:MAX_CHARTS]
st.caption(t("charts_note", n=len(charted), m=len(rows)))
for i, row in enumerate(charted):
    if i % 2 == 0:
        pair = st.columns(2)  # a row of two charts: reading order is chart order, also when columns stack
    observed = data.observed_points(row["region_id"], row["indicator_id"], row["unit"])
    name = indicators.get(row["indicator_id"], row["indicator_id"])
    with pair[i % 2]:
        st.plotly_chart(charts.progress_figure(row, observed, name), width="stretch", key=f"chart_progress_{i}")
        st.caption(row["reason_en"] if lang() == "en" else row["reason_zh"])
