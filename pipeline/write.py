"""Write stage: CSV, SQLite and per-document JSON, the only stage with side effects.

Every file is written to a temporary name in the output folder and moved into place
with os.replace, so a crash leaves either the old or the new file, never half of one.
The database is rebuilt from its previous rows plus this run's rows, ordered by
dokument_id, so the same inputs give byte-identical files and a re-run replaces a
document's rows instead of adding to them.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .fts import build_fts
from .link import link_tables
from .records import TABLES, bool_columns, columns, column_types
from .views import create_views

DB_NAME = "motedata.sqlite"


@dataclass
class DocumentResult:
    """Everything one document produced, ready to be written."""

    dokument_id: str
    fil: str
    tables: dict[str, list] = field(default_factory=dict)  # table name -> records
    struktur: dict = field(default_factory=dict)  # extra structure for the JSON (pages, tables)


@contextmanager
def _replacing(path: Path):
    """Yield a temporary path beside `path`; on success it replaces `path`, on failure it is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    with _replacing(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)


def _cell(value) -> object:
    """A record value as stored in CSV/SQLite: booleans true/false, boxes as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return json.dumps(list(value))
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return value
    return value


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else f"{value:.1f}"
    return str(value)


def _row_tuple(record) -> tuple:
    return tuple(_cell(v) for v in asdict(record).values())


def _read_existing(db_path: Path) -> dict[str, list[tuple]]:
    existing: dict[str, list[tuple]] = {name: [] for name in TABLES}
    if not db_path.exists():
        return existing
    con = sqlite3.connect(db_path)
    try:
        for name, cls in TABLES.items():
            cols = columns(cls)
            try:
                have = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
                if not have:
                    continue
                select = ", ".join(f'"{c}"' if c in have else "NULL" for c in cols)
                bools = [i for i, c in enumerate(cols) if c in bool_columns(cls)]
                existing[name] = [
                    tuple(("true" if v else "false") if i in bools and v is not None else v for i, v in enumerate(r))
                    for r in con.execute(f'SELECT {select} FROM "{name}" ORDER BY rowid')
                ]
            except sqlite3.DatabaseError:
                continue
    finally:
        con.close()
    return existing


def _doc_key(name: str, row: tuple, cols: list[str]) -> str:
    if "dokument_id" in cols:
        return row[cols.index("dokument_id")] or ""
    return ""


def merge_rows(existing: dict[str, list[tuple]], results: list[DocumentResult], feil: list) -> dict[str, list[tuple]]:
    """Previous rows minus those of re-read documents, plus the new rows, in a stable order.

    A file read again loses its old `feil` rows: they described the previous attempt.
    """
    replaced = {r.dokument_id for r in results}
    files = {r.fil for r in results} | {f.fil for f in feil}
    merged: dict[str, list[tuple]] = {}
    for name, cls in TABLES.items():
        cols = columns(cls)
        keep = []
        for row in existing.get(name, []):
            if name == "feil" and row[cols.index("fil")] in files:
                continue
            if _doc_key(name, row, cols) in replaced:
                continue
            keep.append(row)
        for res in results:
            keep.extend(_row_tuple(rec) for rec in res.tables.get(name, []))
        if name == "feil":
            keep.extend(_row_tuple(f) for f in feil)
        # Group by document (stable within a document); feil sorted by file.
        if name == "feil":
            keep.sort(key=lambda r: (r[0] or "", r[1] or ""))
        else:
            keep.sort(key=lambda r: _doc_key(name, r, cols))
        merged[name] = keep
    return merged


def _linked_oppfolging(tables: dict[str, list[tuple]]) -> list[tuple]:
    """Follow-up status across every document in the output, old and new (pipeline/link.py)."""
    as_dicts = {name: [dict(zip(columns(TABLES[name]), row)) for row in tables[name]]
                for name in ("oppfolging", "vedtak", "dokumenter", "statusmeldinger", "saker")}
    return [tuple(row.values()) for row in link_tables(as_dicts)]


def _write_sqlite(path: Path, tables: dict[str, list[tuple]]) -> None:
    with _replacing(path) as tmp:
        os.unlink(tmp)  # sqlite creates the file itself
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode=OFF")
            for name, cls in TABLES.items():
                types = column_types(cls)
                cols = columns(cls)
                defs = ", ".join(f'"{c}" {types[c]}' for c in cols)
                con.execute(f'CREATE TABLE "{name}" ({defs})')
                con.executemany(
                    f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in cols)})',
                    [tuple(_sql_value(v) for v in row) for row in tables[name]],
                )
            for name, col in (("saker", "sak_id"), ("vedtak", "sak_id"), ("saker", "mote_id"),
                              ("kostnader", "dokument_id"), ("voteringer", "sak_id")):
                con.execute(f'CREATE INDEX "ix_{name}_{col}" ON "{name}" ({col})')
            build_fts(con)  # search index for `sok`/`serve`, derived from the tables above (pipeline/fts.py)
            create_views(con)  # views for facets and charts (pipeline/views.py)
            con.commit()
        finally:
            con.close()


def _sql_value(value):
    if value == "true":
        return 1
    if value == "false":
        return 0
    return value


def _csv_bytes(name: str, rows: list[tuple]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns(TABLES[name]))
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    return buf.getvalue().encode("utf-8")


def document_json(res: DocumentResult) -> bytes:
    body = {"dokument_id": res.dokument_id, "fil": res.fil}
    for name, records in res.tables.items():
        body[name] = [asdict(r) for r in records]
    body.update(res.struktur)
    return (json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def write_output(out_dir: Path, results: list[DocumentResult], feil: list = ()) -> dict[str, int]:
    """Merge this run into out_dir; returns the row count per table."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for res in results:
        _atomic_write_bytes(out_dir / "dokumenter" / f"{res.dokument_id}.json", document_json(res))
    merged = merge_rows(_read_existing(out_dir / DB_NAME), results, list(feil))
    merged["oppfolging"] = _linked_oppfolging(merged)
    _write_sqlite(out_dir / DB_NAME, merged)
    for name, rows in merged.items():
        _atomic_write_bytes(out_dir / f"{name}.csv", _csv_bytes(name, rows))
    return {name: len(rows) for name, rows in merged.items()}
