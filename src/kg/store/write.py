"""Writing a build into the store all at once, or not at all, small builds and large ones alike.

Oxigraph's transactional writes (SPARQL Update, `Store.load`, `Store.extend`) hold the whole
change in memory and slow down badly past a few hundred thousand triples (PERFORMANCE.md; at
3.4 M triples an INSERT DATA took 7 minutes and 10 GB here), while its bulk loader is fast but
not transactional. So:

Every graph comes as N-Triples text (UTF-8 bytes), the one encoding the build hands over; it is
wrapped, not rewritten: in `GRAPH <g> { … }` for SPARQL Update, in a TriG block `<g> { … }` for
the bulk loader (which reads TriG as fast as N-Quads).

- a small change (up to SMALL triples, e.g. one release rebuilt) is one SPARQL Update:
  DROP each graph, INSERT DATA its new triples, and the build keys with them;
- a large one is bulk-loaded, while the workers still run, into a copy of the store made beside
  it (a RocksDB checkpoint: hard links, no data copied; or a fresh store when every release is
  rebuilt), and the copy then
  takes the store's place by one atomic exchange of the two folders (renameat2
  RENAME_EXCHANGE). Until that exchange the store folder is untouched, so an interrupted
  build leaves it as it was. The copy is removed however the build ends: a small watcher
  process in a session of its own (`_Cleaner`) removes it when the build's process is gone,
  even after `kill -9` of the build and its process group; the next build also removes any left.
"""
from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from ..config import process_alive
from . import open_store
from .buildkeys import BUILD_GRAPH, key_triples

SMALL = 20_000
_PREFIX = ".kg-new-"


class Session:
    """The store being built into: opened for writing, replaced wholesale by a large write."""

    def __init__(self, store_dir: Path):
        self.dir = Path(store_dir)
        self.store: ox.Store | None = open_store(self.dir, create=True)
        self._clean_leftovers()

    def _clean_leftovers(self) -> None:
        for old in self.dir.parent.glob(f"{_PREFIX}{self.dir.name}-*"):
            pid = old.name.rsplit("-", 1)[-1]
            if not (pid.isdigit() and process_alive(int(pid))):
                shutil.rmtree(old, ignore_errors=True)

    def graphs(self) -> set[str]:
        return {g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)}

    def commit(self, writes: list[tuple[str, bytes]], keys: dict[str, tuple[str, int]]) -> str:
        """Replace the graphs of `writes` ((IRI, N-Triples) pairs) and their keys in one SPARQL Update."""
        self._transaction(writes, keys)
        return "transaction"

    def loader(self, fresh: bool) -> "Loader":
        """A bulk loader into a copy of the store, fed while the workers still run."""
        return Loader(self, fresh)

    def _transaction(self, writes: list[tuple[str, bytes]], keys: dict[str, tuple[str, int]]) -> None:
        parts = []
        for name, body in writes:
            parts.append(f"DROP SILENT GRAPH <{name}> ;")
            if body:
                parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{body.decode('utf-8')}\n}} }} ;")
        if keys:
            values = " ".join(f"<{g}>" for g in keys)
            parts.append(f"DELETE {{ GRAPH <{BUILD_GRAPH}> {{ ?g ?p ?k }} }} WHERE {{ VALUES ?g {{ {values} }} "
                         f"GRAPH <{BUILD_GRAPH}> {{ ?g ?p ?k }} }} ;")
            parts.append(f"INSERT DATA {{ GRAPH <{BUILD_GRAPH}> {{\n{key_triples(keys)}}} }} ;")
        if parts:
            self.store.update("\n".join(parts).rstrip(" ;"))
            self.store.flush()

    def _kept_quads(self, graph: str, keys: dict[str, tuple[str, int]]):
        """The quads of a graph this build keeps; of the build graph, those about graphs not rewritten."""
        quads = self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        if graph != str(BUILD_GRAPH):
            yield from quads
            return
        yield from (q for q in quads if q.subject.value not in keys)

    def swap_in(self, tmp: Path) -> None:
        """Put the store built in `tmp` in this store's place (atomically) and open it."""
        self.store = None  # the old store's files stay readable through their links until removed
        exchange(tmp, self.dir)
        shutil.rmtree(tmp, ignore_errors=True)
        self.store = open_store(self.dir)


class Loader:
    """Bulk-loads chunks of TriG into a copy of the store, in a thread, while the build goes on.

    fresh: the copy starts empty and, at the end, takes over the old store's graphs that this
    build did not replace (for a first build, or when the code changed and every release is
    rebuilt); otherwise the copy is a checkpoint of the store and each replaced graph is dropped
    from it just before its new triples are loaded. pyoxigraph releases the GIL while it loads.
    """

    CHUNK = 64 * 2**20

    def __init__(self, session: Session, fresh: bool):
        import queue
        import threading

        self.session, self.fresh = session, fresh
        self.existing = session.graphs()
        self.tmp = session.dir.with_name(f"{_PREFIX}{session.dir.name}-{os.getpid()}")
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.cleaner = _Cleaner(self.tmp)
        if not fresh:
            session.store.backup(str(self.tmp))
        self.new = ox.Store(str(self.tmp))
        self.buffer: list[bytes] = []
        self.graphs: list[str] = []
        self.size = 0
        self.replaced: set[str] = set()
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, daemon=True)
        self.thread.start()

    def add(self, graph: str, ntriples: bytes) -> None:
        """Queue one graph's N-Triples text for loading into the named graph `graph`."""
        self.buffer.append(b"<%s> {\n%s}\n" % (graph.encode("utf-8"), ntriples))
        self.graphs.append(graph)
        self.size += len(ntriples)
        if self.size >= self.CHUNK:
            self._send()

    def _send(self) -> None:
        if self.buffer:
            self._put((self.graphs, b"".join(self.buffer)))
        self.buffer, self.graphs, self.size = [], [], 0

    def _put(self, item) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(item)

    def _work(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            if self.error is not None:
                continue
            try:
                graphs, data = item
                for g in graphs:
                    self.replaced.add(g)
                    if not self.fresh and g in self.existing:
                        self.new.remove_graph(ox.NamedNode(g))
                self.new.bulk_load(data, format=ox.RdfFormat.TRIG)
            except BaseException as exc:  # reported by finish()
                self.error = exc

    def finish(self, keys: dict[str, tuple[str, int]], prepare=None) -> str:
        """Load the rest, the kept graphs and the keys, then swap the copy in. Returns how it was written.
        `prepare(folder, kept)` is called with the copy's folder and the graphs a fresh copy took over
        as they were, just before the swap, for what must move with the store (the old store is still
        open as `session.store`)."""
        build = ox.NamedNode(str(BUILD_GRAPH))
        kept: list[str] = []
        if self.fresh:  # the graphs this build did not replace, dumped as text and loaded like the rest
            kept = sorted(self.existing - set(self.graphs) - self.replaced - set(keys) - {str(BUILD_GRAPH)})
            for g in kept:
                self.add(g, self.session.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g)))
        self._send()
        self._put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        if self.fresh:
            if str(BUILD_GRAPH) in self.existing:
                self.new.bulk_extend(self.session._kept_quads(str(BUILD_GRAPH), keys))
        else:
            for g in keys:
                for q in list(self.new.quads_for_pattern(ox.NamedNode(g), None, None, build)):
                    self.new.remove(q)
        self.new.bulk_load(key_triples(keys).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=build)
        # Each bulk_load call adds its own overlapping files; one compaction makes lookups read one per
        # level (saved queries on a 1k store: 2x faster; costs ~2.2 us CPU per quad, a sixth of the load).
        self.new.optimize()
        self.new.flush()
        self.new = None
        if prepare is not None:
            prepare(self.tmp, kept)
        self.session.swap_in(self.tmp)
        self.cleaner.done()
        return "bulk load into a fresh store" if self.fresh else "bulk load into a checkpoint"

    def abort(self) -> None:
        if self.thread.is_alive():
            self.error = self.error or RuntimeError("aborted")
            self.queue.put(None)
            self.thread.join()
        self.new = None
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.cleaner.done()


class _Cleaner:
    """A watcher that removes `folder` once this process is gone, however it went (even killed
    with its whole process group: the watcher runs in a session of its own). It looks every
    0.2 s whether this process still runs; `done()` (the folder is dealt with) stops it. `sh`,
    `kill -0` and `sleep`: no Python start-up, no pipe a forked worker could keep open."""

    SCRIPT = 'while kill -0 "$2" 2>/dev/null; do sleep 0.2; done; rm -rf -- "$1"'

    def __init__(self, folder: Path):
        import subprocess

        try:
            self.process = subprocess.Popen(["sh", "-c", self.SCRIPT, "kg-clean", str(folder), str(os.getpid())],
                                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError:  # no sh: the next build removes a left-over copy
            self.process = None

    def done(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None



def exchange(new: Path, target: Path) -> None:
    """Put folder `new` in the place of `target` atomically; `new` then names the old folder."""
    if not target.exists():
        os.rename(new, target)
        new.mkdir()
        return
    libc = ctypes.CDLL(None, use_errno=True)
    at_fdcwd, rename_exchange = -100, 2
    if libc.renameat2(at_fdcwd, os.fsencode(str(new)), at_fdcwd, os.fsencode(str(target)), rename_exchange) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"cannot exchange {new} and {target}: {os.strerror(err)}")

