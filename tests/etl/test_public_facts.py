"""The shipped public facts load with their sources, precedence and recorded conflicts."""

from pci.db import query_df


def _one(db, sql, params=None):
    return query_df(db, sql, params).iloc[0]


def test_kon_tum_2020_is_62_02_rank_56_from_the_vcci_ranking_table(shipped_db):
    r = _one(
        shipped_db,
        "SELECT * FROM pci_scores WHERE province_id = 'kon-tum' "
        "AND year = 2020 AND measure = 'PCI'",
    )
    assert (r.score, r["rank"], r.source_kind) == (62.02, 56, "vcci_table")
    assert "pcivietnam.vn/bang-xep-hang" in r.source


def test_2020_is_complete_for_63_provinces(shipped_db):
    r = _one(
        shipped_db,
        "SELECT count(score) AS n, count(DISTINCT rank) AS r FROM pci_scores "
        "WHERE year = 2020 AND measure = 'PCI'",
    )
    assert (r.n, r.r) == (63, 63)


def test_recorded_conflict_keeps_the_workbook_value_over_the_broken_page(shipped_db):
    # VCCI's Lâm Đồng page shows Lai Châu's 2010 row; the workbook value is kept.
    r = _one(
        shipped_db,
        "SELECT score, rank, source_kind FROM pci_scores WHERE "
        "province_id = 'lam-dong' AND year = 2010 AND measure = 'PCI'",
    )
    assert (r.score, r["rank"], r.source_kind) == (58.26, 29, "official")
    c = query_df(
        shipped_db,
        "SELECT * FROM conflicts WHERE province_id = 'lam-dong' AND "
        "year = 2010 AND measure = 'PCI' AND field = 'score'",
    )
    assert c.iloc[0].other_value == 51.77 and c.iloc[0].origin == "recorded"


def test_equal_rank_news_sources_are_decided_by_the_recorded_conflict(shipped_db):
    r = _one(
        shipped_db,
        "SELECT score FROM pci_scores WHERE province_id = 'dong-thap' "
        "AND year = 2022 AND measure = 'PCI'",
    )
    assert r.score == 69.68


def test_every_figure_has_a_source_and_a_known_kind(shipped_db):
    r = _one(
        shipped_db,
        "SELECT count(*) FILTER (WHERE source IS NULL OR source = '') AS bad, "
        "count(*) FILTER (WHERE source_kind NOT IN ('official','private',"
        "'vcci_table','vcci_page','news')) AS kinds FROM pci_scores",
    )
    assert (r.bad, r.kinds) == (0, 0)


def test_cstp8_is_named_by_the_year_of_the_methodology():
    from pci.reference import measure_name

    assert measure_name("CSTP8", 2020, "vi") == "Dịch vụ hỗ trợ doanh nghiệp"
    assert measure_name("CSTP8", 2021, "vi") == "Chính sách hỗ trợ doanh nghiệp"
    assert measure_name("CSTP8", 2007, "en") == "Private sector development policy"


def test_no_private_rows_in_the_public_view(shipped_db):
    r = _one(
        shipped_db, "SELECT count(*) AS n FROM pci_scores_public WHERE source_kind = 'private'"
    )
    assert r.n == 0
