"""One release file, start to end, in a worker process: read, extract, map, validate.

The build hands files to a pool of these (one per core). Each worker holds the gazetteer, the
topic scheme, the reference index and the compiled shapes, loaded once, then returns for every
file a `FileResult`: the release's graph as N-Triples text (UTF-8) when it conforms, the one
encoding the store is handed, or the problem or violations when it does not, with the time each
stage took. A file whose input key (its bytes, its sidecar's and the code's fingerprint) the
store already holds is skipped without being read further.

Whatever one file holds, it costs only that file: an error a user can act on (KgError) and any
other exception alike come back as the file's problem, and a text in which no meeting is found is
not stored (it is no release about a meeting: a weather note, a menu page). The time limit per
file is kept by the process pool (kg.pipeline.pool), the size limit here.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KgError
from ..extract import extract_release
from ..gazetteer import Gazetteer
from ..ingest import read_source
from ..rdf import iris, nt
from ..rdf.mapping import release_ntriples
from ..store import buildkeys
from ..validation import Violation, validate_text
from ..validation.closure import ReferenceIndex
from .prune import prune
from ..read.tables import Maker

STAGES = ("parse", "extract", "map", "validate", "tables", "emit")
NO_MEETING = ("no meeting found: not stored (kg stores press releases about meetings; "
              "is this the text of one?)")


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
    warnings: list[str] = field(default_factory=list)  # stored, but not all of it as it was written
    table: tuple | None = None  # its rows of the saved queries kept as tables (kg.read.tables.Maker.rows)
    no_meeting: bool = False  # extraction found no meeting in it
    no_date: bool = False  # no meeting it reports has a date
    no_participants: bool = False  # no meeting it reports has a body taking part


@dataclass(frozen=True)
class Limits:
    """What one file may cost: seconds in a worker (read, extract, map, validate) and bytes on disk."""

    seconds: float = 30.0
    max_bytes: int = 1 << 20


@dataclass
class Knowledge:
    """What every release is read and mapped with: the gazetteer, the topic scheme and the reference graph."""

    gazetteer: Gazetteer
    scheme: object  # rdflib Graph of data/topics.ttl
    reference: object  # rdflib Graph of the reference data


class Worker:
    """What a worker process keeps between files."""

    def __init__(self, fingerprint: str, known: dict[str, str], engine: str, knowledge: Knowledge, *,
                 max_bytes: int = Limits.max_bytes, tables: bool = False):
        self.knowledge = knowledge
        self.tables = Maker(knowledge.reference) if tables else None
        self.index = ReferenceIndex(knowledge.reference)
        self.fingerprint = fingerprint
        self.known = known  # input key -> release ID already in the store
        self.engine = engine
        self.max_bytes = max_bytes

    def run(self, path: str) -> FileResult:
        """One file's result; never raises (a file's fault is its problem, not the build's)."""
        try:
            return self._run(path)
        except Exception as exc:  # noqa: BLE001 - a bug shown on one file must not end the build
            return FileResult(path, "", problem=f"internal error while building it ({type(exc).__name__}: {exc}); "
                                                "skipped (this is a bug: please report it with the file)")

    def _run(self, path: str) -> FileResult:
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
            source = read_source(Path(path), max_bytes=self.max_bytes)
            lap("parse")
            release = extract_release(source, gazetteer)
            lap("extract")
            if not release.meetings:
                result.problem, result.no_meeting = NO_MEETING, True
                return result
            _unsure(result, release)
            graph_name, triples, lines = release_ntriples(release, gazetteer, self.knowledge.scheme)
            lap("map")
        except KgError as exc:
            result.problem = exc.message + (f" ({exc.hint})" if exc.hint else "")
            return result
        if source.replaced:
            result.warnings.append(f"{source.replaced} character(s) could not be decoded as {source.encoding} "
                                   "and were replaced with U+FFFD")
        result.rid = release.id
        data = lines + self.index.closure_text(_iris(triples))
        report = validate_text(data, graph_name, focus={t[0][1:-1] for t in triples}, engine=self.engine)
        lap("validate")
        if not report.conforms:
            triples, lines = self._without_bad_facts(result, graph_name, triples, report.violations,
                                                     str(iris.release_iri(release.id)))
        if triples and self.tables is not None:
            result.table = self.tables.rows(triples, graph_name)
            lap("tables")
        if triples:
            result.ntriples = lines.encode("utf-8")
            result.triples = len(triples)
        lap("emit")
        return result

    def _without_bad_facts(self, result: FileResult, graph_name: str, triples, violations, release: str):
        """The release without the facts the shapes reject (kg.pipeline.prune), validated again; or
        none of it, with the violations, when that does not conform or the release itself is at fault."""
        pruned = prune(triples, violations, release)
        if pruned is not None:
            kept, left_out = pruned
            lines = nt.lines(kept)
            again = validate_text(lines + self.index.closure_text(_iris(kept)), graph_name,
                                  focus={t[0][1:-1] for t in kept}, engine=self.engine)
            if again.conforms:
                shown = "; ".join(f"{v.focus} {v.path or '(the node)'}: {v.message}" for v in violations[:3])
                result.warnings.append(f"stored without {len(left_out)} triple(s) the shapes reject ({shown}"
                                       + (f"; and {len(violations) - 3} more" if len(violations) > 3 else "") + ")")
                return kept, lines
        result.violations = violations
        return [], ""


def _unsure(result: FileResult, release) -> None:
    """Where extraction is unsure, for the build's summary: the reported meetings have no date, or no participants."""
    reported = [m for m in release.meetings if m.reported] or release.meetings
    result.no_date = not any(m.start is not None for m in reported)
    result.no_participants = not any(m.participations for m in reported)


def _iris(triples) -> set[str]:
    """The IRIs a release's triples (N-Triples terms) name as subject or object."""
    terms = {s for s, _p, _o in triples}
    terms.update(o for _s, _p, o in triples)
    return {t[1:-1] for t in terms if t[0] == "<"}


