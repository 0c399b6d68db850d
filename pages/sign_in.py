"""登录 Sign in: the sign-in form, or, when signed in, who you are, signing out and your own password."""

import streamlit as st

from ui import auth
from ui.i18n import t
from ui.layout import page_header

page_header("nav_account", "sign_in_intro")
signed_in = auth.account()
if signed_in is None:
    if not auth.reading_open():
        st.info(t("sign_in_required"), icon=":material/lock:")
    auth.sign_in_form()
    st.caption(t("session_ends", hours=auth.settings().session_hours))
else:
    st.success(t("signed_in_as", name=auth.safe.md(signed_in.name), role=auth.role_name(signed_in.role)))
    st.button(t("sign_out"), key="w_sign_out_page", on_click=auth.sign_out, icon=":material/logout:")
    st.subheader(t("change_password"))
    auth.change_password_form(signed_in)
