"""Named checks on a built database: what blocks a build, and what `pci check` reports.

Blocking (the build is rejected, nothing changes): a score outside its range, a rank outside
1..N for that edition, a province that did not exist that year, a sub-index the edition's
methodology did not have, and — within one official or private source — ranks that
contradict the scores. Everything else is a finding with expected vs actual: composite
reconstruction residuals (2005 and 2011 are known not to reconstruct), rank inversions in
public transcriptions, coverage per edition.
"""

from __future__ import annotations

import duckdb

from etl.errors import Problem

# A rank is "contradicted" when a province with a clearly higher score (beyond rounding to
# two decimals) is ranked below one with a lower score, within one source.
ORDER_TOLERANCE = 0.011


def blocking(con: duckdb.DuckDBPyConnection) -> list[Problem]:
    """Problems that must stop a build, each naming where the bad figure was read."""
    problems: list[Problem] = []
    for loc, year, pid, measure, score, top in con.execute("""
        SELECT o.location, o.year, o.province_id, o.measure, o.score,
               CASE WHEN o.measure = 'PCI' THEN 100 ELSE 10 END AS top
        FROM observations o
        WHERE o.score < 0 OR o.score > CASE WHEN o.measure = 'PCI' THEN 100 ELSE 10 END
        ORDER BY o.location""").fetchall():
        problems.append(
            Problem(
                file=loc,
                key="etl.score_out_of_range",
                params={
                    "value": score,
                    "max": top,
                    "province": pid,
                    "year": year,
                    "measure": measure,
                },
            )
        )
    for loc, year, rank, n in con.execute("""
        SELECT o.location, o.year, o.rank, coalesce(e.n_provinces,
               CASE WHEN o.year >= 2025 THEN 34 ELSE 63 END)
        FROM observations o LEFT JOIN editions e USING (year)
        WHERE o.rank < 1 OR o.rank > coalesce(e.n_provinces,
               CASE WHEN o.year >= 2025 THEN 34 ELSE 63 END)
        ORDER BY o.location""").fetchall():
        problems.append(
            Problem(
                file=loc, key="etl.rank_out_of_range", params={"value": rank, "n": n, "year": year}
            )
        )
    for loc, year, name in con.execute("""
        SELECT o.location, o.year, p.name_vi
        FROM observations o JOIN provinces p USING (province_id)
        WHERE o.year < p.first_year OR o.year > coalesce(p.last_year, 9999)
        ORDER BY o.location""").fetchall():
        problems.append(
            Problem(file=loc, key="etl.province_not_in_year", params={"name": name, "year": year})
        )
    for loc, year, measure in con.execute("""
        SELECT o.location, o.year, o.measure
        FROM observations o
        WHERE NOT EXISTS (
            SELECT 1 FROM subindex_names n
            WHERE n.measure = o.measure AND n.first_year <= o.year
              AND o.year <= coalesce(n.last_year, 9999))
        ORDER BY o.location""").fetchall():
        problems.append(
            Problem(
                file=loc, key="etl.measure_not_in_year", params={"measure": measure, "year": year}
            )
        )
    for loc_a, loc_b, ra, rb, sa, sb in con.execute(f"""
        SELECT a.location, b.location, a.rank, b.rank, a.score, b.score
        FROM observations a
        JOIN observations b USING (year, measure, source_id)
        JOIN sources s USING (source_id)
        WHERE s.source_kind IN ('official', 'private')
          AND a.province_id <> b.province_id
          AND a.score > b.score + {ORDER_TOLERANCE} AND a.rank > b.rank
        ORDER BY a.location LIMIT 50""").fetchall():
        problems.append(
            Problem(
                file=loc_a,
                key="etl.rank_contradicts_score",
                params={
                    "rank": ra,
                    "score": sa,
                    "other_location": loc_b,
                    "other_rank": rb,
                    "other_score": sb,
                },
            )
        )
    return problems


def detect_conflicts(con: duckdb.DuckDBPyConnection) -> None:
    """Record every disagreement between sources that the recorded list does not already hold."""
    con.execute("""
        INSERT INTO conflicts
        WITH kept AS (SELECT * FROM pci_scores),
        other AS (
            SELECT o.year, o.province_id, o.measure, o.score, o.rank, s.title
            FROM observations o JOIN sources s USING (source_id)
        ),
        diffs AS (
            SELECT k.year, k.province_id, k.measure, 'score' AS field, k.score AS kept_value,
                   k.source AS kept_source, o.score AS other_value, o.title AS other_source
            FROM kept k JOIN other o USING (year, province_id, measure)
            WHERE o.title <> k.source AND abs(o.score - k.score) > 0.005
            UNION ALL
            SELECT k.year, k.province_id, k.measure, 'rank', k.rank, k.rank_source, o.rank,
                   o.title
            FROM kept k JOIN other o USING (year, province_id, measure)
            WHERE o.title <> k.rank_source AND o.rank <> k.rank
        ),
        final AS (
            SELECT d.*, 'detected' AS origin, NULL AS note FROM diffs d
            WHERE NOT EXISTS (
                SELECT 1 FROM conflicts c
                WHERE c.year = d.year AND c.province_id = d.province_id
                  AND c.measure = d.measure AND c.field = d.field
                  AND c.other_value IS NOT DISTINCT FROM d.other_value)
        )
        SELECT year, province_id, measure, field, kept_value, kept_source, other_value,
               other_source, origin, note FROM final""")


def record_findings(con: duckdb.DuckDBPyConnection) -> None:
    """Non-blocking findings, each with what was expected and what was found."""
    # Composite reconstruction: composite = 10 × Σ weight × sub-index score, per period.
    con.execute("""
        INSERT INTO findings
        WITH s AS (SELECT * FROM pci_scores WHERE score IS NOT NULL),
        recon AS (
            SELECT s.year, s.province_id, 10 * sum(w.weight * s.score) AS rebuilt,
                   count(*) AS n_sub,
                   (SELECT count(*) FROM weights w2
                    WHERE s.year BETWEEN w2.first_year AND w2.last_year) AS n_weights
            FROM s JOIN weights w
              ON w.measure = s.measure AND s.year BETWEEN w.first_year AND w.last_year
            GROUP BY s.year, s.province_id
        ),
        final AS (
            SELECT 'reconstruction' AS check_name,
                   CASE WHEN abs(c.score - r.rebuilt) > 0.011 THEN 'warning' ELSE 'info' END,
                   r.year, r.province_id, 'PCI',
                   printf('%.2f', r.rebuilt), printf('%.2f', c.score), c.score - r.rebuilt
            FROM recon r JOIN s c ON c.year = r.year AND c.province_id = r.province_id
                                 AND c.measure = 'PCI'
            WHERE r.n_sub = r.n_weights
        )
        SELECT * FROM final""")
    # Rank inversions within one public source (transcription slips, recomputed series).
    con.execute(f"""
        INSERT INTO findings
        SELECT 'rank_order', 'warning', a.year, a.province_id, a.measure,
               printf('rank above %s (score %.2f < %.2f)', b.province_id, b.score, a.score),
               printf('rank %d vs %d', a.rank, b.rank), a.score - b.score
        FROM observations a
        JOIN observations b USING (year, measure, source_id)
        JOIN sources s USING (source_id)
        WHERE s.source_kind NOT IN ('official', 'private')
          AND a.province_id <> b.province_id
          AND a.score > b.score + {ORDER_TOLERANCE} AND a.rank > b.rank""")
    # Coverage per edition: how many provinces have a published composite.
    con.execute("""
        INSERT INTO findings
        SELECT 'coverage', 'info', e.year, NULL, 'PCI',
               printf('%d provinces', e.n_provinces),
               printf('%d with score, %d with rank', count(s.score), count(s.rank)),
               count(s.score)
        FROM editions e LEFT JOIN pci_scores s ON s.year = e.year AND s.measure = 'PCI'
        GROUP BY e.year, e.n_provinces""")
