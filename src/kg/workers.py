"""One release file, start to end, in a worker process: read, extract, map, validate, emit N-Quads.

The build hands files to a pool of these (one per core). Each worker loads the gazetteer, the
reference index and the compiled shapes once, then returns for every file a `FileResult`: the
release's graph as N-Quads when it conforms, or the problem or violations when it does not,
with the time each stage took. A file whose input key (its bytes, its sidecar's and the code's
fingerprint) the store already holds is skipped without being read further.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import buildstate, iris
from .errors import KgError
from .validate import Violation

STAGES = ("parse", "extract", "map", "validate", "emit")


@dataclass
class FileResult:
    path: str
    key: str
    rid: str | None = None
    nquads: bytes = b""
    triples: int = 0
    problem: str | None = None
    violations: list[Violation] = field(default_factory=list)
    skipped: bool = False
    times: dict[str, float] = field(default_factory=dict)


class Worker:
    """What a worker process keeps between files."""

    def __init__(self, fingerprint: str, known: dict[str, str], engine: str, reference=None):
        from . import gazetteer as gaz_mod
        from .reference import reference_graph
        from .refindex import ReferenceIndex

        self.gazetteer = gaz_mod.load()
        self.index = ReferenceIndex(reference if reference is not None else reference_graph(self.gazetteer))
        self.fingerprint = fingerprint
        self.known = known  # input key -> release ID already in the store
        self.engine = engine

    def run(self, path: str) -> FileResult:
        from .emit import release_ntriples
        from .extract import extract_release
        from .ingest import read_source
        from .validate import validate_text

        clock = time.perf_counter()
        times: dict[str, float] = {}

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            times[stage] = times.get(stage, 0.0) + now - clock
            clock = now

        key = buildstate.input_key(Path(path), self.fingerprint)
        if key in self.known:
            return FileResult(path, key, rid=self.known[key], skipped=True)
        result = FileResult(path, key, times=times)
        try:
            source = read_source(Path(path))
            lap("parse")
            release = extract_release(source, self.gazetteer)
            lap("extract")
            graph_name, triples, lines = release_ntriples(release, self.gazetteer)
            lap("map")
        except KgError as exc:
            result.problem = exc.message + (f" ({exc.hint})" if exc.hint else "")
            return result
        result.rid = release.id
        data = lines + self.index.closure_text(_iris(triples))
        report = validate_text(data, graph_name, focus={t[0][1:-1] for t in triples}, engine=self.engine)
        lap("validate")
        if report.conforms:
            g = f"<{graph_name}>"
            result.nquads = "".join([f"{s} {p} {o} {g} .\n" for s, p, o in triples]).encode("utf-8")
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


def init(fingerprint: str, known: dict[str, str], engine: str, reference=None) -> None:
    """Pool initialiser: build this process's Worker (forked workers get the parent's reference graph)."""
    global _WORKER
    _WORKER = Worker(fingerprint, known, engine, reference)


def run(path: str) -> FileResult:
    assert _WORKER is not None, "workers.init was not called in this process"
    return _WORKER.run(path)


def graph_iri(rid: str) -> str:
    return str(iris.graph_iri(rid))
