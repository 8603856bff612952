"""Records -> the triples of one release's named graph, every fact tied to the words it came from.

Pure: no I/O, no clock. The graph holds the release's own facts and, for the facts that came
from the text, lean Web Annotations pointing at the words they were read from (kg.rdf.provenance).

Triples are made as N-Triples text (kg.rdf.nt): the build writes them as they are
(`release_ntriples`), and `graph_for_release` reads them into an rdflib Graph for everything else.
The gazetteer and the topic scheme are passed in: mapping opens no file.
"""
from __future__ import annotations

from rdflib import Graph, URIRef

from ..extract.keys import digest, release_id
from . import iris, nt
from ..gazetteer import Gazetteer
from ..model import DateValue, Meeting, OrgRef, Place, Release, Span
from .provenance import Provenance
from .topics import Entry, topic_lines
from .vocab import CV as _CV, DCTERMS as _DCTERMS, FOAF as _FOAF, KG as _KG, ORG as _ORG, PROV as _PROV, RDF as _RDF, RDFS as _RDFS, SCHEMA as _SCHEMA, SKOS as _SKOS, TIME as _TIME, XSD as _XSD, bind_prefixes

CV, DCTERMS, FOAF, KG, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, XSD = (
    nt.Namespace(str(ns)) for ns in (_CV, _DCTERMS, _FOAF, _KG, _ORG, _PROV, _RDF, _RDFS, _SCHEMA, _SKOS,
                                     _TIME, _XSD))
Triple = tuple[str, str, str]  # N-Triples terms

ROLE = {"host": KG["role-host"], "participant": KG["role-participant"]}
ORG_KIND = {k: KG[f"kind-{k}"] for k in ("government", "industry", "international", "other")}
ATTENDANCE = {"offline": SCHEMA.OfflineEventAttendanceMode, "online": SCHEMA.OnlineEventAttendanceMode,
              "mixed": SCHEMA.MixedEventAttendanceMode}


def _u(iri: str) -> str:
    return nt.iri(str(iri))


def _under(node: str, path: str) -> str:
    """The IRI term of `path` under the IRI term `node`."""
    return nt.iri(f"{node[1:-1]}/{path}")


def _int(n: int) -> str:
    return nt.literal(n, datatype=XSD.integer)


def _date(iso: str) -> str:
    return nt.literal(iso, datatype=XSD.date)


def _plain(text: str) -> str:
    return nt.literal(text)


def outcome_kind_iri(kind: str) -> str:
    return KG[f"outcome-{kind}"]


def event_kind_iri(kind: str) -> str:
    return KG[f"event-{kind}"]


class ReleaseGraph:
    """Accumulates the triples of one release and the words each was read from (kg.rdf.provenance)."""

    def __init__(self, release: Release):
        self.release = release
        self.iri = str(iris.release_iri(release.id))
        self.node = nt.iri(self.iri)
        self.identifier = iris.graph_iri(release.id)
        self.triples: dict[Triple, None] = {}  # an ordered set
        self.provenance = Provenance(self.node, release.text)
        self.lang = release.lang
        self.topic_entries: list[Entry] = []
        self.described: dict[str, str] = {}  # unknown body -> the name it is described by: as first written

    def add(self, s: str, p: str, o: str, *spans: Span | None) -> None:
        """Add one fact; with spans, also where it was read."""
        fact = (s, p, o)
        self.triples[fact] = None
        for span in spans:
            if span is not None:
                self.provenance.trace(fact, span)

    def text(self, value: str) -> str:
        return nt.literal(value, lang=self.lang)

    def passage(self, text: str, span: Span | None) -> tuple[str, int | None, str | None]:
        """What the topic matcher reads for a fact: the traced words and where they stand, else the value."""
        if span is None:
            return text, None, None
        return span.quote(self.release.text), span.start, self.node


def graph_for_release(release: Release, gazetteer: Gazetteer, scheme: Graph) -> Graph:
    """The named graph of one release, as an rdflib Graph."""
    identifier, triples = release_triples(release, gazetteer, scheme)
    graph = bind_prefixes(Graph(identifier=identifier))
    graph.parse(data=nt.lines(triples), format="nt")
    return graph


def release_ntriples(release: Release, gazetteer: Gazetteer, scheme: Graph) -> tuple[str, list[Triple], str]:
    """(graph IRI, triples as N-Triples terms, N-Triples text) of one release: the build's path."""
    identifier, triples = release_triples(release, gazetteer, scheme)
    return str(identifier), triples, nt.lines(triples)


def release_triples(release: Release, gazetteer: Gazetteer, scheme: Graph) -> tuple[URIRef, list[Triple]]:
    """The name and the triples (as N-Triples terms) of a release's graph; `scheme` is the topic
    scheme (kg.rdf.topics.load_scheme) its agenda items and outcomes are linked to."""
    rg, facts = mapped(release, gazetteer, scheme)
    return rg.identifier, facts + rg.provenance.lines(facts)


def mapped(release: Release, gazetteer: Gazetteer, scheme: Graph) -> tuple[ReleaseGraph, list[Triple]]:
    """A release mapped: its facts, and (in the ReleaseGraph's provenance) where each was read."""
    rg = ReleaseGraph(release)
    _map_release(rg)
    for i, meeting in enumerate(release.meetings, start=1):
        _map_meeting(rg, meeting, i, gazetteer)
    _map_related(rg, gazetteer)
    _map_documents(rg)
    _map_contacts(rg)
    return rg, list(rg.triples) + topic_lines(rg.topic_entries, scheme, rg.provenance)


def _map_release(rg: ReleaseGraph) -> None:
    r, node = rg.release, rg.node
    rg.add(node, RDF.type, KG.PressRelease)
    rg.add(node, DCTERMS.identifier, _plain(r.id))
    rg.add(node, DCTERMS.language, _plain(r.lang))
    rg.add(node, KG.sha256, _plain(r.source.sha256))
    url = nt.web_iri(r.url)
    if url:
        rg.add(node, SCHEMA.url, url)
        rg.add(node, PROV.wasDerivedFrom, url)
    if r.title:
        rg.add(node, DCTERMS.title, rg.text(r.title), r.title_span)
    if r.issued and r.issued.iso:
        rg.add(node, DCTERMS.issued, _date(r.issued.iso), r.issued.span)
    if r.publisher:
        org = _org(rg, r.publisher)
        rg.add(node, DCTERMS.publisher, org, r.publisher.span if r.issuer_printed else None)


def _org(rg: ReleaseGraph, ref: OrgRef) -> str:
    """The body's IRI; a body the gazetteer does not know is described in the release graph."""
    node = _u(iris.org_iri(ref.key))
    first = rg.described.get(node)
    if not ref.known and first is not None:  # one body written two ways (タイ王国X省, タイX省): one label, one kind
        if first == ref.name:  # written the same way again: these words name it too
            rg.add(node, RDF.type, ORG.Organization, ref.span)
            rg.add(node, SKOS.prefLabel, rg.text(ref.name), ref.span)
        return node
    if not ref.known:
        rg.described[node] = ref.name
        rg.add(node, RDF.type, ORG.Organization, ref.span)
        if ref.kind == "government":
            rg.add(node, RDF.type, SCHEMA.GovernmentOrganization)
        rg.add(node, SKOS.prefLabel, rg.text(ref.name), ref.span)
        rg.add(node, KG.orgKind, ORG_KIND[ref.kind])
        if ref.country:
            rg.add(node, KG.country, _u(iris.country_iri(ref.country)))
        if ref.parent:
            rg.add(node, ORG.subOrganizationOf, _u(iris.org_iri(ref.parent)), ref.span)
    return node


def _place(rg: ReleaseGraph, place: Place) -> str:
    node = _u(iris.place_iri(place.key))
    if not place.known:
        rg.add(node, RDF.type, SCHEMA.Place, place.span)
        rg.add(node, SCHEMA.name, rg.text(place.name), place.span)
        if place.country:
            rg.add(node, KG.country, _u(iris.country_iri(place.country)))
    return node


def _meeting_node(meeting: Meeting, fallback: str) -> str:
    if meeting.ordinal is None and meeting.start is not None:
        fallback = meeting.start.iso or f"{meeting.start.year or ''}-{meeting.start.month or ''}".strip("-")
    return _u(iris.meeting_iri(meeting.series_key, meeting.ordinal, fallback or "x"))


def _series(rg: ReleaseGraph, key: str, name: str, known: bool, span: Span | None) -> str:
    node = _u(iris.series_iri(key))
    if not known:
        rg.add(node, RDF.type, SCHEMA.EventSeries, span)
        rg.add(node, SCHEMA.name, rg.text(name), span)
    return node


def _map_meeting(rg: ReleaseGraph, m: Meeting, index: int, gaz: Gazetteer) -> None:
    node = _meeting_node(m, f"{rg.release.id}-{index}")
    rg.add(rg.node, KG.reports if m.reported else SCHEMA.mentions, node, m.span)
    rg.add(node, RDF.type, SCHEMA.Event, m.span)
    rg.add(node, SCHEMA.name, rg.text(m.name), m.span)
    rg.add(node, DCTERMS.type, event_kind_iri(m.kind))
    series = _series(rg, m.series_key, m.series_name, m.known_series or m.series_key in gaz.series, m.span)
    rg.add(node, SCHEMA.superEvent, series, m.span)
    if m.ordinal is not None:
        rg.add(node, CV.eventNumber, _int(m.ordinal), m.span)
    if m.level:
        rg.add(node, KG.level, rg.text(m.level), m.span)
    _map_dates(rg, node, m.start, m.end)
    if m.location:
        rg.add(node, SCHEMA.location, _place(rg, m.location), m.location.span)
        rg.add(node, KG.locationText, rg.text(m.location.mention), m.location.span)
    elif m.attendance in ("online", "mixed") and m.attendance_span:  # WEB会議: written where, but not a Place
        rg.add(node, KG.locationText, rg.text(m.attendance_span.quote(rg.release.text)), m.attendance_span)
    if m.attendance:
        rg.add(node, SCHEMA.eventAttendanceMode, ATTENDANCE[m.attendance], m.attendance_span)
    if m.status == "scheduled":
        rg.add(node, SCHEMA.eventStatus, SCHEMA.EventScheduled, m.span)
    _map_participations(rg, node, m)
    _map_people(rg, node, m)
    topics = _map_topics(rg, node, m)
    _map_outcomes(rg, node, m, topics)


def _map_dates(rg: ReleaseGraph, node: str, start: DateValue | None, end: DateValue | None) -> None:
    for date, prop in ((start, SCHEMA.startDate), (end, SCHEMA.endDate)):
        if date is not None and date.iso:
            rg.add(node, prop, _date(date.iso), date.span)
    if start is not None and start.vague and start.year:
        when = _under(node, "time")
        rg.add(node, TIME.hasTime, when, start.span)
        rg.add(when, RDF.type, TIME.DateTimeDescription)
        rg.add(when, TIME.year, nt.literal(f"{start.year:04d}", datatype=XSD.gYear), start.span)
        if start.month:
            rg.add(when, TIME.month, nt.literal(f"--{start.month:02d}", datatype=XSD.gMonth), start.span)
        rg.add(when, TIME.unitType, TIME.unitMonth if start.month else TIME.unitYear)


def _map_participations(rg: ReleaseGraph, node: str, m: Meeting) -> None:
    for p in m.participations:
        org = _org(rg, p.org)
        part = _under(node, f"participation/{p.org.key}")
        spans = p.spans or [p.org.span]
        rg.add(node, KG.participation, part, *spans)
        rg.add(part, RDF.type, CV.Participation)
        rg.add(part, CV.hasParticipant, org, *spans)
        rg.add(part, CV.role, ROLE[p.role], *spans)
        rg.add(part, KG.mention, rg.text(p.org.mention), p.org.span)
        rg.add(node, SCHEMA.organizer if p.role == "host" else SCHEMA.attendee, org, *spans)


def _map_people(rg: ReleaseGraph, node: str, m: Meeting) -> None:
    for person in m.people:
        org_key = person.org.key if person.org else None
        who = _u(iris.person_iri(person.name, org_key))
        rg.add(who, RDF.type, SCHEMA.Person, person.span)
        rg.add(who, SCHEMA.name, rg.text(person.name), person.span)
        rg.add(node, SCHEMA.attendee, who, person.span)
        if person.acting_for:
            rg.add(who, KG.actingFor, rg.text(person.acting_for), person.span)
        if person.post:
            post = _u(iris.iri("post", org_key or "unknown", digest(person.post)))
            rg.add(post, RDF.type, ORG.Post, person.span)
            rg.add(post, RDFS.label, rg.text(person.post), person.span)
            rg.add(post, ORG.heldBy, who, person.span)
            if person.org:
                rg.add(post, ORG.postIn, _org(rg, person.org), person.span)


def _map_topics(rg: ReleaseGraph, node: str, m: Meeting) -> dict[int, str]:
    topics = {}
    for t in m.topics:
        item = _under(rg.node, f"topic/{_meeting_slot(rg, m)}{t.index}")
        topics[t.index] = item
        rg.add(node, KG.agendaItem, item, t.span)
        rg.add(item, RDF.type, KG.AgendaItem, t.span)
        rg.topic_entries.append(Entry(item, False, *rg.passage(t.label, t.span)))
        rg.add(item, RDFS.label, rg.text(t.label), t.span)
        rg.add(item, KG.position, _int(t.index))
        if t.number:
            rg.add(item, KG.number, _plain(t.number), t.span)
    return topics


def _meeting_slot(rg: ReleaseGraph, m: Meeting) -> str:
    """Agenda items and outcomes of the first meeting keep short IRIs; others are prefixed."""
    i = rg.release.meetings.index(m)
    return "" if i == 0 else f"m{i + 1}-"


def _map_outcomes(rg: ReleaseGraph, node: str, m: Meeting, topics: dict[int, str]) -> None:
    for i, o in enumerate(m.outcomes, start=1):
        out = _under(rg.node, f"outcome/{_meeting_slot(rg, m)}{i}")
        rg.add(out, RDF.type, KG.Outcome, o.span)
        rg.topic_entries.append(Entry(out, True, *rg.passage(o.text, o.span), topics.get(o.topic)))
        rg.add(out, KG.outcomeOf, node, o.span)
        rg.add(out, KG.outcomeKind, outcome_kind_iri(o.kind), o.span)
        rg.add(out, SCHEMA.text, rg.text(o.text), o.span)
        rg.add(out, KG.position, _int(i))
        if o.verb:
            rg.add(out, KG.verb, rg.text(o.verb), o.span)
        if o.topic is not None and o.topic in topics:
            rg.add(out, KG.topic, topics[o.topic], o.span)
        for party in o.parties:
            rg.add(out, KG.party, _org(rg, party), o.span)
        for alpha2 in o.party_countries:
            rg.add(out, KG.party, _u(iris.country_iri(alpha2)), o.span)


def _map_related(rg: ReleaseGraph, gaz: Gazetteer) -> None:
    for rel in rg.release.related:
        url = nt.web_iri(rel.url)
        if url is None:  # a link the store would refuse: the fact is left out, the release kept
            continue
        other = _u(iris.release_iri(release_id(rel.url, rel.url)))
        rg.add(rg.node, DCTERMS.references, other, rel.span)
        rg.add(other, RDF.type, KG.PressRelease, rel.span)
        rg.add(other, DCTERMS.identifier, _plain(release_id(rel.url, rel.url)))
        rg.add(other, SCHEMA.url, url, rel.span)
        rg.add(other, DCTERMS.title, rg.text(rel.title), rel.span)
        if rel.issued and rel.issued.iso:
            rg.add(other, DCTERMS.issued, _date(rel.issued.iso), rel.span)
        if rel.series_key and rel.ordinal is not None:
            meeting = _u(iris.meeting_iri(rel.series_key, rel.ordinal, ""))
            series = _series(rg, rel.series_key, rel.series_name or rel.title, rel.series_key in gaz.series, rel.span)
            rg.add(other, KG.reports, meeting, rel.span)
            rg.add(meeting, RDF.type, SCHEMA.Event, rel.span)
            rg.add(meeting, SCHEMA.name, rg.text(rel.series_name or rel.title), rel.span)
            rg.add(meeting, SCHEMA.superEvent, series, rel.span)
            rg.add(meeting, CV.eventNumber, _int(rel.ordinal), rel.span)
            if rel.level:
                rg.add(meeting, KG.level, rg.text(rel.level), rel.span)


def _map_documents(rg: ReleaseGraph) -> None:
    for i, d in enumerate(rg.release.documents, start=1):
        doc = _under(rg.node, f"document/{i}")
        rg.add(rg.node, DCTERMS.hasPart, doc, d.span)
        rg.add(doc, RDF.type, FOAF.Document, d.span)
        rg.add(doc, DCTERMS.title, rg.text(d.title), d.span)
        if d.lang:
            rg.add(doc, DCTERMS.language, _plain(d.lang), d.span)
        if d.format:
            rg.add(doc, DCTERMS.format, _plain(d.format), d.span)
        if nt.web_iri(d.url):
            rg.add(doc, SCHEMA.url, nt.web_iri(d.url), d.span)
        for author in d.author:
            rg.add(doc, DCTERMS.creator, _org(rg, author), d.span)


def _map_contacts(rg: ReleaseGraph) -> None:
    for i, c in enumerate(rg.release.contacts, start=1):
        node = _under(rg.node, f"contact/{i}")
        rg.add(rg.node, KG.contact, node, c.span)
        rg.add(node, RDF.type, SCHEMA.ContactPoint, c.span)
        rg.add(node, KG.unitName, rg.text(c.unit), c.span)
        for person in c.staff:
            rg.add(node, KG.staff, rg.text(person), c.span)
        for value, prop in ((c.phone, SCHEMA.telephone), (c.fax, SCHEMA.faxNumber), (c.email, SCHEMA.email)):
            if value:
                rg.add(node, prop, _plain(value), c.span)

