"""The namespaces the graph uses. Project terms (KG) are minted only where no public term fits."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..config import BASE
from . import prefixes

_NS = prefixes.PREFIXES
SCHEMA = Namespace(_NS["schema"])
ORG = Namespace(_NS["org"])
CV = Namespace(_NS["cv"])
OA = Namespace(_NS["oa"])
TIME = Namespace(_NS["time"])
IC = Namespace(_NS["ic"])
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace(_NS["wd"])
KG = Namespace(_NS["kg"])
ID = Namespace(BASE)

PREFIXES = {prefix: Namespace(ns) for prefix, ns in prefixes.PREFIXES.items()}

def bind_prefixes(graph):
    """Bind the project's prefixes on a graph (rdflib's own defaults are replaced)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


__all__ = ["bind_prefixes", "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD", "SCHEMA", "ORG", "CV",
           "OA", "TIME", "IC", "SH", "WD", "KG", "ID", "PREFIXES"]
