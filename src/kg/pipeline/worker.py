"""One release file, start to end, in a worker process: read, extract, map, validate.

The build hands files to a pool of these (one per core). Each worker holds the gazetteer, the
topic scheme, the reference index and the compiled shapes, loaded once, then returns for every
file a `FileResult`: the release's graph as N-Triples text (UTF-8) when it conforms, the one
encoding the store is handed, or the problem or violations when it does not, with the time each
stage took. A file whose input key (its bytes, its sidecar's and the code's fingerprint) the
store already holds is skipped without being read further.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KgError
from ..extract import extract_release
from ..gazetteer import Gazetteer
from ..ingest import read_source
from ..rdf.mapping import release_ntriples
from ..store import buildkeys
from ..validation import Violation, validate_text
from ..validation.closure import ReferenceIndex

STAGES = ("parse", "extract", "map", "validate", "emit")


@dataclass
class FileResult:
    path: str
    key: str
    rid: str | None = None
    ntriples: bytes = b""  # the release's graph, N-Triples in UTF-8
    triples: int = 0
    problem: str | None = None
    violations: list[Violation] = field(default_factory=list)
    skipped: bool = False
    times: dict[str, float] = field(default_factory=dict)


@dataclass
class Knowledge:
    """What every release is read and mapped with: the gazetteer, the topic scheme and the reference graph."""

    gazetteer: Gazetteer
    scheme: object  # rdflib Graph of data/topics.ttl
    reference: object  # rdflib Graph of the reference data


class Worker:
    """What a worker process keeps between files."""

    def __init__(self, fingerprint: str, known: dict[str, str], engine: str, knowledge: Knowledge):
        self.knowledge = knowledge
        self.index = ReferenceIndex(knowledge.reference)
        self.fingerprint = fingerprint
        self.known = known  # input key -> release ID already in the store
        self.engine = engine

    def run(self, path: str) -> FileResult:
        clock = time.perf_counter()
        times: dict[str, float] = {}

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            times[stage] = times.get(stage, 0.0) + now - clock
            clock = now

        key = buildkeys.input_key(Path(path), self.fingerprint)
        if key in self.known:
            return FileResult(path, key, rid=self.known[key], skipped=True)
        result = FileResult(path, key, times=times)
        gazetteer = self.knowledge.gazetteer
        try:
            source = read_source(Path(path))
            lap("parse")
            release = extract_release(source, gazetteer)
            lap("extract")
            graph_name, triples, lines = release_ntriples(release, gazetteer, self.knowledge.scheme)
            lap("map")
        except KgError as exc:
            result.problem = exc.message + (f" ({exc.hint})" if exc.hint else "")
            return result
        result.rid = release.id
        data = lines + self.index.closure_text(_iris(triples))
        report = validate_text(data, graph_name, focus={t[0][1:-1] for t in triples}, engine=self.engine)
        lap("validate")
        if report.conforms:
            result.ntriples = lines.encode("utf-8")
            result.triples = len(triples)
        else:
            result.violations = report.violations
        lap("emit")
        return result


def _iris(triples) -> set[str]:
    """The IRIs a release's triples (N-Triples terms) name as subject or object."""
    terms = {s for s, _p, _o in triples}
    terms.update(o for _s, _p, o in triples)
    return {t[1:-1] for t in terms if t[0] == "<"}


_WORKER: Worker | None = None


def init(fingerprint: str, known: dict[str, str], engine: str, knowledge: Knowledge) -> None:
    """Pool initialiser: build this process's Worker (forked workers inherit the parent's knowledge)."""
    global _WORKER
    _WORKER = Worker(fingerprint, known, engine, knowledge)


def run(path: str) -> FileResult:
    assert _WORKER is not None, "kg.pipeline.worker.init was not called in this process"
    return _WORKER.run(path)
