"""`motedata bench`: how fast motedata reads meeting papers, against a naive pdfplumber reading.

One run measures, on the same set of born-digital meeting papers:
- the full pipeline on one core (`run --workers 0`: read, structure, extract, write)
  and the naive baseline (pdfplumber `extract_text` + `extract_tables` on every page,
  each page closed after use), both in this process and timed in CPU seconds, so that
  other work on a shared machine does not count against either,
- scaling of `motedata run` from 1 to N worker processes, the runs taken in turns
  (1, 2, 1, 2, ...) so each round sees the same load, beside how a pure CPU loop
  scales on the machine at that moment (its ceiling when the machine is shared),
- peak memory (RSS) of a worker reading one ~300-page document,
- OCR seconds per page on the korpus scans, when OCR is installed.

The set is built from the korpus's born-digital PDFs (copies made distinct by a
trailing comment, so none is skipped as already read) up to `--pages`; or given as
files. Scaling is measured on that set and, when it is shorter, on a batch of
`--scaling-pages` built the same way. Each figure is measured `--repeat` times, the
measures compared taken in turns; the best and the median are printed, since a shared
machine makes single runs noisy.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

LONG_DOCUMENT_PAGES = 300
# A 300-page set takes about 2 s on one worker, of which ~0.1 s is the run's own start and
# end (pool start, final export, workers' exit) that no number of workers shortens; the
# scaling is also measured on a batch long enough for that not to dominate.
SCALING_PAGES = 1000


@dataclass
class Measure:
    pages: int
    seconds: list[float]

    @property
    def best(self) -> float:
        return self.pages / min(self.seconds)

    @property
    def median(self) -> float:
        return self.pages / statistics.median(self.seconds)

    def text(self) -> str:
        if len(self.seconds) == 1:
            return f"{self.best:7.1f} sider/s"
        return f"{self.best:7.1f} sider/s (median {self.median:.1f})"


def default_korpus() -> Path:
    here = Path(__file__).resolve().parent.parent / "korpus"
    return here if here.is_dir() else Path.cwd() / "korpus"


def born_digital(korpus: Path) -> list[Path]:
    return [p for p in sorted(korpus.glob("*.pdf")) if "skannet" not in p.name]


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def build_set(sources: list[Path], pages: int, folder: Path) -> list[Path]:
    """Copies of `sources`, round robin, until they hold at least `pages` pages."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {p: page_count(p) for p in sources}
    out, total, i = [], 0, 0
    while total < pages:
        src = sources[i % len(sources)]
        dst = folder / f"{i:04d}_{src.name}"
        dst.write_bytes(src.read_bytes() + f"\n%motedata bench kopi {i}\n".encode())
        out.append(dst)
        total += counts[src]
        i += 1
    return out


def build_long_document(sources: list[Path], pages: int, path: Path) -> Path:
    """One PDF of at least `pages` pages: the sources one after another, as a bound volume of papers."""
    import pypdfium2 as pdfium

    dst = pdfium.PdfDocument.new()
    try:
        while len(dst) < pages:
            for src in sources:
                pdf = pdfium.PdfDocument(str(src))
                try:
                    dst.import_pages(pdf)
                finally:
                    pdf.close()
                if len(dst) >= pages:
                    break
        dst.save(str(path))
    finally:
        dst.close()
    return path


def naive(paths: list[Path]) -> tuple[int, float]:
    """pdfplumber extract_text + extract_tables on every page; pages closed after use."""
    import pdfplumber

    pages, started = 0, time.perf_counter()
    for path in paths:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.close()
                pages += 1
    return pages, time.perf_counter() - started


def pipeline(paths: list[Path], workers: int, work_dir: Path):
    """`motedata run` over `paths` into a fresh folder; the run's Summary."""
    from .batch import InlineRunner, Limits, LocalRunner, run_batch

    limits = Limits.from_rules(timeout=0)
    runner = InlineRunner() if workers == 0 else LocalRunner(workers, limits)
    out = Path(tempfile.mkdtemp(prefix="ut-", dir=work_dir))
    return run_batch(paths, out, runner, force=True, limits=limits)


def in_turns(measure, keys: list, rounds: int) -> dict:
    """Seconds of `measure(key)` for each key, taken in turns (a, b, a, b, ...).

    On a shared machine the load changes from minute to minute; measures taken in turns see
    the same load, so the median of each round's ratio is not skewed by a busy minute that
    fell on one of them only.
    """
    seconds: dict = {key: [] for key in keys}
    for _ in range(rounds):
        for key in keys:
            seconds[key].append(measure(key))
    return seconds


def ratios(numerator: list[float], denominator: list[float]) -> tuple[float, float]:
    """best / best, and the median of the rounds' own ratios."""
    return (min(numerator) / min(denominator),
            statistics.median(a / b for a, b in zip(numerator, denominator)))


def _repeat(fn, times: int) -> Measure:
    pages, seconds = 0, []
    for _ in range(times):
        pages, s = fn()
        seconds.append(s)
    return Measure(pages, seconds)


def ocr_seconds_per_page(korpus: Path, work_dir: Path) -> str:
    """OCR seconds per page on the korpus scans, with an empty OCR cache; or why it cannot be measured."""
    from .ocr import CACHE_ENV
    from .run import process_document

    scans = sorted(korpus.glob("*skannet*.pdf"))
    if not scans:
        return "ingen skannede korpusfiler å måle på"
    old = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(work_dir / "ocr-cache")
    try:
        pages, started = 0, time.perf_counter()
        for path in scans:
            outcome = process_document(path, ocr="auto")
            if outcome.result is None:
                return "ikke tilgjengelig (" + "; ".join(f.feilmelding for f in outcome.feil)[:160] + ")"
            dok = outcome.result.tables["dokumenter"][0]
            if dok.tekstlag != "ocr":
                hint = "; ".join(f.feilmelding for f in outcome.feil)[:160]
                return f"ikke tilgjengelig ({hint or 'sidene ble ikke OCR-lest'})"
            pages += dok.sider or 0
        return f"{(time.perf_counter() - started) / max(pages, 1):.2f} s per side ({pages} skannede sider, tom mellomlagring)"
    finally:
        if old is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = old


def bench(files: list[Path], pages: int, workers: int, repeat: int, korpus: Path, ocr: bool = True,
          long_pages: int = LONG_DOCUMENT_PAGES, scaling_pages: int = SCALING_PAGES):
    """Yield the report's lines as each figure is measured."""
    with tempfile.TemporaryDirectory(prefix="motedata-bench-") as tmp:
        work_dir = Path(tmp)
        sources = files or born_digital(korpus)
        if not sources:
            raise FileNotFoundError(f"fant ingen PDF-er å måle på (korpus: {korpus})")
        paths = build_set(sources, pages, work_dir / "sett") if not files else list(files)
        n_pages = sum(page_count(p) for p in paths)
        yield (f"motedata bench: {len(paths)} dokumenter, {n_pages} sider "
               f"({'korpus, født digitale' if not files else 'oppgitte filer'}), {os.cpu_count()} kjerner; "
               f"beste av {repeat} målinger (median i parentes)")
        pipeline(paths[:1], 1, work_dir)  # warm up: start the forkserver, load rules
        pipeline(paths[:1], 0, work_dir)

        yield "  per kjerne (CPU-tid i én prosess, så maskinens andre last ikke teller):"
        def cpu_seconds(kind: str) -> float:
            read = (lambda: _pages(pipeline(paths, 0, work_dir))) if kind == "full" else (lambda: naive(paths)[0])
            return _cpu(read)[1]

        cpu = in_turns(cpu_seconds, ["full", "naive"], repeat)
        yield f"    full pipeline (lese, strukturere, trekke ut, skrive):  {Measure(n_pages, cpu['full']).text()}"
        yield f"    naiv pdfplumber (extract_text + extract_tables):       {Measure(n_pages, cpu['naive']).text()}"
        best, median = ratios(cpu["naive"], cpu["full"])
        yield f"    forhold (målt etter tur):                              {best:7.1f}x (median {median:.1f}x)"

        yield ("  `motedata run`, veggklokke, etter antall arbeidsprosesser (skriving i hovedprosessen; "
               "rundene tatt etter tur, 1, 2, 1, 2, ...):")
        batches = [paths]
        if not files and scaling_pages > n_pages:
            batches.append(build_set(sources, scaling_pages, work_dir / "skalering"))
        counts = list(range(1, max(1, workers) + 1))
        peak = 0.0
        for batch in batches:
            if len(batches) > 1:
                yield f"    {len(batch)} dokumenter, {sum(page_count(p) for p in batch)} sider:"
            pipeline(batch[:1], max(counts), work_dir)  # this set's files in the page cache
            runs: list = []
            seconds = in_turns(lambda n: _keep(runs, pipeline(batch, n, work_dir)).seconds, counts, repeat)
            peak = max([peak] + [s.peak_rss_mb for s in runs])
            for n in counts:
                best, median = ratios(seconds[1], seconds[n])
                yield (f"      {n} {'prosess ' if n == 1 else 'prosesser'}: {Measure(runs[0].pages, seconds[n]).text()}, "
                       f"{best:.2f}x av 1 prosess (median {median:.2f}x)")
        yield f"  topp minne (RSS) per arbeidsprosess over settene: {peak:.0f} MB"
        if workers > 1:
            yield (f"  til sammenlikning, en ren CPU-løkke på denne maskinen nå: {machine_scaling(workers):.2f}x "
                   f"fra 1 til {workers} prosesser (taket for skaleringen over når maskinen er delt)")
            ceiling = _repeat(lambda: (1, workload_scaling(batches[-1], workers)), repeat)
            yield (f"  og det samme lesearbeidet uten skriver og kø (hver prosess sin halvdel av filene, "
                   f"{len(batches[-1])} dokumenter): median {statistics.median(ceiling.seconds):.2f}x "
                   f"(runder {min(ceiling.seconds):.2f}–{max(ceiling.seconds):.2f}x) fra 1 til {workers} prosesser")

        long_doc = build_long_document(sources, long_pages, work_dir / "langt_dokument.pdf")
        summary = pipeline([long_doc], 1, work_dir)
        yield (f"  topp minne (RSS) for én arbeidsprosess som leser et dokument på {page_count(long_doc)} sider: "
               f"{summary.peak_rss_mb:.0f} MB ({summary.seconds:.1f} s)")
        if ocr:
            yield f"  OCR: {ocr_seconds_per_page(korpus, work_dir)}"


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_scaling(workers: int, rounds: int = 3) -> float:
    """How a pure Python CPU loop scales from 1 to `workers` processes here and now (best of `rounds`)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    seconds = {}
    for n in (1, workers):
        with ProcessPoolExecutor(n, mp_context=context) as pool:
            list(pool.map(_burn, [1000] * n))  # start the workers
            best = float("inf")
            for _ in range(rounds):
                started = time.perf_counter()
                list(pool.map(_burn, [2_000_000] * (2 * workers)))
                best = min(best, time.perf_counter() - started)
            seconds[n] = best
    return seconds[1] / seconds[workers]


def _read_share(paths: list[str]) -> float:
    from .run import process_document

    started = time.perf_counter()
    for path in paths:
        process_document(Path(path), ocr="never")
    return time.perf_counter() - started


def workload_scaling(paths: list[Path], workers: int) -> float:
    """How the reading itself scales here and now: the files split between `workers` plain
    processes (largest first, dealt out in turn), no writer, no queue; wall time 1 / N."""
    import multiprocessing

    from .batch import largest_first

    ordered = [str(p) for p in largest_first(list(paths))]
    context = multiprocessing.get_context("forkserver")
    seconds = {}
    for n in (1, workers):
        with context.Pool(n) as pool:
            pool.map(_read_share, [ordered[:1]] * n)  # start the workers, load the model and rules
            started = time.perf_counter()
            pool.map(_read_share, [ordered[i::n] for i in range(n)], chunksize=1)
            seconds[n] = time.perf_counter() - started
    return seconds[1] / seconds[workers]


def _pages(summary) -> int:
    return summary.pages


def _cpu(fn) -> tuple[int, float]:
    """Pages and the CPU seconds this process spent on them."""
    started = time.process_time()
    pages = fn()
    return pages, time.process_time() - started


def _keep(runs: list, summary):
    runs.append(summary)
    return summary
