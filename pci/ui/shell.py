"""The app shell: page registry, sidebar (language, my province, projector type), routing.

``app.py`` only sets the page config and calls ``run()``. Pages are grouped in the sidebar;
their titles are translated on every run, so switching language renames the navigation too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from pci.config import ROOT
from pci.ui import signin, state
from pci.ui.components import projector_css
from pci.ui.data import database
from pci.ui.figcache import cached


@dataclass(frozen=True)
class PageSpec:
    group: str  # translation key suffix under nav.group
    path: str  # relative to the repository root
    url: str  # URL path (Vietnamese, stable: links are shared)
    title: str  # translation key
    icon: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("results", "pages/xep_hang.py", "xep-hang", "nav.ranking", ":material/leaderboard:"),
    PageSpec("results", "pages/quy_dao.py", "quy-dao", "nav.trajectory", ":material/timeline:"),
    PageSpec("results", "pages/ho_so.py", "ho-so", "nav.profile", ":material/badge:"),
    PageSpec("results", "pages/so_sanh.py", "so-sanh", "nav.compare", ":material/compare:"),
    PageSpec("targets", "pages/muc_tieu.py", "muc-tieu", "nav.targets", ":material/flag:"),
    PageSpec("targets", "pages/chi_tieu.py", "chi-tieu", "nav.indicators", ":material/checklist:"),
    PageSpec("targets", "pages/mo_phong.py", "mo-phong", "nav.simulator", ":material/tune:"),
    PageSpec(
        "meeting", "pages/trinh_chieu.py", "trinh-chieu", "nav.present", ":material/slideshow:"
    ),
    PageSpec("data", "pages/du_lieu.py", "du-lieu", "nav.data", ":material/database:"),
)


def run() -> None:
    """Route the request: restore state, draw the sidebar, run the chosen page."""
    state.load_from_url()
    tr = state.tr()
    _ensure_database(tr)
    groups: dict[str, list] = {}
    first = None
    for spec in (p for p in PAGES if (ROOT / p.path).exists()):
        page = st.Page(
            str(ROOT / spec.path), title=tr(spec.title), icon=spec.icon, url_path=spec.url
        )
        first = first or page
        groups.setdefault(tr(f"nav.group.{spec.group}"), []).append(page)
    # Streamlit serves the default page at "/" only; a hidden home page forwards "/" to the
    # first real page so that every page, the first included, has its own shareable URL.
    home = st.Page(
        lambda: st.switch_page(first, query_params=_url_params()),
        title=tr(PAGES[0].title),
        url_path="home",
        default=True,
        visibility="hidden",
    )
    groups.setdefault(next(iter(groups)), []).append(home)
    nav = st.navigation(groups, position="sidebar", expanded=True)
    _sidebar(tr)
    projector_css(state.big())
    state.write_to_url()
    nav.run()
    state.write_to_url()


def _url_params() -> dict[str, str]:
    return {k: v for k in state.URL_KEYS if (v := st.query_params.get(k))}


def _ensure_database(tr) -> None:
    """A fresh clone started with plain `streamlit run` builds its database on first view."""
    db = database()
    if db.exists():
        return
    from etl.load import ensure_built

    with st.spinner(tr("ui.building_database")):
        ensure_built(db)


def province_choices(db: Path, lang: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """The sidebar's "my province" choices: today's provinces sorted by name, and every
    province's name (former ones too, for old links). Built once per database version and
    language (``pci.ui.figcache``), not on every run: the sidebar runs with every page."""
    from pci.queries.scores import provinces

    provs = provinces(db)
    current = provs[provs["last_year"].isna() | (provs["last_year"] >= 2024)]
    names = dict(
        zip(provs["province_id"], provs["name_vi" if lang == "vi" else "name_en"], strict=True)
    )
    return tuple(sorted(current["province_id"], key=lambda p: names[p])), names


def _sidebar(tr) -> None:
    with st.sidebar:
        lang = st.segmented_control(
            tr("ui.language"),
            ["vi", "en"],
            default=state.lang(),
            key="w_lang",
            format_func=lambda v: {"vi": "Tiếng Việt", "en": "English"}[v],
            required=True,
        )
        if lang and lang != state.lang():
            state.set_value("lang", lang)
            st.rerun()
        current, names = cached(province_choices, database(), state.lang())
        options = ["", *current]
        mine = state.my_province() or ""
        if mine in names and mine not in options:  # a former province (Hà Tây) from a link
            options.append(mine)
        if st.session_state.get("w_my_province") != mine:
            st.session_state["w_my_province"] = mine if mine in options else ""
        chosen = st.selectbox(
            tr("ui.my_province"),
            options,
            key="w_my_province",
            format_func=lambda p: names.get(p, tr("ui.choose_province")),
            help=tr("ui.my_province_help"),
        )
        if chosen != mine:
            state.set_provinces(
                [chosen] + [p for p in state.provinces() if p != chosen]
                if chosen
                else state.provinces()[1:]
            )
        big = st.toggle(
            tr("ui.projector"), value=state.big(), key="w_big", help=tr("ui.projector_help")
        )
        state.set_value("big", big)
        signin.sidebar(tr)
