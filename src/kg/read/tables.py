"""Materialised saved queries: each large query's rows kept in a table beside the store, refreshed
release by release as the build replaces graphs, so `kg query NAME` lists 200 k rows in a second.

The tables are one SQLite file in the store's folder (TABLES), written by the build in step with
the store: a small build writes it after its SPARQL Update, a bulk load into the copy of the store
that is swapped in (so they move together). A generation written into the store's build graph in
the same write as the graphs, and into the file when it is complete, tells a reader whether the
file is the store's: when it is not (a build was killed between the two writes, or the store was
loaded by another tool), or the query's text is not the one the table was made for, `kg query`
runs the SPARQL instead.

Each row holds its sort key (bytes that sort as the query's ORDER BY: kg.read.views makes the
keys), the graph it came from, the meeting it is about (for -p series/org/since/until, through
the `meeting_*` tables), an optional group (the concept of topic-timeline), and the row written
out in each output format, so that a listing is a read of lines, not a loop over values.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..config import BASE
from ..rdf.prefixes import PREFIXES

TABLES = "kg-tables.sqlite"
KEPT = "kg-tables.generation"  # in a copy of the store that has no build graph: the generation its tables have
VERSION = "2"
# The saved queries kept as tables, and the one parameter each takes, if any (a group column).
TABLED = {"releases": None, "meetings": None, "participants": None, "topics": None, "agreements": None,
          "people": None, "documents": None, "contacts": None, "topics-unmatched": None, "topic-timeline": "concept",
          "series": None, "first-mention": None, "topic-counts": None}
TABLES_KEY = BASE + "graph/tables"  # the build graph's key for the tables: their generation (kg.store.buildkeys)
_BUILD_GRAPH, _INPUT_KEY = BASE + "graph/build", PREFIXES["kg"] + "sha256OfInput"  # (no rdflib in `kg query`)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS graphs (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS meetings (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS rows (query TEXT NOT NULL, grp TEXT, key BLOB NOT NULL, graph INTEGER NOT NULL,
                                 meeting INTEGER, cells TEXT NOT NULL, agg TEXT);
CREATE INDEX IF NOT EXISTS rows_order ON rows (query, grp, key);
DROP INDEX IF EXISTS rows_graph;
CREATE INDEX IF NOT EXISTS rows_meeting ON rows (graph, meeting, query);
CREATE INDEX IF NOT EXISTS rows_agg ON rows (query, agg) WHERE agg IS NOT NULL;
CREATE TABLE IF NOT EXISTS meeting_series (graph INTEGER NOT NULL, meeting INTEGER NOT NULL, series TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS meeting_series_by ON meeting_series (series, graph, meeting);
CREATE INDEX IF NOT EXISTS meeting_series_graph ON meeting_series (graph);
CREATE TABLE IF NOT EXISTS meeting_orgs (graph INTEGER NOT NULL, meeting INTEGER NOT NULL, org TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS meeting_orgs_by ON meeting_orgs (org, graph, meeting);
CREATE INDEX IF NOT EXISTS meeting_orgs_graph ON meeting_orgs (graph);
CREATE TABLE IF NOT EXISTS meeting_days (graph INTEGER NOT NULL, meeting INTEGER NOT NULL, day TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS meeting_days_by ON meeting_days (graph, meeting, day);
CREATE INDEX IF NOT EXISTS meeting_days_on ON meeting_days (day, graph, meeting);
"""
SEP = "\x1f"
AGGREGATE = 0  # the graph id of the rows that gather several graphs (kg.read.aggregates)  # between a row's cells: each cell is its value in JSON, which never holds this character raw


def query_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- rows as bytes and lines

def sort_key(parts: Iterable) -> bytes:
    """Bytes that sort (as SQLite compares blobs) as the parts do in SPARQL's ORDER BY: unbound first,
    numbers by value, strings by code point; a kg.read.views.Desc part the other way round."""
    out = bytearray()
    for part in parts:
        desc = type(part).__name__ == "Desc"
        value = part.value if desc else part
        piece = _piece(value)
        out += bytes(255 - b for b in piece) if desc else piece
    return bytes(out)


def _piece(value) -> bytes:
    if value is None:
        return b"\x00"
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return b"\x01" + (value + (1 << 63)).to_bytes(8, "big")
    data = str(value).encode("utf-8").replace(b"\x00", b"\x00\x01")
    return b"\x02" + data + b"\x00\x00"


def cells(values: tuple) -> str:
    """A row's values as stored: each in JSON (strings, numbers, null), joined by SEP."""
    return SEP.join([_json(v) for v in values])


def _json(v) -> str:
    """json.dumps(v, ensure_ascii=False), without its machinery for the plain strings most cells are."""
    if type(v) is str and v.isprintable() and '"' not in v and "\\" not in v:
        return f'"{v}"'
    if v is None:
        return "null"
    return json.dumps(v, ensure_ascii=False)


class Render:
    """Rows stored as cells, written out as `kg query -f csv|tsv|json` writes them (kg.read.queries.render)."""

    def __init__(self, columns: list[str]):
        self.columns = columns
        self.keys = [f"    {json.dumps(c, ensure_ascii=False)}: " for c in columns]

    def text(self, fmt: str, rows: list[str]) -> str:
        if fmt == "json":
            if not rows:
                return "[]\n"
            keys = self.keys
            body = ",\n".join("  {\n" + ",\n".join([k + c for k, c in zip(keys, row.split(SEP))]) + "\n  }"
                               for row in rows)
            return "[\n" + body + "\n]\n"
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows([_raw(c) for c in row.split(SEP)] for row in rows)
        return out.getvalue()

    def dicts(self, rows: list[str]) -> list[dict]:
        columns = self.columns
        return [dict(zip(columns, json.loads("[" + row.replace(SEP, ",") + "]"))) for row in rows]


def _raw(cell: str) -> object:
    """A stored cell as the csv module is given it: a string, a number, or "" for null."""
    if cell[0] == '"':
        return cell[1:-1] if "\\" not in cell else json.loads(cell)
    return "" if cell == "null" else cell


# ---------------------------------------------------------------- writing

def _aggregates():
    """kg.read.aggregates, which the build needs and `kg query` does not (it reads rdflib's terms)."""
    from . import aggregates

    return aggregates


class Writer:
    """Writes the tables of one store folder (or of the copy of it a bulk load fills), in one SQLite
    transaction that `finish` commits with the store's generation."""

    def __init__(self, folder: Path, *, copy_from: Path | None = None):
        self.path = Path(folder) / TABLES
        if copy_from is not None and (Path(copy_from) / TABLES).exists() and copy_from != folder:
            source = sqlite3.connect(Path(copy_from) / TABLES)
            target = sqlite3.connect(self.path)
            source.backup(target)
            source.close()
            target.close()
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=DELETE")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA + _aggregates().SCHEMA)
        self.db.execute("BEGIN")
        self.db.execute("DELETE FROM meta WHERE key = 'generation'")
        self.everything = False  # make every aggregated row again (a fresh copy)
        self.groups: dict[str, set] = {"meetings": set(), "series": set(), "named": set(), "pairs": set(),
                                       "concepts": set()}

    def clear(self) -> None:
        for table in ("rows", "meeting_series", "meeting_orgs", "meeting_days", "graphs", "meetings",
                      *_aggregates().FACT_TABLES):
            self.db.execute(f"DELETE FROM {table}")
        self.everything = True

    def _id(self, table: str, iri: str) -> int:
        found = self.db.execute(f"SELECT id FROM {table} WHERE iri = ?", (iri,)).fetchone()
        if found:
            return found[0]
        return self.db.execute(f"INSERT INTO {table} (iri) VALUES (?)", (iri,)).lastrowid

    def replace(self, graph: str, rows: list[tuple], meetings: list[tuple], facts: dict | None = None) -> None:
        """The rows of one graph ((query, group, key, meeting, cells) tuples, kg.read.tables.Maker), its
        meetings, and its facts that rows of several graphs are made from, in place of what the
        tables held of it."""
        self.drop(graph)
        g = self._id("graphs", graph)
        if facts is not None:
            _aggregates().store(self.db, g, graph, facts)
            self._touch(g)
        ids: dict[str, int] = {}

        def meeting(iri: str | None) -> int | None:
            if iri is None:
                return None
            if iri not in ids:
                ids[iri] = self._id("meetings", iri)
            return ids[iri]

        self.db.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, NULL)",
                            [(q, grp, key, g, meeting(m), c) for q, grp, key, m, c in rows])
        for m, series, orgs, days in meetings:
            mid = meeting(m)
            self.db.executemany("INSERT INTO meeting_series VALUES (?, ?, ?)", [(g, mid, s) for s in series])
            self.db.executemany("INSERT INTO meeting_orgs VALUES (?, ?, ?)", [(g, mid, o) for o in orgs])
            self.db.executemany("INSERT INTO meeting_days VALUES (?, ?, ?)", [(g, mid, d) for d in days])

    def drop(self, graph: str) -> None:
        found = self.db.execute("SELECT id FROM graphs WHERE iri = ?", (graph,)).fetchone()
        if found:
            self._touch(found[0])
            for table in ("rows", "meeting_series", "meeting_orgs", "meeting_days", *_aggregates().FACT_TABLES):
                self.db.execute(f"DELETE FROM {table} WHERE graph = ?", found)

    def has(self, graph: str) -> bool:
        return self.db.execute("SELECT 1 FROM graphs WHERE iri = ?", (graph,)).fetchone() is not None

    def _touch(self, graph: int) -> None:
        if not self.everything:
            for kind, found in _aggregates().touched(self.db, graph).items():
                self.groups[kind] |= found

    def _put(self, query: str, agg: str, rows: list) -> None:
        self.db.execute("DELETE FROM rows WHERE query = ? AND agg = ?", (query, agg))
        self.db.executemany("INSERT INTO rows VALUES (?, NULL, ?, ?, NULL, ?, ?)",
                            [(query, sort_key(key), AGGREGATE, cells(values), agg) for values, key in rows])

    def finish(self, generation: str, digests: dict[str, str], reference=None) -> None:
        """Make again the rows of several graphs the replaced ones were part of (`reference`: the
        reference graph's Index, kg.read.views), record the generation (the same the store's build
        graph now holds) and the query texts the tables were made for, and commit."""
        if reference is not None:
            _aggregates().refresh(self.db, reference, None if self.everything else self.groups, self._put)
        meta = [("generation", generation), ("version", VERSION)] + [(f"query:{k}", v) for k, v in digests.items()]
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta)
        self.db.execute("COMMIT")
        self.db.close()
        self.db = None

    def abort(self) -> None:
        if self.db is None:
            return
        try:
            self.db.execute("ROLLBACK")
        finally:
            self.db.close()
            self.db = None


# ---------------------------------------------------------------- reading

# The filters of the row-per-meeting queries (kg.read.queries.FILTERS): the rows of (graph, meeting)
# pairs each keeps, the value bound to `?`.
_FILTERS = {
    "series": "meeting_series WHERE series = ?",
    "org": "meeting_orgs WHERE org = ?",
    "since": "meeting_days WHERE day >= ?",
    "until": "meeting_days WHERE day <= ?",
}

class Tables:
    """The tables of a store folder, read-only; `None` from `open` when they are not the store's."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    @classmethod
    def open(cls, folder: Path | str | None, generation: str | None) -> "Tables | None":
        if folder is None or generation is None:
            return None
        path = Path(folder) / TABLES
        if not path.is_file():
            return None
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            meta = dict(db.execute("SELECT key, value FROM meta"))
        except sqlite3.Error:
            return None
        if meta.get("generation") != generation or meta.get("version") != VERSION:
            db.close()
            return None
        tables = cls(db)
        tables.meta = meta
        return tables

    def has(self, name: str, text: str) -> bool:
        return name in TABLED and self.meta.get(f"query:{name}") == query_digest(text)

    def rows(self, name: str, *, group: str | None = None, filters: dict[str, str] | None = None,
             limit: int | None = None, offset: int = 0) -> list[str]:
        """The rows of a tabled query, in order, as stored cells (see Render).

        A filter that keeps few meetings (a tenth of them or fewer) drives the query: its meetings are
        listed from their index and their rows looked up, then sorted; otherwise the rows are read in
        order and each is tested, which is faster when most pass and a --limit stops the read early."""
        filters = dict(filters or {})
        driver = self._driver(filters)
        sql = ["SELECT r.cells FROM"]
        args: list = []
        if driver:
            sql.append(f"(SELECT DISTINCT graph, meeting FROM {_FILTERS[driver]}) d CROSS JOIN rows r "
                       "ON r.graph = d.graph AND r.meeting = d.meeting AND")
            args.append(filters.pop(driver))
        else:
            sql.append("rows r WHERE")
        sql.append("r.query = ?")
        args.append(name)
        if TABLED.get(name):
            sql.append("AND r.grp IS ?")
            args.append(group)
        for kind, value in filters.items():
            sql.append(f"AND EXISTS (SELECT 1 FROM {_FILTERS[kind]} AND graph = r.graph AND meeting = r.meeting)")
            args.append(value)
        sql.append("ORDER BY r.grp, r.key")
        if limit is not None or offset:
            sql.append("LIMIT ? OFFSET ?")
            args += [-1 if limit is None else limit, offset]
        return [row for (row,) in self.db.execute(" ".join(sql), args)]

    def _driver(self, filters: dict[str, str]) -> str | None:
        """The filter that keeps the fewest meetings, if it keeps a tenth of them or fewer."""
        if not filters:
            return None
        counts = {kind: self.db.execute(f"SELECT COUNT(*) FROM {_FILTERS[kind]}", (value,)).fetchone()[0]
                  for kind, value in filters.items()}
        kind = min(counts, key=counts.get)
        everything = self.db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0]
        return kind if counts[kind] * 10 <= everything else None

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------- making the rows of one release

class Maker:
    """Makes one release's table rows (in a build worker), from its triples and the reference data."""

    def __init__(self, reference):
        from . import views
        self.views = views
        self.ref = views.Index((s.n3(), p.n3(), o.n3()) for s, p, o in reference)

    def rows(self, triples, graph: str) -> tuple[list[tuple], list[tuple], dict]:
        """(rows as (query, group, key, meeting, cells), meetings as (meeting, series, orgs, days), facts
        for the rows of several graphs) of one release graph."""
        g = self.views.Graph.of(triples)
        out = []
        for name, view in self.views.VIEWS.items():
            for row in view(g, self.ref):
                out.append((name, row.group, sort_key(row.key), row.meeting, cells(row.values)))
        meetings = [(m.meeting, m.series, m.orgs, m.days) for m in self.views.meeting_facts(g)]
        return out, meetings, _aggregates().facts(g, graph)


def generation(store, folder: Path | str | None = None) -> str | None:
    """The tables' generation the store's build graph records (written with the graphs), if any; for a
    copy of the store without its build graph (kg serve's snapshot), the one `keep` checked."""
    import pyoxigraph as ox

    found = store.quads_for_pattern(ox.NamedNode(TABLES_KEY), ox.NamedNode(_INPUT_KEY), None, ox.NamedNode(_BUILD_GRAPH))
    found = next((q.object.value for q in found), None)
    if found is None and folder is not None and (Path(folder) / KEPT).is_file():
        return (Path(folder) / KEPT).read_text(encoding="ascii").strip()
    return found


def keep(store_dir: Path | str, copy_dir: Path | str, generation_: str | None) -> None:
    """Copy the tables of a store into a copy of it (kg serve's snapshot) when they are the store's, and
    note there the generation they were checked against (the copy has no build graph to say it)."""
    source = Path(store_dir) / TABLES
    if generation_ is None or not source.is_file():
        return
    found = Tables.open(store_dir, generation_)
    if found is None:
        return
    target = sqlite3.connect(Path(copy_dir) / TABLES)
    found.db.backup(target)
    target.close()
    found.close()
    (Path(copy_dir) / KEPT).write_text(generation_ + "\n", encoding="ascii")
