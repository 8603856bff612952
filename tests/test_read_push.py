"""`kg push` to a real Oxigraph server (PyPI `oxigraph`) on 127.0.0.1: graphs arrive whole, a second
push replaces only what changed, SPARQL Update works where the Graph Store Protocol does not, and a
failing graph is retried and reported without losing the others.
"""
from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.rdf import iris

from serving import KG, SEED_RELEASE, build_store, free_port, wait_for

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
if not Path(OXIGRAPH).exists():
    pytest.skip("the Oxigraph server is not installed (pip install oxigraph, in the test extra)",
                allow_module_level=True)

BASE = "https://kg.example.org/"
SEED_GRAPH = f"{BASE}graph/release/{SEED_RELEASE}"
OTHER_GRAPH = f"{BASE}graph/release/t-seed5"
CYBER_GRAPH = f"{BASE}graph/release/t-cyber1"
MANIFEST = f"{BASE}graph/push-manifest"


class Oxigraph:
    def __init__(self, folder: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(folder), "--bind",
                                         f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        wait_for(self.url + "/query?query=ASK%7B%7D", self.process)

    def graph(self, name: str) -> Graph:
        url = f"{self.url}/store?" + urllib.parse.urlencode({"graph": name})
        request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return Graph().parse(data=r.read().decode("utf-8"), format="nt")
        except urllib.error.HTTPError as exc:
            if exc.code == 404:  # no such graph on the remote
                return Graph()
            raise

    def update(self, text: str) -> None:
        request = urllib.request.Request(self.url + "/update", data=text.encode("utf-8"),
                                         headers={"Content-Type": "application/sparql-update"})
        urllib.request.urlopen(request, timeout=30).close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self.process.stderr.close()


@pytest.fixture
def oxigraph(tmp_path):
    server = Oxigraph(tmp_path / "remote")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("push") / "store")


@pytest.fixture
def store(seed_store, tmp_path) -> Path:
    """A copy of the built store that a test may change."""
    return Path(shutil.copytree(seed_store, tmp_path / "store"))


def local_graphs(store: Path) -> dict[str, Graph]:
    s = ox.Store.read_only(str(store))
    graphs = {}
    for name in s.named_graphs():
        if name.value == str(iris.BUILD_GRAPH):
            continue  # the build's bookkeeping is not pushed
        triples = [q.triple for q in s.quads_for_pattern(None, None, None, name)]
        graphs[name.value] = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(),
                                           format="nt")
    return graphs


def assert_same(remote: Graph, local: Graph, name: str) -> None:
    if not isomorphic(remote, local):
        _, missing, added = graph_diff(to_isomorphic(local), to_isomorphic(remote))
        pytest.fail(f"{name} differs on the remote.\nmissing:\n{missing.serialize(format='nt')}\n"
                    f"unexpected:\n{added.serialize(format='nt')}")


def assert_remote_matches(remote: Oxigraph, store: Path, graphs: dict[str, Graph] | None = None) -> None:
    graphs = graphs or local_graphs(store)
    assert SEED_GRAPH in graphs and len(graphs) >= 4  # the seed, the fixture's two, reference, ontology
    for name, graph in graphs.items():
        assert_same(remote.graph(name), graph, name)


def kg_push(store: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(KG + ["push", "--store", str(store), *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def change_release(store: Path, graph: str) -> None:
    s = ox.Store(str(store))
    s.update(f"""PREFIX dct: <http://purl.org/dc/terms/>
        DELETE {{ GRAPH <{graph}> {{ ?r dct:title ?t }} }}
        INSERT {{ GRAPH <{graph}> {{ ?r dct:title "改訂された題名"@ja }} }}
        WHERE {{ GRAPH <{graph}> {{ ?r dct:title ?t ; dct:identifier ?id }} }}""")
    s.flush()
    del s


def test_push_then_push_again_after_one_release_changed(oxigraph, store):
    gsp = ["--endpoint", oxigraph.url + "/query", "--graph-store", oxigraph.url + "/store"]
    done = kg_push(store, *gsp)
    assert done.returncode == 0, done.stderr
    before = local_graphs(store)
    assert_remote_matches(oxigraph, store, before)
    n = len(before)
    assert f"{n} pushed, 0 unchanged" in done.stderr

    # A mark put straight into another release's remote graph shows whether that graph is sent again.
    oxigraph.update(f"INSERT DATA {{ GRAPH <{OTHER_GRAPH}> {{ <{BASE}mark> <{BASE}mark> 'untouched' }} }}")
    change_release(store, SEED_GRAPH)
    done = kg_push(store, *gsp)
    assert done.returncode == 0, done.stderr
    assert f"1 pushed, {n - 1} unchanged" in done.stderr
    after = local_graphs(store)
    remote_seed = oxigraph.graph(SEED_GRAPH)
    assert_same(remote_seed, after[SEED_GRAPH], SEED_GRAPH)
    assert not isomorphic(remote_seed, before[SEED_GRAPH])
    assert len(oxigraph.graph(OTHER_GRAPH)) == len(after[OTHER_GRAPH]) + 1  # still marked: not sent again

    done = kg_push(store, *gsp, "--release", "t-seed5")  # asked for by name: sent whatever the manifest says
    assert done.returncode == 0 and "1 pushed" in done.stderr
    assert_remote_matches(oxigraph, store, after)


def test_sparql_update_where_there_is_no_graph_store(oxigraph, store):
    done = kg_push(store, "--endpoint", oxigraph.url + "/query", "--update", oxigraph.url + "/update")
    assert done.returncode == 0, done.stderr
    assert "(SPARQL Update)" in done.stderr
    assert_remote_matches(oxigraph, store)
    # A graph store URL that is not one: the push notices and falls back.
    done = kg_push(store, "--endpoint", oxigraph.url + "/query", "--graph-store", oxigraph.url + "/no-store-here",
                   "--update", oxigraph.url + "/update", "--all")
    assert done.returncode == 0, done.stderr
    assert "note:" in done.stderr and "(SPARQL Update)" in done.stderr
    assert_remote_matches(oxigraph, store)


class FlakyProxy(http.server.ThreadingHTTPServer):
    """A real HTTP server in front of Oxigraph that fails some graph PUTs and records what it saw."""

    def __init__(self, upstream: str, failures: dict[str, int]):
        self.upstream = upstream
        self.failures = failures  # graph IRI -> how many PUTs to fail (-1: all)
        self.seen: list[tuple[str, str | None, str | None]] = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _forward(self) -> None:
        server: FlakyProxy = self.server
        graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("graph", [None])[0]
        server.seen.append((self.command, graph, self.headers.get("Authorization")))
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        left = server.failures.get(graph, 0)
        if self.command == "PUT" and left:
            server.failures[graph] = left - 1 if left > 0 else left
            self.send_response(503)
            self.end_headers()
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        request = urllib.request.Request(server.upstream + self.path, data=body or None, headers=headers,
                                         method=self.command)
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                status, data, kind = r.status, r.read(), r.headers.get("Content-Type")
        except urllib.error.HTTPError as exc:
            status, data, kind = exc.code, exc.read(), exc.headers.get("Content-Type")
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = _forward


def test_a_failing_graph_is_retried_and_reported_without_losing_the_others(oxigraph, store):
    proxy = FlakyProxy(oxigraph.url, {SEED_GRAPH: 1, CYBER_GRAPH: -1})
    try:
        done = kg_push(store, "--endpoint", proxy.url + "/query", "--graph-store", proxy.url + "/store",
                       "--user", "alice", env={"KG_PUSH_PASSWORD": "secret"})
        assert done.returncode == 3
        assert f"failed: {CYBER_GRAPH}" in done.stderr and "503" in done.stderr
        puts = [g for method, g, _ in proxy.seen if method == "PUT"]
        assert puts.count(SEED_GRAPH) == 2 and puts.count(CYBER_GRAPH) == 3  # retried; 3 attempts by default
        assert all(auth == "Basic YWxpY2U6c2VjcmV0" for _, _, auth in proxy.seen)  # alice:secret
        graphs = local_graphs(store)
        for name in set(graphs) - {CYBER_GRAPH}:
            assert_same(oxigraph.graph(name), graphs[name], name)
        assert len(oxigraph.graph(CYBER_GRAPH)) == 0

        proxy.failures.clear()
        done = kg_push(store, "--endpoint", proxy.url + "/query", "--graph-store", proxy.url + "/store",
                       env={"KG_PUSH_TOKEN": "t0ken"})
        assert done.returncode == 0, done.stderr
        assert f"1 pushed, {len(graphs) - 1} unchanged" in done.stderr  # only the one that failed
        assert proxy.seen[-1][2] == "Bearer t0ken"
        assert_remote_matches(oxigraph, store)
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_an_unreachable_endpoint_exits_3(store):
    url = f"http://127.0.0.1:{free_port()}/query"
    done = kg_push(store, "--endpoint", url, "--graph-store", url)
    assert done.returncode == 3
    assert url in done.stderr and "cannot reach" in done.stderr


def test_prune_drops_what_the_store_no_longer_has(oxigraph, store):
    gsp = ["--endpoint", oxigraph.url + "/query", "--graph-store", oxigraph.url + "/store"]
    assert kg_push(store, *gsp).returncode == 0
    s = ox.Store(str(store))
    s.remove_graph(ox.NamedNode(CYBER_GRAPH))
    s.flush()
    del s
    done = kg_push(store, *gsp)  # without --prune the remote keeps it
    assert done.returncode == 0 and "0 pruned" in done.stderr and len(oxigraph.graph(CYBER_GRAPH)) > 0
    done = kg_push(store, *gsp, "--prune")
    assert done.returncode == 0 and "0 pushed" in done.stderr and "1 pruned" in done.stderr
    assert len(oxigraph.graph(CYBER_GRAPH)) == 0
    assert CYBER_GRAPH not in oxigraph.graph(MANIFEST).serialize(format="nt")
    assert_remote_matches(oxigraph, store)
