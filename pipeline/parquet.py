"""Parquet export: every table as a dataset partitioned by kommune and year, for DuckDB, Spark, pandas.

`OUT/parquet/<table>/kommune=<name>/aar=<year>/<table>-0.parquet` (hive layout). Each
row is placed by its document's kommune and meeting year (`dokumenter.motedato`), so a
document's rows sit together; a table with its own `kommune` column (dokumenter,
moter) is placed by that. Readers get `kommune` and `aar` back as columns from the
folder names; a document without them is under `kommune=ukjent` / `aar=ukjent` (so
`aar` reads as text when some document has no meeting date, as a number otherwise).

Exported from the database like the CSVs (within a partition in the CSV order),
streamed in batches, into a temporary folder that then replaces the previous export.
Folder names keep their letters (`kommune=Dyrøy`); only the characters Hive escapes
are written as %XX.

    duckdb:  SELECT * FROM read_parquet('utdata/parquet/saker/**/*.parquet', hive_partitioning = true)
    pandas:  pd.read_parquet('utdata/parquet/saker')
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .records import TABLES, bool_columns, column_types, columns
from .csvexport import order as csv_order
from .write import Store

PARTITIONS = ("kommune", "aar")
CHUNK = 20_000  # rows per record batch


def _arrow_type(pa, name: str, column: str):
    cls = TABLES[name]
    if column in bool_columns(cls):
        return pa.bool_()
    return {"INTEGER": pa.int64(), "REAL": pa.float64()}.get(column_types(cls)[column], pa.string())


def _query(name: str) -> tuple[str, list[str]]:
    """SELECT of a table's columns plus its partition values, in the CSV order."""
    cols = columns(TABLES[name])
    data = [c for c in cols if c not in PARTITIONS]
    select = [f't."{c}"' for c in data]
    if "kommune" in cols:
        kommune = 't."kommune"'
    elif "dokument_id" in cols:
        kommune = 'd."kommune"'
    else:
        kommune = "NULL"
    aar = 'substr(d."motedato", 1, 4)' if "dokument_id" in cols else "NULL"
    select += [f"NULLIF({kommune}, '')", f"NULLIF({aar}, '')"]
    join = ' LEFT JOIN "dokumenter" d ON d."dokument_id" = t."dokument_id"' if "dokument_id" in cols else ""
    order = ", ".join(["part_kommune", "part_aar"] + [f"t.{part.strip()}" for part in csv_order(name).split(",")])
    select[-2:] = [f"{select[-2]} AS part_kommune", f"{select[-1]} AS part_aar"]
    return f'SELECT {", ".join(select)} FROM "{name}" t{join} ORDER BY {order}', data


# Characters Hive (and Spark) escape in partition folder names; everything else is kept.
_HIVE_ESCAPE = set('"#%\'*/:=?\\\x7f{[]^') | {chr(i) for i in range(32)}
UNKNOWN = "ukjent"  # not Hive's null folder: readers cannot infer a type from null folders alone


def _folder_value(value: str | None) -> str:
    if value is None:
        return UNKNOWN
    return "".join(f"%{ord(c):02X}" if c in _HIVE_ESCAPE else c for c in value)


def export_parquet(store: Store, target: Path | None = None) -> dict[str, int]:
    """Write every table of `store` under `target` (default OUT/parquet); returns rows per table.

    Rows are read in partition order, so one Parquet writer is open at a time and each
    partition is one file, written in this thread from the database's cursor.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(target) if target is not None else store.out_dir / "parquet"
    for stale in target.parent.glob(f".{target.name}.*"):  # left by a killed export
        shutil.rmtree(stale, ignore_errors=True)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    tmp.mkdir(parents=True)
    counts: dict[str, int] = {}
    try:
        for name in TABLES:
            sql, data = _query(name)
            schema = pa.schema([(c, _arrow_type(pa, name, c)) for c in data])
            bools = [i for i, f in enumerate(schema) if f.type == pa.bool_()]
            counts[name] = 0
            writer, current = None, object()
            cursor = store.con.execute(sql)
            while chunk := cursor.fetchmany(CHUNK):
                counts[name] += len(chunk)
                start = 0
                while start < len(chunk):
                    key = chunk[start][-2:]
                    end = start
                    while end < len(chunk) and chunk[end][-2:] == key:
                        end += 1
                    if key != current:
                        if writer is not None:
                            writer.close()
                        folder = tmp / name / f"kommune={_folder_value(key[0])}" / f"aar={_folder_value(key[1])}"
                        folder.mkdir(parents=True, exist_ok=True)
                        writer, current = pq.ParquetWriter(folder / f"{name}-0.parquet", schema), key
                    cols = [list(c) for c in zip(*(row[:-2] for row in chunk[start:end]))]
                    for i in bools:
                        cols[i] = [None if v is None else bool(v) for v in cols[i]]
                    writer.write_table(pa.table([pa.array(c, type=f.type) for c, f in zip(cols, schema)], schema=schema))
                    start = end
            if writer is not None:
                writer.close()
            else:  # an empty table is still a readable dataset with its columns
                (tmp / name).mkdir(parents=True, exist_ok=True)
                pq.write_table(schema.empty_table(), tmp / name / f"{name}-0.parquet")
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        if target.exists():
            os.rename(target, old)
        os.rename(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return counts
