"""Real triple stores for the push, bulk-load and remote-query tests, each started on 127.0.0.1 by the test.

- `Virtuoso`: Debian's virtuoso-opensource 7 (`virtuoso-t`, `isql-vt`), its database, log and
  ports in a temporary folder, from a config file bench/virtuoso.py writes. User dba, password dba.
- `Oxigraph`: the Oxigraph server of the PyPI package `oxigraph` (a test dependency).
- `Gate`: a real HTTP server in front of either one that records every request it forwards and,
  when given a user and password, asks for HTTP Digest authentication itself (Oxigraph has none).

A test whose program is missing is skipped with the reason (`need_virtuoso`, `need_oxigraph`).
"""
from __future__ import annotations

import hashlib
import http.server
import secrets
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph

from serving import free_port, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import virtuoso  # noqa: E402 - bench/virtuoso.py: the Virtuoso server the benchmark and the tests start

VIRTUOSO, ISQL = virtuoso.VIRTUOSO, virtuoso.ISQL
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")

need_virtuoso = pytest.mark.skipif(
    not (VIRTUOSO and ISQL),
    reason="Virtuoso is not installed (Debian: apt-get install virtuoso-opensource; .ci/run installs it)")
need_oxigraph = pytest.mark.skipif(
    not Path(OXIGRAPH).exists(), reason="the Oxigraph server is not installed (pip install oxigraph, in the test extra)")


class Virtuoso(virtuoso.Server):
    """virtuoso-t in the foreground on free ports, its files in `folder` (bench/virtuoso.py starts it)."""

    def graph(self, name: str) -> Graph:
        return fetch_graph(self.url + "/sparql-graph-crud", name)

    def select(self, query: str) -> list[dict]:
        return select(self.endpoint, query)

    def isql(self, *statements: str, timeout: float = 600) -> str:
        try:
            return super().isql(*statements, timeout=timeout)
        except RuntimeError as exc:
            raise AssertionError(str(exc)) from exc


class Oxigraph:
    """`oxigraph serve` on a free port, its store in `folder`."""

    def __init__(self, folder: Path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint, self.graph_store = self.url + "/query", self.url + "/store"
        self.process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(folder), "--bind",
                                         f"127.0.0.1:{self.port}", *options], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        wait_for(self.endpoint + "?query=ASK%7B%7D", self.process)

    def graph(self, name: str) -> Graph:
        return fetch_graph(self.graph_store, name)

    def update(self, text: str) -> None:
        request = urllib.request.Request(self.url + "/update", data=text.encode("utf-8"),
                                         headers={"Content-Type": "application/sparql-update"})
        urllib.request.urlopen(request, timeout=60).close()

    def select(self, query: str) -> list[dict]:
        return select(self.endpoint, query)

    def stop(self) -> None:
        stop(self.process)


def bench_corpus(folder: Path, releases: int, seed: int = 0) -> Path:
    """The benchmark's synthetic corpus (bench/corpus.py): `releases` files with their sidecars."""
    script = Path(__file__).resolve().parents[1] / "bench" / "corpus.py"
    subprocess.run([sys.executable, str(script), str(folder), "-n", str(releases), "--seed", str(seed)],
                   check=True, capture_output=True, timeout=300)
    return folder


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.stderr.close()


def fetch_graph(graph_store: str, name: str) -> Graph:
    """One remote graph through the Graph Store Protocol (GET), as N-Triples; empty when there is none."""
    url = graph_store + "?" + urllib.parse.urlencode({"graph": name})
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return Graph().parse(data=r.read().decode("utf-8"), format="nt")
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return Graph()
        raise


def select(endpoint: str, query: str) -> list[dict]:
    import json

    data = urllib.parse.urlencode({"query": query}).encode("ascii")
    request = urllib.request.Request(endpoint, data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=120) as r:
        bindings = json.loads(r.read())["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


def graph_sizes(remote, prefix: str = "https://kg.example.org/graph/") -> dict[str, int]:
    """Quads per named graph on the remote, for the graphs under `prefix`."""
    rows = remote.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in rows if r["g"].startswith(prefix)}


class Gate(http.server.ThreadingHTTPServer):
    """A recording proxy on 127.0.0.1; with `user` and `password` it demands HTTP Digest (RFC 7616, MD5,
    qop=auth) before it forwards a request; `failures` (graph IRI -> how many PUTs of it to answer with
    503, -1: all) makes a flaky store."""

    def __init__(self, upstream: str, user: str | None = None, password: str | None = None,
                 failures: dict[str, int] | None = None):
        self.upstream = upstream
        self.failures = failures if failures is not None else {}
        self.user, self.password = user, password
        self.realm = "kg-test"
        self.nonces: set[str] = set()
        # What reached the engine and what it answered: method, graph parameter (or "query", "update"),
        # Authorization header, HTTP status.
        self.seen: list[tuple[str, str | None, str | None, int]] = []
        self.refused = 0
        super().__init__(("127.0.0.1", 0), _GateHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def done(self, since: int = 0) -> list[tuple[str, str | None]]:
        """The requests the engine carried out (answered 2xx), from the `since`-th one seen."""
        return [(m, g) for m, g, _, status in self.seen[since:] if status < 300]

    def writes(self, since: int = 0) -> list[tuple[str, str | None]]:
        """What the engine carried out that changes it: PUTs, DELETEs and SPARQL Updates."""
        return [(m, g) for m, g in self.done(since) if m in ("PUT", "DELETE") or (m, g) == ("POST", "update")]

    def close(self) -> None:
        self.shutdown()
        self.server_close()

    def check(self, method: str, header: str | None) -> bool:
        if self.user is None:
            return True
        if not header or not header.startswith("Digest "):
            return False
        fields = dict(_digest_fields(header[7:]))
        if fields.get("username") != self.user or fields.get("nonce") not in self.nonces:
            return False
        ha1 = _md5(f"{self.user}:{self.realm}:{self.password}")
        ha2 = _md5(f"{method}:{fields.get('uri')}")
        expected = _md5(f"{ha1}:{fields['nonce']}:{fields.get('nc')}:{fields.get('cnonce')}:{fields.get('qop')}:{ha2}")
        return secrets.compare_digest(expected, fields.get("response", ""))


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _digest_fields(text: str):
    for part in _split_commas(text):
        key, _, value = part.strip().partition("=")
        yield key.strip(), value.strip().strip('"')


def _split_commas(text: str) -> list[str]:
    parts, current, quoted = [], "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    return parts + [current]


HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length"}


class _GateHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _forward(self) -> None:
        gate: Gate = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        auth = self.headers.get("Authorization")
        if not gate.check(self.command, auth):
            gate.refused += 1
            nonce = secrets.token_hex(16)
            gate.nonces.add(nonce)
            self.send_response(401)
            self.send_header("WWW-Authenticate", f'Digest realm="{gate.realm}", qop="auth", nonce="{nonce}", algorithm=MD5')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        kind = query.get("graph", [None])[0]
        left = gate.failures.get(kind, 0)
        if self.command == "PUT" and left:
            gate.failures[kind] = left - 1 if left > 0 else left
            gate.seen.append((self.command, kind, auth, 503))
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.command == "POST":
            kind = "update" if "sparql-update" in (self.headers.get("Content-Type") or "") or b"update=" in body[:7] \
                else "query"
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        request = urllib.request.Request(gate.upstream + self.path, data=body if body else None, headers=headers,
                                         method=self.command)
        try:
            with urllib.request.urlopen(request, timeout=120) as r:
                status, data, answer = r.status, r.read(), r.headers
        except urllib.error.HTTPError as exc:
            status, data, answer = exc.code, exc.read(), exc.headers
        except OSError as exc:  # the engine closed the connection: say so, as a proxy does
            status, data, answer = 502, str(exc).encode("utf-8"), {}
        gate.seen.append((self.command, kind, auth, status))
        self.send_response(status)
        for key, value in answer.items():
            if key.lower() not in HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = _forward

