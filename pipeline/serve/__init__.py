"""`motedata serve`: Datasette over OUT/motedata.sqlite, in Norwegian, with links to the PDFs.

Datasette does the browsing (tables, facets, SQL, CSV/JSON export); this package gives
it the metadata (metadata.yaml: what every table and column means, facets, canned
queries), a plugin (plugins/motedata_datasette.py: the search page, PDF serving, links
from page numbers to the PDF page) and its templates. Nothing is fetched from the
network: Datasette ships its own CSS and JS.
"""
from __future__ import annotations

import html
import json
import sqlite3
import tempfile
from pathlib import Path

import yaml

from ..oppfolging_view import open_tasks_sql
from ..write import DB_NAME

HERE = Path(__file__).resolve().parent
PLUGINS_DIR = HERE / "plugins"
TEMPLATES_DIR = HERE / "templates"
DATABASE = Path(DB_NAME).stem  # Datasette names a database by its file stem


def load_metadata() -> dict:
    with open(HERE / "metadata.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# Views get the descriptions of the columns they take from a contract table.
VIEW_SOURCES = {"saker_oversikt": "saker", "vedtak_oversikt": "vedtak"}
VIEW_COLUMNS = {
    "kommune": "Kommunen (fra dokumentet, ellers fra møtet).",
    "aar": "Året møtet ble holdt (ellers året i saksnummeret).",
    "tittel": "Tittelen på saken vedtaket gjelder.",
    "tema": "Temaet saken er klassifisert til.",
}


def describe_views(meta: dict, db_path: Path) -> None:
    """Fill in the column descriptions of the views from their source tables, in view order."""
    tables = meta["databases"][DATABASE]["tables"]
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        for view, source in VIEW_SOURCES.items():
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{view}")')]
            known = {**tables[source].get("columns", {}), **VIEW_COLUMNS}
            given = tables.setdefault(view, {}).get("columns", {})
            tables[view]["columns"] = {c: given.get(c) or known.get(c, "") for c in cols}
    finally:
        con.close()


def build_metadata(out_dir: Path, pdf_dirs: list[Path]) -> dict:
    """metadata.yaml plus the open-tasks query and the plugin's settings for this output folder."""
    meta = load_metadata()
    describe_views(meta, Path(out_dir) / DB_NAME)
    db = meta["databases"][DATABASE]
    db["queries"] = {
        "apne_oppfolginger": {
            "title": "Åpne oppfølgingsoppgaver etter frist",
            "description": "Oppgaver vedtakene gir, som ikke er meldt fullført, med den nærmeste fristen først "
                           "(de samme som `motedata oppfolging`).",
            "sql": open_tasks_sql(),
        },
        **db.get("queries", {}),
    }
    for query in db["queries"].values():
        query["hide_sql"] = True  # people read the answer; "show" reveals the SQL
    links = "".join(f'<li><a href="/{DATABASE}/{name}">{html.escape(q["title"])}</a></li>'
                    for name, q in db["queries"].items())
    meta["description_html"] += (f"<p><strong>Spørsmål du kan stille:</strong></p><ul>{links}</ul>"
                                 f'<p><a href="/{DATABASE}/vedtak_oversikt">Alle vedtak</a> · '
                                 f'<a href="/{DATABASE}/saker_oversikt">Alle saker</a> · '
                                 f'<a href="/-/rapport">Rapport fra siste kjøring</a></p>')
    meta["plugins"] = {"motedata": {
        "database": DATABASE,
        "pdf_dirs": [str(Path(d).resolve()) for d in pdf_dirs],
        "rapport": str((Path(out_dir) / "rapport.html").resolve()),
    }}
    return meta


def datasette_args(db: Path, metadata_path: Path, host: str, port: int) -> list[str]:
    return [
        "serve", str(db),
        "--metadata", str(metadata_path),
        "--plugins-dir", str(PLUGINS_DIR),
        "--template-dir", str(TEMPLATES_DIR),
        "--host", host, "--port", str(port),
        "--setting", "truncate_cells_html", "300",
        "--setting", "default_page_size", "50",
        "--setting", "sql_time_limit_ms", "5000",
    ]


def serve(out_dir: Path, host: str, port: int, pdf_dirs: list[Path]) -> None:
    """Run Datasette until interrupted (blocks)."""
    from datasette.cli import cli

    db = Path(out_dir) / DB_NAME
    with tempfile.TemporaryDirectory(prefix="motedata-serve-") as tmp:
        metadata_path = Path(tmp) / "metadata.json"
        metadata_path.write_text(json.dumps(build_metadata(out_dir, pdf_dirs), ensure_ascii=False), encoding="utf-8")
        cli.main(datasette_args(db, metadata_path, host, port), prog_name="datasette", standalone_mode=False)
