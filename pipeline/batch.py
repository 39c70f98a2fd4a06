"""A batch run: which files to read, reading them in parallel within limits, writing as results arrive.

`run_batch` hashes each input, skips documents the output already holds (same SHA-256,
read without failure; `force` reads them again), hands the rest to a runner, and writes
results in batches through one `Store` in this process, so the database is written by
one writer and a killed run keeps every committed batch.

Runners yield results as they complete:
- `LocalRunner`: worker processes on this machine (pebble's ProcessPool). PDFium and
  pdfminer are not thread-safe, so documents run in processes, one task per document.
  pebble, unlike concurrent.futures, stops and replaces a worker whose task passes its
  time limit and reports a worker that died (killed by the kernel, a crash in a C
  library) as that task's failure instead of breaking the pool. Workers start from a
  forkserver with motedata already imported; each worker gets the run's environment,
  working folder and an address-space limit (RLIMIT_AS). `--workers 1` is one such
  worker: the limits hold there too.
- `InlineRunner`: this process, no limits (`--workers 0`), for debuggers and tests.
- `DaskRunner`: the same per-document function on a Dask distributed cluster (or a
  LocalCluster), for archives larger than one machine.
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .read import dokument_id_for, file_sha256
from .records import Feil
from .rules import load_rules
from .run import Outcome, now, process_document
from .write import Store, for_writer

LIMIT_STEP = "grense"
# pebble's manager threads check the pool every CONSTS.sleep_unit seconds (0.1 by default), and
# closing the pool waits for that check: 0.05-0.1 s after every run's last document, 5-8 % of
# a 300-page run on two workers. Checking that often all run long costs the writer process
# ~2 % of a core, which on a full machine comes out of the workers; so the pool checks at
# pebble's pace while documents remain and this fast once the last one is handed out.
POOL_POLL_END_SECONDS = 0.01
# A remembered file hash is trusted only for a file whose times were this much older than
# the hashing (`Store.known_sha256`): 2 s covers the coarsest file-system clocks (FAT).
HASH_TRUST_MARGIN_NS = 2_000_000_000
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class Limits:
    """Per-document limits; None is no limit."""

    timeout: float | None = None  # seconds
    memory_mb: int | None = None  # address space a worker may add while reading one document
    batch_documents: int = 50
    batch_seconds: float = 15.0
    queue_per_worker: int = 4

    @classmethod
    def from_rules(cls, timeout: float | None = None, memory_mb: int | None = None) -> "Limits":
        """regler/grenser.yaml, with the command line's values where given (0 turns a limit off)."""
        rules = load_rules("grenser")
        timeout = float(rules.get("tidsgrense_sekunder", 900)) if timeout is None else timeout
        memory_mb = int(rules.get("minnegrense_mb", 3072)) if memory_mb is None else memory_mb
        return cls(timeout=timeout or None, memory_mb=memory_mb or None,
                   batch_documents=int(rules.get("batch_dokumenter", 50)),
                   batch_seconds=float(rules.get("batch_sekunder", 15)),
                   queue_per_worker=int(rules.get("koe_per_prosess", 4)))


@dataclass(frozen=True)
class Task:
    path: str  # absolute, so a worker finds it whatever its working folder
    fil: str  # as the user gave it
    sha256: str

    @property
    def dokument_id(self) -> str:
        return dokument_id_for(self.sha256)


@dataclass
class Done:
    task: Task
    outcome: Outcome
    peak_rss_mb: float | None = None  # the worker process's peak resident memory so far


# --- in the worker -------------------------------------------------------------------------

def work(path: str, fil: str, ocr: str = "auto", memory_mb: int | None = None) -> tuple[Outcome, float]:
    """One document, in a worker process: the outcome and the worker's peak RSS in MB."""
    try:
        outcome = process_document(Path(path), fil=fil, ocr=ocr)
        if outcome.result is not None:
            outcome = replace(outcome, result=for_writer(outcome.result))
    except MemoryError:
        outcome = Outcome(None, [memory_feil(fil, dokument_id_for(file_sha256(Path(path))), memory_mb)])
    return outcome, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm_up() -> None:
    """Load what every document needs once per process (the topic model); a missing model is
    reported per document by the classify step, as before.

    The loaded objects are then frozen out of the cyclic garbage collector: they live for
    the whole process, and every full collection would otherwise walk the model's
    ~100,000 objects again and, in workers forked from the forkserver, write to (and so
    copy) the memory pages they share with it.
    """
    try:
        from .classify.tema import load_model

        load_model()
    except Exception:  # noqa: BLE001 - the run reports it on each document
        pass
    gc.freeze()


def _start_worker(env: dict, cwd: str, memory_mb: int | None) -> None:
    """A new worker takes the run's environment and folder (the forkserver has its own) and its memory limit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    # The topic model: at once when the forkserver preloaded it; otherwise its 1-2 s of spaCy
    # import here, outside every document's time limit (and before the memory limit).
    warm_up()
    if memory_mb:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = _address_space() + memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """Bytes of address space this process holds now (Linux: VmSize)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# --- failures the runner records -----------------------------------------------------------

def _limit_feil(fil: str, dokument_id: str, message: str) -> Feil:
    return Feil(fil=fil, dokument_id=dokument_id, steg=LIMIT_STEP, feilmelding=message, tidspunkt=now())


def timeout_feil(fil: str, dokument_id: str, seconds: float) -> Feil:
    return _limit_feil(fil, dokument_id,
                       f"{fil}: lesingen tok mer enn {seconds:g} sekunder og ble stoppet (tidsgrense). Filen kan være "
                       "svært stor eller skadet: del den opp eller skriv den ut til PDF på nytt, eller øk grensen med "
                       "--timeout eller i regler/grenser.yaml. Resten av kjøringen er skrevet.")


def memory_feil(fil: str, dokument_id: str, memory_mb: int | None) -> Feil:
    limit = f"grensen på {memory_mb} MB" if memory_mb else "det maskinen har"
    return _limit_feil(fil, dokument_id,
                       f"{fil}: lesingen brukte mer minne enn {limit} og ble stoppet. Del filen opp, eller øk grensen "
                       "med --memory eller i regler/grenser.yaml. Resten av kjøringen er skrevet.")


def crash_feil(fil: str, dokument_id: str, reason: str, memory_mb: int | None) -> Feil:
    hint = f" (minnegrensen er {memory_mb} MB; øk den med --memory om filen er stor)" if memory_mb else ""
    return _limit_feil(fil, dokument_id,
                       f"{fil}: prosessen som leste filen stoppet uventet ({reason}){hint}. Filen kan være skadet: "
                       "skriv den ut til PDF på nytt og kjør motedata igjen. Resten av kjøringen er skrevet.")


def _failure_outcome(task: Task, exc: BaseException, limits: Limits) -> Outcome:
    """A task that did not return: past its time limit, out of memory, its worker gone, or a bug."""
    from pebble import ProcessExpired

    if isinstance(exc, TimeoutError):
        return Outcome(None, [timeout_feil(task.fil, task.dokument_id, limits.timeout or 0)])
    if isinstance(exc, MemoryError):
        return Outcome(None, [memory_feil(task.fil, task.dokument_id, limits.memory_mb)])
    if isinstance(exc, ProcessExpired):
        code = exc.exitcode
        reason = f"signal {-code}" if code is not None and code < 0 else f"kode {code}"
        return Outcome(None, [crash_feil(task.fil, task.dokument_id, reason, limits.memory_mb)])
    message = (f"{task.fil}: lesingen feilet ({type(exc).__name__}: {exc}). Meld feilen med filen vedlagt; "
               "resten av kjøringen er skrevet.")
    return Outcome(None, [Feil(task.fil, task.dokument_id, "les", message, now())])


# --- runners -------------------------------------------------------------------------------

def _peek(tasks: Iterable[Task]) -> Iterator[Task] | None:
    """The tasks, or None when there are none (then no workers are started)."""
    it = iter(tasks)
    first = next(it, None)
    return None if first is None else itertools.chain([first], it)


class InlineRunner:
    """Every document in this process, one after the other, without limits (`--workers 0`).

    For debuggers, profilers and tests that patch the pipeline; a hanging file hangs the run.
    """

    workers = 0

    def __init__(self, ocr: str = "auto"):
        self.ocr = ocr

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        for task in tasks:
            outcome, rss = work(task.path, task.fil, self.ocr)
            yield Done(task, outcome, rss)


class LocalRunner:
    """Worker processes on this machine, each task within the time limit, each worker within the memory limit."""

    def __init__(self, workers: int, limits: Limits, ocr: str = "auto"):
        self.workers = max(1, workers)
        self.limits = limits
        self.ocr = ocr
        self._idle: list = []  # threads joining closed pools (their workers exiting)
        self._poll: float | None = None  # pebble's pace, while it is set to the fast one

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        from pebble import ProcessPool

        it = _peek(tasks)
        if it is None:
            return
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipeline.worker_preload"])
        for var in _ONE_THREAD:  # one worker per core: numerical libraries must not start their own threads
            os.environ.setdefault(var, "1")
        pool = ProcessPool(max_workers=self.workers, initializer=_start_worker,
                           initargs=(dict(os.environ), os.getcwd(), self.limits.memory_mb), context=context)
        window = self.workers * max(1, self.limits.queue_per_worker)
        pending: dict = {}
        try:
            exhausted = False
            while True:
                while not exhausted and len(pending) < window:
                    task = next(it, None)
                    if task is None:
                        exhausted = True
                        self._poll_fast()
                        break
                    future = pool.schedule(work, args=(task.path, task.fil, self.ocr, self.limits.memory_mb),
                                           timeout=self.limits.timeout)
                    pending[future] = task
                if not pending:
                    break
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for future in done:
                    task = pending.pop(future)
                    try:
                        outcome, rss = future.result()
                        yield Done(task, outcome, rss)
                    except Exception as exc:  # noqa: BLE001 - every failure becomes a feil row
                        yield Done(task, _failure_outcome(task, exc, self.limits))
            pool.close()
            # Every result is in: the pool is joined (its workers stopped and reaped) on a
            # thread, while the writer commits, links and exports; `finish` waits for it.
            joiner = threading.Thread(target=pool.join, name="motedata-pool-join", daemon=True)
            joiner.start()
            self._idle.append(joiner)
        finally:
            if pending or sys.exc_info()[0] is not None:
                pool.stop()  # stopped early (Ctrl-C, the consumer gave up): workers are killed
                pool.join()

    def _poll_fast(self) -> None:
        """pebble's own tunable (pebble.CONSTS), set back by `finish` once the pools are joined."""
        import pebble

        if self._poll is None:
            self._poll = pebble.CONSTS.sleep_unit
            pebble.CONSTS.sleep_unit = min(self._poll, POOL_POLL_END_SECONDS)

    def finish(self) -> None:
        """Wait for the workers of finished runs to exit (the batch runner calls this after its export)."""
        import pebble

        while self._idle:
            self._idle.pop().join()  # the thread joining a closed pool
        if self._poll is not None:
            pebble.CONSTS.sleep_unit, self._poll = self._poll, None


class DaskRunner:
    """The same per-document function on Dask distributed: `address` of a scheduler, or "local".

    Workers must see the input files at the same absolute paths (a shared file system).
    Memory is bounded by the Dask workers' own memory limit (the nanny restarts a worker
    that passes it). A document past the time limit is recorded as failed and its worker
    restarted through its nanny, which stops it (pipeline/dask_worker.py); a worker
    started without a nanny cannot be restarted and stays busy until the document ends.
    """

    def __init__(self, address: str, workers: int, limits: Limits, ocr: str = "auto"):
        self.address = address
        self.workers = max(1, workers)
        self.limits = limits
        self.ocr = ocr

    def _client(self):
        from dask.distributed import Client, LocalCluster

        if self.address == "local":
            memory = f"{self.limits.memory_mb + 512}MB" if self.limits.memory_mb else "auto"
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   memory_limit=memory, dashboard_address=None)
            return Client(cluster), cluster
        return Client(self.address), None

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        from dask.distributed import as_completed

        from .dask_worker import DocumentLock, DocumentTimeout, work_on_dask

        it = _peek(tasks)
        if it is None:
            return
        client, cluster = self._client()
        try:
            client.register_plugin(DocumentLock(), name=DocumentLock.name)
            window = max(self.workers, len(client.scheduler_info().get("workers", {})) or 1)
            window *= max(1, self.limits.queue_per_worker)
            pending: dict = {}
            queue = as_completed()

            def submit() -> bool:
                task = next(it, None)
                if task is None:
                    return False
                future = client.submit(work_on_dask, task.path, task.fil, self.ocr, self.limits.memory_mb,
                                       self.limits.timeout, pure=False)
                pending[future.key] = (task, future)
                queue.add(future)
                return True

            while len(pending) < window and submit():
                pass
            for future in queue:
                task, _ = pending.pop(future.key)
                try:
                    outcome, rss = future.result()
                    yield Done(task, outcome, rss)
                except Exception as exc:  # noqa: BLE001
                    if isinstance(exc, DocumentTimeout):
                        # Only a new process stops the document (a worker without a nanny cannot be restarted).
                        client.restart_workers([exc.worker], raise_for_error=False)
                    yield Done(task, _failure_outcome(task, exc, self.limits))
                while len(pending) < window and submit():
                    pass
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


# --- the run -------------------------------------------------------------------------------

@dataclass
class Summary:
    """What a run did, for the closing screen and the exit code."""

    files: int = 0
    read: int = 0
    skipped: int = 0  # already in the output with the same SHA-256
    duplicates: int = 0  # the same content given twice in this run
    pages: int = 0
    seconds: float = 0.0
    workers: int = 1
    runner: str = "lokal"  # lokal | i prosessen | dask
    feil: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    exported: bool = False

    @property
    def failed_files(self) -> set[str]:
        return {f.fil for f in self.feil}


class Progress:
    """What the run reports as it goes; the command line shows it as a progress bar."""

    def start(self, total: int) -> None: ...

    def advance(self, pages: int = 0) -> None: ...

    def stop(self) -> None: ...


def largest_first(files: list[Path]) -> list[Path]:
    """The files by size, largest first (a stable sort; files that cannot be stat'ed keep their turn at the end).

    With several workers the run ends when the last document is read: a 300-page paper
    handed out last keeps one worker busy while the others idle. Starting the largest
    first (longest-processing-time scheduling) leaves only small documents for the end.
    """
    def size(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return -1
    return sorted(files, key=size, reverse=True)


def file_hash(path: Path, sti: str, store: Store, force: bool, hashes: list[tuple]) -> str:
    """The file's SHA-256: from the store's memo when the file is untouched since it was hashed
    (not under `force`), else read and hashed, and the hash added to `hashes` to remember.
    `sti` is the resolved path the memo knows the file by.

    The file is stat'ed before it is read, so a file written while it is hashed has
    other times than those remembered and is hashed again next run.
    """
    hashed_at = time.time_ns()
    st = path.stat()
    sha = None if force else store.known_sha256(sti, st, HASH_TRUST_MARGIN_NS)
    if sha is None:
        sha = file_sha256(path)
        hashes.append((sti, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, sha, hashed_at))
    return sha


def plan(files: list[Path], store: Store, force: bool, summary: Summary, report: Callable[[Feil], None],
         progress: Progress, hashes: list[tuple] | None = None) -> Iterator[Task]:
    """Tasks for the files not yet in the output, hashed one by one as the workers ask for more;
    new hashes are added to `hashes` for the writer to remember."""
    seen: set[str] = set()
    hashes = [] if hashes is None else hashes
    for path in files:
        fil, sti = str(path), str(path.resolve())
        try:
            sha = file_hash(path, sti, store, force, hashes)
        except OSError as exc:
            report(Feil(fil, "", "les", f"{fil}: filen kan ikke åpnes ({exc.strerror or exc}). "
                                        "Sjekk at den finnes og kan leses, og kjør igjen.", now()))
            progress.advance()
            continue
        if sha in seen:
            summary.duplicates += 1
            progress.advance()
            continue
        seen.add(sha)
        if not force and store.is_known(sha):
            summary.skipped += 1
            progress.advance()
            continue
        yield Task(sti, fil, sha)


def run_batch(files: list[Path], out_dir: Path, runner, *, force: bool = False, limits: Limits | None = None,
              progress: Progress | None = None, after_export: Callable[[Store], None] | None = None) -> Summary:
    """Read `files` into `out_dir`: skip known documents, commit in batches, export CSVs at the end."""
    limits = limits or Limits.from_rules()
    progress = progress or Progress()
    started = time.monotonic()
    summary = Summary(files=len(files), workers=getattr(runner, "workers", 1),
                      runner="dask" if isinstance(runner, DaskRunner) else (
                          "i prosessen" if isinstance(runner, InlineRunner) else "lokal"))
    try:
        with Store(Path(out_dir)) as store:
            export_pending = store.export_pending
            results: list = []
            feil: list = []  # this batch's feil rows (planning failures land here too)
            hashes: list = []  # files hashed since the last commit, for the store's memo
            in_batch, wrote, last_commit = 0, False, time.monotonic()

            def commit() -> None:
                nonlocal results, feil, in_batch, wrote, last_commit
                if results or feil:
                    wrote = True
                store.write_batch(results, feil, json_written=True, hashes=list(hashes))
                hashes.clear()
                results, feil, in_batch, last_commit = [], [], 0, time.monotonic()

            def report(f: Feil) -> None:
                feil.append(f)
                summary.feil.append(f)

            progress.start(len(files))
            try:
                for done in runner.run(plan(largest_first(files), store, force, summary, report, progress, hashes)):
                    outcome = done.outcome
                    pages = 0
                    if outcome.result is not None:
                        results.append(store.write_json(outcome.result))
                        summary.read += 1
                        pages = outcome.result.tables["dokumenter"][0].sider or 0
                        summary.pages += pages
                    for f in outcome.feil:
                        report(f)
                    if done.peak_rss_mb:
                        summary.peak_rss_mb = max(summary.peak_rss_mb, done.peak_rss_mb)
                    in_batch += 1
                    progress.advance(pages)
                    if in_batch >= limits.batch_documents or time.monotonic() - last_commit >= limits.batch_seconds:
                        commit()
                commit()
            except BaseException:
                commit()  # what is already read is kept (Ctrl-C, a writer error after some batches)
                raise
            finally:
                progress.stop()
            if wrote or export_pending:
                # After a stopped run the store may hold batches nothing was derived from: all of it.
                store.export_csv(store.derive(None if export_pending else store.touched))
                summary.exported = True
            if after_export is not None:
                after_export(store)  # it finds what it has not exported yet, from this run or an earlier one
            summary.counts = store.counts()
    finally:
        finish = getattr(runner, "finish", None)
        if finish is not None:
            finish()
    summary.seconds = time.monotonic() - started  # the workers' exit included: the command waits for it
    return summary
