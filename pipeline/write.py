"""Write stage: CSV, SQLite and per-document JSON, the only stage with side effects.

The SQLite database is the store. `Store.write_batch` puts a batch of documents into it
in one transaction: the rows of documents read again are deleted and the new rows
inserted, so SQLite's journal makes every batch all-or-nothing, and a killed run keeps
every batch it committed. Per-document JSON and the CSVs are written to a temporary
name and moved into place with os.replace, so a crash leaves either the old or the new
file, never half of one. CSVs are exported from the database, ordered by dokument_id
(and insertion order within a document), so the same inputs give byte-identical files
whatever order the workers finished in. After a kill they hold the last complete
export, and the next run brings them up to date.
"""
from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .atomic import atomic_write_bytes
from .csvexport import create_memo_tables, export_tables, order
from .fts import build_fts
from .link import COLUMNS as LINK_COLUMNS, link_tables
from .parquet import create_memo_tables as create_parquet_memo, forget_export, mark_changed
from .records import TABLES, columns, column_types
from .views import create_views

DB_NAME = "motedata.sqlite"
# The store's memo of file hashes: a nightly run over a large archive stats every file and
# reads only those whose size, times or inode changed, instead of reading every byte again
# to hash it. A cache, not output: its own file beside the database (attached to the same
# connection, so it commits with each batch), and motedata.sqlite stays a function of the
# documents read.
MEMO_NAME = ".filhasher.sqlite"
HASH_TABLE = "memo.filhasher"
HASH_COLUMNS = {"sti": "TEXT PRIMARY KEY", "storrelse": "INTEGER", "endret_ns": "INTEGER", "status_ns": "INTEGER",
                "inode": "INTEGER", "sha256": "TEXT", "hashet_ns": "INTEGER"}
# Indexes that readers join on, and those that make replacing one document's rows cheap.
INDEXES = (("saker", "sak_id"), ("vedtak", "sak_id"), ("saker", "mote_id"), ("kostnader", "dokument_id"),
           ("voteringer", "sak_id"))


class StoreError(Exception):
    """The output folder cannot be written (damaged database, another run writing to it)."""


@dataclass
class DocumentResult:
    """Everything one document produced, ready to be written."""

    dokument_id: str
    fil: str
    tables: dict[str, list] = field(default_factory=dict)  # table name -> records
    struktur: dict = field(default_factory=dict)  # extra structure for the JSON (pages, tables)
    serialized: Serialized | None = None  # made in the worker by `serialize`, so the writer only writes


@dataclass(frozen=True)
class Serialized:
    """A document's JSON and database rows, encoded where the document was read.

    The one writer is the part of a run that does not grow with the workers; encoding in
    the workers leaves it only the file and database writes.
    """

    json: bytes
    rows: dict[str, list[tuple]]


def serialize(res: DocumentResult) -> DocumentResult:
    """`res` with its JSON and SQL rows encoded (`Store.write_batch` encodes any result without them)."""
    rows = {name: [tuple(_sql_value(v) for v in _row_tuple(r)) for r in records]
            for name, records in res.tables.items() if records}
    return replace(res, serialized=Serialized(document_json(res), rows))


def for_writer(res: DocumentResult) -> DocumentResult:
    """`res` encoded, without the records and structure the writer no longer needs.

    A worker sends this back: the records travel once, as encoded rows. Sending them as
    dataclasses too made the writer unpickle every record (~0.03 s of its CPU per 300
    pages, an eighth of all it did) only to throw them away. The `dokumenter` row stays
    for the run's page count.
    """
    res = res if res.serialized is not None else serialize(res)
    return replace(res, tables={"dokumenter": res.tables.get("dokumenter", [])}, struktur={})


def _cell(value) -> object:
    """A record value as stored in CSV/SQLite: booleans true/false, boxes as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return json.dumps(list(value))
    return value


def _row_tuple(record) -> tuple:
    return tuple(_cell(v) for v in _fields(record).values())


def _fields(record) -> dict:
    """A record's fields in order; records are flat (text, numbers, boxes), so no deep copy as in asdict."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _sql_value(value):
    if value == "true":
        return 1
    if value == "false":
        return 0
    return value


def document_json(res: DocumentResult) -> bytes:
    """The document's JSON: one line per record (and per page), easy to grep and diff.

    Each line is encoded by json's C encoder; `indent=` would switch the whole file to
    the pure-Python encoder, which cost more than writing the database.
    """
    body = {"dokument_id": res.dokument_id, "fil": res.fil}
    for name, records in res.tables.items():
        body[name] = [_fields(r) for r in records]
    body.update(res.struktur)
    return _encode_body(body)


def _encode_body(body: dict) -> bytes:
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    lines = []
    for key, value in body.items():
        if isinstance(value, list) and value:
            inner = ",\n".join("  " + dumps(item) for item in value)
            lines.append(f" {dumps(key)}: [\n{inner}\n ]")
        else:
            lines.append(f" {dumps(key)}: {dumps(value)}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")


def write_output(out_dir: Path, results: list[DocumentResult], feil: list = ()) -> dict[str, int]:
    """Merge these results into out_dir in one batch and export the CSVs; returns the row count per table."""
    with Store(Path(out_dir)) as store:
        if results or feil:
            store.write_batch(results, list(feil))
            store.derive()
        store.export_csv()
        return store.counts()


class Store:
    """An output folder: the SQLite database, `dokumenter/<id>.json`, and CSVs exported from the database.

    Only one process writes to a folder at a time (an advisory lock, released by the
    operating system however the process ends).
    """

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.out_dir / ".motedata.lock", "a+")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            raise StoreError(f"{self.out_dir}: en annen motedata-kjøring skriver til denne mappen nå. "
                             "Vent til den er ferdig, eller bruk en annen --out.")
        _remove_stale_temporaries(self.out_dir)
        self.db_path = self.out_dir / DB_NAME
        self.touched: set[str] = set()  # kommuner whose documents this store has written (`derive`)
        self.con = sqlite3.connect(self.db_path, isolation_level=None)
        try:
            self.con.execute("PRAGMA foreign_keys=OFF")
            self._attach_memo()
            self._ensure_schema()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"{self.db_path}: databasen kan ikke brukes ({exc}). "
                             "Flytt den bort (CSV-filene ved siden av har siste eksport) og kjør på nytt, "
                             "eller bruk en annen --out.") from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "con", None) is not None:
            self.con.close()
            self.con = None
        if not self._lock.closed:
            self._lock.close()

    @contextmanager
    def _transaction(self):
        """One write transaction: committed when the block ends, rolled back on any exception."""
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self.con
            self.con.execute("COMMIT")
        except BaseException:
            if self.con.in_transaction:
                self.con.execute("ROLLBACK")
            raise

    # --- schema -----------------------------------------------------------------------------

    def _attach_memo(self) -> None:
        """Attach the hash memo; a damaged one is only a cache, so it is removed and started again."""
        path = self.out_dir / MEMO_NAME
        for attempt in (1, 2):
            try:
                self.con.execute("ATTACH DATABASE ? AS memo", (str(path),))
                defs = ", ".join(f"{c} {t}" for c, t in HASH_COLUMNS.items())
                self.con.execute(f"CREATE TABLE IF NOT EXISTS {HASH_TABLE} ({defs}) WITHOUT ROWID")
                create_memo_tables(self.con)
                create_parquet_memo(self.con)
                return
            except sqlite3.DatabaseError:
                if attempt == 2:
                    raise
                if any(r[1] == "memo" for r in self.con.execute("PRAGMA database_list")):
                    self.con.execute("DETACH DATABASE memo")
                for p in (path, path.with_name(path.name + "-journal")):
                    p.unlink(missing_ok=True)

    def _ensure_schema(self) -> None:
        """Tables as records.py describes them; a table with other columns is rebuilt keeping its rows."""
        with self._transaction() as con:
            for name, cls in TABLES.items():
                cols = columns(cls)
                have = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
                if have == cols:
                    continue
                types = column_types(cls)
                defs = ", ".join(f'"{c}" {types[c]}' for c in cols)
                if not have:
                    con.execute(f'CREATE TABLE "{name}" ({defs})')
                    continue
                # Views are derived (pipeline/views.py) and made again after the run; they would
                # block rebuilding the table they read.
                for (view,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
                    con.execute(f'DROP VIEW "{view}"')
                con.execute("PRAGMA user_version = 1")  # derive and export at the end of this run
                common = [c for c in cols if c in have]
                con.execute(f'CREATE TABLE "_ny_{name}" ({defs})')
                names = ", ".join(f'"{c}"' for c in common)
                con.execute(f'INSERT INTO "_ny_{name}" ({names}) SELECT {names} FROM "{name}" ORDER BY rowid')
                con.execute(f'DROP TABLE "{name}"')
                con.execute(f'ALTER TABLE "_ny_{name}" RENAME TO "{name}"')
            for name, col in INDEXES:
                con.execute(f'CREATE INDEX IF NOT EXISTS "ix_{name}_{col}" ON "{name}" ({col})')
            for name, cls in TABLES.items():
                if "dokument_id" in columns(cls):
                    con.execute(f'CREATE INDEX IF NOT EXISTS "ix_{name}_dokument_id" ON "{name}" (dokument_id)')
            con.execute('CREATE INDEX IF NOT EXISTS "ix_feil_fil" ON "feil" (fil)')
            con.execute('CREATE INDEX IF NOT EXISTS "ix_dokumenter_sha256" ON "dokumenter" (sha256)')

    # --- reading ----------------------------------------------------------------------------

    def is_known(self, sha256: str) -> bool:
        """True when a document with this content was read before without any failure."""
        row = self.con.execute(
            "SELECT 1 FROM dokumenter d WHERE d.sha256 = ? AND NOT EXISTS "
            "(SELECT 1 FROM feil f WHERE f.dokument_id = d.dokument_id) LIMIT 1", (sha256,)).fetchone()
        return row is not None

    def known_sha256(self, sti: str, st: os.stat_result, margin_ns: int) -> str | None:
        """The SHA-256 hashed earlier for this path, if the file's size, modification and
        status-change times and inode are all as they were then. Writing a file changes its
        status-change time even when the modification time is set back, so only a file left
        untouched matches.

        As in git's racy-clean check, a hash is trusted only when the file's times were
        at least `margin_ns` older than the hashing: on a file system with coarse times (2 s
        on FAT and some shares) a write just after the hashing can keep every time as it was.
        """
        row = self.con.execute(
            f'SELECT sha256, hashet_ns FROM {HASH_TABLE} WHERE sti = ? AND storrelse = ? AND endret_ns = ? '
            'AND status_ns = ? AND inode = ?', (sti, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)).fetchone()
        if row is None or max(st.st_mtime_ns, st.st_ctime_ns) >= row[1] - margin_ns:
            return None
        return row[0]

    def counts(self) -> dict[str, int]:
        return {name: self.con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in TABLES}

    @property
    def export_pending(self) -> bool:
        """True when the database holds rows the CSVs do not (a run was stopped before its export)."""
        if self.con.execute("PRAGMA user_version").fetchone()[0]:
            return True
        return any(not (self.out_dir / f"{name}.csv").exists() for name in TABLES)

    # --- writing ----------------------------------------------------------------------------

    def write_json(self, res: DocumentResult) -> DocumentResult:
        """Write one document's JSON now (atomically); returns `res` encoded.

        The batch runner calls this as each result arrives, so the file writes and their
        fsyncs overlap the workers' reading instead of waiting for the batch's commit.
        """
        res = res if res.serialized is not None else serialize(res)
        atomic_write_bytes(self.out_dir / "dokumenter" / f"{res.dokument_id}.json", res.serialized.json)
        return res

    def write_batch(self, results: list[DocumentResult], feil: list, json_written: bool = False,
                    hashes: list[tuple] = ()) -> None:
        """Replace the rows of these documents and files, in one transaction.

        A file read again loses its old `feil` rows: they described the previous attempt.
        The per-document JSON is written first (here, or by `write_json` as each result
        came in); a kill before the commit leaves a JSON the database does not know yet,
        which the next run writes again. `hashes` are file hashes to remember
        (`HASH_COLUMNS`), committed with the batch.
        """
        if not results and not feil:
            if hashes:
                with self._transaction():
                    self._remember(hashes)
            return
        if json_written:
            results = [res if res.serialized is not None else serialize(res) for res in results]
        else:
            results = [self.write_json(res) for res in results]
        replaced = sorted({r.dokument_id for r in results})
        files = sorted({r.fil for r in results} | {f.fil for f in feil})
        with self._transaction() as con:
            touched = _kommuner_of(con, replaced)  # the kommune a document read again had before
            for name, cls in TABLES.items():
                if "dokument_id" in columns(cls):
                    con.executemany(f'DELETE FROM "{name}" WHERE dokument_id = ?', [(d,) for d in replaced])
            removed = con.executemany('DELETE FROM "feil" WHERE fil = ?', [(f,) for f in files]).rowcount
            feil_changed = bool(feil) or removed > 0
            for name, cls in TABLES.items():
                rows = [row for res in results for row in res.serialized.rows.get(name, [])]
                if name == "feil":
                    rows += [tuple(_sql_value(v) for v in _row_tuple(f)) for f in feil]
                if rows:
                    marks = ", ".join("?" for _ in columns(cls))
                    con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
            self._remember(hashes)
            con.execute("PRAGMA user_version = 1")  # CSV export pending
            touched |= _kommuner_of(con, replaced)
            mark_changed(con, touched, feil_changed)  # for the next Parquet export, whichever run makes it
        self.touched |= touched

    def _remember(self, hashes: list[tuple]) -> None:
        if hashes:
            marks = ", ".join("?" for _ in HASH_COLUMNS)
            self.con.executemany(f'INSERT OR REPLACE INTO {HASH_TABLE} VALUES ({marks})', hashes)

    def derive(self, kommuner: set[str] | None = None) -> str | None:
        """What is computed across documents, once per run after the last batch, in one transaction:
        follow-up status (pipeline/link.py), the search index (pipeline/fts.py) and the views
        for facets and charts (pipeline/views.py).

        With `kommuner`, only the documents of those kommuner changed since the last derive
        (`touched`), and only their rows are computed again. Each of the three stays within
        a kommune: a report refers to a decision of its own kommune, and a case title a
        decision borrows from another paper has the same `sak_id`, which begins with the
        kommune. A nightly run then costs what its kommuner hold, not the whole archive.
        None computes everything (after a stopped run, or for an upgraded database).
        Returns the table of the documents derived again (None: all), for `export_csv`.
        """
        with self._transaction() as con:
            only = None
            if kommuner is None:
                forget_export(con)  # rows of any kommune may change: the next Parquet export is whole
            else:
                only = "temp.utledes"
                con.execute("CREATE TEMP TABLE IF NOT EXISTS utledes (dokument_id TEXT PRIMARY KEY)")
                con.execute("DELETE FROM temp.utledes")
                con.execute("INSERT OR IGNORE INTO temp.utledes SELECT dokument_id FROM dokumenter "
                            "WHERE COALESCE(kommune, '') IN (SELECT value FROM json_each(?))",
                            (json.dumps(sorted(kommuner)),))  # one pass over dokumenter, however many kommuner
            self._link(con, only)
            build_fts(con, only)
            create_views(con, only)
        return only

    def _link(self, con: sqlite3.Connection, only: str | None) -> None:
        """Follow-up status for the tasks of the documents in table `only` (None: every document).

        The paper that reports on a task is often read long after the decision, in another run.
        """
        where = f" WHERE dokument_id IN (SELECT dokument_id FROM {only})" if only else ""
        tables = {}
        for name, cols in LINK_COLUMNS.items():
            cols = ("rowid", "dokument_id") + cols if name == "oppfolging" else cols  # to write the changes back
            select = ", ".join(f'"{c}"' for c in cols)
            cur = con.execute(f'SELECT {select} FROM "{name}"{where} ORDER BY {order(name)}')
            tables[name] = [dict(zip(cols, row)) for row in cur]
        pairs = list(zip(tables["oppfolging"], link_tables(tables)))
        moved = [(old, new) for old, new in pairs
                 if (old["status"], old["status_dokument_id"]) != (new["status"], new["status_dokument_id"])]
        if moved:
            con.executemany('UPDATE "oppfolging" SET status = ?, status_dokument_id = ? WHERE rowid = ?',
                            [(new["status"], new["status_dokument_id"], old["rowid"]) for old, new in moved])
            con.execute("PRAGMA user_version = 1")
        # The documents' JSON: those whose statuses changed now, and after a full derive every
        # document with a linked status (a JSON written before linking reached the files).
        stale = {old["dokument_id"] for old, _ in moved}
        if only is None:
            stale |= {old["dokument_id"] for old, new in pairs if new["status_dokument_id"]}
        self._statuses_to_json(con, stale)

    def _statuses_to_json(self, con: sqlite3.Connection, dokument_ids: set[str]) -> None:
        """Write the linked follow-up statuses into these documents' JSON files.

        A worker writes a document's JSON before any later paper is linked to it, so its
        tasks say `ny` where the database says `fullfort`. Called inside derive's
        transaction, before its commit: a crash leaves the database unlinked and the next
        derive finds the same changes and writes them again.
        """
        for dokument_id in sorted(dokument_ids):
            path = self.out_dir / "dokumenter" / f"{dokument_id}.json"
            try:
                data = path.read_bytes()
                body = json.loads(data)
            except (OSError, ValueError):
                continue  # no JSON to bring up to date (removed, or damaged: the next --force writes it)
            tasks = body.get("oppfolging") if isinstance(body, dict) else None
            rows = con.execute('SELECT status, status_dokument_id FROM "oppfolging" WHERE dokument_id = ? '
                               "ORDER BY rowid", (dokument_id,)).fetchall()
            if not isinstance(tasks, list) or len(tasks) != len(rows):
                continue  # a JSON from another reading of the document than the database holds
            for task, (status, by) in zip(tasks, rows):
                task["status"], task["status_dokument_id"] = status, by or ""
            encoded = _encode_body(body)
            if encoded != data:
                atomic_write_bytes(path, encoded)

    def export_csv(self, changed: str | None = None) -> None:
        """Every table to `<table>.csv` (pipeline/csvexport.py); with `changed` (a table of the
        dokument_ids whose rows may differ from the last export) unchanged rows are copied."""
        export_tables(self, changed)


def _kommuner_of(con: sqlite3.Connection, dokument_ids: list[str]) -> set[str]:
    """The kommuner these documents' rows are placed under: the documents' own, and their meetings'
    (a `moter` row carries its own kommune, which places it in the Parquet export)."""
    out: set[str] = set()
    for i in range(0, len(dokument_ids), 500):
        chunk = dokument_ids[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        out.update(k for (k,) in con.execute(
            f"SELECT COALESCE(kommune, '') FROM dokumenter WHERE dokument_id IN ({marks}) "
            f"UNION SELECT COALESCE(kommune, '') FROM moter WHERE dokument_id IN ({marks})", chunk + chunk))
    return out


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed run left behind (`.<name>.<random>.tmp`); only this folder's writer makes them."""
    for folder in (out_dir, out_dir / "dokumenter"):
        if folder.is_dir():
            for p in folder.glob(".*.tmp"):
                try:
                    p.unlink()
                except OSError:
                    pass
