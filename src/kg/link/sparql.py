"""Asking a remote SPARQL endpoint (by default the Wikidata query service), politely and reproducibly.

Every answer is cached on disk, keyed by the endpoint and the query text, so a second run with the
same queries makes no request and gives the same result (the time recorded is the time of the
first answer). Requests send a descriptive User-Agent, time out, and honour 429 with Retry-After
up to a bound. Anything else that goes wrong is an EndpointError naming the endpoint.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import time
import urllib.error
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..config import VERSION
from ..config import WIKIDATA
from ..errors import EndpointError

USER_AGENT = (f"kg/{VERSION} (knowledge graph of government press releases; links to Wikidata; "
              "python SPARQLWrapper) set KG_USER_AGENT to add your contact")
MAX_TRIES = 4


def default_cache_dir() -> Path:
    if os.environ.get("KG_CACHE"):
        return Path(os.environ["KG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


class SparqlClient:
    """SELECT queries against one endpoint, answers cached under `cache_dir`/sparql/."""

    def __init__(self, endpoint: str = WIKIDATA, cache_dir: Path | None = None, *,
                 timeout: float = 30.0, max_wait: float = 60.0, offline: bool = False):
        self.endpoint = endpoint
        self.cache = Path(cache_dir or default_cache_dir()) / "sparql"
        self.timeout = timeout
        self.max_wait = max_wait
        self.offline = offline  # answer from the cache only; a miss returns None
        self.requests = 0
        self.hits = 0

    def _path(self, query: str) -> Path:
        key = hashlib.sha256(f"{self.endpoint}\n{query}".encode("utf-8")).hexdigest()
        return self.cache / key[:2] / f"{key}.json"

    def select(self, query: str) -> tuple[dict, str] | None:
        """The SPARQL JSON answer and the UTC time it was fetched (from the cache when there)."""
        path = self._path(query)
        if path.exists():
            entry = json.loads(path.read_text(encoding="utf-8"))
            self.hits += 1
            return entry["answer"], entry["fetched"]
        if self.offline:
            return None
        answer = self._fetch(query)
        fetched = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = {"endpoint": self.endpoint, "query": query, "fetched": fetched, "answer": answer}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
        return answer, fetched

    def _fetch(self, query: str) -> dict:
        for attempt in range(1, MAX_TRIES + 1):
            try:
                return self._request(query)
            except urllib.error.HTTPError as exc:
                if exc.code != 429 or attempt == MAX_TRIES:
                    raise self._error(f"answered HTTP {exc.code} {exc.reason}") from exc
                wait = retry_after(exc.headers.get("Retry-After"))
                if wait > self.max_wait:
                    raise self._error(f"is rate-limiting us (429) and asks to wait {wait:.0f} s, "
                                      f"more than {self.max_wait:.0f} s") from exc
                time.sleep(wait)
        raise self._error("kept answering 429 Too Many Requests")  # pragma: no cover - loop returns or raises

    def _request(self, query: str) -> dict:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        sw = SPARQLWrapper(self.endpoint, agent=os.environ.get("KG_USER_AGENT") or USER_AGENT)
        sw.setQuery(query)
        sw.setMethod(POST)
        sw.setReturnFormat(JSON)
        sw.timeout = self.timeout  # setTimeout() would round to whole seconds
        self.requests += 1
        try:
            body = sw.query().response.read()
        except urllib.error.HTTPError:
            raise
        except SPARQLWrapperException as exc:
            raise self._error(f"rejected the query: {str(exc).splitlines()[0]}") from exc
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise self._error(f"did not answer within {self.timeout:g} s") from exc
            raise self._error(f"cannot be reached: {reason}") from exc
        try:
            answer = json.loads(body)
            answer["results"]["bindings"]
        except (ValueError, KeyError, TypeError) as exc:
            raise self._error(f"answered with something that is not SPARQL JSON: {body[:80]!r}") from exc
        return answer

    def _error(self, problem: str) -> EndpointError:
        return EndpointError(f"the SPARQL endpoint {problem}", where=self.endpoint,
                             hint="nothing already linked was changed; check the URL and the network, "
                                  "or run `kg link` without --online to use the curated links only")


def retry_after(value: str | None) -> float:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return 1.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 1.0
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
