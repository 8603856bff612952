"""One `kg build`: hand the files to the workers, gather what they return, write the store once.

Results come back in file order (so "the same release as an earlier file" is decided as a
serial build would decide it). A small build keeps the conforming graphs in memory for one
SPARQL Update; once it passes storewrite.SMALL triples, they stream to a bulk loader that
fills a copy of the store while the workers go on, so a 50 k-release build never holds more
than a chunk or two of N-Quads (see kg.storewrite).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from . import buildstate, iris
from . import gazetteer as gaz_mod
from . import store as store_mod
from .storewrite import SMALL, Session, as_nquads
from .validate import validate_text
from .workers import STAGES, FileResult, Worker, init, run


class BuildRun:
    def __init__(self, store_dir: Path, engine: str, jobs: int):
        self.store_dir = Path(store_dir)
        self.engine = engine
        self.jobs = max(1, jobs)

    def run(self, files: list[Path], progress: Callable[[Path], None] | None):
        from .pipeline import BuildReport, FileProblem

        report = BuildReport(files=len(files), engine=self.engine)
        report.stages = {s: 0.0 for s in STAGES} | {"store": 0.0, "rules": 0.0}
        session = Session(self.store_dir)
        code = buildstate.fingerprint()
        few = len(files) <= 64
        wanted = {buildstate.input_key(f, code) for f in files} if few else None
        stored = buildstate.stored_keys(session.store, wanted)
        for shared in (str(iris.REFERENCE_GRAPH), str(store_mod.ONTOLOGY_GRAPH)):
            stored[shared] = buildstate.graph_key(session.store, shared)
        prefix = str(iris.graph_iri(""))
        known = {k: g[len(prefix):] for g, k in stored.items() if k and g.startswith(prefix)}
        has_releases = bool(known) or (few and buildstate.has_release_graphs(session.store))
        writes, keys, triples = self._shared_graphs(report, code, stored)
        owners: dict[str, str] = {}
        fresh = not has_releases or stored.get(str(iris.REFERENCE_GRAPH)) != code  # a first build, or the code changed
        loader = None
        try:
            for res in self._results(files, code, known):
                if progress:
                    progress(Path(res.path))
                for stage, seconds in res.times.items():
                    report.stages[stage] += seconds
                if res.problem:
                    report.problems.append(FileProblem(res.path, res.problem))
                    continue
                if res.rid in owners:
                    report.problems.append(FileProblem(
                        res.path, f"reports the same release ({res.rid}) as {owners[res.rid]}; skipped"))
                    continue
                owners[res.rid] = res.path
                if res.skipped:
                    report.skipped.append(res.rid)
                elif res.violations:
                    report.rejected.append(res.rid)
                    report.violations.violations.extend(res.violations)
                else:
                    graph = str(iris.graph_iri(res.rid))
                    triples += res.triples
                    keys[graph] = (res.key, res.triples)
                    report.built.append(res.rid)
                    if loader is not None:
                        loader.add(graph, res.nquads)
                        continue
                    writes.append((graph, _as_ntriples(graph, res.nquads.decode("utf-8"))))
                    if triples > SMALL:
                        loader = session.loader(fresh)
                        for g, body in writes:
                            loader.add(g, as_nquads(g, body))
                        writes = None
            clock = time.perf_counter()
            if loader is not None:
                report.write_method = loader.finish(keys)
                loader = None
            elif keys:
                report.write_method = session.commit(writes, keys)
            report.stages["store"] = time.perf_counter() - clock
        finally:
            if loader is not None:
                loader.abort()
        report.triples_written = triples
        report.built.sort()
        report.skipped.sort()
        clock = time.perf_counter()
        from .crossrules import check

        changed = [str(iris.graph_iri(r)) for r in report.built]
        # Only rows about the graphs written now: the others were checked when they were written
        # (`kg validate` checks them all). A long list is asked for as the whole store.
        report.violations.extend(check(session.store, changed if len(changed) <= 2000 else None))
        report.stages["rules"] = time.perf_counter() - clock
        report.store_triples = buildstate.store_size(session.store)
        return report

    def _shared_graphs(self, report, code: str, stored: dict[str, str]):
        """The reference and ontology graphs: validated every build, written when the code changed."""
        from .pipeline import ontology_graph
        from .store import ntriples
        from .reference import reference_graph

        reference = self.reference = reference_graph(gaz_mod.load())
        ref_text = ntriples(reference)
        report.violations.extend(validate_text(ref_text, str(iris.REFERENCE_GRAPH), engine=self.engine))
        writes, keys, triples = [], {}, 0
        for name, graph in ((str(iris.REFERENCE_GRAPH), reference), (str(store_mod.ONTOLOGY_GRAPH), None)):
            if stored.get(name) != code:
                graph = graph if graph is not None else ontology_graph()
                writes.append((name, ref_text if graph is reference else ntriples(graph)))
                keys[name] = (code, len(graph))
                triples += len(graph)
        return writes, keys, triples

    def _results(self, files: list[Path], code: str, known: dict[str, str]) -> Iterator[FileResult]:
        names = [str(f) for f in files]
        if len(names) <= 4 * self.jobs or self.jobs == 1:
            worker = Worker(code, known, self.engine, self.reference)
            yield from (worker.run(n) for n in names)
            return
        import multiprocessing
        import threading

        ctx = multiprocessing.get_context("fork")
        chunk = max(1, min(16, len(names) // (self.jobs * 16)))
        _SHARED["reference"] = self.reference  # inherited by the forked workers, not pickled
        # At most `window` files in flight: when the store's loader falls behind the workers, their
        # results wait in the workers' queue rather than pile up in this process (each ~0.3 MB).
        window, stopped = threading.Semaphore(self.jobs * chunk * 8), threading.Event()

        def feed() -> Iterator[str]:
            for name in names:
                window.acquire()
                if stopped.is_set():
                    return
                yield name

        with ctx.Pool(self.jobs, initializer=_init_forked, initargs=(code, known, self.engine)) as pool:
            try:
                for result in pool.imap(run, feed(), chunksize=chunk):
                    window.release()
                    yield result
            finally:
                stopped.set()
                window.release()  # a feed waiting for room wakes up and ends


_SHARED: dict = {}


def _init_forked(code: str, known: dict[str, str], engine: str) -> None:
    init(code, known, engine, _SHARED.get("reference"))


def _as_ntriples(graph: str, nquads: str) -> str:
    """Lines "s p o <graph> ." as "s p o ." (they were written with that exact suffix)."""
    suffix = f" <{graph}> .\n"
    if not nquads or not nquads.endswith(suffix):
        return nquads
    return "".join(line[:-len(suffix)] + " .\n" for line in nquads.splitlines(True))
