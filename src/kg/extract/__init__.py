"""Extraction: from a Source (decoded text) to a Release with every record filled.

`kg.extract.parse` reads the release's header and sections; one module per kind of fact finds
dates, bodies, meetings, places, people, participants, hosts, outcomes, documents, related
releases and contacts; `kg.extract.assemble` puts them together; `kg.extract.keys` makes the
stable keys that IRIs are minted from. Every record keeps the span of text it came from.

Pure: no I/O, no clock, no network; the gazetteer is passed in. It must not import rdflib or
pyoxigraph (an import-linter contract checks it), nor anything above it.
"""
from __future__ import annotations

from ..gazetteer import Gazetteer
from ..model import Release, Source


def extract_release(source: Source, gazetteer: Gazetteer) -> Release:
    """Parse the release, then fill its meetings, documents, related releases and contacts."""
    from .parse import parse_release  # parse uses this package's helpers: import it late
    from .assemble import fill_release

    release = parse_release(source, gazetteer)
    fill_release(release, gazetteer)
    return release
