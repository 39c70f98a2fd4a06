"""Crash safety: `motedata run` killed with SIGKILL at random moments leaves a valid output
folder, and the next run completes the batch without duplicates, as a clean run would."""
from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from pipeline.records import TABLES, columns
from tests.conftest import KORPUS, REPO

BORN_DIGITAL = [p for p in sorted(KORPUS.glob("*.pdf")) if "skannet" not in p.name]


def _archive(folder: Path, copies: int) -> Path:
    """Copies of the born-digital korpus, each a different file (a tag after %%EOF)."""
    folder.mkdir(parents=True)
    for k in range(copies):
        for src in BORN_DIGITAL:
            (folder / f"{k}_{src.name}").write_bytes(src.read_bytes() + f"\n%kopi {k}\n".encode())
    return folder


def _rules(tmp: Path) -> Path:
    """regler/ with small batches, so a kill lands between commits."""
    rules = tmp / "regler"
    shutil.copytree(REPO / "regler", rules)
    text = (rules / "grenser.yaml").read_text(encoding="utf-8")
    text = text.replace("batch_dokumenter: 50", "batch_dokumenter: 3").replace("batch_sekunder: 15", "batch_sekunder: 1")
    (rules / "grenser.yaml").write_text(text, encoding="utf-8")
    return rules


def _command(archive: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "run", str(archive), "--out", str(out), "--workers", "2",
            "--ocr", "never", "-q"]


def _assert_valid(out: Path) -> int:
    """The folder a killed run left: a sound database, whole CSVs; returns the documents committed."""
    db = out / "motedata.sqlite"
    if not db.exists():
        return 0
    con = sqlite3.connect(db)  # a hot journal of the killed transaction is rolled back here
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = con.execute("SELECT count(*) FROM dokumenter").fetchone()[0]
        assert n == con.execute("SELECT count(DISTINCT dokument_id) FROM dokumenter").fetchone()[0]
    finally:
        con.close()
    for name, cls in TABLES.items():
        path = out / f"{name}.csv"
        if path.exists():
            with open(path, encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
            assert rows[0] == columns(cls), name
            assert all(len(r) == len(rows[0]) for r in rows), name
    return n


def test_kill_at_random_moments_then_complete(tmp_path):
    archive = _archive(tmp_path / "arkiv", copies=3)
    env = dict(os.environ, MOTEDATA_REGLER=str(_rules(tmp_path)), PYTHONPATH=str(REPO))
    out = tmp_path / "ut"
    rng = random.Random(20241123)
    committed = []
    for k in range(4):
        proc = subprocess.Popen(_command(archive, out), cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:  # later kills wait longer, so a slow machine also gets past its first commits
            proc.wait(timeout=rng.uniform(1.0, 2.5) + 0.75 * k)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)  # the writer itself, at whatever it was doing
            proc.wait()
        committed.append(_assert_valid(out))
    print("committed after each kill:", committed)
    assert committed == sorted(committed)  # each run kept what the earlier ones committed
    assert committed[-1] > 0

    final = subprocess.run(_command(archive, out), cwd=REPO, env=env, capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert _assert_valid(out) == len(list(archive.iterdir()))
    clean = tmp_path / "ren"
    assert subprocess.run(_command(archive, clean), cwd=REPO, env=env).returncode == 0
    for name in TABLES:  # same rows in the same order as a run that was never interrupted
        assert (out / f"{name}.csv").read_bytes() == (clean / f"{name}.csv").read_bytes(), name
    assert not list(out.rglob("*.tmp"))
