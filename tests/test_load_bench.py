"""The load benchmark's pure helpers: percentiles and the BackMsg it sends."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_load", ROOT / "benchmarks" / "load.py")
load = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load)


def test_percentiles_are_nearest_rank_values():
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert load.pct(values, 50) == 50.0
    assert load.pct(values, 95) == 95.0
    assert load.pct(values, 99) == 99.0
    assert load.pct(values, 100) == 100.0
    assert load.pct([3.0, 1.0, 2.0], 50) == 2.0  # unsorted input
    assert load.pct([0.4], 99) == 0.4
    # 20 samples: p95 is the 19th smallest, so one slow update out of 20 does not hide
    assert load.pct([0.1] * 18 + [0.5, 9.0], 95) == 0.5
    assert load.pct([0.1] * 18 + [5.0, 9.0], 95) == 5.0


def test_percentile_of_nothing_is_nan():
    assert load.pct([], 95) != load.pct([], 95)


def test_rerun_message_carries_query_page_and_widget_values():
    msg = BackMsg()
    msg.ParseFromString(
        load.rerun_message("year=2020&lang=en", "xep-hang", {"$$ID-ab-w_x": "2019"})
    )
    assert msg.WhichOneof("type") == "rerun_script"
    assert msg.rerun_script.query_string == "year=2020&lang=en"
    assert msg.rerun_script.page_name == "xep-hang"
    [w] = msg.rerun_script.widget_states.widgets
    assert (w.id, w.WhichOneof("value"), w.string_value) == ("$$ID-ab-w_x", "string_value", "2019")
    first = BackMsg()
    first.ParseFromString(load.rerun_message("", "xep-hang"))
    assert len(first.rerun_script.widget_states.widgets) == 0


def _selectbox_msg(wid: str) -> ForwardMsg:
    msg = ForwardMsg()
    box = msg.delta.new_element.selectbox
    box.id = wid
    box.options.extend(["2020", "2019"])
    return msg


def test_selectbox_is_found_by_its_user_key_only():
    msg = _selectbox_msg("$$ID-83b4-w_ranking_year")
    assert load.selectbox_of(msg, "w_ranking_year").options == ["2020", "2019"]
    assert load.selectbox_of(msg, "ranking_year") is None  # suffix must be the whole key
    assert load.selectbox_of(_selectbox_msg("$$ID-83b4-w_other"), "w_ranking_year") is None
    other = ForwardMsg()
    other.delta.new_element.markdown.body = "w_ranking_year"
    assert load.selectbox_of(other, "w_ranking_year") is None


def test_think_range_parses_one_or_two_numbers():
    assert load.think_range("0.3,1.2") == (0.3, 1.2)
    assert load.think_range("2") == (2.0, 2.0)
    with pytest.raises(ValueError):
        load.think_range("fast")


def test_server_cpu_reads_this_process():
    before = load.server_cpu(os.getpid())
    sum(i * i for i in range(300_000))
    assert load.server_cpu(os.getpid()) >= before >= 0
