"""Graph Store Protocol reads (SPARQL 1.1 Graph Store HTTP Protocol, indirect identification) at /store.

    GET /store?graph=IRI     one named graph (404 when the store has none of that name)
    GET /store?default       the default graph: the union of the named graphs, as /sparql sees it
    GET /store               every named graph, as N-Quads or TriG

Graphs answer in Turtle, N-Triples, RDF/XML or JSON-LD, the whole store in N-Quads or TriG, by
content negotiation (or `format=`). The store is read-only here: PUT, POST and DELETE get 405.
Answers larger than the server's --max-bytes are refused with 413.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from . import negotiate
from .pool import JobFailed

GRAPH_OFFERS = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
DATASET_OFFERS = list(negotiate.DATASETS)
READ_ONLY = ("this graph store is read-only: load data with `kg build`, or push it to a store of your own "
             "with `kg push`")


def _not_acceptable(offers: list[str]) -> Response:
    return PlainTextResponse("not acceptable: ask for one of " + ", ".join(offers) + "\n", status_code=406)


async def store(request: Request) -> Response:
    if request.method not in ("GET", "HEAD"):
        return PlainTextResponse(READ_ONLY + "\n", status_code=405, headers={"Allow": "GET, HEAD"})
    names = [k for k, _ in request.query_params.multi_items()]
    graphs = request.query_params.getlist("graph")
    if len(graphs) > 1 or (graphs and "default" in names):
        return PlainTextResponse("name one graph: ?graph=IRI or ?default\n", status_code=400)
    if graphs and not graphs[0].split(":", 1)[0].isalpha():
        return PlainTextResponse(f"the graph parameter must be an absolute IRI, not {graphs[0]!r}\n", status_code=400)
    accept = negotiate.accept_from(request.headers.get("accept"), request.query_params.get("format"))
    settings, pool = request.app.state.settings, request.app.state.pool
    try:
        if graphs or "default" in names:
            media = negotiate.choose(accept, GRAPH_OFFERS)
            if media is None:
                return _not_acceptable(GRAPH_OFFERS)
            body = await pool.run("read_graph", media=media, graph=graphs[0] if graphs else None,
                                  max_bytes=settings.max_bytes)
        else:
            media = negotiate.choose(accept, DATASET_OFFERS)
            if media is None:
                return _not_acceptable(DATASET_OFFERS)
            body = await pool.run("read_dataset", media=media, max_bytes=settings.max_bytes)
    except JobFailed as exc:
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)
    return Response(body, media_type=media, headers={"Vary": "Accept"})
