"""The shapes (ontology/kg.shacl.ttl), read once per process."""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from ..config import SHAPES_FILE


def shapes_graph(text: str | None = None) -> Graph:
    """The project's shapes (one graph per process: its blank nodes keep their labels), or the
    shapes of `text` (Turtle)."""
    return _project() if text is None else _parsed(text)


@lru_cache(maxsize=1)
def _project() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@lru_cache(maxsize=8)
def _parsed(text: str) -> Graph:
    from ..rdf.nt import lexical_literals

    with lexical_literals():  # "1"^^xsd:boolean is not "true": the engines must see it as written
        return Graph().parse(data=text, format="turtle")
