"""The build: files -> sources -> releases -> triples -> validation -> store, and whole-store checks.

It wires the stages and returns a report (`BuildReport`); it never prints and never exits. A bad
file or a release that violates the shapes stops that release, not the build. Files are read,
extracted, mapped and validated in worker processes, one per core (`kg.pipeline.worker`); files whose
input key the store already holds are skipped. The store is written once, at the end, all or
nothing (`kg.store.write`): an interrupted build leaves it as it was. Rules that span releases are
then checked over the store (`kg.validation.crossrules`).

It must not be imported by the stages below it (ingest, extract, rdf, validate, store, read).
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import KgError, WriteError, is_write_fault, os_reason
from ..validation.report import ValidationReport
from .report import BuildReport, FileProblem

SOURCE_SUFFIXES = {".txt", ".html", ".htm"}

__all__ = ["BuildReport", "FileProblem", "build", "collect_files", "validate_store"]


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Source files under the given files and folders, recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():  # hidden folders (a fetch's staging, .git) are not read
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts[:-1]))
        elif path.exists():
            found.append(path)
        else:
            raise KgError(f"no such file or folder: {path}")
    return found


def build(paths: Iterable[Path], store_dir: Path, *, progress: Callable[[Path], None] | None = None,
          phase: Callable[[str], None] | None = None, engine: str | None = None, jobs: int | None = None,
          time_limit: float | None = None, max_bytes: int | None = None, emit: Path | None = None) -> BuildReport:
    """Build the release files and folders `paths` into the store at `store_dir`, or, with `emit` (a
    folder), into N-Quads files there and no store (kg.pipeline.emit).

    `time_limit` (seconds) and `max_bytes` bound what one file may cost (default: Limits())."""
    from ..validation import default_engine
    from .run import BuildRun
    from .worker import Limits

    limits = Limits(time_limit or Limits.seconds, max_bytes or Limits.max_bytes)
    files = collect_files(paths)
    if emit is not None:
        from .emit import EmitRun

        return EmitRun(Path(emit), engine or default_engine(), jobs or len(os.sched_getaffinity(0)), limits).run(
            files, progress)
    store_dir = Path(store_dir)
    new = not store_dir.exists()
    try:
        return BuildRun(store_dir, engine or default_engine(), jobs or len(os.sched_getaffinity(0)), limits).run(
            files, progress, phase)
    except OSError as exc:  # the store's disk is full, read-only, or not ours to write
        if new:  # a store folder this build made is not left half made
            shutil.rmtree(store_dir, ignore_errors=True)
        if not is_write_fault(exc):
            raise
        raise WriteError(f"cannot write the store at {store_dir}: {os_reason(exc)}",
                         hint="the store is as it was before this build" if not new else None) from exc
    except BaseException:
        if new:
            shutil.rmtree(store_dir, ignore_errors=True)
        raise


def validate_store(store_dir: Path, *, engine: str | None = None) -> ValidationReport:
    """Every release graph with the reference data it points to, the reference data once, and the
    rules that span releases (rules/*.rq)."""
    from ..rdf import iris
    from ..store import open_store, rdflib_graph
    from ..validation import validate_graph, validate_release
    from ..validation.crossrules import check

    store = open_store(store_dir, read_only=True)
    reference = rdflib_graph(store, str(iris.REFERENCE_GRAPH))
    report = validate_graph(reference, str(iris.REFERENCE_GRAPH), engine=engine)
    release_prefix = str(iris.graph_iri(""))
    for graph in sorted(g.value for g in store.named_graphs()):
        if graph.startswith(release_prefix):
            report.extend(validate_release(rdflib_graph(store, graph), reference, engine=engine))
    report.extend(check(store))
    return report
