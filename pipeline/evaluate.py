"""`motedata eval`: the pipeline scored against gold annotations written by reading.

Records are matched per document on the keys of korpus/ANNOTERING.md; precision and
recall per table count matched records, and each gold field of a matched record is
scored for accuracy (text fields by similarity >= 0.9). A table absent from a gold
file is not scored for that document, so partial annotations stay honest.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from difflib import SequenceMatcher
from pathlib import Path

from .link import link_tables
from .records import TABLES, bool_columns, columns
from .run import process_document
from .text import fold

TEXT_FIELDS = {"tittel", "innstilling", "vedtakstekst", "forslag", "oppgave", "tabell_tittel", "motested"}
SIMILARITY = 0.9
SCORED_TABLES = ["moter", "saker", "vedtak", "voteringer", "stemmer", "deltakere", "inhabilitet", "oppfolging",
                 "kostnader"]
IGNORED_FIELDS = {"bbox"}


def _fold(value) -> str:
    return fold(str(value))


def _norm_key(value) -> str:
    return re.sub(r"\s+", "", str(value or "")).casefold()


def _base_key(table: str, rec: dict) -> tuple:
    if table == "saker":
        return (_norm_key(rec.get("saksnr")),)
    if table == "vedtak":
        return (_norm_key(rec.get("saksnr") or rec.get("arkivsaksnr")), rec.get("motedato") or "")
    if table == "voteringer":
        return (_norm_key(rec.get("saksnr")),)
    if table == "stemmer":
        return (_norm_key(rec.get("saksnr")), _norm_key(rec.get("navn")))
    if table == "inhabilitet":
        return (_norm_key(rec.get("saksnr")), _norm_key(rec.get("navn")))
    if table == "deltakere":
        return (_norm_key(rec.get("navn")),)
    if table == "oppfolging":
        return (_norm_key(rec.get("saksnr")), _norm_key(rec.get("punkt")).rstrip(".)"))
    if table == "kostnader":
        return (_norm_key(rec.get("rad")), _norm_key(rec.get("kolonne")), rec.get("side"))
    if table == "moter":
        return (rec.get("motedato") or "", _norm_key(rec.get("utvalg")))
    raise KeyError(table)


def _keyed(table: str, records: list[dict]) -> dict[tuple, dict]:
    """Key each record; repeated base keys are told apart by their order."""
    seen: Counter = Counter()
    out = {}
    for rec in records:
        base = _base_key(table, rec)
        out[base + (seen[base],)] = rec
        seen[base] += 1
    return out


def values_equal(field: str, gold, pred) -> bool:
    if gold in (None, "") and pred in (None, ""):
        return True
    if gold in (None, "") or pred in (None, ""):
        return False
    if isinstance(gold, bool) or isinstance(pred, bool):
        return str(gold).lower() == str(pred).lower()
    if isinstance(gold, (int, float)) and not isinstance(gold, bool):
        try:
            return abs(float(gold) - float(pred)) <= 1e-6 * max(1.0, abs(float(gold)))
        except (TypeError, ValueError):
            return False
    if field in TEXT_FIELDS:
        a, b = _fold(gold).casefold(), _fold(pred).casefold()
        return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILARITY
    return _fold(gold) == _fold(pred)


def _with_vote_saksnr(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    # stemmer carry votering_id; eval matches them on the vote's saksnr.
    saksnr_of = {v["votering_id"]: v["saksnr"] for v in tables.get("voteringer", [])}
    for s in tables.get("stemmer", []):
        s["saksnr"] = saksnr_of.get(s["votering_id"], "")
    return tables


def _predicted(result) -> dict[str, list[dict]]:
    return _with_vote_saksnr({name: [asdict(r) for r in result.tables.get(name, [])] for name in TABLES})


def _linked(predicted_by_pdf: dict[str, dict[str, list[dict]]]) -> dict[str, dict[str, list[dict]]]:
    """Follow-up status is linked across all documents scored together, as `run` does."""
    union = {name: [r for p in predicted_by_pdf.values() for r in p.get(name, [])]
             for name in ("oppfolging", "vedtak", "dokumenter", "statusmeldinger", "saker")}
    linked = iter(link_tables(union))
    for tables in predicted_by_pdf.values():
        tables["oppfolging"] = [next(linked) for _ in tables.get("oppfolging", [])]
    return predicted_by_pdf


def predicted_from_db(con: sqlite3.Connection, dokument_id: str) -> dict[str, list[dict]]:
    """One document's rows as written to the database, shaped as the pipeline's records.

    Booleans come back from their 0/1 storage, and the writer has already linked
    follow-up status across documents, so scoring these equals what `eval` scores.
    """
    tables: dict[str, list[dict]] = {}
    for name, cls in TABLES.items():
        cols, bools = columns(cls), bool_columns(cls)
        have = {r[1] for r in con.execute(f'PRAGMA table_info("{name}")')}
        if "dokument_id" not in have:
            tables[name] = []
            continue
        sql, params = f'SELECT * FROM "{name}" WHERE dokument_id = ? ORDER BY rowid', (dokument_id,)
        if name == "stemmer":
            sql = ("SELECT * FROM stemmer WHERE dokument_id = ? OR (dokument_id = '' AND votering_id IN "
                   "(SELECT votering_id FROM voteringer WHERE dokument_id = ?)) ORDER BY rowid")
            params = (dokument_id, dokument_id)
        rows = []
        for r in con.execute(sql, params):
            rec = dict(zip(cols, r))
            for b in bools:
                if rec.get(b) is not None:
                    rec[b] = bool(rec[b])
            rows.append(rec)
        tables[name] = rows
    return _with_vote_saksnr(tables)


def score_document(gold: dict, predicted: dict[str, list[dict]]) -> dict:
    """Counts for one document: per table matched/gold/predicted, per field correct/total."""
    out = {"tabeller": {}, "felt": {}}
    gdok = gold.get("dokument") or {}
    pdok = (predicted.get("dokumenter") or [{}])[0]
    for field, gval in gdok.items():
        out["felt"][f"dokumenter.{field}"] = [int(values_equal(field, gval, pdok.get(field))), 1]
    for table in SCORED_TABLES:
        if table not in gold:
            continue
        g = _keyed(table, gold[table])
        p = _keyed(table, predicted.get(table, []))
        matched = [k for k in g if k in p]
        out["tabeller"][table] = [len(matched), len(g), len(p)]
        for k in matched:
            for field, gval in g[k].items():
                if field in IGNORED_FIELDS or field not in p[k]:
                    continue
                name = f"{table}.{field}"
                ok = values_equal(field, gval, p[k].get(field))
                c = out["felt"].setdefault(name, [0, 0])
                c[0] += int(ok)
                c[1] += 1
    return out


def _run_one(pdf: str):
    return process_document(Path(pdf), fil=pdf)


def find_gold(gold_dir: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(gold_dir.rglob("*.gold.json")):
        pdf = gold.with_name(gold.name[: -len(".gold.json")] + ".pdf")
        pairs.append((gold, pdf))
    return pairs


def evaluate(gold_dir: Path, workers: int = 1) -> dict:
    pairs = find_gold(gold_dir)
    pdfs = [str(pdf) for _, pdf in pairs if pdf.exists()]
    if workers > 1 and len(pdfs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = dict(zip(pdfs, pool.map(_run_one, pdfs)))
    else:
        outcomes = {p: _run_one(p) for p in pdfs}
    predicted_by_pdf = _linked({p: _predicted(o.result) for p, o in outcomes.items() if o.result})
    entries = []
    for gold_path, pdf in pairs:
        outcome = outcomes.get(str(pdf))
        if outcome is None:
            entries.append((gold_path, pdf, None, []))
        else:
            entries.append((gold_path, pdf, predicted_by_pdf.get(str(pdf), {}), [f.feilmelding for f in outcome.feil]))
    return score_against_gold(entries)


def score_against_gold(entries: list[tuple[Path, Path, dict | None, list[str]]]) -> dict:
    """Scores of given records: one entry per gold file (gold path, PDF, predicted tables or
    None when the PDF is missing, failure messages). Used by `eval` after running the
    pipeline and by rapport.html on the rows a run wrote."""
    totals_t: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    totals_f: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    docs = []
    for gold_path, pdf, predicted, feil in entries:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        entry = {"gull": str(gold_path), "pdf": str(pdf)}
        if predicted is None:
            entry["feil"] = "PDF mangler"
            docs.append(entry)
            continue
        scores = score_document(gold, predicted)
        entry.update(scores)
        entry["feil"] = list(feil)
        docs.append(entry)
        for t, (m, g, p) in scores["tabeller"].items():
            tot = totals_t[t]
            tot[0] += m
            tot[1] += g
            tot[2] += p
        for f, (ok, n) in scores["felt"].items():
            totals_f[f][0] += ok
            totals_f[f][1] += n
    tables = {
        t: {"treff": m, "gull": g, "funnet": p,
            "presisjon": round(m / p, 4) if p else (1.0 if not g else 0.0),
            "tilbakekalling": round(m / g, 4) if g else 1.0}
        for t, (m, g, p) in sorted(totals_t.items(), key=lambda kv: SCORED_TABLES.index(kv[0]))
    }
    fields = {f: {"riktige": ok, "antall": n, "nøyaktighet": round(ok / n, 4) if n else None}
              for f, (ok, n) in sorted(totals_f.items())}
    return {"dokumenter": len(entries), "tabeller": tables, "felt": fields, "per_dokument": docs}


def format_report(report: dict) -> str:
    lines = [f"motedata eval: {report['dokumenter']} dokumenter med gullannotering", ""]
    lines.append(f"{'tabell':<12}{'gull':>7}{'funnet':>8}{'treff':>7}{'presisjon':>11}{'tilbakekalling':>16}")
    for t, s in report["tabeller"].items():
        lines.append(f"{t:<12}{s['gull']:>7}{s['funnet']:>8}{s['treff']:>7}{s['presisjon']:>11.3f}{s['tilbakekalling']:>16.3f}")
    lines += ["", f"{'felt (på matchede poster)':<36}{'riktige':>9}{'antall':>8}{'nøyaktighet':>13}"]
    for f, s in report["felt"].items():
        acc = "" if s["nøyaktighet"] is None else f"{s['nøyaktighet']:.3f}"
        lines.append(f"{f:<36}{s['riktige']:>9}{s['antall']:>8}{acc:>13}")
    failed = [d for d in report["per_dokument"] if d.get("feil")]
    if failed:
        lines += ["", "dokumenter med feil:"]
        lines += [f"  {d['pdf']}: {d['feil']}" for d in failed]
    return "\n".join(lines)
