"""`kg link --online` and `--enrich` against a real Oxigraph SPARQL server on 127.0.0.1.

The server holds a small Wikidata-shaped graph (cases/link/wikidata.ttl). Between the linker and
the server sits a small HTTP proxy of our own that counts requests, and can answer 429 with
Retry-After or be slow, so the cache, the rate limiting and the timeouts are tested for real.
"""
from __future__ import annotations

import gc
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from clirun import invoke

CASES = Path(__file__).parent / "cases" / "link"
LINKS = "https://kg.example.org/graph/links"
WD = "http://www.wikidata.org/entity/"
EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"
BASE = "https://kg.example.org/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        pytest.fail("the oxigraph server is missing: pip install -e '.[test]'")
    return found


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A real Oxigraph server on 127.0.0.1, read-only, loaded with the Wikidata-shaped fixture."""
    binary, db = oxigraph_binary(), tmp_path_factory.mktemp("wikidata") / "db"
    subprocess.run([binary, "load", "--location", str(db), "--file", str(CASES / "wikidata.ttl")],
                   check=True, capture_output=True, timeout=60)
    port = free_port()
    proc = subprocess.Popen([binary, "serve-read-only", "--location", str(db), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the oxigraph server did not start")
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class Proxy(http.server.ThreadingHTTPServer):
    """Forwards SPARQL requests to the server; counts them; can answer 429 or stall first."""
    daemon_threads = True

    def __init__(self, upstream: str):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.upstream = upstream
        self.requests = 0
        self.agents: list[str] = []
        self.script: list[tuple[str, int]] = []  # ("429", retry-after seconds) or ("sleep", seconds)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        server: Proxy = self.server
        server.requests += 1
        server.agents.append(self.headers.get("User-Agent", ""))
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        action, arg = server.script.pop(0) if server.script else ("pass", 0)
        if action == "429":
            return self.answer(429, b"slow down", {"Retry-After": str(arg)})
        if action == "sleep":  # longer than the client waits: it has gone when we answer
            time.sleep(arg)
            return self.answer(503, b"too late", {})
        request = urllib.request.Request(server.upstream, data=body, headers={
            "Content-Type": self.headers["Content-Type"], "Accept": self.headers.get("Accept", "*/*")})
        with urllib.request.urlopen(request, timeout=10) as up:
            self.answer(up.status, up.read(), {"Content-Type": up.headers["Content-Type"]})

    def answer(self, status: int, data: bytes, headers: dict) -> None:
        try:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout test)
            pass


@pytest.fixture
def proxy(oxigraph):
    server = Proxy(oxigraph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def workdir(tmp_path):
    """A store with a few entities, an alignment folder with a few curated links, an empty cache."""
    store = ox.Store(str(tmp_path / "store"))
    store.load(path=str(CASES / "store.trig"), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    (tmp_path / "links").mkdir()
    shutil.copy(CASES / "alignments.tsv", tmp_path / "links" / "alignments.tsv")
    return tmp_path


def kg(workdir: Path, *args: str) -> tuple[int, str, str]:
    """Run `kg link` in this process; return exit code, stdout and stderr (the store is closed after)."""
    return invoke("link", "--store", str(workdir / "store"), "--links", str(workdir / "links"),
                  "--cache", str(workdir / "cache"), *args)


def online(workdir: Path, endpoint: str, *args: str) -> tuple[int, str, str]:
    return kg(workdir, "--online", "--endpoint", endpoint, "--timeout", "5", *args)


def links_graph(workdir: Path) -> set[tuple[str, str, str]]:
    store = ox.Store.read_only(str(workdir / "store"))
    try:
        return {(q.subject.value, q.predicate.value, str(q.object))
                for q in store.quads_for_pattern(None, None, None, ox.NamedNode(LINKS))}
    finally:
        del store
        gc.collect()


def records(workdir: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The alignment records: (entity key, target) -> {property local name: value}."""
    triples = links_graph(workdir)
    by_node: dict[str, dict[str, str]] = {}
    for s, p, o in triples:
        if s.startswith(BASE + "link/"):
            by_node.setdefault(s, {})[p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]] = o.split('"')[1] if o.startswith('"') else o.strip("<>")
    return {(r["subject"].removeprefix(BASE), r["object"].removeprefix(WD)): r for r in by_node.values()}


def test_online_accepts_the_best_candidates_and_keeps_the_rest_for_review(workdir, proxy):
    code, _out, err = online(workdir, proxy.url)
    assert code == 0, err
    found = records(workdir)
    assert found[("place/busan", "Q16520")]["linkStatus"] == "accepted"
    assert float(found[("place/busan", "Q16520")]["score"]) == 1
    assert found[("place/busan", "Q90000010")]["linkStatus"] == "proposed"
    assert found[("org/us-fcc", "Q90000020")]["linkStatus"] == "accepted"
    assert found[("org/jp-lab", "Q90000030")]["linkStatus"] == "proposed"
    assert float(found[("org/jp-lab", "Q90000030")]["score"]) == 0.65
    busan = found[("place/busan", "Q16520")]
    assert busan["linkSource"] == "online" and busan["wasDerivedFrom"] == proxy.url and busan["generatedAtTime"]
    triples = links_graph(workdir)
    assert (BASE + "place/busan", EXACT, f"<{WD}Q16520>") in triples
    assert (BASE + "place/busan", EXACT, f"<{WD}Q90000010>") not in triples
    assert (BASE + "org/jp-mic", EXACT, f"<{WD}Q1322293>") in triples  # curated, not asked about
    assert not any(k[0] == "org/jp-mic" and r["linkSource"] == "online" for k, r in found.items())
    # one request per entity without a curated Wikidata link: us-fcc, jp-lab, busan, the series
    assert proxy.requests == 4
    assert all(a.startswith("kg/") and "Wikidata" in a for a in proxy.agents)
    assert "2 accepted, 2 proposed" in err


def test_a_second_run_answers_from_the_cache_with_the_same_result(workdir, proxy):
    assert online(workdir, proxy.url)[0] == 0
    first, asked = links_graph(workdir), proxy.requests
    code, _out, err = online(workdir, proxy.url)
    assert code == 0, err
    assert proxy.requests == asked, "the second run asked the endpoint again"
    assert links_graph(workdir) == first
    assert "0 request(s), 4 answer(s) from the cache" in err


def test_the_threshold_decides_what_is_accepted(workdir, proxy):
    assert online(workdir, proxy.url, "--threshold", "0.6")[0] == 0
    assert records(workdir)[("org/jp-lab", "Q90000030")]["linkStatus"] == "accepted"
    assert online(workdir, proxy.url, "--threshold", "1")[0] == 0  # from the cache, stricter
    found = records(workdir)
    assert found[("org/jp-lab", "Q90000030")]["linkStatus"] == "proposed"
    assert found[("place/busan", "Q16520")]["linkStatus"] == "accepted"


def test_an_offline_run_keeps_what_was_linked_online(workdir, proxy):
    assert online(workdir, proxy.url)[0] == 0
    before, asked = links_graph(workdir), proxy.requests
    code, _out, err = kg(workdir)
    assert code == 0, err
    assert links_graph(workdir) == before
    assert proxy.requests == asked


def test_review_lists_candidates_and_accepting_one_writes_the_alignment_file(workdir, proxy):
    assert online(workdir, proxy.url)[0] == 0
    code, out, _err = kg(workdir, "--review")
    assert code == 0
    assert "org/jp-lab" in out and "Q90000030" in out and "0.65" in out and "Q90000010" in out
    code, _out, err = kg(workdir, "--review", "--accept", "org/jp-lab=Q90000030")
    assert code == 0, err
    row = (workdir / "links" / "alignments.tsv").read_text(encoding="utf-8").splitlines()[-1].split("\t")
    assert row[:3] == ["org/jp-lab", "Test Laboratory", "Q90000030"] and row[5:7] == ["reviewed", "0.65"]
    found = records(workdir)
    assert found[("org/jp-lab", "Q90000030")]["linkSource"] == "reviewed"
    assert (BASE + "org/jp-lab", EXACT, f"<{WD}Q90000030>") in links_graph(workdir)
    code, out, _err = kg(workdir, "--review")
    assert "org/jp-lab" not in out


def test_accepting_something_that_was_never_proposed_is_refused(workdir, proxy):
    assert online(workdir, proxy.url)[0] == 0
    before = (workdir / "links" / "alignments.tsv").read_text(encoding="utf-8")
    code, _out, err = kg(workdir, "--review", "--accept", "org/jp-lab=Q30")
    assert code == 2
    assert "not a recorded online candidate" in err
    assert (workdir / "links" / "alignments.tsv").read_text(encoding="utf-8") == before


def test_enrich_fetches_facts_about_linked_items_into_the_links_graph(workdir, proxy):
    assert online(workdir, proxy.url)[0] == 0
    code, _out, err = kg(workdir, "--enrich", "--endpoint", proxy.url)
    assert code == 0, err
    triples = links_graph(workdir)
    mic = WD + "Q1322293"
    assert (mic, "http://www.wikidata.org/prop/direct/P3225", '"2000012020001"') in triples
    assert (mic, "http://www.wikidata.org/prop/direct/P856", "<https://www.soumu.go.jp/>") in triples
    assert (mic, "http://www.w3.org/2000/01/rdf-schema#label", '"総務省"@ja') in triples
    assert any(s == WD + "Q16520" and p.endswith("P625") for s, p, _o in triples)
    asked = proxy.requests
    assert kg(workdir)[0] == 0  # offline: the facts stay
    assert (mic, "http://www.wikidata.org/prop/direct/P3225", '"2000012020001"') in links_graph(workdir)
    assert kg(workdir, "--enrich", "--endpoint", proxy.url)[0] == 0  # cached
    assert proxy.requests == asked


def test_429_with_retry_after_is_honoured(workdir, proxy):
    proxy.script = [("429", 1)]
    code, _out, err = online(workdir, proxy.url)
    assert code == 0, err
    assert proxy.requests == 5  # the refused one, then the four
    assert records(workdir)[("place/busan", "Q16520")]["linkStatus"] == "accepted"


def test_a_retry_after_beyond_the_bound_fails_at_once_and_changes_nothing(workdir, proxy):
    assert kg(workdir)[0] == 0
    before = links_graph(workdir)
    proxy.script = [("429", 3600)]
    code, _out, err = online(workdir, proxy.url)
    assert code == 3
    assert "429" in err and "3600" in err and proxy.url in err
    assert links_graph(workdir) == before


def test_a_slow_endpoint_times_out_and_changes_nothing(workdir, proxy):
    assert kg(workdir)[0] == 0
    before = links_graph(workdir)
    proxy.script = [("sleep", 3)]
    code, _out, err = kg(workdir, "--online", "--endpoint", proxy.url, "--timeout", "0.5")
    assert code == 3
    assert "did not answer within 0.5 s" in err
    assert links_graph(workdir) == before


def test_a_dead_endpoint_gives_exit_3_and_loses_nothing(workdir):
    assert kg(workdir)[0] == 0
    before = links_graph(workdir)
    assert (BASE + "org/jp-mic", EXACT, f"<{WD}Q1322293>") in before
    dead = f"http://127.0.0.1:{free_port()}/sparql"
    for args in (["--online"], ["--enrich"]):
        code, _out, err = kg(workdir, *args, "--endpoint", dead)
        assert code == 3
        assert err.startswith(f"error: {dead}: the SPARQL endpoint cannot be reached")
        assert links_graph(workdir) == before


def test_the_federated_example_joins_local_links_with_the_remote_items(workdir, oxigraph):
    """wikidata-federated.rq, its SERVICE pointed at the local server instead of Wikidata."""
    from dataclasses import replace

    from kg.read.queries import find_query, run

    assert kg(workdir)[0] == 0
    saved = find_query("wikidata-federated")
    assert "SERVICE <https://query.wikidata.org/sparql>" in saved.text and "online only" in saved.summary
    local = replace(saved, text=saved.text.replace("https://query.wikidata.org/sparql", oxigraph))
    store = ox.Store.read_only(str(workdir / "store"))
    try:
        rows = run(store, local)
    finally:
        del store
        gc.collect()
    mic = [r for r in rows if r["entity"] == BASE + "org/jp-mic"]
    assert mic == [{"entity": BASE + "org/jp-mic", "label": "総務省", "wikidata": WD + "Q1322293",
                    "website": "https://www.soumu.go.jp/", "corporate_number": "2000012020001", "parent": None}]
