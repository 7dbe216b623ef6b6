"""The editor sign-in form in the sidebar (password, or the OIDC button where configured).

Failed attempts are rate-limited and logged by ``pci.accounts.sign_in``; the form only says
"wrong user name or password" (never which one) or how long to wait.
"""

from __future__ import annotations

import uuid

import streamlit as st

from pci import accounts
from pci.i18n import Translator
from pci.ui import auth
from pci.ui.data import database


def sidebar(tr: Translator) -> None:
    """Draw "signed in as … / sign out", or the sign-in form, in the current container."""
    who = auth.editor()
    if who:
        st.caption(tr("ui.signed_in_as", user=who))
        if st.button(tr("auth.sign_out"), key="w_sign_out", icon=":material/logout:"):
            if st.session_state.get(auth._KEY):
                auth.sign_out()
            else:
                st.logout()
            st.rerun()
        return
    with st.expander(tr("auth.editor_sign_in"), icon=":material/lock_open:"):
        if auth.oidc_configured():
            email = auth.oidc_email()
            if email:  # signed in with the provider, but not listed as an editor
                st.caption(tr("auth.oidc_not_editor", email=email))
                if not st.session_state.get("_pci_oidc_logged"):
                    accounts.record_oidc(database(), email, session=session_id(), ok=False)
                    st.session_state["_pci_oidc_logged"] = True
                if st.button(tr("auth.sign_out"), key="w_oidc_out"):
                    st.logout()
            elif st.button(tr("auth.oidc_button"), key="w_oidc_in", icon=":material/key:"):
                st.login()
        with st.form("signin", clear_on_submit=False, border=False):
            user = st.text_input(tr("auth.user"), key="w_signin_user", autocomplete="username")
            password = st.text_input(
                tr("auth.password"),
                type="password",
                key="w_signin_password",
                autocomplete="current-password",
            )
            submitted = st.form_submit_button(tr("auth.sign_in"), key="w_signin_submit")
        if submitted:
            _attempt(tr, user, password)
        if not accounts.load_accounts(database(), auth.secrets_section("editors")):
            st.caption(tr("auth.no_accounts"))


def session_id() -> str:
    """This browser session's id (Streamlit's own, or one made once per session)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx and ctx.session_id:
            return ctx.session_id
    except Exception:
        pass
    return st.session_state.setdefault("_pci_session_id", uuid.uuid4().hex)


def _attempt(tr: Translator, user: str, password: str) -> None:
    if not user or not password:
        st.error(tr("auth.missing"))
        return
    result = accounts.sign_in(
        database(), user, password, session=session_id(), extra=auth.secrets_section("editors")
    )
    if result.ok:
        auth.sign_in(result.user)
        st.rerun()
    elif result.reason == "locked":
        st.error(tr("auth.locked", seconds=result.wait_seconds))
    else:
        msg = tr("auth.bad_credentials")
        if result.locked_until:
            msg += " " + tr("auth.locked", seconds=result.wait_seconds)
        st.error(msg)
