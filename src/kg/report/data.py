"""What the report shows, read from the store: the meetings, the participation and topic matrices,
and the sentences behind every cell (through the queries in kg/report/templates/*.rq).

The queries read each kind of fact in a column of its own (the participations, the words that name
the participants, the labels …), which Oxigraph and a remote store both answer by scanning, and the
joins are made here, in dictionaries: joined in SPARQL, per row, they cost 10 CPU-s for 1k releases.
Rows are put in a total order here, so the report is the same whatever order a store answers in."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from ..config import BASE
from ..errors import KgError
from ..read.queries import load_query, run

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Quote:
    text: str
    start: int | None = None
    release: str = ""
    mark: str = ""  # words to highlight in the text


@dataclass
class Meeting:
    iri: str
    series: str
    series_label: str
    ordinal: int | None
    date: str  # ISO day, or a year, or "" when unknown
    end: str
    place: str
    releases: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "meeting-" + slug(self.iri)

    @property
    def short(self) -> str:
        number = f"No. {self.ordinal}" if self.ordinal is not None else "(no number)"
        return number + (f" · {self.date}" if self.date else "")


@dataclass
class Cell:
    """One cell of a matrix: a row (an organisation or a concept) at a meeting, and its evidence."""

    row: str
    meeting: str
    value: str = ""  # participation: host / participant; topics: ""
    count: int = 0
    quotes: list[Quote] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"cell-{slug(self.meeting)}-{slug(self.row)}"


@dataclass
class Matrix:
    rows: dict[str, str] = field(default_factory=dict)  # row IRI -> label, in display order
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def cell(self, row: str, meeting: str) -> Cell:
        return self.cells.setdefault((row, meeting), Cell(row, meeting))

    def by_meeting(self) -> dict[str, list[tuple[str, Cell]]]:
        """meeting IRI -> its (row, cell) pairs, in the order of the cells."""
        found: dict[str, list[tuple[str, Cell]]] = defaultdict(list)
        for (row, meeting), cell in self.cells.items():
            found[meeting].append((row, cell))
        return found


@dataclass
class ReportData:
    meetings: list[Meeting]
    participation: Matrix
    topics: Matrix
    lang: str

    @cached_property
    def series(self) -> dict[str, str]:
        """series IRI -> label, in the order of the meetings (made once: the charts ask per meeting)."""
        return {m.series: m.series_label for m in self.meetings}


def slug(iri: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", iri.removeprefix(BASE)).strip("-")


def _rows(store: ox.Store, name: str) -> list[dict]:
    return run(store, load_query(TEMPLATES / f"{name}.rq"))


@dataclass
class Labels:
    """The store's preferred labels and names, by IRI, picked in the report's language."""

    lang: str
    found: dict[str, set[tuple[int, str, str]]] = field(default_factory=lambda: defaultdict(set))

    def label(self, iri: str) -> str:
        """An organisation's or concept's preferred label: in the language, else en/ja, else any."""
        return self._pick(iri, names=False, any_language=True)

    def name(self, iri: str) -> str:
        """A series' or place's preferred label or name, in the language, else en/ja ("" if none)."""
        return self._pick(iri, names=True, any_language=False)

    def _pick(self, iri: str, names: bool, any_language: bool) -> str:
        rank = {self.lang: 0, "ja" if self.lang == "en" else "en": 1}
        ranked = sorted((rank.get(lang, 2), -pref, lang, label) for pref, lang, label in self.found.get(iri, ())
                        if (names or pref) and (any_language or lang in rank))
        return ranked[0][3] if ranked else ""


def collect(store: ox.Store, series: list[str] | None = None, lang: str = "en") -> ReportData:
    """Read what the report shows from the store; `series` are keys (jp-us-ied) or IRIs."""
    labels = _labels(store, lang)
    meetings = _meetings(store, labels)
    if series:
        wanted = {s if "://" in s else f"{BASE}series/{s}" for s in series}
        unknown = wanted - {m.series for m in meetings}
        if unknown:
            raise KgError(f"no reported meeting of series {', '.join(sorted(unknown))} in the store",
                          hint="`kg query series` lists the series; pass a key such as jp-us-ied or an IRI")
        meetings = [m for m in meetings if m.series in wanted]
    if not meetings:
        raise KgError("the store holds no reported meeting to report on", hint="build it first with `kg build`")
    keep = {m.iri for m in meetings}
    return ReportData(meetings, _participation(store, keep, labels), _topics(store, keep, labels), lang)


def _meetings(store: ox.Store, labels: Labels) -> list[Meeting]:
    found: dict[str, Meeting] = {}
    for r in _rows(store, "report-meetings"):
        m = found.get(r["meeting"])
        where = r.get("place") or r.get("place_elsewhere")
        place = (labels.name(where) if where else "") or r.get("place_text") or ""
        if m is None:
            date = r.get("start") or r.get("year") or ""
            m = found[r["meeting"]] = Meeting(r["meeting"], r["series"], labels.name(r["series"]) or r["series"],
                                              r.get("ordinal"), date, r.get("end") or "", place)
        if not m.place:  # the place the first release that gives one gives
            m.place = place
        m.releases.append(r["release_id"])
        if r.get("release_url"):
            m.urls.append(r["release_url"])
        if r.get("quote"):
            m.quotes.append(Quote(r["quote"], r.get("qstart"), r["release_id"]))
        if not m.date and r.get("issued"):
            m.date = r["issued"]
    return sorted(found.values(), key=lambda m: (m.series_label, m.date or "9999", m.ordinal or 0, m.iri))


def _labels(store: ox.Store, lang: str) -> Labels:
    labels = Labels(lang)
    for r in _rows(store, "report-labels"):
        labels.found[r["s"]].add((int(r["pref"]), r.get("lang") or "", r["label"]))
    return labels


def _sortable(row: dict, columns: tuple[str, ...]) -> tuple:
    """A total order on rows, whatever order the store gives them in (None first)."""
    return tuple((row.get(c) is not None, str(row.get(c) or "")) for c in columns)


def _participation(store: ox.Store, keep: set[str], labels: Labels) -> Matrix:
    words = defaultdict(lambda: defaultdict(list))  # (graph, participation) -> annotation -> rows
    for r in _rows(store, "report-participation-words"):
        words[(r["g"], r["p"])][r["a"]].append(r)
    matrix, roles = Matrix(), defaultdict(set)
    rows = sorted(_rows(store, "report-participation"), key=lambda r: _sortable(r, ("meeting", "org", "release_id",
                                                                                     "role", "p")))
    for r in rows:
        if r["meeting"] not in keep:
            continue
        cell = matrix.cell(r["org"], r["meeting"])
        roles[(r["org"], r["meeting"])].add(r["role"])
        for q in _naming(words[(r["g"], r["p"])], r["org"]):
            if all(q.start != old.start or r["release_id"] != old.release for old in cell.quotes):
                cell.quotes.append(Quote(q.text, q.start, r["release_id"]))
    for key, cell in matrix.cells.items():
        cell.value = "host" if "host" in roles[key] else "participant"
        cell.quotes.sort(key=lambda q: (q.start if q.start is not None else -1, q.release, q.text))
        cell.count = len(cell.quotes)
    meetings_of = defaultdict(int)
    for org, _m in matrix.cells:
        meetings_of[org] += 1
    matrix.rows = {org: labels.label(org) for org in sorted({o for o, _m in matrix.cells},
                                                            key=lambda o: (-meetings_of[o], labels.label(o), o))}
    return matrix


def _naming(annotations: dict[str, list[dict]], org: str) -> list[Quote]:
    """The quotes of the annotations that trace this participant: those that list no value, or list it."""
    found = []
    for rows in annotations.values():
        values = {r["value"] for r in rows if r.get("value")}
        if not values or org in values:
            found += {(r["quote"], r["qstart"]): Quote(r["quote"], r["qstart"]) for r in rows}.values()
    return found


def _topics(store: ox.Store, keep: set[str], labels: Labels) -> Matrix:
    words = defaultdict(list)  # (graph, node, concept) -> (start, matched words)
    for r in _rows(store, "report-topic-words"):
        words[(r["g"], r["node"], r["concept"])].append((r["mstart"], r["mquote"]))
    matrix, nodes = Matrix(), defaultdict(dict)
    rows = sorted(_rows(store, "report-topics"), key=lambda r: _sortable(r, ("meeting", "concept", "kind", "node",
                                                                              "release_id", "text")))
    for r in rows:
        if r["meeting"] not in keep:
            continue
        key = (r["concept"], r["meeting"])
        # One sentence once under a topic, however many releases report it (a notice and a result
        # release of one meeting repeat its headings): the releases are listed with it.
        quote = nodes[key].setdefault(" ".join(r["text"].split()), Quote(r["text"], None, r["release_id"], ""))
        if r["release_id"] not in quote.release.split(", "):
            quote.release += ", " + r["release_id"]
        if not quote.mark:
            quote.mark = next((m for _start, m in sorted(words[(r["g"], r["node"], r["concept"])])
                               if m and m in quote.text), "")
    for (concept, meeting), found in nodes.items():
        cell = matrix.cell(concept, meeting)
        cell.quotes = list(found.values())
        cell.count = len(found)
    totals = defaultdict(int)
    for (concept, _m), cell in matrix.cells.items():
        totals[concept] += cell.count
    concepts = {c for c, _m in matrix.cells}
    matrix.rows = {c: labels.label(c) for c in sorted(concepts, key=lambda c: (-totals[c], labels.label(c).casefold(), c))}
    return matrix
