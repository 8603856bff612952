"""Wires the stages: files -> sources -> releases -> graphs -> validation -> store. Never prints.

A bad file or a release that violates the shapes stops that release, not the build. Files are
read, extracted, mapped and validated in worker processes, one per core (kg.workers); files
whose input key the store already holds are skipped. The store is written once, at the end,
all or nothing (kg.storewrite): an interrupted build leaves it as it was. Rules that span
releases are then checked over the store (kg.crossrules).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from . import store as store_mod
from .config import ONTOLOGY_FILE
from .errors import KgError
from .extract import extract_release
from .ingest import read_source
from .mapping import graph_for_release
from .validate import ValidationReport, default_engine

SOURCE_SUFFIXES = {".txt", ".html", ".htm"}


@dataclass
class FileProblem:
    path: str
    message: str


@dataclass
class BuildReport:
    files: int = 0
    built: list[str] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    violations: ValidationReport = field(default_factory=ValidationReport)
    rejected: list[str] = field(default_factory=list)  # release IDs not stored for violations
    triples_written: int = 0
    store_triples: int = 0
    skipped: list[str] = field(default_factory=list)  # release IDs whose input is unchanged since they were stored
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, summed over the workers
    write_method: str = ""
    engine: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and self.violations.conforms


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Source files under the given files and folders, recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
        elif path.exists():
            found.append(path)
        else:
            raise KgError(f"no such file or folder: {path}")
    return found


def graph_for_file(path: Path, gazetteer) -> tuple[str, Graph]:
    source = read_source(path)
    release = extract_release(source, gazetteer)
    return release.id, graph_for_release(release, gazetteer)


def ontology_graph() -> Graph:
    return Graph(identifier=store_mod.ONTOLOGY_GRAPH).parse(ONTOLOGY_FILE, format="turtle")


def build(paths: Iterable[Path], store_dir: Path, *, progress: Callable[[Path], None] | None = None,
          engine: str | None = None, jobs: int | None = None) -> BuildReport:
    from .buildrun import BuildRun

    return BuildRun(store_dir, engine or default_engine(), jobs or len(os.sched_getaffinity(0))).run(
        collect_files(paths), progress)
