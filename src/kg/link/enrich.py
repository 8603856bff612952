"""Facts about linked Wikidata items, fetched into the links graph: labels, website, corporate number,
parent organisation, country and coordinates (data/links/sparql/enrich.rq). Cached like every answer."""
from __future__ import annotations

from string import Template

from rdflib import Graph, Literal, URIRef

from .online import SPARQL_DIR
from .sparql import SparqlClient

BATCH = 50


def enrich_query(items: list[str]) -> str:
    template = (SPARQL_DIR / "enrich.rq").read_text(encoding="utf-8")
    return Template(template).substitute(items=" ".join(f"<{i}>" for i in items))


def fetch_facts(client: SparqlClient, items: set[str]) -> Graph:
    """Triples about the given item IRIs, asked in batches of BATCH items in a stable order."""
    g = Graph()
    ordered = sorted(items, key=lambda i: (len(i), i))
    for start in range(0, len(ordered), BATCH):
        answer, _fetched = client.select(enrich_query(ordered[start:start + BATCH]))
        for b in answer["results"]["bindings"]:
            if b["o"]["type"] == "bnode":  # Wikidata's "unknown value": nothing to keep
                continue
            g.add((URIRef(b["item"]["value"]), URIRef(b["p"]["value"]), term(b["o"])))
    return g


def term(binding: dict) -> URIRef | Literal:
    """An rdflib term from one SPARQL JSON binding."""
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if "xml:lang" in binding:
        return Literal(binding["value"], lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    return Literal(binding["value"], datatype=URIRef(datatype) if datatype else None)
