"""新增规划 Add a plan: upload or paste a plan document, describe it, preview the targets found, save it.

Editors add plans; admins may also delete a plan added here. Limits are checked before any work: the
uploader's size, the paste box's length, the text's length before the preview extracts anything.
"""

from datetime import date

import streamlit as st

from etl import add_plan as adding
from etl.intake import MAX_BYTES as MAX_FILE_BYTES
from targets import accounts
from targets.store import StoreError
from ui import auth, data, safe, tables
from ui.highlight import plain
from ui.i18n import LEVELS, PLAN_TYPES, lang, pick, t
from ui.layout import page_header
from ui.widgets import category_names, indicator_names, suggested_plan_id

#: the uploader's limit in MB: the intake's (server.maxUploadSize in .streamlit/config.toml is at least this)
UPLOAD_MB = MAX_FILE_BYTES // (1024 * 1024)

page_header("nav_add_plan", "add_intro")
signed_in = auth.account()


def delete_section() -> None:
    """Admins: delete a plan added from the dashboard, after confirming what goes (in the button's callback,
    so a rerun of the script cannot swallow the click)."""
    done = st.session_state.pop("add_deleted", None)
    if done:
        if done[0] == "ok":
            st.success(t("delete_plan_done", plan=safe.md(done[1])))
        else:
            st.error(safe.md(done[1]))
    added = data.plans()
    added = added[added["source"] == "upload"]
    if added.empty:
        return
    st.subheader(t("delete_plan"))
    names = dict(zip(added["plan_id"], added["name_zh"], strict=True))
    chosen = st.selectbox(t("delete_plan_pick"), list(names), format_func=lambda p: f"{p} · {names[p]}", key="w_del")
    row = added.set_index("plan_id").loc[chosen]
    docs, quantities = int(row["documents"]), int(row["quantities"])
    st.warning(t("delete_plan_confirm", plan=safe.md(chosen), docs=docs, targets=quantities))
    st.button(t("act_confirm"), key="w_delete_plan", icon=":material/delete:", on_click=delete, args=(chosen,))


def delete(plan_id: str) -> None:
    try:
        data.delete_plan(plan_id, signed_in)
    except (StoreError, accounts.AccountError) as e:
        st.session_state["add_deleted"] = ("error", e.en if lang() == "en" else e.zh)
    except adding.InvalidPlan as e:
        st.session_state["add_deleted"] = (
            "error",
            e.problems[0].message_en if lang() == "en" else e.problems[0].message_zh,
        )
    else:
        st.session_state["add_deleted"] = ("ok", plan_id)


if signed_in is None or not signed_in.may("editor"):
    auth.refuse("editor")
    st.stop()
if signed_in.may("admin"):
    delete_section()

# --- the text ------------------------------------------------------------------------------------------
# Any file is taken: the intake reads the format from the content and says why it refuses one (.doc, a scan).
st.caption(t("add_limits", mb=UPLOAD_MB, chars=f"{adding.MAX_CHARS:,}"))
uploaded = st.file_uploader(t("upload"), key="w_upload", max_upload_size=UPLOAD_MB)
pasted = st.text_area(t("paste"), height=160, key="w_paste", max_chars=adding.MAX_CHARS)
source = data.plan_text(uploaded.name, uploaded.getvalue()) if uploaded is not None else data.pasted_text(pasted)
if source.problems:
    st.error(t("problems"))
    st.dataframe(tables.problems(source.problems), hide_index=True, width="stretch")
elif uploaded is not None and source.source is not None:
    document = source.source.document
    st.caption(
        t("using_file", name=plain(uploaded.name), n=len(source.text))
        + (" · " + t("n_pages", n=document.pages) if document.pages else "")
        + " · "
        + t(f"format_{document.format}")
    )
    for warning in document.warnings:
        st.warning(safe.md(warning))

# --- what the planner says about it --------------------------------------------------------------------
st.subheader(t("metadata"))
this_year = date.today().year
c1, c2, c3 = st.columns(3)
plan_id = c1.text_input(t("plan_id"), placeholder="mianyang_2025", help=t("plan_id_help"), key="w_new_id")
name_zh = c2.text_input(t("name_zh"), key="w_new_name_zh")
name_en = c3.text_input(t("name_en"), key="w_new_name_en")
c1, c0, c2, c3 = st.columns(4)
region = c1.text_input(t("region"), placeholder="绵阳市", help=t("region_help"), key="w_new_region")
region_code = c0.text_input(t("region_code"), placeholder="510700", help=t("region_code_help"), key="w_new_region_code")
levels = {k: pick(pair, k) for k, pair in LEVELS.items()}
level = c2.selectbox(t("level"), list(levels), index=2, format_func=levels.__getitem__, key="w_new_level")
types = {k: pick(pair, k) for k, pair in PLAN_TYPES.items() if k != "five_year_plan_and_work_report"}
plan_type = c3.selectbox(t("plan_type"), list(types), format_func=types.__getitem__, key="w_new_type")
c1, c2, c3, c4 = st.columns(4)
start_year = c1.number_input(t("start_year"), 1990, 2100, this_year, step=1, key="w_new_start")
end_year = c2.number_input(t("end_year"), 1990, 2100, this_year, step=1, key="w_new_end")
issuer = c3.text_input(t("issuer"), key="w_new_issuer")
published = c4.text_input(t("published_hint"), key="w_new_published")
title = st.text_input(t("doc_title"), key="w_new_title")
if not plan_id.strip():  # an id suggested from the region and the last year, used unless one is typed
    plan_id = suggested_plan_id(region, region_code, int(end_year), plan_type)
    if plan_id:
        st.caption(t("plan_id_suggested", id=safe.md(plan_id)))
meta = data.new_plan(
    plan_id=plan_id,
    name_zh=name_zh,
    name_en=name_en,
    region=region,
    region_code=region_code,
    level=level,
    plan_type=plan_type,
    start_year=int(start_year),
    end_year=int(end_year),
    issuer=issuer,
    published=published,
    title=title,
)

# --- preview and save ----------------------------------------------------------------------------------
st.subheader(t("preview"))
if not source.text.strip():
    st.info(t("no_text"))
    st.stop()
if len(source.text) > adding.MAX_CHARS:  # before the extractor runs: the limit bounds the work
    st.error(t("text_too_long", n=f"{len(source.text):,}", limit=f"{adding.MAX_CHARS:,}"))
    st.stop()
found = data.preview(meta, source)
n_targets = sum(1 for r in found if r.kind == "target")
st.caption(t("preview_counts", t=n_targets, r=len(found) - n_targets))
if not found:
    st.warning(t("preview_empty"))
else:
    st.dataframe(tables.preview(found, category_names(), indicator_names()), hide_index=True, width="stretch")

# The click is kept in session state by a callback rather than read from st.button's return value:
# a rerun before this line (ui.layout's legacy-pages rerun) would otherwise swallow it.
st.button(t("save"), type="primary", key="w_save", on_click=st.session_state.update, kwargs={"_save": True})
if st.session_state.pop("_save", False):
    problems = data.validate(meta, source)
    if problems:
        st.error(t("problems"))
        st.dataframe(tables.problems(problems), hide_index=True, width="stretch")
    else:
        try:
            added = data.add_plan(meta, source, by=signed_in)
        except (StoreError, accounts.AccountError) as e:  # disk full, file gone, role taken away: one line
            st.error(safe.message(e, lang()))
        else:
            name = meta.name_en if lang() == "en" and meta.name_en else meta.name_zh
            st.success(t("saved", name=plain(name), t=added.targets, r=added.reported, s=added.seconds))
            st.page_link("pages/overview.py", label=t("go_overview"), icon=":material/dashboard:")
