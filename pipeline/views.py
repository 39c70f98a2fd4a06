"""Views for people reading the database (Datasette facets, rapport.html charts).

The contract tables keep one fact per row; a person browsing wants the kommune and the
year beside a case or a decision to facet on, and a cost line's year as a number. These
are derived from the contract tables, never edited: `create_views` (re)creates them in
the database the writer has just filled.

- `saker_oversikt`, `vedtak_oversikt`: views adding `kommune`, `aar` (and for decisions
  the case's `tittel` and `tema`).
- `kostnader_aar`: a table of cost lines with a KOSTRA function and an amount in kroner,
  with the year read from the column header (`Regnskap 2023`, `Økonomiplan / 2026`).
  `hovedverdi` marks the one value per line and year to chart or sum: the `netto`
  column where a table gives inntekter, utgifter and netto for the same year.
"""
from __future__ import annotations

import re
import sqlite3
from collections import defaultdict

from .rules import load_table

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")

_YEAR_OF = ("CASE WHEN substr({d}, 1, 4) GLOB '[0-9][0-9][0-9][0-9]' THEN CAST(substr({d}, 1, 4) AS INTEGER) "
            "ELSE {fallback} END")

# Columns in the order a person reads them: where and when, what, outcome, then ids.
_VIEWS = {
    "saker_oversikt": f"""
SELECT COALESCE(NULLIF(d.kommune, ''), m.kommune, '') AS kommune, s.utvalg, s.motedato,
       {_YEAR_OF.format(d="s.motedato", fallback="s.saksaar")} AS aar,
       s.saksnr, s.tittel, s.sakstype, s.tema, s.arkivsaksnr, s.lukket, s.hjemmel, s.innstilling,
       s.dokument_id, s.kilde_side, s.side, s.sak_id, s.mote_id
FROM saker s
LEFT JOIN dokumenter d ON d.dokument_id = s.dokument_id
LEFT JOIN moter m ON m.mote_id = s.mote_id AND m.dokument_id = s.dokument_id""",
    "vedtak_oversikt": f"""
SELECT COALESCE(d.kommune, '') AS kommune, v.utvalg, v.motedato,
       {_YEAR_OF.format(d="v.motedato", fallback="NULL")} AS aar,
       v.saksnr,
       COALESCE((SELECT s.tittel FROM saker s WHERE s.sak_id = v.sak_id AND s.dokument_id = v.dokument_id
                 AND s.tittel <> '' LIMIT 1),
                (SELECT s.tittel FROM saker s WHERE s.sak_id = v.sak_id AND s.tittel <> '' LIMIT 1), '') AS tittel,
       COALESCE((SELECT s.tema FROM saker s WHERE s.sak_id = v.sak_id AND s.dokument_id = v.dokument_id
                 AND s.tema <> '' LIMIT 1),
                (SELECT s.tema FROM saker s WHERE s.sak_id = v.sak_id AND s.tema <> '' LIMIT 1), '') AS tema,
       v.utfall, v.votering, v.stemmer_for, v.stemmer_mot, v.endret_fra_innstilling,
       v.vedtakstekst, v.innstilling, v.arkivsaksnr, v.dokument_id, v.side, v.vedtak_id, v.sak_id
FROM vedtak v
LEFT JOIN dokumenter d ON d.dokument_id = v.dokument_id""",
}

KOSTNADER_AAR_COLUMNS = ["kostra_funksjon", "funksjon_navn", "aar", "kolonne", "rad", "verdi_nok", "hovedverdi",
                         "tabell_tittel", "tabell_id", "kommune", "dokument_id", "side"]


def _function_names() -> dict[str, str]:
    return {r["kode"]: r["navn"] for r in load_table("kostra_funksjoner")}


def function_name(code: str, names: dict[str, str]) -> str:
    """Name of a KOSTRA function, or of a group printed as `120/180/190` (names joined)."""
    parts = [names.get(p.strip(), "") for p in code.split("/")]
    return " / ".join(p for p in parts if p)


def cost_lines_by_year(con: sqlite3.Connection, only: str | None = None) -> list[tuple]:
    """Rows of `kostnader_aar`, in the order of `kostnader`; with `only` (a table with a
    `dokument_id` column), those documents' rows only. Every row depends on its own document only."""
    names = _function_names()
    where = f"AND k.dokument_id IN (SELECT dokument_id FROM {only}) " if only else ""
    rows = con.execute(
        "SELECT k.kostra_funksjon, k.kolonne, k.rad, k.verdi_nok, k.tabell_tittel, k.tabell_id, "
        "COALESCE(d.kommune, ''), k.dokument_id, k.side FROM kostnader k "
        "LEFT JOIN dokumenter d ON d.dokument_id = k.dokument_id "
        "WHERE k.kostra_funksjon <> '' AND k.verdi_nok IS NOT NULL AND COALESCE(k.sumrad, 0) = 0 "
        f"AND k.enhet <> '%' {where}ORDER BY k.rowid").fetchall()
    lines = []
    for funksjon, kolonne, rad, verdi_nok, tittel, tabell_id, kommune, dokument_id, side in rows:
        years = set(YEAR.findall(kolonne or ""))
        if len(years) != 1:
            continue  # no year, or a span such as "Sum 2025–2028"
        navn = function_name(funksjon, names) or (rad or "").removeprefix(funksjon).strip(" -–:")
        lines.append([funksjon, navn, int(years.pop()), kolonne, rad, verdi_nok, 0,
                      tittel, tabell_id, kommune, dokument_id, side])
    by_line_year = defaultdict(list)
    for line in lines:
        by_line_year[(line[10], line[8], line[4], line[2])].append(line)
    for group in by_line_year.values():
        netto = [ln for ln in group if "netto" in (ln[3] or "").casefold()]
        chosen = netto[:1] if netto else (group if len(group) == 1 else [])
        for ln in chosen:
            ln[6] = 1
    return [tuple(ln) for ln in lines]


def create_views(con: sqlite3.Connection, only: str | None = None) -> None:
    """(Re)create the views, and make `kostnader_aar` from the contract tables in `con`: with
    `only` (a table with a `dokument_id` column) just those documents' rows are replaced."""
    for name, sql in _VIEWS.items():
        con.execute(f'DROP VIEW IF EXISTS "{name}"')
        con.execute(f'CREATE VIEW "{name}" AS {sql}')
    have = [r[1] for r in con.execute("PRAGMA table_info(kostnader_aar)")]
    if only is None or have != KOSTNADER_AAR_COLUMNS:
        con.execute("DROP TABLE IF EXISTS kostnader_aar")
        con.execute("CREATE TABLE kostnader_aar (kostra_funksjon TEXT, funksjon_navn TEXT, aar INTEGER, kolonne TEXT, "
                    "rad TEXT, verdi_nok REAL, hovedverdi INTEGER, tabell_tittel TEXT, tabell_id TEXT, kommune TEXT, "
                    "dokument_id TEXT, side INTEGER)")
        only = None
    else:
        con.execute(f"DELETE FROM kostnader_aar WHERE dokument_id IN (SELECT dokument_id FROM {only})")
    con.execute("CREATE INDEX IF NOT EXISTS ix_kostnader_aar_dokument_id ON kostnader_aar (dokument_id)")
    con.executemany(f"INSERT INTO kostnader_aar VALUES ({', '.join('?' * len(KOSTNADER_AAR_COLUMNS))})",
                    cost_lines_by_year(con, only))
