"""Follow-up tasks (`oppfolging`) from the points of adopted decisions (issue 6).

A decision's text (`Vedtak.vedtakstekst`) is cut into its points (`1.`, `2.`, `a)`,
bullets); a point that asks someone to act (`Kommunedirektøren bes ...`, `Formannskapet
gis fullmakt ...`, `... legges fram for kommunestyret innen ...`) becomes one row, with
who (`ansvarlig`), by when (`frist`, via pipeline/parse/frister.py) and the decision's
provenance. Patterns and vocabularies live in regler/oppfolging.yaml and
regler/frister.yaml; the functions here are pure apart from reading those rules.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import union
from ..parse.frister import resolve_frist
from ..records import Oppfolging, Vedtak
from ..rules import load_rules
from .base import Kontekst


@dataclass(frozen=True)
class Punkt:
    """One point of a decision: its label as printed (without punctuation) and its text."""

    punkt: str
    tekst: str


@dataclass(frozen=True)
class Oppgave:
    ansvarlig: str  # "" when the point names no actor and the administration is unclear
    passiv: bool  # True when the actor is implied (passive voice): the administration


def _fold(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", text or "").strip()


def _rules() -> dict:
    return load_rules("oppfolging")


@lru_cache(maxsize=None)
def _marker_res() -> dict[str, re.Pattern]:
    p = _rules()["punkter"]
    months = "|".join(sorted((re.escape(m) for m in load_rules("datoer")["maaneder"]), key=len, reverse=True))
    not_after = p["ikke_etter_nummer"].replace("{maaned}", months)
    return {
        "nummer": re.compile(rf"(?:(?<=\s)|^){p['nummer']}[ \t]+(?!{not_after})", re.IGNORECASE),
        "bokstav": re.compile(rf"(?:(?<=\s)|^){p['bokstav']}[ \t]+"),
        "kule": re.compile(rf"(?:(?<=\n)|^)[ \t]*{p['kule']}[ \t]+|(?:(?<=\s)|^)•[ \t]*"),
    }


def _opens_point(text: str, m: re.Match) -> bool:
    """A marker opens a point at a line start, or after a finished sentence before a capital."""
    before = text[: m.start()].rstrip(" \t")
    if not before or before.endswith("\n"):
        return True
    after = text[m.end(): m.end() + 1]
    return before[-1] in ".:;!?)" and after[:1].isupper()


def _sequential(text: str, kind: str, first: str) -> list[re.Match]:
    out, expect = [], first
    for m in _marker_res()[kind].finditer(text):
        if m.group("nr").lower() == expect and _opens_point(text, m):
            out.append(m)
            expect = str(int(expect) + 1) if expect.isdigit() else chr(ord(expect) + 1)
    return out


def _cut(text: str, marks: list[re.Match], labels: list[str]) -> tuple[str, list[Punkt]]:
    intro = _fold(text[: marks[0].start()].replace("\n", " "))
    points = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        points.append(Punkt(labels[i], _fold(text[m.end(): end].replace("\n", " "))))
    return intro, points


def split_points(text: str) -> tuple[str, list[Punkt]]:
    """(intro, points) of a decision text. Sub-points (`a)` under `1.`) stay in their point.

    Numbers win over letters, letters over bullets; a text without any is one point `1`.
    """
    text = (text or "").strip()
    if not text:
        return "", []
    for kind, first in (("nummer", "1"), ("bokstav", "a")):
        marks = _sequential(text, kind, first)
        if marks:
            return _cut(text, marks, [m.group("nr").lower() for m in marks])
    bullets = [m for m in _marker_res()["kule"].finditer(text)]
    if len(bullets) >= 1 and (not text[: bullets[0].start()].strip() or text[: bullets[0].start()].rstrip().endswith(":")):
        return _cut(text, bullets, [str(i + 1) for i in range(len(bullets))])
    return "", [Punkt("1", _fold(text.replace("\n", " ")))]


@lru_cache(maxsize=None)
def _actor_alternation() -> str:
    return "|".join(f"(?:{v})" for v in _rules()["aktorer"].values())


@lru_cache(maxsize=None)
def _task_res() -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    alt = _actor_alternation()
    rules = _rules()
    aktiv = tuple(re.compile(p.replace("{aktor}", alt), re.IGNORECASE) for p in rules["aktiv"])
    passiv = tuple(re.compile(p, re.IGNORECASE) for p in rules["passiv"])
    return aktiv, passiv


def normalise_actor(printed: str) -> str:
    """`Kommunedirektøren` -> `kommunedirektøren`, `Rådmann` -> `rådmannen`, other bodies lower case."""
    for key, pat in _rules()["aktorer"].items():
        if key != "*" and re.fullmatch(pat, printed, re.IGNORECASE):
            return key
    return printed.lower()


def detect_task(text: str) -> Oppgave | None:
    """Whether a point asks someone to act, and whom. None for points that only note or adopt."""
    aktiv, passiv = _task_res()
    hits = [(m.start(), m) for pat in aktiv for m in [pat.search(text or "")] if m]
    if hits:
        return Oppgave(normalise_actor(min(hits, key=lambda h: h[0])[1].group("aktor")), passiv=False)
    if any(p.search(text or "") for p in passiv):
        return Oppgave("", passiv=True)
    return None


def administration_title(*texts: str) -> str:
    """The administration's head as the texts name it (`kommunedirektøren` | `rådmannen` | ...).

    Each text is tried in turn (say, the decision, then the whole document): the first
    that names one title only, or one title `administrasjon_dominans` times as often as
    any other, decides. "" when none does.
    """
    rules = _rules()
    titles = rules["administrasjon"]
    for text in texts:
        counts = Counter()
        for t in titles:
            counts[t] = len(re.findall(rf"\b{rules['aktorer'][t]}\b", text or "", re.IGNORECASE))
        ranked = counts.most_common()
        if not ranked or ranked[0][1] == 0:
            continue
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if runner_up == 0 or ranked[0][1] >= rules.get("administrasjon_dominans", 3) * runner_up:
            return ranked[0][0]
    return ""


def _body_key(name: str) -> str:
    return re.sub(r"(?:et|en|a|t)$", "", name.strip().lower())


def speaks_for_other_body(text: str, utvalg: str) -> str:
    """The other body a decision speaks for (its innstilling to kommunestyret, a quoted
    group's recommendation), or "" when the adopting `utvalg` speaks for itself or is unknown."""
    if not utvalg:
        return ""
    own = _body_key(utvalg)
    for pat in _rules().get("annet_organ", []):
        for m in re.finditer(pat, text or "", re.IGNORECASE if "innstilling" in pat else 0):
            other = _body_key(m.group("organ"))
            if not (other.startswith(own) or own.startswith(other)):
                return m.group("organ")
    return ""


def tasks_from_vedtak(vedtak: Vedtak, dokument_tekst: str = "") -> list[Oppfolging]:
    """The follow-up rows of one decision record."""
    if vedtak.utfall not in _rules()["utfall"] or not (vedtak.vedtakstekst or "").strip():
        return []
    if speaks_for_other_body(vedtak.vedtakstekst, vedtak.utvalg):
        return []
    intro, points = split_points(vedtak.vedtakstekst)
    intro_task = detect_task(intro) if intro.rstrip().endswith(":") else None
    rows = []
    for p in points:
        task = detect_task(p.tekst)
        if task is None and intro_task is not None and not intro_task.passiv:
            task = intro_task
        if task is None:
            continue
        ansvarlig = task.ansvarlig
        if task.passiv:
            ansvarlig = administration_title(vedtak.vedtakstekst, dokument_tekst)
        frist, frist_tekst = resolve_frist(p.tekst, vedtak.motedato)
        rows.append(Oppfolging(
            vedtak_id=vedtak.vedtak_id, punkt=p.punkt, ansvarlig=ansvarlig, oppgave=p.tekst,
            frist=frist, frist_tekst=frist_tekst, status="ny", status_dokument_id="",
            saksnr=vedtak.saksnr, dokument_id=vedtak.dokument_id, side=vedtak.side, bbox=vedtak.bbox,
        ))
    return rows


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-zæøåäöüé]+", "", (text or "").lower())


def locate_point(rows, punkt: str, tekst: str):
    """(side, bbox) of the printed lines where a point's text starts, or None.

    `rows` are the rows of the decision's case block. A protocol prints a point several
    times (innstilling, proposals, the decision); the adopted text is printed last, so
    the last place wins.
    """
    key, label = _norm(tekst), _norm(punkt)
    found = None
    for i, row in enumerate(rows):
        head = _norm(row.text)
        if label and head.startswith(label) and len(head) > len(label) + 8:
            head = head[len(label):]
        probe = min(len(head), len(key), 40)
        if probe < 8 or not key.startswith(head[:probe]):
            continue
        used, boxes = len(head), [row.bbox]
        for nxt in rows[i + 1:]:
            if used >= len(key) or nxt.page != row.page:
                break
            piece = _norm(nxt.text)
            if not piece or not key[used:].startswith(piece[: min(len(piece), 12)]):
                break
            used += len(piece)
            boxes.append(nxt.bbox)
        found = (row.page, union(boxes))
    return found


def _block_rows(ktx: Kontekst, vedtak: Vedtak) -> tuple:
    """Rows of the case block the decision was read from (empty when it cannot be told)."""
    blokker = [b for b in getattr(ktx.struktur, "blokker", ()) if _norm(b.saksnr.printed) == _norm(vedtak.saksnr)]
    if vedtak.side is not None:
        blokker = [b for b in blokker if b.first_page <= vedtak.side <= b.last_page]
    return blokker[0].rows if len(blokker) == 1 and vedtak.saksnr else ()


def extract_oppfolging(ktx: Kontekst, found: dict) -> dict[str, list]:
    tekst = ktx.dokument.text
    out = []
    for v in found.get("vedtak", []):
        tasks = tasks_from_vedtak(v, tekst)
        rows = _block_rows(ktx, v) if tasks else ()
        for task in tasks:
            where = locate_point(rows, task.punkt, task.oppgave) if rows else None
            if where:
                task = replace(task, side=where[0], bbox=where[1])
            out.append(task)
    return {"oppfolging": out}
