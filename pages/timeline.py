"""时间线 Timeline: one region and one indicator (or a family) across the years — every plan's target and
every source's actual, the one used marked, each row one click from its sentence or upload."""

import streamlit as st

from ui import data
from ui import timeline as tl
from ui.i18n import lang, t
from ui.layout import page_header
from ui.widgets import family_names, region_select, set_url_value, url_selectbox

page_header("nav_timeline", "timeline_intro")
left, right = st.columns([2, 3])
with left:
    region_id = region_select()
if not region_id:
    st.info(t("tl_no_region"))
    st.stop()

offered = data.region_indicators(region_id)
if offered.empty:
    st.info(t("tl_no_indicator"))
    st.stop()
name_column = "name_en" if lang() == "en" else "name_zh"
names = dict(zip(offered["indicator_id"], offered[name_column], strict=True))
with right:
    modes = ["indicator", "family"]
    start = "family" if st.query_params.get("family") and not st.query_params.get("indicator") else "indicator"
    mode = st.radio(
        t("compare_by"),
        modes,
        index=modes.index(start),
        format_func=lambda m: t(f"by_{m}"),
        horizontal=True,
        key="w_tl_mode",
    )
    if mode == "indicator":
        set_url_value("family", None)
        counts = {r.indicator_id: (r.targets, r.observations) for r in offered.itertuples()}
        chosen = url_selectbox(
            "indicator",
            t("indicator"),
            list(offered["indicator_id"]),
            lambda i: t("tl_indicator_option", name=names.get(i, i), t=counts[i][0], o=counts[i][1]),
            widget_key="w_tl_indicator",
        )
        indicator_ids = [chosen] if chosen else []
    else:
        set_url_value("indicator", None)
        members = offered.dropna(subset=["family"]).groupby("family")["indicator_id"].apply(list).to_dict()
        families = family_names()
        family = url_selectbox(
            "family", t("family"), sorted(members), lambda f: families.get(f, f), widget_key="w_tl_family"
        )
        indicator_ids = list(members.get(family, [])) if family else []
if not indicator_ids:
    st.info(t("tl_no_indicator"))
    st.stop()

shown = data.region_timeline(region_id, tuple(indicator_ids))
for i, indicator_id in enumerate(indicator_ids):
    targets = shown.targets[shown.targets["indicator_id"] == indicator_id]
    seen = shown.observations[shown.observations["indicator_id"] == indicator_id]
    unit = targets["unit"].iloc[0] if not targets.empty else (seen["unit"].iloc[0] if not seen.empty else "")
    st.plotly_chart(
        tl.figure(targets, seen, names.get(indicator_id, indicator_id), unit), width="stretch", key=f"chart_tl_{i}"
    )

st.subheader(t("tl_table"))
table = tl.rows(shown.targets, shown.observations)
refs = tl.references(shown.targets, shown.observations)
st.caption(t("n_shown", n=len(table)) + " · " + t("tl_select_hint"))
event = st.dataframe(
    table.drop(columns=["ref"]),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="w_tl_table",
)
# As on the Targets page: a row selected in the table drives the select box (which AppTest and keyboards use too).
ids = list(table["ref"])
selected = event.selection.rows if event is not None else []
table_pick = ids[selected[0]] if selected and selected[0] < len(ids) else None
if table_pick and table_pick != st.session_state.get("_last_tl_pick"):
    st.session_state["w_tl_pick"] = table_pick
st.session_state["_last_tl_pick"] = table_pick
if not ids:
    st.stop()
if st.session_state.get("w_tl_pick") not in ids:
    st.session_state["w_tl_pick"] = ids[0]
labels = dict(zip(ids, (" · ".join(str(v) for v in row[:4]) for row in table.itertuples(index=False)), strict=True))
ref = st.selectbox(t("tl_pick"), ids, format_func=labels.__getitem__, key="w_tl_pick") or ids[0]

st.markdown(f"**{t('tl_source')}**")
doc_id = refs[ref].get("doc_id")
marked, caption = tl.source(refs[ref], data.document_titles((doc_id,) if isinstance(doc_id, str) else ()))
if marked:
    st.markdown(marked, unsafe_allow_html=True)
st.caption(caption)
