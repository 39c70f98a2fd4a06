"""Parquet export: every table as a dataset partitioned by kommune and year, for DuckDB, Spark, pandas.

`OUT/parquet/<table>/kommune=<name>/aar=<year>/<table>-0.parquet` (hive layout). Each
row is placed by its document's kommune and meeting year (`dokumenter.motedato`), so a
document's rows sit together; a table with its own `kommune` column (dokumenter,
moter) is placed by that. Readers get `kommune` and `aar` back as columns from the
folder names; rows without them are under `__HIVE_DEFAULT_PARTITION__` (null).

Exported from the database like the CSVs (same rows, same order), streamed in
batches, into a temporary folder that then replaces the previous export.

    duckdb:  SELECT * FROM read_parquet('utdata/parquet/saker/**/*.parquet', hive_partitioning = true)
    pandas:  pd.read_parquet('utdata/parquet/saker')
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .records import TABLES, bool_columns, column_types, columns
from .write import Store, _order

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
    order = ", ".join(f"t.{part.strip()}" for part in _order(name).split(","))
    return f'SELECT {", ".join(select)} FROM "{name}" t{join} ORDER BY {order}', data


def export_parquet(store: Store, target: Path | None = None) -> dict[str, int]:
    """Write every table of `store` under `target` (default OUT/parquet); returns rows per table."""
    import pyarrow as pa
    import pyarrow.dataset as ds
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
            schema = pa.schema([(c, _arrow_type(pa, name, c)) for c in data]
                               + [(p, pa.string()) for p in PARTITIONS])
            counts[name] = 0

            def batches(cursor=store.con.execute(sql), schema=schema, name=name):
                bools = [i for i, f in enumerate(schema) if f.type == pa.bool_()]
                while rows := cursor.fetchmany(CHUNK):
                    counts[name] += len(rows)
                    cols = list(zip(*rows))
                    for i in bools:
                        cols[i] = [None if v is None else bool(v) for v in cols[i]]
                    yield pa.RecordBatch.from_arrays([pa.array(c, type=f.type) for c, f in zip(cols, schema)],
                                                     schema=schema)

            folder = tmp / name
            ds.write_dataset(batches(), folder, schema=schema, format="parquet",
                             partitioning=ds.partitioning(schema=pa.schema([(p, pa.string()) for p in PARTITIONS]),
                                                          flavor="hive"),
                             basename_template=f"{name}-{{i}}.parquet", existing_data_behavior="overwrite_or_ignore")
            if not counts[name]:  # an empty table is still a readable dataset with its columns
                folder.mkdir(parents=True, exist_ok=True)
                pq.write_table(pa.table({c: pa.array([], type=_arrow_type(pa, name, c)) for c in data}),
                               folder / f"{name}-0.parquet")
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        if target.exists():
            os.rename(target, old)
        os.rename(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return counts
