"""IRIs minted from stable keys: a normalised name, a URL, an ordinal. Never random, never blank."""
from __future__ import annotations

from rdflib import URIRef

from ..config import BASE
from ..extract.keys import digest, slug


def iri(*parts: str | int) -> URIRef:
    return URIRef(BASE + "/".join(str(p) for p in parts))


def release_iri(rid: str) -> URIRef:
    return iri("release", rid)


def graph_iri(rid: str) -> URIRef:
    return iri("graph", "release", rid)


REFERENCE_GRAPH = iri("graph", "reference")
LINKS_GRAPH = iri("graph", "links")
ONTOLOGY_GRAPH = iri("graph", "ontology")
BUILD_GRAPH = iri("graph", "build")  # the build's own bookkeeping: not data, never exported or pushed


def org_iri(key: str) -> URIRef:
    return iri("org", key)


def series_iri(key: str) -> URIRef:
    return iri("series", key)


def meeting_iri(series_key: str, ordinal: int | None, fallback: str) -> URIRef:
    """A meeting of a series with an ordinal is the same meeting whichever release reports it."""
    if ordinal is not None:
        return iri("meeting", series_key, ordinal)
    return iri("meeting", series_key, slug(fallback))


def place_iri(key: str) -> URIRef:
    return iri("place", key)


def country_iri(alpha2: str) -> URIRef:
    return iri("country", alpha2.upper())


def person_iri(name: str, org_key: str | None) -> URIRef:
    return iri("person", digest(f"{name}|{org_key or ''}"))
