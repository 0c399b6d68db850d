"""账户管理 Accounts (admins): the accounts and their roles; create one, change a role, disable or enable,
reset a password. Every change goes to the audit log.

Changes run in the buttons' callbacks (before the script), so a rerun of the script cannot swallow a
click; the outcome is shown on the run that follows.
"""

import streamlit as st

from targets import accounts
from ui import auth, data, safe
from ui.i18n import lang, t
from ui.layout import page_header

page_header("nav_accounts", "accounts_intro")
admin = auth.account()
if admin is None or not admin.may("admin"):
    auth.refuse("admin")
    st.stop()
actor = admin.actor


def attempt(change, *args) -> None:
    """Run an account change as the admin; keep its outcome (done, or the refusal in both languages)."""
    try:
        change(data.store(), *args, actor)
    except accounts.AccountError as e:
        st.session_state["acc_outcome"] = (e.zh, e.en)
    else:
        st.session_state["acc_outcome"] = True


def create() -> None:
    state = st.session_state
    if state.get("w_new_account_password") != state.get("w_new_account_password_again"):
        st.session_state["acc_outcome"] = (t("passwords_differ"), t("passwords_differ"))
        return
    name = state.get("w_new_account", "")
    attempt(accounts.create_user, name, state.get("w_new_account_password", ""), state.get("w_new_account_role"))


def change(kind: str) -> None:
    state = st.session_state
    chosen = state.get("w_change_account")
    if kind == "role":
        attempt(accounts.set_role, chosen, state.get("w_change_role"))
    elif kind == "password":
        attempt(accounts.set_password, chosen, state.get("w_reset_password", ""))
    else:
        attempt(accounts.set_disabled, chosen, kind == "disable")


outcome = st.session_state.pop("acc_outcome", None)
if outcome is True:
    st.success(t("changed"))
elif outcome:
    st.error(safe.md(outcome[1] if lang() == "en" else outcome[0]))

table = accounts.accounts(data.store())
shown = table[["name", "role", "disabled", "failed_attempts", "locked_until", "last_sign_in"]].copy()
shown["role"] = shown["role"].map(auth.role_name)
shown.columns = [t(c if c != "name" else "account_name") for c in shown.columns]
st.dataframe(shown, hide_index=True, width="stretch", key="w_accounts_table")  # a data grid: text as text

st.subheader(t("create_account"))
with st.form("create_account", clear_on_submit=True):
    c1, c2 = st.columns(2)
    c1.text_input(t("account_name"), max_chars=64, key="w_new_account")
    c2.selectbox(t("role"), accounts.ROLES, format_func=auth.role_name, key="w_new_account_role")
    c1, c2 = st.columns(2)
    c1.text_input(t("password"), type="password", key="w_new_account_password")
    c2.text_input(t("password_again"), type="password", key="w_new_account_password_again")
    st.form_submit_button(t("create"), type="primary", on_click=create)

if not table.empty:
    st.subheader(t("change_account"))
    st.selectbox(t("account_name"), list(table["name"]), key="w_change_account")
    c1, c2, c3 = st.columns(3)
    c1.selectbox(t("role"), accounts.ROLES, format_func=auth.role_name, key="w_change_role")
    c1.button(t("set_role"), key="w_set_role", on_click=change, args=("role",))
    c2.button(t("disable"), key="w_disable", on_click=change, args=("disable",))
    c2.button(t("enable"), key="w_enable", on_click=change, args=("enable",))
    c3.text_input(t("new_password"), type="password", key="w_reset_password")
    c3.button(t("reset_password"), key="w_reset", on_click=change, args=("password",))
