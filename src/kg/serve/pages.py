"""The pages a person sees: home (timeline, saved queries, query box), entities, query results."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..read import queries as saved_mod
from ..errors import KgError
from ..rdf.iris import ONTOLOGY_GRAPH
from ..rdf.vocab import KG
from . import negotiate, timeline
from .entity import BASE_PATH, entity_view, iri_for_path
from .html import EXAMPLE_QUERY, error, render
from .pool import JobFailed
from .sparql import answer

ENTITY_OFFERS = [negotiate.HTML, "text/turtle", "application/ld+json", "application/n-triples",
                 "application/rdf+xml", *negotiate.DATASETS]
# A saved query's answer: JSON is an array of objects, as `kg query NAME -f json` prints it; SPARQL JSON
# stays available under its own media type (and at /sparql).
SAVED_OFFERS = ["application/json", *(m for m in negotiate.RESULTS if m != "application/json")]
INPUT_TYPES = {"date": "date", "integer": "number", "iri": "url", "string": "text", "lang": "text"}


async def _rows(request: Request, name: str, bindings: dict | None = None) -> list[dict]:
    names, rows = await request.app.state.pool.run("select", name=name, bindings=bindings or {})
    return [dict(zip(names, row)) for row in rows]


async def home(request: Request) -> Response:
    try:
        series = timeline.series_from_rows(await _rows(request, "timeline"))
    except JobFailed as exc:
        return error(request, exc.status, exc.message)
    return render(request, "home.html", {"series": series, "svg": timeline.svg(series),
                                         "saved": saved_mod.saved_queries(), "example": EXAMPLE_QUERY})


async def saved_query(request: Request) -> Response:
    """Run a saved query (queries/NAME.rq) with its parameters from the URL: /queries/NAME?param=value,
    a page of its rows at a time with limit= and offset= (a page has settings.html_rows rows in HTML)."""
    name = request.path_params["name"]
    queries = saved_mod.saved_queries()
    if name not in queries:
        return error(request, 404, f"no saved query named {name!r}; the home page lists them")
    values = {k: v for k, v in request.query_params.items() if k not in ("format", "limit", "offset") and v != ""}
    try:
        saved_mod.bind(queries[name], values)
        missing = [p.name for p in queries[name].params if p.name not in values]
        if missing:
            raise KgError(f"query {name!r} needs the parameter {missing[0]}")
        limit, offset = _page(request)
    except KgError as exc:
        return error(request, 400, exc.render())
    fmt = request.query_params.get("format")
    accept = "application/json" if fmt == "json" else negotiate.accept_from(request.headers.get("accept"), fmt)
    pool, settings = request.app.state.pool, request.app.state.settings
    if negotiate.choose(accept, SAVED_OFFERS) == "application/json":
        try:
            body = await pool.run("saved_rows", name=name, values=values, max_bytes=settings.max_bytes,
                                  limit=limit, offset=offset, folder=pool.store_path)
        except JobFailed as exc:
            return error(request, exc.status, exc.message)
        return _vary(Response(body, media_type="application/json"))
    page = {"limit": limit, "offset": offset, "folder": pool.store_path}
    return await answer(request, "sparql", accept, saved=name, values=values, page=page)


def _page(request: Request) -> tuple[int | None, int]:
    """limit= and offset= of a request: whole numbers (no limit when none is given)."""
    found = []
    for key in ("limit", "offset"):
        text = request.query_params.get(key, "")
        if text and not text.isdigit():
            raise KgError(f"{key} must be a whole number, got {text!r}")
        found.append(int(text) if text else None)
    return found[0], found[1] or 0


async def entity(request: Request) -> Response:
    """A Linked Data resource: HTML for a browser, Turtle, JSON-LD, N-Triples or RDF/XML for an RDF client."""
    iri = iri_for_path(request.url.path)
    if iri is None:
        return error(request, 404, f"nothing here: {request.url.path} is not under the base path {BASE_PATH}")
    accept = negotiate.accept_from(request.headers.get("accept"), request.query_params.get("format"))
    media = negotiate.choose(accept, ENTITY_OFFERS)
    if iri + "#" == str(KG):
        return await vocabulary(request, negotiate.choose(accept, [m for m in ENTITY_OFFERS
                                                                   if m not in negotiate.DATASETS]))
    pool = request.app.state.pool
    try:
        if media is None:
            if not await pool.run("exists", iri=iri):
                return error(request, 404, f"no entity {iri} in this graph")
            return PlainTextResponse("not acceptable: ask for one of " + ", ".join(ENTITY_OFFERS) + "\n",
                                     status_code=406)
        if media == negotiate.HTML:
            rows = await pool.run("page", iri=iri)
            if not rows["facts"] and not rows["incoming"]:
                return error(request, 404, f"no entity {iri} in this graph")
            view = entity_view(iri, rows["facts"], rows["incoming"], rows["provenance"], rows["meetings"])
            return _vary(render(request, "entity.html", {"e": view}))
        if not await pool.run("exists", iri=iri):
            return error(request, 404, f"no entity {iri} in this graph")
        job = "entity_quads" if media in negotiate.DATASETS else "describe"
        body = await pool.run(job, iri=iri, media=media, max_bytes=request.app.state.settings.max_bytes)
    except JobFailed as exc:
        return error(request, exc.status, exc.message)
    return _vary(Response(body, media_type=media))


async def vocabulary(request: Request, media: str | None) -> Response:
    """The kg: namespace document: its terms as a page, or the ontology graph as RDF."""
    if media is None:
        return PlainTextResponse("not acceptable: ask for one of " + ", ".join(ENTITY_OFFERS) + "\n", status_code=406)
    try:
        if media != negotiate.HTML:
            body = await request.app.state.pool.run("describe", iri=str(KG), media=media, graph=str(ONTOLOGY_GRAPH),
                                                    max_bytes=request.app.state.settings.max_bytes)
            return _vary(Response(body, media_type=media))
        rows = await _rows(request, "vocabulary")
    except JobFailed as exc:
        return error(request, exc.status, exc.message)
    terms = [{"name": r["term"][1][len(str(KG)):], "ja": r["label_ja"][1] if r["label_ja"] else "",
              "en": r["label_en"][1] if r["label_en"] else "", "comment": r["comment"][1] if r["comment"] else "",
              "type": r["type"][1] if r["type"] else ""} for r in rows]
    return _vary(render(request, "vocabulary.html", {"terms": terms, "ns": str(KG)}))


def _vary(response: Response) -> Response:
    response.headers["Vary"] = "Accept"
    return response
