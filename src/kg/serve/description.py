"""The SPARQL 1.1 Service Description of /sparql: what `GET /sparql` without a query answers to an
RDF client (a browser gets the query form).

It names the endpoint, the languages and result formats it speaks, its features (the default
graph is the union of the named graphs; SERVICE only with --allow-service), and the dataset: the
default graph and up to 1000 named graphs by name (more are counted, not listed).
"""
from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from . import negotiate
from .pool import JobFailed

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OFFERS = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"]
# The W3C format IRIs of the answers /sparql gives.
RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "RDF_XML", "JSON-LD"]


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def description(endpoint: str, graphs: list[str], more: bool, allow_service: bool) -> list[ox.Triple]:
    service, dataset, default = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
    t = [ox.Triple(service, RDF_TYPE, _sd("Service")),
         ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
         ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
         ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph"))]
    if allow_service:
        t.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    t += [ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMATS]
    t += [ox.Triple(service, _sd("defaultDataset"), dataset),
          ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
          ox.Triple(dataset, _sd("defaultGraph"), default),
          ox.Triple(default, RDF_TYPE, _sd("Graph"))]
    for i, name in enumerate(graphs):
        node = ox.BlankNode(f"g{i}")
        t += [ox.Triple(dataset, _sd("namedGraph"), node), ox.Triple(node, RDF_TYPE, _sd("NamedGraph")),
              ox.Triple(node, _sd("name"), ox.NamedNode(name))]
    if more:
        t.append(ox.Triple(dataset, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                           ox.Literal(f"the first {len(graphs)} named graphs by IRI; the store holds more")))
    return t


async def describe(request: Request, accept: str | None) -> Response:
    media = negotiate.choose(accept, OFFERS)
    if media is None:
        return PlainTextResponse("give a SPARQL query in the query parameter (GET or a POSTed form), or POST it "
                                 "as application/sparql-query; without a query, /sparql describes itself as "
                                 + ", ".join(OFFERS) + "\n", status_code=400)
    try:
        graphs, more = await request.app.state.pool.run("graph_names")
    except JobFailed as exc:
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)
    endpoint = str(request.url.replace(query=""))
    triples = description(endpoint, graphs, more, request.app.state.settings.allow_service)
    fmt = negotiate.GRAPHS[media]
    prefixes = {"sd": SD, "formats": FORMATS}
    body = ox.serialize(triples, format=fmt, prefixes=prefixes) if fmt == ox.RdfFormat.TURTLE else \
        ox.serialize(triples, format=fmt)
    return Response(body, media_type=media, headers={"Vary": "Accept"})
