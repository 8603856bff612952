"""Opening the on-disk store, without importing rdflib: `kg query` needs only this and pyoxigraph."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError


def open_store(path: Path | str, *, create: bool = False, read_only: bool = False) -> ox.Store:
    path = Path(path)
    if not create and not (path / "CURRENT").exists():
        raise StoreError(f"no store at {path}", hint="build one first with `kg build`, or pass --store DIR")
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}",
                         hint="another kg process may be writing to it; wait for it to finish") from exc
