"""Polite HTTP for `kg fetch`: robots.txt, a pause between requests to one host, retries, limits.

`Client.get(url)` answers a `Response` for any HTTP status it ends on (200, 304, 404 ...), after
following redirects itself (so that a loop is seen and every hop can be vetted), and raises
`FetchError` for what gives no answer: DNS, a refused connection, a timeout, a redirect loop,
a body over the size limit. Built on the standard library's urllib.

Two limits on time: `timeout`, the longest wait for the network to answer at all (each read),
and `deadline`, the longest one request may take in total, so that a server that drips a byte
every half second cannot keep `kg fetch` waiting forever: when it passes, the connection is
shut down from a timer. robots.txt is read with Protego, which knows RFC 9309's `*` and `$`
wildcards (`Disallow: /*.pdf$`); the standard library's parser ignores them.
"""
from __future__ import annotations

import email.utils
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

from protego import Protego

from ..config import VERSION
from ..errors import EndpointError

USER_AGENT = (f"kg-fetch/{VERSION} (+https://kg.example.org/; builds a knowledge graph of government "
              f"press releases; one page at a time, honours robots.txt)")
REDIRECTS = {301, 302, 303, 307, 308}
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 10
ROBOTS_MAX_BYTES = 512 * 1024
MAX_WAIT = 60.0  # the longest pause a Retry-After or Crawl-delay may impose, in seconds
ROBOT_NAME = "kg-fetch"  # the product token robots.txt groups are matched against


class FetchError(EndpointError):
    """A URL that gave no usable answer. `kind` names the failure: dns, refused, timeout ..."""

    def __init__(self, message: str, *, kind: str, where: str | None = None, retryable: bool = False):
        self.kind, self.retryable = kind, retryable
        super().__init__(message, where=where)


class Skip(Exception):
    """A hop that is not to be requested (robots.txt, another site, a page fetched already)."""


@dataclass
class Response:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: Message
    body: bytes = b""
    tries: int = 1
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type() if self.headers.get("Content-Type") else ""

    @property
    def charset(self) -> str | None:
        return self.headers.get_content_charset() if self.headers.get("Content-Type") else None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # urllib then hands the 3xx back as an HTTPError; Client.get follows it


class _Deadline:
    """The sockets of one request, shut down from a timer when the request's time is up."""

    def __init__(self):
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.lock = threading.Lock()

    def watch(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def fire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Watched:
    """Connection classes that hand their socket to the request's deadline once connected."""

    def __init__(self):
        self.deadline = _Deadline()

    def connection(self, base):
        watched = self

        class Connection(base):
            def connect(self):
                super().connect()
                watched.deadline.watch(self.sock)
        return Connection


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, watched: _Watched):
        super().__init__()
        self.watched = watched

    def http_open(self, req):
        return self.do_open(self.watched.connection(http.client.HTTPConnection), req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def __init__(self, watched: _Watched):
        super().__init__()
        self.watched = watched

    def https_open(self, req):
        return self.do_open(self.watched.connection(http.client.HTTPSConnection), req,
                            context=self._context)


class _Robots:
    """A host's robots.txt rules (Protego), or all allowed / all forbidden."""

    def __init__(self, rules: Protego | None = None, allow_all: bool = False, note: str | None = None):
        self.rules, self.allow_all, self.note = rules, allow_all, note

    def can_fetch(self, url: str) -> bool:
        if self.rules is None:
            return self.allow_all
        return self.rules.can_fetch(url, ROBOT_NAME)

    def crawl_delay(self) -> float | None:
        return self.rules.crawl_delay(ROBOT_NAME) if self.rules is not None else None


@dataclass
class Client:
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 30.0  # seconds to wait for the network to answer at all
    deadline: float = 120.0  # seconds one request may take in total
    retries: int = 2  # further tries after a 5xx, 429, timeout or dropped connection
    max_bytes: int = 20 * 1024 * 1024
    user_agent: str = USER_AGENT
    requests: int = 0  # requests sent, robots.txt included
    _last: dict = field(default_factory=dict)  # host -> time.monotonic() of the last request
    _robots: dict = field(default_factory=dict)  # host -> _Robots, or the FetchError that barred it
    _watched: _Watched = field(default_factory=_Watched)
    _opener: urllib.request.OpenerDirector | None = None

    def __post_init__(self):
        if self._opener is None:
            self._opener = urllib.request.build_opener(_NoRedirects, _HttpHandler(self._watched),
                                                       _HttpsHandler(self._watched))

    def get(self, url: str, headers: dict | None = None, *, check: Callable[[str], None] | None = None,
            max_bytes: int | None = None, robots: bool = True) -> Response:
        """Request `url`, following redirects; `check(next_url)` may raise Skip to stop at a hop.

        Every hop is checked against its host's robots.txt first (Skip when it is disallowed).
        """
        chain, current = [url], url
        if robots:
            self.ensure_allowed(url)
        while True:
            resp = self._with_retries(current, headers or {}, max_bytes or self.max_bytes)
            if resp.status not in REDIRECTS:
                resp.url, resp.redirects = url, chain[1:]
                return resp
            target = resp.headers.get("Location")
            if not target:
                raise FetchError(f"redirect ({resp.status}) without a Location", kind="redirect", where=current)
            target = urljoin(current, target.strip())
            if target in chain or len(chain) > MAX_REDIRECTS:
                raise FetchError("redirect loop: " + " -> ".join(chain + [target]), kind="redirect-loop", where=url)
            if check:
                check(target)
            if robots:
                self.ensure_allowed(target)
            chain.append(target)
            current = target

    def ensure_allowed(self, url: str) -> None:
        """Raise Skip when robots.txt of the URL's host forbids it (or the host could not be reached)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("not an http(s) URL", kind="bad-url", where=url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            self._robots[host] = self._read_robots(host)
        rules = self._robots[host]
        if isinstance(rules, FetchError):
            raise FetchError(rules.message, kind=rules.kind, where=url)
        if not rules.can_fetch(url):
            raise Skip(rules.note or f"robots.txt of {host} disallows it")

    def _read_robots(self, host: str) -> _Robots | FetchError:
        """RFC 9309: a 4xx means no rules; a 5xx or no answer means keep away."""
        try:
            resp = self.get(host + "/robots.txt", check=_same_host(host), max_bytes=ROBOTS_MAX_BYTES, robots=False)
        except (FetchError, Skip) as exc:
            if isinstance(exc, FetchError) and exc.kind in ("dns", "refused", "timeout", "connection", "tls"):
                return exc
            resp = None
        if resp is not None and resp.status == 200:
            rules = _Robots(Protego.parse(resp.body.decode("utf-8", errors="replace")))
        elif resp is not None and 400 <= resp.status < 500:
            rules = _Robots(allow_all=True)
        else:
            answer = f"HTTP {resp.status}" if resp is not None else "no usable answer"
            rules = _Robots(note=f"robots.txt of {host} could not be read ({answer}): keeping away from the host")
        wait = rules.crawl_delay()
        if wait:
            self._last[host + "#delay"] = min(float(wait), MAX_WAIT)
        return rules

    def _with_retries(self, url: str, headers: dict, max_bytes: int) -> Response:
        for attempt in range(self.retries + 1):
            self._pause(url)
            try:
                resp = self._once(url, headers, max_bytes)
            except FetchError as exc:
                if not exc.retryable or attempt == self.retries:
                    exc.message += f" (after {attempt + 1} tries)" if attempt else ""
                    raise
                self._back_off(attempt, None)
                continue
            resp.tries = attempt + 1
            if resp.status not in RETRY_STATUSES or attempt == self.retries:
                return resp
            self._back_off(attempt, resp.headers.get("Retry-After"))
        raise AssertionError("unreachable")

    def _pause(self, url: str) -> None:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        delay = max(self.delay, self._last.get(host + "#delay", 0.0))
        wait = self._last.get(host, float("-inf")) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def _back_off(self, attempt: int, retry_after: str | None) -> None:
        """Wait 2, 4, 8 ... times the delay, or what Retry-After asks (up to a minute)."""
        wait = self.delay * 2 ** (attempt + 1)
        if retry_after:
            wait = max(wait, _seconds(retry_after))
        time.sleep(min(wait, MAX_WAIT))

    def _once(self, url: str, headers: dict, max_bytes: int) -> Response:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*",
                                                              "Accept-Encoding": "gzip", **headers})
        self.requests += 1
        deadline = self._watched.deadline = _Deadline()
        timer = threading.Timer(self.deadline, deadline.fire)
        timer.daemon = True
        timer.start()
        try:
            with _open(self._opener, request, self.timeout, url) as raw:
                resp = Response(url, url, raw.status, raw.headers, _read(raw, max_bytes, url))
        except (TimeoutError, socket.timeout, ConnectionError, http.client.HTTPException, OSError, FetchError) as exc:
            if deadline.expired:
                raise FetchError(f"took longer than the limit of {self.deadline:g} s in total", kind="timeout",
                                 where=url) from exc
            if isinstance(exc, FetchError):
                raise
            if isinstance(exc, (TimeoutError, socket.timeout)):
                raise FetchError(f"timed out after {self.timeout:g} s", kind="timeout", where=url,
                                 retryable=True) from exc
            raise FetchError(f"the connection broke ({exc})", kind="connection", where=url, retryable=True) from exc
        finally:
            timer.cancel()
        if deadline.expired:  # the body was cut by the deadline and looked complete
            raise FetchError(f"took longer than the limit of {self.deadline:g} s in total", kind="timeout", where=url)
        return resp


def _open(opener, request, timeout: float, url: str):
    try:
        return opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        return exc  # an answer all the same: 304, 3xx, 404, 5xx
    except urllib.error.URLError as exc:
        raise _network_error(exc.reason, url) from exc
    except UnicodeError as exc:
        raise FetchError(f"bad host name ({exc})", kind="dns", where=url) from exc
    except ValueError as exc:
        raise FetchError(str(exc), kind="bad-url", where=url) from exc


def _network_error(reason, url: str) -> FetchError:
    if isinstance(reason, socket.gaierror):
        return FetchError(f"cannot resolve the host name ({reason.strerror})", kind="dns", where=url)
    if isinstance(reason, ConnectionRefusedError):
        return FetchError("the connection was refused", kind="refused", where=url)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return FetchError("timed out while connecting", kind="timeout", where=url, retryable=True)
    if isinstance(reason, ssl.SSLError):
        return FetchError(f"TLS failed ({reason})", kind="tls", where=url)
    return FetchError(f"cannot connect ({reason})", kind="connection", where=url, retryable=True)


def _read(raw, max_bytes: int, url: str) -> bytes:
    declared = raw.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the body is {int(declared)} bytes, over the limit of {max_bytes}", kind="too-large",
                         where=url)
    body = raw.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise FetchError(f"the body is over the limit of {max_bytes} bytes", kind="too-large", where=url)
    if declared.isdigit() and len(body) < int(declared):
        raise FetchError(f"the body was cut short ({len(body)} of {declared} bytes)", kind="connection", where=url,
                         retryable=True)
    coding = raw.headers.get("Content-Encoding", "").strip().lower()
    return _gunzip(body, max_bytes, url) if coding in ("gzip", "x-gzip") else body


def _gunzip(body: bytes, max_bytes: int, url: str) -> bytes:
    """The body as the server had it before compressing it for the wire, within the size limit."""
    inflate = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        data = inflate.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FetchError(f"the gzip body is damaged ({exc})", kind="connection", where=url, retryable=True) from exc
    if len(data) > max_bytes:
        raise FetchError(f"the body unpacks to over the limit of {max_bytes} bytes", kind="too-large", where=url)
    return data


def _seconds(retry_after: str) -> float:
    if retry_after.strip().isdigit():
        return float(retry_after.strip())
    try:
        when = email.utils.parsedate_to_datetime(retry_after)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())


def _same_host(host: str) -> Callable[[str], None]:
    def check(url: str) -> None:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != host:
            raise Skip(f"robots.txt redirects to another host ({url})")
    return check
