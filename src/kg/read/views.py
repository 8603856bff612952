"""The rows of the saved queries, worked out from one release's graph: what kg.read.tables stores.

At 50 k releases Oxigraph cannot list the 200 k rows of `participants` in a second, so the build
keeps each large saved query's rows in a table (kg.read.tables), refreshed release by release.
The rows are computed here, in the build's worker processes, from the triples a release maps to
and the reference data, by the same rules as the query's SPARQL (queries/NAME.rq, which stays the
definition): the same lookups, fallbacks, groupings and order. tests/test_read_tables.py checks,
on the benchmark corpus, the seed and the test fixtures, that every table gives exactly the rows
its query gives.

Each function takes a `Graph` (a release's triples as N-Triples terms, indexed) and the
`Reference` (the reference graph, indexed), and returns `Row`s: the values in the query's column
order (Python values as `kg query` prints them), the query's sort key, and the meeting the row is
about (for the filters -p series/org/since/until). Queries whose rows depend on several releases
(series, first-mention, topic-counts) return the per-release facts their rows are made from;
`series_rows`, `first_mention_rows` and `topic_count_rows` make the rows from those.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product

from ..rdf import nt
from ..rdf.prefixes import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
_NS = {k: v for k, v in PREFIXES.items()}
_INTEGER = {f"<{XSD}{t}>" for t in ("integer", "int", "long", "nonNegativeInteger")}


def _t(prefixed: str) -> str:
    prefix, local = prefixed.split(":", 1)
    return f"<{_NS[prefix]}{local}>"


T = {name: _t(name) for name in (
    "rdf:type", "rdfs:label", "skos:prefLabel", "skos:notation", "skos:broader", "skos:inScheme", "skos:Concept",
    "dct:language", "dct:title", "dct:issued", "dct:publisher", "dct:hasPart", "dct:format", "dct:subject",
    "schema:url", "schema:name", "schema:superEvent", "schema:startDate", "schema:endDate", "schema:attendee",
    "schema:Person", "schema:text", "schema:telephone", "schema:faxNumber", "schema:mentions", "schema:eventStatus",
    "schema:EventScheduled", "schema:EventSeries", "org:heldBy", "org:postIn", "cv:eventNumber",
    "cv:hasParticipant", "cv:role", "time:hasTime", "time:year", "time:month", "kg:sha256", "kg:reports",
    "kg:PressRelease", "kg:level", "kg:locationText", "kg:participation", "kg:mention", "kg:orgKind", "kg:country",
    "kg:Outcome", "kg:outcomeOf", "kg:outcomeKind", "kg:position", "kg:topic", "kg:party", "kg:agendaItem",
    "kg:contact", "kg:unitName", "kg:staff")}


_PROVENANCE = {_t(t) for t in ("kg:about", "kg:property", "kg:value", "oa:hasTarget", "oa:hasSource", "oa:hasSelector",
                                "oa:start", "oa:end", "oa:exact", "oa:motivatedBy", "kg:matchedLabel", "kg:sourceText")}
_BACK = {T[t] for t in ("rdf:type", "kg:agendaItem", "org:heldBy", "kg:topic", "dct:subject", "kg:reports",
                        "schema:mentions", "kg:outcomeOf")}  # the ones looked up backwards


class Index:
    """Facts (N-Triples terms) by subject and predicate, and, for the few predicates the views look up
    backwards, subjects by predicate and object. Provenance triples are left out: no view reads them."""

    def __init__(self, triples):
        out: dict[str, dict[str, list[str]]] = {}
        back: dict[str, dict[str, list[str]]] = {p: {} for p in _BACK}
        skip = _PROVENANCE
        for s, p, o in triples:
            if p in skip:
                continue
            objs = out.setdefault(s, {}).setdefault(p, [])
            if o in objs:
                continue
            objs.append(o)
            by = back.get(p)
            if by is not None:
                by.setdefault(o, []).append(s)
        self.out, self.back = out, back

    def objs(self, s: str | None, p: str) -> list[str]:
        found = self.out.get(s)
        return found.get(p, ()) if found else ()

    def subjects(self, p: str, o: str) -> list[str]:
        return self.back[p].get(o, ())

    def has(self, s: str, p: str, o: str) -> bool:
        return o in self.objs(s, p)


@dataclass
class Graph:
    """One release's graph: its triples indexed, and its release node (the one with kg:sha256)."""

    index: Index
    release: str | None = None
    lang: str | None = None

    @classmethod
    def of(cls, triples) -> "Graph":
        index = Index(triples)
        releases = [s for s, pos in index.out.items() if T["kg:sha256"] in pos]
        release = releases[0] if releases else None
        langs = index.objs(release, T["dct:language"])
        return cls(index, release, nt.value(langs[0]) if langs else None)

    @property
    def url(self) -> str | None:
        urls = self.index.objs(self.release, T["schema:url"])
        return nt.value(urls[0]) if urls else None


Reference = Index  # the reference graph, indexed the same way


@dataclass
class Row:
    values: tuple
    key: tuple
    meeting: str | None = None  # the IRI (no angle brackets) of the meeting the row is about
    group: str | None = None  # for the tables of several releases: what the row aggregates over


@dataclass
class Desc:
    """A descending sort component."""

    value: object


# ---------------------------------------------------------------- terms

def _lexical(term: str) -> str:
    """The lexical form of a literal term (the fast way when it has no escapes)."""
    end = term.rfind('"')
    lexical = term[1:end]
    return nt.value(term) if "\\" in lexical else lexical


def lang(term: str | None) -> str | None:
    if not term or term[0] != '"':
        return None
    tail = term[term.rfind('"') + 1:]
    return tail[1:] if tail.startswith("@") else None


def value(term: str | None) -> object:
    """A term as `kg query` prints it (kg.read.queries.python_value): IRIs and strings as text,
    integers as numbers."""
    if term is None:
        return None
    if term[0] == "<":
        return term[1:-1]
    lexical = _lexical(term)
    if term[-1] == ">" and term[term.rfind('"') + 3:] in _INTEGER:
        try:
            return int(lexical)
        except ValueError:
            return lexical
    return lexical


def text(term: str | None) -> str | None:
    """STR(term)."""
    if term is None:
        return None
    return term[1:-1] if term[0] == "<" else _lexical(term)


def strafter(term: str | None, sep: str) -> str | None:
    if term is None:
        return None
    s = text(term)
    return s.split(sep, 1)[1] if sep in s else ""


def in_lang(terms: list[str], want: str | None) -> list[str]:
    return [t for t in terms if want is not None and lang(t) == want]


def coalesce(*values):
    return next((v for v in values if v is not None), None)


def url_key(url: str | None):
    """The sort key CONCAT("~", STR(?release_url)): unbound first."""
    return None if url is None else "~" + url


def minimum(values):
    found = [v for v in values if v is not None]
    return min(found) if found else None


def options(*lists):
    """Every combination of optional values, as SPARQL's OPTIONAL gives them (None where none)."""
    return product(*[lst or [None] for lst in lists])


def meeting_of(term: str | None) -> str | None:
    return None if term is None else term[1:-1]


# ---------------------------------------------------------------- one release

def _reported(g: Graph) -> list[str]:
    return g.index.objs(g.release, T["kg:reports"])


def releases(g: Graph, ref: Reference) -> list[Row]:
    ix, r = g.index, g.release
    if r is None or T["kg:PressRelease"] not in ix.objs(r, T["rdf:type"]) or g.lang is None:
        return []
    title, issued, pub = (next(iter(ix.objs(r, p)), None) for p in (T["dct:title"], T["dct:issued"], T["dct:publisher"]))
    out = []
    for p0, p1, p2 in options(in_lang(ix.objs(pub, T["skos:prefLabel"]), g.lang),
                              in_lang(ref.objs(pub, T["skos:prefLabel"]), g.lang),
                              in_lang(ref.objs(pub, T["skos:prefLabel"]), "ja")):
        publisher = coalesce(p0, p1, p2)
        issued_value = value(issued)
        out.append(Row((g.url, value(r), value(title), issued_value, value(publisher), g.lang),
                       (issued_value, value(r))))
    return out


def _series_label(g: Graph, ref: Reference, s: str, want: str | None) -> list[str | None]:
    """COALESCE(the series' name in the release's language in its graph, in the reference data, its Japanese
    name there), for every combination the OPTIONALs give."""
    return [coalesce(a, b, c) for a, b, c in options(in_lang(g.index.objs(s, T["schema:name"]), want),
                                                     in_lang(ref.objs(s, T["schema:name"]), want),
                                                     in_lang(ref.objs(s, T["schema:name"]), "ja"))]


def meetings(g: Graph, ref: Reference) -> list[Row]:
    ix, url = g.index, g.url
    if g.release is None or g.lang is None:
        return []
    r = value(g.release)
    groups: dict[tuple, list] = {}
    for m in _reported(g):
        vague = []
        for t in ix.objs(m, T["time:hasTime"]):
            for vy in ix.objs(t, T["time:year"]):
                vague += [(vy, vm) for vm in (ix.objs(t, T["time:month"]) or [None])]
        for name, s, ordinal, level, location, sd, ed, (vy, vm) in options(
                ix.objs(m, T["schema:name"]), ix.objs(m, T["schema:superEvent"]), ix.objs(m, T["cv:eventNumber"]),
                ix.objs(m, T["kg:level"]), ix.objs(m, T["kg:locationText"]), ix.objs(m, T["schema:startDate"]),
                ix.objs(m, T["schema:endDate"]), vague or [(None, None)]):
            if name is None or s is None:
                continue
            year = text(vy)
            start = coalesce(text(sd), (f"{year}-{text(vm)[2:]}" if vm is not None else year) if year else None)
            key = (url, value(m), value(name), value(ordinal), value(level), start, text(ed), value(location))
            groups.setdefault(key, []).extend(_series_label(g, ref, s, g.lang))
    return [Row((k[0], k[1], _sample(labels), *k[2:]), (url_key(k[0]), r, k[5], k[3], k[1], k[2], k[4], k[6], k[7]), k[1])
            for k, labels in groups.items()]


def _sample(values: list):
    """SAMPLE: the first value found (SPARQL leaves the choice to the engine; where a group has
    one value, as the saved queries' groups do, it is that one)."""
    found = [v for v in values if v is not None]
    return value(found[0]) if found else None


def participants(g: Graph, ref: Reference) -> list[Row]:
    ix, url = g.index, g.url
    if g.release is None or g.lang is None:
        return []
    release = value(g.release)
    groups: dict[tuple, list[tuple]] = {}
    for m in _reported(g):
        for p in ix.objs(m, T["kg:participation"]):
            for org, r in options(ix.objs(p, T["cv:hasParticipant"]), ix.objs(p, T["cv:role"])):
                if org is None or r is None:
                    continue
                kinds = [strafter(coalesce(a, b), "#kind-") for a, b in options(ix.objs(org, T["kg:orgKind"]),
                                                                                ref.objs(org, T["kg:orgKind"]))]
                countries = [strafter(coalesce(a, b), "/country/") for a, b in options(
                    ix.objs(org, T["kg:country"]), ref.objs(org, T["kg:country"]))]
                labels = [coalesce(a, b, c, d) for a, b, c, d in options(
                    in_lang(ix.objs(org, T["skos:prefLabel"]), g.lang), in_lang(ref.objs(org, T["skos:prefLabel"]), g.lang),
                    in_lang(ref.objs(org, T["skos:prefLabel"]), "ja"), ix.objs(org, T["skos:prefLabel"]))]
                key = (url, value(m), value(org), strafter(r, "#role-"))
                rows = groups.setdefault(key, [])
                for mention, label, country, kind in options(ix.objs(p, T["kg:mention"]), labels, countries, kinds):
                    rows.append((label, mention, country, kind))
    out = []
    for (u, m, org, role), found in groups.items():
        label = _sample([x[0] for x in found])
        mention = minimum([text(x[1]) for x in found])
        country = next((x[2] for x in found if x[2] is not None), None)
        kind = next((x[3] for x in found if x[3] is not None), None)
        out.append(Row((u, m, org, label, mention, country, kind, role), (url_key(u), release, m, Desc(role), org), m))
    return out


def _agenda(g: Graph):
    """(meeting, item, label, position) of each agenda item of the meetings a release reports."""
    ix = g.index
    if g.release is None:
        return
    for m in _reported(g):
        for t in ix.objs(m, T["kg:agendaItem"]):
            for label, pos in options(ix.objs(t, T["rdfs:label"]), ix.objs(t, T["kg:position"])):
                if label is not None and pos is not None:
                    yield m, t, label, pos


def topics(g: Graph, ref: Reference) -> list[Row]:
    url = g.url
    return [Row((url, value(m), value(t), value(label)), (url_key(url), value(g.release), "~" + value(m), value(pos)),
                value(m)) for m, t, label, pos in _agenda(g)]


def agreements(g: Graph, ref: Reference) -> list[Row]:
    ix, url = g.index, g.url
    if g.release is None or g.lang is None:
        return []
    found: dict[tuple, tuple] = {}
    for a in ix.subjects(T["rdf:type"], T["kg:Outcome"]):
        parties = sorted({nt.value(label) for party in ix.objs(a, T["kg:party"])
                          for label in in_lang(ref.objs(party, T["skos:prefLabel"]), "ja")})
        joined = " | ".join(parties) if parties else None
        topics_ = [label for item in ix.objs(a, T["kg:topic"]) for label in ix.objs(item, T["rdfs:label"])]
        for m, k, said, pos, topic in options(ix.objs(a, T["kg:outcomeOf"]), ix.objs(a, T["kg:outcomeKind"]),
                                              ix.objs(a, T["schema:text"]), ix.objs(a, T["kg:position"]), topics_):
            if m is None or k is None or said is None or pos is None:
                continue
            values = (url, value(m), value(a), strafter(k, "#outcome-"), value(topic), joined, value(said))
            found[values + (value(pos),)] = (url_key(url), value(g.release), "~" + value(m), value(pos))
    return [Row(k[:-1], key, k[1]) for k, key in found.items()]


def people(g: Graph, ref: Reference) -> list[Row]:
    ix, url = g.index, g.url
    if g.release is None or g.lang is None:
        return []
    posts_in = [(p, o) for p, pos in ix.out.items() for o in pos.get(T["org:postIn"], [])]
    groups: dict[tuple, list] = {}
    for m in _reported(g):
        for person in ix.objs(m, T["schema:attendee"]):
            if T["schema:Person"] not in ix.objs(person, T["rdf:type"]):
                continue
            posts = [(p, label) for p in ix.subjects(T["org:heldBy"], person) for label in ix.objs(p, T["rdfs:label"])]
            for name in ix.objs(person, T["schema:name"]):
                for p, post in posts or [(None, None)]:
                    key = (url, value(m), value(person), value(name), value(post))
                    labels = groups.setdefault(key, [])
                    # the post's body (org:postIn), joined on the post; with no post, on the graph alone
                    for _p, o in [(q, o) for q, o in posts_in if p is None or q == p]:
                        labels += in_lang(ref.objs(o, T["skos:prefLabel"]), "ja") or [None]
    return [Row((*k, _sample(labels)), (url_key(k[0]), value(g.release), "~" + k[1], k[3], k[4], k[2]), k[1])
            for k, labels in groups.items()]


def documents(g: Graph, ref: Reference) -> list[Row]:
    ix, url = g.index, g.url
    out = []
    if g.release is None:
        return out
    for d in ix.objs(g.release, T["dct:hasPart"]):
        for title, lang_, fmt in options(ix.objs(d, T["dct:title"]), ix.objs(d, T["dct:language"]),
                                         ix.objs(d, T["dct:format"])):
            if title is None:
                continue
            out.append(Row((url, value(d), value(title), value(lang_), value(fmt)), (url_key(url), value(g.release), "~" + value(d))))
    return out


def contacts(g: Graph, ref: Reference) -> list[Row]:
    ix, url = g.index, g.url
    found: dict[tuple, tuple] = {}
    if g.release is None:
        return []
    for c in ix.objs(g.release, T["kg:contact"]):
        staff = sorted({nt.value(s) for s in ix.objs(c, T["kg:staff"])})
        joined = ", ".join(staff) if staff else None
        for unit, phone, fax in options(ix.objs(c, T["kg:unitName"]), ix.objs(c, T["schema:telephone"]),
                                        ix.objs(c, T["schema:faxNumber"])):
            if unit is None:
                continue
            found[(url, value(unit), joined, value(phone), value(fax), c)] = (url_key(url), value(g.release), "~" + value(c))
    return [Row(k[:-1], key) for k, key in found.items()]


def topics_unmatched(g: Graph, ref: Reference) -> list[Row]:
    ix, url = g.index, g.url
    return [Row((url, value(m), value(pos), value(heading)), (url_key(url), value(g.release), "~" + value(m), value(pos)),
                value(m)) for m, t, heading, pos in _agenda(g) if not ix.objs(t, T["dct:subject"])]


def topic_timeline(g: Graph, ref: Reference) -> list[Row]:
    ix, url = g.index, g.url
    if g.release is None or g.lang is None:
        return []
    r = g.release
    reported = set(_reported(g))
    found: dict[tuple, list] = {}

    def add(concept, m, s, heading, kind, outcome, pos, ipos):
        for ordinal, place, start, issued in options(ix.objs(m, T["cv:eventNumber"]), ix.objs(m, T["kg:locationText"]),
                                                    ix.objs(m, T["schema:startDate"]), ix.objs(r, T["dct:issued"])):
            date = text(coalesce(start, issued))
            kinds = ref.objs(kind, T["skos:notation"]) if kind else []
            for outcome_kind in kinds or [None]:
                key = (date, value(ordinal), value(m), value(heading), value(outcome_kind), value(outcome), url,
                       value(concept), value(pos), value(ipos))
                found.setdefault(key, []).append((_series_label(g, ref, s, g.lang), value(place)))

    for concept, outs in ix.back[T["dct:subject"]].items():
        for node in outs:
            for m in ix.objs(node, T["kg:outcomeOf"]):  # an outcome on the topic
                if m not in reported:
                    continue
                headings = [h for item in ix.objs(node, T["kg:topic"]) for h in ix.objs(item, T["rdfs:label"])]
                for s, said, kind, pos, heading in options(ix.objs(m, T["schema:superEvent"]), ix.objs(node, T["schema:text"]),
                                                           ix.objs(node, T["kg:outcomeKind"]), ix.objs(node, T["kg:position"]),
                                                           headings):
                    if s is None or said is None or kind is None or pos is None:
                        continue
                    add(concept, m, s, heading, kind, said, pos, None)
            for m in ix.subjects(T["kg:agendaItem"], node):  # a heading on the topic, when no outcome under it is
                if m not in reported or any(ix.has(o, T["dct:subject"], concept) for o in ix.subjects(T["kg:topic"], node)):
                    continue
                for s, heading, ipos in options(ix.objs(m, T["schema:superEvent"]), ix.objs(node, T["rdfs:label"]),
                                                ix.objs(node, T["kg:position"])):
                    if s is None or heading is None or ipos is None:
                        continue
                    add(concept, m, s, heading, None, None, None, ipos)
    out = []
    for k, extra in found.items():
        date, ordinal, m, heading, outcome_kind, outcome, u, concept, pos, ipos = k
        series = _sample([label for labels, _place in extra for label in labels])
        place = next((p for _labels, p in extra if p is not None), None)
        out.append(Row((date, series, ordinal, m, place, heading, outcome_kind, outcome, u, concept),
                       (date, ordinal, m, u, value(g.release), ipos, pos), m, group=concept))
    return out


VIEWS = {"releases": releases, "meetings": meetings, "participants": participants, "topics": topics,
         "agreements": agreements, "people": people, "documents": documents, "contacts": contacts,
         "topics-unmatched": topics_unmatched, "topic-timeline": topic_timeline}


# ---------------------------------------------------------------- what the filters read

@dataclass
class MeetingFacts:
    """What -p series/org/since/until test, for one meeting a release reports."""

    meeting: str
    series: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    days: list[str] = field(default_factory=list)  # its start dates (ISO days)


def meeting_facts(g: Graph) -> list[MeetingFacts]:
    ix = g.index
    out = []
    for m in _reported(g):
        orgs = [*ix.objs(m, _t("schema:organizer")), *ix.objs(m, T["schema:attendee"])]
        out.append(MeetingFacts(m[1:-1], [s[1:-1] for s in ix.objs(m, T["schema:superEvent"])],
                                [o[1:-1] for o in orgs if o[0] == "<"],
                                [nt.value(d) for d in ix.objs(m, T["schema:startDate"])]))
    return out
