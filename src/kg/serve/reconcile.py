"""A Reconciliation Service API (W3C Entity Reconciliation Community Group, API 0.2) at /reconcile,
for OpenRefine and other tools that match a spreadsheet's names to the graph's entities.

    GET  /reconcile                              the service manifest
    GET  /reconcile?queries={"q0": {...}}        a batch of queries (also POSTed as a form)
    GET  /reconcile/preview?id=org/jp-mic        a small HTML card of one candidate
    GET  /reconcile/suggest/entity?prefix=総務   entities for auto-completion (also type, property)

Entity IDs are the IRIs' paths under the base (identifierSpace + id = the IRI), so the `view`
URL is the entity's page on this server. A `callback` parameter wraps any JSON answer as JSONP.
The candidates and their scores come from reconcile_index.py, in a query worker.
"""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from ..config import BASE
from .html import render
from .pool import JobFailed
from .reconcile_index import TYPES
from .sparql import BadRequest, read_body

_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")


def manifest(root: str) -> dict:
    """The service manifest, with the URLs of this server (`root` ends in /)."""
    return {
        "versions": ["0.2"],
        "name": "kg: organisations and meetings of government press releases",
        "identifierSpace": BASE,
        "schemaSpace": BASE + "ns#",
        "defaultTypes": [{"id": t, "name": t} for t in TYPES],
        "view": {"url": root + "{{id}}"},
        "preview": {"url": root + "reconcile/preview?id={{id}}", "width": 420, "height": 160},
        "suggest": {kind: {"service_url": root.rstrip("/"), "service_path": f"/reconcile/suggest/{kind}"}
                    for kind in ("entity", "type", "property")},
        "batchSize": 50,
    }


def answer(request: Request, data, status: int = 200) -> Response:
    """JSON, or JSONP when the request names a callback."""
    callback = request.query_params.get("callback")
    if callback:
        if not _CALLBACK.match(callback):
            return PlainTextResponse("a callback must be a JavaScript identifier\n", status_code=400)
        body = f"/**/{callback}({json.dumps(data, ensure_ascii=False)});"
        return Response(body, status_code=status, media_type="application/javascript")
    return JSONResponse(data, status_code=status)


def root_url(request: Request) -> str:
    return str(request.base_url)


async def params(request: Request) -> dict[str, str]:
    found = dict(request.query_params)
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("application/x-www-form-urlencoded", ""):
            raise BadRequest(415, "POST the queries as a form (application/x-www-form-urlencoded)")
        body = (await read_body(request, request.app.state.settings.max_query)).decode("utf-8", "replace")
        found.update(parse_qsl(body, keep_blank_values=True))
    return found


def batch_of(found: dict[str, str]) -> dict | None:
    """The queries of a request: `queries` (a JSON object of queries), or one `query` (a string or a
    JSON query) answered as the key "q0"; None for a manifest request."""
    if "queries" in found:
        try:
            queries = json.loads(found["queries"])
        except json.JSONDecodeError as exc:
            raise BadRequest(400, f"queries is not JSON: {exc}") from None
        if not isinstance(queries, dict) or not queries:
            raise BadRequest(400, "queries must be a JSON object of queries, such as "
                                  '{"q0": {"query": "総務省", "type": "Organization"}}')
        if len(queries) > 50:
            raise BadRequest(413, "at most 50 queries in one batch (the manifest's batchSize)")
        return queries
    if "query" in found:
        text = found["query"]
        try:
            single = json.loads(text)
        except json.JSONDecodeError:
            single = text
        return {"q0": single if isinstance(single, dict) else {"query": str(single)}}
    return None


async def service(request: Request) -> Response:
    try:
        batch = batch_of(await params(request))
    except BadRequest as exc:
        return answer(request, {"error": exc.message}, exc.status)
    if batch is None:
        return answer(request, manifest(root_url(request)))
    try:
        result = await request.app.state.pool.run("reconcile", queries=batch)
    except JobFailed as exc:
        return answer(request, {"error": exc.message}, exc.status)
    if "query" in request.query_params and "queries" not in request.query_params:
        result = result["q0"]  # the single-query form answers with one result list
    return answer(request, result)


async def suggest(request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind not in ("entity", "type", "property"):
        return answer(request, {"error": f"no suggest service {kind!r}: entity, type or property"}, 404)
    prefix = request.query_params.get("prefix", "")
    try:
        result = await request.app.state.pool.run("suggest", kind=kind, prefix=prefix,
                                                  type=request.query_params.get("type") or None)
    except JobFailed as exc:
        return answer(request, {"error": exc.message}, exc.status)
    return answer(request, result)


async def preview(request: Request) -> Response:
    id_ = request.query_params.get("id", "")
    try:
        found = await request.app.state.pool.run("preview", id=id_) if id_ else None
    except JobFailed as exc:
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)
    if found is None:
        return render(request, "reconcile-preview.html", {"e": None, "id": id_}, 404)
    return render(request, "reconcile-preview.html", {"e": found, "link": root_url(request) + found["id"]})
