"""Who is looking: a viewer (anyone) or a signed-in editor.

Viewing needs no sign-in. Importing, editing targets and seeing a province's private results
need an editor. This module answers "is there an editor in this session, and who"; the
sign-in form lives in ``pci.ui.signin`` and the account configuration in ``pci.accounts``.

An editor is either signed in with a password (``sign_in``), or signed in through Streamlit's
built-in OIDC login (``st.login``, when ``[auth]`` is configured in ``.streamlit/secrets.toml``)
with an e-mail address the operator listed as an editor.
"""

from __future__ import annotations

import streamlit as st

_KEY = "_pci_editor"


def editor() -> str | None:
    """The signed-in editor's user name (or OIDC e-mail), or None for a viewer."""
    name = st.session_state.get(_KEY)
    if name:
        return name
    email = oidc_email()
    if email and email in _oidc_editors():
        return email
    return None


def is_editor() -> bool:
    return editor() is not None


def include_private() -> bool:
    """Private results are shown to signed-in editors only."""
    return is_editor()


def sign_in(username: str) -> None:
    st.session_state[_KEY] = username


def sign_out() -> None:
    st.session_state.pop(_KEY, None)


# --- Streamlit's OIDC login ----------------------------------------------------------------


def secrets_section(name: str) -> dict:
    """A section of ``.streamlit/secrets.toml`` as a dict ({} when there is no secrets file)."""
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets file at all
        return {}
    return dict(section) if section else {}


def oidc_configured() -> bool:
    return bool(secrets_section("auth"))


def oidc_email() -> str | None:
    """The e-mail of the user signed in through OIDC, if OIDC is configured and they are."""
    if not oidc_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
    except Exception:
        return None
    return str(email).strip().lower() if email else None


def _oidc_editors() -> set[str]:
    from pci.accounts import oidc_emails
    from pci.ui.data import database

    return oidc_emails(database(), secrets_section("editors").get("oidc"))
