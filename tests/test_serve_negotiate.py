"""The pure parts of `kg serve` (no server): content negotiation, paths and links, the SERVICE check."""
from __future__ import annotations

import pytest

from kg.serve import negotiate
from kg.serve.entity import href, iri_for_path, local_path
from kg.serve.pages import ENTITY_OFFERS
from kg.serve.service import uses_service

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
SPARQLWRAPPER_JSON = "application/sparql-results+json,application/json,text/javascript,application/javascript"


@pytest.mark.parametrize("accept, expected", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    (BROWSER, "text/html"),
    (SPARQLWRAPPER_JSON, "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
    ("text/*", "text/csv"),
    ("image/png", None),
    ("text/csv;q=0", None),
])
def test_results_formats(accept, expected):
    assert negotiate.choose(accept, list(negotiate.RESULTS)) == expected


@pytest.mark.parametrize("accept, expected", [
    ("*/*", "text/html"),
    (BROWSER, "text/html"),
    ("text/turtle", "text/turtle"),
    ("application/ld+json;q=1, text/turtle;q=0.5", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/n-triples, text/html;q=0.1", "application/n-triples"),
])
def test_entity_formats(accept, expected):
    assert negotiate.choose(accept, ENTITY_OFFERS) == expected


def test_a_format_parameter_overrides_the_accept_header():
    assert negotiate.accept_from(BROWSER, "csv") == "text/csv"
    assert negotiate.choose(negotiate.accept_from(BROWSER, "json"), list(negotiate.GRAPHS)) == "application/ld+json"
    assert negotiate.choose(negotiate.accept_from(None, "xml"), list(negotiate.RESULTS)) == \
        "application/sparql-results+xml"
    assert negotiate.accept_from(BROWSER, None) == BROWSER


def test_entity_paths_and_iris_map_both_ways():
    iri = "https://kg.example.org/meeting/jp-us-ied/6"
    assert local_path(iri) == "/meeting/jp-us-ied/6"
    assert iri_for_path("/meeting/jp-us-ied/6") == iri
    assert iri_for_path("/") is None
    assert local_path("https://schema.org/Event") is None


def test_links_go_to_pages_here_or_to_web_addresses_only():
    assert href("https://kg.example.org/org/jp-mic") == "/org/jp-mic"
    assert href("https://www.soumu.go.jp/x.html") == "https://www.soumu.go.jp/x.html"
    assert href("javascript:alert(1)") is None and href("urn:x:y") is None


@pytest.mark.parametrize("query, calls", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
    ("select * { service silent <x:y> { } }", True),
    ("SELECT * { \\u0053ERVICE <x:y> { } }", True),  # escapes apply before parsing
    ("SELECT * { ?a ?b ?c FILTER(?a < 3) SERVICE <x:y> { } }", True),
    ("SELECT ?service WHERE { ?service ?p 'SERVICE' }", False),
    ("PREFIX service: <http://e/> SELECT * { ?s service:x <http://e/SERVICE> } # SERVICE", False),
    ('SELECT * { ?s ?p """a\nSERVICE b""" }', False),
    ("SELECT * WHERE { # x\rSERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", True),  # a comment ends at CR too
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { { SELECT * { SERVICE <x:y> { } } } } }", True),
    ("ASK { FILTER EXISTS { SERVICE <x:y> { ?a ?b ?c } } }", True),
    ("SELECT * WHERE { ?s ?p ?o } # service", False),
])
def test_queries_that_call_other_endpoints_are_recognised(query, calls):
    assert uses_service(query) is calls
