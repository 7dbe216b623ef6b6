"""Shared view state, kept in the URL so any view can be shared as a link.

URL keys: ``lang`` (vi|en), ``province`` (id slugs, comma-separated; the first is "my
province"), ``year``, ``measure`` (PCI, CSTP1 … CSTP10), ``big`` (1 = projector type).
Streamlit clears query parameters when the user switches pages, so the session holds the
truth after the first load and every run writes it back to the URL; choosing a province once
therefore carries it across pages and survives a reload.

Page widgets never bind directly to these keys (Streamlit forgets widget state of a page that
is not shown); they use ``select_*`` helpers that copy the choice into the shared state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from pci.i18n import Translator, normalize_lang

URL_KEYS = ("lang", "province", "year", "measure", "big")
_PREFIX = "pci_"
MEASURE_RE = re.compile(r"^(PCI|CSTP(10|[1-9])|CSTP_TW)$")


def load_from_url() -> None:
    """On the first run of a session, copy the URL's parameters into the shared state."""
    ss = st.session_state
    if ss.get("_pci_url_loaded"):
        return
    qp = st.query_params
    ss[_PREFIX + "lang"] = normalize_lang(qp.get("lang"))
    ss[_PREFIX + "province"] = [p for p in (qp.get("province") or "").split(",") if p]
    year = qp.get("year")
    ss[_PREFIX + "year"] = int(year) if year and year.isdigit() else None
    measure = (qp.get("measure") or "").upper()
    ss[_PREFIX + "measure"] = measure if MEASURE_RE.match(measure) else None
    ss[_PREFIX + "big"] = qp.get("big") == "1"
    ss["_pci_url_loaded"] = True


def write_to_url() -> None:
    """Mirror the shared state into the URL (only keys with a value; vi is the default)."""
    want: dict[str, str] = {}
    if lang() != "vi":
        want["lang"] = lang()
    if provinces():
        want["province"] = ",".join(provinces())
    if year() is not None:
        want["year"] = str(year())
    if measure():
        want["measure"] = measure()
    if big():
        want["big"] = "1"
    current = {k: st.query_params.get(k) for k in URL_KEYS if st.query_params.get(k)}
    if current != want:
        # A page's own parameters (e.g. the presentation's ``slide``) stay: Streamlit clears
        # them itself when the user switches pages.
        extras = {
            k: v for k in st.query_params if k not in URL_KEYS and (v := st.query_params.get(k))
        }
        st.query_params.from_dict({**want, **extras})


def lang() -> str:
    return st.session_state.get(_PREFIX + "lang", "vi")


def tr() -> Translator:
    """The translator for the session's language."""
    return Translator(lang())


def provinces() -> list[str]:
    return list(st.session_state.get(_PREFIX + "province") or [])


def my_province() -> str | None:
    p = provinces()
    return p[0] if p else None


def year() -> int | None:
    return st.session_state.get(_PREFIX + "year")


def measure() -> str | None:
    return st.session_state.get(_PREFIX + "measure")


def big() -> bool:
    return bool(st.session_state.get(_PREFIX + "big"))


def set_value(key: str, value: object) -> None:
    assert key in URL_KEYS, key
    st.session_state[_PREFIX + key] = value


def set_provinces(ids: Sequence[str]) -> None:
    set_value("province", [p for p in ids if p])


# --- widgets that read and write the shared state ------------------------------------------


def _sync(widget_key: str, key: str, transform=lambda v: v) -> None:
    set_value(key, transform(st.session_state[widget_key]))


def select_year(
    options: Sequence[int], *, label: str, key: str, default: int | None = None, container=st
) -> int | None:
    """A year selectbox seeded from the shared year; the choice becomes the shared year."""
    options = list(options)
    if not options:
        return None
    current = year() if year() in options else (default if default in options else options[0])
    wkey = f"w_{key}_year"
    if st.session_state.get(wkey) not in options:
        st.session_state[wkey] = current
    value = container.selectbox(label, options, key=wkey, on_change=_sync, args=(wkey, "year"))
    set_value("year", value)
    return value


def select_measure(
    options: Sequence[str], *, label: str, key: str, format_func, container=st
) -> str:
    """A measure selectbox (PCI, CSTPn) bound to the shared measure."""
    options = list(options)
    current = measure() if measure() in options else options[0]
    wkey = f"w_{key}_measure"
    if st.session_state.get(wkey) not in options:
        st.session_state[wkey] = current
    value = container.selectbox(
        label, options, key=wkey, format_func=format_func, on_change=_sync, args=(wkey, "measure")
    )
    set_value("measure", value)
    return value


def select_provinces(
    options: Sequence[str],
    *,
    label: str,
    key: str,
    format_func,
    max_selections: int | None = None,
    default: Sequence[str] = (),
    container=st,
    help: str | None = None,
) -> list[str]:
    """A multiselect of provinces; the first chosen stays "my province" across pages."""
    options = list(options)
    chosen = [p for p in provinces() if p in options] or [p for p in default if p in options]
    if max_selections:
        chosen = chosen[:max_selections]
    wkey = f"w_{key}_provinces"
    if wkey not in st.session_state or any(p not in options for p in st.session_state[wkey]):
        st.session_state[wkey] = chosen
    value = container.multiselect(
        label,
        options,
        key=wkey,
        format_func=format_func,
        max_selections=max_selections,
        help=help,
        on_change=_sync,
        args=(wkey, "province", list),
    )
    set_provinces(value)
    return list(value)


def select_province(
    options: Sequence[str], *, label: str, key: str, format_func, container=st
) -> str | None:
    """One province (the profile, the targets); it becomes "my province", others follow."""
    options = list(options)
    if not options:
        return None
    current = my_province() if my_province() in options else options[0]
    wkey = f"w_{key}_province"
    if st.session_state.get(wkey) not in options:
        st.session_state[wkey] = current
    value = container.selectbox(label, options, key=wkey, format_func=format_func)
    set_provinces([value] + [p for p in provinces() if p != value])
    return value
