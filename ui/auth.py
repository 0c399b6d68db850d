"""Signing in to the dashboard: the session in Streamlit's session state, the sidebar line, the role checks.

A session is a `targets.accounts.Session` under `st.session_state["auth_session"]`; `account()` checks
it against the database on every run (expiry, disabled, new password, new role). Reading is open or
needs sign-in by `targets.accounts.Settings.reading_open`, given the address Streamlit serves on
(`server.address`: localhost in `make run` and .streamlit/config.toml; none means every interface).
A reload of the browser tab starts a new Streamlit session, so it signs out.
"""

from __future__ import annotations

import streamlit as st

from targets import accounts
from targets.accounts import Account
from ui import data, safe
from ui.i18n import lang, pick, t

SESSION_KEY = "auth_session"


def settings() -> accounts.Settings:
    return accounts.Settings.from_env()


def reading_open() -> bool:
    """Whether a visitor who has not signed in may read the dashboard."""
    return settings().reading_open(st.get_option("server.address"))


def account() -> Account | None:
    """The signed-in account, or None (never signed in, or the session expired or was ended)."""
    session = st.session_state.get(SESSION_KEY)
    if session is None:
        return None
    found = accounts.session_account(data.store(), session, settings())
    if found is None:
        st.session_state.pop(SESSION_KEY, None)
    return found


def may(role: str) -> bool:
    """Whether the signed-in account has at least `role`."""
    signed_in = account()
    return signed_in is not None and signed_in.may(role)


def role_name(role: str) -> str:
    return pick(accounts.ROLE_NAMES.get(role), role)


def refuse(role: str) -> None:
    """Say (as an info box) that this part of the page needs `role`."""
    signed_in = account()
    if signed_in is None:
        st.info(t("needs_role", role=role_name(role)), icon=":material/lock:")
    else:
        st.info(t("needs_role_signed_in", mine=role_name(signed_in.role), role=role_name(role)), icon=":material/lock:")


def sidebar() -> None:
    """Who is signed in (or that nobody is), with a sign-out button."""
    signed_in = account()
    if signed_in is None:
        st.sidebar.caption(t("not_signed_in"))
        return
    st.sidebar.caption(t("signed_in_as", name=safe.md(signed_in.name), role=role_name(signed_in.role)))
    st.sidebar.button(t("sign_out"), key="w_sign_out", on_click=sign_out, icon=":material/logout:")


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)


def sign_in_form() -> None:
    """The sign-in form; on success the session starts and the app reruns with the account's pages.

    The check runs in the submit button's callback (before the script), so a rerun of the script
    (ui.layout's) cannot swallow the click; its refusal is kept for the run that follows.
    """
    with st.form("sign_in", clear_on_submit=False, enter_to_submit=True):
        st.text_input(t("account_name"), key="w_sign_in_name", max_chars=64)
        st.text_input(t("password"), type="password", key="w_sign_in_password", max_chars=256)
        st.form_submit_button(t("sign_in"), type="primary", on_click=_sign_in)
    refused = st.session_state.pop("auth_refused", None)
    if refused:
        st.error(safe.md(refused[1] if lang() == "en" else refused[0]))


def _sign_in() -> None:
    name = st.session_state.get("w_sign_in_name", "")
    password = st.session_state.get("w_sign_in_password", "")
    st.session_state["w_sign_in_password"] = ""  # never kept in the session after the attempt
    try:
        st.session_state[SESSION_KEY] = accounts.sign_in(data.store(), name, password, settings())
    except accounts.AccountError as e:
        st.session_state["auth_refused"] = (e.zh, e.en)


def change_password_form(signed_in: Account) -> None:
    """The signed-in person's own password change (the session goes on with the new password)."""
    with st.form("change_password", clear_on_submit=True):
        st.text_input(t("new_password"), type="password", key="w_new_password")
        st.text_input(t("password_again"), type="password", key="w_new_password_again")
        st.form_submit_button(t("change_password"), on_click=_change_password, args=(signed_in,))
    outcome = st.session_state.pop("auth_password_changed", None)
    if outcome is True:
        st.success(t("password_changed"))
    elif outcome:
        st.error(safe.md(outcome[1] if lang() == "en" else outcome[0]))


def _change_password(signed_in: Account) -> None:
    first = st.session_state.get("w_new_password", "")
    second = st.session_state.get("w_new_password_again", "")
    if first != second:
        st.session_state["auth_password_changed"] = (t("passwords_differ"), t("passwords_differ"))
        return
    try:
        accounts.set_password(data.store(), signed_in.name, first, signed_in.actor)
        st.session_state[SESSION_KEY] = accounts.sign_in(data.store(), signed_in.name, first, settings())
    except accounts.AccountError as e:
        st.session_state["auth_password_changed"] = (e.zh, e.en)
        return
    st.session_state["auth_password_changed"] = True
