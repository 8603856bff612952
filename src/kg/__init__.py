"""kg: a knowledge-graph builder for government press releases about meetings.

    import kg
    report = kg.build(["data/releases"], store="store")   # the build report
    rows = kg.query("meetings", store="store")            # a list of dicts, rows.columns in order
    kg.export("graph.trig", store="store")
    kg.validate(store="store").conforms

The rest of the public API (extract, fetch, link, report, serve, push, topics) is in `kg.api`.
Errors a user can act on are raised as `kg.KgError`, with a message and a hint.
"""

from .api import build, export, fetch, push, query, rdflib_dataset, saved_queries, validate
from .config import VERSION as __version__
from .errors import KgError

__all__ = ["KgError", "__version__", "build", "export", "fetch", "push", "query", "rdflib_dataset", "saved_queries",
           "validate"]
