"""The Parquet export writes again only the kommuner that changed, and matches a whole export."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

pq = pytest.importorskip("pyarrow.parquet")

from pipeline.batch import InlineRunner, run_batch  # noqa: E402
from pipeline.parquet import MARKER, export_parquet  # noqa: E402
from pipeline.write import Store  # noqa: E402
from tests.conftest import KORPUS  # noqa: E402

LEVANGER = KORPUS / "levanger_kst_2024-06-19_protokoll.pdf"
ULVIK = KORPUS / "ulvik_hst_2024-03-14_protokoll.pdf"
KRAGERO = KORPUS / "kragero_stab_og_stotte_2018.pdf"


def _files(folder: Path) -> dict[str, Path]:
    """The export's data files by their path inside it."""
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*.parquet"))}


def _whole(out: Path, work: Path) -> Path:
    """A whole export of `out`'s database, from a copy without the memo."""
    copy = work / f"hel-{len(list(work.iterdir()))}"
    copy.mkdir()
    shutil.copy(out / "motedata.sqlite", copy / "motedata.sqlite")
    with Store(copy) as store:
        export_parquet(store)
    return copy / "parquet"


def _assert_same_export(got: Path, want: Path) -> None:
    got_files, want_files = _files(got), _files(want)
    assert sorted(got_files) == sorted(want_files)
    for name, path in got_files.items():
        assert pq.read_table(path).equals(pq.read_table(want_files[name])), name


def _inodes(folder: Path) -> dict[str, int]:
    return {name: p.stat().st_ino for name, p in _files(folder).items()}


def _kommune_of(name: str) -> str:
    return name.split("/")[1]


def _run(out: Path, *files: Path, parquet: bool = True, force: bool = False):
    return run_batch(list(files), out, InlineRunner(), force=force,
                     after_export=export_parquet if parquet else None)


def test_nightly_parquet_exports_write_only_the_changed_kommuner(tmp_path):
    out, work = tmp_path / "ut", tmp_path / "hel"
    work.mkdir()

    def night(*files, force=False) -> tuple[set[str], set[str]]:
        """Run, compare with a whole export; the kommune folders written again and those kept as they were."""
        before = _inodes(out / "parquet") if (out / "parquet").exists() else {}
        _run(out, *files, force=force)
        _assert_same_export(out / "parquet", _whole(out, work))
        after = _inodes(out / "parquet")
        kept = {_kommune_of(n) for n, ino in after.items() if before.get(n) == ino}
        written = {_kommune_of(n) for n, ino in after.items() if before.get(n) != ino and not n.startswith("feil/")}
        return written, kept

    written, kept = night(LEVANGER, ULVIK, KRAGERO)
    assert kept == set() and {"kommune=Levanger", "kommune=Ulvik"} <= written
    written, kept = night(KORPUS / "levanger_kst_2024-12-12_vedtaksoppfolging.pdf")  # statuses of Levanger change
    assert written == {"kommune=Levanger"} and "kommune=Ulvik" in kept
    written, kept = night(KORPUS / "balsfjord_fsk_2023-11-28_protokoll.pdf")  # a new kommune
    assert written == {"kommune=Balsfjord"} and {"kommune=Levanger", "kommune=Ulvik"} <= kept
    written, kept = night(ULVIK, force=True)  # read again
    assert written == {"kommune=Ulvik"} and "kommune=Levanger" in kept
    broken = tmp_path / "tom.pdf"
    broken.write_bytes(b"")
    written, kept = night(broken)  # a failure only: feil is written again, every kommune kept
    assert written == set() and {"kommune=Levanger", "kommune=Ulvik", "kommune=Balsfjord"} <= kept
    assert any(n.startswith("feil/") for n in _files(out / "parquet"))


def test_changes_from_runs_without_parquet_reach_the_next_parquet_export(tmp_path):
    out, work = tmp_path / "ut", tmp_path / "hel"
    work.mkdir()
    _run(out, LEVANGER)
    balsfjord = KORPUS / "balsfjord_fsk_2023-11-28_protokoll.pdf"
    _run(out, balsfjord, parquet=False)
    assert not any("Balsfjord" in n for n in _files(out / "parquet"))
    summary = _run(out, balsfjord)  # nothing new to read, but the Parquet export is behind
    assert summary.skipped == 1 and summary.read == 0
    assert any("kommune=Balsfjord" in n for n in _files(out / "parquet"))
    _assert_same_export(out / "parquet", _whole(out, work))
    before = _inodes(out / "parquet")
    _run(out, balsfjord)  # now nothing is behind: nothing is written
    assert _inodes(out / "parquet") == before


@pytest.mark.parametrize("change", ["marker", "memo", "stopped run"])
def test_an_export_that_cannot_be_trusted_is_written_whole(tmp_path, change):
    out, work = tmp_path / "ut", tmp_path / "hel"
    work.mkdir()
    _run(out, LEVANGER, ULVIK)
    before = _inodes(out / "parquet")
    if change == "marker":  # the folder is not the export the memo remembers (copied from elsewhere)
        marker = out / "parquet" / MARKER
        marker.write_text(json.dumps(dict(json.loads(marker.read_text()), generasjon="en annen")))
    elif change == "memo":
        (out / ".filhasher.sqlite").unlink()
    else:  # a run stopped before its export: everything is derived again, so any kommune may change
        con = sqlite3.connect(out / "motedata.sqlite")
        con.execute("PRAGMA user_version = 1")
        con.commit()
        con.close()
    _run(out, KORPUS / "balsfjord_fsk_2023-11-28_protokoll.pdf")
    after = _inodes(out / "parquet")
    assert not set(before.values()) & set(after.values())  # not one file kept
    _assert_same_export(out / "parquet", _whole(out, work))
