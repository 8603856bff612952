"""Extraction: from a Source to a Release with every record filled. Pure: no I/O, no clock, no network."""
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
