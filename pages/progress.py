"""进展 Progress: a plan's targets against their region's actuals as of a year: the status (icon and words) and
why, the source of the target and of the actual one click away, a way to enter a missing baseline, a chart
each (downloadable for a report)."""

import streamlit as st

from targets import accounts, actuals
from targets.export import sources_note
from targets.store import StoreError
from targets.vocab import Status
from ui import auth, charts, data, safe, sources, tables
from ui.i18n import lang, t
from ui.layout import page_header
from ui.status import ordered, status_label
from ui.widgets import (
    as_of_select,
    category_picker,
    image_downloads,
    indicator_names,
    plan_select,
    plan_short_names,
    status_picker,
)

#: charts drawn at most (a plan has up to ~70 catalog targets; filters narrow the rest)
MAX_CHARTS = 12

page_header("nav_progress", "progress_intro")
columns = st.columns([3, 2, 2, 1])
with columns[0]:
    plan_id = plan_select()
if not plan_id:
    st.stop()
with columns[3]:
    as_of = as_of_select()
everything = data.comparison(plans=(plan_id,), as_of=as_of)
with columns[1]:
    chosen_statuses = status_picker(options=ordered(set(everything["status"])))
with columns[2]:
    chosen_categories = category_picker(options=sorted(set(everything["category"].dropna())))

if everything.empty:
    st.info(t("no_progress"))
    st.stop()

# the status totals: a target set for part of the region is no part of them (it is listed, marked)
counted = everything[everything["status"] != Status.SCOPED]
counts = counted["status"].value_counts()
present = ordered(set(counts.index))
for column, status in zip(st.columns(max(1, len(present))), present, strict=False):
    column.metric(status_label(status), int(counts[status]))
scoped = len(everything) - len(counted)
st.caption(
    (t("as_of_note", year=as_of) if as_of else t("as_of_now")) + (" · " + t("scoped_note", n=scoped) if scoped else "")
)

rows = everything
if chosen_statuses:
    rows = rows[rows["status"].isin(chosen_statuses)]
if chosen_categories:
    rows = rows[rows["category"].isin(chosen_categories)]
st.caption(t("n_shown", n=len(rows)) + " · " + t("select_hint"))
indicators = indicator_names()
short = plan_short_names()
shown = rows.reset_index(drop=True)
event = st.dataframe(
    tables.progress(shown, indicators),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="w_progress_table",
)

# The sources of the row selected in the table (or in the select box): the target's sentence and the actual's.
if not shown.empty:
    picked = event.selection.rows if event is not None else []
    pick = picked[0] if picked else None
    if pick is not None and pick != st.session_state.get("_last_progress_pick"):
        st.session_state["w_progress_pick"] = pick
    st.session_state["_last_progress_pick"] = pick
    if st.session_state.get("w_progress_pick") not in range(len(shown)):
        judged = [i for i, where in enumerate(shown["actual_where"]) if isinstance(where, str) and where]
        st.session_state["w_progress_pick"] = judged[0] if judged else 0
    labels = {i: sources.label_of(shown.iloc[i].to_dict(), short, indicators) for i in range(len(shown))}
    choice = st.selectbox(t("tl_pick"), list(labels), format_func=labels.__getitem__, key="w_progress_pick")
    row = shown.iloc[choice].to_dict()
    sources.provenance(row)
    if not isinstance(row.get("actual_where"), str) or not row.get("actual_where"):
        st.caption(t("no_actual_source"))


def save_baseline(missing, signed_in) -> None:
    """The baseline form's callback (before the script, so a rerun cannot swallow the click): the typed figure
    uploaded as a batch of one row, through the checks of a file; the outcome kept for the run that follows."""
    which = st.session_state.get("w_baseline_pick")
    if which is None or which not in missing.index:
        return
    target_row = missing.loc[which]
    try:
        imported = data.enter_baseline(
            target_row["region_id"],
            target_row["indicator_id"],
            int(target_row["baseline_needed"]),
            st.session_state.get("w_baseline_value", ""),
            st.session_state.get("w_baseline_unit", ""),
            signed_in,
        )
    except actuals.InvalidUpload as e:
        english = lang() == "en"
        errors = [p.message_en if english else p.message_zh for p in e.report.errors]
        st.session_state["baseline_outcome"] = ("error", errors)
    except (StoreError, accounts.AccountError) as e:
        st.session_state["baseline_outcome"] = ("error", [safe.message(e, lang())])
    else:
        st.session_state["baseline_outcome"] = ("success", [t("baseline_saved", batch=imported.batch.batch_id)])


# A path that needs a starting figure nobody gave: the figure can be entered here, as an upload of one row.
missing = shown[shown["status"] == Status.NO_BASELINE]
if not missing.empty:
    st.subheader(t("baseline_entry"))
    st.caption(t("baseline_entry_note"))
    signed_in = auth.account()
    if signed_in is None or not signed_in.may("editor"):
        auth.refuse("editor")
    else:
        options = {
            i: f"{indicators.get(r['indicator_id'], r['indicator_id'])} · {int(r['baseline_needed'])}"
            for i, r in missing.iterrows()
            if r["baseline_needed"] == r["baseline_needed"]
        }
        with st.form("baseline_form", clear_on_submit=False):
            which = st.selectbox(t("indicator"), list(options), format_func=options.__getitem__, key="w_baseline_pick")
            value_column, unit_column = st.columns(2)
            value_column.text_input(t("value"), key="w_baseline_value")
            target_row = missing.loc[which] if which is not None else None
            default_unit = actuals.unit_label(target_row["unit"]) if target_row is not None else ""
            unit_column.text_input(t("unit"), value=default_unit, key="w_baseline_unit")
            st.form_submit_button(t("baseline_save"), type="primary", on_click=save_baseline, args=(missing, signed_in))
        said = st.session_state.pop("baseline_outcome", None)
        if said is not None:  # what the last save did: the batch, or every problem of the row
            kind, texts = said
            for text in texts:
                (st.success if kind == "success" else st.error)(safe.md(text))

st.subheader(t("charts"))
charted = tables.chart_order(rows)[:MAX_CHARTS]
st.caption(t("charts_note", n=len(charted), m=len(rows)))
figures = []
for i, row in enumerate(charted):
    if i % 2 == 0:
        pair = st.columns(2)  # a row of two charts: reading order is chart order, also when columns stack
    observed = data.observed_points(row["region_id"], row["indicator_id"], row["unit"])
    name = indicators.get(row["indicator_id"], row["indicator_id"])
    figure = charts.progress_figure(row, observed, name)
    figures.append((name, row, figure))
    with pair[i % 2]:
        st.plotly_chart(figure, width="stretch", key=f"chart_progress_{i}")
        st.caption(safe.md(row["reason_en"] if lang() == "en" else row["reason_zh"]))

if figures:
    st.markdown(f"**{t('chart_download')}**")
    names = {i: f"{name} · {status_label(row['status'])}" for i, (name, row, _f) in enumerate(figures)}
    which_chart = st.selectbox(t("chart_pick"), list(names), format_func=names.__getitem__, key="w_chart_pick")
    name, row, figure = figures[which_chart]
    frame = shown[shown["target_id"] == row["target_id"]]
    note = sources_note(frame, lang()) + " " + (row["reason_en"] if lang() == "en" else row["reason_zh"])
    title = t("progress_chart_title", name=name, plan=short.get(plan_id, plan_id))
    image_downloads(figure, title, note, name, "w_progress")
