"""The code that runs inside a query worker process, next to its own read-only handle on the store.

A query that runs too long cannot be interrupted inside pyoxigraph, so each query runs in a
worker process that the server kills when the time limit passes (see pool.py). A job is a name
and keyword arguments; the answer is ("ok", value) or ("error", HTTP status, message).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

from . import graphs, negotiate, reconcile_index
from .answers import JobError, Limited as _Limited, plain, turtle as _turtle
from . import service


def _execute(store: ox.Store, query: str, dataset: dict | None, substitutions: dict | None):
    dataset = dataset or {}
    kwargs = {"substitutions": substitutions} if substitutions else {}
    if dataset.get("default"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in dataset["default"]]
    else:
        kwargs["use_default_graph_as_union"] = True
    if dataset.get("named"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in dataset["named"]]
    try:
        return store.query(query, **kwargs)
    except SyntaxError as exc:
        raise JobError(400, f"the query does not parse: {exc}") from exc
    except (ValueError, TypeError) as exc:
        raise JobError(400, f"the query cannot be run: {exc}") from exc


def _bind(name: str, values: dict[str, str], page: dict | None = None) -> tuple[str, dict]:
    """A saved query's text with its filters (-p series/org/since/until) and the page asked for, and
    its parameters as substitutions."""
    from ..errors import KgError
    from ..read.queries import bind, filter_terms, find_query, with_filters

    try:
        saved = find_query(name)
        substitutions = bind(saved, values)
        text = with_filters(saved.text, filter_terms(saved, values))
    except KgError as exc:
        raise JobError(400, exc.render()) from exc
    limit, offset = (page or {}).get("limit"), (page or {}).get("offset") or 0
    if limit is not None or offset:
        text += f"\nLIMIT {int(limit) if limit is not None else 10**12} OFFSET {int(offset)}\n"
    return text, substitutions


def sparql(store: ox.Store, query: str = "", accept: str | None = None, dataset: dict | None = None,
           saved: str | None = None, values: dict | None = None, max_bytes: int = 16 << 20,
           html_rows: int = 1000, page: dict | None = None) -> tuple:
    """Run a query and serialise the answer in the format the client wants.

    Returns ("bytes", media type, body) or, for a browser, ("rows", variables, rows, truncated),
    ("boolean", value) or ("graph", turtle text).
    """
    substitutions = None
    if saved:
        query, substitutions = _bind(saved, values or {}, page)
    if service.refused(query):
        raise JobError(403, service.NO_SERVICE)
    result = _execute(store, query, dataset, substitutions)
    formats = negotiate.GRAPHS if isinstance(result, ox.QueryTriples) else negotiate.RESULTS
    media = negotiate.choose(accept, list(formats))
    if media is None:
        raise JobError(406, "none of the accepted formats fits this query's answer; accept one of "
                            + ", ".join(m for m in formats if m != negotiate.HTML))
    out = _Limited(max_bytes)
    if media == negotiate.HTML:
        return _for_html(result, out, html_rows)
    if formats[media] == ox.RdfFormat.JSON_LD:
        return ("bytes", "application/ld+json", _jsonld(result, max_bytes))
    result.serialize(out, format=formats[media])
    return ("bytes", formats[media].media_type, out.buffer.getvalue())


def _for_html(result, out: _Limited, html_rows: int) -> tuple:
    if isinstance(result, ox.QueryBoolean):
        return ("boolean", bool(result))
    if isinstance(result, ox.QueryTriples):
        return ("graph", _turtle(result, out).decode("utf-8"))
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        if len(rows) == html_rows:
            return ("rows", names, rows, True)
        rows.append([plain(solution[n]) for n in names])
    return ("rows", names, rows, False)


def _jsonld(triples: ox.QueryTriples, max_bytes: int) -> bytes:
    """JSON-LD compacted with the shipped context (ontology/kg.context.jsonld) by kg's own writer
    (kg.read.jsonld: node by node from the context's terms), offline, nodes in IRI order.

    The triples go through size-limited N-Triples first, so a huge answer is refused before
    it is held in memory as Python objects.
    """
    from ..read.jsonld import triples_document

    out = _Limited(max_bytes)
    triples.serialize(out, format=ox.RdfFormat.N_TRIPLES)
    body = triples_document(out.buffer.getvalue()).encode("utf-8")
    if len(body) > max_bytes:
        raise JobError(413, f"the answer is larger than the server's limit of {max_bytes} bytes")
    return body


def select(store: ox.Store, name: str, bindings: dict[str, str]) -> tuple[list[str], list[list]]:
    """Run one of the server's own SELECT queries (serve/queries/NAME.rq) with IRI parameters."""
    text = (Path(__file__).parent / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    substitutions = {ox.Variable(k): ox.NamedNode(v) for k, v in bindings.items()}
    result = store.query(text, use_default_graph_as_union=True, substitutions=substitutions)
    names = [v.value for v in result.variables]
    return names, [[plain(s[n]) for n in names] for s in result]


def describe(store: ox.Store, iri: str, media: str, max_bytes: int = 16 << 20, graph: str | None = None) -> bytes:
    """The RDF about one entity: what it says (outgoing) and what points at it (incoming).

    With `graph`, the whole of that named graph instead (the ontology, for the vocabulary's IRI).
    """
    if graph:
        result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    else:
        text = (Path(__file__).parent / "queries" / "entity-graph.rq").read_text(encoding="utf-8")
        result = store.query(text, use_default_graph_as_union=True,
                             substitutions={ox.Variable("subject"): ox.NamedNode(iri)})
    fmt = negotiate.GRAPHS[media]
    if fmt == ox.RdfFormat.JSON_LD:
        return _jsonld(result, max_bytes)
    out = _Limited(max_bytes)
    if fmt == ox.RdfFormat.TURTLE:
        return _turtle(result, out)
    result.serialize(out, format=fmt)
    return out.buffer.getvalue()


def page(store: ox.Store, iri: str) -> dict[str, list[dict]]:
    """The rows an entity's HTML page is made of: its facts, what points at it, and the quotes."""
    rows = {}
    for name in ("facts", "incoming", "provenance", "meetings"):
        names, found = select(store, f"entity-{name}", {"subject": iri})
        rows[name] = [dict(zip(names, row)) for row in found]
    _sentences(store, rows["provenance"])
    return rows


def _sentences(store: ox.Store, quotes: list[dict]) -> None:
    """Add to each quote the rest of its sentence (prefix, suffix), read from its release's text."""
    from ..model import Span
    from ..rdf.provenance import sentence_context
    from ..rdf.vocab import KG

    texts: dict[str, str] = {}
    for row in quotes:
        release = row["release"][1]
        if release not in texts:
            found = store.quads_for_pattern(ox.NamedNode(release), ox.NamedNode(str(KG.sourceText)), None)
            texts[release] = next((q.object.value for q in found), "")
        span = Span(int(row["start"][1]), int(row["end"][1]))
        prefix, suffix = sentence_context(texts[release], span) if texts[release] else ("", "")
        row["prefix"] = ("literal", prefix, None, None) if prefix else None
        row["suffix"] = ("literal", suffix, None, None) if suffix else None


def exists(store: ox.Store, iri: str) -> bool:
    node = ox.NamedNode(iri)
    return any(True for _ in store.quads_for_pattern(node, None, None)) or \
        any(True for _ in store.quads_for_pattern(None, None, node))


JOBS = {"sparql": sparql, "select": select, "describe": describe, "page": page, "exists": exists,
        **graphs.JOBS, **reconcile_index.JOBS}


def main(store_path: str, allow_service: bool = False) -> None:
    """The worker's loop: open the store read-only, then answer jobs from stdin on stdout until stdin closes.

    Unless SERVICE is allowed, the worker first cuts itself off from the network (sandbox.py).
    The messages are pickled by multiprocessing's Connection; anything else that would print to
    stdout goes to stderr instead.
    """
    import os
    import sys
    from multiprocessing.connection import Connection

    from .sandbox import cut_off

    service.ALLOWED = allow_service
    inp = Connection(os.dup(0), writable=False)
    out = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    note = None if allow_service else cut_off()
    serve_jobs(inp, out, store_path, note)


def serve_jobs(inp, out, store_path: str, note: str | None = None) -> None:
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        out.send(("error", 500, f"cannot open the store at {store_path}: {exc}"))
        return
    out.send(("ok", note))
    while True:
        try:
            name, kwargs = inp.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            answer = ("ok", JOBS[name](store, **kwargs))
        except JobError as exc:
            answer = ("error", exc.status, exc.message)
        except Exception as exc:  # a bug or a store fault: report it, keep the worker alive
            answer = ("error", 500, f"{type(exc).__name__}: {exc}")
        out.send(answer)


if __name__ == "__main__":
    main(sys.argv[1], "--allow-service" in sys.argv[2:])
