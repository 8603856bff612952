"""Writes the store, or one release's graph, in a standard RDF format. Same store, same bytes.

Streamed graph by graph: each named graph is dumped by Oxigraph as N-Triples and its lines are
sorted as bytes, so the order depends on the content only (not on the order of insertion nor on
how the store keeps its indexes), and memory holds one graph at a time. Graphs come in IRI order.

TriG and N-Quads keep the named graphs. Turtle and N-Triples hold triples, so they carry the
union of the graphs chosen, each triple once: the sorted lines are merged across graphs, spilling
sorted runs to temporary files when they outgrow memory. JSON-LD is compacted with the shipped
context (ontology/kg.context.jsonld) by kg.jsonld, node by node, offline. The build's
bookkeeping graph and the default graph are left out. N-Quads and JSON-LD can be rendered graph by
graph in worker processes (`kg export -j N`), written in the same order: same bytes.

`write_split` writes the N-Quads export as one file per graph (`kg export -f nq --split DIR`), for
the bulk loaders of bigger stores (Virtuoso's ld_dir + rdf_loader_run, `oxigraph load`, QLever).
"""
from __future__ import annotations

import hashlib
import heapq
import io
import itertools
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..rdf import iris
from ..errors import KgError
from .jsonld import context  # noqa: F401 - kg.serve reads the shipped context from here
from ..rdf.vocab import PREFIXES

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
EXTENSIONS = {".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig", ".jsonld": "jsonld", ".json": "jsonld"}
RUN_BYTES = 64 * 1024 * 1024  # N-Triples kept in memory before a sorted run goes to a temporary file


def format_for(path: str | None, fmt: str | None) -> str:
    """The format asked for, else the one the file's extension names; stdout gets TriG. An extension
    that names none (out.rdf, out.xlsx, no extension) is an error, not a TriG file under that name."""
    if fmt:
        return fmt
    if path is None:
        return "trig"
    for ext, name in EXTENSIONS.items():
        if path.lower().endswith(ext):
            return name
    raise KgError(f"cannot tell the export format of {path} from its extension",
                  hint="use " + ", ".join(EXTENSIONS) + ", or give -f ttl|nt|nq|trig|jsonld"
                       + ("; RDF/XML is not written (it cannot hold named graphs)" if path.lower().endswith(
                           (".rdf", ".owl", ".xml")) else ""))


def release_id(release: str) -> str:
    """A release as `kg query releases` shows it (release/ID), its IRI, its graph's IRI, or the bare ID."""
    text = release.strip()
    for prefix in (str(iris.graph_iri("")), str(iris.release_iri("x"))[:-1], "graph/release/", "release/"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def graphs(store: ox.Store, release: str | None = None) -> list[ox.NamedNode]:
    """The named graphs to export, in IRI order: one release's, or all but the build's bookkeeping."""
    if release is not None:
        graph = ox.NamedNode(str(iris.graph_iri(release_id(release))))
        if not store.contains_named_graph(graph):
            raise KgError(f"no release {release!r} in the store", hint="`kg query releases` lists the release IDs")
        return [graph]
    bookkeeping = str(iris.BUILD_GRAPH)
    return sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value != bookkeeping),
                  key=lambda g: g.value)


def sorted_lines(store: ox.Store, graph: ox.NamedNode) -> list[bytes]:
    """One graph's triples as N-Triples lines (each ending in ' .\\n'), sorted as bytes."""
    lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines(keepends=True)
    lines.sort()
    return lines


def as_nquads(lines: list[bytes], graph: ox.NamedNode) -> bytes:
    # A newline inside an N-Triples term is written as the escape \n, so each line's only raw
    # newline is its last byte and ' .\n' occurs once per line, at its end.
    return b"".join(lines).replace(b" .\n", b" " + str(graph).encode("utf-8") + b" .\n")


def export(store: ox.Store, fmt: str, release: str | None = None) -> bytes:
    """The whole export as bytes (for small stores and tests; `write` streams to a file)."""
    buffer = io.BytesIO()
    write(store, fmt, buffer, release)
    return buffer.getvalue()


def write(store: ox.Store, fmt: str, out: BinaryIO, release: str | None = None, *,
          jobs: int = 1, path: str | os.PathLike | None = None) -> None:
    """Write the export to a binary stream.

    With jobs > 1 and the store's folder as path, N-Quads and JSON-LD graphs are rendered by that
    many worker processes, each with its own read-only handle on the store; the output is the same.
    """
    if fmt not in FORMATS:
        raise KgError(f"unknown export format {fmt!r}", hint="use one of " + ", ".join(FORMATS))
    chosen = graphs(store, release)
    if fmt == "nq":
        out.writelines(_rendered(store, fmt, chosen, jobs, path))
    elif fmt == "jsonld":
        from .jsonld import write_document
        write_document(_rendered(store, fmt, chosen, jobs, path), out)
    elif fmt == "trig":
        ox.serialize(_quads(store, chosen), out, format=ox.RdfFormat.TRIG, prefixes=_prefixes())
    elif fmt == "nt":
        with _union(store, chosen) as lines:
            out.writelines(lines)
    else:
        with _union(store, chosen) as lines:
            triples = ox.parse(_LineReader(lines), format=ox.RdfFormat.N_TRIPLES)
            ox.serialize(triples, out, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())


def render(store: ox.Store, fmt: str, graph: ox.NamedNode) -> bytes:
    """One graph's part of an N-Quads or JSON-LD export."""
    if fmt == "nq":
        return as_nquads(sorted_lines(store, graph), graph)
    from .jsonld import graph_text
    return graph_text(graph, _triples(store, graph)).encode("utf-8")


def split_name(graph: str) -> str:
    """The file a graph goes to in a split export (and in `kg build --emit`): the graph IRI's path under
    the base's graph/ with '/' as '.', so release.ID.nq, reference.nq, ontology.nq, links.nq; a graph
    from elsewhere gets graph.<digest>.nq."""
    prefix = str(iris.iri("graph", ""))
    if graph.startswith(prefix) and _SAFE.fullmatch(graph[len(prefix):]):
        return graph[len(prefix):].replace("/", ".") + ".nq"
    return "graph." + hashlib.sha256(graph.encode("utf-8")).hexdigest()[:16] + ".nq"


_SAFE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")


def write_split(store: ox.Store, directory: str | os.PathLike, release: str | None = None, *,
                jobs: int = 1, path: str | os.PathLike | None = None) -> list[Path]:
    """One N-Quads file per named graph in `directory` (see split_name), each the same bytes as that
    graph's part of the N-Quads export. The folder must be new or empty; it is filled beside it and
    renamed into place at the end, so it holds a whole export or nothing."""
    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise KgError(f"{target} is not an empty folder", hint="give a new folder for --split, or empty it first")
    chosen = graphs(store, release)
    partial = target.with_name(f".{target.name}.part-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        names = [split_name(g.value) for g in chosen]
        for name, data in zip(names, _rendered(store, "nq", chosen, jobs, path)):
            (partial / name).write_bytes(data)
        if target.exists():
            target.rmdir()
        partial.rename(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return [target / name for name in names]


GRAPHS_PER_TASK = 8
WORKERS_FROM = 32  # graphs: below that, starting worker processes costs more than it saves


def _rendered(store: ox.Store, fmt: str, chosen: list[ox.NamedNode], jobs: int,
              path: str | os.PathLike | None) -> Iterator[bytes]:
    """Each graph's part in order; from worker processes when asked for and worth it."""
    if jobs <= 1 or path is None or len(chosen) < WORKERS_FROM:
        for graph in chosen:
            yield render(store, fmt, graph)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    tasks = [[g.value for g in chosen[i:i + GRAPHS_PER_TASK]] for i in range(0, len(chosen), GRAPHS_PER_TASK)]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_open_worker_store, initargs=(os.fspath(path),)) as pool:
        pending: deque = deque()
        for task in tasks:  # a bounded window of tasks in flight keeps memory flat
            pending.append(pool.submit(_render_task, fmt, task))
            if len(pending) >= 4 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


_WORKER_STORE: ox.Store | None = None


def _open_worker_store(path: str) -> None:
    global _WORKER_STORE
    _end_with_parent()
    _WORKER_STORE = ox.Store.read_only(path)


def _end_with_parent() -> None:
    """On Linux, have the kernel end this worker when the `kg export` that started it dies (killed, or
    timed out by a caller), instead of rendering on for a parent that is gone."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _render_task(fmt: str, graph_iris: list[str]) -> list[bytes]:
    return [render(_WORKER_STORE, fmt, ox.NamedNode(iri)) for iri in graph_iris]


def _prefixes() -> dict[str, str]:
    return {k: str(v) for k, v in PREFIXES.items()}


def _triples(store: ox.Store, graph: ox.NamedNode) -> Iterator[ox.Triple]:
    return ox.parse(b"".join(sorted_lines(store, graph)), format=ox.RdfFormat.N_TRIPLES)


def _quads(store: ox.Store, chosen: list[ox.NamedNode]) -> Iterator[ox.Quad]:
    for graph in chosen:
        yield from ox.parse(as_nquads(sorted_lines(store, graph), graph), format=ox.RdfFormat.N_QUADS)


class _union:
    """The sorted, distinct N-Triples lines of several graphs: a context manager yielding an iterator.

    Lines gather in memory up to RUN_BYTES; past that each batch is sorted, written to a temporary
    file as a run, and the runs are merged at the end.
    """

    def __init__(self, store: ox.Store, chosen: list[ox.NamedNode]):
        self.store, self.chosen = store, chosen
        self.tmp: tempfile.TemporaryDirectory | None = None
        self.files: list[BinaryIO] = []

    def __enter__(self) -> Iterator[bytes]:
        batch: set[bytes] = set()
        size, runs = 0, []
        for graph in self.chosen:
            dump = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            batch.update(dump.splitlines(keepends=True))
            size += len(dump)
            if size > RUN_BYTES:
                runs.append(self._spill(batch))
                batch, size = set(), 0
        if not runs:
            return iter(sorted(batch))
        if batch:
            runs.append(self._spill(batch))
        return _distinct(heapq.merge(*runs))

    def _spill(self, batch: set[bytes]) -> Iterable[bytes]:
        if self.tmp is None:
            self.tmp = tempfile.TemporaryDirectory(prefix="kg-export-")
        path = os.path.join(self.tmp.name, f"run{len(self.files)}.nt")
        with open(path, "wb") as f:
            f.writelines(sorted(batch))
        self.files.append(open(path, "rb"))  # noqa: SIM115 - closed in __exit__
        return self.files[-1]

    def __exit__(self, *exc) -> None:
        for f in self.files:
            f.close()
        if self.tmp is not None:
            self.tmp.cleanup()


def _distinct(lines: Iterable[bytes]) -> Iterator[bytes]:
    return (line for line, _ in itertools.groupby(lines))


class _LineReader(io.RawIOBase):
    """A binary file over an iterator of lines, for the parser."""

    def __init__(self, lines: Iterator[bytes]):
        self.lines, self.pending, self.offset = lines, b"", 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.offset >= len(self.pending):
            self.pending, self.offset = b"".join(itertools.islice(self.lines, 4096)), 0
        n = min(len(buffer), len(self.pending) - self.offset)
        buffer[:n] = self.pending[self.offset:self.offset + n]
        self.offset += n
        return n
