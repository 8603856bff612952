"""`kg serve` as a user runs it, queried over HTTP on 127.0.0.1 with SPARQLWrapper and plain HTTP.

One server for the module, on the seed's store (kg build) plus two fixture releases, with a
short time limit and a small answer-size limit so the limits can be reached quickly.
"""
from __future__ import annotations

import csv
import http.client
import io
import json
import os
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from xml.dom.minidom import Document

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

from serving import KG, SEED_RELEASE, Server, build_store

BASE = "https://kg.example.org/"
MIC = URIRef(BASE + "org/jp-mic")
MEETINGS = """PREFIX schema: <https://schema.org/>
SELECT ?m WHERE { ?m a schema:Event ; schema:superEvent ?s } ORDER BY ?m"""
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("serve") / "store")
    srv = Server(store, "--timeout", "2", "--max-bytes", "100000")
    yield srv
    srv.stop()


def sparql(server: Server, query: str, fmt: str = JSON, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method != "GET":
        client.setMethod(POST)
        if method == "POSTDIRECTLY":
            client.setRequestMethod(POSTDIRECTLY)
    return client


def get(server: Server, path: str, accept: str | None = None, method: str = "GET", body: bytes | None = None,
        headers: dict | None = None) -> tuple[int, dict, bytes]:
    """A raw request: the path is sent exactly as given (no dot-segment clean-up)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    all_headers = {**({"Accept": accept} if accept else {}), **(headers or {})}
    conn.request(method, path, body=body, headers=all_headers)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


def test_select_in_json_lists_the_seed_and_fixture_meetings(server):
    rows = sparql(server, MEETINGS).queryAndConvert()["results"]["bindings"]
    meetings = [r["m"]["value"] for r in rows]
    assert BASE + "meeting/jp-us-ied/6" in meetings  # from the seed, through kg build
    assert BASE + "meeting/jp-us-ied/5" in meetings and BASE + "meeting/jp-us-cyber/1" in meetings


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_xml_csv_tsv_answers_hold_the_same_rows(server, method):
    expected = [r["m"]["value"] for r in sparql(server, MEETINGS, JSON, method).queryAndConvert()["results"]["bindings"]]
    doc = sparql(server, MEETINGS, XML, method).queryAndConvert()
    assert isinstance(doc, Document)
    assert [u.firstChild.data for u in doc.getElementsByTagName("uri")] == expected
    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        result = sparql(server, MEETINGS, fmt, method).query()
        assert result.info()["content-type"].startswith("text/csv" if fmt == CSV else "text/tab-separated-values")
        rows = list(csv.reader(io.StringIO(result.convert().decode("utf-8")), delimiter=delimiter))
        got = [r[0].strip("<>") for r in rows[1:]]
        assert rows[0][0].lstrip("?") == "m" and got == expected


def test_ask_and_accept_header_negotiation(server):
    assert sparql(server, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True
    q = urllib.parse.quote("ASK { ?s ?p ?o }")
    status, headers, body = get(server, f"/sparql?query={q}", accept="application/sparql-results+xml")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+xml")
    assert b"<boolean>true</boolean>" in body
    status, headers, _ = get(server, f"/sparql?query={q}", accept="image/png")
    assert status == 406
    status, headers, body = get(server, "/sparql?query=" + urllib.parse.quote(MEETINGS), accept="text/html")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<table class="results">' in body.decode() and 'href="/meeting/jp-us-ied/6"' in body.decode()


def test_construct_as_turtle_and_json_ld_agree(server):
    query = f"CONSTRUCT {{ <{MIC}> ?p ?o }} WHERE {{ <{MIC}> ?p ?o }}"
    turtle = sparql(server, query, TURTLE).query()
    assert turtle.info()["content-type"].startswith("text/turtle")
    g1 = Graph().parse(data=turtle.convert(), format="turtle")
    jsonld = sparql(server, query, JSONLD).query()
    assert jsonld.info()["content-type"].startswith("application/ld+json")
    doc = json.loads(jsonld.response.read())
    assert doc["@context"]["kg"] == "https://kg.example.org/ns#"  # the shipped context
    g2 = Graph().parse(data=json.dumps(doc), format="json-ld")
    assert (MIC, SKOS.prefLabel, Literal("総務省", lang="ja")) in g1
    assert len(g1) > 3 and isomorphic(g1, g2)
    described = Graph().parse(data=sparql(server, f"DESCRIBE <{MIC}>", TURTLE).query().convert(), format="turtle")
    assert (MIC, SKOS.prefLabel, Literal("総務省", lang="ja")) in described


def test_updates_are_refused_and_change_nothing(server):
    triple = "<https://kg.example.org/x> <https://kg.example.org/y> 'z'"
    client = SPARQLWrapper(server.url + "/sparql")
    client.setMethod(POST)
    client.setQuery(f"INSERT DATA {{ {triple} }}")
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    status, _, body = get(server, "/sparql", method="POST", body=f"INSERT DATA {{ {triple} }}".encode(),
                          headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _, _ = get(server, "/sparql?query=" + urllib.parse.quote(f"INSERT DATA {{ {triple} }}"))
    assert status == 400  # not a query at all
    assert sparql(server, f"ASK {{ {triple} }}").queryAndConvert()["boolean"] is False


def test_queries_calling_other_endpoints_are_refused(server):
    service = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{server.port}/sparql> {{ ?s ?p ?o }} }}"
    status, _, body = get(server, "/sparql?query=" + urllib.parse.quote(service), accept="application/sparql-results+json")
    assert status == 403 and b"--allow-service" in body


def test_a_runaway_query_is_stopped_and_the_server_goes_on(server):
    for _ in range(2):  # twice: the killed worker's replacement serves too
        with pytest.raises(urllib.error.HTTPError) as caught:
            sparql(server, RUNAWAY).query()
        assert caught.value.code == 503
        assert b"stopped" in caught.value.read()
    assert sparql(server, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True


def workers_of(server: Server) -> list[int]:
    """The query worker processes the server runs now (its children running kg.serve.worker)."""
    pid = server.process.pid
    children = []
    for task in os.listdir(f"/proc/{pid}/task"):  # workers are started from several threads
        try:
            children += open(f"/proc/{pid}/task/{task}/children").read().split()
        except FileNotFoundError:
            pass
    found = []
    for child in children:
        try:
            if b"kg.serve.worker" in open(f"/proc/{child}/cmdline", "rb").read():
                found.append(int(child))
        except FileNotFoundError:
            pass
    return found


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc to list the workers")
def test_the_worker_of_a_runaway_query_is_killed_not_abandoned(server):
    before = wait_for_workers(server, lambda found: len(found) == 2)  # an earlier test's replacement may be starting
    with pytest.raises(urllib.error.HTTPError):
        sparql(server, RUNAWAY).query()
    after = wait_for_workers(server, lambda found: len(found) == 2 and found != before)
    assert len(after) == 2 and len(before - after) == 1  # one worker killed, a fresh one in its place


def wait_for_workers(server: Server, done, tries: int = 100) -> set[int]:
    for _ in range(tries):  # bounded: 10 s
        found = set(workers_of(server))
        if done(found):
            break
        time.sleep(0.1)
    return found


def test_a_too_large_answer_is_refused(server):
    status, _, body = get(server, "/sparql?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }"),
                          accept="application/sparql-results+json")
    assert status == 413 and b"LIMIT" in body


def test_entity_iris_resolve_by_content_negotiation(server):
    status, headers, body = get(server, "/org/jp-mic", accept="text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle") and "accept" in headers["vary"].lower()
    g = Graph().parse(data=body.decode(), format="turtle")
    assert (MIC, SKOS.prefLabel, Literal("総務省", lang="ja")) in g
    assert (URIRef(BASE + "meeting/jp-us-ied/6"), URIRef("https://schema.org/organizer"), MIC) in g  # incoming
    status, headers, body = get(server, "/org/jp-mic", accept="application/ld+json")
    assert status == 200 and headers["content-type"].startswith("application/ld+json")
    assert isomorphic(g, Graph().parse(data=body.decode(), format="json-ld"))
    status, headers, body = get(server, "/org/jp-mic", accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode()
    assert "総務省" in page and "Ministry of Internal Affairs and Communications" in page
    status, headers, _ = get(server, "/org/jp-mic?format=json-ld")
    assert status == 200 and headers["content-type"].startswith("application/ld+json")


def test_meeting_page_shows_facts_with_quotes_and_release(server):
    status, _, body = get(server, "/meeting/jp-us-ied/6", accept="text/html")
    page = body.decode()
    assert status == 200, page
    assert "2014-09-16" in page and "ワシントンD.C." in page
    assert 'class="quote"' in page and f'href="/release/{SEED_RELEASE}"' in page


@pytest.mark.parametrize("path, status", [
    ("/../etc/passwd", 400), ("/org/../org/jp-mic", 400), ("/org/%2e%2e/%2e%2e/etc", 400),
    ("/org/no-such-body", 404), ("/meeting/jp-us-ied/999", 404), ("/queries/no-such-query", 404),
    ("/sparql?query=" + "a" * 20000, 414), ("/org/jp-mic?x=" + "b" * 200000, None),
])
def test_odd_paths_get_a_client_error(server, path, status):
    got, _, _ = get(server, path, accept="text/html")
    assert got == status if status else 400 <= got < 500


def test_odd_requests_get_a_client_error(server):
    assert get(server, "/sparql", method="POST", body=b"query=ASK{}", headers={"Content-Type": "text/plain"})[0] == 415
    big = b"query=" + b"#" * (200 << 10)
    assert get(server, "/sparql", method="POST", body=big,
               headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 413
    assert get(server, "/sparql", accept="application/sparql-results+json")[0] == 400  # no query
    assert get(server, "/sparql?query=SELEC", accept="application/sparql-results+json")[0] == 400


def test_saved_queries_run_with_their_parameters(server):
    status, headers, body = get(server, "/queries/meetings?format=csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert "jp-us-ied/6" in body.decode()
    assert get(server, "/queries/provenance", accept="text/html")[0] == 400  # its subject is missing
    q = urllib.parse.urlencode({"subject": BASE + "meeting/jp-us-ied/6", "format": "json"})
    status, _, body = get(server, f"/queries/provenance?{q}")
    rows = json.loads(body)  # an array of objects, as `kg query -f json` prints
    assert status == 200 and rows and all(r["subject"].endswith("jp-us-ied/6") for r in rows)


def test_home_page_has_a_timeline_saved_queries_and_a_query_box(server):
    status, _, body = get(server, "/", accept="text/html")
    page = body.decode()
    assert status == 200 and page.count("<circle") >= 3
    assert 'href="/meeting/jp-us-ied/6"' in page and "日米サイバー対話" in page
    assert 'action="/queries/provenance"' in page and 'name="subject"' in page
    assert '<textarea name="query"' in page


def test_the_vocabulary_namespace_resolves(server):
    status, _, body = get(server, "/ns", accept="text/html")
    assert status == 200 and 'id="PressRelease"' in body.decode()
    status, _, body = get(server, "/ns", accept="text/turtle")
    assert status == 200 and len(Graph().parse(data=body.decode(), format="turtle")) > 50


def test_serve_without_a_store_says_so(tmp_path):
    done = subprocess.run(KG + ["serve", "--store", str(tmp_path / "none")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "no store" in done.stderr
