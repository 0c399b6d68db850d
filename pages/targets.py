"""目标 Targets: filter and search every extracted quantity; select one to see its source sentence highlighted."""

import streamlit as st

from ui import auth, data, sources, tables
from ui import corrections as fixes
from ui.highlight import context, highlight
from ui.i18n import t
from ui.layout import page_header
from ui.widgets import (
    category_names,
    category_picker,
    dimension_picker,
    indicator_names,
    indicator_picker,
    kind_picker,
    plan_names,
    plan_picker,
    set_url_value,
    text_filter,
)

#: rows drawn at most: a browser table and a select box of 100k rows cost seconds on every rerun
TABLE_LIMIT = 2000

page_header("nav_targets", "targets_intro")
top = st.columns([3, 2, 3])
with top[0]:
    chosen_plans = plan_picker()
with top[1]:
    chosen_categories = category_picker()
with top[2]:
    chosen_indicators = indicator_picker()
bottom = st.columns([2, 2, 3])
with bottom[0]:
    chosen_kinds = kind_picker()
with bottom[1]:
    chosen_dimensions = dimension_picker()
with bottom[2]:
    query = text_filter(t("search"))

# the first rows in document order, and the one a link asks for: cut in SQL, so the page costs what it shows
shown = data.targets(
    plans=tuple(chosen_plans),
    kinds=tuple(chosen_kinds),
    search=query,
    categories=tuple(chosen_categories),
    indicator_ids=tuple(chosen_indicators),
    dimensions=tuple(chosen_dimensions),
    limit=TABLE_LIMIT,
    wanted=st.query_params.get("target"),
)
rows = shown.rows
limited = shown.total > TABLE_LIMIT
st.caption(
    t("n_shown", n=shown.total) + (" · " + t("n_limited", k=TABLE_LIMIT) if limited else "") + " · " + t("select_hint")
)
if rows.empty:
    st.info(t("no_rows"))
    st.stop()

table = tables.targets(rows, plan_names(), category_names(), indicator_names())
event = st.dataframe(
    table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="w_table"
)

# The row selected in the table drives the select box below (which AppTest and keyboards can use too);
# the selection is also kept in the URL (?target=ID), so a link opens the same source.
ids = list(rows["target_id"])
selected = event.selection.rows if event is not None else []
table_pick = ids[selected[0]] if selected and selected[0] < len(ids) else None
if table_pick and table_pick != st.session_state.get("_last_table_pick"):
    st.session_state["w_pick"] = table_pick
st.session_state["_last_table_pick"] = table_pick
if st.session_state.get("w_pick") not in ids:
    wanted = st.query_params.get("target")
    st.session_state["w_pick"] = wanted if wanted in ids else ids[0]
labels = {r["target_id"]: tables.target_choice(r) for r in rows.to_dict("records")}
target_id = st.selectbox(t("pick_target"), ids, format_func=labels.__getitem__, key="w_pick")
set_url_value("target", target_id)

row = rows[rows["target_id"] == target_id].iloc[0]
st.subheader(t("source_sentence"))
if isinstance(row["sentence"], str) and row["sentence"]:
    st.markdown(
        highlight(row["sentence"], int(row["sentence_start"]), int(row["char_start"]), int(row["char_end"])),
        unsafe_allow_html=True,
    )
else:  # a target added by hand without a quote
    st.caption(t("added_no_quote"))
st.caption(tables.place(row, data.document_titles((row["doc_id"],))))
mark = sources.correction_mark(row)
if mark:
    st.caption(f"✎ {mark}")
original = data.document_file(row["doc_id"])
if original is not None:  # an added plan's file, kept in the database
    st.download_button(t("download_original", name=original[0]), original[1], file_name=original[0], key="w_original")
if isinstance(row["sentence"], str) and row["sentence"]:
    with st.expander(t("context")):
        st.markdown(
            context(data.document_text(row["doc_id"]), int(row["char_start"]), int(row["char_end"])),
            unsafe_allow_html=True,
        )

# --- corrections: editors and admins fix what the extractor read; every view and export shows it -------------
st.subheader(t("corrections"))
st.caption(t("corrections_intro"))
signed_in = auth.account()
if signed_in is None or not signed_in.may("editor"):
    auth.refuse("editor")
else:
    fixes.correction_form(row.to_dict(), signed_in)
    fixes.delete_or_merge(row.to_dict(), rows, signed_in)
    fixes.add_form(row.to_dict(), signed_in)
fixes.outcome()
fixes.history(chosen_plans, signed_in)
