"""kg serve answers a CONSTRUCT in JSON-LD with kg's own writer (kg.read.jsonld): the shipped context,
the same triples as in N-Triples (read back by PyLD, the reference processor), each triple once."""
from __future__ import annotations

import json

import httpx
import pytest
from pyld import jsonld as pyld
from rdflib import Graph

from serving import Server, build_store

WHOLE = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    server = Server(build_store(tmp_path_factory.mktemp("jsonld") / "store"))
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c
    server.stop()


def test_a_construct_of_the_whole_store_in_json_ld_is_the_same_triples(client):
    nt = client.get("/sparql", params={"query": WHOLE}, headers={"Accept": "application/n-triples"})
    answer = client.get("/sparql", params={"query": WHOLE}, headers={"Accept": "application/ld+json"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/ld+json")
    doc = answer.json()
    assert doc["@context"]["kg"] == "https://kg.example.org/ns#"
    ids = [node["id"] for node in doc["@graph"]]
    assert len(ids) == len(set(ids)) > 100  # one node per subject
    expanded = pyld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _offline})
    assert _same(expanded, nt.text)


def _same(nquads: str, ntriples: str) -> bool:
    return set(Graph().parse(data=nquads, format="nt")) == set(Graph().parse(data=ntriples, format="nt"))


def _offline(url, options=None):
    raise AssertionError(f"PyLD tried to fetch {url}")


def test_json_ld_reads_back_as_the_turtle_answer(client):
    query = WHOLE
    turtle = client.get("/sparql", params={"query": query}, headers={"Accept": "text/turtle"})
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": "application/ld+json"})
    assert set(Graph().parse(data=json.dumps(answer.json()), format="json-ld")) == \
        set(Graph().parse(data=turtle.text, format="turtle"))
