"""Command line: `motedata run | eval | query`. Wires the stages; holds no logic of its own."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from .run import Outcome, process_document
from .write import DB_NAME, write_output


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


def _process(path_str: str) -> Outcome:
    return process_document(Path(path_str), fil=path_str)


def run_files(files: list[Path], workers: int) -> list[Outcome]:
    names = [str(f) for f in files]
    if workers <= 1 or len(names) <= 1:
        return [_process(n) for n in names]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_process, names, chunksize=1))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """motedata: Norwegian municipal meeting papers (PDF) to data."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out_dir", default="utdata", show_default=True, type=click.Path(file_okay=False),
              help="Output folder.")
@click.option("--workers", default=os.cpu_count() or 1, show_default=True, type=click.IntRange(1, 256),
              help="Documents read in parallel (processes).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def run(inputs: tuple[str, ...], out_dir: str, workers: int, quiet: bool) -> None:
    """Read PDFs (files or folders) and write every table to OUT."""
    started = time.monotonic()
    files = collect_inputs(inputs)
    if not files:
        raise click.UsageError("fant ingen PDF-filer i det som ble oppgitt")
    outcomes = run_files(files, workers)
    results = [o.result for o in outcomes if o.result is not None]
    feil = [f for o in outcomes for f in o.feil]
    failed_files = {f.fil for f in feil}
    counts = write_output(Path(out_dir), results, feil)
    for f in feil:
        click.echo(f"feil [{f.steg}] {f.feilmelding}", err=True)
    if not quiet:
        pages = sum(r.tables["dokumenter"][0].sider or 0 for r in results)
        click.echo(f"{len(files)} dokumenter, {pages} sider, {len(failed_files)} med feil, "
                   f"{time.monotonic() - started:.1f} s -> {out_dir}/")
        click.echo("  " + "  ".join(f"{name}={n}" for name, n in counts.items()))
    sys.exit(1 if feil else 0)


@main.command()
@click.argument("sql")
@click.option("--out", "out_dir", default="utdata", show_default=True, type=click.Path(file_okay=False))
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON rows.")
def query(sql: str, out_dir: str, as_csv: bool, as_json: bool) -> None:
    """Run SQL against OUT/motedata.sqlite (read-only)."""
    db = Path(out_dir) / DB_NAME
    if not db.exists():
        raise click.UsageError(f"{db} finnes ikke; kjør `motedata run` først")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        cur = con.execute(sql)
    except sqlite3.Error as exc:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        click.echo(f"SQL-feil: {exc}\nTabeller: {', '.join(tables)}", err=True)
        sys.exit(2)
    cols = [d[0] for d in cur.description or []]
    rows = cur.fetchall()
    con.close()
    if as_json:
        click.echo(json.dumps([dict(zip(cols, r)) for r in rows], ensure_ascii=False, indent=1))
    elif as_csv:
        import csv
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(cols)
        w.writerows(rows)
    else:
        cells = [[("" if v is None else str(v)) for v in r] for r in rows]
        widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(cols)]
        click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
        click.echo("  ".join("-" * w for w in widths))
        for r in cells:
            click.echo("  ".join(v[:w].ljust(w) for v, w in zip(r, widths)))
        click.echo(f"({len(rows)} rader)")


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
