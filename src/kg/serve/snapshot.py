"""What the server reads: a snapshot of the store without the build's bookkeeping graph.

The store holds, besides the data, the build's own graph (`…/graph/build`: each graph's input key
and size), which export and push leave out. A query cannot be kept from it by rewriting (the
default graph is the union of all graphs), and naming every other graph in each query's dataset
costs about 60 ms per triple pattern at 1,000 releases. So the server serves a checkpoint of the
store (RocksDB hard links: no data copied, 30 ms) from which that one graph is removed (2 quads per
release). The checkpoint sits beside the store, is removed when the server stops, and one left by
a killed server is removed by the next. It also keeps the server on the store as it was at start,
whatever a later `kg build` does.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ..config import process_alive
from ..rdf.iris import BUILD_GRAPH
from ..read import tables

PREFIX = ".kg-serve-"


def make(store: Path) -> tuple[Path | None, str | None]:
    """(the snapshot's folder, None), or (None, why not) when no snapshot could be made."""
    store = Path(store).resolve()
    _clean_leftovers(store)
    why = None
    for parent in (store.parent, Path(tempfile.gettempdir())):
        target = parent / f"{PREFIX}{store.name}-{os.getpid()}"
        try:
            shutil.rmtree(target, ignore_errors=True)
            ox.Store.read_only(str(store)).backup(str(target))
            snapshot = ox.Store(str(target))
            tables.keep(store, target, tables.generation(snapshot))  # the saved queries' tables, if the store's
            snapshot.remove_graph(ox.NamedNode(str(BUILD_GRAPH)))
            snapshot.flush()
            del snapshot
            return target, None
        except OSError as exc:
            shutil.rmtree(target, ignore_errors=True)
            why = str(exc)
    return None, why


def remove(snapshot: Path | None) -> None:
    if snapshot is not None:
        shutil.rmtree(snapshot, ignore_errors=True)


def _clean_leftovers(store: Path) -> None:
    for parent in (store.parent, Path(tempfile.gettempdir())):
        for old in parent.glob(f"{PREFIX}{store.name}-*"):
            pid = old.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not process_alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)

