"""The tables of the saved queries whose rows gather several releases: series, first-mention, topic-counts.

A row of `series` is a meeting with what every release says of it (the least ordinal, the first
day, the place and the release that reports it); a row of `first-mention` is the first meeting of
a series that discussed a topic; a row of `topic-counts` counts a topic's meetings over the whole
store. So each release contributes facts (here, from its graph, in the build's workers), which
the tables keep per graph; after a build, the rows of the groups the replaced graphs touched (a
meeting and the meetings of a series whose names changed; a topic in a series; a topic) are made
again from every graph's facts, by the rules of the queries' SPARQL (queries/NAME.rq stays the
definition: tests/test_read_tables.py compares the rows).
"""
from __future__ import annotations

import sqlite3
from itertools import product

from . import views
from .views import T, Desc, Graph, Reference, coalesce, in_lang, lang, options, text, value

AGGREGATED = ("series", "first-mention", "topic-counts")

SCHEMA = """
CREATE TABLE IF NOT EXISTS series_facts (graph INTEGER NOT NULL, kind TEXT NOT NULL, node TEXT NOT NULL,
                                         value TEXT, num INTEGER);
CREATE INDEX IF NOT EXISTS series_facts_node ON series_facts (node, kind);
CREATE INDEX IF NOT EXISTS series_facts_graph ON series_facts (graph);
CREATE TABLE IF NOT EXISTS first_facts (graph INTEGER NOT NULL, graph_iri TEXT NOT NULL, concept TEXT NOT NULL,
                                        series TEXT NOT NULL, meeting TEXT NOT NULL, date TEXT, said TEXT, url TEXT);
CREATE INDEX IF NOT EXISTS first_facts_group ON first_facts (concept, series);
CREATE INDEX IF NOT EXISTS first_facts_graph ON first_facts (graph);
CREATE TABLE IF NOT EXISTS first_meetings (graph INTEGER NOT NULL, graph_iri TEXT NOT NULL, meeting TEXT NOT NULL,
                                           lang TEXT, ordinal INTEGER, place TEXT);
CREATE INDEX IF NOT EXISTS first_meetings_at ON first_meetings (graph_iri, meeting);
CREATE INDEX IF NOT EXISTS first_meetings_graph ON first_meetings (graph);
CREATE TABLE IF NOT EXISTS first_names (graph INTEGER NOT NULL, graph_iri TEXT NOT NULL, series TEXT NOT NULL,
                                        name TEXT NOT NULL, lang TEXT);
CREATE INDEX IF NOT EXISTS first_names_at ON first_names (graph_iri, series);
CREATE INDEX IF NOT EXISTS first_names_graph ON first_names (graph);
CREATE TABLE IF NOT EXISTS topic_facts (graph INTEGER NOT NULL, concept TEXT NOT NULL, meeting TEXT NOT NULL,
                                        node TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS topic_facts_concept ON topic_facts (concept);
CREATE INDEX IF NOT EXISTS topic_facts_graph ON topic_facts (graph);
"""
FACT_TABLES = ("series_facts", "first_facts", "first_meetings", "first_names", "topic_facts")


# ---------------------------------------------------------------- what one graph contributes

def facts(g: Graph, graph_iri: str) -> dict[str, list[tuple]]:
    """What one graph (a release's, or the reference graph) says that the aggregated queries read."""
    return {"series_facts": _series(g), "first_facts": _first(g, graph_iri), "first_meetings": _first_meetings(g),
            "first_names": _names(g), "topic_facts": _topics(g)}


def _series(g: Graph) -> list[tuple]:
    """(kind, node, value, number): a meeting's series, ordinals, days, years, the URLs and places of the
    releases that report or announce it; a series' names (number 1 for a Japanese one)."""
    return [(kind, node[1:-1] if node[0] == "<" else node, v, n) for kind, node, v, n in _series_terms(g)]


def _series_terms(g: Graph) -> list[tuple]:
    ix, out = g.index, []
    scheduled = _t("schema:EventScheduled")
    for m, pos in ix.out.items():
        for s in pos.get(T["schema:superEvent"], ()):
            out.append(("super", m, s[1:-1], None))
        for o in pos.get(T["cv:eventNumber"], ()):
            n = value(o)
            if isinstance(n, int):
                out.append(("ordinal", m, None, n))
        for d in pos.get(T["schema:startDate"], ()):
            out.append(("day", m, text(d), None))
        for t in pos.get(T["time:hasTime"], ()):
            out += [("year", m, text(y), None) for y in ix.objs(t, T["time:year"])]
        reporters = ix.subjects(T["kg:reports"], m)
        out += [("url_r", m, text(u), None) for r in reporters for u in ix.objs(r, T["schema:url"])]
        if reporters:
            out += [("loc_r", m, text(loc), None) for loc in pos.get(T["kg:locationText"], ())]
        if scheduled in pos.get(T["schema:eventStatus"], ()):
            mentions = ix.subjects(_t("schema:mentions"), m)
            out += [("url_a", m, text(u), None) for a in mentions for u in ix.objs(a, T["schema:url"])]
            if mentions:
                out += [("loc_a", m, text(loc), None) for loc in pos.get(T["kg:locationText"], ())]
        if T["schema:EventSeries"] in pos.get(T["rdf:type"], ()):
            out += [("name", m, text(n), 1 if lang(n) == "ja" else 0) for n in pos.get(T["schema:name"], ())]
    return out


def _t(name: str) -> str:
    return views._t(name)


def _first(g: Graph, graph_iri: str) -> list[tuple]:
    ix, r, out = g.index, g.release, []
    if r is None:
        return out
    urls = [text(u) for u in ix.objs(r, T["schema:url"])] or [None]
    issued = ix.objs(r, T["dct:issued"])
    for m in ix.objs(r, T["kg:reports"]):
        said: list[tuple[str, str]] = []
        for item in ix.objs(m, T["kg:agendaItem"]):
            said += [(c, text(label)) for c in ix.objs(item, T["dct:subject"]) for label in ix.objs(item, T["rdfs:label"])]
        for o in ix.subjects(T["kg:outcomeOf"], m):
            said += [(c, text(t)) for c in ix.objs(o, T["dct:subject"]) for t in ix.objs(o, T["schema:text"])]
        for s, start, day in options(ix.objs(m, T["schema:superEvent"]), ix.objs(m, T["schema:startDate"]), issued):
            if s is None:
                continue
            date = text(coalesce(start, day))
            for (c, words), url in product(said, urls):
                out.append((graph_iri, c[1:-1], s[1:-1], m[1:-1], date, words, url))
    return out


def _first_meetings(g: Graph) -> list[tuple]:
    ix, out = g.index, []
    for r in [s for s, pos in ix.out.items() if T["kg:reports"] in pos]:
        for lang_ in ix.objs(r, T["dct:language"]):
            for m in ix.objs(r, T["kg:reports"]):
                for ordinal, place in options(ix.objs(m, T["cv:eventNumber"]), ix.objs(m, T["kg:locationText"])):
                    out.append((m[1:-1], text(lang_), value(ordinal), text(place)))
    return out


def _names(g: Graph) -> list[tuple]:
    return [(s[1:-1], text(n), lang(n)) for s, pos in g.index.out.items() for n in pos.get(T["schema:name"], ())]


def _topics(g: Graph) -> list[tuple]:
    ix, out = g.index, []
    for c, nodes in ix.back[T["dct:subject"]].items():
        for node in nodes:
            out += [(c[1:-1], m[1:-1], node[1:-1], "item") for m in ix.subjects(T["kg:agendaItem"], node)]
            out += [(c[1:-1], m[1:-1], node[1:-1], "outcome") for m in ix.objs(node, T["kg:outcomeOf"])]
    return out


# ---------------------------------------------------------------- keeping them

def store(db: sqlite3.Connection, graph: int, graph_iri: str, found: dict[str, list[tuple]]) -> None:
    db.executemany("INSERT INTO series_facts VALUES (?, ?, ?, ?, ?)", [(graph, *f) for f in found["series_facts"]])
    db.executemany("INSERT INTO first_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(graph, *f) for f in found["first_facts"]])
    db.executemany("INSERT INTO first_meetings VALUES (?, ?, ?, ?, ?, ?)",
                   [(graph, graph_iri, *f) for f in found["first_meetings"]])
    db.executemany("INSERT INTO first_names VALUES (?, ?, ?, ?, ?)", [(graph, graph_iri, *f) for f in found["first_names"]])
    db.executemany("INSERT INTO topic_facts VALUES (?, ?, ?, ?, ?)", [(graph, *f) for f in found["topic_facts"]])


def touched(db: sqlite3.Connection, graph: int) -> dict[str, set]:
    """The groups one graph's facts are part of: meetings and series, (topic, series) pairs, topics."""
    meetings = {m for (m,) in db.execute("SELECT node FROM series_facts WHERE graph = ? AND kind != 'name'", (graph,))}
    series = {s for (s,) in db.execute("SELECT node FROM series_facts WHERE graph = ? AND kind = 'name'", (graph,))}
    series |= {s for (s,) in db.execute("SELECT value FROM series_facts WHERE graph = ? AND kind = 'super'", (graph,))}
    pairs = set(db.execute("SELECT concept, series FROM first_facts WHERE graph = ?", (graph,)))
    named = {s for (s,) in db.execute("SELECT series FROM first_names WHERE graph = ?", (graph,))}
    concepts = {c for (c,) in db.execute("SELECT concept FROM topic_facts WHERE graph = ?", (graph,))}
    return {"meetings": meetings, "series": series, "pairs": pairs, "named": named, "concepts": concepts}


# ---------------------------------------------------------------- the rows, made again for some groups

def refresh(db: sqlite3.Connection, ref: Reference, groups: dict[str, set] | None, put) -> None:
    """Make again the rows of the groups touched (all when `groups` is None); `put(query, agg, rows)`
    stores the rows of one group (an empty list: the group has none now)."""
    if groups is None:
        groups = {"meetings": {m for (m,) in db.execute("SELECT DISTINCT node FROM series_facts WHERE kind != 'name'")},
                  "series": set(), "named": set(),
                  "pairs": set(db.execute("SELECT DISTINCT concept, series FROM first_facts")),
                  "concepts": _scheme_concepts(ref)}
    meetings = set(groups["meetings"])
    for series in groups["series"] | groups["named"]:
        meetings |= {m for (m,) in db.execute("SELECT node FROM series_facts WHERE kind = 'super' AND value = ?",
                                              (series,))}
    for m in sorted(meetings):
        put("series", m, _series_rows(db, m))
    pairs = set(groups["pairs"])
    for series in groups["named"]:
        pairs |= set(db.execute("SELECT DISTINCT concept, series FROM first_facts WHERE series = ?", (series,)))
    for concept, series in sorted(pairs):
        put("first-mention", f"{concept} {series}", _first_rows(db, ref, concept, series))
    scheme = _scheme_concepts(ref)
    for concept in sorted(groups["concepts"] & scheme):
        put("topic-counts", concept, _count_rows(db, ref, concept))


def _series_rows(db, meeting: str) -> list:
    found: dict[str, tuple] = {}
    for kind, low, num in db.execute("SELECT kind, MIN(value), MIN(num) FROM series_facts WHERE node = ? "
                                     "AND kind != 'name' GROUP BY kind", (meeting,)):
        found[kind] = (low, num)
    if "super" not in found:
        return []
    series = found["super"][0]
    names = dict(db.execute("SELECT num, MIN(value) FROM series_facts WHERE node = ? AND kind = 'name' GROUP BY num",
                            (series,)))
    if not names:
        return []
    label = names.get(1) or min(v for v in names.values())
    ordinal = found.get("ordinal", (None, None))[1]
    start = coalesce(found.get("day", (None,))[0], found.get("year", (None,))[0])
    location = coalesce(found.get("loc_r", (None,))[0], found.get("loc_a", (None,))[0])
    url = coalesce(found.get("url_r", (None,))[0], found.get("url_a", (None,))[0])
    return [((series, label, ordinal, meeting, start, location, url), ("~" + label, "~" + series, ordinal, start, meeting))]


def _first_rows(db, ref: Reference, concept: str, series: str) -> list:
    rows = list(db.execute("SELECT graph_iri, meeting, date, said, url FROM first_facts WHERE concept = ? AND series = ?",
                           (concept, series)))
    dates = [r[2] for r in rows if r[2] is not None]
    if not dates:
        return []
    first = min(dates)
    chosen: dict[str, list] = {}
    for g, m, date, said, url in rows:
        if date == first:
            chosen.setdefault(m, []).append((g, said, url))
    c, s = f"<{concept}>", f"<{series}>"
    label_en = [text(x) for x in in_lang(ref.objs(c, T["skos:prefLabel"]), "en")] or [None]
    label_ja = [text(x) for x in in_lang(ref.objs(c, T["skos:prefLabel"]), "ja")] or [None]
    out = []
    for m, found in chosen.items():
        mg = min(g for g, _s, _u in found)
        words = _least([w for _g, w, _u in found])
        urls = [u for _g, _w, u in found]  # MIN(STR(?url)): unbound when one of them is
        url = None if None in urls else min(urls)
        at = list(db.execute("SELECT lang, ordinal, place FROM first_meetings WHERE graph_iri = ? AND meeting = ?",
                             (mg, m)))
        names = list(db.execute("SELECT name, lang FROM first_names WHERE graph_iri = ? AND series = ?", (mg, series)))
        for lang_, ordinal, place in at:
            sl0 = [n for n, lg in names if lg == lang_]
            sl1 = [text(n) for n in in_lang(ref.objs(s, T["schema:name"]), lang_)]
            sl2 = [text(n) for n in in_lang(ref.objs(s, T["schema:name"]), "ja")]
            for en, ja, a, b, c2 in options(label_en, label_ja, sl0, sl1, sl2):
                label = coalesce(a, b, c2)
                out.append(((concept, en, ja, label, first, ordinal, m, place, words, url),
                            (None if en is None else "~" + en.lower(), first, None if label is None else "~" + label, m)))
    return out


def _least(values: list):
    found = [v for v in values if v is not None]
    return min(found) if found else None


def _scheme_concepts(ref: Reference) -> set[str]:
    schemes = {s for s, pos in ref.out.items() if '"topics"' in pos.get(T["skos:notation"], ())}
    return {c[1:-1] for c in ref.back[T["rdf:type"]].get(T["skos:Concept"], ())
            if any(x in schemes for x in ref.objs(c, T["skos:inScheme"]))}


def _count_rows(db, ref: Reference, concept: str) -> list:
    meetings, items, outcomes = db.execute(
        "SELECT COUNT(DISTINCT meeting), COUNT(DISTINCT CASE WHEN kind = 'item' THEN node END), "
        "COUNT(DISTINCT CASE WHEN kind = 'outcome' THEN node END) FROM topic_facts WHERE concept = ?", (concept,)).fetchone()
    c = f"<{concept}>"
    en = _least([text(x) for x in in_lang(ref.objs(c, T["skos:prefLabel"]), "en")])
    ja = _least([text(x) for x in in_lang(ref.objs(c, T["skos:prefLabel"]), "ja")])
    broader = _least([text(x) for b in ref.objs(c, T["skos:broader"])
                      for x in in_lang(ref.objs(b, T["skos:prefLabel"]), "en")])
    return [((concept, en, ja, broader, meetings, items, outcomes),
             (Desc(meetings), None if en is None else "~" + en.lower()))]
