"""Send the store to an external triple store: one named graph per release, replaced as a whole.

Each named graph of the store (every release, the reference data, the ontology, the links) is
sent with a SPARQL 1.1 Graph Store Protocol PUT, which replaces that graph and nothing else, so
pushing twice gives the same remote. A store without the protocol gets the same effect through
SPARQL Update (DROP SILENT GRAPH + INSERT DATA, in one request).

What changed is known without downloading the remote graphs: the push leaves a small manifest
graph on the remote (MANIFEST_GRAPH: each graph's IRI with the SHA-256 of its N-Triples, lines
sorted as bytes). The next push reads it with one SPARQL query and sends only the graphs whose
digest differs (or the releases asked for, or everything with force=True), reading the store one
graph at a time. A graph that fails is retried after the others; its manifest entry is dropped,
so a later push sends it again.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pyoxigraph as ox

from ..rdf import iris
from ..errors import EndpointError, KgError
from ..rdf.vocab import KG
from .export import sorted_lines

MANIFEST_GRAPH = iris.iri("graph", "push-manifest")
NO_GSP = {404, 405, 406, 415, 501}
FATAL = {401, 403}


@dataclass
class Target:
    endpoint: str                      # SPARQL query endpoint
    update: str | None = None          # SPARQL Update endpoint (default: the query endpoint)
    graph_store: str | None = None     # Graph Store Protocol endpoint; None: use SPARQL Update
    auth: httpx.Auth | None = None
    token: str | None = None
    timeout: float = 60.0


@dataclass
class PushReport:
    pushed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    pruned: list[str] = field(default_factory=list)
    method: str = "graph store protocol"
    notes: list[str] = field(default_factory=list)


class GraphFailed(Exception):
    """One graph could not be written; `fatal` when retrying cannot help (bad credentials)."""

    def __init__(self, message: str, fatal: bool = False, no_gsp: bool = False):
        super().__init__(message)
        self.fatal = fatal
        self.no_gsp = no_gsp


def graph_names(store: ox.Store, releases: list[str] | None = None) -> list[str]:
    """The named graphs to push, in IRI order: the given releases', or all but the build's bookkeeping."""
    names = sorted(g.value for g in store.named_graphs()
                   if isinstance(g, ox.NamedNode) and g.value != str(iris.BUILD_GRAPH))  # bookkeeping stays local
    if releases:
        wanted = {str(iris.graph_iri(r)): r for r in releases}
        missing = [r for g, r in wanted.items() if g not in names]
        if missing:
            raise KgError(f"no release {missing[0]!r} in the store", hint="`kg query releases` lists the release IDs")
        names = [g for g in names if g in wanted]
    return names


def graph_body(store: ox.Store, name: str) -> bytes:
    """One graph as N-Triples, its lines sorted as bytes: canonical, since the store holds no blank nodes."""
    return b"".join(sorted_lines(store, ox.NamedNode(name)))


def digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class Remote:
    """The HTTP side: read the manifest, write or drop one graph."""

    def __init__(self, target: Target):
        self.target = target
        headers = {"User-Agent": "kg-push (https://kg.example.org/)"}
        if target.token:
            headers["Authorization"] = f"Bearer {target.token}"
        self.client = httpx.Client(auth=target.auth, headers=headers, timeout=target.timeout)
        self.use_gsp = target.graph_store is not None

    def close(self) -> None:
        self.client.close()

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        try:
            return self.client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise GraphFailed(f"{method} {url}: {type(exc).__name__}: {exc}") from exc

    def manifest(self) -> dict[str, str]:
        """The digests the remote holds, from its manifest graph; {} on a first push."""
        query = f"SELECT ?g ?d WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ ?g <{KG.sha256}> ?d }} }}"
        url = self.target.endpoint
        try:
            r = self.client.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"})
        except httpx.HTTPError as exc:
            raise EndpointError(f"cannot reach the SPARQL endpoint: {type(exc).__name__}: {exc}", where=url,
                                hint="is the triple store running, and is --endpoint its query URL?") from exc
        if r.status_code in FATAL:
            raise EndpointError(f"the endpoint refused the credentials (HTTP {r.status_code})", where=url,
                                hint="give --user and --password, or a token in KG_PUSH_TOKEN")
        if r.status_code >= 400:
            raise EndpointError(f"the endpoint answered HTTP {r.status_code} to a SELECT: {r.text[:200]}", where=url,
                                hint="--endpoint must be the store's SPARQL query URL")
        try:
            rows = r.json()["results"]["bindings"]
        except (ValueError, KeyError) as exc:
            raise EndpointError("the endpoint's answer is not SPARQL JSON results", where=url) from exc
        return {row["g"]["value"]: row["d"]["value"] for row in rows if "g" in row and "d" in row}

    def check_credentials(self) -> None:
        """Before anything is written: read the manifest graph through the graph store, with the credentials.
        Refused credentials stop the push here, and a Digest challenge is answered once, on a request
        without a body (a store may close the connection on a large PUT it refuses)."""
        if not (self.use_gsp and (self.target.auth or self.target.token)):
            return
        try:
            r = self._send("GET", self.target.graph_store, params={"graph": str(MANIFEST_GRAPH)},
                           headers={"Accept": "application/n-triples"})
        except GraphFailed as exc:
            raise EndpointError(f"cannot reach the graph store: {exc}", where=self.target.graph_store) from exc
        if r.status_code in FATAL:
            raise EndpointError(f"the triple store refused the credentials (HTTP {r.status_code})",
                                where=self.target.graph_store,
                                hint="check --user/--password, --digest-auth or KG_PUSH_TOKEN")

    def put(self, graph: str, body: bytes) -> None:
        """Replace one remote graph with `body` (N-Triples, which is also Turtle)."""
        if self.use_gsp:
            r = self._send("PUT", self.target.graph_store, params={"graph": graph}, content=body,
                           headers={"Content-Type": "text/turtle"})
            self._check(r, "PUT", no_gsp_possible=True)
            return
        self.update(replace_update(graph, body))

    def drop(self, graph: str) -> None:
        if self.use_gsp:
            r = self._send("DELETE", self.target.graph_store, params={"graph": graph})
            if r.status_code != 404:
                self._check(r, "DELETE", no_gsp_possible=True)
            return
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def update(self, text: str) -> None:
        url = self.target.update or self.target.endpoint
        r = self._send("POST", url, content=text.encode("utf-8"),
                       headers={"Content-Type": "application/sparql-update"})
        self._check(r, "SPARQL Update")

    def _check(self, r: httpx.Response, what: str, no_gsp_possible: bool = False) -> None:
        if r.status_code < 300:
            return
        text = " ".join(r.text[:200].split())
        message = f"{what} {r.request.url} answered HTTP {r.status_code}" + (f": {text}" if text else "")
        raise GraphFailed(message, fatal=r.status_code in FATAL,
                          no_gsp=no_gsp_possible and r.status_code in NO_GSP)


UPDATE_CHUNK = 500  # triples per INSERT DATA: Virtuoso refuses one that compiles to over 10,000 lines of SQL


def replace_update(graph: str, body: bytes) -> str:
    """One SPARQL Update request that replaces a graph: DROP it, then INSERT DATA its triples in chunks."""
    lines = body.decode("utf-8").splitlines()
    parts = [f"DROP SILENT GRAPH <{graph}>"]
    parts += [f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(lines[i:i + UPDATE_CHUNK]) + "\n} }"
              for i in range(0, len(lines), UPDATE_CHUNK)]
    return " ;\n".join(parts)


def manifest_body(digests: dict[str, str]) -> bytes:
    triples = [ox.Triple(ox.NamedNode(g), ox.NamedNode(str(KG.sha256)), ox.Literal(d))
               for g, d in sorted(digests.items())]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def push(store: ox.Store, target: Target, *, releases: list[str] | None = None, force: bool = False,
         prune: bool = False, retries: int = 3, progress: Callable[[str], None] | None = None,
         plan: Callable[[int], None] | None = None) -> PushReport:
    """Push the store's named graphs (or only the given releases) that differ from the remote's.

    One graph at a time: it is read, its digest compared with the manifest's, and it is sent or not,
    so memory holds one graph whatever the size of the store. `plan` is told how many graphs there
    are to look at, `progress` is called once each."""
    names = graph_names(store, releases)
    remote = Remote(target)
    report = PushReport(method="graph store protocol" if remote.use_gsp else "SPARQL Update")
    try:
        known = remote.manifest()
        remote.check_credentials()
        if plan:
            plan(len(names))
        failed = []
        for name in names:
            body = graph_body(store, name)
            if force or releases or known.get(name) != digest(body):
                if not _attempt(remote, name, body, report, known):
                    failed.append(name)
            else:
                report.unchanged.append(name)
            if progress:
                progress(name)
        _retry(remote, store, failed, report, known, retries)
        if prune and not releases:
            _prune(remote, set(names), known, report)
        if report.pushed or report.pruned or report.failed:  # a push that changed nothing sends nothing
            _write_manifest(remote, known, report)
    finally:
        remote.close()
    return report


def _attempt(remote: Remote, graph: str, body: bytes, report: PushReport, known: dict[str, str]) -> bool:
    """Send one graph; False when it failed in a way a later attempt may mend."""
    try:
        _write_one(remote, graph, body, report)
    except GraphFailed as exc:
        if exc.fatal:
            raise EndpointError(f"the triple store refused the credentials ({exc})",
                                hint="check --user/--password, --digest-auth or KG_PUSH_TOKEN") from exc
        report.failed[graph] = str(exc)
        known.pop(graph, None)  # the next push sends it again
        return False
    known[graph] = digest(body)
    report.pushed.append(graph)
    report.failed.pop(graph, None)
    return True


def _retry(remote: Remote, store: ox.Store, failed: list[str], report: PushReport, known: dict[str, str],
           retries: int) -> None:
    """The graphs that failed, tried again after the others, up to `retries` attempts in all, with a growing pause."""
    for attempt in range(1, max(1, retries)):
        if not failed:
            return
        time.sleep(min(8.0, 0.5 * 2 ** (attempt - 1)))
        failed = [g for g in failed if not _attempt(remote, g, graph_body(store, g), report, known)]


def _write_one(remote: Remote, graph: str, body: bytes, report: PushReport) -> None:
    try:
        remote.put(graph, body)
    except GraphFailed as exc:
        if not exc.no_gsp:
            raise
        remote.use_gsp = False
        report.method = "SPARQL Update"
        report.notes.append(f"{exc}; the store seems not to speak the Graph Store Protocol there, "
                            "so SPARQL Update is used instead")
        remote.put(graph, body)


def _prune(remote: Remote, local: set[str], known: dict[str, str], report: PushReport) -> None:
    for graph in sorted(set(known) - local):
        try:
            remote.drop(graph)
        except GraphFailed as exc:
            report.failed[graph] = str(exc)
            continue
        known.pop(graph)
        report.pruned.append(graph)


def _write_manifest(remote: Remote, known: dict[str, str], report: PushReport) -> None:
    try:
        remote.put(str(MANIFEST_GRAPH), manifest_body(known))
    except GraphFailed as exc:
        report.notes.append(f"the manifest graph could not be written ({exc}); the next push will send everything")
