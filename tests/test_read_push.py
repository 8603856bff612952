"""`kg push` to two real engines started on 127.0.0.1: Virtuoso (Debian's virtuoso-opensource, with its
own Digest authentication) and the Oxigraph server (PyPI `oxigraph`, behind a gate that demands Digest
authentication, since Oxigraph has none). Every request goes through a recording proxy (tests/remotes.py),
so a test sees what was sent.

Each test checks what a user pushing to a big store would check: every graph arrives whole (quads per
graph, and the same graph), a second push sends nothing, a changed release replaces its graph and no
other, --prune drops what the store no longer has, and a wrong password is one line, exit 3, with
nothing written on the remote. Then, on Oxigraph alone: a graph store URL that is not one falls back
to SPARQL Update, a failing graph is retried and reported without losing the others, and an endpoint
that is not there is one line, exit 3.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.rdf import iris

from remotes import Gate, Oxigraph, Virtuoso, graph_sizes, need_oxigraph, need_virtuoso
from serving import KG, SEED_RELEASE, build_store, free_port

BASE = "https://kg.example.org/"
SEED_GRAPH = f"{BASE}graph/release/{SEED_RELEASE}"
OTHER_GRAPH = f"{BASE}graph/release/t-seed5"
CYBER_GRAPH = f"{BASE}graph/release/t-cyber1"
MANIFEST = f"{BASE}graph/push-manifest"
PASSWORD = "dba"  # Virtuoso's dba password in a new database; the Oxigraph gate is given the same


class Remote:
    """An engine behind a recording gate, with what `kg push` needs to reach it."""

    def __init__(self, engine, gate: Gate, update_path: str):
        self.engine, self.gate = engine, gate
        self.endpoint = gate.url + engine.endpoint.removeprefix(engine.url)
        self.graph_store = gate.url + engine.graph_store.removeprefix(engine.url)
        self.update_url = gate.url + update_path

    def graph(self, name: str) -> Graph:
        return self.engine.graph(name)

    def sizes(self) -> dict[str, int]:
        return graph_sizes(self.engine)

    def mark(self, graph: str) -> None:
        """A triple put straight into a remote graph: it stays only if that graph is not sent again."""
        self.engine_update(f"INSERT DATA {{ GRAPH <{graph}> {{ <{BASE}mark> <{BASE}mark> 'untouched' }} }}")

    def engine_update(self, text: str) -> None:
        if isinstance(self.engine, Virtuoso):
            self.engine.isql("SPARQL " + text)
        else:
            self.engine.update(text)


@pytest.fixture(params=[pytest.param("virtuoso", marks=need_virtuoso), pytest.param("oxigraph", marks=need_oxigraph)])
def remote(request, tmp_path):
    if request.param == "virtuoso":
        engine = Virtuoso(tmp_path / "virtuoso")
        gate = Gate(engine.url)  # Virtuoso checks the credentials itself
        update_path = "/sparql-auth"
    else:
        engine = Oxigraph(tmp_path / "oxigraph")
        gate = Gate(engine.url, user="dba", password=PASSWORD)
        update_path = "/update"
    yield Remote(engine, gate, update_path)
    gate.close()
    engine.stop()


@pytest.fixture
def oxigraph(tmp_path):
    server = Oxigraph(tmp_path / "remote")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("push-engines") / "store")


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
        text = s.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name).decode("utf-8")
        graphs[name.value] = Graph().parse(data=text, format="nt")
    return graphs


def assert_same(remote: Graph, local: Graph, name: str) -> None:
    if not isomorphic(remote, local):
        _, missing, added = graph_diff(to_isomorphic(local), to_isomorphic(remote))
        pytest.fail(f"{name} differs on the remote.\nmissing:\n{missing.serialize(format='nt')[:3000]}\n"
                    f"unexpected:\n{added.serialize(format='nt')[:3000]}")


def assert_remote_holds(remote: Remote, graphs: dict[str, Graph]) -> None:
    """Quads per graph as the store has them, and each graph the same graph."""
    sizes = remote.sizes()
    assert {g: sizes.get(g, 0) for g in graphs} == {g: len(graph) for g, graph in graphs.items()}
    assert_same_graphs(remote, graphs)


def assert_same_graphs(remote, graphs: dict[str, Graph]) -> None:
    for name, graph in graphs.items():
        assert_same(remote.graph(name), graph, name)


def kg_push(store: Path, remote: Remote, *args: str, password: str = PASSWORD, gsp: bool = True):
    urls = ["--endpoint", remote.endpoint] + (["--graph-store", remote.graph_store] if gsp
                                              else ["--update", remote.update_url])
    env = {**os.environ, "KG_PUSH_PASSWORD": password}
    return subprocess.run(KG + ["push", "--store", str(store), *urls, "--user", "dba", "--digest-auth", *args],
                          capture_output=True, text=True, timeout=300, env=env)


def kg_plain_push(store: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
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


def test_every_graph_arrives_whole_and_a_second_push_sends_nothing(remote, store):
    graphs = local_graphs(store)
    assert SEED_GRAPH in graphs and len(graphs) >= 5  # the seed, the fixture's two, reference, ontology
    done = kg_push(store, remote)
    assert done.returncode == 0, done.stderr
    assert f"{len(graphs)} pushed, 0 unchanged, 0 failed" in done.stderr
    assert_remote_holds(remote, graphs)
    assert sorted(remote.gate.writes()) == sorted(("PUT", g) for g in [*graphs, MANIFEST])  # each once, and the manifest
    assert all(auth.startswith("Digest ") for m, _, auth, status in remote.gate.seen if status < 300 and m == "PUT")

    before = len(remote.gate.seen)
    done = kg_push(store, remote)
    assert done.returncode == 0, done.stderr
    assert f"0 pushed, {len(graphs)} unchanged, 0 failed, 0 pruned" in done.stderr
    assert remote.gate.writes(before) == []
    assert set(remote.gate.done(before)) <= {("POST", "query"), ("GET", MANIFEST)}  # the manifest read, no more
    assert_remote_holds(remote, graphs)


def test_a_changed_release_replaces_its_graph_and_no_other(remote, store):
    assert kg_push(store, remote).returncode == 0
    n = len(local_graphs(store))
    remote.mark(OTHER_GRAPH)
    change_release(store, SEED_GRAPH)
    before = len(remote.gate.seen)
    done = kg_push(store, remote)
    assert done.returncode == 0, done.stderr
    assert f"1 pushed, {n - 1} unchanged" in done.stderr
    assert remote.gate.writes(before) == [("PUT", SEED_GRAPH), ("PUT", MANIFEST)]
    after = local_graphs(store)
    assert_same(remote.graph(SEED_GRAPH), after[SEED_GRAPH], SEED_GRAPH)
    assert "改訂された題名" in remote.graph(SEED_GRAPH).serialize(format="nt")
    assert len(remote.graph(OTHER_GRAPH)) == len(after[OTHER_GRAPH]) + 1  # still marked: not sent again


def test_prune_drops_what_the_store_no_longer_has(remote, store):
    assert kg_push(store, remote).returncode == 0
    s = ox.Store(str(store))
    s.remove_graph(ox.NamedNode(CYBER_GRAPH))
    s.flush()
    del s
    done = kg_push(store, remote)  # without --prune the remote keeps it
    assert done.returncode == 0 and "0 pruned" in done.stderr
    assert remote.sizes().get(CYBER_GRAPH, 0) > 0
    before = len(remote.gate.seen)
    done = kg_push(store, remote, "--prune")
    assert done.returncode == 0, done.stderr
    assert "0 pushed" in done.stderr and "1 pruned" in done.stderr
    assert remote.gate.writes(before) == [("DELETE", CYBER_GRAPH), ("PUT", MANIFEST)]
    assert CYBER_GRAPH not in remote.sizes()
    assert CYBER_GRAPH not in remote.graph(MANIFEST).serialize(format="nt")
    assert_remote_holds(remote, local_graphs(store))


def test_a_wrong_password_is_one_line_exit_3_and_nothing_is_written(remote, store):
    done = kg_push(store, remote, password="wrong")
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "credentials" in lines[0] and "401" in lines[0]
    assert remote.sizes() == {}  # a first push: the remote holds none of our graphs

    assert kg_push(store, remote).returncode == 0
    pushed = remote.sizes()
    seed_before = remote.graph(SEED_GRAPH)
    change_release(store, SEED_GRAPH)
    done = kg_push(store, remote, password="wrong")
    assert done.returncode == 3 and len(done.stderr.strip().splitlines()) == 1
    assert remote.sizes() == pushed
    assert isomorphic(remote.graph(SEED_GRAPH), seed_before)  # the old graph, untouched
    done = kg_push(store, remote)  # with the right password the change goes through
    assert done.returncode == 0 and "1 pushed" in done.stderr


def test_sparql_update_where_the_graph_store_is_not_used(remote, store):
    """The same replacement by SPARQL Update (Virtuoso's /sparql-auth, Oxigraph's /update), authenticated."""
    done = kg_push(store, remote, gsp=False)
    assert done.returncode == 0, done.stderr
    assert "(SPARQL Update)" in done.stderr
    graphs = local_graphs(store)
    assert_remote_holds(remote, graphs)
    change_release(store, SEED_GRAPH)
    done = kg_push(store, remote, gsp=False)
    assert done.returncode == 0 and "1 pushed" in done.stderr
    assert_same(remote.graph(SEED_GRAPH), local_graphs(store)[SEED_GRAPH], SEED_GRAPH)


@need_oxigraph
def test_a_graph_store_url_that_is_not_one_falls_back_to_sparql_update(oxigraph, store):
    done = kg_plain_push(store, "--endpoint", oxigraph.url + "/query", "--graph-store", oxigraph.url + "/no-store-here",
                   "--update", oxigraph.url + "/update", "--all")
    assert done.returncode == 0, done.stderr
    assert "note:" in done.stderr and "(SPARQL Update)" in done.stderr
    assert_same_graphs(oxigraph, local_graphs(store))


@need_oxigraph
def test_a_failing_graph_is_retried_and_reported_without_losing_the_others(oxigraph, store):
    proxy = Gate(oxigraph.url, failures={SEED_GRAPH: 1, CYBER_GRAPH: -1})
    try:
        done = kg_plain_push(store, "--endpoint", proxy.url + "/query", "--graph-store", proxy.url + "/store",
                       "--user", "alice", env={"KG_PUSH_PASSWORD": "secret"})
        assert done.returncode == 3
        assert f"failed: {CYBER_GRAPH}" in done.stderr and "503" in done.stderr
        puts = [g for method, g, _, _ in proxy.seen if method == "PUT"]
        assert puts.count(SEED_GRAPH) == 2 and puts.count(CYBER_GRAPH) == 3  # retried; 3 attempts by default
        assert all(auth == "Basic YWxpY2U6c2VjcmV0" for _, _, auth, _ in proxy.seen)  # alice:secret
        graphs = local_graphs(store)
        for name in set(graphs) - {CYBER_GRAPH}:
            assert_same(oxigraph.graph(name), graphs[name], name)
        assert len(oxigraph.graph(CYBER_GRAPH)) == 0

        proxy.failures.clear()
        done = kg_plain_push(store, "--endpoint", proxy.url + "/query", "--graph-store", proxy.url + "/store",
                       env={"KG_PUSH_TOKEN": "t0ken"})
        assert done.returncode == 0, done.stderr
        assert f"1 pushed, {len(graphs) - 1} unchanged" in done.stderr  # only the one that failed
        assert proxy.seen[-1][2] == "Bearer t0ken"
        assert_same_graphs(oxigraph, local_graphs(store))
    finally:
        proxy.close()


def test_an_unreachable_endpoint_exits_3(store):
    url = f"http://127.0.0.1:{free_port()}/query"
    done = kg_plain_push(store, "--endpoint", url, "--graph-store", url)
    assert done.returncode == 3
    assert url in done.stderr and "cannot reach" in done.stderr
