"""One `kg build`: hand the files to the workers, gather what they return, write the store once.

Results come back in file order (so "the same release as an earlier file" is decided as a
serial build would decide it). Each conforming release comes back as
N-Triples text, and the store is handed that text as it is: a small build keeps the graphs in
memory for one SPARQL Update; once it passes kg.store.write.SMALL triples, they stream to a bulk
loader that fills a copy of the store while the workers go on, so a 50 k-release build never
holds more than a chunk or two of text (see kg.store.write).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .. import gazetteer as gaz_mod
from ..rdf import iris
from ..rdf.reference import ontology_graph, reference_graph
from ..rdf.topics import load_scheme
from ..store import buildkeys
from ..store.write import SMALL, Session
from ..validation import validate_text
from ..validation.crossrules import check
from .report import BuildReport
from .tablesync import TableSync
from . import pool
from .worker import STAGES, FileResult, Knowledge, Limits, Worker


class BuildRun:
    tables = True  # make the rows of the saved queries kept as tables (kg.read.tables)

    def __init__(self, store_dir: Path, engine: str, jobs: int, limits: Limits | None = None):
        self.store_dir = Path(store_dir)
        self.engine = engine
        self.jobs = max(1, jobs)
        self.limits = limits or Limits()

    def run(self, files: list[Path], progress: Callable[[Path], None] | None,
            phase: Callable[[str], None] | None = None):
        phase = phase or (lambda _text: None)
        report = BuildReport(files=len(files), engine=self.engine)
        report.stages = {s: 0.0 for s in STAGES} | {"store": 0.0, "rules": 0.0}
        session = Session(self.store_dir)
        code = buildkeys.fingerprint()
        few = len(files) <= 64
        wanted = {buildkeys.input_key(f, code) for f in files} if few else None
        stored = buildkeys.stored_keys(session.store, wanted)
        for shared in (str(iris.REFERENCE_GRAPH), str(iris.ONTOLOGY_GRAPH)):
            stored[shared] = buildkeys.graph_key(session.store, shared)
        prefix = str(iris.graph_iri(""))
        known = {k: g[len(prefix):] for g, k in stored.items() if k and g.startswith(prefix)}
        has_releases = bool(known) or (few and buildkeys.has_release_graphs(session.store))
        writes, keys, triples = self._shared_graphs(report, code, stored)
        owners: dict[str, str] = {}
        fresh = not has_releases or stored.get(str(iris.REFERENCE_GRAPH)) != code  # a first build, or the code changed
        loader = None
        sync = TableSync(session.store, self.store_dir, self.knowledge.reference)
        try:
            for res in self._results(files, code, known):
                if progress:
                    progress(Path(res.path))
                if not report.take(res, owners):
                    continue
                graph = str(iris.graph_iri(res.rid))
                triples += res.triples
                keys[graph] = (res.key, res.triples)
                sync.add(graph, res.table)
                if loader is not None:
                    loader.add(graph, res.ntriples)
                    continue
                writes.append((graph, res.ntriples))
                if triples > SMALL:
                    loader = session.loader(fresh)
                    sync.bulk(loader.tmp, fresh)
                    for g, body in writes:
                        loader.add(g, body)
                    writes = None
            clock = time.perf_counter()
            if keys:
                phase(f"storing {len(keys)} graph(s), {triples:,} triples"
                      + (" (bulk load, then compaction)" if loader is not None else ""))
                keys.update(sync.key())
            if loader is not None:
                # The old store, still open until the swap, gives the rows of the graphs a fresh copy kept.
                report.write_method = loader.finish(keys, prepare=lambda folder, kept: sync.prepare(
                    session.store, folder, kept))
                loader = None
            elif keys:
                report.write_method = session.commit(writes, keys)
                sync.commit(session.store)
            report.stages["store"] = time.perf_counter() - clock
        finally:
            if loader is not None:
                loader.abort()
                sync.abort()
        report.triples_written = triples
        report.built.sort()
        report.skipped.sort()
        clock = time.perf_counter()
        phase("checking the rules that span releases")
        changed = [str(iris.graph_iri(r)) for r in report.built]
        # Only rows about the graphs written now: the others were checked when they were written
        # (`kg validate` checks them all). A long list is asked for as the whole store.
        report.violations.extend(check(session.store, changed if len(changed) <= 2000 else None))
        report.stages["rules"] = time.perf_counter() - clock
        report.store_triples = buildkeys.store_size(session.store)
        return report

    def _shared_graphs(self, report, code: str, stored: dict[str, str]):
        """The reference and ontology graphs: validated every build, written when the code changed."""
        gazetteer, scheme = gaz_mod.load(), load_scheme()
        reference = reference_graph(gazetteer, scheme)
        self.knowledge = Knowledge(gazetteer, scheme, reference)
        ref_text = reference.serialize(format="nt")
        report.violations.extend(validate_text(ref_text, str(iris.REFERENCE_GRAPH), engine=self.engine))
        writes, keys, triples = [], {}, 0
        for name, graph in ((str(iris.REFERENCE_GRAPH), reference), (str(iris.ONTOLOGY_GRAPH), None)):
            if stored.get(name) != code:
                graph = graph if graph is not None else ontology_graph()
                text = ref_text if graph is reference else graph.serialize(format="nt")
                writes.append((name, text.encode("utf-8")))
                keys[name] = (code, len(graph))
                triples += len(graph)
        return writes, keys, triples

    def _results(self, files: list[Path], code: str, known: dict[str, str]) -> Iterator[FileResult]:
        worker = Worker(code, known, self.engine, self.knowledge, max_bytes=self.limits.max_bytes, tables=self.tables)
        # At most `window` files in flight: when the store's loader falls behind the workers, their
        # results wait in the workers rather than pile up in this process (each ~0.3 MB).
        yield from pool.results(worker, [str(f) for f in files], self.jobs, self.limits.seconds,
                                window=self.jobs * 16 * 8)



