"""The web application: routes, a guard against odd requests, the worker pool's life cycle.

    app = create_app(Settings(store="store"))   # then serve it with uvicorn
"""
from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from . import gsp, pages, reconcile, snapshot, sparql
from .entity import curie, href, short
from .pool import WorkerPool

HERE = Path(__file__).parent


@dataclass
class Settings:
    store: str
    timeout: float = 10.0           # seconds a query may run before its worker is killed
    max_bytes: int = 16 << 20       # the largest answer sent
    workers: int = 2                # query worker processes
    max_query: int = 64 << 10       # the largest query accepted in a POST body
    max_url: int = 8 << 10          # the longest path plus query string accepted
    html_rows: int = 1000           # rows shown in an HTML results table
    allow_service: bool = False     # let queries call other endpoints (SERVICE)
    queue: int = 256                # requests that may wait for a free worker at once (then 503)


class Guard:
    """Refuses odd requests before routing: dot segments and control characters (400), long URLs (414)."""

    def __init__(self, app, max_url: int):
        self.app = app
        self.max_url = max_url

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            problem = self.problem(scope)
            if problem:
                await PlainTextResponse(problem[1] + "\n", status_code=problem[0])(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def problem(self, scope) -> tuple[int, str] | None:
        raw = scope.get("raw_path") or scope["path"].encode("utf-8")
        if len(raw) + len(scope.get("query_string", b"")) > self.max_url:
            return 414, f"the URL is longer than {self.max_url} bytes; POST a long query to /sparql instead"
        try:
            unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return 400, "the path is not UTF-8 once its %-escapes are decoded"
        path = unquote(raw.decode("latin-1"))
        if any(seg in (".", "..") for seg in path.split("/")):
            return 400, "a path with '.' or '..' segments is not allowed"
        if any(ch in path for ch in "\\\x00") or any(ord(ch) < 32 for ch in path):
            return 400, "a path with a backslash or a control character is not allowed"
        return None


def create_app(settings: Settings) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app):
        served, why = snapshot.make(Path(settings.store))
        if served is None:
            print(f"warning: serving the store as it is, with the build's bookkeeping graph: no snapshot "
                  f"could be made ({why})", file=sys.stderr)
        app.state.pool = WorkerPool(str(served or settings.store), settings.workers, settings.timeout,
                                    allow_service=settings.allow_service, queue=settings.queue)
        try:
            await app.state.pool.start()
            for note in app.state.pool.notes:
                print(f"warning: the query workers can reach the network ({note}); SERVICE is still refused "
                      "by the parsed query", file=sys.stderr)
            yield
        finally:
            await app.state.pool.stop()
            snapshot.remove(served)

    routes = [
        Route("/", pages.home),
        Route("/sparql", sparql.endpoint, methods=["GET", "POST"]),
        Route("/queries/{name}", pages.saved_query),
        Route("/store", gsp.store, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        Route("/reconcile", reconcile.service, methods=["GET", "POST"]),
        Route("/reconcile/preview", reconcile.preview),
        Route("/reconcile/suggest/{kind}", reconcile.suggest),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        Route("/{path:path}", pages.entity),
    ]
    middleware = [Middleware(Guard, max_url=settings.max_url),
                  Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                             allow_headers=["Accept", "Content-Type", "Authorization"])]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.settings = settings
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.templates.env.globals.update(curie=curie, short=short, href=href, input_types=pages.INPUT_TYPES)
    return app
