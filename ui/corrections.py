"""The Targets page's correction forms (targets.corrections): correct the selected target, delete it or merge it
into the statement it repeats, add a target the extractor missed, and the history with undo.

Only editors and admins see the forms (the library checks the role again); every write goes through
`ui.data`, which refreshes every page's data, and the outcome is said in the run that follows. Writes run in
the buttons' callbacks (before the script), so a rerun of the script (ui.layout's) cannot swallow a click.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from targets import accounts
from targets.accounts import Account
from targets.corrections import CorrectionError
from targets.store import StoreError
from targets.vocab import Comparator, Kind, Metric
from ui import data, safe
from ui.i18n import lang, t, word
from ui.widgets import indicator_names

_OUTCOME = "fix_outcome"


def _shown(value: Any) -> str:
    """A stored value as a form shows it: "" for none, 6 not 6.0."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _refused(error: Exception) -> None:
    zh, en = getattr(error, "zh", str(error)), getattr(error, "en", str(error))
    st.session_state[_OUTCOME] = ("error", en if lang() == "en" else zh)


def outcome() -> None:
    """Say what the last correction did (or why it was refused), once."""
    found = st.session_state.pop(_OUTCOME, None)
    if found:
        kind, text = found
        (st.success if kind == "success" else st.error)(safe.md(text))


def _write(action: Any, *args: Any, done: str) -> None:
    """Run one correction write (a button's callback) and keep what it did, or why not, for the next run."""
    try:
        made = action(*args)
    except (CorrectionError, accounts.AccountError, StoreError) as e:
        _refused(e)
        return
    st.session_state[_OUTCOME] = ("success", t(done, id=made.correction_id))
    for key in [k for k in st.session_state if str(k).startswith(_FORM_KEYS)]:
        del st.session_state[key]  # the forms start again from the corrected (or restored) row


#: widget keys of the forms, cleared after a write
_FORM_KEYS = ("w_fix_", "w_del_note_", "w_merge_into_", "w_add_")


def correction_form(row: Mapping[str, Any], by: Account) -> None:
    """A form prefilled with the target's fields; what differs when saved is one correction."""
    names = indicator_names()
    target_id = row["target_id"]
    with st.expander(t("correct_this")), st.form(f"fix_{target_id}"):
        first, second, third = st.columns(3)
        indicator_ids = ["", *names]
        current = row.get("indicator_id") if isinstance(row.get("indicator_id"), str) else ""
        first.selectbox(
            t("indicator"),
            indicator_ids,
            index=indicator_ids.index(current) if current in indicator_ids else 0,
            format_func=lambda i: names.get(i, i) if i else t("none"),
            key=f"w_fix_indicator_{target_id}",
        )
        kinds = list(Kind)
        second.selectbox(
            t("kind"), kinds, index=kinds.index(row["kind"]) if row["kind"] in kinds else 0,
            format_func=lambda k: word(Kind, k), key=f"w_fix_kind_{target_id}",
        )  # fmt: skip
        metrics = list(Metric)
        third.selectbox(
            t("metric"), metrics, index=metrics.index(row["metric"]) if row["metric"] in metrics else 0,
            format_func=lambda m: word(Metric, m), key=f"w_fix_metric_{target_id}",
        )  # fmt: skip
        first, second, third, fourth = st.columns(4)
        comparators = list(Comparator)
        first.selectbox(
            t("comparator"), comparators,
            index=comparators.index(row["comparator"]) if row["comparator"] in comparators else 0,
            format_func=_comparator_word, key=f"w_fix_comparator_{target_id}",
        )  # fmt: skip
        second.text_input(t("value"), _shown(row.get("value")), key=f"w_fix_value_{target_id}")
        third.text_input(t("value_low"), _shown(row.get("value_low")), key=f"w_fix_low_{target_id}")
        fourth.text_input(t("value_high"), _shown(row.get("value_high")), key=f"w_fix_high_{target_id}")
        first, second, third, fourth = st.columns(4)
        first.text_input(t("unit_written"), _shown(row.get("unit_raw")), key=f"w_fix_unit_{target_id}")
        second.text_input(t("year"), _shown(row.get("target_year")), key=f"w_fix_year_{target_id}")
        third.text_input(t("scope"), _shown(row.get("area")), help=t("scope_help"), key=f"w_fix_area_{target_id}")
        fourth.text_input(t("lead_unit"), _shown(row.get("lead_unit")), key=f"w_fix_lead_{target_id}")
        first, second = st.columns([1, 3])
        first.checkbox(t("not_comparable_box"), bool(row.get("not_comparable")), key=f"w_fix_nc_{target_id}")
        second.text_input(t("correction_note"), key=f"w_fix_note_{target_id}", max_chars=500)
        st.form_submit_button(t("correct_save"), type="primary", on_click=_save_correction, args=(dict(row), by))


#: the correction form's fields: stored column -> widget key prefix
_FORM_FIELDS = {
    "indicator_id": "indicator",
    "kind": "kind",
    "metric": "metric",
    "comparator": "comparator",
    "value": "value",
    "value_low": "low",
    "value_high": "high",
    "unit_raw": "unit",
    "target_year": "year",
    "area": "area",
    "lead_unit": "lead",
}


def _save_correction(row: Mapping[str, Any], by: Account) -> None:
    """The form's callback: what differs from the row is one correction."""
    target_id = row["target_id"]
    typed = {k: st.session_state.get(f"w_fix_{w}_{target_id}", "") for k, w in _FORM_FIELDS.items()}
    note = st.session_state.get(f"w_fix_note_{target_id}", "")
    apart = bool(st.session_state.get(f"w_fix_nc_{target_id}", False))
    before = {k: _shown(row.get(k)) for k in typed}
    changes: dict[str, Any] = {k: v for k, v in typed.items() if _shown(v).strip() != before[k].strip()}
    if typed["comparator"] == Comparator.RANGE and ("value_low" in changes or "value_high" in changes):
        changes.update(value_low=typed["value_low"], value_high=typed["value_high"])  # a range has both ends
    if apart != bool(row.get("not_comparable")):
        changes["not_comparable"] = (note or True) if apart else False
    _write(data.correct, target_id, changes, by, note, done="correct_done")


def _comparator_word(comparator: str) -> str:
    """A comparator in a form: "≥ 不低于", "约", "区间"."""
    chosen = Comparator(comparator)
    words = t(f"cmp_{chosen.name.lower()}")
    return f"{chosen.sign} {words}" if chosen.sign else words


def delete_or_merge(row: Mapping[str, Any], rows: pd.DataFrame, by: Account) -> None:
    """Delete the target (the extractor read it wrongly), or merge it into another statement of it."""
    target_id = row["target_id"]
    with st.expander(t("delete_or_merge")):
        st.text_input(t("correction_note"), key=f"w_del_note_{target_id}", max_chars=500)
        same = rows[(rows["plan_id"] == row["plan_id"]) & (rows["target_id"] != target_id)]
        if isinstance(row.get("indicator_id"), str):
            same = same[same["indicator_id"] == row["indicator_id"]]
        left, right = st.columns(2)
        left.button(
            t("delete_target"), key=f"w_delete_{target_id}", icon=":material/delete:", on_click=_delete,
            args=(target_id, by),
        )  # fmt: skip
        if same.empty:
            right.caption(t("merge_none"))
            return
        labels = {r["target_id"]: f"{r['quote']} · {r['doc_id']}:{r['line']}" for r in same.to_dict("records")}
        right.selectbox(t("merge_into"), list(labels), format_func=labels.__getitem__,
                        key=f"w_merge_into_{target_id}")  # fmt: skip
        right.button(
            t("merge_target"), key=f"w_merge_{target_id}", icon=":material/merge:", on_click=_merge,
            args=(target_id, by),
        )  # fmt: skip


def _delete(target_id: str, by: Account) -> None:
    note = st.session_state.get(f"w_del_note_{target_id}", "")
    _write(data.delete_target, target_id, by, note, done="delete_done")


def _merge(target_id: str, by: Account) -> None:
    note = st.session_state.get(f"w_del_note_{target_id}", "")
    into = st.session_state.get(f"w_merge_into_{target_id}")
    _write(data.merge_targets, target_id, into, by, note, done="merge_done")


def add_form(row: Mapping[str, Any], by: Account) -> None:
    """Add a target the extractor missed to one of the plan's documents."""
    names = indicator_names()
    documents = data.documents((row["plan_id"],))
    with st.expander(t("add_target")), st.form("add_target_form"):
        titles = dict(zip(documents["doc_id"], documents["title"], strict=True))
        st.selectbox(t("document"), list(titles), format_func=lambda d: titles.get(d) or d, key="w_add_doc")
        first, second, third = st.columns(3)
        first.selectbox(t("indicator"), list(names), format_func=names.__getitem__, key="w_add_indicator")
        second.selectbox(t("comparator"), list(Comparator), format_func=_comparator_word, key="w_add_cmp")
        third.text_input(t("year"), key="w_add_year")
        first, second, third = st.columns(3)
        first.text_input(t("value"), key="w_add_value")
        second.text_input(t("unit_written"), key="w_add_unit")
        third.text_input(t("scope"), help=t("scope_help"), key="w_add_area")
        st.text_input(t("add_quote"), help=t("add_quote_help"), key="w_add_quote")
        st.text_input(t("correction_note"), key="w_add_note", max_chars=500)
        st.form_submit_button(t("add_save"), type="primary", on_click=_add, args=(by,))


#: the add form's fields: stored column -> widget key
_ADD_FIELDS = {
    "indicator_id": "w_add_indicator",
    "comparator": "w_add_cmp",
    "target_year": "w_add_year",
    "value": "w_add_value",
    "unit_raw": "w_add_unit",
    "area": "w_add_area",
    "quote": "w_add_quote",
}


def _add(by: Account) -> None:
    fields = {k: st.session_state.get(key, "") for k, key in _ADD_FIELDS.items()}
    _write(data.add_target, st.session_state.get("w_add_doc"), fields, by, st.session_state.get("w_add_note", ""),
           done="add_done")  # fmt: skip


def history(plans: Sequence[str], by: Account | None) -> None:
    """Every correction of the plans shown (newest first): who, when, what; undo for editors and admins."""
    found = data.corrections_of()
    if plans:
        found = found[found["plan_id"].isin(plans)]
    if found.empty:
        st.caption(t("no_corrections"))
        return
    english = lang() == "en"
    state = [
        t("correction_orphaned") if o else (t("correction_active") if a else t("correction_undone"))
        for a, o in zip(found["active"], found["orphaned"], strict=True)
    ]
    st.markdown(f"**{t('correction_history')}**")
    st.dataframe(
        pd.DataFrame(
            {
                t("at"): found["created_at"].map(lambda x: f"{x:%Y-%m-%d %H:%M}" if pd.notna(x) else ""),
                t("who"): found["created_by"],
                t("quote"): found["anchor_quote"],
                t("summary"): found["summary_en" if english else "summary_zh"],
                t("note"): found["note"],
                t("status"): state,
                t("where"): [f"{d}" for d in found["doc_id"]],
            }
        ),
        hide_index=True,
        width="stretch",
        key="w_corrections",
    )
    orphans = int(found["orphaned"].sum())
    if orphans:
        st.warning(t("orphans_note", n=orphans))
    active = found[found["active"]]
    if by is None or not by.may("editor") or active.empty:
        return
    labels = {
        r["correction_id"]: f"{r['created_by']} · {r['summary_en' if english else 'summary_zh']}"
        for r in active.to_dict("records")
    }
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.selectbox(t("undo_pick"), list(labels), format_func=labels.__getitem__, key="w_undo_pick")
    right.button(t("undo"), key="w_undo", icon=":material/undo:", on_click=_undo, args=(by,))


def _undo(by: Account) -> None:
    _write(data.undo_correction, st.session_state.get("w_undo_pick"), by, done="undo_done")
