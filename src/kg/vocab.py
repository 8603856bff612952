"""The namespaces the graph uses. Project terms (KG) are minted only where no public term fits."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from .config import BASE

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
CV = Namespace("http://data.europa.eu/m8g/")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
IC = Namespace("http://imi.go.jp/ns/core/rdf#")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
KG = Namespace("https://kg.example.org/ns#")
ID = Namespace(BASE)

PREFIXES = {
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "dct": DCTERMS,
    "foaf": FOAF, "prov": PROV, "schema": SCHEMA, "org": ORG, "cv": CV, "oa": OA,
    "time": TIME, "ic": IC, "kg": KG, "wd": WD,
}

def bind_prefixes(graph):
    """Bind the project's prefixes on a graph (rdflib's own defaults are replaced)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


__all__ = ["bind_prefixes", "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD", "SCHEMA", "ORG", "CV",
           "OA", "TIME", "IC", "SH", "WD", "KG", "ID", "PREFIXES"]
