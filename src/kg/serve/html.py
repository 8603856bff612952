"""Rendering a page from its template, an error page, the query box and a query's results as HTML."""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from . import negotiate

EXAMPLE_QUERY = """PREFIX schema: <https://schema.org/>
PREFIX cv: <http://data.europa.eu/m8g/>
SELECT ?meeting ?name ?ordinal ?start WHERE {
  ?meeting a schema:Event ; schema:name ?name .
  OPTIONAL { ?meeting cv:eventNumber ?ordinal }
  OPTIONAL { ?meeting schema:startDate ?start }
}
ORDER BY ?start
LIMIT 100"""

def render(request: Request, name: str, context: dict, status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def error(request: Request, status: int, message: str) -> Response:
    """An error page (or line); a busy server (503) tells the client when to come back (Retry-After)."""
    if negotiate.choose(request.headers.get("accept"), [negotiate.HTML, "text/plain"]) == negotiate.HTML:
        response = render(request, "error.html", {"status": status, "message": message}, status)
    else:
        response = PlainTextResponse(message + "\n", status_code=status)
    if status == 503:
        response.headers["Retry-After"] = "5"
    return response


def query_page(request: Request) -> Response:
    return render(request, "query.html", {"example": EXAMPLE_QUERY})


def results_page(request: Request, result: tuple, job: dict) -> Response:
    context = {"kind": result[0], "query": job.get("query", ""), "saved": job.get("saved"),
               "values": job.get("values") or {}}
    if result[0] == "rows":
        context.update(variables=result[1], rows=result[2], truncated=result[3],
                       limit=request.app.state.settings.html_rows)
        page = job.get("page")
        if page is not None:  # a saved query, a page at a time: the links to the pages before and after
            size = page["limit"] if page["limit"] is not None else request.app.state.settings.html_rows
            shown = min(len(result[2]), size)
            base = {**context["values"], "limit": size}
            context.update(first=page["offset"] + 1, last=page["offset"] + shown,
                           previous=urlencode({**base, "offset": max(0, page["offset"] - size)})
                           if page["offset"] else None,
                           next=urlencode({**base, "offset": page["offset"] + shown})
                           if result[3] or (page["limit"] is not None and shown == size) else None)
    elif result[0] == "boolean":
        context["boolean"] = result[1]
    else:
        context["turtle"] = result[1]
    return render(request, "results.html", context)
