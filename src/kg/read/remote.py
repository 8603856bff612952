"""Saved queries run against a remote SPARQL endpoint: `kg query NAME --endpoint URL`, `kg report --endpoint URL`.

For a store too big for one machine (Virtuoso, QLever, an Oxigraph or Fuseki server) that holds what
`kg push` or the bulk path put there. The query text is sent as it is (SPARQL 1.1 Protocol, POST,
results as SPARQL JSON), and the answer is turned into the same rows as the local store gives: the
same columns, and each cell the same Python value (kg.read.queries.python_value), so every output
format prints the same.

The saved queries read the union of the named graphs as their default graph, as Virtuoso does by
default; an Oxigraph server must be started with --union-default-graph. Parameters (-p name=value)
are checked and typed as for the local store, then bound by a VALUES block put at the start of the
query's WHERE clause: each value written as an RDF term in N-Triples syntax (escaped by pyoxigraph),
never pasted into the query's own text (see with_values).

An answer the endpoint cut short is an error, not rows: Virtuoso says so in its X-SQL-State header
when a query ran out of time ("anytime" partial results), and in X-SPARQL-MaxRows when it capped the
rows at its ResultSetMaxRows.
"""
from __future__ import annotations

import httpx
import pyoxigraph as ox

from ..errors import EndpointError, QueryError
from .queries import XSD, Rows, SavedQuery, python_value, where_brace

PLAIN = {None, XSD + "string"}


class Endpoint:
    """A remote SPARQL query endpoint that saved queries run against (kg.read.queries.run)."""

    def __init__(self, url: str, *, timeout: float = 600.0, auth: httpx.Auth | None = None):
        self.url = url
        self.timeout = timeout
        self.auth = auth

    def select(self, query: SavedQuery, bindings: dict[ox.Variable, ox.NamedNode | ox.Literal]) -> Rows:
        """Run a SELECT query with its parameters bound; rows as the local store gives them."""
        answer = self._post(with_values(query.text, bindings))
        try:
            data = answer.json()
            columns = list(data["head"]["vars"])
            solutions = data["results"]["bindings"]
        except (ValueError, KeyError, TypeError) as exc:
            raise EndpointError("the answer is not SPARQL JSON results (only SELECT queries print as rows)",
                                where=self.url) from exc
        return Rows(columns, [{c: cell(s.get(c)) for c in columns} for s in solutions])

    def _post(self, text: str) -> httpx.Response:
        headers = {"Accept": "application/sparql-results+json", "User-Agent": "kg-query (https://kg.example.org/)"}
        try:
            r = httpx.post(self.url, data={"query": text}, headers=headers, timeout=self.timeout, auth=self.auth)
        except httpx.TimeoutException as exc:
            raise EndpointError(f"no answer within {self.timeout:g} s", where=self.url) from exc
        except httpx.HTTPError as exc:
            raise EndpointError(f"cannot reach the SPARQL endpoint: {type(exc).__name__}: {exc}", where=self.url,
                                hint="is the triple store running, and is --endpoint its query URL?") from exc
        if r.status_code in (401, 403):
            raise EndpointError(f"the endpoint refused the query (HTTP {r.status_code})", where=self.url)
        if r.status_code >= 400:
            said = " ".join(r.text[:300].split())
            raise EndpointError(f"the endpoint answered HTTP {r.status_code}" + (f": {said}" if said else ""),
                                where=self.url)
        state = r.headers.get("X-SQL-State")
        if state:
            message = r.headers.get("X-SQL-Message", "")
            raise EndpointError(f"the endpoint gave a partial answer ({state} {message}".rstrip() + ")", where=self.url,
                                hint="raise its query time limit (Virtuoso: MaxQueryExecutionTime in [SPARQL])")
        capped = r.headers.get("X-SPARQL-MaxRows")
        if capped:
            raise EndpointError(f"the endpoint cut the answer at {capped} rows", where=self.url,
                                hint="raise its row limit (Virtuoso: ResultSetMaxRows in [SPARQL])")
        return r


def with_values(text: str, bindings: dict[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    """The query with its parameters bound by a VALUES block opening its WHERE clause, joined with the
    rest of the query's pattern as a substitution would bind them. (A VALUES clause after the query,
    which SPARQL also allows, is not applied inside a UNION by Virtuoso 7.2: topic-timeline then
    gave 95 rows instead of 9.)"""
    if not bindings:
        return text
    names = " ".join(str(v) for v in bindings)
    terms = " ".join(str(t) for t in bindings.values())
    at = where_brace(text)
    return f"{text[:at]}\n  VALUES ({names}) {{ ({terms}) }}\n{text[at:]}"


def cell(term: dict | None) -> object:
    """One SPARQL JSON result term as the Python value the local store's rows hold."""
    if term is None:
        return None
    kind, value = term.get("type"), term.get("value")
    if kind in ("literal", "typed-literal"):
        datatype = term.get("datatype")
        if "xml:lang" in term or datatype in PLAIN:
            return value
        return python_value(ox.Literal(value, datatype=ox.NamedNode(datatype)))
    return value
