"""Decisions, votes and attendance from protocols and saksframlegg (issue 5).

Returns `vedtak`, `voteringer`, `stemmer`, `deltakere` and `advarsler` records.

Each case's rows (a `Saksblokk`, or the whole document when it has none) are cut into
sections by the headings of regler/vedtak.yaml: innstilling, proposals made in the
meeting, Behandling, Votering, Vedtak, and `Saksprotokoll i <utvalg> - <dato>` which
opens one committee's treatment. A treatment with an adopted text or a printed vote
gives one `vedtak`; each vote sentence gives one `voteringer` row. In a protocol the
treatment without its own heading is the protocol's meeting; outside protocols only
treatments with a named committee and date count (a saksframlegg alone gives no vedtak).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..ids import mote_id as make_mote_id
from ..ids import sak_id as make_sak_id
from ..ids import short_hash, slug
from ..model import union
from ..parse.dates import parse_date
from ..parse.saksnr import normalize_arkivsaksnr, parse_saksnr
from ..parse.votes import Vote, classify_utfall, has_result, count_mismatches, parse_vote, split_sentences
from ..parse.inhabil import find_inhabile
from ..records import Advarsel, Inhabil, Stemme, Vedtak, Votering
from ..rules import load_rules
from ..structure import Row, Saksblokk
from ..text import fold, join_lines
from .base import Kontekst
from .deltakere import extract_deltakere

PROTOKOLL = ("moteprotokoll", "saksprotokoll")


@lru_cache(maxsize=None)
def _rules() -> dict:
    return load_rules("vedtak")


@lru_cache(maxsize=None)
def _compiled(key: str) -> tuple[re.Pattern, ...]:
    value = _rules()[key]
    if isinstance(value, str):
        value = [value]
    return tuple(re.compile(p, re.IGNORECASE) for p in value)


def _match(key: str, text: str) -> re.Match | None:
    for p in _compiled(key):
        m = p.match(text)
        if m:
            return m
    return None


# --------------------------------------------------------------------------- rows


@dataclass
class Heading:
    kind: str  # stopp | behandling_i | vedtak | innstilling | forslag | votering | behandling
    rest: str = ""  # text after the heading on the same row
    utvalg: str = ""
    dato: str = ""
    saksnr: str = ""
    navn: str = ""
    parti: str = ""
    forslagstype: str = ""


def _utvalg(m: re.Match) -> str:
    d = m.groupdict()
    if d.get("utvalg"):
        return fold(d["utvalg"])
    if d.get("utvalg_gen"):
        u = fold(d["utvalg_gen"])
        return u[:-1] if u.endswith("s") else u
    return ""


def _heading_shape(m: re.Match, text: str) -> bool:
    """A heading ends the row or ends with a colon; `Rådmannens forslag til vedtak ble ...` is prose."""
    rest = text[m.end():].strip()
    return not rest or m.group(0).rstrip().endswith(":") or rest.startswith(":")


def classify_row(text: str) -> Heading | None:
    """Which section heading (if any) a printed row is."""
    t = fold(text)
    if not t:
        return None
    if _match("stopp", t):
        return Heading("stopp")
    for kind in ("vedtak", "behandling_i"):
        m = _match(kind, t)
        if m:
            d = m.groupdict()
            dato = parse_date(d.get("dato") or "")
            if kind == "behandling_i" and not dato:
                continue
            if kind == "vedtak" and not dato and not _heading_shape(m, t):
                continue
            return Heading(kind, rest=t[m.end():].strip(" :"), utvalg=_utvalg(m), dato=dato,
                           saksnr=fold(d.get("saksnr") or ""))
    m = _match("innstilling", t)
    if m and _heading_shape(m, t):
        return Heading("innstilling", rest=t[m.end():].strip(" :"))
    m = _match("forslag", t)
    if m and _heading_shape(m, t):
        d = m.groupdict()
        typ = (d.get("type") or "forslag").lower()
        ftype = ("tilleggsforslag" if "tillegg" in typ else "endringsforslag" if "endring" in typ
                 else "alternativ" if "alternativ" in typ else "forslag")
        return Heading("forslag", rest=t[m.end():].strip(" :"), navn=fold(d.get("navn") or ""),
                       parti=fold(d.get("parti") or ""), forslagstype=ftype)
    for kind in ("votering", "behandling"):
        m = _match(kind, t)
        if m and _heading_shape(m, t):
            return Heading(kind, rest=t[m.end():].strip(" :"))
    return None


@lru_cache(maxsize=None)
def _vote_words() -> tuple[str, ...]:
    return tuple(str(w).casefold() for w in _rules()["stemmer"]["forfilter"])


def may_hold_vote(text: str) -> bool:
    """False when no vote pattern can match: none of regler/vedtak.yaml's `forfilter` words occurs."""
    low = text.casefold()
    return any(w in low for w in _vote_words())


def _is_vote_row(text: str, section: str | None) -> bool:
    """A row that prints a vote result (`Enst.vedtatt.`, `Vedtatt med 5 mot 2 stemmer`)."""
    t = fold(text)
    if not t or len(t.split()) > 40 or not may_hold_vote(t):
        return False
    v = parse_vote(t)
    if not (v.enstemmig or v.antall_for is not None or v.navn_for or v.navn_mot):
        return False
    if not has_result(t) and not (v.antall_for is not None or v.navn_for or v.navn_mot):
        return False
    if section in ("vedtak", "innstilling"):
        # Inside a decision text only a short row that is nothing but a vote counts.
        return len(t.split()) <= 8 and bool(re.match(r"^(?:enst|enstemmig|samrøystes|vedtatt|vedteke|innstilling)", t, re.I))
    return True


def _is_signature(row: Row) -> bool:
    words = set(_rules()["signatur_funksjoner"])
    toks = [s.text.strip().lower() for s in row.segments]
    if toks and all(t in words for t in toks):
        return True
    if len(row.segments) >= 2 and all(re.fullmatch(r"[A-ZÆØÅ][\wæøå.\-]+(?: [A-ZÆØÅ][\wæøå.\-]+){1,3}", s.text.strip())
                                      for s in row.segments):
        return True
    return False


# --------------------------------------------------------------------------- sections


@dataclass
class Section:
    kind: str
    head: Row | None
    rest: str = ""
    rows: list[Row] = field(default_factory=list)
    navn: str = ""
    parti: str = ""
    forslagstype: str = ""

    @property
    def text(self) -> str:
        lines = ([self.rest] if self.rest else []) + [r.text for r in self.rows]
        return clean_text(join_lines(lines))

    @property
    def all_rows(self) -> list[Row]:
        return ([self.head] if self.head is not None else []) + self.rows

    @property
    def first_row(self) -> Row | None:
        if self.rest or not self.rows:
            return self.head
        return self.rows[0]


def clean_text(text: str) -> str:
    """A section's text, or "" when it only stands in for a withheld or missing text."""
    if any(p.match(text) for p in _compiled("tom_tekst")):
        return ""
    return text


@dataclass
class Behandling:
    """One committee's treatment of a case: its sections in order."""

    utvalg: str
    dato: str
    saksnr: str = ""
    head: Row | None = None
    sections: list[Section] = field(default_factory=list)
    votes: list[tuple[str, Row]] = field(default_factory=list)  # vote texts as printed, in order


def _split(rows: list[Row], base: Behandling | None) -> tuple[list[Section], list[Behandling]]:
    """Sections of a case's rows; `pre` holds those before any treatment (saksframlegg part)."""
    pre: list[Section] = []
    behandlinger: list[Behandling] = []
    cur_b = base
    if base is not None:
        behandlinger.append(base)
    section: Section | None = None

    def target() -> list[Section]:
        return cur_b.sections if cur_b is not None else pre

    for row in rows:
        h = classify_row(row.text)
        if h is None and section is not None and section.kind == "forslag" and _match("forslag_slutt", fold(row.text)):
            section = Section("behandling", row, rest=fold(row.text))
            target().append(section)
            continue
        if h is None and section is not None and section.kind in ("vedtak", "innstilling", "forslag") \
                and (section.rows or section.rest) and _is_signature(row):
            h = Heading("stopp")
        if h is not None and h.kind == "innstilling" and h.rest and _is_vote_row(h.rest, None):
            h = None  # `Kommunedirektørens innstilling: Vedtatt med 17 mot 8 stemmer.` is a vote
            vote_row = True
        else:
            vote_row = h is None and _is_vote_row(row.text, section.kind if section else None)
        if h is not None and h.kind == "innstilling" and section is not None and section.kind == "vedtak" \
                and not section.rows and not section.rest:
            continue  # `FSK- 112/23 Vedtak:` / `Formannskapets innstilling til kommunestyret:` introduces the text
        if vote_row:
            if section is not None and section.kind == "votering":
                section.rows.append(row)
            else:
                section = Section("votering", row, rest=fold(row.text))
                target().append(section)
            continue
        if h is None:
            if section is not None:
                section.rows.append(row)
            continue
        if h.kind == "stopp":
            section = None
            continue
        if h.kind in ("behandling_i", "vedtak") and h.utvalg and h.dato:
            same = cur_b is not None and cur_b.dato == h.dato and slug(cur_b.utvalg) == slug(h.utvalg)
            if not same:
                cur_b = Behandling(h.utvalg, h.dato, saksnr=h.saksnr, head=row)
                behandlinger.append(cur_b)
        elif h.kind == "vedtak" and h.saksnr and cur_b is not None and not cur_b.saksnr:
            cur_b.saksnr = h.saksnr
        kind = "behandling" if h.kind == "behandling_i" else h.kind
        section = Section(kind, row, rest=h.rest, navn=h.navn, parti=h.parti, forslagstype=h.forslagstype)
        target().append(section)
    return pre, behandlinger


# --------------------------------------------------------------------------- votes


@dataclass
class VoteRec:
    vote: Vote
    sentence: str
    row: Row
    forslag: str
    forslagstype: str
    forslagsstiller: str = ""
    parti: str = ""


def _row_of(sentence: str, sec: Section) -> Row | None:
    """The row a sentence of a section starts on (its first words printed there)."""
    words = sentence.split()[:3]
    candidates = ([(sec.rest, sec.head)] if sec.rest else []) + [(r.text, r) for r in sec.rows]
    for n in (3, 2, 1):
        probe = " ".join(words[:n])
        for text, row in candidates:
            if probe and probe in fold(text):
                return row
    return sec.head or (sec.rows[0] if sec.rows else None)


def _vote_sentences(b: Behandling) -> list[tuple[str, Row]]:
    out = []
    for sec in b.sections:
        if sec.kind == "votering" and sec.head is not None:
            text = sec.text
            if text:
                out.extend((s, _row_of(s, sec)) for s in split_sentences(text))
        elif sec.kind == "behandling":
            for s in split_sentences(sec.text):
                v = parse_vote(s)
                if has_result(s) and (v.enstemmig or v.antall_for is not None or re.search(
                        r"(?i)\b(?:innstilling|forslag|framlegg)", s)):
                    out.append((s, _row_of(s, sec)))
    return [(s, r) for s, r in out if r is not None]


def _last_text(sections: list[Section], kind: str) -> tuple[str, Section | None]:
    for sec in reversed(sections):
        if sec.kind == kind and sec.text:
            return sec.text, sec
    return "", None


def _forslag_type(word: str) -> str:
    w = word.lower()
    return ("tilleggsforslag" if "tillegg" in w else "endringsforslag" if "endring" in w
            else "utsettelsesforslag" if "utsett" in w or "utsetj" in w else "forslag")


def _subject(sentence: str, forslag: list[Section]) -> tuple[str, int | None]:
    """What a vote sentence is about: ("innstilling", None), ("forslag", index) or ("", None).

    The subject named last before the first result word wins (`Ved alternativ votering
    mellom innstillingen og forslaget fra H ble innstillingen vedtatt`)."""
    rules = _rules()["stemmer"]
    res = re.search(rules["resultatord"], sentence, re.IGNORECASE)
    cut = res.start() if res else len(sentence)
    mentions: list[tuple[int, str, int | None]] = []
    for pat in rules["gjelder_innstilling"]:
        for m in re.finditer(pat, sentence, re.IGNORECASE):
            mentions.append((m.start(), "innstilling", None))
    taken = [(m0, m1) for m0, _, _ in mentions for m1 in [m0]]
    for pat in rules["gjelder_forslag"]:
        for m in re.finditer(pat, sentence, re.IGNORECASE):
            if any(abs(m.start() - t) < 3 for t, _ in taken):
                continue
            # `forslag til vedtak` is the innstilling, already counted
            if re.match(r"(?i)(?:forslag|framlegg)\s+til\s+vedtak", sentence[m.start():]):
                continue
            hvem = m.groupdict().get("hvem") or ""
            typ = _forslag_type(m.group("type"))
            idx = _find_forslag(forslag, hvem, typ)
            mentions.append((m.start(), "forslag", idx))
    if not mentions:
        return "", None
    before = [x for x in mentions if x[0] < cut]
    pick = max(before, key=lambda x: x[0]) if before else min(mentions, key=lambda x: x[0])
    return pick[1], pick[2]


def _find_forslag(forslag: list[Section], hvem: str, typ: str) -> int | None:
    if not forslag:
        return None
    if hvem:
        words = [w for w in re.split(r"\s+(?:og\s+)?", hvem) if w]
        for i, f in enumerate(forslag):
            if f.navn and (f.navn in hvem or f.navn.split()[-1] in words):
                return i
        for i, f in enumerate(forslag):
            if f.parti and words and f.parti.casefold() == words[0].casefold():
                return i
    if typ != "forslag":
        for i, f in enumerate(forslag):
            if f.forslagstype == typ:
                return i
    return len(forslag) - 1


def _content_type(f: Section) -> str:
    if f.forslagstype != "forslag":
        return f.forslagstype
    for kind, pats in _rules().get("forslag_innhold", {}).items():
        if any(re.match(p, f.text, re.IGNORECASE) for p in pats):
            return kind
    return f.forslagstype


def _other_subject(sentence: str, forslag: list[Section]) -> tuple[str, int | None]:
    """The proposal named in an alternative vote sentence besides the innstilling."""
    for pat in _rules()["stemmer"]["gjelder_forslag"]:
        m = re.search(pat, sentence, re.IGNORECASE)
        if m and not re.match(r"(?i)(?:forslag|framlegg)\s+til\s+vedtak", sentence[m.start():]):
            return "forslag", _find_forslag(forslag, m.groupdict().get("hvem") or "", _forslag_type(m.group("type")))
    return "", None


def _mergeable(prev: VoteRec, v: Vote) -> bool:
    p = prev.vote
    if v.antall_for is not None and p.antall_for is not None and not (v.navn_for or v.navn_mot):
        return False
    if v.resultat != "ukjent" and p.resultat != "ukjent":
        return False
    if v.enstemmig and p.enstemmig:
        return False
    return True


def _merge(p: Vote, v: Vote) -> None:
    if p.resultat == "ukjent":
        p.resultat = v.resultat
    if v.enstemmig is not None and p.enstemmig is None:
        p.enstemmig = v.enstemmig
    for f in ("antall_for", "antall_mot", "n_for_printed", "n_mot_printed"):
        if getattr(p, f) is None and getattr(v, f) is not None:
            setattr(p, f, getattr(v, f))
    p.navn_for = p.navn_for or v.navn_for
    p.navn_mot = p.navn_mot or v.navn_mot
    p.flertall = p.flertall or v.flertall
    p.dobbeltstemme = p.dobbeltstemme or v.dobbeltstemme
    if p.enstemmig is None and (p.flertall or p.antall_mot):
        p.enstemmig = False


def _votes(b: Behandling, innstilling: str, vedtakstekst: str) -> list[VoteRec]:
    forslag = [s for s in b.sections if s.kind == "forslag" and s.text]
    sentences = _vote_sentences(b)
    alternativ = any(re.search(r"(?i)\balternativ", s) for s, _ in sentences)
    recs: list[VoteRec] = []
    keys: list[tuple[str, int | None]] = []
    for sentence, row in sentences:
        v = parse_vote(sentence)
        if not (v.enstemmig or v.antall_for is not None or v.navn_for or v.navn_mot or v.resultat != "ukjent"):
            continue
        kind, idx = _subject(sentence, forslag)
        if not kind:
            # No subject named: names and counts continue the vote before; else the
            # innstilling when nothing else was proposed, or the last proposal.
            if recs and _mergeable(recs[-1], v):
                _merge(recs[-1].vote, v)
                continue
            kind, idx = ("innstilling", None) if not forslag or not recs and not forslag else ("forslag", len(forslag) - 1)
            if forslag and not recs and re.search(r"(?i)omforent|felles", forslag[-1].head.text if forslag[-1].head else ""):
                kind, idx = "forslag", len(forslag) - 1
        key = (kind, idx)
        if recs and keys[-1] == key and _mergeable(recs[-1], v):
            _merge(recs[-1].vote, v)
            continue
        own_alt = bool(re.search(r"(?i)\balternativ", sentence))
        if kind == "forslag" and idx is not None:
            f = forslag[idx]
            ftype = _content_type(f)
            ftype = "alternativ" if alternativ and ftype == "forslag" else ftype
            if ftype == "utsettelsesforslag":
                ftype = "forslag"
            recs.append(VoteRec(v, sentence, row, f.text, ftype, f.navn, f.parti))
        else:
            recs.append(VoteRec(v, sentence, row, innstilling or vedtakstekst, "alternativ" if own_alt else "innstilling"))
        keys.append(key)
        if own_alt and kind == "innstilling" and forslag and v.antall_for is not None and v.resultat == "vedtatt":
            # `Ved alternativ votering mellom innstillingen og forslaget fra H ble innstillingen
            # vedtatt med 15 mot 10 stemmer`: the other side's vote is printed in the same breath.
            other_kind, other = _other_subject(sentence, forslag)
            if other is not None:
                f = forslag[other]
                ov = Vote(enstemmig=False, antall_for=v.antall_mot, antall_mot=v.antall_for, resultat="falt", flertall=True)
                recs.append(VoteRec(ov, sentence, row, f.text, "alternativ", f.navn, f.parti))
                keys.append(("forslag", other))
    # In an alternative vote between two proposals, one side's votes are the other's against.
    if alternativ and len(recs) == 2:
        a, c = recs
        if a.vote.antall_mot is None and c.vote.antall_for is not None and a.vote.antall_for is not None:
            a.vote.antall_mot = c.vote.antall_for
        if c.vote.antall_mot is None and a.vote.antall_for is not None and c.vote.antall_for is not None:
            c.vote.antall_mot = a.vote.antall_for
    return recs


# --------------------------------------------------------------------------- decisions


def _norm(text: str) -> str:
    return re.sub(r"[^\wæøå]+", " ", (text or "").casefold()).strip()


def endret(innstilling: str, vedtakstekst: str) -> bool | None:
    """True when the adopted text differs from the proposal; None when one is missing."""
    if not innstilling or not vedtakstekst:
        return None
    return _norm(innstilling) != _norm(vedtakstekst)


def utfall_of(vedtakstekst: str, votes: list[VoteRec], vote_text: str) -> str:
    kind = classify_utfall(vedtakstekst)
    if not kind:
        kind = classify_utfall(vote_text)
        kind = "" if kind == "ikke_vedtatt" else kind  # one proposal falling is no outcome
    if kind == "tatt_til_orientering":
        if len(vedtakstekst.split()) <= _rules().get("orientering_maks_ord", 30):
            return kind
        kind = ""
    if kind:
        return kind
    if any(r.vote.resultat == "vedtatt" for r in votes) or vedtakstekst:
        return "vedtatt"
    if votes and all(r.vote.resultat == "falt" for r in votes):
        return "ikke_vedtatt"
    return "ukjent"


def _arkivsaksnr(rows: list[Row]) -> str:
    pat = re.compile(_rules()["arkivsaksnr_etikett"], re.IGNORECASE)
    for row in rows:
        for seg in row.segments:
            m = pat.match(seg.text.strip())
            if m:
                value = seg.text.strip()[m.end():] or (row.text.split(seg.text, 1)[-1])
                a = normalize_arkivsaksnr(value)
                if a:
                    return a
    return ""


def _bodyless(b: Saksblokk) -> bool:
    """A block without any section heading of its own (a listed referatsak, `Arkivsak: ...`)."""
    return all(classify_row(r.text) is None and not _is_vote_row(r.text, None) for r in b.rows)


def _groups(blokker: tuple[Saksblokk, ...]) -> list[tuple[Saksblokk, list[Row], bool]]:
    """Case blocks with their rows. A listed item with no body of its own, followed by
    listed sub-items (referatsaker) without bodies, owns the body after the last of them."""
    out: list[tuple[Saksblokk, list[Row], bool]] = []
    i = 0
    while i < len(blokker):
        b = blokker[i]
        if _bodyless(b) and b.saksnr.sakstype:
            j = i + 1
            while j < len(blokker) and _bodyless(blokker[j]) and blokker[j].saksnr.sakstype != b.saksnr.sakstype:
                j += 1
            if j > i + 1 and j < len(blokker) and blokker[j].saksnr.sakstype != b.saksnr.sakstype:
                out.append((b, list(blokker[j].rows), True))
                i = j + 1
                continue
        out.append((b, list(b.rows), False))
        i += 1
    return out


def _regions(struktur) -> list[tuple[str, list[Row], Row | None, bool]]:
    """The document's rows cut into case blocks and the stretches between them, in order.
    The flag marks a body taken over from a listed sub-item (its labels are the sub-item's)."""
    owner: dict[int, int] = {}
    heads: dict[int, tuple[str, Row]] = {}
    groups = _groups(struktur.blokker)
    for k, (blokk, rows, _) in enumerate(groups):
        heads[k] = (blokk.saksnr.printed, blokk.heading)
        owner[id(blokk.heading)] = k
        for r in rows:
            owner[id(r)] = k
    listed = {id(r) for r in struktur.saksliste}
    regions: list[tuple[str, list[Row], Row | None, bool]] = []
    current = object()
    for row in struktur.rows:
        if id(row) in listed:
            continue
        k = owner.get(id(row))
        if k is not None and row is heads[k][1]:
            regions.append((heads[k][0], [], row, False))
            current = k
            continue
        if k != current or not regions:
            regions.append((heads[k][0] if k is not None else "", [], heads[k][1] if k is not None else None,
                            k is not None and groups[k][2]))
            current = k
        regions[-1][1].append(row)
    return regions


def extract_vedtak(ktx: Kontekst, found: dict) -> dict[str, list]:
    struktur, dok_id = ktx.struktur, ktx.dokument_id
    mote = struktur.mote
    protokoll = struktur.dokumenttype in PROTOKOLL
    saker = {re.sub(r"\s+", "", s.saksnr).casefold(): s for s in found.get("saker", [])}
    out: dict[str, list] = {"vedtak": [], "voteringer": [], "stemmer": [], "deltakere": [], "inhabilitet": [],
                            "advarsler": []}

    if protokoll:
        out["deltakere"] = extract_deltakere(struktur.rows, ktx.mote_id, dok_id)

    regions = _regions(struktur)
    doc_arkiv = _arkivsaksnr([r for r in struktur.rows if r.page <= 2])
    seen_ids: set[str] = set()
    for saksnr, rows, heading, absorbed in regions:
        base = None
        if protokoll and saksnr:
            base = Behandling(mote.utvalg, mote.motedato, saksnr=saksnr, head=heading)
        elif protokoll and struktur.dokumenttype == "saksprotokoll" and not struktur.blokker:
            base = Behandling(mote.utvalg, mote.motedato, saksnr=_printed_saksnr(rows), head=rows[0] if rows else None)
        pre, behandlinger = _split(rows, base)
        pre_innst, _ = _last_text(pre, "innstilling")
        sak = saker.get(re.sub(r"\s+", "", saksnr).casefold()) if saksnr else None
        arkiv = (sak.arkivsaksnr if sak and sak.arkivsaksnr else "") or (_arkivsaksnr(rows) if not absorbed else "") or (doc_arkiv if not struktur.blokker or len(struktur.blokker) == 1 else "")
        for b in behandlinger:
            _emit(ktx, out, b, pre_innst, saksnr, sak, arkiv, protokoll, seen_ids, rows)
    return out


def _printed_saksnr(rows: list[Row]) -> str:
    pat = re.compile(_rules()["saksnr_etikett"], re.IGNORECASE)
    for row in rows[:40]:
        m = pat.match(fold(row.text))
        if m:
            s = parse_saksnr(fold(row.text)[m.end():])
            if s:
                return s.printed
    return ""


def _saksgang_saksnr(rows: list[Row], b: Behandling) -> str:
    """The committee's case number from a saksframlegg's Saksgang table row
    (`Formannskapet | 61/17 | 07.06.2017`), matched on committee and date."""
    for row in rows:
        if row is b.head:
            break
        segs = [fold(x.text) for x in row.segments]
        if len(segs) < 3 or not any(slug(t) == slug(b.utvalg) for t in segs):
            continue
        if not any(parse_date(t) == b.dato for t in segs):
            continue
        for t in segs:
            sn = parse_saksnr(t)
            if sn and fold(t) == sn.printed:
                return sn.printed
    return ""


def _emit(ktx: Kontekst, out: dict, b: Behandling, pre_innst: str, saksnr: str, sak, arkiv: str,
          protokoll: bool, seen_ids: set[str], region_rows: list[Row]) -> None:
    mote = ktx.struktur.mote
    dok_id = ktx.dokument_id
    vedtakstekst, vsec = _last_text(b.sections, "vedtak")
    innstilling, isec = _last_text(b.sections, "innstilling")
    innstilling = innstilling or pre_innst
    own_meeting = protokoll or (b.dato == mote.motedato and slug(b.utvalg) == slug(mote.utvalg))
    votes = _votes(b, innstilling, vedtakstekst)
    vote_text = " ".join(r.sentence for r in votes)
    if not vedtakstekst and not votes and not classify_utfall(" ".join(s.text for s in b.sections if s.kind == "behandling")):
        return
    if not b.dato and not b.utvalg:
        return
    sak_saksnr = saksnr if own_meeting else (b.saksnr or _saksgang_saksnr(region_rows, b))
    if own_meeting and sak is not None:
        sid = sak.sak_id
        mid = sak.mote_id
    else:
        mid = ktx.mote_id if own_meeting else make_mote_id(mote.kommune, b.utvalg, b.dato, dok_id)
        s = parse_saksnr(sak_saksnr) if sak_saksnr else None
        sid = make_sak_id(mid, s.lopenr if s else None, s.saksaar if s else None, sak_saksnr or arkiv)
    beh_text = " ".join(s.text for s in b.sections if s.kind == "behandling")
    utfall = utfall_of(vedtakstekst, votes, vote_text + " " + beh_text)
    adopted = [r for r in votes if r.vote.resultat == "vedtatt"]
    deciding = adopted[0] if adopted else (votes[0] if len(votes) == 1 else None)
    votering = "ukjent"
    sf = sm = None
    if deciding is not None:
        if any(r.vote.flertall or r.vote.antall_mot or r.vote.enstemmig is False for r in adopted or [deciding]):
            votering = "flertall"
        elif deciding.vote.enstemmig:
            votering = "enstemmig"
        sf, sm = deciding.vote.antall_for, deciding.vote.antall_mot
        if deciding.vote.enstemmig and sm is None and sf is not None:
            sm = 0
    rows_for_box = (vsec.all_rows if vsec else []) or (b.sections[0].all_rows if b.sections else [])
    first = (vsec.first_row if vsec else None) or (votes[0].row if votes else b.head)
    vid = "v-" + short_hash(dok_id, sak_saksnr, arkiv, b.utvalg, b.dato, first.page if first else "", first.top if first else "")
    if vid in seen_ids:
        return
    seen_ids.add(vid)
    out["vedtak"].append(Vedtak(
        vedtak_id=vid, sak_id=sid, saksnr=sak_saksnr, arkivsaksnr=arkiv, utvalg=b.utvalg, motedato=b.dato,
        innstilling=innstilling, vedtakstekst=vedtakstekst, utfall=utfall, votering=votering,
        stemmer_for=sf, stemmer_mot=sm, endret_fra_innstilling=endret(innstilling, vedtakstekst),
        dokument_id=dok_id, side=first.page if first else None, bbox=union(r.bbox for r in rows_for_box),
    ))
    for n, r in enumerate(votes):
        v = r.vote
        votid = f"{vid}-{n + 1}"
        out["voteringer"].append(Votering(
            votering_id=votid, mote_id=mid, sak_id=sid, saksnr=sak_saksnr, dokument_id=dok_id, side=r.row.page,
            forslag=r.forslag, forslagstype=r.forslagstype, forslagsstiller=r.forslagsstiller, parti=r.parti,
            antall_for=v.antall_for, antall_mot=v.antall_mot if v.antall_mot is not None else (0 if v.enstemmig and v.antall_for is not None else None),
            enstemmig=bool(v.enstemmig), resultat=v.resultat, bbox=r.row.bbox,
        ))
        alt = "alternativ" in r.forslagstype
        for navn, parti in v.navn_for:
            out["stemmer"].append(Stemme(votid, navn, parti, f"alternativ_{n + 1}" if alt else "for", dok_id))
        for navn, parti in v.navn_mot:
            out["stemmer"].append(Stemme(votid, navn, parti, "mot", dok_id))
        for msg in count_mismatches(v):
            out["advarsler"].append(Advarsel(dok_id, r.row.page, "vedtak", f"{sak_saksnr or arkiv} ({b.utvalg} {b.dato}), votering {n + 1}: {msg}"))
    _emit_inhabile(out, b, mid, sid, sak_saksnr, dok_id)


def _emit_inhabile(out: dict, b: Behandling, mote_id: str, sak_id: str, saksnr: str, dok_id: str) -> None:
    """Members the treatment declares inhabil; names completed from the attendance list."""
    kjente = [(d.navn, d.parti) for d in out["deltakere"]]
    for sec in b.sections:
        if sec.kind not in ("behandling", "votering"):
            continue
        for navn, parti in find_inhabile(sec.text, kjente):
            if any(i.navn == navn and i.sak_id == sak_id for i in out["inhabilitet"]):
                continue
            rows = sec.all_rows
            hit = next((r for r in rows if navn.split()[-1] in r.text), rows[0] if rows else None)
            out["inhabilitet"].append(Inhabil(
                mote_id=mote_id, sak_id=sak_id, saksnr=saksnr, dokument_id=dok_id, navn=navn, parti=parti,
                utvalg=b.utvalg, motedato=b.dato, side=hit.page if hit else None, bbox=hit.bbox if hit else None))
