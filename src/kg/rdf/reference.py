"""The shared reference graph: bodies, countries, places, series and outcome kinds from data/.

Built from the gazetteer on every build, so editing a data file and building again updates it.
Validated once per build, not once per release that points into it.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from . import iris, nt
from ..config import ONTOLOGY_FILE
from ..gazetteer import Gazetteer
from .vocab import DCTERMS, KG, ORG, RDF, SCHEMA, SKOS, XSD, bind_prefixes
from .mapping import ORG_KIND, outcome_kind_iri


def reference_graph(gaz: Gazetteer, scheme: Graph) -> Graph:
    """The reference graph of the gazetteer's bodies, countries, places, series and outcome kinds, and
    the topic scheme."""
    g = bind_prefixes(Graph(identifier=iris.REFERENCE_GRAPH))
    for body in gaz.bodies.values():
        _body(g, body)
    for c in gaz.countries.values():
        node = iris.country_iri(c.alpha2)
        g.add((node, RDF.type, SCHEMA.Country))
        g.add((node, KG.alpha2, Literal(c.alpha2)))
        _labels(g, node, SKOS.prefLabel, c.label_ja, c.label_en)
        _aliases(g, node, c.aliases)
    for p in gaz.places.values():
        node = iris.place_iri(p.key)
        g.add((node, RDF.type, SCHEMA.Place))
        _labels(g, node, SCHEMA.name, p.label_ja, p.label_en)
        _labels(g, node, SKOS.prefLabel, p.label_ja, p.label_en)
        _aliases(g, node, p.aliases)
        if p.country:
            g.add((node, KG.country, iris.country_iri(p.country)))
    for s in gaz.series.values():
        node = iris.series_iri(s.key)
        g.add((node, RDF.type, SCHEMA.EventSeries))
        _labels(g, node, SCHEMA.name, s.label_ja, s.label_en)
        _labels(g, node, SKOS.prefLabel, s.label_ja, s.label_en)
        _aliases(g, node, s.aliases)
    for k in gaz.outcome_kinds.values():
        node = nt.term(outcome_kind_iri(k.key))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, KG["outcome-kinds"]))
        g.add((node, SKOS.notation, Literal(k.key)))
        _labels(g, node, SKOS.prefLabel, k.label_ja, k.label_en)
    g += scheme
    return g


def _body(g: Graph, body) -> None:
    node = iris.org_iri(body.key)
    g.add((node, RDF.type, ORG.Organization))
    if body.kind == "government":
        g.add((node, RDF.type, SCHEMA.GovernmentOrganization))
    g.add((node, KG.orgKind, nt.term(ORG_KIND.get(body.kind, ORG_KIND["other"]))))
    _labels(g, node, SKOS.prefLabel, body.label_ja, body.label_en)
    _aliases(g, node, body.aliases)
    if body.country:
        g.add((node, KG.country, iris.country_iri(body.country)))
    if body.parent:
        g.add((node, ORG.subOrganizationOf, iris.org_iri(body.parent)))
    if body.replaced_by:
        g.add((node, DCTERMS.isReplacedBy, iris.org_iri(body.replaced_by)))
        if body.replaced_on:
            kind = XSD.date if len(body.replaced_on) == 10 else XSD.gYear
            g.add((node, KG.renamedOn, Literal(body.replaced_on, datatype=kind)))


def _labels(g: Graph, node: URIRef, prop: URIRef, ja: str, en: str) -> None:
    if ja:
        g.add((node, prop, Literal(ja, lang="ja")))
    if en:
        g.add((node, prop, Literal(en, lang="en")))


def _aliases(g: Graph, node: URIRef, aliases) -> None:
    for alias in aliases:
        lang = "en" if alias.isascii() else "ja"
        g.add((node, SKOS.altLabel, Literal(alias, lang=lang)))


def ontology_graph() -> Graph:
    """ontology/kg.owl.ttl as the graph named ONTOLOGY_GRAPH."""
    return Graph(identifier=iris.ONTOLOGY_GRAPH).parse(ONTOLOGY_FILE, format="turtle")
