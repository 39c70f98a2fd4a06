"""Agenda items (`saker`) from the saksliste, and from case headings where no list is printed."""
from __future__ import annotations

import re

from dataclasses import replace

from ..ids import mote_id as make_mote_id, sak_id as make_sak_id
from .base import Kontekst
from ..model import union
from ..parse.saksnr import is_arkivsaksnr, normalize_arkivsaksnr
from ..records import Mote, Sak
from .saksframlegg import arkivsaksnr_label, find_innstilling, read_saksframlegg
from ..rules import load_rules, pattern
from ..structure import Row, Struktur, item_start
from ..text import fold


def _split_item(rows: list[Row]) -> dict:
    """Fields of one saksliste item from its first row and continuation rows."""
    first = rows[0]
    sak = item_start(first)
    title_parts, arkiv, hjemmel, side, lukket = [], "", "", None, None
    hjemmel_re = pattern("saksnr", "hjemmel")
    mark_re = pattern("saksnr", "lukket_merke")
    segments = list(first.segments)
    head_rest = segments[0].text.strip()[len(sak.printed):].strip() if segments[0].text.strip().startswith(sak.printed) else ""
    if head_rest:
        title_parts.append(head_rest)
    for seg in segments[1:] + [s for r in rows[1:] for s in r.segments]:
        text = seg.text.strip()
        h = hjemmel_re.search(text)
        if h:
            hjemmel, lukket = fold(h.group(0)), True
            text = (text[:h.start()] + text[h.end():]).strip(" ,;")
            if not text:
                continue
        if is_arkivsaksnr(text):
            arkiv = normalize_arkivsaksnr(text)
        elif mark_re.match(text):
            lukket = True
        elif re.fullmatch(r"\d{1,4}", text) and title_parts:
            side = int(text)
        else:
            title_parts.append(text)
    return {
        "sak": sak, "tittel": fold(" ".join(title_parts)), "arkivsaksnr": arkiv,
        "lukket": lukket if lukket else False, "hjemmel": hjemmel, "side": side,
        "kilde_side": first.page, "bbox": union(r.bbox for r in rows),
    }


def _items(saksliste: tuple[Row, ...]) -> list[list[Row]]:
    groups: list[list[Row]] = []
    columns = pattern("saksnr", "saksliste_kolonner")
    for row in saksliste:
        if item_start(row) is not None:
            groups.append([row])
        elif groups and not all(columns.match(s.text.strip()) for s in row.segments):
            if row.x0 > groups[-1][0].x0 + 5 and row.page == groups[-1][0].page:
                groups[-1].append(row)
    return groups


def extract_saker(ktx: Kontekst, found: dict) -> dict[str, list]:
    struktur, dokument_id, mid = ktx.struktur, ktx.dokument_id, ktx.mote_id
    mote = struktur.mote
    out: dict[str, Sak] = {}
    for group in _items(struktur.saksliste):
        f = _split_item(group)
        sak = f["sak"]
        out.setdefault(sak.printed, Sak(
            sak_id=make_sak_id(mid, sak.lopenr, sak.saksaar, sak.printed), mote_id=mid, dokument_id=dokument_id,
            saksnr=sak.printed, sakstype=sak.sakstype, lopenr=sak.lopenr, saksaar=sak.saksaar,
            tittel=f["tittel"], arkivsaksnr=f["arkivsaksnr"], lukket=f["lukket"], hjemmel=f["hjemmel"],
            side=f["side"], utvalg=mote.utvalg, motedato=mote.motedato, kilde_side=f["kilde_side"], bbox=f["bbox"],
        ))
    _enrich_from_blocks(struktur, out)
    moter = _add_saksframlegg(ktx, out)
    return {"saker": list(out.values()), "moter": moter}


HEAD_ROWS = 6  # a case block prints its arkivsak and closed-item grounds right under the heading


def _enrich_from_blocks(struktur: Struktur, out: dict[str, Sak]) -> None:
    """Protocols and combined papers print arkivsak, hjemmel and innstilling in the case's own block."""
    hjemmel_re = pattern("saksnr", "hjemmel")
    no_proposal = set(load_rules("saksframlegg")["uten_forslag"])
    container = None  # the last case that may hold a proposal (PS Referatsaker around RS items)
    for blokk in struktur.blokker:
        sak = out.get(blokk.saksnr.printed)
        if sak is None:
            continue
        if blokk.saksnr.sakstype in no_proposal:
            if container and not out[container].innstilling:
                text, _, _ = find_innstilling(blokk.rows, 0, len(blokk.rows))
                if text:
                    out[container] = replace(out[container], innstilling=text)
        else:
            container = blokk.saksnr.printed
        head = [blokk.heading, *blokk.rows[:HEAD_ROWS]]
        changes = {}
        if not sak.arkivsaksnr:
            arkiv = next((a for a in (arkivsaksnr_label(r.text) for r in head) if a), "")
            if arkiv:
                changes["arkivsaksnr"] = arkiv
        if not sak.hjemmel:
            h = next((m for m in (hjemmel_re.search(r.text) for r in head) if m), None)
            if h:
                changes.update(hjemmel=fold(h.group(0)), lukket=True)
        if not sak.innstilling and blokk.saksnr.sakstype not in no_proposal:
            text, _, _ = find_innstilling(blokk.rows, 0, len(blokk.rows))
            if text:
                changes["innstilling"] = text
        if changes:
            out[blokk.saksnr.printed] = replace(sak, **changes)


def _same_meeting(utvalg: str, motedato: str, mote) -> bool:
    return utvalg.casefold() == mote.utvalg.casefold() and motedato == mote.motedato


def _add_saksframlegg(ktx: Kontekst, out: dict[str, Sak]) -> list[Mote]:
    """Fill innstilling from each saksframlegg and add the other meetings its Saksgang names.

    The paper's own meeting merges with the saksliste item of the same number; another
    committee's numbered treatment (Formannskapet 61/17) is a row of that meeting.
    """
    mote = ktx.struktur.mote
    moter: dict[str, Mote] = {}
    for sf in read_saksframlegg(ktx.struktur.rows):
        for b in sf.saksgang:
            if b.lopenr is None:
                continue
            here = _same_meeting(b.utvalg, b.motedato, mote) or not (mote.utvalg and mote.motedato)
            existing = next((k for k, s in out.items() if s.lopenr == b.lopenr and s.saksaar == b.saksaar
                             and s.mote_id == ktx.mote_id), None) if here else None
            if existing:
                old = out[existing]
                out[existing] = replace(old, innstilling=old.innstilling or sf.innstilling,
                                        arkivsaksnr=old.arkivsaksnr or sf.arkivsaksnr, tittel=old.tittel or sf.tittel)
                continue
            mid = ktx.mote_id if here else make_mote_id(mote.kommune, b.utvalg, b.motedato, ktx.dokument_id)
            if mid != ktx.mote_id and mid not in moter:
                moter[mid] = Mote(mote_id=mid, kommune=mote.kommune, utvalg=b.utvalg, motedato=b.motedato,
                                  dokument_id=ktx.dokument_id, side=sf.side, bbox=sf.bbox)
            key = f"{mid}|{b.saksnr}"
            out.setdefault(key, Sak(
                sak_id=make_sak_id(mid, b.lopenr, b.saksaar, b.saksnr), mote_id=mid, dokument_id=ktx.dokument_id,
                saksnr=b.saksnr, sakstype="", lopenr=b.lopenr, saksaar=b.saksaar, tittel=sf.tittel,
                arkivsaksnr=sf.arkivsaksnr, lukket=False, innstilling=sf.innstilling,
                utvalg=b.utvalg, motedato=b.motedato, kilde_side=sf.side, bbox=sf.bbox,
            ))
    return list(moter.values())
