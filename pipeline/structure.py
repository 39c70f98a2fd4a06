"""Structure stage: what kind of document this is, and where its parts are.

Works on the reading stage's `Dokument` only. Produces `Struktur`: the document's
facts (type, kommune, utvalg, dates, målform), its content rows in reading order
with running headers/footers and page numbers removed, the saksliste rows, and one
block of rows per case. Extractors take their input from here.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from .model import BBox, Dokument, Line, union
from .parse.dates import parse_date, parse_time
from .parse.saksnr import Saksnr, parse_saksnr
from .rules import load_rules, pattern

ROW_TOLERANCE = 3.0  # points: segments whose tops differ less share a row


@dataclass(frozen=True)
class Row:
    """One visual line of a page: its segments left to right.

    Its text and boxes are computed once (extractors ask for them thousands of times).
    """

    page: int
    segments: tuple[Line, ...]

    @cached_property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @cached_property
    def bbox(self) -> BBox:
        return union(s.bbox for s in self.segments)

    @cached_property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @cached_property
    def x0(self) -> float:
        return min(s.x0 for s in self.segments)


@dataclass(frozen=True)
class Moteinfo:
    kommune: str = ""
    utvalg: str = ""
    motedato: str = ""
    tidspunkt: str = ""
    motested: str = ""
    side: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class Behandling:
    """One line of the Saksgang table."""

    utvalg: str
    saksnr: str  # as printed in the table (`5/17`), "" when not yet numbered
    lopenr: int | None
    saksaar: int | None
    motedato: str


@dataclass(frozen=True)
class Saksblokk:
    """The rows that belong to one case: from its heading to the next case's."""

    saksnr: Saksnr
    heading: Row
    rows: tuple[Row, ...]

    @property
    def first_page(self) -> int:
        return self.heading.page

    @property
    def last_page(self) -> int:
        return self.rows[-1].page if self.rows else self.heading.page


@dataclass(frozen=True)
class Struktur:
    dokumenttype: str
    maalform: str
    mote: Moteinfo
    rows: tuple[Row, ...]
    saksliste: tuple[Row, ...]
    blokker: tuple[Saksblokk, ...]


def page_rows(dok: Dokument) -> tuple[Row, ...]:
    """All rows of all pages, top to bottom, running headers and page numbers removed."""
    raw: list[Row] = []
    for page in dok.pages:
        current: list[Line] = []
        for seg in sorted(page.lines, key=lambda s: (s.top, s.x0)):
            if current and abs(seg.top - current[0].top) > ROW_TOLERANCE:
                raw.append(Row(page.nr, tuple(sorted(current, key=lambda s: s.x0))))
                current = []
            current.append(seg)
        if current:
            raw.append(Row(page.nr, tuple(sorted(current, key=lambda s: s.x0))))
    furniture = _furniture(raw, len(dok.pages))
    return tuple(r for i, r in enumerate(raw) if i not in furniture)


def _furniture(rows: list[Row], n_pages: int) -> set[int]:
    """Indexes of rows that are page numbers, or running headers/footers.

    A line printed at the same height on most pages is a running header/footer. Rows
    are grouped by their text with digits folded and sorted by height, so each row is
    compared only with its neighbours in its group: linear, not quadratic, in the
    number of rows (a 300-page document has ~15 000).
    """
    numbers = [re.compile(p, re.IGNORECASE) for p in load_rules("mote")["sidetall"]]
    texts = [r.text.strip() for r in rows]
    out = {i for i, t in enumerate(texts) if any(p.match(t) for p in numbers)}
    if n_pages < 3:
        return out
    need = max(3, n_pages // 2)
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        groups.setdefault(re.sub(r"\d+", "#", t), []).append(i)
    for members in groups.values():
        if len({rows[i].page for i in members}) < need:
            continue
        placed = sorted((rows[i].top, rows[i].page, i) for i in members)
        tops = [t for t, _, _ in placed]
        for top, _, i in placed:
            lo = bisect.bisect_right(tops, top - 2)
            hi = bisect.bisect_left(tops, top + 2)
            if len({page for _, page, _ in placed[lo:hi]}) >= need:
                out.add(i)
    return out


def _first_lines(dok: Dokument, pages: int) -> list[str]:
    """Printed lines of the first pages, running headers included: they often name the paper."""
    return [ln for p in dok.pages[:pages] for ln in p.text.split("\n") if ln.strip()]


def detect_dokumenttype(dok: Dokument) -> str:
    rules = load_rules("dokumenttyper")
    first = _first_lines(dok, rules.get("sider", 3))
    order = rules["rekkefolge"]
    compiled = {kind: [re.compile(p, re.IGNORECASE) for p in rules["overskrifter"][kind]] for kind in order}
    for line in first:
        for kind in order:
            if any(p.search(line) for p in compiled[kind]):
                return kind
    return "annet"


def detect_maalform(text: str) -> str:
    rules = load_rules("maalform")
    words = Counter(re.findall(r"[a-zæøåòé]+", text.lower()))
    nn = sum(words[w] for w in rules["nynorsk"])
    nb = sum(words[w] for w in rules["bokmal"])
    if nn == 0 and nb == 0:
        return ""
    return "nn" if nn > nb * rules.get("forhold", 1.2) else "nb"


def _label_value(rows: tuple[Row, ...], labels: list[str]) -> tuple[str, Row | None]:
    """Value printed after a label (`Dato: 12.06.2017`), on the same row."""
    alt = "|".join(re.escape(lb) for lb in sorted(labels, key=len, reverse=True))
    pat = re.compile(rf"(?:^|\s)(?:{alt})\s*:\s*(.*)$", re.IGNORECASE)
    for row in rows:
        for i, seg in enumerate(row.segments):
            m = pat.search(seg.text)
            if not m:
                continue
            value = m.group(1).strip()
            if not value and i + 1 < len(row.segments):
                value = row.segments[i + 1].text.strip()
            # A value that is itself another label means the layout put values elsewhere.
            if value and not re.match(r"^[A-ZÆØÅa-zæøå ]+:\s*$", value):
                return value, row
    return "", None


def detect_kommune(dok: Dokument) -> str:
    for line in _first_lines(dok, 2):
        m = pattern("mote", "kommune", 0).search(line)
        if m:
            return m.group(1)
    return ""


def detect_mote(rows: tuple[Row, ...], kommune: str, dokumenttype: str) -> Moteinfo:
    rules = load_rules("mote")
    labels = rules["etiketter"]
    head = tuple(r for r in rows if r.page <= 2)
    utvalg, urow = _label_value(head, labels["utvalg"])
    utvalg_re = re.compile(rules["utvalg"], re.IGNORECASE)
    if utvalg:
        m = utvalg_re.search(utvalg)
        utvalg = m.group(0) if m else utvalg
    elif dokumenttype in load_rules("dokumenttyper")["motedokumenter"]:
        for r in head:
            m = utvalg_re.search(r.text)
            if m:
                utvalg, urow = m.group(0), r
                break
    utvalg = utvalg[:1].upper() + utvalg[1:]
    saksframlegg = dokumenttype == "saksframlegg"
    dato_text, drow = _label_value(head, labels["motedato_saksframlegg"] if saksframlegg else labels["motedato"])
    motedato = parse_date(dato_text)
    step = saksgang_mote(rows, utvalg) if saksframlegg else None
    if step is not None:
        utvalg, motedato, urow = step[0].utvalg, step[0].motedato, step[1]
    tid_text, _ = _label_value(head, labels["tidspunkt"])
    tidspunkt = parse_time(tid_text)
    motested, _ = _label_value(head, labels["motested"])
    anchor = urow or drow
    return Moteinfo(
        kommune=kommune, utvalg=utvalg, motedato=motedato, tidspunkt=tidspunkt, motested=motested,
        side=anchor.page if anchor else None, bbox=anchor.bbox if anchor else None,
    )


def item_start(row: Row) -> Saksnr | None:
    """The saksnr a row starts with, if its first segment opens with one."""
    if not row.segments:
        return None
    return parse_saksnr(row.segments[0].text)


def find_saksliste(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """Rows of the saksliste: from its heading through the last listed item."""
    heading = pattern("saksnr", "saksliste_overskrift")
    start = next((i for i, r in enumerate(rows) if heading.search(r.text)), None)
    if start is None:
        return ()
    out: list[Row] = []
    last_item_page = rows[start].page
    seen: set[str] = set()
    for row in rows[start + 1:]:
        sak = item_start(row)
        if sak is not None:
            if sak.printed in seen:
                break  # the list is over: the papers repeat the first item as heading
            seen.add(sak.printed)
            last_item_page = row.page
        elif row.page > last_item_page + 1 or (row.page > last_item_page and not out):
            break
        out.append(row)
    # Drop trailing rows after the last item that are on a later page (signature etc. stays).
    while out and item_start(out[-1]) is None and out[-1].page > last_item_page:
        out.pop()
    return tuple(out)


def find_blokker(rows: tuple[Row, ...], saksliste: tuple[Row, ...]) -> tuple[Saksblokk, ...]:
    """Case blocks: a row outside the saksliste starting with a saksnr opens one."""
    listed = {id(r) for r in saksliste}
    paper = pattern("saksframlegg", "overskrift")
    starts = []
    for i, row in enumerate(rows):
        if id(row) in listed:
            continue
        if paper.match(row.text):
            starts.append((i, None))  # a case paper ends the previous case's block
            continue
        sak = item_start(row)
        if sak is not None and sak.prefix or (sak is not None and len(row.segments) >= 1 and _heading_like(row)):
            starts.append((i, sak))
    blokker = []
    for k, (i, sak) in enumerate(starts):
        if sak is None:
            continue
        end = starts[k + 1][0] if k + 1 < len(starts) else len(rows)
        body = tuple(r for r in rows[i + 1:end] if id(r) not in listed)
        blokker.append(Saksblokk(sak, rows[i], body))
    return tuple(blokker)


def _heading_like(row: Row) -> bool:
    # A bare `024/24 Title` row is a case heading when a title follows the number.
    rest = row.text.split(None, 1)
    return len(rest) == 2 and len(rest[1]) > 3 and not rest[1][0].isdigit()


def is_saksgang_header(row: Row) -> bool:
    cols = pattern("saksframlegg", "saksgang_kolonner")
    return len(row.segments) >= 2 and all(cols.match(s.text.strip()) for s in row.segments) and any(
        "dato" in s.text.lower() for s in row.segments
    )


def read_saksgang(rows: tuple[Row, ...], start: int) -> tuple[list[Behandling], int]:
    out = []
    i = start + 1
    while i < len(rows):
        row = rows[i]
        dato = parse_date(row.segments[-1].text)
        if not dato or len(row.segments) < 2:
            break
        utvalg = row.segments[0].text.strip()
        number = next((s.text.strip() for s in row.segments[1:-1] if parse_saksnr(s.text)), "")
        parsed = parse_saksnr(number) if number else None
        out.append(Behandling(utvalg, number, parsed.lopenr if parsed else None,
                              parsed.saksaar if parsed else None, dato))
        i += 1
    return out, i


def saksgang_mote(rows: tuple[Row, ...], utvalg: str) -> tuple[Behandling, Row] | None:
    """The meeting a stand-alone saksframlegg is for: the Saksgang step of the labelled
    committee, else the first dated step. (Its `Dato:` label is the paper's own date.)"""
    for i, row in enumerate(rows):
        if row.page > 2:
            break
        if is_saksgang_header(row):
            steps, _ = read_saksgang(rows, i)
            if not steps:
                return None
            pick = next((s for s in steps if utvalg and s.utvalg.casefold() == utvalg.casefold()), steps[0])
            return pick, rows[i + 1 + steps.index(pick)]
    return None


def structure(dok: Dokument) -> Struktur:
    rows = page_rows(dok)
    saksliste = find_saksliste(rows)
    dokumenttype = detect_dokumenttype(dok)
    return Struktur(
        dokumenttype=dokumenttype,
        maalform=detect_maalform(dok.text),
        mote=detect_mote(rows, detect_kommune(dok), dokumenttype),
        rows=rows,
        saksliste=saksliste,
        blokker=find_blokker(rows, saksliste),
    )


def rows_after(rows: tuple[Row, ...], start: int, max_gap: float = 28.0,
               stop: Callable[[str], bool] | None = None) -> tuple[Row, ...]:
    """The rows of the text that follows rows[start] (a heading), up to a wide gap.

    Printed paragraphs sit ~13-20 pt apart; a gap wider than `max_gap`, a row whose text
    `stop` accepts, or a new page that does not continue a text reaching the page bottom ends it.
    """
    out: list[Row] = []
    prev = rows[start]
    for row in rows[start + 1:]:
        if stop is not None and stop(row.text):
            break
        if row.page == prev.page:
            if row.top - prev.top > max_gap + (prev.bbox[3] - prev.top):
                break
        elif row.page != prev.page + 1 or prev.top < 650 or row.top > 150:
            break
        out.append(row)
        prev = row
    return tuple(out)
