"""`motedata oppfolging`: the open follow-up tasks in an output database, by deadline.

Reads OUT/motedata.sqlite only. Each task is shown with its case (saksnr, and the
title from `saker`), its meeting (utvalg, motedato from `vedtak`, else from the
document's meeting in `moter`) and the page it was read from.
"""
from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date
from pathlib import Path

COLUMNS = ["frist", "frist_tekst", "ansvarlig", "saksnr", "tittel", "utvalg", "motedato", "punkt",
           "oppgave", "side", "status", "status_fra", "vedtak_id", "dokument_id"]

CLOSED = ("fullfort",)

_SQL = """
SELECT
  COALESCE(o.frist, '') AS frist,
  COALESCE(o.frist_tekst, '') AS frist_tekst,
  COALESCE(o.ansvarlig, '') AS ansvarlig,
  COALESCE(o.saksnr, '') AS saksnr,
  COALESCE((SELECT s1.tittel FROM saker s1 WHERE s1.sak_id = v.sak_id AND s1.tittel <> '' LIMIT 1),
           (SELECT s2.tittel FROM saker s2 WHERE s2.saksnr = o.saksnr AND s2.dokument_id = o.dokument_id
            AND s2.tittel <> '' LIMIT 1),
           (SELECT s3.tittel FROM saker s3 WHERE s3.saksnr = o.saksnr AND s3.motedato = v.motedato
            AND s3.utvalg = v.utvalg AND s3.tittel <> '' LIMIT 1), '') AS tittel,
  COALESCE(NULLIF(v.utvalg, ''), m.utvalg, '') AS utvalg,
  COALESCE(NULLIF(v.motedato, ''), m.motedato, '') AS motedato,
  COALESCE(o.punkt, '') AS punkt,
  COALESCE(o.oppgave, '') AS oppgave,
  o.side AS side,
  COALESCE(o.status, '') AS status,
  COALESCE((SELECT d.fil FROM dokumenter d WHERE d.dokument_id = o.status_dokument_id LIMIT 1), '') AS status_fra,
  o.vedtak_id AS vedtak_id,
  o.dokument_id AS dokument_id
FROM oppfolging o
LEFT JOIN vedtak v ON v.rowid = COALESCE(
  (SELECT MIN(v2.rowid) FROM vedtak v2 WHERE v2.vedtak_id = o.vedtak_id AND v2.dokument_id = o.dokument_id),
  (SELECT MIN(v3.rowid) FROM vedtak v3 WHERE v3.vedtak_id = o.vedtak_id))
LEFT JOIN moter m ON m.rowid = (SELECT MIN(m2.rowid) FROM moter m2 WHERE m2.dokument_id = o.dokument_id)
WHERE COALESCE(o.status, '') NOT IN ({closed})
"""


class ViewError(Exception):
    """The output folder cannot be read as a motedata database."""


def open_tasks(db_path: Path, utvalg: str | None = None, forfalt: bool = False,
               idag: str | None = None) -> list[dict]:
    """Open tasks (status not `fullfort`) ordered by frist (tasks without frist last).

    `utvalg` keeps one committee (case-insensitive); `forfalt` keeps tasks whose frist
    is before `idag` (ISO date, default today).
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise ViewError(f"{db_path} finnes ikke; kjør `motedata run` først")
    idag = idag or date.today().isoformat()
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        sql = _SQL.format(closed=", ".join("?" for _ in CLOSED))
        rows = [dict(r) for r in con.execute(sql, CLOSED)]
    except sqlite3.Error as exc:
        raise ViewError(f"{db_path}: kan ikke lese oppfølgingstabellene ({exc}); kjør `motedata run` på nytt") from exc
    finally:
        con.close()
    if utvalg:
        rows = [r for r in rows if r["utvalg"].casefold() == utvalg.casefold()]
    if forfalt:
        rows = [r for r in rows if r["frist"] and r["frist"] < idag]

    def punkt_key(p: str):
        return (0, int(p), "") if p.isdigit() else (1, 0, p)

    rows.sort(key=lambda r: (r["frist"] == "", r["frist"], r["motedato"], r["utvalg"], r["saksnr"],
                             punkt_key(r["punkt"])))
    return rows


def to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in COLUMNS})
    return buf.getvalue()


def to_table(rows: list[dict]) -> str:
    shown = ["frist", "ansvarlig", "saksnr", "tittel", "utvalg", "motedato", "punkt", "side", "status", "oppgave"]
    limits = {"tittel": 40, "oppgave": 60}
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in shown] for r in rows]
    for cell_row, r in zip(cells, rows):
        if not r["frist"] and r["frist_tekst"]:
            cell_row[0] = r["frist_tekst"]
    widths = [min(limits.get(c, 36), max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(shown)]
    out = ["  ".join(c.ljust(w) for c, w in zip(shown, widths)), "  ".join("-" * w for w in widths)]
    for row in cells:
        out.append("  ".join(v[:w].ljust(w) for v, w in zip(row, widths)).rstrip())
    out.append(f"({len(rows)} åpne oppgaver)")
    return "\n".join(out)


def open_tasks_sql() -> str:
    """The same open tasks as one SQL statement ordered by frist (Datasette's canned query)."""
    closed = ", ".join("'" + c.replace("'", "''") + "'" for c in CLOSED)
    return ("SELECT * FROM (" + _SQL.format(closed=closed) + ")\n"
            "ORDER BY frist = '', frist, motedato, utvalg, saksnr, CAST(punkt AS INTEGER), punkt")
