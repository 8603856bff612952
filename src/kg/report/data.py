"""What the report shows, read from the store: the meetings, the participation and topic matrices,
and the sentences behind every cell (through the queries in kg/report/templates/*.rq)."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
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

    @property
    def series(self) -> dict[str, str]:
        return {m.series: m.series_label for m in self.meetings}


def slug(iri: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", iri.removeprefix(BASE)).strip("-")


def _rows(store: ox.Store, name: str) -> list[dict]:
    return run(store, load_query(TEMPLATES / f"{name}.rq"))


def _label(row: dict, lang: str, prefix: str = "label") -> str:
    other = "ja" if lang == "en" else "en"
    return row.get(f"{prefix}_{lang}") or row.get(f"{prefix}_{other}") or row.get(prefix) or ""


def collect(store: ox.Store, series: list[str] | None = None, lang: str = "en") -> ReportData:
    """Read what the report shows from the store; `series` are keys (jp-us-ied) or IRIs."""
    meetings = _meetings(store, lang)
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
    return ReportData(meetings, _participation(store, keep, lang), _topics(store, keep, lang), lang)


def _meetings(store: ox.Store, lang: str) -> list[Meeting]:
    found: dict[str, Meeting] = {}
    for r in _rows(store, "report-meetings"):
        m = found.get(r["meeting"])
        if m is None:
            place = _label(r, lang, "place") or r.get("place_text") or ""
            date = r.get("start") or r.get("year") or ""
            m = found[r["meeting"]] = Meeting(r["meeting"], r["series"], _label(r, lang, "series"), r.get("ordinal"),
                                              date, r.get("end") or "", place)
        m.releases.append(r["release_id"])
        if r.get("release_url"):
            m.urls.append(r["release_url"])
        if r.get("quote"):
            m.quotes.append(Quote(r["quote"], r.get("qstart"), r["release_id"]))
        if not m.date and r.get("issued"):
            m.date = r["issued"]
    return sorted(found.values(), key=lambda m: (m.series_label, m.date or "9999", m.ordinal or 0, m.iri))


def _participation(store: ox.Store, keep: set[str], lang: str) -> Matrix:
    matrix, labels, roles = Matrix(), {}, defaultdict(set)
    for r in _rows(store, "report-participation"):
        if r["meeting"] not in keep:
            continue
        labels[r["org"]] = _label(r, lang)
        cell = matrix.cell(r["org"], r["meeting"])
        roles[(r["org"], r["meeting"])].add(r["role"])
        if r.get("quote") and all(q.start != r.get("qstart") or q.release != r["release_id"] for q in cell.quotes):
            cell.quotes.append(Quote(r["quote"], r.get("qstart"), r["release_id"]))
    for key, cell in matrix.cells.items():
        cell.value = "host" if "host" in roles[key] else "participant"
        cell.count = len(cell.quotes)
    meetings_of = defaultdict(int)
    for org, _m in matrix.cells:
        meetings_of[org] += 1
    order = sorted(labels, key=lambda org: (-meetings_of[org], labels[org]))
    matrix.rows = {org: labels[org] for org in order}
    return matrix


def _topics(store: ox.Store, keep: set[str], lang: str) -> Matrix:
    matrix, labels, nodes = Matrix(), {}, defaultdict(dict)
    for r in _rows(store, "report-topics"):
        if r["meeting"] not in keep:
            continue
        labels[r["concept"]] = _label(r, lang)
        key = (r["concept"], r["meeting"])
        # One sentence once under a topic, however many releases report it (a notice and a result
        # release of one meeting repeat its headings): the releases are listed with it.
        quote = nodes[key].setdefault(" ".join(r["text"].split()), Quote(r["text"], None, r["release_id"], ""))
        if r["release_id"] not in quote.release.split(", "):
            quote.release += ", " + r["release_id"]
        if r.get("mquote") and r["mquote"] in quote.text and not quote.mark:
            quote.mark = r["mquote"]
    for (concept, meeting), found in nodes.items():
        cell = matrix.cell(concept, meeting)
        cell.quotes = list(found.values())
        cell.count = len(found)
    totals = defaultdict(int)
    for (concept, _m), cell in matrix.cells.items():
        totals[concept] += cell.count
    matrix.rows = {c: labels[c] for c in sorted(labels, key=lambda c: (-totals[c], labels[c].casefold()))}
    return matrix
