"""`kg serve` tried as an attacker would: SERVICE past a text filter, bytes that are no UTF-8 in a
path, the build's bookkeeping graph, bidi controls in labels, a crowd of requests, slow queries.

Each test starts `kg serve` as a user does, on 127.0.0.1, and speaks HTTP to it.
"""
from __future__ import annotations

import concurrent.futures
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest

from serving import Server, build_store

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BIDI = "evil\u202etxt.exe"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = build_store(tmp_path_factory.mktemp("attack") / "store")
    db = ox.Store(str(path))  # a label with a right-to-left override, as a hostile release could carry
    db.add(ox.Quad(ox.NamedNode("https://kg.example.org/org/jp-mic"),
                   ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"), ox.Literal(BIDI, language="en"),
                   ox.NamedNode("https://kg.example.org/graph/reference")))
    db.flush()
    del db
    return path


@pytest.fixture(scope="module")
def server(store):
    srv = Server(store)  # the default settings
    yield srv
    srv.stop()


def get(server: Server, path: str, accept: str = "text/html", timeout: float = 60) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": accept})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def ask(server: Server, query: str, timeout: float = 60) -> tuple[int, bytes]:
    return get(server, "/sparql?query=" + urllib.parse.quote(query), "application/sparql-results+json", timeout)


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it is sent."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port, self.connections, self.stopped = self.sock.getsockname()[1], 0, False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.stopped = True
        self.thread.join()
        self.sock.close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ # x\rSERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
], ids=["cr-comment", "silent", "escaped", "in-filter"])
def test_a_query_cannot_make_the_server_call_out(server, template):
    listener = Listener()
    try:
        status, body = ask(server, template.format(port=listener.port))
        time.sleep(0.3)
        assert status == 403 and b"SERVICE" in body, body
        assert listener.connections == 0
    finally:
        listener.close()


def test_the_query_workers_cannot_open_a_network_socket(server):
    """Even a SERVICE the check missed would go nowhere: each worker runs under a seccomp filter."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs Linux /proc")
    pid = server.process.pid
    workers = []
    for task in os.listdir(f"/proc/{pid}/task"):
        workers += open(f"/proc/{pid}/task/{task}/children").read().split()
    assert workers
    for w in workers:
        status = Path(f"/proc/{w}/status").read_text()
        assert "Seccomp:\t2" in status, status  # 2: filter mode
    script = ("from kg.serve.sandbox import cut_off\nimport socket\nassert cut_off() is None\n"
              f"try:\n    socket.create_connection(('127.0.0.1', {server.port}), timeout=2)\n"
              "    print('connected')\nexcept OSError as e:\n    print('refused', e.errno)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "refused 13", out.stderr


@pytest.mark.parametrize("path", ["/org/%ff%fe", "/meeting/%c3%28", "/%ed%a0%80"])
def test_a_path_that_is_no_utf8_is_a_bad_request(server, path):
    status, body = get(server, path)
    assert status == 400
    assert b"Traceback" not in body and b"UnicodeDecodeError" not in body and b"UTF-8" in body


def test_the_builds_bookkeeping_graph_is_not_served(server, store):
    build = "https://kg.example.org/graph/build"
    assert any(g.value == build for g in ox.Store.read_only(str(store)).named_graphs())  # the store has it
    status, body = ask(server, "SELECT ?g WHERE { GRAPH ?g { } }")
    assert status == 200 and build.encode() not in body
    status, body = ask(server, "ASK { ?s <https://kg.example.org/ns#sha256OfInput> ?o }")
    assert status == 200 and b"false" in body
    status, body = ask(server, f"ASK {{ GRAPH <{build}> {{ ?s ?p ?o }} }}")
    assert status == 200 and b"false" in body
    assert ask(server, "ASK { ?s ?p ?o }")[1].count(b"true") == 1


def test_labels_with_bidi_controls_are_isolated_in_pages(server):
    status, body = get(server, "/org/jp-mic")
    assert status == 200
    page = body.decode("utf-8")
    at = page.index(BIDI)
    assert page.rfind("<bdi", 0, at) > page.rfind("</bdi>", 0, at), page[at - 200:at + 50]
    assert page.index("</bdi>", at) == at + len(BIDI)


def test_100_concurrent_cheap_requests_are_all_answered(server):
    paths = ["/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"), "/org/jp-mic", "/"]

    def one(i: int) -> int:
        return get(server, paths[i % len(paths)], "application/sparql-results+json" if i % 3 == 0 else "text/html",
                   timeout=120)[0]

    with concurrent.futures.ThreadPoolExecutor(100) as pool:
        statuses = list(pool.map(one, range(100)))
    assert statuses == [200] * 100, sorted(set(statuses))


def test_two_slow_queries_do_not_stall_the_pages(server):
    """Clients' queries may hold all workers but one: while two runaways run out their time (10 s
    each), a page is answered at once, and a hundred page requests at once are all answered."""
    finished: list[str] = []

    def runaway() -> None:
        status, _ = ask(server, RUNAWAY, timeout=120)
        finished.append(f"runaway {status}")

    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # both have been sent
    finished.append(f"page {get(server, '/org/jp-mic')[0]}")
    with concurrent.futures.ThreadPoolExecutor(100) as pool:
        statuses = list(pool.map(lambda i: get(server, ["/org/jp-mic", "/"][i % 2], timeout=120)[0], range(100)))
    for t in threads:
        t.join()
    assert finished[0] == "page 200", finished
    assert sorted(finished[1:]) == ["runaway 503", "runaway 503"], finished
    assert statuses == [200] * 100, sorted(set(statuses))


def test_past_the_queue_a_client_is_told_to_come_back(store):
    """One worker, room for one waiting request: the third request at once gets 503 with Retry-After."""
    srv = Server(store, "--workers", "1", "--queue", "1", "--timeout", "3")
    try:
        first = threading.Thread(target=ask, args=(srv, RUNAWAY, 60))
        first.start()
        time.sleep(0.5)
        second = threading.Thread(target=get, args=(srv, "/org/jp-mic"))
        second.start()
        time.sleep(0.5)
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
        started = time.monotonic()
        conn.request("GET", "/org/jp-mic", headers={"Accept": "text/plain"})
        r = conn.getresponse()
        assert r.status == 503 and r.getheader("Retry-After")
        assert b"busy" in r.read() and time.monotonic() - started < 2
        first.join()
        second.join()
        assert get(srv, "/org/jp-mic")[0] == 200
    finally:
        srv.stop()
