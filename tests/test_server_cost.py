"""Per-run server cost fixes from the load benchmark keep behaviour identical."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pci.charts import ranking
from pci.config import db_path


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "province_id": ["kon-tum", "quang-ninh", "ha-noi"],
            "name_vi": ["Kon Tum", "Quảng Ninh", "Hà Nội"],
            "name_en": ["Kon Tum", "Quang Ninh", "Ha Noi"],
            "region_id": ["central-highlands", "red-river-delta", "red-river-delta"],
            "region_vi": ["Tây Nguyên", "Đồng bằng sông Hồng", "Đồng bằng sông Hồng"],
            "region_en": ["Central Highlands", "Red River Delta", "Red River Delta"],
            "PCI_score": [62.02, 75.09, np.nan],
            "PCI_rank": pd.array([56, 1, pd.NA], dtype="Int64"),
            "private": [False, False, False],
            "source": ["s1", "s2", None],
        }
    )


def test_ranking_frame_carries_its_cell_colours_and_the_styler_uses_them():
    frame = ranking.ranking_frame(_table(), 2020, "vi", my_province="kon-tum")
    assert frame.css is not None
    pd.testing.assert_frame_equal(frame.css, ranking._css(frame))
    assert "background-color" in frame.css.iloc[0, 1]  # my province's row is marked
    fresh = ranking.RankingFrame(**{**frame.__dict__, "css": None})  # built without colours
    with_css = ranking.styled(frame, "vi")._compute()
    without = ranking.styled(fresh, "vi")._compute()
    assert with_css.ctx == without.ctx and with_css.ctx  # the same CSS in every cell


def test_db_path_follows_the_environment_and_the_working_folder(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    monkeypatch.setenv("PCI_DB", "x/pci.duckdb")
    monkeypatch.chdir(a)
    assert db_path() == (a / "x" / "pci.duckdb").resolve()
    monkeypatch.chdir(b)
    assert db_path() == (b / "x" / "pci.duckdb").resolve()
    monkeypatch.setenv("PCI_DB", str(a / "other.duckdb"))
    assert db_path() == (a / "other.duckdb").resolve()
    assert db_path(Path("~") / "z.duckdb") == Path(os.path.expanduser("~/z.duckdb")).resolve()


def test_ranking_views_share_query_results_and_see_a_swap_on_the_next_call(shipped_db, copy_db):
    from pci.queries import scores
    from pci.views import ranking as views

    db = copy_db(shipped_db)
    pd.testing.assert_frame_equal(
        views._ranking_table(db, 2020, False), scores.ranking_table(db, 2020, False)
    )
    first = views._query(views._ranking_table, db, 2020, False)
    first.loc[:, "PCI_score"] = -1.0  # a caller's copy: changing it changes no one else's
    again = views._query(views._ranking_table, db, 2020, False)
    assert (again["PCI_score"].dropna() > 0).all()
    kon_tum = again.set_index("province_id").loc["kon-tum", "PCI_score"]
    # an import swaps in a new build (a changed copy replaces the file, as pci.db.write_new
    # does): the next call reads it, not the remembered answer
    tmp = db.with_name("next.duckdb")
    shutil.copy2(db, tmp)
    con = duckdb.connect(str(tmp))
    con.execute(
        "UPDATE observations SET score = score + 1 "
        "WHERE province_id = 'kon-tum' AND year = 2020 AND measure = 'PCI'"
    )
    con.close()
    os.replace(tmp, db)
    swapped = views._query(views._ranking_table, db, 2020, False)
    assert swapped.set_index("province_id").loc["kon-tum", "PCI_score"] == kon_tum + 1
