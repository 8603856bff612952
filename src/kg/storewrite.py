"""Writing a build into the store all at once, or not at all, small builds and large ones alike.

Oxigraph's transactional writes (SPARQL Update, `Store.load`, `Store.extend`) hold the whole
change in memory and slow down badly past a few hundred thousand triples (PERFORMANCE.md; at
3.4 M triples an INSERT DATA took 7 minutes and 10 GB here), while its bulk loader is fast but
not transactional. So:

- a small change (up to SMALL triples, e.g. one release rebuilt) is one SPARQL Update:
  DROP each graph, INSERT DATA its new triples, and the build keys with them;
- a large one is bulk-loaded into a copy of the store made beside it (a RocksDB checkpoint:
  hard links, no data copied; or a fresh store when most graphs change), and the copy then
  takes the store's place by one atomic exchange of the two folders (renameat2
  RENAME_EXCHANGE). Until that exchange the store folder is untouched, so an interrupted
  build leaves it as it was; a copy left over by a killed build is removed by the next one.
"""
from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from .buildstate import BUILD_GRAPH, key_triples

SMALL = 20_000
_PREFIX = ".kg-new-"


class Session:
    """The store being built into: opened for writing, replaced wholesale by a large write."""

    def __init__(self, store_dir: Path):
        from .store import open_store

        self.dir = Path(store_dir)
        self.store: ox.Store | None = open_store(self.dir, create=True)
        self._clean_leftovers()

    def _clean_leftovers(self) -> None:
        for old in self.dir.parent.glob(f"{_PREFIX}{self.dir.name}-*"):
            pid = old.name.rsplit("-", 1)[-1]
            if not (pid.isdigit() and _alive(int(pid))):
                shutil.rmtree(old, ignore_errors=True)

    def graphs(self) -> set[str]:
        return {g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)}

    def commit(self, writes: list[tuple[str, str]], nquads: Path | None, triples: int,
               keys: dict[str, tuple[str, int]]) -> str:
        """Replace the graphs of `writes` ((IRI, N-Triples) pairs, or all in the `nquads` file) and their keys."""
        if triples <= SMALL or nquads is None:
            self._transaction(writes, keys)
            return "transaction"
        return self._swap([g for g, _ in writes], nquads, keys)

    def _transaction(self, writes: list[tuple[str, str]], keys: dict[str, tuple[str, int]]) -> None:
        parts = []
        for name, body in writes:
            parts.append(f"DROP SILENT GRAPH <{name}> ;")
            if body:
                parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }} ;")
        if keys:
            values = " ".join(f"<{g}>" for g in keys)
            parts.append(f"DELETE {{ GRAPH <{BUILD_GRAPH}> {{ ?g ?p ?k }} }} WHERE {{ VALUES ?g {{ {values} }} "
                         f"GRAPH <{BUILD_GRAPH}> {{ ?g ?p ?k }} }} ;")
            parts.append(f"INSERT DATA {{ GRAPH <{BUILD_GRAPH}> {{\n{key_triples(keys)}}} }} ;")
        if parts:
            self.store.update("\n".join(parts).rstrip(" ;"))
            self.store.flush()

    def _swap(self, replaced: list[str], nquads: Path, keys: dict[str, tuple[str, int]]) -> str:
        tmp = self.dir.with_name(f"{_PREFIX}{self.dir.name}-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        existing = self.graphs()
        gone = set(replaced) & existing
        kept = existing - gone
        if len(gone) * 2 >= len(existing):
            new, how = ox.Store(str(tmp)), "bulk load into a fresh store"
            for g in sorted(kept):
                new.bulk_extend(self._kept_quads(g, keys))
        else:
            self.store.backup(str(tmp))
            new, how = ox.Store(str(tmp)), "bulk load into a checkpoint"
            for g in sorted(gone):
                new.remove_graph(ox.NamedNode(g))
            build = ox.NamedNode(str(BUILD_GRAPH))
            for g in keys:
                for q in list(new.quads_for_pattern(ox.NamedNode(g), None, None, build)):
                    new.remove(q)
        new.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        new.bulk_load(key_triples(keys).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(BUILD_GRAPH)))
        new.flush()
        del new
        self.store = None  # the old store's files stay readable through their links until removed
        exchange(tmp, self.dir)
        shutil.rmtree(tmp, ignore_errors=True)
        from .store import open_store

        self.store = open_store(self.dir)
        return how

    def _kept_quads(self, graph: str, keys: dict[str, tuple[str, int]]):
        if graph != str(BUILD_GRAPH):
            yield from self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            return
        for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            if q.subject.value not in keys:
                yield q


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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
