"""What the trajectory page draws, from plain arguments: the bump and score charts."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go

from pci.charts import trajectory as charts
from pci.queries import scores


def figures(
    db: Path,
    province_ids: tuple[str, ...],
    measure: str,
    lang: str,
    *,
    big: bool,
    join: bool,
    rank_title: str,
    score_title: str,
    include_private: bool,
) -> tuple[go.Figure, go.Figure]:
    ids = list(province_ids)
    traj = scores.trajectory(db, ids, measure, include_private)
    national = scores.national_stats(db, measure, include_private)
    bump = charts.bump_chart(traj, lang, big=big, join=join, title=rank_title, order=ids)
    score = charts.score_chart(
        traj, national, lang, big=big, join=join, title=score_title, order=ids
    )
    return bump, score
