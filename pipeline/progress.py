"""What `motedata run` shows a person: a progress bar while it reads, one screen when it is done."""
from __future__ import annotations

from .batch import Progress, Summary

MAX_FEIL_LINES = 15  # failures listed on screen; all of them are in feil.csv


class RichProgress(Progress):
    """A progress bar on stderr (rich): documents done of all, pages, elapsed and remaining time."""

    def __init__(self) -> None:
        self._bar = None
        self._task = None
        self._pages = 0

    def start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self._bar = Bar(TextColumn("motedata"), BarColumn(), MofNCompleteColumn(), TextColumn("dokumenter"),
                        TextColumn("{task.fields[sider]} sider"), TimeElapsedColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True)
        self._task = self._bar.add_task("run", total=total, sider=0)
        self._bar.start()

    def advance(self, pages: int = 0) -> None:
        if self._bar is not None:
            self._pages += pages
            self._bar.update(self._task, advance=1, sider=self._pages)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def summary_lines(summary: Summary, out_dir: str) -> list[str]:
    """The closing screen: documents, pages, time, rows per table."""
    failed = len(summary.failed_files)
    rate = summary.pages / summary.seconds if summary.seconds > 0 else 0.0
    parts = [f"{summary.read} lest"]
    if summary.skipped:
        parts.append(f"{summary.skipped} hoppet over (finnes alt, samme SHA-256; --force leser dem på nytt)")
    if summary.duplicates:
        parts.append(f"{summary.duplicates} like kopier")
    parts.append(f"{failed} med feil")
    memory = f", topp minne per prosess {summary.peak_rss_mb:.0f} MB" if summary.peak_rss_mb else ""
    runner = {"lokal": f"{summary.workers} prosesser", "dask": "Dask"}.get(summary.runner, summary.runner)
    lines = [
        f"{summary.files} dokumenter: " + ", ".join(parts),
        f"{summary.pages} sider på {summary.seconds:.1f} s ({rate:.1f} sider/s, {runner}{memory}) -> {out_dir}/",
    ]
    if summary.counts:
        width = max(len(name) for name in summary.counts)
        cells = [f"{name.ljust(width)} {n:>8}" for name, n in summary.counts.items()]
        half = (len(cells) + 1) // 2
        lines.append("rader i utdata:")
        for left, right in zip(cells[:half], cells[half:] + [""]):
            lines.append(f"  {left}    {right}".rstrip())
    if not summary.exported:
        lines.append("ingen endringer i utdata")
    return lines


def feil_lines(summary: Summary) -> list[str]:
    """This run's failures, at most a screenful; feil.csv has all of them."""
    lines = [f"feil [{f.steg}] {f.feilmelding}" for f in summary.feil[:MAX_FEIL_LINES]]
    if len(summary.feil) > MAX_FEIL_LINES:
        lines.append(f"... og {len(summary.feil) - MAX_FEIL_LINES} feil til, se feil.csv")
    return lines
