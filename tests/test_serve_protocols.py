"""The protocols other tools speak, against `kg serve` as a user runs it, with real clients:
the SPARQL service description, Graph Store Protocol reads, entities as N-Quads and TriG, the
saved queries' JSON shape (httpx, SPARQLWrapper, rdflib parsing every answer)."""
from __future__ import annotations

import json
import subprocess

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from serving import KG, SEED_RELEASE, Server, build_store

BASE = "https://kg.example.org/"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
MIC = URIRef(BASE + "org/jp-mic")
SEED_GRAPH = URIRef(BASE + "graph/release/" + SEED_RELEASE)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("protocols") / "store")


@pytest.fixture(scope="module")
def server(store):
    srv = Server(store)
    yield srv
    srv.stop()


def sparql(server, query: str, fmt: str = JSON):
    wrapper = SPARQLWrapper(server.url + "/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper.queryAndConvert()


# ---------------------------------------------------------------- service description

def test_get_sparql_without_a_query_describes_the_service(server, client):
    sd = Graph().parse(server.url + "/sparql")  # rdflib asks for RDF, as a linked-data client does
    [service] = sd.subjects(RDF.type, SD.Service)
    assert sd.value(service, SD.endpoint) == URIRef(server.url + "/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in sd
    assert (service, SD.feature, SD.UnionDefaultGraph) in sd
    assert (service, SD.feature, SD.BasicFederatedQuery) not in sd  # SERVICE is off by default
    assert (service, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in sd
    dataset = sd.value(service, SD.defaultDataset)
    named = {sd.value(g, SD.name) for g in sd.objects(dataset, SD.namedGraph)}
    in_store = {URIRef(b["g"]["value"]) for b in sparql(
        server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")["results"]["bindings"]}
    assert SEED_GRAPH in named and named == in_store
    page = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and "<form" in page.text  # a browser still gets the query form


# ---------------------------------------------------------------- Graph Store Protocol

def test_gsp_reads_one_named_graph(server, client):
    answer = client.get("/store", params={"graph": str(SEED_GRAPH)}, headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    got = Graph().parse(data=answer.text, format="turtle")
    expected = sparql(server, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{SEED_GRAPH}> {{ ?s ?p ?o }} }}", TURTLE)
    assert len(got) > 1000 and isomorphic(got, Graph().parse(data=expected, format="turtle"))
    reference = client.get("/store", params={"graph": BASE + "graph/reference", "format": "nt"})
    assert (MIC, SKOS.prefLabel, Literal("総務省", lang="ja")) in Graph().parse(data=reference.text, format="nt")


def test_gsp_reads_the_default_graph_and_the_whole_store(server, client):
    default = client.get("/store?default", headers={"Accept": "application/n-triples"})
    triples = Graph().parse(data=default.text, format="nt")
    [count] = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")[
        "results"]["bindings"]
    assert default.status_code == 200 and len(triples) == int(count["n"]["value"])  # the union, as /sparql sees it
    whole = client.get("/store", headers={"Accept": "application/n-quads"})
    assert whole.headers["content-type"].startswith("application/n-quads")
    ds = Dataset().parse(data=whole.text, format="nquads")
    assert len(ds.graph(SEED_GRAPH)) == len(Graph().parse(
        data=client.get("/store", params={"graph": str(SEED_GRAPH)}).text, format="turtle"))
    trig = Dataset().parse(data=client.get("/store", headers={"Accept": "application/trig"}).text, format="trig")
    assert {g.identifier for g in trig.graphs()} >= {SEED_GRAPH, URIRef(BASE + "graph/ontology")}


def test_gsp_is_read_only_and_names_what_is_missing(client):
    assert client.get("/store", params={"graph": BASE + "graph/none"}).status_code == 404
    assert client.get("/store", params={"graph": str(SEED_GRAPH), "default": ""}).status_code == 400
    assert client.get("/store", params={"graph": "not an IRI"}).status_code == 400
    for method in ("PUT", "POST", "DELETE"):
        refused = client.request(method, "/store", params={"graph": str(SEED_GRAPH)}, content=b"<a> <b> <c> .",
                                 headers={"Content-Type": "application/n-triples"})
        assert refused.status_code == 405 and "read-only" in refused.text and refused.headers["allow"] == "GET, HEAD"
    assert client.get("/store", params={"graph": str(SEED_GRAPH)}, headers={"Accept": "image/png"}).status_code == 406


# ---------------------------------------------------------------- entities as quads

def test_an_entity_answers_in_n_quads_and_trig_with_the_graph_of_each_statement(client):
    turtle = Graph().parse(data=client.get("/org/jp-mic", headers={"Accept": "text/turtle"}).text, format="turtle")
    nq = client.get("/org/jp-mic", headers={"Accept": "application/n-quads"})
    assert nq.status_code == 200 and nq.headers["content-type"].startswith("application/n-quads")
    quads = Dataset().parse(data=nq.text, format="nquads")
    trig = client.get("/org/jp-mic", headers={"Accept": "application/trig"})
    assert trig.headers["content-type"].startswith("application/trig")
    from_trig = Dataset().parse(data=trig.text, format="trig")
    as_triples = {(s, p, o) for s, p, o, _g in quads.quads()}
    assert as_triples == set(turtle) and {q for q in from_trig.quads()} == {q for q in quads.quads()}
    graphs = {g for s, p, o, g in quads.quads((MIC, SKOS.prefLabel, None, None))}
    assert graphs == {URIRef(BASE + "graph/reference")}  # the label is reference data
    organised = {g for _s, _p, _o, g in quads.quads((None, URIRef("https://schema.org/organizer"), MIC, None))}
    assert SEED_GRAPH in organised  # a fact read from the seed release lives in its graph
    assert client.get("/org/jp-mic?format=nq").headers["content-type"].startswith("application/n-quads")


# ---------------------------------------------------------------- saved queries: one JSON shape

def test_saved_query_json_is_what_kg_query_prints(server, client, store):
    served = client.get("/queries/meetings", params={"format": "json"})
    assert served.status_code == 200 and served.headers["content-type"].startswith("application/json")
    cli = subprocess.run(KG + ["query", "meetings", "-f", "json", "--store", str(store)], capture_output=True,
                         text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    assert served.json() == json.loads(cli.stdout) and isinstance(served.json()[0], dict)
    assert client.get("/queries/meetings", headers={"Accept": "application/json"}).json() == served.json()
    # SPARQL JSON stays SPARQL JSON: at /sparql, and for a client that asks for it by name
    results = client.get("/queries/meetings", headers={"Accept": "application/sparql-results+json"}).json()
    assert set(results) == {"head", "results"} and len(results["results"]["bindings"]) == len(served.json())
    assert "head" in sparql(server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
