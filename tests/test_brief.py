"""The meeting deck: what is on each slide, in PowerPoint and in the PDF, checked against the
database; text that fits its box; the internal-data label; English; the `pci brief` command."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image, ImageFont
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from pci.brief import captions, pdf, pptx
from pci.brief.deck import DeckError, build_deck
from pci.brief.inputs import BadInput
from pci.db import query_df
from pci.reference import period_of

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _published(db, year, province=None, rank=None, measure="PCI"):
    sql = "SELECT * FROM pci_scores_public WHERE year = $y AND measure = $m"
    params = {"y": year, "m": measure}
    if province:
        sql += " AND province_id = $p"
        params["p"] = province
    if rank:
        sql += " AND rank = $r"
        params["r"] = rank
    return query_df(db, sql, params)


def _vi(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


@pytest.fixture(scope="module")
def kon_tum(shipped_db):
    deck = build_deck(shipped_db, "kon-tum", 2020, "vi", register=False)
    return deck, pptx.render(deck), pdf.render(deck)


def _slide_texts(prs) -> list[str]:
    out = []
    for s in prs.slides:
        parts = []
        for sh in s.shapes:
            if sh.has_text_frame:
                parts.append(sh.text_frame.text)
            if sh.has_table:
                parts += [c.text for r in sh.table.rows for c in r.cells]
        out.append("\n".join(parts))
    return out


def _shape(slide, name):
    return next((sh for sh in slide.shapes if sh.name == name), None)


# --- captions --------------------------------------------------------------------------------


def test_headline_caption_reads_like_a_plan():
    vi = captions.headline(32, 63, 2024, 35, 2023, True, 25, 0.84, False, "vi")
    assert vi == "Hạng 32/63, tăng 3 bậc so với năm 2023 — cách hạng 25: 0,84 điểm"
    en = captions.headline(32, 63, 2024, 35, 2023, True, 25, 0.84, False, "en")
    assert en == "Rank 32/63, up 3 places on 2023 — 0.84 points short of rank 25"
    down = captions.headline(40, 63, 2020, 38, 2019, True, None, None, None, "vi")
    assert down == "Hạng 40/63, giảm 2 bậc so với năm 2019"


def test_caption_never_compares_ranks_across_a_methodology_break():
    text = captions.headline(20, 63, 2021, 30, 2020, False, None, None, None, "vi")
    assert "tăng" not in text and "khác giai đoạn phương pháp" in text


def test_caption_says_not_published_instead_of_a_rank():
    text = captions.headline(None, 63, 2023, None, 2022, True, 25, None, None, "vi")
    assert text.startswith("Hạng và điểm PCI 2023 của tỉnh: chưa công bố")
    assert "chưa tính được" in text


# --- the deck ---------------------------------------------------------------------------------


def test_kon_tum_2020_deck_carries_the_published_figures(shipped_db, kon_tum):
    deck, _, _ = kon_tum
    row = _published(shipped_db, 2020, "kon-tum").iloc[0]
    assert (int(row["rank"]), row["score"]) == (56, 62.02)
    head = deck[0]
    assert head.message.startswith("Hạng 56/63")
    assert dict(head.facts)["Hạng"] == "56/63"
    assert dict(head.facts)["Điểm PCI"] == "62,02"
    assert all(s.period == period_of(2020).label("vi") and s.year == 2020 for s in deck)
    assert [s.key for s in deck] == [
        "headline",
        "trajectory",
        "subindex",
        "targets",
        "goals",
        "gap",
    ]
    assert not deck.private


def test_unregistered_targets_are_said_honestly(kon_tum):
    deck, _, _ = kon_tum
    by_key = {s.key: s for s in deck}
    assert "Chưa có mục tiêu nào được đăng ký" in by_key["targets"].message
    assert "Chưa có chỉ tiêu thành phần nào" in by_key["goals"].message
    assert dict(deck[0].facts)["Mục tiêu hạng"] == "chưa đăng ký"


def test_gap_slide_uses_the_score_published_at_each_reference_rank(shipped_db, kon_tum):
    deck, _, _ = kon_tum
    gap = deck[-1]
    table = gap.table
    at30 = _published(shipped_db, 2020, rank=30)["score"].iloc[0]
    row = table[table.iloc[:, 0] == "30"].iloc[0]
    assert row.iloc[1] == _vi(at30)
    assert row.iloc[2] == _vi(round(at30 - 62.02, 2))


def test_trajectory_draws_no_line_across_a_methodology_break(shipped_db):
    deck = build_deck(shipped_db, "thanh-hoa", 2020, "vi", register=False)
    fig = deck[1].figure
    for trace in fig.data:
        periods = {period_of(int(x)).period_id for x in trace.x}
        assert len(periods) == 1, trace.x
        xs = [int(x) for x in trace.x]
        assert xs == list(range(xs[0], xs[0] + len(xs)))  # nor across a missing year
    ranks = query_df(
        shipped_db,
        "SELECT year, rank FROM pci_scores_public WHERE province_id='thanh-hoa' AND measure='PCI'"
        " AND year <= 2020 AND rank IS NOT NULL ORDER BY year",
    )
    plotted = {int(x): int(y) for t in fig.data for x, y in zip(t.x, t.y, strict=True)}
    assert plotted == dict(zip(ranks["year"].astype(int), ranks["rank"].astype(int), strict=True))


def test_unpublished_year_says_so_and_shows_no_number(shipped_db):
    deck = build_deck(shipped_db, "kon-tum", 2023, "vi", register=False)
    assert _published(shipped_db, 2023, "kon-tum").empty
    head = deck[0]
    assert "chưa công bố" in head.message
    assert dict(head.facts)["Hạng"] == "chưa công bố"
    assert any("30 tỉnh dẫn đầu" in n for n in head.notes)
    assert "chưa công bố" in deck[-1].message


def test_subindex_slide_has_no_national_median_for_an_incomplete_edition(shipped_db):
    deck = build_deck(shipped_db, "thanh-hoa", 2020, "vi", register=False)
    sub = deck[2]
    own = _published(shipped_db, 2020, "thanh-hoa", measure="CSTP1")["score"].iloc[0]
    assert sub.table.iloc[0, 1] == _vi(own)
    assert "Trung vị cả nước" not in sub.table.columns
    assert any("Trung vị và điểm cao nhất cả nước năm 2020: chưa công bố" in n for n in sub.notes)


def test_registered_targets_and_goals_fill_their_slides(shipped_db):
    targets = pd.DataFrame(
        {
            "measure": ["PCI"],
            "kind": ["rank"],
            "target_value": [25],
            "target_year": [2025],
            "status": ["Chưa đạt"],
        }
    )
    goals = pd.DataFrame(
        {
            "department": [f"Sở {k % 3}" for k in range(11)],
            "measure": ["CSTP1"] * 11,
            "indicator": [f"Chỉ tiêu {k}" for k in range(11)],
            "goal": ["≥ 50 %"] * 11,
            "status": ["Đang theo dõi"] * 11,
        }
    )
    deck = build_deck(shipped_db, "kon-tum", 2020, "vi", targets=targets, goals=goals)
    at25 = _published(shipped_db, 2020, rank=25)["score"].iloc[0]
    gap = round(at25 - 62.02, 2)
    assert (
        deck[0].message
        == f"Hạng 56/63, giữ nguyên hạng so với năm 2019 — cách hạng 25: {_vi(gap)} điểm"
    )
    goal_slides = [s for s in deck if s.key == "goals"]
    assert len(goal_slides) == 2 and goal_slides[1].title.endswith("(tiếp)")
    assert sum(len(s.table) for s in goal_slides) == 11
    gap_slide = next(s for s in deck if s.key == "gap")
    assert gap_slide.title == "Cần gì để đạt hạng 25"
    assert _vi(gap) in gap_slide.message and _vi(at25) in gap_slide.message


def test_bad_inputs_are_refused(shipped_db):
    with pytest.raises(BadInput, match="target_value"):
        build_deck(shipped_db, "kon-tum", 2020, targets=pd.DataFrame({"measure": ["PCI"]}))
    with pytest.raises(DeckError, match="khong-co"):
        build_deck(shipped_db, "khong-co", 2020)
    with pytest.raises(DeckError, match="1990"):
        build_deck(shipped_db, "kon-tum", 1990, "en")


# --- PowerPoint -------------------------------------------------------------------------------


def test_pptx_has_a_slide_per_slide_with_titles_numbers_and_footers(shipped_db, kon_tum):
    deck, data, _ = kon_tum
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == len(deck) == 6
    assert round(prs.slide_width / prs.slide_height, 2) == round(16 / 9, 2)
    texts = _slide_texts(prs)
    for s, sl, text in zip(deck, prs.slides, texts, strict=True):
        assert _shape(sl, "title").text_frame.text == s.title
        assert _shape(sl, "message").text_frame.text == s.message
        footer = _shape(sl, "footer").text_frame.text
        assert "Kon Tum" in footer and "2020" in footer and "PCI 2013–2020" in footer
        assert "Dữ liệu nội bộ" not in text
    assert "56/63" in texts[0] and "62,02" in texts[0]
    assert _shape(prs.slides[1], "chart") is not None  # rank trajectory image
    at30 = _published(shipped_db, 2020, rank=30)["score"].iloc[0]
    assert _vi(at30) in texts[5]
    assert "pcivietnam.vn" in _shape(prs.slides[0], "sources").text_frame.text


def _wrapped_lines(text: str, width_pt: float, size: float, bold: bool) -> int:
    font = ImageFont.truetype(
        DEJAVU_BOLD if bold else DEJAVU, 100, layout_engine=ImageFont.Layout.BASIC
    )

    def w(s):
        return font.getlength(s) * size / 100

    n = 0
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            cand = f"{line} {word}".strip()
            if w(cand) <= width_pt or not line:
                line = cand
                while w(line) > width_pt and len(line) > 1:  # a long word breaks
                    n += 1
                    cut = len(line)
                    while cut > 1 and w(line[:cut]) > width_pt:
                        cut -= 1
                    line = line[cut:]
            else:
                n += 1
                line = word
        n += 1
    return n


def test_pptx_text_fits_its_box(shipped_db, kon_tum, tmp_path):
    targets = pd.DataFrame(
        {
            "measure": ["PCI", "CSTP3"],
            "kind": ["rank", "score"],
            "target_value": [25, 6.5],
            "target_year": [2025, 2025],
            "status": ["Chưa đạt — cần cải thiện mạnh tính minh bạch và tiếp cận thông tin", "Đạt"],
        }
    )
    decks = [
        kon_tum[1],
        pptx.render(build_deck(shipped_db, "thanh-hoa", 2020, "en", targets=targets)),
    ]
    checked = 0
    for data in decks:
        prs = Presentation(io.BytesIO(data))
        W, H = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
        for sl in prs.slides:
            for sh in sl.shapes:
                x, y, w, h = (Emu(v).pt for v in (sh.left, sh.top, sh.width, sh.height))
                assert x >= 0 and y >= 0 and x + w <= W + 0.5 and y + h <= H + 0.5, sh.name
                if sh.has_text_frame and sh.text_frame.text:
                    tf = sh.text_frame
                    run = tf.paragraphs[0].runs[0]
                    size = run.font.size.pt
                    inner = w - Emu(tf.margin_left).pt - Emu(tf.margin_right).pt
                    lines = _wrapped_lines(tf.text, inner, size, bool(run.font.bold))
                    assert lines * size * 1.2 <= h + 0.5, (sh.name, tf.text, size)
                    checked += 1
                if sh.has_table:
                    tbl = sh.table
                    total = sum(Emu(r.height).pt for r in tbl.rows)
                    assert y + total <= H - 30, "table runs into the footer"
                    for k, r in enumerate(tbl.rows):
                        for j, cell in enumerate(r.cells):
                            run = cell.text_frame.paragraphs[0].runs[0]
                            size = run.font.size.pt
                            inner = Emu(tbl.columns[j].width).pt - 2 * Emu(cell.margin_left).pt
                            lines = _wrapped_lines(cell.text, inner, size, k == 0)
                            pad = Emu(cell.margin_top).pt + Emu(cell.margin_bottom).pt
                            assert lines * size * 1.2 + pad <= Emu(r.height).pt + 0.5, cell.text
                            checked += 1
    assert checked > 50


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_is_a4_landscape_with_the_same_slides_and_numbers(shipped_db, kon_tum, tmp_path):
    deck, _, data = kon_tum
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(deck)
    for page, s in zip(reader.pages, deck, strict=True):
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(w), round(h)) == (842, 595)
        text = page.extract_text()
        assert s.title in text.replace("\n", " ")
        assert "Kon Tum" in text and "PCI 2013–2020" in text
    first = reader.pages[0].extract_text()
    assert "56/63" in first and "62,02" in first
    fonts = {f["/BaseFont"] for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in str(f) for f in fonts)
    at30 = _published(shipped_db, 2020, rank=30)["score"].iloc[0]
    assert _vi(at30) in reader.pages[5].extract_text()


def test_pdf_text_stays_on_the_page(kon_tum):
    _, _, data = kon_tum
    reader = PdfReader(io.BytesIO(data))
    regular = ImageFont.truetype(DEJAVU, 100, layout_engine=ImageFont.Layout.BASIC)
    for page in reader.pages:
        W, H = float(page.mediabox.width), float(page.mediabox.height)
        seen = []

        def visit(text, cm, tm, font, size, W=W, H=H, seen=seen):
            if not text.strip():
                return
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            width = regular.getlength(text) * size / 100
            assert x >= 0 and x + width * 0.97 <= W, text
            assert 0 <= y <= H, text
            seen.append(text)

        page.extract_text(visitor_text=visit)
        assert seen


def test_pdf_pages_render_to_images(kon_tum, tmp_path):
    _, _, data = kon_tum
    f = tmp_path / "deck.pdf"
    f.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(f), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 6
    for p in pngs:
        im = Image.open(p).convert("L")
        lo, hi = im.getextrema()
        assert hi - lo > 100  # something is drawn
    out = Path(__file__).resolve().parents[1] / "artifacts" / "brief"
    out.mkdir(parents=True, exist_ok=True)
    for p in pngs:
        (out / f"kon-tum-2020-{p.name}").write_bytes(p.read_bytes())


# --- private results ---------------------------------------------------------------------------


def _private_db(shipped_db, copy_db, tmp_path):
    import openpyxl

    from etl.load import load_paths

    db = copy_db(shipped_db)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Điểm số"
    ws.append(["Năm", "Tỉnh", "Chỉ số", "Điểm", "Hạng", "Ghi chú"])
    # Test figures (not VCCI's): a province's own 2023 results as it would load them.
    ws.append([2023, "Kon Tum", "PCI", 65.1, 40, ""])
    ws.append([2023, "Kon Tum", "CSTP8", 7.2, 12, ""])
    path = tmp_path / "kon_tum_2023.xlsx"
    wb.save(path)
    assert load_paths(db, [path], user="test").ok
    return db


def test_private_results_are_labelled_on_every_slide_that_uses_them(shipped_db, copy_db, tmp_path):
    db = _private_db(shipped_db, copy_db, tmp_path)
    public = build_deck(db, "kon-tum", 2023, "vi", register=False)
    assert not public.private and "65,10" not in public[0].message
    deck = build_deck(db, "kon-tum", 2023, "vi", include_private=True, register=False)
    assert deck[0].message.startswith("Hạng 40/63")
    uses = [i for i, s in enumerate(deck) if s.private]
    assert 0 in uses and 2 in uses  # headline (composite) and sub-indices (CSTP 8)
    prs = Presentation(io.BytesIO(pptx.render(deck)))
    reader = PdfReader(io.BytesIO(pdf.render(deck)))
    for i, (sl, text) in enumerate(zip(prs.slides, _slide_texts(prs), strict=True)):
        shows_private = "65,10" in text or "40/63" in text or "7,20" in text
        label = _shape(sl, "private_label")
        pdf_text = reader.pages[i].extract_text()
        if i in uses or shows_private:
            assert label is not None and "Dữ liệu nội bộ" in label.text_frame.text, i
            assert "Dữ liệu nội bộ" in pdf_text, i
        else:
            assert label is None and "Dữ liệu nội bộ" not in pdf_text


# --- English and the command line -------------------------------------------------------------


def test_english_deck_writes_numbers_the_english_way(shipped_db):
    deck = build_deck(shipped_db, "kon-tum", 2020, "en", register=False)
    prs = Presentation(io.BytesIO(pptx.render(deck)))
    texts = _slide_texts(prs)
    assert texts[0].count("Rank 56/63") == 1 and "62.02" in texts[0] and "62,02" not in texts[0]
    assert "What it takes to move up" in texts[5]
    assert "Made on" in _shape(prs.slides[0], "footer").text_frame.text


def test_cli_writes_the_deck(shipped_db, tmp_path):
    from pci.cli import main

    out = tmp_path / "kt.pdf"
    code = main(
        [
            "--db",
            str(shipped_db),
            "brief",
            "--province",
            "kon-tum",
            "--year",
            "2020",
            "--format",
            "pdf",
            "--out",
            str(out),
            "--lang",
            "en",
        ]
    )
    assert code == 0 and len(PdfReader(out).pages) == 6
    assert "Rank 56/63" in PdfReader(out).pages[0].extract_text()
    out2 = tmp_path / "kt.pptx"
    assert (
        main(
            [
                "--db",
                str(shipped_db),
                "brief",
                "--province",
                "kon-tum",
                "--year",
                "2020",
                "--out",
                str(out2),
            ]
        )
        == 0
    )
    assert len(Presentation(str(out2)).slides) == 6


def test_cli_refuses_an_unknown_province_and_writes_nothing(shipped_db, tmp_path, capsys):
    from pci.cli import main

    out = tmp_path / "x.pptx"
    code = main(
        [
            "--db",
            str(shipped_db),
            "brief",
            "--province",
            "atlantis",
            "--year",
            "2020",
            "--out",
            str(out),
        ]
    )
    assert code == 1 and not out.exists()
    assert "Không có tỉnh mã atlantis" in capsys.readouterr().err


@pytest.mark.realdata
def test_complete_edition_compares_with_the_national_median_and_splits_the_gap(request):
    pytest.importorskip("etl.vcci_workbook")  # the workbook reader lands from its own branch
    workbooks_db = request.getfixturevalue("workbooks_db")
    from pci.queries.scores import measure_stats

    targets = pd.DataFrame(
        {
            "measure": ["PCI"],
            "kind": ["rank"],
            "target_value": [30],
            "target_year": [2015],
            "status": ["Chưa đạt"],
        }
    )
    deck = build_deck(workbooks_db, "kon-tum", 2015, "vi", targets=targets)
    sub = next(s for s in deck if s.key == "subindex")
    stats = measure_stats(workbooks_db, 2015).set_index("measure")
    assert bool(stats.loc["CSTP1", "complete"])
    assert sub.table.iloc[0]["Trung vị cả nước"] == _vi(stats.loc["CSTP1", "median"])
    assert sub.table.iloc[0]["Cao nhất cả nước"] == _vi(stats.loc["CSTP1", "best"])
    assert "trung vị" in sub.message
    gap = next(s for s in deck if s.key == "gap")
    own = _published(workbooks_db, 2015, "kon-tum")
    if int(own["rank"].iloc[0]) > 30:
        at30 = _published(workbooks_db, 2015, rank=30)["score"].iloc[0]
        missing = round(at30 - own["score"].iloc[0], 2)
        assert _vi(missing) in gap.message
        gaps = [s for s in deck if s.key == "gap"]  # a long table continues on a next slide
        assert sum(len(s.table) for s in gaps) == 10  # one row per sub-index (2013 weights)


def test_register_report_columns_are_translated_for_the_deck(shipped_db):
    from pci.brief.inputs import from_register

    reg = pd.DataFrame(
        {
            "measure": [None, "CSTP8"],
            "metric": ["rank", "rank"],
            "goal": [25, 20],
            "target_value": [25, 20],
            "target_year": [2025, 2025],
            "target_text": ["≤ 25/63 (2025)", "≤ 20/63 (2025)"],
            "status_label": ["Có nguy cơ", "Chưa có dữ liệu"],
            "latest_private": [False, True],
        }
    )
    ind = pd.DataFrame(
        {
            "lead_unit": ["Sở Nội vụ"],
            "indicator_label": ["Cán bộ am hiểu chuyên môn (% DN đồng ý)"],
            "target_text": ["≥ 70 % (2025)"],
            "value_text": ["—"],
            "status_label": ["Chưa có dữ liệu"],
            "private": [False],
        }
    )
    ind.attrs["summary_text"] = "0/1 chỉ tiêu đạt mục tiêu."
    targets, goals = from_register(reg, ind)
    deck = build_deck(shipped_db, "kon-tum", 2020, "vi", targets=targets, goals=goals)
    by_key = {s.key: s for s in deck}
    assert "cách hạng 25" in deck[0].message
    t = by_key["targets"]
    assert list(t.table["Mục tiêu"]) == ["≤ 25/63 (2025)", "≤ 20/63 (2025)"]
    assert t.private  # a target's latest figure is the province's own result
    g = by_key["goals"]
    assert g.message == "0/1 chỉ tiêu đạt mục tiêu."
    assert list(g.table.columns) == ["Sở, ngành", "Chỉ tiêu", "Mục tiêu", "Hiện tại", "Tình trạng"]


def test_deck_reads_the_target_register_when_it_exists(shipped_db, copy_db):
    examples = pytest.importorskip("pci.targets.examples")  # lands from the targets branch
    from pci.config import state_path
    from pci.targets import report

    db = copy_db(shipped_db)
    examples.ensure_examples(state_path(db))
    targets, _ = report(db, state_path(db), "kon-tum", 2020, "vi")
    assert len(targets) > 0
    deck = build_deck(db, "kon-tum", 2020, "vi")
    slide = next(s for s in deck if s.key == "targets")
    assert slide.table is not None and len(slide.table) == len(targets)


def test_cli_private_deck_is_labelled(shipped_db, copy_db, tmp_path):
    from pci.cli import main

    db = _private_db(shipped_db, copy_db, tmp_path)
    out = tmp_path / "kt-private.pdf"
    args = ["--db", str(db), "brief", "--province", "kon-tum", "--year", "2023", "--out", str(out)]
    assert main(args) == 0
    public = PdfReader(out).pages[0].extract_text()
    assert "Dữ liệu nội bộ —" not in public and "40/63" not in public
    assert main([*args, "--private"]) == 0
    first = PdfReader(out).pages[0].extract_text()
    assert "Dữ liệu nội bộ —" in first and "40/63" in first


def test_a_plan_is_not_applied_to_editions_before_its_baseline(shipped_db):
    """A plan made on 2020 results (rank 46 by 2021) has nothing to say about the 2013 deck:
    it was shown there as "target rank 46 reached"."""
    targets = pd.DataFrame(
        {
            "measure": ["PCI"],
            "kind": ["rank"],
            "target_value": [46],
            "target_year": [2021],
            "baseline_year": [2020],
            "status": ["Chưa đạt"],
        }
    )
    old = build_deck(shipped_db, "thanh-hoa", 2013, "vi", targets=targets, goals=None)
    assert dict(old[0].facts)["Mục tiêu hạng"] == "chưa đăng ký"
    new = build_deck(shipped_db, "thanh-hoa", 2020, "vi", targets=targets, goals=None)
    assert "46" in dict(new[0].facts)["Mục tiêu hạng"]


def test_gap_slide_names_sub_indices_as_the_pages_do(shipped_db):
    """ "3. Tính minh bạch" was drawn as a numbered list by the slide table; the pages write
    "CSTP 3 · Tính minh bạch"."""
    targets = pd.DataFrame(
        {
            "measure": ["PCI"],
            "kind": ["rank"],
            "target_value": [46],
            "target_year": [2021],
            "status": ["Chưa đạt"],
        }
    )
    deck = build_deck(shipped_db, "kon-tum", 2020, "vi", targets=targets, goals=None)
    gap = next(s for s in deck if s.key == "gap")
    assert gap.title == "Cần gì để đạt hạng 46"
    first = gap.table.iloc[:, 0].astype(str)
    assert first.str.match(r"CSTP \d+ · ").all()
