"""进展 Progress: a plan's targets against their actuals, the status (icon and words) and why, a chart each."""

import streamlit as st

from ui import charts, data, tables
from ui import timeline as tl
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
shown = rows.reset_index(drop=True)
event = st.dataframe(
    tables.progress(shown, indicators),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="w_progress_table",
)
# The source of the actual a target was judged on, one click away: the row selected in the table (or in the
# select box) shows the sentence that reported it with the quote highlighted, or the upload's batch and row.
judged = [i for i, where in enumerate(shown["actual_where"]) if isinstance(where, str) and where]
if judged:
    picked = event.selection.rows if event is not None else []
    pick = picked[0] if picked else None
    if pick in judged and pick != st.session_state.get("_last_progress_pick"):
        st.session_state["w_progress_pick"] = pick
    st.session_state["_last_progress_pick"] = pick
    if st.session_state.get("w_progress_pick") not in judged:
        st.session_state["w_progress_pick"] = judged[0]
    labels = {
        i: f"{indicators.get(shown.at[i, 'indicator_id'], shown.at[i, 'indicator_id'])} · {shown.at[i, 'actual_where']}"
        for i in judged
    }
    st.markdown(f"**{t('actual_source')}**")
    choice = st.selectbox(t("tl_pick"), judged, format_func=labels.__getitem__, key="w_progress_pick")
    used = tl.used_reference(shown.iloc[choice if choice is not None else judged[0]])
    doc_id = used.get("doc_id")
    marked, caption = tl.source(used, data.document_titles((doc_id,) if isinstance(doc_id, str) else ()))
    if marked:
        st.markdown(marked, unsafe_allow_html=True)
    st.caption(caption)

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
