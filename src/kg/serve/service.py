"""Whether a query calls another endpoint (SERVICE), decided from the parsed query.

A text filter is easy to get past (a comment that a carriage return ends, an escape), so the
query is parsed (rdflib's SPARQL parser) and its syntax tree searched for a SERVICE pattern.
Two things are done first so that the parser reads the query as Oxigraph does: SPARQL's
\\uXXXX escapes are decoded (they apply to the whole query before parsing), and carriage
returns become line feeds (a comment ends at either; rdflib's comments end only at a line feed).
A query that the parser cannot read is judged by its tokens instead, and refused if the word
SERVICE stands anywhere outside a string, an IRI or a comment.

This runs in the query workers (kg.serve.worker), which also cannot reach the network at all
(kg.serve.sandbox): the check gives a clear answer, the sandbox makes SERVICE impossible.
"""
from __future__ import annotations

import re

NO_SERVICE = ("this server does not call other endpoints for a query (SERVICE): it would let anyone make it "
              "fetch any address; start it with `kg serve --allow-service` to allow it")

ALLOWED = False  # set in a worker started with --allow-service

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

# Just enough of SPARQL's lexical grammar to tell the SERVICE keyword from the same letters in a
# string, an IRI, a comment (to the end of the line: CR or LF), a variable or a prefixed name.
_TOKENS = re.compile(r'''
    (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
   |(?P<iri><[^<>"{}|^`\\\s]*>)
   |(?P<comment>\#[^\n\r]*)
   |(?P<var>[?$]\w+)
   |(?P<pname>[A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]+)
   |(?P<word>[A-Za-z_]\w*)
   |(?P<other>.)''', re.VERBOSE | re.DOTALL)


def refused(query: str) -> bool:
    """Whether this worker must refuse the query: it calls another endpoint, and that is not allowed."""
    return not ALLOWED and uses_service(query)


def uses_service(query: str) -> bool:
    """Whether the query holds a SERVICE pattern (SERVICE SILENT too)."""
    query = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    if "service" not in query.lower():
        return False
    try:
        from rdflib.plugins.sparql.parser import parseQuery

        tree = parseQuery(query.replace("\r", "\n"))
    except Exception:  # noqa: BLE001 - any parser failure: judge by the tokens
        return _service_token(query)
    return _has_service(tree)


def _has_service(node) -> bool:
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(v) for v in node.values())
    if isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        return any(_has_service(v) for v in node)
    return False


def _service_token(query: str) -> bool:
    return any(m.lastgroup == "word" and m.group().upper() == "SERVICE" for m in _TOKENS.finditer(query))
