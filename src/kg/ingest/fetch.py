"""Fetch release pages from the web into a folder that `kg build` reads: one URL in, the series out.

Each page is saved as served (bytes untouched) with its NAME.meta.json sidecar (see fetch_save).
With `follow`, the links of a page's related-releases block are fetched in turn (same site only,
up to `depth` hops, never one page twice) and those of its attachments block are saved, not read.
A URL that fails is reported and the run goes on; a failed fetch never replaces an earlier copy.
"""
from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlsplit, urlunsplit

from .. import gazetteer as gaz_mod
from ..errors import InputError, KgError
from .http import Client, FetchError, Response, Skip
from .links import Link, read_page, same_site
from .save import Place, attachment_place, clean_staging, commit, drop, page_place, stage, write_meta
from .read import read_source

HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass
class FetchOptions:
    into: Path = Path("releases")
    follow: bool = False  # follow the related-releases and attachments blocks
    depth: int = 3  # hops from a URL given
    since: dt.date | None = None  # leave out releases issued before this day
    delay: float = 1.0
    timeout: float = 30.0
    deadline: float = 120.0  # seconds one request may take in total
    retries: int = 2
    max_bytes: int = 20 * 1024 * 1024


@dataclass
class Outcome:
    url: str
    kind: str  # page | attachment
    result: str  # fetched | unchanged | skipped | failed
    status: int | None = None
    path: str | None = None
    message: str = ""
    failure: str | None = None  # dns, refused, timeout, connection, http, redirect-loop, not-html, too-large, unreadable
    depth: int = 0
    final_url: str | None = None


@dataclass
class FetchReport:
    outcomes: list[Outcome] = field(default_factory=list)
    requests: int = 0

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.result == "failed"]

    def count(self, kind: str, result: str) -> int:
        return sum(1 for o in self.outcomes if o.kind == kind and o.result == result)


@dataclass
class _Item:
    url: str
    kind: str
    depth: int
    origin: str  # the URL given that led here: followed links stay on its site


def fetch(urls: Iterable[str], options: FetchOptions, *, client: Client | None = None,
          progress: Callable[[Outcome, int, int], None] | None = None) -> FetchReport:
    """Fetch the URLs (and, with options.follow, their series); never raises for one bad URL."""
    return _Crawl(options, client or Client(delay=options.delay, timeout=options.timeout, deadline=options.deadline,
                                            retries=options.retries, max_bytes=options.max_bytes), progress).run(urls)


def canonical(url: str) -> str:
    """The form two spellings of one URL share: no #fragment, lower-case scheme and host, no default port."""
    parts = urlsplit(urldefrag(url.strip())[0])
    host = (parts.hostname or "").lower()
    if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)):
        host += f":{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))


class _Crawl:
    def __init__(self, options: FetchOptions, client: Client, progress):
        self.options, self.client, self.progress = options, client, progress
        self.seen: set[str] = set()
        self.queue: deque[_Item] = deque()
        self.report = FetchReport()
        self.later: list[Outcome] = []  # links left alone, reported after the page that has them
        self._gazetteer = None

    def run(self, urls: Iterable[str]) -> FetchReport:
        into = self.options.into
        into.mkdir(parents=True, exist_ok=True)
        clean_staging(into)
        for url in urls:
            self._enqueue(_Item(urldefrag(url.strip())[0], "page", 0, url))
        try:
            while self.queue:
                self._record(self._visit(self.queue.popleft()))
                while self.later:
                    self._record(self.later.pop(0))
        finally:
            clean_staging(into)
            self.report.requests = self.client.requests
        return self.report

    def _enqueue(self, item: _Item) -> None:
        key = canonical(item.url)
        if key not in self.seen:
            self.seen.add(key)
            self.queue.append(item)

    def _record(self, outcome: Outcome) -> None:
        self.report.outcomes.append(outcome)
        if self.progress:
            self.progress(outcome, len(self.report.outcomes), len(self.report.outcomes) + len(self.queue))

    def _visit(self, item: _Item) -> Outcome:
        place = (page_place if item.kind == "page" else attachment_place)(self.options.into, item.url)
        previous = place.previous()
        outcome = Outcome(item.url, item.kind, "failed", depth=item.depth)
        try:
            resp = self.client.get(item.url, _conditional(previous), check=self._hop_check(item))
        except Skip as why:
            outcome.result, outcome.message = "skipped", str(why)
            return outcome
        except FetchError as exc:
            outcome.message, outcome.failure = exc.message, exc.kind
            return outcome
        self.seen.add(canonical(resp.final_url))
        outcome.status, outcome.final_url = resp.status, resp.final_url
        if not item.depth:
            item.origin = resp.final_url  # a URL given may redirect to the site proper: its links stay there
        try:
            if resp.status == 304 and previous:
                return self._unchanged(item, place, previous, resp, outcome)
            if resp.status != 200:
                outcome.failure, outcome.message = "http", _status_message(resp)
                return outcome
            return (self._new_page if item.kind == "page" else self._new_attachment)(item, place, resp, outcome)
        except KgError as exc:
            outcome.failure = outcome.failure or "unreadable"
            outcome.message = exc.message
            return outcome

    def _hop_check(self, item: _Item) -> Callable[[str], None]:
        def check(target: str) -> None:
            if canonical(target) in self.seen:
                raise Skip(f"redirects to {target}, fetched already")
            if item.depth and not same_site(target, item.origin):
                raise Skip(f"redirects to another site ({target})")
            self.seen.add(canonical(target))
        return check

    def _unchanged(self, item: _Item, place: Place, previous: dict, resp: Response, outcome: Outcome) -> Outcome:
        """304: the saved copy stands; the sidecar only learns when it was checked."""
        previous["checked"] = _now()
        for key, header in (("etag", "ETag"), ("last_modified", "Last-Modified")):
            previous[key] = resp.headers.get(header) or previous.get(key)
        write_meta(place, previous)
        outcome.result, outcome.path = "unchanged", str(place.body)
        if item.kind == "page":
            self._follow(item, read_page(read_source(place.body), self._gaz()).links)
        return outcome

    def _new_page(self, item: _Item, place: Place, resp: Response, outcome: Outcome) -> Outcome:
        if not _is_html(resp):
            outcome.failure = "not-html"
            outcome.message = f"not an HTML page ({resp.content_type or 'no Content-Type'})"
            return outcome
        meta = _meta(resp)
        staged = stage(self.options.into, place, resp.body, meta)
        try:
            source = read_source(staged.body, strict=True)
        except InputError as exc:
            drop(staged)
            declared = f" (the server declared charset={resp.charset})" if resp.charset else ""
            outcome.failure, outcome.message = "unreadable", exc.message + declared
            return outcome
        page = read_page(source, self._gaz())
        since = self.options.since
        if since and page.issued and page.issued < since and item.depth:
            drop(staged)
            outcome.result, outcome.message = "skipped", f"issued {page.issued}, before {since}"
            return outcome
        meta["decoded_as"] = source.encoding
        meta["related"] = [link.url for link in page.links if link.kind == "related"]
        meta["attachments"] = [link.url for link in page.links if link.kind == "attachment"]
        write_meta(staged, meta)
        commit(staged, place)
        outcome.result, outcome.path = "fetched", str(place.body)
        outcome.message = page.problem or ""
        self._follow(item, page.links)
        return outcome

    def _new_attachment(self, item: _Item, place: Place, resp: Response, outcome: Outcome) -> Outcome:
        if _is_html(resp):  # kept out of DIR: `kg build DIR` would take it for a release
            outcome.result, outcome.message = "skipped", "an HTML page, not a document: not saved as an attachment"
            return outcome
        if not urlsplit(item.url).path.rsplit("/", 1)[-1].count("."):
            place = attachment_place(self.options.into, item.url, resp.content_type)
        commit(stage(self.options.into, place, resp.body, _meta(resp)), place)
        outcome.result, outcome.path = "fetched", str(place.body)
        return outcome

    def _follow(self, item: _Item, links: list[Link]) -> None:
        if not self.options.follow:
            return
        for link in links:
            if canonical(link.url) in self.seen:
                continue
            why = self._why_not(item, link)
            if why:
                self.seen.add(canonical(link.url))
                self.later.append(Outcome(link.url, "page" if link.kind == "related" else "attachment", "skipped",
                                     message=why, depth=item.depth + 1))
                continue
            self._enqueue(_Item(link.url, "page" if link.kind == "related" else "attachment",
                                item.depth + 1, item.origin))

    def _why_not(self, item: _Item, link: Link) -> str | None:
        if not same_site(link.url, item.origin):
            return "on another site"
        if link.kind == "attachment" and link.url.lower().endswith((".html", ".htm")):
            return "an HTML page, not a document: not saved as an attachment"
        if link.kind == "related" and item.depth >= self.options.depth:
            return f"deeper than --depth {self.options.depth}"
        if link.kind == "related" and self.options.since and link.issued and link.issued < self.options.since:
            return f"issued {link.issued}, before {self.options.since}"
        return None

    def _gaz(self):
        if self._gazetteer is None:
            self._gazetteer = gaz_mod.load()
        return self._gazetteer


def _conditional(previous: dict) -> dict:
    headers = {}
    if previous.get("etag"):
        headers["If-None-Match"] = previous["etag"]
    if previous.get("last_modified"):
        headers["If-Modified-Since"] = previous["last_modified"]
    return headers


def _is_html(resp: Response) -> bool:
    if resp.content_type:
        return resp.content_type in HTML_TYPES
    return resp.body[:1024].lstrip().lower().startswith((b"<!doctype html", b"<html"))


def _meta(resp: Response) -> dict:
    import hashlib

    return {"url": resp.final_url, "requested_url": resp.url, "final_url": resp.final_url,
            "retrieved": _now(), "status": resp.status, "content_type": resp.content_type or None,
            "charset": resp.charset, "etag": resp.headers.get("ETag"),
            "last_modified": resp.headers.get("Last-Modified"), "content_encoding": resp.headers.get("Content-Encoding"),
            "bytes": len(resp.body),
            "sha256": hashlib.sha256(resp.body).hexdigest()}


def _status_message(resp: Response) -> str:
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(resp.status).phrase
    except ValueError:
        phrase = "unknown status"
    tries = f" after {resp.tries} tries" if resp.tries > 1 else ""
    return f"HTTP {resp.status} {phrase}{tries}"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
