"""Full-text search over case titles, innstilling and vedtak text (SQLite FTS5).

FTS5 has no Norwegian stemmer and Python's sqlite3 cannot register a tokenizer, so
the index holds a stemmed copy of the text (Snowball Norwegian, which also knows the
nynorsk endings -ane/-ar/-a) and the query is stemmed the same way and matched as a
prefix: "skolestruktur" finds "skolestrukturen", "barnehage" finds "barnehagane".
Nynorsk spellings listed in regler/sok.yaml are written the bokmål way first.

`build_fts` makes two tables from the contract tables already in a database:
`sok`, one row per searchable case or decision with what a hit shows, and the
FTS5 table `sok_fts` over the stemmed text, sharing `sok`'s rowid. The user's query
never reaches MATCH as written: it is parsed into words, phrases, OR and -word and
rebuilt from stems, so a stray quote gives a `SearchError` with a message, not an
SQLite syntax error.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .rules import load_rules
from .text import fold

WORD = re.compile(r"\w+")

SOK_COLUMNS = ["kilde", "sak_id", "vedtak_id", "saksnr", "kommune", "utvalg", "motedato", "aar", "tittel",
               "innstilling", "vedtakstekst", "utfall", "dokument_id", "fil", "side"]

# Rows to index: every case (title + innstilling) and every decision (title of its case,
# innstilling, adopted text), with the kommune from its document or meeting. `{where}` keeps
# the documents being indexed again; rows come in the tables' order.
_SAKER_SQL = """
SELECT 'sak' AS kilde, s.sak_id, '' AS vedtak_id, s.saksnr,
       COALESCE(NULLIF(d.kommune, ''), m.kommune, '') AS kommune,
       COALESCE(NULLIF(s.utvalg, ''), m.utvalg, '') AS utvalg,
       COALESCE(NULLIF(s.motedato, ''), m.motedato, '') AS motedato,
       s.saksaar AS saksaar, COALESCE(s.tittel, '') AS tittel, COALESCE(s.innstilling, '') AS innstilling,
       '' AS vedtakstekst, '' AS utfall, s.dokument_id, COALESCE(d.fil, '') AS fil,
       COALESCE(s.kilde_side, s.side) AS side
FROM saker s
LEFT JOIN dokumenter d ON d.dokument_id = s.dokument_id
LEFT JOIN moter m ON m.mote_id = s.mote_id AND m.dokument_id = s.dokument_id
{where}
ORDER BY s.rowid
"""
_VEDTAK_SQL = """
SELECT 'vedtak', v.sak_id, v.vedtak_id, v.saksnr,
       COALESCE(NULLIF(d.kommune, ''), ''),
       COALESCE(v.utvalg, ''), COALESCE(v.motedato, ''),
       NULL,
       COALESCE((SELECT s.tittel FROM saker s WHERE s.sak_id = v.sak_id AND s.dokument_id = v.dokument_id
                 AND s.tittel <> '' LIMIT 1),
                (SELECT s.tittel FROM saker s WHERE s.sak_id = v.sak_id AND s.tittel <> '' LIMIT 1), ''),
       COALESCE(v.innstilling, ''), COALESCE(v.vedtakstekst, ''), COALESCE(v.utfall, ''),
       v.dokument_id, COALESCE(d.fil, ''), v.side
FROM vedtak v
LEFT JOIN dokumenter d ON d.dokument_id = v.dokument_id
{where}
ORDER BY v.rowid
"""
_SOK_DEFINITION = ("rowid INTEGER PRIMARY KEY, kilde TEXT, sak_id TEXT, vedtak_id TEXT, saksnr TEXT, kommune TEXT, "
                   "utvalg TEXT, motedato TEXT, aar INTEGER, tittel TEXT, innstilling TEXT, vedtakstekst TEXT, "
                   "utfall TEXT, dokument_id TEXT, fil TEXT, side INTEGER")


class SearchError(ValueError):
    """A query that cannot be searched; the message says what to write instead."""


@lru_cache(maxsize=1)
def _settings() -> tuple[tuple[tuple[str, str], ...], int, int, int]:
    rules = load_rules("sok")
    variants = tuple(sorted(((k.casefold(), v.casefold()) for k, v in (rules.get("nynorsk_til_bokmaal") or {}).items()),
                            key=lambda kv: -len(kv[0])))
    return (variants, int(rules.get("prefiks_minste_lengde", 4)), int(rules.get("standard_antall_treff", 50)),
            int(rules.get("utdrag_ord", 12)))


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("norwegian")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index form of one word: lower case, nynorsk spelling made bokmål, Snowball stem."""
    w = word.casefold()
    for nn, nb in _settings()[0]:
        if w.startswith(nn):
            w = nb + w[len(nn):]
            break
    return _stemmer().stemWord(w)


def stem_text(text: str) -> str:
    return " ".join(stem(w) for w in WORD.findall(text or ""))


def build_fts(con: sqlite3.Connection, only: str | None = None) -> None:
    """Make `sok` and `sok_fts` from the saker, vedtak, moter and dokumenter tables in `con`.

    With `only` (a table with a `dokument_id` column) just those documents' rows are
    replaced; otherwise, or when the index is missing or from an older motedata, both
    tables are made again from every document.
    """
    if only is None or not _index_is_current(con):
        con.execute("DROP TABLE IF EXISTS sok_fts")
        con.execute("DROP TABLE IF EXISTS sok")
        con.execute(f"CREATE TABLE sok ({_SOK_DEFINITION})")
        con.execute("CREATE VIRTUAL TABLE sok_fts USING fts5(stammer, tokenize = 'unicode61 remove_diacritics 0')")
        where = {"s": "", "v": ""}
    else:
        gone = f"SELECT rowid FROM sok WHERE dokument_id IN (SELECT dokument_id FROM {only})"
        con.execute(f"DELETE FROM sok_fts WHERE rowid IN ({gone})")
        con.execute(f"DELETE FROM sok WHERE rowid IN ({gone})")
        where = {a: f"WHERE {a}.dokument_id IN (SELECT dokument_id FROM {only})" for a in ("s", "v")}
    con.execute("CREATE INDEX IF NOT EXISTS ix_sok_dokument_id ON sok (dokument_id)")
    rowid = con.execute("SELECT COALESCE(MAX(rowid), 0) FROM sok").fetchone()[0]
    rows, stems = [], []
    for sql in (_SAKER_SQL.format(where=where["s"]), _VEDTAK_SQL.format(where=where["v"])):
        for (kilde, sak_id, vedtak_id, saksnr, kommune, utvalg, motedato, saksaar, tittel, innstilling,
             vedtakstekst, utfall, dokument_id, fil, side) in con.execute(sql):
            text = " ".join(t for t in (tittel, innstilling, vedtakstekst if vedtakstekst != innstilling else "") if t)
            if not text.strip():
                continue
            aar = int(motedato[:4]) if motedato[:4].isdigit() else saksaar
            rowid += 1
            rows.append((rowid, kilde, sak_id, vedtak_id, saksnr, kommune, utvalg, motedato, aar, tittel,
                         innstilling, vedtakstekst, utfall, dokument_id, fil, side))
            stems.append((rowid, stem_text(text)))
    con.executemany(f"INSERT INTO sok VALUES ({', '.join('?' * (len(SOK_COLUMNS) + 1))})", rows)
    con.executemany("INSERT INTO sok_fts (rowid, stammer) VALUES (?, ?)", stems)


def _index_is_current(con: sqlite3.Connection) -> bool:
    have = [r[1] for r in con.execute("PRAGMA table_info(sok)")]
    fts = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sok_fts'").fetchone()
    return bool(fts) and have == ["rowid"] + SOK_COLUMNS


# --- queries -------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    stems: tuple[str, ...]  # one stem for a word, several for a "phrase"
    negated: bool = False


def parse_query(query: str) -> list[list[Term]]:
    """The query as OR-groups of terms: [[a], [b, c]] means a AND (b OR c).

    Understood: words, "phrases", OR between terms, -word or NOT word to leave out.
    """
    if query.count('"') % 2:
        raise SearchError('Søket har et anførselstegn (") uten avslutning. Skriv en frase i par av '
                          'anførselstegn, f.eks. "ny barnehage", eller fjern tegnet.')
    parts = re.findall(r'"([^"]*)"|(\S+)', query)
    groups: list[list[Term]] = []
    pending_or = False
    negate_next = False
    for phrase, word in parts:
        if word == "OR":
            if not groups or pending_or:
                raise SearchError("OR må stå mellom to ord, f.eks. barnehage OR skole.")
            pending_or = True
            continue
        if word in ("AND", "OG"):
            continue
        if word == "NOT":
            negate_next = True
            continue
        negated = negate_next
        negate_next = False
        text = phrase if phrase or not word else word
        if word.startswith("-") and len(word) > 1:
            negated, text = True, word[1:]
        stems = tuple(stem(w) for w in WORD.findall(text))
        if not stems:
            continue
        term = Term(stems, negated)
        if pending_or:
            if negated or groups[-1][0].negated:
                raise SearchError("OR kan ikke kombineres med ord som skal utelates (-ord).")
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if pending_or:
        raise SearchError("OR må stå mellom to ord, f.eks. barnehage OR skole.")
    if negate_next:
        raise SearchError("NOT må følges av et ord som skal utelates, f.eks. barnehage NOT Skogn.")
    if not groups:
        raise SearchError("Søket inneholder ingen ord å søke etter. Skriv ett eller flere ord, f.eks. skolestruktur.")
    if all(g[0].negated for g in groups):
        raise SearchError("Søket består bare av ord som skal utelates; legg til minst ett ord å søke etter.")
    return groups


def _fts_term(term: Term, min_prefix: int) -> str:
    quoted = '"' + " ".join(term.stems) + '"'
    return quoted + "*" if len(term.stems[-1]) >= min_prefix else quoted


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression over stems for a user's query (raises SearchError)."""
    min_prefix = _settings()[1]
    groups = parse_query(query)
    positive = [g for g in groups if not g[0].negated]
    negative = [g[0] for g in groups if g[0].negated]
    expr = " AND ".join("(" + " OR ".join(_fts_term(t, min_prefix) for t in g) + ")" for g in positive)
    for t in negative:
        expr += " NOT " + _fts_term(t, min_prefix)
    return expr


def query_stems(query: str) -> list[tuple[str, bool]]:
    """(stem, is_prefix) of every word a hit may contain, for marking it in a snippet."""
    try:
        groups = parse_query(query)
    except SearchError:
        return []
    min_prefix = _settings()[1]
    return [(s, len(s) >= min_prefix) for g in groups for t in g if not t.negated for s in t.stems]


def _hits(tokens: list[re.Match], query: str) -> list[int]:
    wanted = query_stems(query)

    def hit(w: str) -> bool:
        s = stem(w)
        return any(s.startswith(q) if prefix else s == q for q, prefix in wanted)

    return [i for i, m in enumerate(tokens) if hit(m.group())]


def snippet(text: str, query: str, before: str = "[", after: str = "]", words: int | None = None) -> str:
    """The part of `text` around the first word the query matches, matched words marked."""
    text = fold(text)
    words = words or _settings()[3]
    tokens = list(WORD.finditer(text))
    hits = _hits(tokens, query)
    if not tokens:
        return text
    first = hits[0] if hits else 0
    lo, hi = max(0, first - words), min(len(tokens), first + words + 1)
    start = tokens[lo].start() if lo else 0
    end = tokens[hi - 1].end() if hi < len(tokens) else len(text)
    out, pos = [], start
    for i in hits:
        if lo <= i < hi:
            m = tokens[i]
            out.append(text[pos:m.start()] + before + m.group() + after)
            pos = m.end()
    out.append(text[pos:end])
    return ("… " if start else "") + "".join(out) + (" …" if end < len(text) else "")


def _kommuner(con: sqlite3.Connection, kommune: str) -> list[str]:
    known = [r[0] for r in con.execute("SELECT DISTINCT kommune FROM sok WHERE kommune <> '' ORDER BY kommune")]
    chosen = [k for k in known if k.casefold() == kommune.strip().casefold()]
    if not chosen:
        raise SearchError(f"Kommunen «{kommune}» finnes ikke i databasen. Kommuner: {', '.join(known) or '(ingen)'}.")
    return chosen


def search(con: sqlite3.Connection, query: str, kommune: str | None = None, fra: int | None = None,
           til: int | None = None, limit: int | None = None, mark: tuple[str, str] = ("[", "]")) -> list[dict]:
    """Hits for `query`, best first, each a dict of SOK_COLUMNS plus `utdrag` (snippet, hits between `mark`)."""
    has_index = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sok_fts'").fetchone()
    if not has_index:
        raise SearchError("Databasen har ingen søkeindeks (laget av en eldre motedata). Kjør `motedata run` på nytt.")
    expr = match_expression(query)
    where, params = ["sok_fts MATCH ?"], [expr]
    if kommune:
        names = _kommuner(con, kommune)
        where.append(f"s.kommune IN ({', '.join('?' * len(names))})")
        params += names
    if fra is not None:
        where.append("s.aar >= ?")
        params.append(fra)
    if til is not None:
        where.append("s.aar <= ?")
        params.append(til)
    sql = (f"SELECT {', '.join('s.' + c for c in SOK_COLUMNS)} FROM sok_fts JOIN sok s ON s.rowid = sok_fts.rowid "
           f"WHERE {' AND '.join(where)} ORDER BY bm25(sok_fts), s.motedato DESC, s.saksnr, s.rowid LIMIT ?")
    params.append(limit if limit is not None else _settings()[2])
    try:
        rows = con.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise SearchError(f"Søket «{query}» kunne ikke tolkes ({exc}). Prøv med bare ord, uten tegn.") from exc
    hits = []
    for row in rows:
        hit = dict(zip(SOK_COLUMNS, row))
        body = " ".join(t for t in (hit["vedtakstekst"], hit["innstilling"]) if t)
        in_body = bool(_hits(list(WORD.finditer(body)), query))
        hit["utdrag"] = snippet(body if in_body else (hit["tittel"] or body), query, *mark)
        hits.append(hit)
    return hits
