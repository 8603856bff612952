"""The shapes (ontology/kg.shacl.ttl), read once per process."""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from ..config import SHAPES_FILE


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")
