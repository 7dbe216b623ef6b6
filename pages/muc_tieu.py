"""Mục tiêu — every target of the chosen province: latest result, gap, status (with the rules),
the trajectory with the target band, what it takes; and, for editors, the register editor."""

import tempfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from etl.errors import ImportRejected
from pci import fmt
from pci.charts.targets import STATUS_COLOURS, trajectory
from pci.config import state_path
from pci.targets import editing, store, template
from pci.targets.register import GROUPS, InvalidTarget, Target
from pci.targets.reporting import latest_edition, target_rows, trajectory_figures
from pci.ui import auth, components, state
from pci.ui.data import database, q
from pci.ui.figcache import cached
from pci.ui.shell import province_choices

tr = state.tr()
lang = state.lang()
st.title(tr("targets.title"))


STATE = state_path(database())
private = auth.include_private()
regs_all = store.list_targets(STATE)
current, names = cached(province_choices, database(), lang)  # today's provinces by name
with_targets = sorted(set(regs_all["province_id"]), key=lambda p: names.get(p, p))
province = state.select_province(
    with_targets + [p for p in current if p not in with_targets],
    label=tr("targets.province"),
    key="targets",
    format_func=names.get,
)
regs = regs_all[regs_all["province_id"] == province]
call = lambda fn, *a: q(fn, *a)  # noqa: E731
rows = target_rows(call, regs, province, lang, private)
last = latest_edition()
st.caption(tr("targets.as_of", year=last))

if rows.empty or "status_label" not in rows:
    st.info(tr("targets.no_targets"))
else:
    shown = pd.DataFrame(
        {
            tr("targets.col.measure"): rows["measure_label"],
            tr("targets.col.target"): rows["target_text"],
            tr("targets.col.baseline"): rows["baseline_text"],
            tr("targets.col.latest"): rows["latest_text"]
            + rows["latest_private"].map(lambda p: " 🔒" if p else ""),
            tr("targets.col.gap_places"): rows["gap_places"].map(
                lambda v: fmt.integer(v, lang, missing=tr("common.na_short"), signed=True)
            ),
            # The points gap of a rank target comes from the latest year with every figure,
            # which may be older than the latest result: name its year.
            tr("targets.col.gap_points"): [
                fmt.number(v, lang, missing=tr("common.na_short"))
                + (f" ({int(y)})" if pd.notna(y) and pd.notna(v) and y != last else "")
                for v, y, last in zip(
                    rows["gap_points"], rows["takes_year"], rows["latest_year"], strict=True
                )
            ],
            tr("targets.col.status"): rows["status_label"],
            tr("targets.col.reason"): rows["reason"],
            tr("targets.col.lead"): rows["lead_unit"].fillna(tr("common.na_short")),
            tr("targets.col.plan"): rows["plan_ref"].fillna(tr("common.na_short")),
        }
    )
    status_col = tr("targets.col.status")
    colours = {tr(f"targets.status.{k}"): c for k, c in STATUS_COLOURS.items()}
    st.dataframe(
        shown.style.map(lambda v: f"background-color: {colours.get(v, '')}", subset=[status_col]),
        hide_index=True,
    )
    components.table_downloads(shown, key="targets_table", tr=tr, file_stem=f"muc-tieu-{province}")
    if rows["latest_private"].any():
        components.private_badge(tr)

with st.expander(tr("targets.rules.title"), expanded=True):
    st.markdown(tr("targets.rules.intro"))
    for key in ("met", "on_track", "at_risk", "no_data", "baseline"):
        st.markdown(f"- {tr(f'targets.rules.{key}')}")

if not rows.empty and "status_label" in rows:
    labels = {
        r["target_id"]: f"{r['measure_label']} — {r['target_text']}"
        for r in rows.to_dict("records")
    }
    chosen = st.selectbox(
        tr("targets.choose_target"), list(labels), format_func=labels.get, key="w_targets_detail"
    )
    row = rows[rows["target_id"] == chosen].iloc[0]
    target = Target.from_mapping(regs[regs["target_id"] == chosen].iloc[0].to_dict())
    figs = trajectory_figures(call, target, private)
    fig = trajectory(
        figs,
        target,
        lang=lang,
        province=names[province],
        measure_label=row["measure_label"],
        big=state.big(),
    )
    components.chart(fig, key="targets_chart", tr=tr, file_stem=f"muc-tieu-{province}-{chosen}")
    st.markdown(f"**{tr('targets.col.status')}: {row['status_label']}** — {row['reason']}")
    if target.metric == "rank" and target.comparator != "in_group":
        st.subheader(tr("targets.takes.title"))
        if isinstance(row["takes_text"], str):
            st.markdown(row["takes_text"])
        needs = row["takes_needs"] if isinstance(row["takes_needs"], list) else []
        if needs:
            st.caption(tr("targets.takes.needs_caption"))
            st.dataframe(
                pd.DataFrame(
                    {
                        tr("targets.takes.measure"): [n["label"] for n in needs],
                        tr("targets.takes.weight"): [
                            fmt.percent(n["weight"], lang, fraction=True) for n in needs
                        ],
                        tr("targets.takes.current"): [
                            fmt.number(n["current"], lang, missing=tr("common.na_short"))
                            for n in needs
                        ],
                        tr("targets.takes.needed"): [
                            fmt.number(n["needed"], lang, signed=True) for n in needs
                        ],
                        tr("targets.takes.possible"): [
                            tr("targets.takes.unknown")
                            if n["possible"] is None
                            else tr("targets.takes.yes")
                            if n["possible"]
                            else tr("targets.takes.no")
                            for n in needs
                        ],
                    }
                ),
                hide_index=True,
            )
        if isinstance(row["missing_text"], str):
            st.warning(row["missing_text"], icon=":material/help:")
    if row["latest_private"]:
        components.private_badge(tr)
    st.caption(
        " · ".join(
            x
            for x in (
                f"{tr('targets.plan')}: {target.plan_ref} ({target.plan_date})"
                if target.plan_ref
                else "",
                f"{tr('targets.lead')}: {target.lead_unit}" if target.lead_unit else "",
                f"{tr('targets.support')}: {target.support_units}" if target.support_units else "",
                tr("targets.example_label", set=target.example_set) if target.example_set else "",
            )
            if x
        )
    )
    if target.notes:
        st.caption(target.notes)

# --- the register editor (signed-in editors only) ------------------------------------------------
st.divider()
if not auth.is_editor():
    st.info(tr("targets.sign_in_to_edit"), icon=":material/lock:")
    st.stop()

user = auth.editor() or "unknown"
ss = st.session_state
ss.setdefault("targets_editor_n", 0)
flash = ss.pop("targets_flash", None)
if flash:
    getattr(st, flash[0])(flash[1])

st.subheader(tr("targets.editor.title"))
st.caption(tr("targets.editor.help"))
if regs.empty:
    st.caption(tr("targets.no_targets_editor"))
# The editor starts from a snapshot taken when it opened: its versions are what an edit
# started from, so a save after someone else's change is refused instead of overwriting it.
editor_key = f"targets_editor_{province}_{ss['targets_editor_n']}"
if editor_key + "_base" not in ss:
    ss[editor_key + "_base"] = editing.editor_frame(regs)
original = ss[editor_key + "_base"]
cc = st.column_config
edited = st.data_editor(
    original,
    key=editor_key,
    num_rows="add",
    hide_index=True,
    placeholder="",
    disabled=list(editing.READ_ONLY),
    column_config={
        **{f: cc.Column(tr(f"targets.field.{f}")) for f in editing.EDITOR_FIELDS},
        **{
            f: cc.SelectboxColumn(
                tr(f"targets.field.{f}"),
                options=list(options),
                format_func=lambda v, f=f: tr(f"targets.tpl.value.{f}_{v}"),
            )
            for f, options in template.CHOICES.items()
        },
        "target_group": cc.SelectboxColumn(
            tr("targets.field.target_group"),
            options=list(GROUPS),
            format_func=lambda v: tr(f"targets.group.{v}"),
        ),
        "measure": cc.SelectboxColumn(
            tr("targets.field.measure"), options=["PCI", *(f"CSTP{i}" for i in range(1, 11))]
        ),
        "baseline_year": cc.NumberColumn(tr("targets.field.baseline_year"), format="%d"),
        "target_year": cc.NumberColumn(tr("targets.field.target_year"), format="%d"),
        "position": cc.NumberColumn(tr("targets.field.position"), format="%d"),
    },
)


def _restart(kind: str, message: str) -> None:
    ss["targets_flash"] = (kind, message)
    ss["targets_editor_n"] += 1
    st.rerun()


if st.button(tr("targets.editor.save"), key="targets_save", type="primary", icon=":material/save:"):
    ch = editing.changes(original, edited, province, lang)
    if ch.problems:
        st.error(
            tr("targets.editor.invalid")
            + "\n\n"
            + "\n".join(f"- {p.message(lang)}" for p in ch.problems)
        )
    elif ch.empty:
        st.info(tr("targets.editor.nothing"))
    else:
        try:
            store.apply_batch(STATE, ch.creates, ch.edits, user, action="edit")
        except store.StaleEdit as exc:
            label = next(
                (
                    r["indicator_label"] or r["measure"]
                    for r in regs.to_dict("records")
                    if r["target_id"] == exc.target_id
                ),
                exc.target_id,
            )
            _restart(
                "error",
                tr(
                    "targets.editor.stale",
                    label=label,
                    by=exc.by,
                    at=fmt.day(exc.at, lang),
                    current=exc.current,
                    expected=exc.expected,
                ),
            )
        except InvalidTarget as exc:
            st.error(str(exc))
        else:
            msg = tr("targets.editor.saved", created=len(ch.creates), edited=len(ch.edits))
            if ch.warnings:
                msg += (
                    "\n\n"
                    + tr("targets.editor.warnings")
                    + "\n"
                    + "\n".join(f"- {p.message(lang)}" for p in ch.warnings)
                )
            _restart("success", msg)

# History and undo
with st.expander(tr("targets.editor.history"), expanded=False):
    live = regs.to_dict("records")
    if live:

        def _label(tid: str) -> str:
            r = next(x for x in live if x["target_id"] == tid)
            return f"{r['position'] if pd.notna(r['position']) else ''} {r['indicator_label'] or r['measure']} ({r['target_year']})"

        hid = st.selectbox(
            tr("targets.editor.history_target"),
            [r["target_id"] for r in live],
            format_func=_label,
            key="w_targets_history",
        )
        hist = store.history(STATE, hid)
        st.dataframe(
            pd.DataFrame(
                {
                    tr("targets.editor.version"): hist["version"],
                    tr("targets.editor.action"): hist["action"],
                    tr("targets.editor.by"): hist["edited_by"],
                    tr("targets.editor.at"): hist["edited_at"].map(
                        lambda v: fmt.day(pd.Timestamp(v).to_pydatetime(), lang)
                    ),
                    tr("targets.field.target_value"): hist["target_value"],
                    tr("targets.field.baseline_value"): hist["baseline_value"],
                    tr("targets.field.lead_unit"): hist["lead_unit"],
                    tr("targets.field.deleted"): hist["deleted"],
                }
            ),
            hide_index=True,
        )
        if st.button(tr("targets.editor.undo"), key="targets_undo", icon=":material/undo:"):
            cur = next(x for x in live if x["target_id"] == hid)
            try:
                saved = store.undo(STATE, hid, int(cur["version"]), user)
            except store.StaleEdit as exc:
                _restart(
                    "error",
                    tr(
                        "targets.editor.stale",
                        label=_label(hid),
                        by=exc.by,
                        at=fmt.day(exc.at, lang),
                        current=exc.current,
                        expected=exc.expected,
                    ),
                )
            except store.NothingToUndo:
                _restart("info", tr("targets.editor.nothing_to_undo"))
            else:
                _restart("success", tr("targets.editor.undone", version=saved.version))

# Delete (with confirmation) and restore
with st.expander(tr("targets.editor.delete"), expanded=False):
    live = regs.to_dict("records")
    if live:
        did = st.selectbox(
            tr("targets.editor.history_target"),
            [r["target_id"] for r in live],
            format_func=lambda x: next(
                f"{r['indicator_label'] or r['measure']} ({r['target_year']})"
                for r in live
                if r["target_id"] == x
            ),
            key="w_targets_delete",
        )
        sure = st.checkbox(tr("targets.editor.delete_confirm"), key="w_targets_delete_confirm")
        if st.button(
            tr("targets.editor.delete_button"),
            key="targets_delete",
            disabled=not sure,
            icon=":material/delete:",
        ):
            cur = next(x for x in live if x["target_id"] == did)
            try:
                store.delete(STATE, did, int(cur["version"]), user)
            except store.StaleEdit as exc:
                _restart(
                    "error",
                    tr(
                        "targets.editor.stale",
                        label=did,
                        by=exc.by,
                        at=fmt.day(exc.at, lang),
                        current=exc.current,
                        expected=exc.expected,
                    ),
                )
            ss.pop("w_targets_delete_confirm", None)
            _restart("success", tr("targets.editor.deleted"))
    st.markdown(f"**{tr('targets.editor.deleted_title')}**")
    gone = store.list_targets(STATE, province, include_deleted=True)
    gone = gone[gone["deleted"].astype(bool)].to_dict("records")
    if not gone:
        st.caption(tr("targets.editor.no_deleted"))
    else:
        rid = st.selectbox(
            tr("targets.editor.deleted_title"),
            [r["target_id"] for r in gone],
            format_func=lambda x: next(
                f"{r['indicator_label'] or r['measure']} ({r['target_year']})"
                for r in gone
                if r["target_id"] == x
            ),
            key="w_targets_restore",
        )
        if st.button(
            tr("targets.editor.restore"),
            key="targets_restore",
            icon=":material/restore_from_trash:",
        ):
            cur = next(x for x in gone if x["target_id"] == rid)
            store.restore(STATE, rid, int(cur["version"]), user)
            _restart("success", tr("targets.editor.restored"))

# Excel template: export and import
with st.expander(tr("targets.editor.excel"), expanded=False):
    st.download_button(
        tr("targets.editor.download"),
        data=lambda: template.write_template(store.list_targets(STATE, province), lang),
        file_name=f"so-muc-tieu-{province}-{datetime.now():%Y%m%d}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="targets_download",
        on_click="ignore",
        icon=":material/download:",
    )
    up = st.file_uploader(tr("targets.editor.upload"), type=["xlsx"], key="w_targets_upload")
    if up is not None and st.button(tr("targets.editor.import_button"), key="targets_import"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "upload.xlsx"
            path.write_bytes(up.getvalue())
            try:
                res = template.import_template(STATE, path, user, display_name=up.name)
            except ImportRejected as exc:
                st.error(
                    tr("targets.editor.import_rejected")
                    + "\n\n"
                    + "\n".join(f"- {p.message(lang)}" for p in exc.problems[:50])
                )
            else:
                _restart(
                    "success",
                    tr(
                        "targets.editor.imported",
                        created=res.created,
                        edited=res.edited,
                        unchanged=res.unchanged,
                    ),
                )
