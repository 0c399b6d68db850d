"""牵头单位 Lead units: what each bureau owes — the targets a plan gives it, each with its status and the sentence
it comes from; filterable by unit, plan and status, and exportable."""

import pandas as pd
import streamlit as st

from targets import lead_units
from targets.export import Sheet, sheets_xlsx, to_csv
from targets.vocab import Status
from ui import data, safe, sources
from ui.i18n import lang, t, word
from ui.layout import page_header
from ui.status import status_label
from ui.widgets import as_of_select, pager, plan_picker, plan_short_names, range_caption, url_multiselect

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: plans judged at most when none is picked (a nation's plans: the page computes what it shows)
MAX_PLANS = 12
#: rows of the targets table a page shows (the summary counts them all; the downloads hold them all)
PAGE_ROWS = 200

page_header("nav_lead_units", "lead_intro")
top = st.columns([3, 3, 2, 1])
with top[0]:
    plans = plan_picker()
with top[3]:
    as_of = as_of_select()
every = list(data.plans()["plan_id"])
if not plans and len(every) > MAX_PLANS:
    plans = every[:MAX_PLANS]
    st.caption(t("n_plans_limited", k=len(plans), n=len(every)))
owed = data.lead_units(tuple(plans), as_of)
if owed.empty:
    st.info(t("lead_none"))
    st.stop()


language = lang()  # read once: the table maps every row's status


def status_word(status: str) -> str:
    return t("lead_unmatched") if status == lead_units.UNMATCHED else status_label(status, language)


with top[1]:
    counts = owed["lead_unit"].value_counts()
    units = sorted(counts.index, key=lambda u: (-int(counts[u]), u))
    chosen_units = url_multiselect("unit", t("lead_unit"), units, str)
with top[2]:
    present = set(owed["status"])
    statuses = [s for s in [*Status, lead_units.UNMATCHED] if s in present]
    chosen_statuses = url_multiselect("status", t("status"), statuses, status_word, widget_key="w_lead_status")

shown = owed
if chosen_units:
    shown = shown[shown["lead_unit"].isin(chosen_units)]
if chosen_statuses:
    shown = shown[shown["status"].isin(chosen_statuses)]
shown = shown.reset_index(drop=True)

st.subheader(t("lead_summary"))
summary = lead_units.summary(shown)
headers = {"region": t("region"), "lead_unit": t("lead_unit"), "targets": t("targets")}
summary.columns = [headers.get(c) or status_word(c) for c in summary.columns]
st.dataframe(summary, hide_index=True, width="stretch", key="w_lead_summary")

st.subheader(t("lead_targets"))
english = language == "en"
short = plan_short_names()


def lead_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The targets as the page and its downloads show them (the status words looked up once per status)."""
    words = {s: status_word(s) for s in rows["status"].unique()}
    return pd.DataFrame(
        {
            t("region"): rows["region"],
            t("lead_unit"): rows["lead_unit"],
            t("plan"): rows["plan_id"].map(lambda p: short.get(p, p)),
            t("item"): rows["item"].fillna(""),
            t("indicator_text"): rows["indicator"],
            t("target"): rows["target_text_en" if english else "target_text"],
            t("target_year"): rows["target_year"],
            t("status"): rows["status"].map(words),
            t("reason"): rows["reason_en" if english else "reason_zh"],
            t("corrected"): rows["corrected"].map(lambda c: "✎" if isinstance(c, str) and c else ""),
            t("quote"): rows["quote"],
            t("where"): [
                f"{d}:{int(n)}" if pd.notna(n) else d for d, n in zip(rows["doc_id"], rows["line"], strict=True)
            ],
        }
    )


def table_csv() -> bytes:
    return to_csv(lead_table(shown))


def table_xlsx() -> bytes:
    table = lead_table(shown)
    return sheets_xlsx(
        [Sheet(t("nav_lead_units"), list(table.columns), [list(r) for r in table.itertuples(index=False)])]
    )


# the table a page of rows at a time (the summary above counts every row); the downloads hold every row
first = pager(len(shown), PAGE_ROWS, "lead_page", (tuple(plans), as_of, tuple(chosen_units), tuple(chosen_statuses)))
page_rows = shown.iloc[first : first + PAGE_ROWS].reset_index(drop=True)
st.caption(range_caption(len(shown), first, len(page_rows)) + " · " + t("select_hint"))
event = st.dataframe(
    lead_table(page_rows),
    hide_index=True,
    width="stretch",
    key="w_lead_table",
    on_select="rerun",
    selection_mode="single-row",
)
picked = event.selection.rows if event is not None else []
if picked and picked[0] < len(page_rows):
    found = data.quantity(page_rows.at[picked[0], "target_id"])
    if found is not None:
        st.markdown(f"**{t('target_source')}**")
        sources.target_source(found)

left, right = st.columns(2)
left.download_button(
    t("export_csv"),
    data=table_csv,
    file_name="牵头单位.csv",
    mime="text/csv",
    key="w_lead_csv",
    on_click="ignore",
    icon=":material/download:",
    width="stretch",
)
right.download_button(
    t("export_xlsx"),
    data=table_xlsx,
    file_name="牵头单位.xlsx",
    mime=XLSX_MIME,
    key="w_lead_xlsx",
    on_click="ignore",
    icon=":material/download:",
    width="stretch",
)
st.caption(safe.md(word(Status, Status.NO_DATA)) + ": " + t("lead_no_data_note"))
