"""The naive baseline: one process, one rdflib Graph, whole-graph pyshacl, one SPARQL Update.

    python bench/baseline.py CORPUS STORE [--timeout SECONDS]

This is how the build worked before the performance work: every release read, extracted and
mapped in turn into rdflib graphs, all of them (with the reference data) validated as one
graph by pyshacl, then written to Oxigraph as one SPARQL Update (DROP + INSERT DATA per graph).
Prints one JSON line with the seconds per stage; a stage still running at the time-out is
reported as such (the figures then bound the baseline from below).
"""
from __future__ import annotations

import argparse
import json
import signal
import time
from pathlib import Path


class TimedOut(Exception):
    pass


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()

    from rdflib import Graph

    from kg import gazetteer as gaz_mod
    from kg.extract import extract_release
    from kg.ingest import read_source
    from kg.pipeline import collect_files
    from kg.rdf import iris
    from kg.rdf.mapping import graph_for_release
    from kg.rdf.reference import reference_graph
    from kg.rdf.topics import load_scheme
    from kg.store import open_store, replace_graphs
    from kg.validation import validate_graph

    def alarm(*_):
        raise TimedOut()

    signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, args.timeout)
    stages = {"parse": 0.0, "extract": 0.0, "map": 0.0, "validate": 0.0, "store": 0.0}
    out = {"stages_s": stages, "timed_out": None, "releases": 0, "triples": 0}
    stage = "parse"
    try:
        gaz, scheme = gaz_mod.load(), load_scheme()
        reference = reference_graph(gaz, scheme)
        whole = Graph()
        whole += reference
        graphs = []
        for path in collect_files([args.corpus]):
            t0 = time.perf_counter()
            stage = "parse"
            source = read_source(path)
            t1 = time.perf_counter()
            stage = "extract"
            release = extract_release(source, gaz)
            t2 = time.perf_counter()
            stage = "map"
            graph = graph_for_release(release, gaz, scheme)
            whole += graph
            graphs.append(graph)
            t3 = time.perf_counter()
            for name, a, b in (("parse", t0, t1), ("extract", t1, t2), ("map", t2, t3)):
                stages[name] += b - a
        out["releases"], out["triples"] = len(graphs), len(whole)
        stage = "validate"
        t = time.perf_counter()
        report = validate_graph(whole, "baseline", engine="pyshacl")
        stages["validate"] = time.perf_counter() - t
        out["violations"] = len(report.violations)
        stage = "store"
        signal.setitimer(signal.ITIMER_REAL, 0)  # the SPARQL Update runs in Rust: an alarm could only fire after it
        t = time.perf_counter()
        store = open_store(args.store, create=True)
        replace_graphs(store, [(str(iris.REFERENCE_GRAPH), reference.serialize(format="nt"))]
                       + [(str(g.identifier), g.serialize(format="nt")) for g in graphs])
        stages["store"] = time.perf_counter() - t
    except TimedOut:
        out["timed_out"] = stage
        if stage in ("validate", "store"):
            stages[stage] = args.timeout - sum(v for k, v in stages.items() if k != stage)
    signal.setitimer(signal.ITIMER_REAL, 0)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
