"""`kg build --emit DIR`: a build without a store, for sharded builds on as many machines as there are.

The files are read, extracted, mapped and validated by the same workers as `kg build`, and each
conforming release's graph is written to DIR as N-Quads, `release.ID.nq`, the same name and lines
as `kg export -f nq --split` gives that graph, followed by its build key: two quads in the build's
bookkeeping graph (`<graph> kg:sha256OfInput "…"; kg:tripleCount n`). The reference and ontology
graphs go to `reference.nq` and `ontology.nq` with theirs. Any batch system can run one
`kg build SHARD --emit DIR` per shard of files; a bulk loader then loads every DIR (Virtuoso's
ld_dir + rdf_loader_run, `oxigraph load`), and an Oxigraph store loaded that way is a kg store: a
later `kg build` of the same files finds their keys and skips them, and `kg export` gives what one
`kg build` of all the files gives.

What needs the whole graph is left to the store the shards are loaded into: the rules that span
releases (`kg validate` checks them there), and noticing that files in two shards report the same
release (each shard notices it among its own files). Each file is written whole (a temporary file
renamed into place), so a shard that is stopped leaves whole files, and running it again rewrites them.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from ..errors import WriteError, os_reason
from ..rdf import iris
from ..read.export import as_nquads, split_name
from ..store import buildkeys
from .report import BuildReport
from .run import BuildRun
from .worker import STAGES


class EmitRun(BuildRun):
    """A BuildRun whose releases go to N-Quads files in a folder instead of into a store."""

    tables = False
    def run(self, files: list[Path], progress: Callable[[Path], None] | None,
            phase: Callable[[str], None] | None = None) -> BuildReport:
        out = self.store_dir
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(f"cannot make the folder {out}: {os_reason(exc)}") from exc
        report = BuildReport(files=len(files), engine=self.engine, write_method=f"N-Quads files in {out}")
        report.stages = {s: 0.0 for s in STAGES}
        code = buildkeys.fingerprint()
        writes, keys, triples = self._shared_graphs(report, code, {})
        for graph, body in writes:
            write_graph(out, graph, body, keys[graph])
        owners: dict[str, str] = {}
        for res in self._results(files, code, {}):
            if progress:
                progress(Path(res.path))
            if report.take(res, owners):
                write_graph(out, str(iris.graph_iri(res.rid)), res.ntriples, (res.key, res.triples))
                triples += res.triples
        report.built.sort()
        report.triples_written = triples
        return report


def write_graph(folder: Path, graph: str, ntriples: bytes, key: tuple[str, int]) -> Path:
    """One graph and its build key as an N-Quads file in `folder`, written whole or not at all."""
    canonical = ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    lines = canonical.splitlines(keepends=True)
    lines.sort()
    keys = buildkeys.key_triples({graph: key}).encode("utf-8").splitlines(keepends=True)
    path = folder / split_name(graph)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        partial.write_bytes(as_nquads(lines, ox.NamedNode(graph)) + as_nquads(keys, ox.NamedNode(str(iris.BUILD_GRAPH))))
        partial.replace(path)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {os_reason(exc)}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return path
