"""The SPARQL 1.1 Protocol endpoint at /sparql: GET and POST, read-only, answers by content negotiation.

The query is evaluated by Oxigraph in a worker process (pool.py), over the union of the named
graphs unless the request names its own dataset (default-graph-uri, named-graph-uri).
"""
from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from . import negotiate
from .description import describe
from .html import query_page, results_page
from .pool import JobFailed

READ_ONLY = ("this endpoint is read-only: SPARQL Update is refused; "
             "load data with `kg build`, or push it to a store of your own with `kg push`")


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 once it grows past the limit (also when chunked)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BadRequest(413, f"the request body is larger than the limit of {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BadRequest(413, f"the request body is larger than the limit of {limit} bytes")
    return bytes(body)


async def protocol_params(request: Request, limit: int) -> list[tuple[str, str]]:
    """The protocol's parameters from the URL, a form body, or an application/sparql-query body."""
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/sparql-update":
        raise BadRequest(403, READ_ONLY)
    body = await read_body(request, limit)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, "the request body is not UTF-8") from None
    if kind == "application/x-www-form-urlencoded":
        return params + parse_qsl(text, keep_blank_values=True)
    if kind == "application/sparql-query":
        return params + [("query", text)]
    raise BadRequest(415, "POST a form (application/x-www-form-urlencoded) or a query "
                          f"(application/sparql-query), not {kind or 'a body without a Content-Type'}")


def query_of(params: list[tuple[str, str]]) -> str | None:
    names = [k for k, _ in params]
    if "update" in names:
        raise BadRequest(403, READ_ONLY)
    queries = [v for k, v in params if k == "query"]
    if len(queries) > 1:
        raise BadRequest(400, "give exactly one query parameter")
    if queries and not queries[0].strip():
        raise BadRequest(400, "the query parameter is empty")
    return queries[0] if queries else None


def wants_page(accept: str | None) -> bool:
    """A browser (which names text/html) gets the query form; an RDF client the service description."""
    ranges = dict(negotiate.parse_accept(accept))
    return ranges.get(negotiate.HTML, 0) > 0 and ranges[negotiate.HTML] >= max(
        ranges.get(m, 0) for m in ("text/turtle", "application/rdf+xml", "application/n-triples",
                                   "application/ld+json"))


async def endpoint(request: Request) -> Response:
    settings = request.app.state.settings
    try:
        params = await protocol_params(request, settings.max_query)
        query = query_of(params)
    except BadRequest as exc:
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)
    fmt = dict(params).get("format")
    accept = negotiate.accept_from(request.headers.get("accept"), fmt)
    if query is None:
        if request.method == "POST":
            return PlainTextResponse("give a SPARQL query in the query parameter (GET or a POSTed form), or POST "
                                     "it as application/sparql-query\n", status_code=400)
        if wants_page(accept):
            return query_page(request)
        return await describe(request, accept)
    dataset = {"default": [v for k, v in params if k == "default-graph-uri"],
               "named": [v for k, v in params if k == "named-graph-uri"]}
    return await answer(request, "sparql", accept, query=query, dataset=dataset, lane="sparql")


async def answer(request: Request, job: str, accept: str | None, **kwargs) -> Response:
    """Run a query job and turn its answer into a response: bytes as they are, or an HTML table."""
    settings = request.app.state.settings
    try:
        result = await request.app.state.pool.run(job, accept=accept, max_bytes=settings.max_bytes,
                                                  html_rows=settings.html_rows, **kwargs)
    except JobFailed as exc:
        headers = {"Retry-After": "5"} if exc.status == 503 else None
        return PlainTextResponse(exc.message + "\n", status_code=exc.status, headers=headers)
    if result[0] == "bytes":
        return Response(result[2], media_type=result[1], headers={"Vary": "Accept"})
    return results_page(request, result, kwargs)
