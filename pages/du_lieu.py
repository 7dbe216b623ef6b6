"""Dữ liệu — what the database holds and where it comes from; editors import files here."""

import pandas as pd
import streamlit as st

from etl.store import ImportBusy
from pci import fmt
from pci.charts.coverage import coverage_heatmap
from pci.profile_tables import measure_label
from pci.queries import quality
from pci.ui import auth, components, importer, state
from pci.ui.data import database, q

tr = state.tr()
lang = state.lang()
st.title(tr("data.title"))
st.caption(tr("data.intro"))
private = auth.include_private()

tab_cov, tab_src, tab_conf, tab_hist, tab_imp = st.tabs(
    [
        tr("data.tab.coverage"),
        tr("data.tab.sources"),
        tr("data.tab.conflicts"),
        tr("data.tab.history"),
        tr("data.tab.import"),
    ]
)

with tab_cov:
    grid = q(quality.coverage_grid, private)
    if private and grid["private"].sum() > 0:
        components.private_badge(tr)
    components.chart(
        coverage_heatmap(grid, lang, big=state.big()),
        key="data_coverage",
        tr=tr,
        file_stem="do-phu-du-lieu-pci",
    )
    st.caption(tr("data.coverage_note"))
    shown = grid.assign(
        measure=[
            measure_label(m, int(y), lang)
            for m, y in zip(grid["measure"], grid["year"], strict=True)
        ]
    ).rename(columns=lambda c: tr(f"data.col.{c}"))
    st.dataframe(shown, hide_index=True, key="data_coverage_table")
    components.table_downloads(shown, key="data_coverage_dl", tr=tr, file_stem="do-phu-du-lieu")

with tab_src:
    src = q(quality.sources, private)
    st.caption(tr("data.sources_note", n=len(src)))
    src_shown = src.assign(
        source_kind=src["source_kind"].map(lambda k: tr(f"data.source_kind.{k}")),
        imported_at=src["imported_at"].map(lambda d: fmt.day(d, lang) if pd.notna(d) else None),
    ).rename(columns=lambda c: tr(f"data.col.{c}"))
    st.dataframe(src_shown, hide_index=True, key="data_sources_table")
    components.table_downloads(src_shown, key="data_sources_dl", tr=tr, file_stem="nguon-du-lieu")

with tab_conf:
    conf = q(quality.conflicts)
    if conf.empty:
        st.info(tr("data.no_conflicts"))
    else:
        st.caption(tr("data.conflicts_note", n=len(conf)))
        conf_shown = conf[
            [
                "year",
                "province_name",
                "measure",
                "field",
                "kept_value",
                "kept_source",
                "other_value",
                "other_source",
                "origin",
                "note",
            ]
        ].rename(columns=lambda c: tr(f"data.col.{c}"))
        st.dataframe(conf_shown, hide_index=True, key="data_conflicts_table")
        components.table_downloads(conf_shown, key="data_conflicts_dl", tr=tr, file_stem="xung-dot")

with tab_hist:
    hist = q(quality.imports)
    if hist.empty:
        st.info(tr("data.no_imports"))
    else:
        hist_shown = (
            hist[
                [
                    "imported_at",
                    "file_name",
                    "kind",
                    "outcome",
                    "sheets",
                    "rows",
                    "imported_by",
                    "message",
                    "sha256",
                ]
            ]
            .assign(
                imported_at=hist["imported_at"].astype(str).str[:19],
                sha256=hist["sha256"].str[:12],
                outcome=hist["outcome"].map(lambda o: tr(f"data.outcome.{o}")),
            )
            .rename(columns=lambda c: tr(f"data.col.{c}"))
        )
        st.dataframe(hist_shown, hide_index=True, key="data_history_table")

with tab_imp:
    if not auth.is_editor():
        st.info(tr("data.import.sign_in_needed"), icon=":material/lock:")
    else:
        st.markdown(tr("data.import.help"))
        n = st.session_state.setdefault("_pci_upload_round", 0)
        uploads = st.file_uploader(
            tr("data.import.files"),
            type=["xlsx", "xls", "xlsm", "csv"],
            accept_multiple_files=True,
            key=f"w_data_upload_{n}",
        )
        year = st.number_input(
            tr("data.import.year"),
            min_value=2005,
            max_value=2100,
            value=None,
            step=1,
            key="w_data_year",
            help=tr("data.import.year_help"),
        )
        year = int(year) if year else None
        files = [(u.name, u.getvalue()) for u in uploads or []]
        previous = st.session_state.get("_pci_staged")
        if not files:
            importer.discard(previous)
            st.session_state.pop("_pci_staged", None)
        else:
            if previous is None or previous.fingerprint != importer.fingerprint(files, year):
                importer.discard(previous)
                staged = importer.stage(database(), files, year)
                try:
                    with st.spinner(tr("data.import.checking")):
                        summary = importer.preview(database(), staged, year, auth.editor())
                except ImportBusy:
                    importer.discard(staged)
                    st.session_state.pop("_pci_staged", None)
                    st.warning(tr("data.import.busy"))
                    st.stop()
                st.session_state["_pci_staged"] = staged
                st.session_state["_pci_preview"] = summary
            staged = st.session_state["_pci_staged"]
            summary = st.session_state["_pci_preview"]
            st.subheader(tr("data.import.preview"))
            cols = st.columns(4)
            cols[0].metric(tr("data.import.added"), fmt.integer(summary.added, lang))
            cols[1].metric(tr("data.import.replaced"), fmt.integer(summary.replaced, lang))
            cols[2].metric(tr("data.import.unchanged"), fmt.integer(summary.unchanged, lang))
            cols[3].metric(tr("data.import.rejected"), fmt.integer(len(summary.rejected), lang))
            st.dataframe(importer.files_table(summary, lang), hide_index=True, key="data_files")
            problems = importer.problems_table(summary, lang)
            notes = importer.notes_table(summary, lang)
            if not notes.empty:
                st.caption(tr("data.import.notes"))
                st.dataframe(notes, hide_index=True, key="data_notes")
            if not summary.ok:
                st.error(tr("data.import.will_reject"), icon=":material/block:")
                st.dataframe(problems, hide_index=True, key="data_problems")
            elif all(f.status == "unchanged" for f in summary.files):
                st.info(tr("data.import.nothing_new"))
            else:
                if st.button(tr("data.import.confirm"), type="primary", key="w_data_confirm"):
                    try:
                        with st.spinner(tr("data.import.importing")):
                            done = importer.commit(database(), staged, year, auth.editor())
                    except ImportBusy:
                        st.warning(tr("data.import.busy"))
                        st.stop()
                    importer.discard(staged)
                    for k in ("_pci_staged", "_pci_preview"):
                        st.session_state.pop(k, None)
                    st.session_state["_pci_upload_round"] = n + 1
                    st.session_state["_pci_import_done"] = done
                    st.rerun()
    done = st.session_state.pop("_pci_import_done", None)
    if done is not None:
        if done.ok:
            st.success(
                tr(
                    "data.import.done",
                    added=fmt.integer(done.added, lang),
                    replaced=fmt.integer(done.replaced, lang),
                )
            )
        else:
            st.error(tr("data.import.will_reject"))
            st.dataframe(
                importer.problems_table(done, lang), hide_index=True, key="data_done_problems"
            )
