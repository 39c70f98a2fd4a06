"""Datasette plugin of `motedata serve`: search page, the PDFs, links from rows to PDF pages.

Loaded from `--plugins-dir`; settings come from the metadata `motedata serve` writes
(plugins.motedata: database name, folders relative PDF paths are resolved against,
path of rapport.html).

A PDF is served only when its dokument_id is in `dokumenter` and the file found at
`dokumenter.fil` still has the SHA-256 recorded there, so the server hands out exactly
the files that were read and nothing else on the disk.
"""
from __future__ import annotations

import asyncio
import hashlib
import html
import re
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from pipeline.fts import SearchError, search

DOKUMENT_ID = re.compile(r"^[0-9a-f]{16}$")
PAGE_COLUMNS = {"side", "kilde_side"}
# In saker, `side` is the page printed in the saksliste (maybe of another document);
# the page the row was read from is `kilde_side`.
PRINTED_PAGE_TABLES = {"saker", "saker_oversikt"}

_hash_cache: dict[tuple[str, int, int], str] = {}


def _config(datasette) -> dict:
    return datasette.plugin_config("motedata") or {}


def pdf_url(datasette, dokument_id: str, page=None) -> str:
    url = datasette.urls.path(f"/-/pdf/{dokument_id}.pdf")
    if isinstance(page, int) and page > 0:
        url += f"#page={page}"
    return url


def _row_get(row, key):
    try:
        return row[key] if key in row.keys() else None
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Page numbers (and document ids, file names) become links to the PDF at that page."""
    dokument_id = _row_get(row, "dokument_id")
    if not isinstance(dokument_id, str) or not DOKUMENT_ID.match(dokument_id):
        return None
    if column in PAGE_COLUMNS and isinstance(value, int):
        if column == "side" and table in PRINTED_PAGE_TABLES:
            return None
        return Markup(f'<a class="pdf-lenke" href="{escape(pdf_url(datasette, dokument_id, value))}" '
                      f'title="Åpne PDF-en på side {value}">{value}</a>')
    if column in ("dokument_id", "fil") and isinstance(value, str) and value:
        page = _row_get(row, "kilde_side" if table in PRINTED_PAGE_TABLES else "side")
        return Markup(f'<a class="pdf-lenke" href="{escape(pdf_url(datasette, dokument_id, page))}" '
                      f'title="Åpne PDF-en">{escape(value)}</a>')
    return None


def _sha256(path: Path) -> str:
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _hash_cache:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        _hash_cache[key] = h.hexdigest()
    return _hash_cache[key]


def resolve_pdf(fil: str, sha256: str, pdf_dirs: list[str]) -> Path | None:
    """The file a `dokumenter` row was read from, if it is still there unchanged."""
    given = Path(fil)
    candidates = [given] if given.is_absolute() else [Path(d) / given for d in pdf_dirs]
    for path in candidates:
        try:
            if path.is_file() and _sha256(path) == sha256:
                return path
        except OSError:
            continue
    return None


def _not_found(message: str) -> Response:
    return Response.text(message, status=404, headers={"content-type": "text/plain; charset=utf-8"})


async def pdf_view(datasette, request):
    dokument_id = request.url_vars["dokument_id"]
    cfg = _config(datasette)
    db = datasette.get_database(cfg.get("database"))
    row = (await db.execute("SELECT fil, sha256 FROM dokumenter WHERE dokument_id = ?", [dokument_id])).first()
    if row is None:
        return _not_found(f"Dokumentet {dokument_id} finnes ikke i databasen.")
    path = await asyncio.to_thread(resolve_pdf, row["fil"], row["sha256"], cfg.get("pdf_dirs") or ["."])
    if path is None:
        return _not_found(f"Finner ikke {row['fil']} med samme innhold som da den ble lest. Start `motedata serve` "
                          "fra mappen `motedata run` ble kjørt i, eller oppgi mappen med --pdf-dir.")
    body = await asyncio.to_thread(path.read_bytes)
    name = re.sub(r'[^\w.\- ]', "_", path.name)
    return Response(body, content_type="application/pdf",
                    headers={"content-disposition": f'inline; filename="{name}"', "cache-control": "no-cache"})


def _year(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


async def sok_view(datasette, request):
    """The search page: a form, then hits with their snippet and a link to the PDF page."""
    cfg = _config(datasette)
    db = datasette.get_database(cfg.get("database"))
    args = request.args
    q, kommune = (args.get("q") or "").strip(), (args.get("kommune") or "").strip()
    fra, til = _year(args.get("fra")), _year(args.get("til"))
    kommuner = [r[0] for r in (await db.execute(
        "SELECT DISTINCT kommune FROM sok WHERE kommune <> '' ORDER BY kommune")).rows]
    hits, error = [], None
    if q:
        try:
            hits = await db.execute_fn(lambda con: search(con, q, kommune=kommune or None, fra=fra, til=til, limit=200,
                                                     mark=("\x01", "\x02")))
        except SearchError as exc:
            error = str(exc)
    for h in hits:
        h["utdrag_html"] = Markup(html.escape(h["utdrag"]).replace("\x01", "<mark>").replace("\x02", "</mark>"))
        h["pdf_url"] = pdf_url(datasette, h["dokument_id"], h["side"])
    return Response.html(await datasette.render_template("sok.html", {
        "q": q, "kommune": kommune, "fra": args.get("fra") or "", "til": args.get("til") or "",
        "kommuner": kommuner, "hits": hits, "error": error, "database": cfg.get("database"),
    }, request=request))


async def rapport_view(datasette, request):
    path = Path(_config(datasette).get("rapport") or "")
    if not path.is_file():
        return _not_found("Ingen rapport.html i utdatamappen ennå; den skrives av `motedata run`.")
    return Response.html(await asyncio.to_thread(path.read_text, encoding="utf-8"))


# Datasette lists every column's description above a table; folded, the rows come first.
# Dates and case numbers stay on one line.
_PAGE_SCRIPT = """
var style = document.createElement('style');
style.textContent = 'td.col-frist, td.col-motedato, td.col-saksnr, td.col-aar { white-space: nowrap; }';
document.head.appendChild(style);
document.querySelectorAll('dl.column-descriptions').forEach(function (dl) {
  var details = document.createElement('details'), summary = document.createElement('summary');
  summary.textContent = 'Hva kolonnene betyr';
  dl.parentNode.insertBefore(details, dl);
  details.appendChild(summary);
  details.appendChild(dl);
});
"""


@hookimpl
def extra_body_script():
    return _PAGE_SCRIPT


@hookimpl
def register_routes():
    return [
        (r"^/-/pdf/(?P<dokument_id>[0-9a-f]{16})\.pdf$", pdf_view),
        (r"^/-/sok$", sok_view),
        (r"^/-/rapport$", rapport_view),
    ]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/sok"), "label": "Søk i saker og vedtak"},
            {"href": datasette.urls.path("/-/rapport"), "label": "Rapport fra siste kjøring"}]
