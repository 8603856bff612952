"""Polite HTTP for `kg fetch`: robots.txt, a pause between requests to one host, retries, limits.

`Client.get(url)` answers a `Response` for any HTTP status it ends on (200, 304, 404 ...), after
following redirects itself (so that a loop is seen and every hop can be vetted), and raises
`FetchError` for what gives no answer: DNS, a refused connection, a timeout, a redirect loop,
a body over the size limit. Built on the standard library's urllib: nothing to install.
"""
from __future__ import annotations

import email.utils
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from ..config import VERSION
from ..errors import EndpointError

USER_AGENT = (f"kg-fetch/{VERSION} (+https://kg.example.org/; builds a knowledge graph of government "
              f"press releases; one page at a time, honours robots.txt)")
REDIRECTS = {301, 302, 303, 307, 308}
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 10
ROBOTS_MAX_BYTES = 512 * 1024
MAX_WAIT = 60.0  # the longest pause a Retry-After or Crawl-delay may impose, in seconds


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


@dataclass
class Client:
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 30.0
    retries: int = 2  # further tries after a 5xx, 429, timeout or dropped connection
    max_bytes: int = 20 * 1024 * 1024
    user_agent: str = USER_AGENT
    requests: int = 0  # requests sent, robots.txt included
    _last: dict = field(default_factory=dict)  # host -> time.monotonic() of the last request
    _robots: dict = field(default_factory=dict)  # host -> RobotFileParser, or the FetchError that barred it
    _opener: urllib.request.OpenerDirector = field(default_factory=lambda: urllib.request.build_opener(_NoRedirects))

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
        if not rules.can_fetch(self.user_agent, url):
            raise Skip(getattr(rules, "kg_note", None) or f"robots.txt of {host} disallows it")

    def _read_robots(self, host: str) -> RobotFileParser | FetchError:
        """RFC 9309: a 4xx means no rules; a 5xx or no answer means keep away."""
        rules = RobotFileParser(host + "/robots.txt")
        try:
            resp = self.get(host + "/robots.txt", check=_same_host(host), max_bytes=ROBOTS_MAX_BYTES, robots=False)
        except (FetchError, Skip) as exc:
            if isinstance(exc, FetchError) and exc.kind in ("dns", "refused", "timeout", "connection", "tls"):
                return exc
            resp = None
        if resp is not None and resp.status == 200:
            rules.parse(resp.body.decode("utf-8", errors="replace").splitlines())
        elif resp is not None and 400 <= resp.status < 500:
            rules.allow_all = True
        else:
            rules.disallow_all = True
            answer = f"HTTP {resp.status}" if resp is not None else "no usable answer"
            rules.kg_note = f"robots.txt of {host} could not be read ({answer}): keeping away from the host"
        wait = rules.crawl_delay(self.user_agent)
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
        try:
            with _open(self._opener, request, self.timeout, url) as raw:
                return Response(url, url, raw.status, raw.headers, _read(raw, max_bytes, url))
        except (TimeoutError, socket.timeout) as exc:
            raise FetchError(f"timed out after {self.timeout:g} s", kind="timeout", where=url, retryable=True) from exc
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            raise FetchError(f"the connection broke ({exc})", kind="connection", where=url, retryable=True) from exc


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
