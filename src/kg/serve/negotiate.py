"""Content negotiation: which media type to answer with, from the Accept header or a `format` parameter."""
from __future__ import annotations

import pyoxigraph as ox

HTML = "text/html"

# Answers to SELECT and ASK, in the order preferred when the client accepts several equally.
RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    HTML: None,
}

# Answers to CONSTRUCT and DESCRIBE, and the RDF of an entity.
GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "text/n3": ox.RdfFormat.TURTLE,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/xml": ox.RdfFormat.RDF_XML,
    HTML: None,
}

# Datasets: a graph and where each statement is stored (the Graph Store's whole store, an entity).
DATASETS = {
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}

# What a `format=` parameter (as YASGUI, SPARQLWrapper and browsers' links send) stands for.
FORMAT_PARAM = {
    "json": "application/sparql-results+json, application/ld+json",
    "xml": "application/sparql-results+xml, application/rdf+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle",
    "json-ld": "application/ld+json", "jsonld": "application/ld+json",
    "nt": "application/n-triples", "ntriples": "application/n-triples",
    "rdf+xml": "application/rdf+xml", "rdf": "application/rdf+xml",
    "nq": "application/n-quads", "nquads": "application/n-quads", "trig": "application/trig",
    "html": HTML,
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their weights, best first (stable for ties)."""
    ranges = []
    for i, part in enumerate((header or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((i, media.lower(), q))
    return [(m, q) for _, m, q in sorted(ranges, key=lambda r: (-r[2], r[0]))]


def accept_from(header: str | None, format_param: str | None) -> str | None:
    """A `format` parameter overrides the Accept header; it may name a format or a media type."""
    if format_param:
        return FORMAT_PARAM.get(format_param.lower(), format_param)
    return header


def _weight(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The weight of the most specific range matching the offer."""
    kind = offer.split("/")[0]
    for pattern in (offer, f"{kind}/*", "*/*"):
        for media, q in ranges:
            if media == pattern:
                return q
    return 0.0


def choose(header: str | None, offers: list[str]) -> str | None:
    """The offer the client wants most; ties go to the earlier offer. None when nothing is acceptable."""
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for offer in offers:
        q = _weight(offer, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best
