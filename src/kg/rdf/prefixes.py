"""The prefixes the project writes IRIs with, as plain strings (no rdflib: `kg query` reads them)."""
from __future__ import annotations

PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "prov": "http://www.w3.org/ns/prov#", "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#", "cv": "http://data.europa.eu/m8g/", "oa": "http://www.w3.org/ns/oa#",
    "time": "http://www.w3.org/2006/time#", "ic": "http://imi.go.jp/ns/core/rdf#",
    "kg": "https://kg.example.org/ns#", "wd": "http://www.wikidata.org/entity/",
}
