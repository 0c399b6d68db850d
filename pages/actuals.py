"""实际值 Actuals: download the template, upload a file (or type rows), see every problem by row,
column and rule with the converted values, import it as one batch, see the history, withdraw a batch."""

import hashlib

import pandas as pd
import streamlit as st

from targets import actuals
from targets import formatting as fmt
from targets.store import BatchNotFound, StoreError
from ui import data
from ui.i18n import lang, t
from ui.layout import page_header
from ui.status import status_label
from ui.widgets import plan_names

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

page_header("nav_actuals", "act_intro")
store = data.store()
names = plan_names()


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

# --- 2. upload, check, import -------------------------------------------------------------------------
st.subheader(t("act_upload"))
uploaded = st.file_uploader(
    t("act_file"), type=["csv", "tsv", "txt", "xlsx", "xls"], key="w_upload", max_upload_size=50
)
with st.expander(t("act_type_rows")):
    typed = st.data_editor(
        pd.DataFrame({c: pd.Series(dtype="str") for c in actuals.COLUMNS}),
        num_rows="dynamic",
        width="stretch",
        key="w_typed",
        column_config={c: actuals.header(c) for c in actuals.COLUMNS},
    )
    if st.button(t("act_check_typed"), key="w_check_typed"):
        st.session_state["act_typed"] = actuals.rows_to_csv(typed)

content: bytes | None = None
file_name = ""
if uploaded is not None:
    content, file_name = uploaded.getvalue(), uploaded.name
elif st.session_state.get("act_typed"):
    content, file_name = st.session_state["act_typed"], f"{t('act_typed_name')}.csv"

done = st.session_state.setdefault("act_done", {})  # sha256 -> batch id imported in this session
sha = hashlib.sha256(content).hexdigest() if content is not None else None
if sha in done:
    st.info(t("act_already", batch=done[sha]))
elif content is not None:
    report = data.validate_upload(content, file_name)
    counts = st.columns(4)
    counts[0].metric(t("act_rows"), report.stats.get("rows", 0))
    counts[1].metric(t("act_accepted"), report.stats.get("accepted", 0) if report.valid else 0)
    counts[2].metric(t("act_errors"), len(report.errors))
    counts[3].metric(t("act_warnings"), len(report.warnings))
    if not report.valid:
        st.error(f"{report.summary()}  \n{t('act_fix_and_retry')}")
    problems = report.errors_frame()
    if not problems.empty:
        st.markdown(f"**{t('act_problems')}**")
        problems.insert(
            0, "level", [t("warning") if actuals.RULES[r].warning else t("error") for r in problems["rule"]]
        )
        problems["row"] = problems["row"].astype("Int64")
        problems[["column", "value"]] = problems[["column", "value"]].fillna("")
        problems.columns = [t("severity"), t("row"), t("column"), t("value"), t("rule"), t("message")]
        st.dataframe(problems, hide_index=True, width="stretch", key="w_problems")
    if not report.rows.empty:
        st.markdown(f"**{t('act_preview')}**")
        preview = report.rows[
            ["row", "plan", "indicator_id", "indicator", "period", "value", "unit", "norm_value", "norm_unit", "source"]
        ].copy()
        preview["norm_unit"] = preview["norm_unit"].map(lambda u: actuals.unit_label(u) if isinstance(u, str) else u)
        preview["period"] = preview["period"].astype("Int64")
        preview.insert(1, "ok", report.rows["ok"])
        preview.columns = [
            t("row"),
            t("ok"),
            t("plan"),
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

    if report.valid:
        by = st.text_input(t("act_by"), key="w_by", max_chars=100)
        if st.button(t("act_commit"), type="primary", key="w_commit"):
            before = data.comparison()
            try:
                imported = actuals.import_actuals(store, content, file_name=file_name, uploaded_by=by)
            except actuals.InvalidUpload as e:  # the database changed since the check (a plan removed)
                st.error(e.report.as_text())
            except StoreError as e:
                st.error(str(e))
            else:
                data.invalidate()
                done[sha] = imported.batch.batch_id
                st.session_state["act_result"] = {
                    "batch": imported.batch.batch_id,
                    "rows": imported.batch.rows,
                    "changes": actuals.status_changes(before, data.comparison()),
                }
                st.rerun()

result = st.session_state.get("act_result")
if result:
    st.success(t("act_committed", rows=result["rows"], batch=result["batch"]))
    changes = result["changes"]
    st.markdown(f"**{t('act_changes')}**")
    if changes.empty:
        st.caption(t("act_no_changes"))
    else:
        shown = pd.DataFrame(
            {
                t("plan"): changes["plan_id"].map(names),
                t("indicator"): changes["indicator_name_zh"],
                t("before"): changes["status_before"].map(status_label),
                t("after"): changes["status_after"].map(status_label),
                t("year"): changes["actual_period"].astype("Int64"),
                t("value"): [
                    fmt.quantity(r["actual"], r["unit"], lang(), r["unit_word"]) for r in changes.to_dict("records")
                ],
                t("message"): changes["reason_en" if lang() == "en" else "reason_zh"],
            }
        )
        st.table(shown, hide_index=True)  # a static table: short, and its text is on the page

# --- 3. history and withdrawal ----------------------------------------------------------------------
st.subheader(t("act_history"))
history = data.batches()
if history.empty:
    st.caption(t("act_no_batches"))
    st.stop()
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
    for b in history.itertuples()
}
active = [b for b in history["batch_id"] if history.set_index("batch_id").loc[b, "status"] == "active"]
if active:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(t("act_withdraw_pick"), active, format_func=labels.__getitem__, key="w_withdraw_pick")
    if chosen and right.button(t("act_withdraw"), key="w_withdraw", icon=":material/undo:"):
        try:
            actuals.withdraw_batch(store, chosen)
        except BatchNotFound as e:
            st.error(str(e))
        else:
            data.invalidate()
            st.session_state["act_withdrawn"] = chosen
            st.session_state.pop("act_result", None)
            st.rerun()
if st.session_state.get("act_withdrawn"):
    st.success(t("act_withdrawn", batch=st.session_state["act_withdrawn"]))

with st.expander(t("act_batch_rows")):
    picked = st.selectbox(t("batch"), list(labels), format_func=labels.__getitem__, key="w_batch_rows")
    rows = data.batch_rows(picked or "")[
        ["row_no", "plan_id", "indicator_id", "period", "value", "unit_raw", "source", "note"]
    ]
    rows.columns = [t("row"), t("plan"), "id", t("year"), t("value"), t("unit"), t("source"), t("note")]
    st.dataframe(rows, hide_index=True, width="stretch", key="w_batch_table")
