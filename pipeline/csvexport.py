"""CSV export from the store: every table whole, or spliced when a run changed a few kommuner.

Each `<table>.csv` holds its rows ordered by dokument_id (then as inserted), so the
same documents give the same bytes. A nightly run that adds one paper to a large
archive changes the rows of a few documents, yet exporting every table again from
the database costs a second per 20,000 pages (measured): at national scale, minutes
a night for rows that did not change.

So the export remembers, in the store's memo beside the file hashes, how many bytes
each document's rows take in each CSV and what the file looked like when it was
written (size, times, inode). When the caller names the documents that may have
changed since the last export (`changed`, a table of dokument_id), and the file is
still the one written then, the new file is the old one with those documents' rows
replaced: the unchanged runs of bytes are copied by the kernel (`copy_file_range`),
and only the changed documents are read from the database and encoded. The result is
byte for byte what a whole export would write (a test holds it to that). Any doubt (no
memo, the file touched since, a header of other columns, `feil`, which is ordered by
file) means a whole export, as before.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from .atomic import replacing
from .records import TABLES, bool_columns, column_types, columns

SPANS = "memo.csv_deler"  # bytes of each document's rows in each CSV
FILES = "memo.csv_filer"  # each CSV as it was written
SPAN_COLUMNS = {"tabell": "TEXT", "dokument_id": "TEXT", "bytes": "INTEGER"}
FILE_COLUMNS = {"tabell": "TEXT PRIMARY KEY", "storrelse": "INTEGER", "endret_ns": "INTEGER", "status_ns": "INTEGER",
                "inode": "INTEGER", "hode": "INTEGER"}
CHUNK = 5000  # rows per database fetch, so an export never holds a whole table in memory
COPY_BLOCK = 1 << 24


def create_memo_tables(con) -> None:
    span_defs = ", ".join(f"{c} {t}" for c, t in SPAN_COLUMNS.items())
    con.execute(f"CREATE TABLE IF NOT EXISTS {SPANS} ({span_defs}, PRIMARY KEY (tabell, dokument_id)) WITHOUT ROWID")
    file_defs = ", ".join(f"{c} {t}" for c, t in FILE_COLUMNS.items())
    con.execute(f"CREATE TABLE IF NOT EXISTS {FILES} ({file_defs})")


def export_tables(store, changed: str | None = None) -> None:
    """Every table of `store` to `<table>.csv`, each written to a temporary name and moved into place.

    `changed`: a table of the dokument_ids whose rows may differ from the last export;
    None exports every table whole.
    """
    con = store.con
    con.create_function("motedata_real_text", 1, _real_text, deterministic=True)
    changed_ids = None if changed is None else {d for (d,) in con.execute(f"SELECT dokument_id FROM {changed}")}
    exported = []  # remembered once every file is in place, in one transaction
    for name, cls in TABLES.items():
        path = store.out_dir / f"{name}.csv"
        header = _csv_bytes(name, [], header=True)
        by_document = name != "feil" and "dokument_id" in columns(cls)
        spans = _intact_spans(con, name, path, header) if by_document and changed is not None else None
        select = f'SELECT {_export_select(cls)} FROM "{name}"'
        with replacing(path) as tmp:
            if spans is None:
                with open(tmp, "wb") as fh:
                    fh.write(header)
                    cursor = con.execute(f"{select} ORDER BY {order(name)}")
                    written = _write_rows(name, cursor, fh, columns(cls).index("dokument_id") if by_document else None)
            else:
                with open(tmp, "wb", buffering=0) as fh:  # written and copied into by the descriptor alone
                    _write_fully(fh.fileno(), header)
                    cursor = con.execute(f"{select} WHERE dokument_id IN (SELECT dokument_id FROM {changed}) "
                                         f"ORDER BY {order(name)}")
                    groups = _document_groups(name, cursor, columns(cls).index("dokument_id"))
                    written = _splice(path, spans, changed_ids, groups, fh.fileno(), len(header))
        if by_document:
            exported.append((name, path, len(header), written, spans is None))
    with store._transaction() as con:
        for name, path, header, written, whole in exported:
            _remember(con, name, path, header, written, whole, changed_ids)
        con.execute("PRAGMA user_version = 0")  # the CSVs hold every committed row


def _write_rows(name: str, cursor, fh, doc_index: int | None) -> list[tuple[str, int]] | None:
    """A whole table from `cursor` to `fh`; the bytes per document when the rows are grouped by one."""
    if doc_index is None:
        while chunk := cursor.fetchmany(CHUNK):
            fh.write(_csv_bytes(name, chunk, header=False))
        return None
    spans: list[tuple[str, int]] | None = []
    for doc, data in _document_groups(name, cursor, doc_index):
        fh.write(data)
        if doc is None:  # a row without a document cannot be placed by one: no splicing for this table
            spans = None
        elif spans is not None:
            if spans and spans[-1][0] == doc:  # a document's rows across two fetches
                spans[-1] = (doc, spans[-1][1] + len(data))
            else:
                spans.append((doc, len(data)))
    return spans


def _document_groups(name: str, cursor, doc_index: int):
    """(dokument_id, its rows as CSV bytes) for rows ordered by dokument_id; a document's rows
    may come as two groups where a fetch ends between them."""
    while chunk := cursor.fetchmany(CHUNK):
        start = 0
        for i in range(1, len(chunk) + 1):
            if i == len(chunk) or chunk[i][doc_index] != chunk[start][doc_index]:
                yield chunk[start][doc_index], _csv_bytes(name, chunk[start:i], header=False)
                start = i


def _intact_spans(con, name: str, path: Path, header: bytes) -> list[tuple[str, int]] | None:
    """The bytes per document of `path`, if the file is as the last export wrote it, under this header."""
    row = con.execute(f"SELECT storrelse, endret_ns, status_ns, inode, hode FROM {FILES} WHERE tabell = ?",
                      (name,)).fetchone()
    try:
        st = os.stat(path)
        with open(path, "rb") as fh:
            same_header = fh.read(len(header)) == header
    except OSError:
        return None
    if row is None or not same_header or \
            tuple(row) != (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, len(header)):
        return None
    spans = con.execute(f"SELECT dokument_id, bytes FROM {SPANS} WHERE tabell = ? ORDER BY dokument_id",
                        (name,)).fetchall()
    if len(header) + sum(n for _, n in spans) != st.st_size:
        return None
    return spans


def _splice(old: Path, spans: list[tuple[str, int]], changed: set[str], groups, dst: int,
            header: int) -> list[tuple[str, int]]:
    """The old file's rows with the changed documents' rows replaced by `groups`, in dokument_id
    order, appended to `dst`; returns the bytes per changed document written."""
    written: list[tuple[str, int]] = []
    pending = bytearray()  # encoded rows not yet written; empty while a run of old bytes is open
    run_start, run_bytes = header, 0  # the run of unchanged old bytes to copy next
    with open(old, "rb") as src:

        def flush() -> None:
            nonlocal run_bytes
            if pending:
                _write_fully(dst, pending)
                pending.clear()
            if run_bytes:
                _copy(src.fileno(), dst, run_start, run_bytes)
                run_bytes = 0

        def add(doc: str, data: bytes) -> None:
            if run_bytes:
                flush()
            pending.extend(data)
            if written and written[-1][0] == doc:  # a document's rows across two fetches
                written[-1] = (doc, written[-1][1] + len(data))
            else:
                written.append((doc, len(data)))

        group = next(groups, None)
        offset = header
        for doc, size in spans:
            while group is not None and group[0] <= doc:
                add(*group)
                group = next(groups, None)
            if doc not in changed:
                if not run_bytes:
                    flush()
                    run_start = offset
                run_bytes += size
            elif run_bytes:
                flush()
            offset += size
        while group is not None:
            add(*group)
            group = next(groups, None)
        flush()
    return written


def _write_fully(fd: int, data) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _copy(src: int, dst: int, offset: int, count: int) -> None:
    """`count` bytes of `src` from `offset`, appended to `dst`: in the kernel where it can."""
    while count > 0:
        try:
            n = os.copy_file_range(src, dst, min(count, COPY_BLOCK), offset)
        except (AttributeError, OSError):  # no copy_file_range here, or not between these files
            n = os.write(dst, os.pread(src, min(count, COPY_BLOCK), offset))
        if n <= 0:
            raise OSError(f"kunne ikke kopiere {count} byte fra forrige CSV-eksport")
        offset += n
        count -= n


def _remember(con, name: str, path: Path, header: int, written, whole: bool, changed_ids) -> None:
    """The new file's bytes per document and its times, committed after every file is in
    place: a crash in between leaves a memo that does not match the file, so the next
    export of that table is whole."""
    st = os.stat(path)
    if whole:
        con.execute(f"DELETE FROM {SPANS} WHERE tabell = ?", (name,))
    else:
        con.executemany(f"DELETE FROM {SPANS} WHERE tabell = ? AND dokument_id = ?",
                        [(name, d) for d in sorted(changed_ids)])
    if written is None:  # this table cannot be spliced
        con.execute(f"DELETE FROM {FILES} WHERE tabell = ?", (name,))
        return
    con.executemany(f"INSERT INTO {SPANS} VALUES (?, ?, ?)", [(name, d, n) for d, n in written])
    con.execute(f"INSERT OR REPLACE INTO {FILES} VALUES (?, ?, ?, ?, ?, ?)",
                (name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, header))


def _real_text(value: float) -> str:
    """A REAL cell as CSV text: 2.0 stays 2.0 and 1e16 is written out, where str() would give 1e+16."""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else f"{value:.1f}"
    return str(value)


def _csv_bytes(name: str, rows: list, header: bool = True) -> bytes:
    """Rows as CSV; booleans and REAL cells are already text (`_export_select`), and csv writes None as empty."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(columns(TABLES[name]))
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def order(name: str) -> str:
    if name == "feil":
        return "fil, dokument_id, rowid"
    return "dokument_id, rowid" if "dokument_id" in columns(TABLES[name]) else "rowid"


def _export_select(cls: type) -> str:
    """A table's columns as CSV cells: booleans as true/false, REAL columns as `_real_text`
    writes them (a whole number as `12500.0`, without an exponent), every other cell as stored
    (csv writes None as empty)."""
    types, bools = column_types(cls), bool_columns(cls)
    out = []
    for c in columns(cls):
        q = f'"{c}"'
        if c in bools:
            out.append(f"CASE WHEN {q} IS NULL THEN NULL WHEN {q} THEN 'true' ELSE 'false' END")
        elif types[c] == "REAL":
            # -0.0 and values outside int64 (where CAST saturates) take the Python path.
            out.append(f"CASE WHEN {q} IS NULL THEN NULL "
                       f"WHEN typeof({q}) = 'real' AND {q} <> 0 AND {q} = CAST({q} AS INTEGER) "
                       f"THEN printf('%d.0', CAST({q} AS INTEGER)) ELSE motedata_real_text({q}) END")
        else:
            out.append(q)
    return ", ".join(out)
