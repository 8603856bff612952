"""Links to Wikidata and DBpedia: `run_link` is `kg link` as one function.

Curated links (`kg.link.alignments`, data/links/alignments.tsv), then online candidates
(`kg.link.online`, through `kg.link.sparql`) or the ones recorded before, then facts about the
linked items (`kg.link.enrich`); validated, and written as the links graph in one transaction.
Everything remote is asked before anything is written, so a failing endpoint changes nothing.
It writes only the links graph, never a release, reference or ontology graph, and never prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from ..rdf import iris
from ..errors import ConfigError
from .alignments import Alignment, append_alignment, decided, links_graph, read_alignments, stored_alignments, stored_facts, without_decided, write_links
from .enrich import fetch_facts
from .online import entities, load_words, propose
from ..config import WIKIDATA
from .sparql import SparqlClient
from ..validation import validate_graph

ALIGNMENTS = "alignments.tsv"


@dataclass
class LinkReport:
    file_links: list[Alignment] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # entities named in the file but not in the store
    online: list[Alignment] = field(default_factory=list)
    facts: int = 0
    triples: int = 0
    requests: int = 0
    cache_hits: int = 0
    accepted: list[Alignment] = field(default_factory=list)  # reviewed candidates written to the alignment file
    alignment_file: Path | None = None  # the file the links were read from (and accepted ones written to)

    @property
    def entities_linked(self) -> int:
        return len({a.entity for a in self.file_links + self.online if a.status == "accepted"})

    def count(self, status: str) -> int:
        return sum(1 for a in self.online if a.status == status)


def run_link(store: ox.Store, links_dir: Path, *, online: bool = False, enrich: bool = False,
             endpoint: str = WIKIDATA, threshold: float = 0.8, cache_dir: Path | None = None,
             timeout: float = 30.0, max_wait: float = 60.0) -> LinkReport:
    found = entities(store)
    rows = read_alignments(links_dir / ALIGNMENTS)
    report = LinkReport(file_links=[a for a in rows if a.entity in found],
                        missing=sorted({a.entity for a in rows if a.entity not in found}),
                        alignment_file=links_dir / ALIGNMENTS)
    settled = decided(report.file_links)
    before = [a for a in stored_alignments(store) if a.entity in found]
    client = SparqlClient(endpoint, cache_dir, timeout=timeout, max_wait=max_wait)
    if online:
        countries = {a.entity: a.target for a in report.file_links + before
                     if a.is_wikidata and a.status == "accepted" and a.entity.startswith("country/")}
        words, limit = load_words(), Decimal(str(threshold))
        for key in sorted(k for k in found if k not in settled):
            entity = found[key]
            report.online += propose(entity, client, limit, words, countries.get(entity.country or ""))
    else:
        report.online = without_decided(before, settled)
    items = {a.target for a in report.file_links + report.online if a.status == "accepted" and a.is_wikidata}
    facts = fetch_facts(client, items) if enrich else stored_facts(store, items)
    graph = links_graph(report.file_links + report.online, facts)
    check(graph)
    report.facts = len(facts)
    report.triples = write_links(store, graph)
    report.requests, report.cache_hits = client.requests, client.hits
    return report


def check(graph) -> None:
    result = validate_graph(graph, str(iris.LINKS_GRAPH))
    if not result.conforms:
        v = result.violations[0]
        raise ConfigError(f"the links graph does not conform: {v.focus} {v.path}: {v.message}",
                          hint=f"{len(result.violations)} violation(s); check {ALIGNMENTS}")


def proposals(store: ox.Store) -> list[Alignment]:
    """Online candidates waiting for review, best first within each entity."""
    return [a for a in stored_alignments(store) if a.status == "proposed"]


def own_alignments(folder: Path, bundled: Path) -> Path:
    """A user's folder for the alignment file, started from a copy of the bundled curated file
    when it has none, so that reviewed rows are added to the curated ones, never to the package."""
    path = folder / ALIGNMENTS
    if not path.exists() and (bundled / ALIGNMENTS).is_file():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes((bundled / ALIGNMENTS).read_bytes())
    return folder


def accept(store: ox.Store, links_dir: Path, picks: list[str]) -> list[Alignment]:
    """Write the chosen online candidates (ENTITY=QID) to the alignment file as reviewed rows."""
    recorded = {(a.entity, a.qid): a for a in stored_alignments(store)}
    chosen = []
    for pick in picks:
        entity, _, qid = pick.partition("=")
        candidate = recorded.get((entity.strip(), qid.strip()))
        if candidate is None:
            raise ConfigError(f"{pick!r} is not a recorded online candidate",
                              hint="`kg link --review` lists them; write ENTITY=QID as shown there")
        chosen.append(candidate)
    for c in chosen:
        append_alignment(links_dir / ALIGNMENTS, c, f"accepted in review; online score {c.score} "
                                                   f"from {c.endpoint} at {c.time}")
    return chosen
