"""Trình chiếu — the meeting deck on a projected screen, one message per slide.

Sidebar collapsed, very large type, previous/next by button and by the ← → keys, the slide
number in the URL (``slide=``) so a reload keeps the place; PowerPoint and PDF of the same deck
are made only when their button is clicked.
"""

from html import escape

import streamlit as st

from pci import db as pdb
from pci.brief import pdf, pptx
from pci.brief.deck import build_deck
from pci.config import state_path
from pci.queries import scores
from pci.ui import auth, components, state
from pci.ui.data import database, q

st.set_page_config(initial_sidebar_state="collapsed")
tr = state.tr()
lang = state.lang()
st.html("""<style>
.st-key-brief_slide h2 { font-size: 3.2rem !important; line-height: 1.15; }
.st-key-brief_slide [data-testid="stMarkdownContainer"] p.brief-message {
  font-size: 2.2rem !important; line-height: 1.3; color: #004C8C; }
.st-key-brief_slide [data-testid="stMetricValue"],
.st-key-brief_slide [data-testid="stMetricValue"] p { font-size: 4.5rem !important; }
.st-key-brief_slide [data-testid="stMetricValue"] .stMarkdownEllipsis,
.st-key-brief_slide [data-testid="stMetricValue"] p { white-space: normal; overflow: visible; line-height: 1.1; }
.st-key-brief_slide [data-testid="stMetricLabel"] p { font-size: 1.6rem !important; }
.st-key-brief_slide table { font-size: 1.45rem; }
.st-key-brief_slide [data-testid="stCaptionContainer"] { font-size: 1rem; }
.st-key-brief_nav [data-testid="stMarkdownContainer"] p { font-size: 1.4rem; text-align: center; }
</style>""")
st.title(tr("brief.title"))

provs = q(scores.provinces)
names = dict(
    zip(provs["province_id"], provs["name_vi" if lang == "vi" else "name_en"], strict=True)
)
years = q(scores.years, "PCI", auth.include_private())
with st.expander(tr("brief.settings"), expanded=state.my_province() is None):
    cols = st.columns(2)
    options = sorted(provs["province_id"], key=lambda p: names[p])
    province = (
        state.select_province(
            options,
            label=tr("brief.province"),
            key="brief",
            format_func=names.get,
            container=cols[0],
        )
        if state.my_province()
        else None
    )
    if province is None:
        chosen = cols[0].selectbox(
            tr("brief.province"),
            ["", *options],
            format_func=lambda p: names.get(p, tr("ui.choose_province")),
            key="w_brief_first_province",
        )
        if chosen:
            state.set_provinces([chosen])
            st.rerun()
    year = state.select_year(years, label=tr("brief.year"), key="brief", container=cols[1])

if province is None or year is None:
    st.info(tr("brief.choose_province"), icon=":material/slideshow:")
    st.stop()

deck = q(
    build_deck,
    province,
    year,
    lang,
    include_private=auth.include_private(),
    register_version=pdb.version(state_path(database())),
)
n = len(deck)
ss = st.session_state
deck_id = (province, year, lang)
if ss.get("brief_deck") != deck_id:
    url_slide = st.query_params.get("slide", "1")
    start = int(url_slide) if url_slide.isdigit() and "brief_deck" not in ss else 1
    ss["brief_deck"], ss["brief_slide"] = deck_id, start
ss["brief_slide"] = min(max(1, int(ss.get("brief_slide", 1))), n)


def _step(delta: int) -> None:
    ss["brief_slide"] = min(max(1, ss["brief_slide"] + delta), n)


i = ss["brief_slide"] - 1
slide = deck[i]
with st.container(key="brief_slide"):
    if slide.private:
        st.error(tr("brief.private_label"), icon=":material/lock:")
    st.header(slide.title, anchor=False)
    st.markdown(f'<p class="brief-message">{escape(slide.message)}</p>', unsafe_allow_html=True)
    if slide.facts:
        for row in range(0, len(slide.facts), 2):
            for col, (label, value) in zip(st.columns(2), slide.facts[row : row + 2], strict=False):
                col.metric(label, value)
    if slide.figure is not None:
        components.chart(
            slide.figure,
            key=f"brief_fig_{slide.key}",
            tr=tr,
            file_stem=f"{slide.key}-{province}-{year}",
            height=520,
        )
    if slide.table is not None:
        st.table(slide.table.set_index(slide.table.columns[0]))
    st.caption(f"{deck.footer(slide)} · {deck.page(i)}")
    if slide.sources:
        st.caption(deck.sources_line(slide, limit=6))
    for note in slide.notes:
        st.caption(note)

with st.container(key="brief_nav"):
    c1, c2, c3 = st.columns([1, 2, 1])
    c1.button(
        tr("brief.prev"),
        key="brief_prev",
        on_click=_step,
        args=(-1,),
        disabled=i == 0,
        shortcut="Left",
        icon=":material/arrow_back:",
        width="stretch",
    )
    c2.markdown(f"{deck.page(i)} · {tr('brief.keyboard_hint')}")
    c3.button(
        tr("brief.next"),
        key="brief_next",
        on_click=_step,
        args=(1,),
        disabled=i == n - 1,
        shortcut="Right",
        icon=":material/arrow_forward:",
        width="stretch",
    )
    d1, d2, _ = st.columns([1, 1, 2])
    stem = components.slug(f"pci-{year}-{names[province]}")
    d1.download_button(
        tr("brief.export_pptx"),
        data=lambda: pptx.render(deck),
        file_name=f"{stem}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="brief_pptx",
        on_click="ignore",
        icon=":material/co_present:",
    )
    d2.download_button(
        tr("brief.export_pdf"),
        data=lambda: pdf.render(deck),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key="brief_pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
st.query_params["slide"] = str(i + 1)
