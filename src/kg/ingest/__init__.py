"""Ways in: release files on disk and pages on the web, read into a `Source`.

`read_source(path)` reads one release file (`kg.ingest.read`: decoding, HTML page text, the
sidecar). `kg.ingest.fetch` saves release pages from the web into a folder that the build reads,
through `kg.ingest.http` (a polite HTTP client), `kg.ingest.links` (the related releases and
attachments a page links to) and `kg.ingest.save` (files written whole or not at all).

It must not map to RDF, validate or touch the store, and never prints.
"""
from .read import read_source

__all__ = ["read_source"]
