"""`motedata tema tren | eval | splitt | klassifiser`: the topic model's own commands.

spaCy is imported inside the commands, so `motedata --help` and `motedata run` on a
machine that never trains stay as quick as before.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click


@click.group(name="tema")
def tema() -> None:
    """Topic classifier for saker.tema (labels in regler/tema.yaml)."""


@tema.command(name="tren")
@click.option("--data", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Labelled titles (default korpus/tema/titler.csv).")
@click.option("--ut", "out", type=click.Path(file_okay=False), default=None,
              help="Model folder (default pipeline/classify/modell).")
def tren(data: str | None, out: str | None) -> None:
    """Train on the train split, stop and calibrate on dev, save the model."""
    from .tema import MODEL_DIR
    from .train import train

    started = time.monotonic()
    try:
        meta = train(out=Path(out) if out else MODEL_DIR, data=Path(data) if data else None, log=click.echo)
    except ValueError as exc:
        click.echo(f"feil: {exc}", err=True)
        sys.exit(1)
    click.echo(f"trent på {meta['antall'].get('train', 0)} titler på {time.monotonic() - started:.1f} s; "
               "kjør `motedata tema eval` for tallene på test-delen.")


@tema.command(name="eval")
@click.option("--split", type=click.Choice(["test", "dev", "train"]), default="test", show_default=True)
@click.option("--data", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option("--modell", type=click.Path(exists=True, file_okay=False), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_tema(split: str, data: str | None, modell: str | None, as_json: bool) -> None:
    """Accuracy, macro-F1, per-label F1, confusion table, calibration and speed."""
    from .tema import MODEL_DIR, ModelError, read_model
    from .train import evaluate, format_report, time_classification

    try:
        model = read_model(Path(modell) if modell else MODEL_DIR)
    except ModelError as exc:
        click.echo(f"feil: {exc}", err=True)
        sys.exit(1)
    report = evaluate(model, data=Path(data) if data else None, split=split)
    wall, cpu = time_classification(model, 1000, data=Path(data) if data else None)
    if as_json:
        report["forvirring"] = [[g, p, n] for (g, p), n in sorted(report["forvirring"].items())]
        report["sekunder_1000_titler"] = wall
        report["cpu_sekunder_1000_titler"] = cpu
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(report, wall, cpu))


@tema.command(name="splitt")
@click.option("--data", type=click.Path(exists=True, dir_okay=False), default=None)
def splitt(data: str | None) -> None:
    """Give new rows of the labelled data a train/dev/test split (existing splits stay)."""
    from ..atomic import atomic_write_bytes
    from .data import assign_splits, data_path, read_rows, rows_csv

    path = Path(data) if data else data_path()
    rows = read_rows(path)
    new = sum(1 for r in rows if not r.split)
    atomic_write_bytes(path, rows_csv(assign_splits(rows)))
    click.echo(f"{new} nye rader fikk split i {path}")


@tema.command(name="klassifiser")
@click.argument("titler", nargs=-1, required=True)
@click.option("--sakstype", default="", help="PS, RS, OS, ... (RS/OS give referatsaker by rule).")
def klassifiser(titler: tuple[str, ...], sakstype: str) -> None:
    """Classify titles given on the command line: tema, sikkerhet, title."""
    from .tema import ModelError, load_model

    try:
        model = load_model()
    except ModelError as exc:
        click.echo(f"feil: {exc}", err=True)
        sys.exit(1)
    for tittel, (tema_, p) in zip(titler, model.predict((t, "", sakstype) for t in titler)):
        click.echo(f"{tema_ or '(usikker)':<32}{'' if p is None else f'{p:.2f}':>6}  {tittel}")
