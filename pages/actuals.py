"""实际值 Actuals: download the template, upload a file (or type rows), see every problem by row,
column and rule with the converted values, import it as one batch, see the history, withdraw a batch
or restore it after confirming what it changes.

Uploading needs the editor role (the uploader recorded is the account); editors withdraw and restore
their own batches, admins anyone's; viewers see the template, the history and the rows.
"""

import hashlib
from functools import partial

import pandas as pd
import streamlit as st

from targets import accounts, actuals
from targets import formatting as fmt
from targets.store import BatchNotFound, StoreError
from ui import auth, data, safe
from ui.i18n import lang, t
from ui.layout import page_header
from ui.status import status_label
from ui.widgets import pager, plan_names, range_caption

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: the uploader's limit in MB: the library's (server.maxUploadSize in .streamlit/config.toml is at least this)
UPLOAD_MB = actuals.MAX_BYTES // (1024 * 1024)
#: batches the history shows a page (newest first); the page picker moves through the rest
BATCH_ROWS = 50

page_header("nav_actuals", "act_intro")
store = data.store()
names = plan_names()
signed_in = auth.account()


# --- 1. the template --------------------------------------------------------------------------------
st.subheader(t("act_template"))
st.caption(t("act_template_help"))
left, right = st.columns(2)
left.download_button(
    t("act_template_csv"),
    data=data.actuals_template("csv"),
    file_name="actuals_template.csv",
    mime="text/csv",
    key="w_template_csv",
    on_click="ignore",
    icon=":material/download:",
)
right.download_button(
    t("act_template_xlsx"),
    data=data.actuals_template("xlsx"),
    file_name="actuals_template.xlsx",
    mime=XLSX_MIME,
    key="w_template_xlsx",
    on_click="ignore",
    icon=":material/download:",
)
st.caption(t("act_examples_note"))
# a template prefilled for one plan: every catalog target of it, with its unit and year, the value empty
plan_left, plan_right = st.columns([3, 2], vertical_alignment="bottom")
template_plan = plan_left.selectbox(
    t("act_plan_template"), list(names), format_func=lambda p: names.get(p, p), key="w_template_plan"
)
if template_plan:
    plan_right.download_button(
        t("act_plan_template_xlsx"),
        data=partial(data.plan_template, template_plan, "xlsx"),
        file_name=f"actuals_{template_plan}.xlsx",
        mime=XLSX_MIME,
        key="w_template_plan_xlsx",
        on_click="ignore",
        icon=":material/download:",
        width="stretch",
    )


#: problems shown on the page at most (the rest are counted; the CLI prints every one)
MAX_PROBLEMS = 200


def problems_table(problems: pd.DataFrame) -> None:
    """The problems as a static table that wraps: row, the planner's own column header, the value, and the whole
    message in the page's language (with its fix); every cell escaped (st.table renders Markdown)."""
    english = lang() == "en"
    column = [
        h if isinstance(h, str) and h else (actuals.COLUMN_NAMES.get(c, (c, c))[1 if english else 0] if c else "")
        for h, c in zip(problems["header"], problems["column"], strict=True)
    ]
    shown = pd.DataFrame(
        {
            t("severity"): [t("warning") if actuals.RULES[r].warning else t("error") for r in problems["rule"]],
            t("row"): [str(int(r)) if pd.notna(r) else "" for r in problems["row"]],
            t("column"): [safe.md(c) for c in column],
            t("value"): [safe.md(v) if isinstance(v, str) else "" for v in problems["value"]],
            t("message"): [safe.md(m) for m in problems["message_en" if english else "message_zh"]],
        }
    )
    st.table(shown.head(MAX_PROBLEMS), hide_index=True)
    if len(shown) > MAX_PROBLEMS:
        st.caption(t("act_more_problems", n=len(shown) - MAX_PROBLEMS))


def changes_table(changes: pd.DataFrame) -> None:
    """Status changes as a short static table; every text cell escaped (st.table renders Markdown)."""
    shown = pd.DataFrame(
        {
            t("plan"): changes["plan_id"].map(lambda p: safe.md(names.get(p, p))),
            t("indicator"): changes["indicator_name_zh"].map(safe.md),
            t("before"): changes["status_before"].map(status_label),
            t("after"): changes["status_after"].map(status_label),
            t("year"): changes["actual_period"].astype("Int64"),
            t("value"): [
                safe.md(fmt.quantity(r["actual"], r["unit"], lang(), r.get("unit_word")))
                for r in changes.to_dict("records")
            ],
            t("message"): changes["reason_en" if lang() == "en" else "reason_zh"].map(safe.md),
        }
    )
    st.table(shown, hide_index=True)


# --- 2. upload, check, import -------------------------------------------------------------------------
st.subheader(t("act_upload"))
if signed_in is None or not signed_in.may("editor"):
    auth.refuse("editor")
    uploaded = None
else:
    st.caption(t("act_limits", mb=UPLOAD_MB, rows=f"{actuals.MAX_ROWS:,}", name=safe.md(signed_in.name)))
    uploaded = st.file_uploader(
        t("act_file"), type=["csv", "tsv", "txt", "xlsx", "xls"], key="w_upload", max_upload_size=UPLOAD_MB
    )
    with st.expander(t("act_type_rows")):
        typed = st.data_editor(
            pd.DataFrame({c: pd.Series(dtype="str") for c in actuals.TEMPLATE_COLUMNS}),
            num_rows="dynamic",
            width="stretch",
            key="w_typed",
            column_config={c: actuals.header(c) for c in actuals.TEMPLATE_COLUMNS},
        )
        if st.button(t("act_check_typed"), key="w_check_typed"):
            st.session_state["act_typed"] = actuals.rows_to_csv(typed)

content: bytes | None = None
file_name = ""
if uploaded is not None:
    content, file_name = uploaded.getvalue(), uploaded.name
elif st.session_state.get("act_typed") and auth.may("editor"):
    content, file_name = st.session_state["act_typed"], f"{t('act_typed_name')}.csv"

done = st.session_state.setdefault("act_done", {})  # sha256 -> batch id imported in this session
sha = hashlib.sha256(content).hexdigest() if content is not None else None
if sha in done:
    st.info(t("act_already", batch=safe.md(done[sha])))
elif content is not None:
    report = data.validate_upload(content, file_name)
    counts = st.columns(4)
    counts[0].metric(t("act_rows"), report.stats.get("rows", 0))
    counts[1].metric(t("act_accepted"), report.stats.get("accepted", 0) if report.valid else 0)
    counts[2].metric(t("act_errors"), len(report.errors))
    counts[3].metric(t("act_warnings"), len(report.warnings))
    if not report.valid:
        st.error(f"{safe.md(report.summary())}  \n{t('act_fix_and_retry')}")
    problems = report.errors_frame()
    if not problems.empty:
        st.markdown(f"**{t('act_problems')}**")
        problems_table(problems)
    if not report.rows.empty:
        st.markdown(f"**{t('act_preview')}**")
        preview = report.rows[
            [
                "row",
                "region_name",
                "indicator_id",
                "indicator",
                "period",
                "value",
                "unit",
                "norm_value",
                "norm_unit",
                "source",
            ]
        ].copy()
        preview["norm_unit"] = preview["norm_unit"].map(lambda u: actuals.unit_label(u) if isinstance(u, str) else u)
        preview["period"] = preview["period"].astype("Int64")
        preview.insert(1, "ok", report.rows["ok"])
        preview.columns = [
            t("row"),
            t("ok"),
            t("region"),
            "id",
            t("indicator"),
            t("year"),
            t("uploaded_value"),
            t("unit"),
            t("converted_value"),
            t("norm_unit"),
            t("source"),
        ]
        st.dataframe(
            preview,
            hide_index=True,
            width="stretch",
            key="w_preview",
            column_config={
                "id": st.column_config.TextColumn(width="small"),
                t("uploaded_value"): st.column_config.NumberColumn(format="localized"),
                t("converted_value"): st.column_config.NumberColumn(format="localized", width="medium"),
            },
        )

    if report.valid and signed_in is not None and st.button(t("act_commit"), type="primary", key="w_commit"):
        before = data.comparison()
        try:
            imported = actuals.import_actuals(store, content, file_name=file_name, by=signed_in)
        except actuals.InvalidUpload as e:  # the database changed since the check (a plan removed)
            st.error(safe.md(e.report.summary()))
        except (StoreError, accounts.AccountError) as e:  # disk full, file gone, role taken away: one line
            st.error(safe.message(e, lang()))
        else:
            data.invalidate()
            done[sha] = imported.batch.batch_id
            st.session_state["act_last_batch"] = imported.batch.batch_id
            st.session_state["act_result"] = {
                "batch": imported.batch.batch_id,
                "rows": imported.batch.rows,
                "changes": actuals.status_changes(before, data.comparison()),
            }
            st.rerun()

result = st.session_state.get("act_result")
if result:
    st.success(t("act_committed", rows=result["rows"], batch=safe.md(result["batch"])))
    changes = result["changes"]
    st.markdown(f"**{t('act_changes')}**")
    if changes.empty:
        st.caption(t("act_no_changes"))
    else:
        changes_table(changes)

# --- 3. history and withdrawal ----------------------------------------------------------------------
# The latest batches a page at a time, filtered, counted and cut in SQL (a nation uploads thousands); the rows in
# use are counted for the batches shown only. Withdrawing or restoring picks among the batches of the page shown.
st.subheader(t("act_history"))
search_col, status_col = st.columns([3, 1])
batch_search = search_col.text_input(t("act_history_search"), key="w_batch_q").strip()
batch_status = status_col.selectbox(
    t("act_history_status"),
    [None, "active", "withdrawn"],
    format_func=lambda s: t(f"batch_{s}") if s else t("all"),
    key="w_batch_status",
)
n_batches = data.count_batches(batch_search, batch_status)
if n_batches == 0:
    st.caption(t("act_no_batches_match" if batch_search or batch_status else "act_no_batches"))
    st.stop()
first_batch = pager(n_batches, BATCH_ROWS, "batch_page", (batch_search, batch_status))
history = data.batches(BATCH_ROWS, first_batch, batch_search, batch_status)
st.caption(range_caption(n_batches, first_batch, len(history)))
table = history[
    ["batch_id", "file_name", "uploaded_by", "uploaded_at", "rows", "rows_in_use", "status", "withdrawn_at"]
].copy()
table["status"] = table["status"].map(lambda s: t(f"batch_{s}") if s in ("active", "withdrawn") else s)
table.columns = [
    t("batch"),
    t("file"),
    t("uploaded_by"),
    t("uploaded_at"),
    t("rows"),
    t("rows_in_use"),
    t("status"),
    t("withdrawn_at"),
]
st.dataframe(table, hide_index=True, width="stretch", key="w_history")

labels = {
    b.batch_id: f"{b.batch_id} · {b.file_name} · {b.rows} {t('rows')}"
    + (f" · {b.uploaded_by}" if b.uploaded_by else "")
    + ("" if b.status == "active" else f" · {t('batch_withdrawn')}")
    for b in history.itertuples()
}
if signed_in is None or not signed_in.may("editor"):
    auth.refuse("editor")
else:
    records = {b.batch_id: b for b in history.itertuples()}
    mine = [b for b, record in records.items() if actuals.may_change(signed_in, record)]
    if not mine:
        st.caption(t("act_none_yours"))
    else:
        last = st.session_state.get("act_last_batch")
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        chosen = left.selectbox(
            t("act_change_pick"),
            mine,
            index=mine.index(last) if last in mine else 0,
            format_func=labels.__getitem__,
            key="w_withdraw_pick",
        )
        restore = records[chosen].status == "withdrawn"
        if right.button(
            t("act_restore" if restore else "act_withdraw"),
            key="w_withdraw",
            icon=":material/redo:" if restore else ":material/undo:",
        ):
            st.session_state["act_pending"] = (chosen, restore)
        pending = st.session_state.get("act_pending")
        if pending and pending[0] == chosen:
            effect = data.status_effect(chosen, restore=pending[1])
            key = "act_confirm_restore" if pending[1] else "act_confirm_withdraw"
            st.warning(t(key, batch=safe.md(chosen), rows=effect.rows, n=len(effect.changes)))
            if not effect.changes.empty:
                changes_table(effect.changes)
            yes, no = st.columns(2)
            if yes.button(t("act_confirm"), type="primary", key="w_confirm"):
                change = actuals.restore_batch if pending[1] else actuals.withdraw_batch
                try:
                    change(store, chosen, by=signed_in)
                except (BatchNotFound, StoreError, accounts.AccountError) as e:
                    st.error(safe.message(e, lang()))
                else:
                    data.invalidate()
                    st.session_state["act_changed"] = (chosen, pending[1])
                    st.session_state.pop("act_pending", None)
                    st.session_state.pop("act_result", None)
                    st.rerun()
            if no.button(t("act_cancel"), key="w_cancel"):
                st.session_state.pop("act_pending", None)
                st.rerun()
changed = st.session_state.get("act_changed")
if changed:
    st.success(t("act_restored" if changed[1] else "act_withdrawn", batch=safe.md(changed[0])))

with st.expander(t("act_batch_rows")):
    picked = st.selectbox(t("batch"), list(labels), format_func=labels.__getitem__, key="w_batch_rows")
    rows = data.batch_rows(picked or "")[
        ["row_no", "region_id", "plan_id", "indicator_id", "period", "value", "unit_raw", "source", "note"]
    ]
    rows.columns = [t("row"), t("region"), t("plan"), "id", t("year"), t("value"), t("unit"), t("source"), t("note")]
    st.dataframe(rows, hide_index=True, width="stretch", key="w_batch_table")
