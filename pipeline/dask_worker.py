"""The per-document task on a Dask worker, within the run's time limit.

Dask cannot stop a running task, and its workers are daemonic processes that may not
start worker processes of their own (so not the pebble pool `motedata run` uses on one
machine). So the task reads the document on a thread of its own and waits at most
`timeout` seconds; past that it raises `DocumentTimeout` naming its worker, and the
client has the worker's nanny restart that process, which is what stops the document.

PDFium and pdfminer are not thread-safe: until the restart, the stuck thread still runs
in them. Each worker therefore holds one lock (`DocumentLock`, a worker plugin the
client registers), which a document holds for as long as its thread runs; the next
task on that worker waits for it, and is rescheduled by Dask when the restart comes.
Imported only by `--dask` runs.
"""
from __future__ import annotations

import threading

from distributed import get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from .batch import work


class DocumentTimeout(TimeoutError):
    """A document past its time limit on a Dask worker; that worker must be restarted to stop it."""

    def __init__(self, worker: str, seconds: float):
        super().__init__(worker, seconds)
        self.worker = worker
        self.seconds = seconds


class DocumentLock(WorkerPlugin):
    """One document at a time in each worker process, a stuck one included."""

    name = "motedata-dokumentlaas"

    def setup(self, worker) -> None:
        self.lock = threading.Lock()


def work_on_dask(path: str, fil: str, ocr: str, memory_mb: int | None, timeout: float | None):
    """`batch.work` on this Dask worker, stopped (by the client, see the module) past `timeout` seconds."""
    worker = get_worker()
    lock = worker.plugins[DocumentLock.name].lock
    lock.acquire()  # only ever held this long by a stuck document whose worker is being restarted
    box: dict = {}

    def read() -> None:
        try:
            box["value"] = work(path, fil, ocr, memory_mb)
        except BaseException as exc:  # noqa: BLE001 - handed to the task, which raises it
            box["error"] = exc
        finally:
            lock.release()
            done.set()

    done = threading.Event()
    try:
        threading.Thread(target=read, name="motedata-dokument", daemon=True).start()
    except BaseException:
        lock.release()
        raise
    if not done.wait(timeout):
        raise DocumentTimeout(worker.address, timeout or 0)
    if "error" in box:
        raise box["error"]
    return box["value"]
