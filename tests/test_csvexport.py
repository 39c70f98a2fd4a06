"""CSV export: a spliced export (only changed documents' rows re-encoded) is byte for byte a whole one."""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import given, strategies as st

import pipeline.csvexport as csvexport
from pipeline.batch import InlineRunner, run_batch
from pipeline.records import TABLES
from pipeline.write import MEMO_NAME, Store
from tests.conftest import KORPUS

DOCS = st.lists(st.text("0123456789abcdef", min_size=1, max_size=3), unique=True, max_size=12)
ROWS = st.binary(min_size=1, max_size=40)


@given(old=st.dictionaries(st.text("0123456789abcdef", min_size=1, max_size=3), ROWS, max_size=12),
       new=st.dictionaries(st.text("0123456789abcdef", min_size=1, max_size=3), st.lists(ROWS, max_size=3),
                           max_size=12),
       also_changed=DOCS)
def test_splice_gives_the_old_file_with_the_changed_documents_replaced(old, new, also_changed):
    """`new` holds the changed documents' rows (several groups, or none: a document whose rows
    were deleted); every other document keeps its old bytes, all in dokument_id order."""
    header = b"a,b\n"
    changed = set(new) | set(also_changed)
    expected = {d: data for d, data in old.items() if d not in changed}
    expected.update({d: b"".join(parts) for d, parts in new.items() if parts})
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "gammel.csv"
        src.write_bytes(header + b"".join(old[d] for d in sorted(old)))
        groups = iter([(d, part) for d in sorted(new) for part in new[d]])
        with open(Path(tmp) / "ny.csv", "wb", buffering=0) as fh:
            fh.write(header)
            written = csvexport._splice(src, [(d, len(old[d])) for d in sorted(old)], changed, groups,
                                        fh.fileno(), len(header))
        got = (Path(tmp) / "ny.csv").read_bytes()
    assert got == header + b"".join(expected[d] for d in sorted(expected))
    assert written == [(d, len(expected[d])) for d in sorted(new) if new[d]]


def _csvs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / f"{name}.csv").read_bytes() for name in TABLES}


def _whole_export(out: Path, tmp: Path) -> dict[str, bytes]:
    """The CSVs a whole export of `out`'s database writes (a copy without the memo)."""
    copy = tmp / f"hel-{len(list(tmp.iterdir()))}"
    copy.mkdir()
    shutil.copy(out / "motedata.sqlite", copy / "motedata.sqlite")
    with Store(copy) as store:
        store.export_csv()
    return _csvs(copy)


def test_nightly_runs_splice_the_csvs_and_match_a_whole_export(tmp_path, monkeypatch):
    out, work = tmp_path / "ut", tmp_path / "hel"
    work.mkdir()
    spliced = []
    real_splice = csvexport._splice
    monkeypatch.setattr(csvexport, "_splice", lambda *a: spliced.append(a[0].name) or real_splice(*a))

    def run(*files, force=False):
        spliced.clear()
        run_batch(list(files), out, InlineRunner(), force=force)
        assert _csvs(out) == _whole_export(out, work)

    levanger = KORPUS / "levanger_kst_2024-06-19_protokoll.pdf"
    run(levanger, KORPUS / "ulvik_hst_2024-03-14_protokoll.pdf", KORPUS / "kragero_stab_og_stotte_2018.pdf")
    assert spliced == []  # the first export is whole
    run(KORPUS / "levanger_kst_2024-12-12_vedtaksoppfolging.pdf")  # a later Levanger paper: statuses change
    assert set(spliced) == {f"{name}.csv" for name in TABLES if name != "feil"}
    run(KORPUS / "balsfjord_fsk_2023-11-28_protokoll.pdf")  # a new kommune
    run(levanger, force=True)  # read again
    broken = tmp_path / "tom.pdf"
    broken.write_bytes(b"")
    run(broken)  # a failure only: feil.csv changes, every other file is copied as it was
    assert "feil.csv" not in spliced and "saker.csv" in spliced


def test_a_csv_changed_since_the_export_is_written_whole(tmp_path):
    """An edit inside a document the next run leaves alone, same size and modification time:
    only the status-change time tells, and the file is exported whole again."""
    out = tmp_path / "ut"
    run_batch([KORPUS / "ulvik_hst_2024-03-14_protokoll.pdf"], out, InlineRunner())
    saker = out / "saker.csv"
    before, st = saker.read_bytes(), saker.stat()
    edited = before.replace(b"Ulvik", b"Uxvik", 1)
    assert edited != before
    saker.write_bytes(edited)
    os.utime(saker, ns=(st.st_atime_ns, st.st_mtime_ns))
    run_batch([KORPUS / "balsfjord_fsk_2023-11-28_protokoll.pdf"], out, InlineRunner())  # another kommune
    work = tmp_path / "hel"
    work.mkdir()
    assert _csvs(out) == _whole_export(out, work)
    assert b"Uxvik" not in saker.read_bytes()


def test_a_lost_memo_means_a_whole_export(tmp_path):
    out = tmp_path / "ut"
    run_batch([KORPUS / "ulvik_hst_2024-03-14_protokoll.pdf"], out, InlineRunner())
    os.remove(out / MEMO_NAME)
    run_batch([KORPUS / "ulvik_hst_2024-10-17_saksframlegg.pdf"], out, InlineRunner())
    work = tmp_path / "hel"
    work.mkdir()
    assert _csvs(out) == _whole_export(out, work)
    con = sqlite3.connect(out / MEMO_NAME)
    assert con.execute(f"SELECT count(*) FROM {csvexport.FILES.split('.')[1]}").fetchone()[0] == len(TABLES) - 1
