"""Methodology-break labels stay inside the plot."""

import plotly.graph_objects as go

from pci.charts import theme


def _labels(years):
    fig = go.Figure()
    theme.mark_breaks(fig, years, "vi")
    return {a.text.split(":")[0]: a.xanchor for a in fig.layout.annotations}


def test_a_break_near_the_right_edge_reads_leftwards():
    # 2021's long label ("PCI 2021 trở đi (điều chỉnh phương pháp)") was cut by the plot edge.
    anchors = _labels(list(range(2006, 2023)))
    assert anchors == {"2009": "left", "2013": "left", "2021": "right"}


def test_breaks_in_the_middle_read_rightwards():
    assert _labels(list(range(2006, 2016))) == {"2009": "left", "2013": "left"}


def test_rank_axis_ticks_at_round_ranks():
    fig = go.Figure()
    theme.rank_axis(fig, 63)
    assert list(fig.layout.yaxis.tickvals) == [1, 10, 20, 30, 40, 50, 60]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # rank 1 on top
