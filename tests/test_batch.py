"""The batch run: skip by SHA-256, --force, limits per document, the single writer, Parquet."""
from __future__ import annotations

import csv
import sqlite3
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch import InlineRunner, Limits, LocalRunner, Task, _failure_outcome, largest_first, run_batch
from pipeline.cli import main
from pipeline.records import TABLES, columns
from pipeline.write import Store, StoreError
from tests.conftest import KORPUS

INNKALLING = KORPUS / "dyroy_adm_2017-06-12_innkalling.pdf"
PROTOKOLL = KORPUS / "dyroy_adm_2017-06-12_protokoll.pdf"
SAKSPAPIRER = KORPUS / "dyroy_adm_2017-06-12_sakspapirer.pdf"  # 61 pages


def run(*args):
    return CliRunner().invoke(main, ["run", *map(str, args)], catch_exceptions=False)


def rows(out: Path, table: str) -> list[dict]:
    with open(out / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def copy(src: Path, dst: Path, tag: str = "") -> Path:
    """A copy of a PDF; a tag after %%EOF makes it a different file (another SHA-256)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(src.read_bytes() + (f"\n%{tag}\n".encode() if tag else b""))
    return dst


def slow_pdf(path: Path, paths: int = 400_000) -> Path:
    """A one-page PDF drawing hundreds of thousands of short lines: seconds of work to read."""
    ops = b"".join(b"%d %d m %d %d l S\n" % (i % 500, (i // 500) % 800, i % 500 + 1, (i // 500) % 800)
                   for i in range(paths))
    stream = zlib.compress(ops)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


# --- incremental runs ----------------------------------------------------------------------

def test_known_documents_are_skipped_and_force_reads_them_again(tmp_path):
    out = tmp_path / "ut"
    files = [copy(INNKALLING, tmp_path / "a.pdf"), copy(PROTOKOLL, tmp_path / "b.pdf")]
    limits = Limits.from_rules()
    runner = LocalRunner(1, limits)
    first = run_batch(files, out, runner, limits=limits)
    assert runner._idle == []  # the finished pool's workers were waited for before run_batch returned
    assert (first.read, first.skipped) == (2, 0)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix == ".csv"}

    again = run_batch(files, out, LocalRunner(1, limits), limits=limits)
    assert (again.read, again.skipped, again.exported) == (0, 2, False)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.suffix == ".csv"} == before

    forced = run_batch(files, out, LocalRunner(1, limits), force=True, limits=limits)
    assert (forced.read, forced.skipped) == (2, 0)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.suffix == ".csv"} == before  # replaced, not added

    copy(SAKSPAPIRER, files[0])  # the same path now holds another document: it is new
    changed = run_batch(files, out, LocalRunner(1, limits), limits=limits)
    assert (changed.read, changed.skipped) == (1, 1)
    assert len(rows(out, "dokumenter")) == 3  # the earlier content of a.pdf keeps its rows


def test_a_later_run_derives_again_only_the_kommuner_it_touched(tmp_path):
    """Linking, the search index and `kostnader_aar` are computed again for the kommuner a run
    wrote to, and come out as a full computation would make them; other kommuner keep their rows."""
    import shutil

    out = tmp_path / "ut"
    first = [KORPUS / n for n in ("levanger_kst_2024-06-19_protokoll.pdf", "kommune_okonomiplan_2025_2028.pdf",
                                  "ulvik_hst_2024-03-14_protokoll.pdf", "kragero_stab_og_stotte_2018.pdf")]
    run_batch(first, out, InlineRunner())

    def derived(db: Path) -> dict:
        con = sqlite3.connect(db)
        got = {
            "sok": sorted(con.execute("SELECT s.*, f.stammer FROM sok s JOIN sok_fts f ON f.rowid = s.rowid")),
            "sok_rowids": dict(con.execute("SELECT kilde || sak_id || vedtak_id, rowid FROM sok")),
            "kostnader_aar": sorted(con.execute("SELECT * FROM kostnader_aar"), key=repr),
            "oppfolging": sorted(con.execute("SELECT rowid, status, status_dokument_id FROM oppfolging")),
            "kommuner": dict(con.execute("SELECT kilde || sak_id || vedtak_id, kommune FROM sok")),
        }
        con.close()
        return got

    before = derived(out / "motedata.sqlite")
    later = KORPUS / "levanger_kst_2024-12-12_vedtaksoppfolging.pdf"  # reports on the June tasks
    summary = run_batch([later], out, InlineRunner())
    assert summary.read == 1
    after = derived(out / "motedata.sqlite")

    full = tmp_path / "full.sqlite"
    shutil.copy(out / "motedata.sqlite", full)
    con = sqlite3.connect(full, isolation_level=None)
    con.execute("UPDATE oppfolging SET status = 'ny', status_dokument_id = ''")
    con.close()
    (tmp_path / "full").mkdir()
    shutil.move(full, tmp_path / "full" / "motedata.sqlite")
    with Store(tmp_path / "full") as store:
        store.derive()  # everything, from scratch
    reference = derived(tmp_path / "full" / "motedata.sqlite")

    strip = lambda rows: sorted(r[1:] for r in rows)  # noqa: E731 - rowids differ, contents must not
    assert strip(after["sok"]) == strip(reference["sok"])
    assert after["kostnader_aar"] == reference["kostnader_aar"]
    assert after["oppfolging"] == reference["oppfolging"]
    assert {s for _, s, _ in after["oppfolging"]} > {"ny"}  # the later report did change statuses
    assert after["oppfolging"] != before["oppfolging"]
    for key, kommune in after["kommuner"].items():  # Ulvik's and Kragerø's rows were left as they were
        if kommune != "Levanger":
            assert after["sok_rowids"][key] == before["sok_rowids"][key]
    assert any(after["sok_rowids"][k] != before["sok_rowids"].get(k)
               for k, kommune in after["kommuner"].items() if kommune == "Levanger")


def test_untouched_files_are_not_read_again_to_be_hashed(tmp_path, monkeypatch):
    import os

    import pipeline.batch as batch

    out = tmp_path / "ut"
    files = [copy(INNKALLING, tmp_path / "a.pdf", "a"), copy(PROTOKOLL, tmp_path / "b.pdf", "b")]
    hashed: list[str] = []
    real_sha256 = batch.file_sha256
    monkeypatch.setattr(batch, "file_sha256", lambda p: hashed.append(Path(p).name) or real_sha256(p))

    first = run_batch(files, out, InlineRunner())
    assert (first.read, sorted(hashed)) == (2, ["a.pdf", "b.pdf"])
    hashed.clear()
    again = run_batch(files, out, InlineRunner())
    # Written just before they were hashed: on a coarse file-system clock a later write could
    # keep every time, so those hashes are not trusted and the files are hashed once more.
    assert (again.read, again.skipped, sorted(hashed)) == (0, 2, ["a.pdf", "b.pdf"])

    monkeypatch.setattr(batch, "HASH_TRUST_MARGIN_NS", 0)  # this file system's clock is fine-grained
    hashed.clear()
    again = run_batch(files, out, InlineRunner())
    assert (again.read, again.skipped, hashed) == (0, 2, [])  # known by path, size and times: not opened

    # The same number of bytes, other content, and the modification time set back: the
    # status-change time still differs, so the file is hashed and read again.
    st = files[0].stat()
    data = bytearray(files[0].read_bytes())
    data[-2:-1] = b"x"
    files[0].write_bytes(bytes(data))
    os.utime(files[0], ns=(st.st_atime_ns, st.st_mtime_ns))
    assert files[0].stat().st_size == st.st_size and files[0].stat().st_mtime_ns == st.st_mtime_ns
    changed = run_batch(files, out, InlineRunner())
    assert (changed.read, changed.skipped, hashed) == (1, 1, ["a.pdf"])

    hashed.clear()
    forced = run_batch(files, out, InlineRunner(), force=True)
    assert (forced.read, sorted(hashed)) == (2, ["a.pdf", "b.pdf"])  # --force trusts no memo


def test_a_damaged_hash_memo_is_started_again(tmp_path):
    from pipeline.write import MEMO_NAME

    out = tmp_path / "ut"
    files = [copy(INNKALLING, tmp_path / "a.pdf", "a")]
    assert run_batch(files, out, InlineRunner()).read == 1
    (out / MEMO_NAME).write_bytes(b"not a database" * 100)
    again = run_batch(files, out, InlineRunner())
    assert (again.read, again.skipped) == (0, 1)  # known by its hash in motedata.sqlite, as before
    con = sqlite3.connect(out / MEMO_NAME)
    assert con.execute("SELECT count(*) FROM filhasher").fetchone()[0] == 1
    con.close()


def test_cli_reports_skipped_documents(tmp_path):
    out = tmp_path / "ut"
    assert run(INNKALLING, "--out", out, "--workers", 1).exit_code == 0
    result = run(INNKALLING, "--out", out, "--workers", 1)
    assert result.exit_code == 0
    assert "1 hoppet over" in result.output and "ingen endringer i utdata" in result.output


def test_failed_document_is_read_again_and_same_content_once(tmp_path, bad_inputs):
    out = tmp_path / "ut"
    scanned = bad_inputs["scanned"]
    files = [scanned, copy(INNKALLING, tmp_path / "x.pdf"), copy(INNKALLING, tmp_path / "y.pdf")]
    limits = Limits.from_rules()
    first = run_batch(files, out, InlineRunner(ocr="never"), limits=limits)
    assert (first.read, first.duplicates) == (2, 1)  # y.pdf is x.pdf's content: read once
    assert [f.fil for f in first.feil] == [str(scanned)]
    second = run_batch(files, out, InlineRunner(ocr="never"), limits=limits)
    assert (second.read, second.skipped) == (1, 1)  # the scan had a feil row: tried again
    assert len(rows(out, "feil")) == 1 and len(rows(out, "dokumenter")) == 2


class RecordingRunner(InlineRunner):
    """Reads in this process and remembers the order the tasks were handed out."""

    def __init__(self):
        super().__init__(ocr="never")
        self.order: list[str] = []

    def run(self, tasks):
        for done in super().run(tasks):
            self.order.append(Path(done.task.fil).name)
            yield done


def test_largest_documents_are_handed_out_first_and_the_rows_do_not_depend_on_it(tmp_path):
    small, big = copy(INNKALLING, tmp_path / "a_liten.pdf"), copy(SAKSPAPIRER, tmp_path / "b_stor.pdf")
    mid = copy(PROTOKOLL, tmp_path / "c_middels.pdf")
    gone = tmp_path / "d_borte.pdf"
    assert largest_first([small, gone, big, mid]) == [big, mid, small, gone]  # a missing file keeps its turn last
    runner = RecordingRunner()
    summary = run_batch([small, mid, big], tmp_path / "ut", runner, limits=Limits.from_rules())
    assert runner.order == ["b_stor.pdf", "c_middels.pdf", "a_liten.pdf"] and summary.read == 3
    other = run_batch([big, mid, small], tmp_path / "ut2", InlineRunner(ocr="never"), limits=Limits.from_rules())
    assert other.read == 3
    for table in ("saker", "vedtak", "dokumenter"):
        strip = lambda rs: [{k: v for k, v in r.items() if k not in ("fil", "lest")} for r in rs]
        assert strip(rows(tmp_path / "ut", table)) == strip(rows(tmp_path / "ut2", table))


# --- limits --------------------------------------------------------------------------------

def test_timeout_stops_a_document_and_the_batch_goes_on(tmp_path):
    slow = slow_pdf(tmp_path / "treg.pdf")
    good = copy(INNKALLING, tmp_path / "god.pdf")
    out = tmp_path / "ut"
    result = run(slow, good, "--out", out, "--workers", 1, "--timeout", 1)
    assert result.exit_code == 1
    feil = rows(out, "feil")
    assert [(f["fil"], f["steg"]) for f in feil] == [(str(slow), "grense")]
    assert "tidsgrense" in feil[0]["feilmelding"] and "--timeout" in feil[0]["feilmelding"]
    assert [d["fil"] for d in rows(out, "dokumenter")] == [str(good)]
    assert len(rows(out, "saker")) == 11


def test_memory_limit_stops_a_document(tmp_path):
    out = tmp_path / "ut"
    result = run(SAKSPAPIRER, "--out", out, "--workers", 1, "--memory", 1)
    assert result.exit_code == 1
    feil = rows(out, "feil")
    assert [(f["fil"], f["steg"]) for f in feil] == [(str(SAKSPAPIRER), "grense")]
    assert "minne" in feil[0]["feilmelding"] and "1 MB" in feil[0]["feilmelding"]
    con = sqlite3.connect(out / "motedata.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_failures_of_a_task_become_feil_rows():
    from pebble import ProcessExpired

    task = Task("/x/a.pdf", "a.pdf", "ab" * 32)
    limits = Limits(timeout=5, memory_mb=100)
    cases = [(TimeoutError(), "grense", "5 sekunder"), (MemoryError(), "grense", "100 MB"),
             (ProcessExpired("død", code=-9), "grense", "signal 9"), (ValueError("rart"), "les", "rart")]
    for exc, steg, words in cases:
        (feil,) = _failure_outcome(task, exc, limits).feil
        assert (feil.fil, feil.dokument_id, feil.steg) == ("a.pdf", "ab" * 8, steg)
        assert words in feil.feilmelding


def test_limits_come_from_regler_and_the_command_line():
    assert Limits.from_rules().timeout == 900 and Limits.from_rules().memory_mb == 3072
    assert Limits.from_rules(timeout=0, memory_mb=0) == Limits(timeout=None, memory_mb=None, batch_documents=50,
                                                              batch_seconds=15.0, queue_per_worker=4)


# --- the writer ----------------------------------------------------------------------------

def test_one_writer_per_output_folder(tmp_path):
    out = tmp_path / "ut"
    with Store(out):
        with pytest.raises(StoreError, match="en annen motedata-kjøring"):
            Store(out)
        result = run(INNKALLING, "--out", out, "--workers", 1)
        assert result.exit_code == 2 and "en annen motedata-kjøring" in result.output
    assert run(INNKALLING, "--out", out, "--workers", 1).exit_code == 0  # released when the first closed


def test_old_database_with_fewer_columns_is_brought_up_to_date(tmp_path):
    out = tmp_path / "ut"
    assert run(INNKALLING, "--out", out, "--workers", 0).exit_code == 0
    con = sqlite3.connect(out / "motedata.sqlite")
    for (view,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
        con.execute(f'DROP VIEW "{view}"')
    con.execute('ALTER TABLE "saker" DROP COLUMN "tema"')  # as written before the column was added
    con.commit()
    con.close()
    assert run(PROTOKOLL, "--out", out, "--workers", 0).exit_code == 0
    con = sqlite3.connect(out / "motedata.sqlite")
    assert [r[1] for r in con.execute('PRAGMA table_info("saker")')] == columns(TABLES["saker"])
    assert con.execute("SELECT count(DISTINCT dokument_id) FROM saker").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM saker_oversikt").fetchone()[0] > 0  # views made again


def test_parquet_export_has_the_database_rows(tmp_path):
    import pyarrow.dataset as ds

    out = tmp_path / "ut"
    assert run(INNKALLING, PROTOKOLL, KORPUS / "kommune_okonomiplan_2025_2028.pdf", "--out", out,
               "--workers", 0, "--parquet").exit_code == 0
    con = sqlite3.connect(out / "motedata.sqlite")
    _assert_parquet_equals_sqlite(out / "parquet", con)
    saker = ds.dataset(out / "parquet" / "saker", partitioning="hive").to_table().to_pylist()
    assert {(r["kommune"], r["aar"]) for r in saker} == {("Dyrøy", 2017)}
    kostnader = ds.dataset(out / "parquet" / "kostnader", partitioning="hive").to_table().to_pylist()
    assert {r["aar"] for r in kostnader} == {"ukjent"}  # the økonomiplan prints no meeting date


def _assert_parquet_equals_sqlite(folder: Path, con: sqlite3.Connection) -> None:
    import pyarrow.dataset as ds

    from pipeline.records import bool_columns

    for name, cls in TABLES.items():
        cols = columns(cls)
        got = ds.dataset(folder / name, partitioning="hive").to_table().to_pylist()
        bools = bool_columns(cls)
        have = sorted(tuple(repr(int(r[c]) if c in bools and r[c] is not None else r[c]) for c in cols if c != "kommune")
                      for r in got)
        want = sorted(tuple(repr(v) for c, v in zip(cols, row) if c != "kommune")
                      for row in con.execute(f'SELECT * FROM "{name}"'))
        assert have == want, name


def test_dask_cluster_run_writes_parquet_with_the_local_run_rows(tmp_path):
    """`--dask ADDRESS` reads on a Dask cluster (a LocalCluster here) and writes the same rows, also as Parquet."""
    from dask.distributed import LocalCluster

    files = [INNKALLING, PROTOKOLL, KORPUS / "kommune_okonomiplan_2025_2028.pdf"]
    local = tmp_path / "lokal"
    assert run(*files, "--out", local, "--workers", 0).exit_code == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run(*files, "--out", tmp_path / "dask", "--dask", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert "Dask" in result.output
    _assert_parquet_equals_sqlite(tmp_path / "dask" / "parquet", sqlite3.connect(local / "motedata.sqlite"))
    for name in TABLES:
        assert (tmp_path / "dask" / f"{name}.csv").read_bytes() == (local / f"{name}.csv").read_bytes(), name


def test_a_document_past_the_time_limit_on_dask_is_stopped_and_the_run_goes_on(tmp_path):
    """Dask cannot stop a task: the document gets a time-limit feil and its worker process is
    restarted by its nanny (a new pid), which is what stops it; the next document is read."""
    import os

    from dask.distributed import Client, LocalCluster

    slow = slow_pdf(tmp_path / "treg.pdf")
    good = copy(INNKALLING, tmp_path / "god.pdf")
    out = tmp_path / "ut"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        before = set(client.run(os.getpid).values())
        result = run(slow, good, "--out", out, "--dask", cluster.scheduler_address, "--timeout", 1)
        client.wait_for_workers(1)
        after = set(client.run(os.getpid).values())
    assert result.exit_code == 1, result.output
    feil = rows(out, "feil")
    assert [(f["fil"], f["steg"]) for f in feil] == [(str(slow), "grense")]
    assert "tidsgrense" in feil[0]["feilmelding"]
    assert [d["fil"] for d in rows(out, "dokumenter")] == [str(good)]
    assert before and after and not before & after  # the worker that held the document was replaced


def test_a_stuck_document_on_a_dask_worker_keeps_the_next_one_out_of_pdfium(monkeypatch):
    """Until its worker is restarted a stuck document still runs in PDFium, which is not
    thread-safe: the next task on that worker must wait, and its time counts only once it runs."""
    import threading
    from types import SimpleNamespace

    import pipeline.dask_worker as dask_worker

    plugin = dask_worker.DocumentLock()
    plugin.setup(None)
    monkeypatch.setattr(dask_worker, "get_worker",
                        lambda: SimpleNamespace(address="tcp://arbeider:1", plugins={plugin.name: plugin}))
    release, running, most = threading.Event(), [], []

    def fake_work(path, fil, ocr, memory_mb):
        running.append(path)
        most.append(len(running))
        if path == "fast.pdf":
            release.wait(5)
        running.remove(path)
        return path, 1.0

    monkeypatch.setattr(dask_worker, "work", fake_work)
    with pytest.raises(dask_worker.DocumentTimeout) as stuck:
        dask_worker.work_on_dask("fast.pdf", "fast.pdf", "never", None, 0.05)
    assert stuck.value.worker == "tcp://arbeider:1" and isinstance(stuck.value, TimeoutError)
    results = []
    nxt = threading.Thread(target=lambda: results.append(dask_worker.work_on_dask("neste.pdf", "neste.pdf", "never",
                                                                                   None, 0.5)))
    nxt.start()
    nxt.join(0.6)  # longer than the next task's own limit: it has not started, so it has not timed out
    assert nxt.is_alive() and results == [] and running == ["fast.pdf"]
    release.set()
    nxt.join(5)
    assert results == [("neste.pdf", 1.0)] and max(most) == 1


def test_a_result_encoded_in_the_worker_is_written_as_the_writer_would_encode_it(tmp_path):
    from pipeline.run import process_document
    from pipeline.write import for_writer

    res = process_document(PROTOKOLL, ocr="never").result
    assert res.serialized is None
    encoded = for_writer(res)
    assert encoded.serialized.rows["vedtak"] and encoded.serialized.json.startswith(b"{")
    # what the worker sends back holds the records once, encoded; only the page count's row is kept as a record
    assert set(encoded.tables) == {"dokumenter"} and encoded.struktur == {} and res.tables["vedtak"]
    for name, result in (("a", res), ("b", encoded)):
        with Store(tmp_path / name) as store:
            store.write_batch([result], [])
            store.export_csv()
    for table in ("saker", "vedtak", "voteringer", "deltakere", "dokumenter"):
        assert rows(tmp_path / "a", table) == rows(tmp_path / "b", table) != []
    json_a = (tmp_path / "a" / "dokumenter" / f"{res.dokument_id}.json").read_bytes()
    assert json_a == (tmp_path / "b" / "dokumenter" / f"{res.dokument_id}.json").read_bytes()


def test_warm_up_freezes_the_loaded_model_out_of_the_garbage_collector():
    import gc
    import subprocess
    import sys

    code = ("import gc; from pipeline.batch import warm_up; from pipeline.classify.tema import load_model; "
            "warm_up(); m = load_model(); print(gc.get_freeze_count(), gc.is_tracked(m.nlp), "
            "any(o is m.nlp for o in gc.get_objects()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 10_000 and out[1:] == ["True", "False"]  # tracked, but frozen: no collection walks it
    assert gc.isenabled()


def test_csv_export_writes_numbers_booleans_and_empty_cells_as_the_contract_says(tmp_path):
    from pipeline.records import Kostnad
    from pipeline.write import DocumentResult

    rows = [Kostnad("t1", "d1", 3, "Tabell", "Lønn", "2024", 2.0, "kr", 2.0, "120", sumrad=True, bbox=(1.0, 2.5, 3.0, 4.0)),
            Kostnad("t1", "d1", None, "Tabell", "Sum", "2024", 1234.5, "kr", 1e16, "", sumrad=False),
            Kostnad("t1", "d1", 4, "Tabell", "Tom", "2024", None, "", None, "", sumrad=None),
            Kostnad("t1", "d1", 5, "Tabell", "Fond", "2024", -12500.0, "kr", 0.1 + 0.2, "", sumrad=False),
            Kostnad("t1", "d1", 6, "Tabell", "Null", "2024", 0.0, "kr", -0.0, "", sumrad=False),
            Kostnad("t1", "d1", 7, "Tabell", "Stor", "2024", 1e20, "kr", -9.5e18, "", sumrad=False)]
    res = DocumentResult("d1", "f.pdf", tables={"kostnader": rows})
    with Store(tmp_path) as store:
        store.write_batch([res], [])
        store.export_csv()
    with open(tmp_path / "kostnader.csv", newline="", encoding="utf-8") as fh:
        out = list(csv.DictReader(fh))
    assert [(r["side"], r["verdi"], r["verdi_nok"], r["sumrad"], r["kostra_funksjon"]) for r in out] == [
        ("3", "2.0", "2.0", "true", "120"),
        ("", "1234.5", "10000000000000000.0", "false", ""),
        ("4", "", "", "", ""),
        ("5", "-12500.0", "0.30000000000000004", "false", ""),
        ("6", "0.0", "0.0", "false", ""),  # SQLite stores -0.0 as the integer 0
        ("7", "100000000000000000000.0", "-9500000000000000000.0", "false", "")]
    assert out[0]["bbox"] == "[1.0, 2.5, 3.0, 4.0]"


def test_the_pool_checks_fast_only_once_the_last_document_is_handed_out(tmp_path):
    import pebble

    from pipeline.batch import POOL_POLL_END_SECONDS
    from pipeline.read import file_sha256

    files = [copy(PROTOKOLL, tmp_path / f"{i}.pdf", tag=str(i)) for i in range(3)]
    runner = LocalRunner(1, Limits.from_rules(timeout=0))
    pace = pebble.CONSTS.sleep_unit
    assert pace > POOL_POLL_END_SECONDS  # pebble's default pace is slower than the end's
    seen = []

    def tasks():
        for f in files:
            seen.append(pebble.CONSTS.sleep_unit)  # while documents remain: pebble's pace
            yield Task(str(f), str(f), file_sha256(f))

    done = list(runner.run(tasks()))
    assert len(done) == 3 and all(d.outcome.result is not None for d in done)
    assert seen == [pace] * 3
    assert pebble.CONSTS.sleep_unit == POOL_POLL_END_SECONDS  # the last one handed out: the close is noticed at once
    runner.finish()
    assert pebble.CONSTS.sleep_unit == pace  # set back for whatever else uses pebble in this process


def test_a_file_that_fails_again_keeps_one_feil_row_per_failure(tmp_path):
    """A file read again loses the feil rows of its previous attempt, also when it fails again."""
    broken = tmp_path / "tom.pdf"
    broken.write_bytes(b"")
    out = tmp_path / "ut"
    first = run_batch([broken], out, InlineRunner())
    again = run_batch([broken], out, InlineRunner())
    assert len(first.feil) == len(again.feil) >= 1
    con = sqlite3.connect(out / "motedata.sqlite")
    assert con.execute("SELECT count(*) FROM feil").fetchone()[0] == len(first.feil)
