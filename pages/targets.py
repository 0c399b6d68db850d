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
    pager,
    plan_names,
    plan_picker,
    range_caption,
    set_url_value,
    text_filter,
)

#: rows a page of the table shows: a browser table and a select box cost what they draw, so a page draws this many
#: whatever the database holds, and the page picker moves through the rest
PAGE_ROWS = 200

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

# one page of rows in document order, cut in SQL (so the page costs what it shows), and the count of all that match;
# a link (?target=ID to a row this session has not shown) opens the page that holds it; the picker moves from there
filters = data.TargetFilters(
    plans=tuple(chosen_plans),
    kinds=tuple(chosen_kinds),
    search=query,
    categories=tuple(chosen_categories),
    indicator_ids=tuple(chosen_indicators),
    dimensions=tuple(chosen_dimensions),
)
linked = st.query_params.get("target")  # a row this session has not shown yet is a link's
if linked in st.session_state.get("_target_ids_shown", ()):
    linked = None
position = data.target_position(linked, filters) if linked else None
total = data.targets(filters, limit=PAGE_ROWS).total
offset = pager(total, PAGE_ROWS, "target_page", filters, position)
shown = data.targets(filters, limit=PAGE_ROWS, offset=offset, wanted=linked)
rows = shown.rows
on_page = min(PAGE_ROWS, max(0, shown.total - offset))  # not counting a linked row added to the page
st.caption(range_caption(shown.total, offset, on_page) + " · " + t("select_hint"))
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
st.session_state["_target_ids_shown"] = frozenset(ids)
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
