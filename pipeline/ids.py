"""Stable identifiers, so the same meeting or case gets the same id in every paper.

A meeting is kommune + utvalg + date; a case in a meeting is that plus its number.
Where a paper does not give the meeting, the document id stands in.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = text.replace("ø", "o").replace("æ", "ae").replace("å", "a")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def mote_id(kommune: str, utvalg: str, motedato: str, dokument_id: str) -> str:
    if utvalg and motedato:
        return "-".join(p for p in (slug(kommune), slug(utvalg), motedato) if p)
    return f"dok-{dokument_id}"


def sak_id(mote: str, lopenr: int | None, saksaar: int | None, saksnr: str) -> str:
    number = f"{saksaar}-{lopenr}" if lopenr is not None and saksaar else slug(saksnr)
    return f"{mote}/{number}"


def short_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:12]
