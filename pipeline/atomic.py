"""Files written whole or not at all: a temporary file beside the target, synced, then renamed over it.

A crash leaves either the old file or the new one, never half of one; the temporaries are
named `.<name>.<random>.tmp`, so the writer of a folder can remove those a killed run left.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def temporary_beside(path: Path) -> tuple[int, str]:
    """An open temporary file in `path`'s folder (made when missing), named so a later run removes it."""
    try:
        return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")


@contextmanager
def replacing(path: Path):
    """Yield a temporary path beside `path`; on success it replaces `path`, on failure it is removed."""
    fd, tmp = temporary_beside(path)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """`data` to `path` through one temporary file descriptor: written, synced, moved into place.

    Called once per document by the one writer, so it makes no more system calls than it must.
    """
    fd, tmp = temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
