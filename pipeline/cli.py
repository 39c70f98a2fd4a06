"""Command line: `motedata run | eval | query`. Wires the stages; holds no logic of its own."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import click

from .ocr import MODES as OCR_MODES
from .report import write_report
from .write import DB_NAME


def collect_inputs(inputs: tuple[str, ...]) -> list[Path]:
    """PDF files named directly, and every *.pdf below named folders, in a stable order."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"))
        else:
            files.append(path)
    seen, out = set(), []
    for f in files:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """motedata: Norwegian municipal meeting papers (PDF) to data."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out_dir", default="utdata", show_default=True, type=click.Path(file_okay=False),
              help="Output folder.")
@click.option("--workers", default=os.cpu_count() or 1, show_default=True, type=click.IntRange(0, 256),
              help="Documents read in parallel (worker processes, each within the limits); "
                   "0 = in this process, without limits (for debugging).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
              help="OCR (ocrmypdf, Tesseract nor): auto = pages without a usable text layer, "
                   "always = every page, never = none (such pages get a row in feil).")
@click.option("--force", is_flag=True,
              help="Read documents again that OUT already holds (same SHA-256, read without failure).")
@click.option("--timeout", type=click.FloatRange(min=0), default=None,
              help="Seconds one document may take (default: regler/grenser.yaml; 0 = no limit).")
@click.option("--memory", "memory_mb", type=click.IntRange(min=0), default=None,
              help="MB of memory a worker may add for one document (default: regler/grenser.yaml; 0 = no limit).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Read on a Dask cluster (tcp://scheduler:8786, or 'local' for a LocalCluster of --workers "
                   "processes); also writes Parquet.")
@click.option("--parquet", is_flag=True,
              help="Also export every table as Parquet: OUT/parquet/<table>/, partitioned by kommune and year.")
def run(inputs: tuple[str, ...], out_dir: str, workers: int, quiet: bool, ocr: str, force: bool,
        timeout: float | None, memory_mb: int | None, dask_address: str | None, parquet: bool) -> None:
    """Read PDFs (files or folders) and write every table to OUT."""
    from .batch import DaskRunner, InlineRunner, Limits, LocalRunner, Progress, run_batch
    from .progress import RichProgress, feil_lines, summary_lines
    from .write import StoreError

    files = collect_inputs(inputs)
    if not files:
        raise click.UsageError("fant ingen PDF-filer i det som ble oppgitt")
    limits = Limits.from_rules(timeout=timeout, memory_mb=memory_mb)
    workers = min(workers, len(files))
    if dask_address:
        runner = DaskRunner(dask_address, max(1, workers), limits, ocr=ocr)
    elif workers == 0:
        runner = InlineRunner(ocr=ocr)
    else:
        runner = LocalRunner(workers, limits, ocr=ocr)
    progress = RichProgress() if not quiet and len(files) > 2 and sys.stderr.isatty() else Progress()
    after_export = None
    if parquet or dask_address:
        try:
            import pyarrow  # noqa: F401

            if dask_address:
                import dask.distributed  # noqa: F401
        except ImportError as exc:
            raise click.UsageError(f"--dask og --parquet trenger {exc.name}: pip install 'dask[distributed]' pyarrow")
        from .parquet import export_parquet

        after_export = export_parquet
    try:
        summary = run_batch(files, Path(out_dir), runner, force=force, limits=limits, progress=progress,
                            after_export=after_export)
    except StoreError as exc:
        click.echo(f"motedata: {exc}", err=True)
        sys.exit(2)
    if summary.exported or not (Path(out_dir) / "rapport.html").exists():
        write_report(Path(out_dir))  # OUT/rapport.html from the database just written (pipeline/report.py)
    for line in feil_lines(summary):
        click.echo(line, err=True)
    if not quiet:
        click.echo("\n".join(summary_lines(summary, out_dir)))
    sys.exit(1 if summary.feil else 0)


def _user_tables(con: sqlite3.Connection) -> list[str]:
    """Tables and views a person can query (not the FTS index's shadow tables)."""
    return [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'sok_fts%' ORDER BY name")]


def _open_readonly(out_dir: str, as_csv: bool, as_json: bool) -> sqlite3.Connection:
    """The output database, read-only, for the commands that print rows (query, sok)."""
    if as_csv and as_json:
        raise click.UsageError("velg enten --csv eller --json")
    db = Path(out_dir) / DB_NAME
    if not db.exists():
        raise click.UsageError(f"{db} finnes ikke; kjør `motedata run` først")
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


@main.command()
@click.argument("sql")
@click.option("--out", "out_dir", default="utdata", show_default=True, type=click.Path(file_okay=False))
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON rows.")
def query(sql: str, out_dir: str, as_csv: bool, as_json: bool) -> None:
    """Run SQL against OUT/motedata.sqlite (read-only)."""
    from .textformat import aligned, to_csv, to_json

    con = _open_readonly(out_dir, as_csv, as_json)
    try:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description or []]
        rows = cur.fetchall()
    except (sqlite3.Error, OverflowError) as exc:
        click.echo(f"SQL-feil: {exc}\nTabeller: {', '.join(_user_tables(con))}", err=True)
        sys.exit(2)
    finally:
        con.close()
    if as_json:
        click.echo(to_json(cols, rows))
    elif as_csv:
        click.echo(to_csv(cols, rows), nl=False)
    else:
        click.echo(aligned(cols, rows))
        click.echo(f"({len(rows)} rader)")


@main.command()
@click.argument("tekst")
@click.option("--out", "out_dir", default="utdata", show_default=True, type=click.Path(file_okay=False))
@click.option("--kommune", default=None, help="Only hits from this kommune.")
@click.option("--fra", "fra", type=int, default=None, help="Only meetings from this year on.")
@click.option("--til", "til", type=int, default=None, help="Only meetings up to and including this year.")
@click.option("--limit", type=click.IntRange(1, 100000), default=None, help="Most hits to print (default 50).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON rows.")
def sok(tekst: str, out_dir: str, kommune: str | None, fra: int | None, til: int | None, limit: int | None,
        as_csv: bool, as_json: bool) -> None:
    """Full-text search in case titles, innstilling and vedtak text.

    Inflected forms are found (skolestruktur finds skolestrukturen). Write "..." for a
    phrase, OR between alternatives, -word to leave a word out.
    """
    from .fts import SearchError, search
    from .textformat import aligned, to_csv, to_json

    con = _open_readonly(out_dir, as_csv, as_json)
    try:
        hits = search(con, tekst, kommune=kommune, fra=fra, til=til, limit=limit)
    except SearchError as exc:
        click.echo(f"motedata sok: {exc}", err=True)
        sys.exit(2)
    finally:
        con.close()
    cols = ["saksnr", "utvalg", "motedato", "kommune", "tittel", "utdrag", "dokument_id", "side", "kilde", "fil"]
    rows = [[h[c] for c in cols] for h in hits]
    if as_json:
        click.echo(to_json(cols, rows))
    elif as_csv:
        click.echo(to_csv(cols, rows), nl=False)
    else:
        shown = cols[:8]
        click.echo(aligned(shown, [r[:8] for r in rows], widths={"tittel": 40, "utdrag": 70, "utvalg": 24}))
        click.echo(f"({len(rows)} treff)")


@main.command()
@click.option("--out", "out_dir", default="utdata", show_default=True, type=click.Path(file_okay=False),
              help="Output folder whose motedata.sqlite is served.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default is this machine only).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--pdf-dir", "pdf_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Folder that relative paths in dokumenter.fil start from (default: the current folder).")
def serve(out_dir: str, host: str, port: int, pdf_dirs: tuple[str, ...]) -> None:
    """Browse OUT in a web browser (Datasette): search, facets, canned queries, PDF pages."""
    from .serve import serve as run_datasette

    db = Path(out_dir) / DB_NAME
    if not db.exists():
        raise click.UsageError(f"{db} finnes ikke; kjør `motedata run` først")
    click.echo(f"motedata serve: http://{host}:{port}/  (Ctrl+C avslutter)", err=True)
    run_datasette(Path(out_dir), host, port, [Path(d) for d in pdf_dirs] or [Path.cwd()])


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--pages", default=300, show_default=True, type=click.IntRange(1, 100000),
              help="Pages in the set built from the korpus (ignored when FILES are given).")
@click.option("--workers", default=os.cpu_count() or 1, show_default=True, type=click.IntRange(1, 256),
              help="Measure scaling from 1 to this many worker processes.")
@click.option("--repeat", default=3, show_default=True, type=click.IntRange(1, 50),
              help="Measurements per figure; the best and the median are printed.")
@click.option("--korpus", "korpus_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Folder of born-digital PDFs to build the set from (default: korpus/).")
@click.option("--long-pages", default=300, show_default=True, type=click.IntRange(1, 100000),
              help="Pages of the one long document whose reading gives the memory figure.")
@click.option("--scaling-pages", default=1000, show_default=True, type=click.IntRange(1, 100000),
              help="Scaling is also measured on a batch of this many pages, when larger than the set "
                   "(ignored when FILES are given).")
@click.option("--no-ocr", is_flag=True, help="Skip the OCR figure.")
def bench(files: tuple[str, ...], pages: int, workers: int, repeat: int, korpus_dir: str | None, long_pages: int,
          scaling_pages: int, no_ocr: bool) -> None:
    """Pages per second of the full pipeline vs a naive pdfplumber reading, scaling, memory, OCR."""
    from .bench import bench as run_bench, default_korpus

    korpus = Path(korpus_dir) if korpus_dir else default_korpus()
    try:
        for line in run_bench([Path(f) for f in files], pages, workers, repeat, korpus, ocr=not no_ocr,
                              long_pages=long_pages, scaling_pages=scaling_pages):
            click.echo(line)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc))


@main.command(name="eval")
@click.argument("gold_dir", default="korpus", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--workers", default=os.cpu_count() or 1, type=click.IntRange(1, 256))
def eval_cmd(gold_dir: str, as_json: bool, workers: int) -> None:
    """Score the pipeline against the gold annotations in GOLD_DIR."""
    from .evaluate import evaluate, format_report

    report = evaluate(Path(gold_dir), workers=workers)
    click.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else format_report(report))


@main.command(name="oppfolging")
@click.option("--out", "out_dir", default="utdata", show_default=True, type=click.Path(file_okay=False))
@click.option("--utvalg", default=None, help="Only tasks from this committee (e.g. Formannskapet).")
@click.option("--forfalt", is_flag=True, help="Only tasks whose deadline has passed.")
@click.option("--idag", default=None, help="Reference date for --forfalt (ISO, default today).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
def oppfolging_cmd(out_dir: str, utvalg: str | None, forfalt: bool, idag: str | None, as_csv: bool) -> None:
    """Open follow-up tasks in OUT, ordered by deadline."""
    from .oppfolging_view import ViewError, open_tasks, to_csv, to_table

    try:
        rows = open_tasks(Path(out_dir) / DB_NAME, utvalg=utvalg, forfalt=forfalt, idag=idag)
    except ViewError as exc:
        raise click.UsageError(str(exc))
    click.echo(to_csv(rows) if as_csv else to_table(rows), nl=not as_csv)


from .classify.kommando import tema as tema_commands  # noqa: E402  (motedata tema tren|eval|...)

main.add_command(tema_commands)


if __name__ == "__main__":
    main()
