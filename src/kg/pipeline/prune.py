"""A release keeps its good facts when a few are bad: the facts the shapes reject are left out.

The mapping is written so that no text makes a graph the shapes reject (tests/test_build_properties.py
drives the build over damaged releases to show it). Should one still come out, the release is not
lost to it: each violation's fact (its focus node, path and value) is left out, or, when the
violation is about a node as a whole (a missing name), that node with every fact about it and
their annotations; the rest is validated again and stored when it conforms, and the build says
which facts were left out. A violation about the release itself (its title, its identifier) still
rejects it.
"""
from __future__ import annotations

from ..rdf import nt
from ..rdf.provenance import orphaned
from ..validation import Violation

Triple = tuple[str, str, str]


def prune(triples: list[Triple], violations: list[Violation], release: str) -> tuple[list[Triple], list[Triple]] | None:
    """(kept, left out) triples, or None when a violation is about the release node `release` itself."""
    bad_facts: set[Triple] = set()
    bad_nodes: set[str] = set()
    for v in violations:
        if v.focus == release:
            return None
        focus = f"<{v.focus}>"
        matched = {t for t in triples if t[0] == focus and v.path and t[1] == f"<{v.path}>" and v.value
                   and _lexical(t[2]) == v.value}
        if matched:
            bad_facts |= matched
        else:
            bad_nodes.add(focus)
    dropped = {t for t in triples if t in bad_facts or t[0] in bad_nodes or t[2] in bad_nodes}
    dropped |= orphaned(triples, dropped)  # the provenance of what is left out (kg.rdf.provenance)
    return [t for t in triples if t not in dropped], [t for t in triples if t in dropped]


def _lexical(term: str) -> str:
    try:
        return nt.value(term)
    except ValueError:
        return term
