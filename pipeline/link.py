"""Follow-up status across documents: which later paper reports on which task.

Runs after extraction, over every row the output holds (this run's and earlier runs'),
because the paper that reports on a task is usually read long after the decision. A
report (`statusmeldinger`) names an earlier decision by saksnr (with date or committee
when printed); a later paper with a case on the same arkivsak reports too, without a
status; it applies to the tasks of that decision, or to one
point when it names one (`pkt. 2`). Of several reports on a task the strongest kind
(table row, then sentence, then arkivsak) from the latest paper wins.

Plain functions over rows as dicts (column -> value), so the writer can apply them to
database rows and `eval` to freshly extracted records alike.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .ids import slug
from .parse.saksnr import parse_saksnr

KILDE_RANK = {"tabell": 3, "tekst": 2, "arkivsak": 1}
# The columns linking reads, per table: the writer loads only these (a case's innstilling
# and a decision's text are most of a row and play no part). A test holds `link_status` to it.
COLUMNS = {
    "oppfolging": ("vedtak_id", "punkt", "status", "status_dokument_id"),
    "vedtak": ("vedtak_id", "saksnr", "motedato", "utvalg", "arkivsaksnr", "dokument_id"),
    "dokumenter": ("dokument_id", "kommune", "motedato"),
    "statusmeldinger": ("dokument_id", "ref_lopenr", "ref_saksaar", "ref_motedato", "ref_utvalg", "ref_arkivsaksnr",
                        "ref_punkt", "status", "kilde"),
    "saker": ("dokument_id", "arkivsaksnr"),
}


@lru_cache(maxsize=65536)
def _lopenr_aar(saksnr: str) -> tuple[int | None, int | None]:
    """Cached: every report that names a decision by number is checked against its saksnr."""
    s = parse_saksnr(saksnr or "")
    return (s.lopenr, s.saksaar) if s else (None, None)


def _refers_to(m: dict, v: dict) -> bool:
    if m.get("ref_lopenr") is not None:
        if (m["ref_lopenr"], m.get("ref_saksaar")) != _lopenr_aar(v.get("saksnr", "")):
            return False
        if m.get("ref_motedato") and v.get("motedato") and m["ref_motedato"] != v["motedato"]:
            return False
        if m.get("ref_utvalg") and v.get("utvalg") and not _same_utvalg(m["ref_utvalg"], v["utvalg"]):
            return False
        return True
    if m.get("ref_arkivsaksnr"):
        return m["ref_arkivsaksnr"] == v.get("arkivsaksnr")
    return bool(m.get("ref_motedato")) and m["ref_motedato"] == v.get("motedato") and bool(m.get("ref_utvalg")) \
        and _same_utvalg(m["ref_utvalg"], v.get("utvalg", ""))


def _same_utvalg(printed: str, utvalg: str) -> bool:
    """`Heradsstyret sitt`, `kommunestyrets`, `Kommunestyret` name the same body."""
    a = re.sub(r"(?:s|-sitt|-sin)$", "", slug(re.sub(r"\s+(?:sitt|sin)$", "", printed.strip(), flags=re.I)))
    b = re.sub(r"s$", "", slug(utvalg))
    return bool(a) and a == b


def _arkivsak_reports(saker: list[dict]) -> list[dict]:
    """A paper with a case on the same arkivsak reports on it, without saying how far."""
    seen, out = set(), []
    for s in saker:
        key = (s.get("dokument_id"), s.get("arkivsaksnr"))
        if s.get("arkivsaksnr") and key not in seen:
            seen.add(key)
            out.append({"dokument_id": s["dokument_id"], "ref_arkivsaksnr": s["arkivsaksnr"], "status": "ukjent",
                        "kilde": "arkivsak"})
    return out


def _report_key(m: dict, kommune: str) -> tuple | None:
    """The one decision property a report can match on (see `_refers_to`), with the kommune."""
    if m.get("ref_lopenr") is not None:
        return ("nr", kommune, m["ref_lopenr"], m.get("ref_saksaar"))
    if m.get("ref_arkivsaksnr"):
        return ("arkiv", kommune, m["ref_arkivsaksnr"])
    if m.get("ref_motedato") and m.get("ref_utvalg"):
        return ("dato", kommune, m["ref_motedato"])
    return None  # refers to nothing a decision has


def _decision_keys(v: dict, kommune: str) -> list[tuple]:
    lopenr, aar = _lopenr_aar(v.get("saksnr", ""))
    keys = [("nr", kommune, lopenr, aar)] if lopenr is not None else []
    if v.get("arkivsaksnr"):
        keys.append(("arkiv", kommune, v["arkivsaksnr"]))
    if v.get("motedato"):
        keys.append(("dato", kommune, v["motedato"]))
    return keys


def link_status(oppfolging: list[dict], vedtak: list[dict], dokumenter: list[dict],
                meldinger: list[dict], saker: list[dict] = ()) -> list[dict]:
    """`oppfolging` rows with `status` and `status_dokument_id` from the reports that
    refer to their decision; rows no later paper mentions keep `ny`. A report that gives
    a status beats one that does not; then the latest paper; then the stronger kind of
    evidence; then a report on the task's own point over one on the whole case.

    Reports are indexed by what they refer to (kommune and saksnr, arkivsak or meeting
    date), so each task looks only at the reports that can name its decision: linear in
    the archive rather than tasks x reports.
    """
    docs = {d["dokument_id"]: d for d in dokumenter}

    def kommune(dok_id: str) -> str:
        return (docs.get(dok_id) or {}).get("kommune") or ""

    def dato(dok_id: str) -> str:
        return (docs.get(dok_id) or {}).get("motedato") or ""

    index: dict[tuple, list[tuple[int, dict]]] = {}
    for order, m in enumerate(list(meldinger) + _arkivsak_reports(list(saker))):
        key = _report_key(m, kommune(m["dokument_id"]))
        if key is not None:
            index.setdefault(key, []).append((order, m))
    vedtak_by_id = {v["vedtak_id"]: v for v in vedtak}
    candidates: dict[str, list[dict]] = {}  # vedtak_id -> the reports that refer to it

    def reports_on(v: dict) -> list[dict]:
        if v["vedtak_id"] not in candidates:
            when, own = v.get("motedato") or "", v.get("dokument_id")
            found = []
            for key in _decision_keys(v, kommune(own)):
                for order, m in index.get(key, ()):
                    if m["dokument_id"] == own:
                        continue  # a paper does not report on its own decisions
                    later = dato(m["dokument_id"])
                    if not later or (when and later <= when) or not _refers_to(m, v):
                        continue
                    found.append((order, m))
            found.sort(key=lambda om: om[0])  # in the reports' order, so ties go as they always did
            candidates[v["vedtak_id"]] = [m for _, m in found]
        return candidates[v["vedtak_id"]]

    out = []
    for task in oppfolging:
        task = dict(task)
        v = vedtak_by_id.get(task.get("vedtak_id"))
        best = None
        for m in reports_on(v) if v is not None else ():
            if m.get("ref_punkt") and m["ref_punkt"] != str(task.get("punkt", "")).rstrip(".)"):
                continue
            informative = m.get("status") not in ("", "ukjent", None)
            key = (informative, dato(m["dokument_id"]), KILDE_RANK.get(m.get("kilde", ""), 0),
                   1 if m.get("ref_punkt") else 0)
            if best is None or key > best[0]:
                best = (key, m)
        if best is not None:
            task["status"] = best[1]["status"] or "ukjent"
            task["status_dokument_id"] = best[1]["dokument_id"]
        else:
            task["status"], task["status_dokument_id"] = "ny", ""
        out.append(task)
    return out


def link_tables(tables: dict[str, list[dict]]) -> list[dict]:
    """`link_status` over a whole output (table name -> rows as dicts)."""
    return link_status(tables.get("oppfolging", []), tables.get("vedtak", []), tables.get("dokumenter", []),
                       tables.get("statusmeldinger", []), tables.get("saker", []))
