"""Who is looking: a viewer (anyone) or a signed-in editor.

Viewing needs no sign-in. Importing, editing targets and seeing a province's private results
need an editor. This module answers "is there an editor in this session, and who"; the
sign-in form and the account configuration live in ``pci.ui.signin`` and ``pci.accounts``.
"""

from __future__ import annotations

import streamlit as st

_KEY = "_pci_editor"


def editor() -> str | None:
    """The signed-in editor's user name, or None for a viewer."""
    return st.session_state.get(_KEY)


def is_editor() -> bool:
    return editor() is not None


def include_private() -> bool:
    """Private results are shown to signed-in editors only."""
    return is_editor()


def sign_in(username: str) -> None:
    st.session_state[_KEY] = username


def sign_out() -> None:
    st.session_state.pop(_KEY, None)
