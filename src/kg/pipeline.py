"""Wires the stages: files -> sources -> releases -> graphs -> validation -> store. Never prints.

A bad file or a release that violates the shapes stops that release, not the build. The store is
written once, at the end, in one transaction: an interrupted build leaves it as it was.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from . import gazetteer as gaz_mod
from . import iris, store as store_mod
from .config import ONTOLOGY_FILE
from .errors import KgError
from .extract import extract_release
from .ingest import read_source
from .mapping import graph_for_release
from .reference import reference_graph
from .validate import ValidationReport, validate_graph, validate_release

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


def build(paths: Iterable[Path], store_dir: Path, *,
          progress: Callable[[Path], None] | None = None) -> BuildReport:
    gazetteer = gaz_mod.load()
    report = BuildReport()
    # The ontology stays out of the data graph: its rdfs:subClassOf axioms would widen the shapes' targets.
    reference = reference_graph(gazetteer)
    report.violations.extend(validate_graph(reference, str(iris.REFERENCE_GRAPH)))
    files = collect_files(paths)
    report.files = len(files)
    graphs: dict[str, Graph] = {}
    owners: dict[str, Path] = {}
    for path in files:
        try:
            rid, graph = graph_for_file(path, gazetteer)
        except KgError as exc:
            report.problems.append(FileProblem(str(path), exc.message + (f" ({exc.hint})" if exc.hint else "")))
            continue
        finally:
            if progress:
                progress(path)
        if rid in owners:
            report.problems.append(FileProblem(str(path), f"reports the same release ({rid}) as {owners[rid]}; skipped"))
            continue
        owners[rid] = path
        result = validate_release(graph, reference)
        if result.conforms:
            graphs[rid] = graph
        else:
            report.rejected.append(rid)
            report.violations.extend(result)
    store = store_mod.open_store(store_dir, create=True)
    writes = [(str(iris.REFERENCE_GRAPH), store_mod.ntriples(reference)),
              (str(store_mod.ONTOLOGY_GRAPH), store_mod.ntriples(ontology_graph()))]
    writes += [(str(g.identifier), store_mod.ntriples(g)) for _, g in sorted(graphs.items())]
    report.triples_written = store_mod.replace_graphs(store, writes)
    report.built = sorted(graphs)
    report.store_triples = store_mod.triple_count(store)
    return report
