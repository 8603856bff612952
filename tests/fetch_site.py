"""A real HTTP server on 127.0.0.1 serving tests/fixtures/site for the `kg fetch` tests.

Pages are templates: "{{BASE}}" becomes http://127.0.0.1:PORT. Static files answer with an ETag
and a Last-Modified, and 304 to a matching If-None-Match. /old/... redirects (301) to the same
path under /menu_news/. A test can give a path its own behaviour (`site.on(path, fn)`) to answer
5xx, loop, stall, send too much, or send another type; the helpers below build those.
Every request is recorded (path, headers, the status answered).
"""
from __future__ import annotations

import gzip
import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).parent / "fixtures" / "site"
NEWS = "/menu_news/s-news/"
SERIES = [NEWS + f"01kokusai05_020000{n}.html" for n in ("11", "23", "35", "47")]  # oldest first
PDF = "/main_content/000951234.pdf"
LAST_MODIFIED = "Fri, 14 Jun 2024 08:00:00 GMT"
# How the site labels its files: r2 declares Shift_JIS in a meta tag only, r3 in the header only.
CONTENT_TYPES = {SERIES[1]: "text/html", SERIES[2]: "text/html; charset=Shift_JIS"}
TYPES = {".html": "text/html; charset=UTF-8", ".pdf": "application/pdf", ".txt": "text/plain; charset=UTF-8"}


class Site:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.site = self
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.log: list[list] = []  # [path, headers, status answered]
        self.behaviours: dict = {}
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def on(self, path: str, behaviour) -> None:
        self.behaviours[path] = behaviour

    def body(self, path: str) -> bytes | None:
        """The bytes the site serves for a static path (templates filled in), or None."""
        file = (ROOT / path.lstrip("/")).resolve()
        if ROOT.resolve() not in file.parents or not file.is_file():
            return None
        return file.read_bytes().replace(b"{{BASE}}", self.base.encode("ascii"))

    def count(self, path: str) -> int:
        return sum(1 for p, _, _ in self.log if p == path)

    def statuses(self, path: str) -> list[int]:
        return [s for p, _, s in self.log if p == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802
        site: Site = self.server.site
        path = urlsplit(self.path).path
        self.status_sent = 0
        entry = [path, dict(self.headers), 0]  # the status is filled in once answered
        with site.lock:
            site.log.append(entry)
        try:
            behaviour = site.behaviours.get(path)
            if behaviour:
                behaviour(self)
            elif path.startswith("/old/"):
                self.answer(301, b"", {"Location": site.base + "/menu_news/" + path[len("/old/"):]})
            else:
                self.serve_static(path)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            entry[2] = self.status_sent

    def serve_static(self, path: str) -> None:
        body = self.server.site.body(path)
        if body is None:
            self.answer(404, b"<html><body><p>Not Found</p></body></html>", {"Content-Type": "text/html"})
            return
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED,
                   "Content-Type": CONTENT_TYPES.get(path) or TYPES.get(Path(path).suffix, "application/octet-stream")}
        if self.headers.get("If-None-Match") == etag:
            self.answer(304, b"", {"ETag": etag})
            return
        self.answer(200, body, headers)

    def answer(self, status: int, body: bytes, headers: dict, length: int | None = None) -> None:
        self.status_sent = status
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


# Behaviours a test gives a path.

def status(code: int):
    def behaviour(h: _Handler):
        h.answer(code, b"<html><body>error</body></html>", {"Content-Type": "text/html"})
    return behaviour


def failing_then(times: int, code: int = 503):
    """`times` answers of `code`, then the static file."""
    left = [times]

    def behaviour(h: _Handler):
        if left[0] > 0:
            left[0] -= 1
            h.answer(code, b"busy", {"Content-Type": "text/plain", "Retry-After": "0"})
        else:
            h.serve_static(urlsplit(h.path).path)
    return behaviour


def redirect(to: str, code: int = 302):
    def behaviour(h: _Handler):
        h.answer(code, b"", {"Location": to})
    return behaviour


def slow(seconds: float):
    def behaviour(h: _Handler):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(0.05)
        h.serve_static(urlsplit(h.path).path)
    return behaviour


def huge(size: int, declare: bool = True):
    """A body of `size` bytes, with its Content-Length or (declare=False) sent until the socket closes."""
    def behaviour(h: _Handler):
        h.status_sent = 200
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if declare:
            h.send_header("Content-Length", str(size))
        else:
            h.send_header("Connection", "close")
            h.close_connection = True
        h.end_headers()
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        sent = 0
        while sent < size:
            h.wfile.write(chunk[:size - sent])
            sent += len(chunk)
    return behaviour


def typed(content_type: str, body: bytes):
    def behaviour(h: _Handler):
        h.answer(200, body, {"Content-Type": content_type})
    return behaviour


def gzipped(body: bytes):
    """`body` compressed for the wire (Content-Encoding: gzip)."""
    def behaviour(h: _Handler):
        h.answer(200, gzip.compress(body), {"Content-Type": "text/html; charset=UTF-8", "Content-Encoding": "gzip"})
    return behaviour


def truncated(declared: int, body: bytes):
    """Promise `declared` bytes, send fewer, and hang up."""
    def behaviour(h: _Handler):
        h.close_connection = True
        h.answer(200, body, {"Content-Type": "text/html", "Connection": "close"}, length=declared)
    return behaviour
