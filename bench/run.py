"""The benchmark: build, query, rebuild and export synthetic corpora of 1k, 10k and 50k releases.

    python bench/run.py                       # sizes 1000,10000,50000; baseline at 1000
    python bench/run.py --sizes 1000 --baseline 200 --query-runs 1 --work /tmp/kg-bench

Writes bench/results/results.json and results.md (Markdown tables). Every build runs as
its own process (`python -m kg.cli build`-equivalent, through bench/buildone.py, which also
reports the time per stage); its peak RSS is the largest sum of resident memory over the
process and its workers, sampled from /proc every 50 ms. Queries are timed as a user runs
them: `kg query NAME` as a whole process, start-up included.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from procmem import run_measured  # noqa: E402

PY = sys.executable
KG = [PY, "-m", "kg"]
SKIP_QUERIES = {"wikidata-federated"}  # asks query.wikidata.org: online only


def build(src: Path, store: Path, extra: list[str] | None = None) -> dict:
    """One build in its own process: wall time, peak RSS and what bench/buildone.py reports."""
    cmd = [PY, str(HERE / "buildone.py"), str(store)] + [str(p) for p in ([src] if isinstance(src, Path) else src)]
    wall, peak, out = run_measured(cmd + (extra or []))
    report = json.loads(out.strip().splitlines()[-1])
    return report | {"wall_s": wall, "peak_rss_mb": peak / 2**20}


def timed(cmd: list[str], runs: int, timeout: float | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.strip()[-500:]}")
    return times


def saved_queries() -> list[tuple[str, list[str]]]:
    """(name, parameters) of every saved query, with a value from the store for each parameter."""
    from kg import saved_queries as load

    return [(q.name, [p.name for p in q.params]) for q in load().values() if q.name not in SKIP_QUERIES]


def param_values(store: Path) -> dict[str, str]:
    """A real value for each parameter and filter of the saved queries, read from the store: a meeting
    (subject), the series with most meetings, a topic, the organisation at most meetings, a year."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    asks = {"subject": "SELECT ?x WHERE { GRAPH ?g { ?x a <https://schema.org/Event> } } LIMIT 1",
            "series": "SELECT ?x (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?m <https://schema.org/superEvent> ?x } } "
                      "GROUP BY ?x ORDER BY DESC(?n) LIMIT 1",
            "concept": "SELECT ?x WHERE { GRAPH ?g { ?i <http://purl.org/dc/terms/subject> ?x } } LIMIT 1",
            "org": "SELECT ?x (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?m <https://schema.org/attendee> ?x } "
                   "FILTER(STRSTARTS(STR(?x), \"https://kg.example.org/org/\")) } GROUP BY ?x ORDER BY DESC(?n) LIMIT 1",
            "year": "SELECT (SUBSTR(STR(?d), 1, 4) AS ?x) WHERE { GRAPH ?g { ?m <https://schema.org/startDate> ?d } } "
                    "LIMIT 1"}
    values = {}
    for name, q in asks.items():
        rows = list(s.query(q))
        if rows and rows[0]["x"] is not None:
            values[name] = rows[0]["x"].value
    del s
    return values


def question_cases(values: dict[str, str]) -> list[tuple[str, str, list[str]]]:
    """(query, case, extra arguments): every saved query listed whole and its first 100 rows, each
    parameterised query with a real value, and each row-per-meeting query for a series, an
    organisation and a year."""
    from kg import saved_queries as load

    cases = []
    for q in load().values():
        if q.name in SKIP_QUERIES:
            continue
        args = [a for p in q.params for a in ("-p", f"{p.name}={values.get(p.name, '')}")]
        cases.append((q.name, "all", args))
        cases.append((q.name, "limit 100", args + ["--limit", "100"]))
        if "series" in q.filters and "series" in values:
            cases.append((q.name, "series", args + ["-p", f"series={values['series']}"]))
        if "org" in q.filters and "org" in values:
            cases.append((q.name, "org", args + ["-p", f"org={values['org']}"]))
        if "since" in q.filters and "year" in values:
            y = values["year"]
            cases.append((q.name, "year", args + ["-p", f"since={y}-01-01", "-p", f"until={y}-12-31"]))
    return cases


def queries(store: Path, runs: int, timeout: float, slow: set[str]) -> dict:
    """Median and p95 of each question run `runs` times as a process (`kg query NAME -f csv ...`). A
    question that ran past the time-out once is not run again, at this size or a larger one."""
    out: dict[str, dict] = {}
    for name, case, args in question_cases(param_values(store)):
        key = f"{name} ({case})" if case != "all" else name
        if key in slow:
            out[key] = {"median_s": None, "p95_s": None, "runs": 0, "timed_out_after_s": timeout}
            continue
        try:
            times = timed(KG + ["query", name, "--store", str(store), "-f", "csv"] + args, runs, timeout)
        except subprocess.TimeoutExpired:
            slow.add(key)
            out[key] = {"median_s": None, "p95_s": None, "runs": 0, "timed_out_after_s": timeout}
            continue
        out[key] = {"median_s": statistics.median(times), "p95_s": _p95(times), "runs": len(times), "case": case,
                    "query": name}
    return out


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def rebuild_one(src: Path, store: Path) -> dict:
    """Change one release's text, rebuild just that file into the store, then put it back."""
    target = sorted(src.glob("*.txt"))[len(list(src.glob("*.txt"))) // 2]
    original = target.read_bytes()
    text = original.decode("utf-8", errors="ignore") if not _is_sjis(original) else original.decode("cp932")
    changed = text.replace("両国は、", "両国は、改めて", 1)
    try:
        target.write_bytes(changed.encode("utf-8"))
        one = build(target, store)
    finally:
        target.write_bytes(original)
    back = build(target, store)
    return {"file": target.name, "changed_wall_s": one["wall_s"], "built": one["built"],
            "restored_wall_s": back["wall_s"], "write_method": one["write_method"]}


def _is_sjis(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return True


def exports(store: Path, work: Path, timeout: float, slow: set[str], keep_nq: bool = False) -> dict:
    """Seconds and bytes of `kg export` to N-Quads and JSON-LD; None when it ran past the time-out
    (then that format is not tried again at a larger size). With keep_nq the N-Quads file stays."""
    out = {}
    for fmt in ("nq", "jsonld"):
        target = work / f"export.{fmt}"
        if fmt in slow:
            out[fmt] = {"wall_s": None, "bytes": None, "timed_out_after_s": timeout}
            continue
        try:
            wall = timed(KG + ["export", "--store", str(store), "-f", fmt, "-o", str(target)], 1, timeout)[0]
            out[fmt] = {"wall_s": wall, "bytes": target.stat().st_size}
        except subprocess.TimeoutExpired:
            slow.add(fmt)
            out[fmt] = {"wall_s": None, "bytes": None, "timed_out_after_s": timeout}
        if not (keep_nq and fmt == "nq"):
            target.unlink(missing_ok=True)
    return out


OXIGRAPH_LOAD = """
import sys, time
import pyoxigraph as ox
start = time.perf_counter()
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
store.optimize()
print(time.perf_counter() - start)
"""


def oxigraph_load(nquads: Path, work: Path) -> dict:
    """Oxigraph's own bulk load of the N-Quads the build produced (its export): Store.bulk_load of
    the file into a fresh store, then flush and optimize, in a process of its own."""
    target = work / "oxigraph-load"
    shutil.rmtree(target, ignore_errors=True)
    wall, peak, out = run_measured([PY, "-c", OXIGRAPH_LOAD, str(nquads), str(target)])
    result = {"wall_s": wall, "in_process_s": float(out.strip().splitlines()[-1]), "peak_rss_mb": peak / 2**20,
              "quads": sum(1 for _ in open(nquads, "rb")), "store_bytes": du(target)}
    shutil.rmtree(target, ignore_errors=True)
    return result


def provenance_cost(store: Path) -> dict:
    """Quads per release graph: the facts, and the provenance (annotations, spans, selectors and the
    release's text) that traces them."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    prov = {"https://kg.example.org/ns#" + p for p in ("about", "property", "value", "matchedLabel", "sourceText")}
    prov |= {"http://www.w3.org/ns/oa#" + p for p in ("hasTarget", "hasSource", "hasSelector", "start", "end",
                                                       "exact", "motivatedBy")}
    facts = provenance = 0
    graphs = set()
    for q in s.quads_for_pattern(None, None, None, None):
        g = q.graph_name
        if not isinstance(g, ox.NamedNode) or "/graph/release/" not in g.value:
            continue
        graphs.add(g.value)
        if q.predicate.value in prov:
            provenance += 1
        else:
            facts += 1
    n = max(1, len(graphs))
    return {"releases": len(graphs), "facts": facts, "provenance": provenance,
            "per_fact": provenance / max(1, facts), "quads_per_release": (facts + provenance) / n}


def report_time(store: Path, work: Path, timeout: float) -> dict:
    """`kg report` of every series, as a process."""
    target = work / "report.html"
    try:
        wall = timed(KG + ["report", "--store", str(store), "-o", str(target)], 1, timeout)[0]
        result = {"wall_s": wall, "bytes": target.stat().st_size}
    except subprocess.TimeoutExpired:
        result = {"wall_s": None, "timed_out_after_s": timeout}
    target.unlink(missing_ok=True)
    return result


def serve_jsonld(store: Path, runs: int = 3) -> dict:
    """`kg serve` answering a CONSTRUCT of every triple of the store as JSON-LD (median of `runs`)."""
    import urllib.parse
    import urllib.request

    sys.path.insert(0, str(HERE.parent / "tests"))
    from serving import Server

    server = Server(store)
    query = urllib.parse.quote("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    times, size = [], 0
    try:
        for _ in range(runs):
            request = urllib.request.Request(f"{server.url}/sparql?query={query}",
                                             headers={"Accept": "application/ld+json"})
            start = time.perf_counter()
            with urllib.request.urlopen(request, timeout=120) as answer:
                size = len(answer.read())
            times.append(time.perf_counter() - start)
    finally:
        server.stop()
    return {"median_s": statistics.median(times), "bytes": size, "runs": runs}


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def seed_jsonld(work: Path) -> dict:
    """kg serve's JSON-LD CONSTRUCT of the whole seed store (the bundled release built as `kg build` does)."""
    store = work / "seed-store"
    shutil.rmtree(store, ignore_errors=True)
    build(HERE.parent / "data" / "releases", store)
    result = serve_jsonld(store) | {"load_before": os.getloadavg()}
    shutil.rmtree(store, ignore_errors=True)
    return result


def measure(n: int, work: Path, args) -> dict:
    src, store = work / f"corpus-{n}", work / f"store-{n}"
    if not src.exists():
        corpus.write(src, n, seed=args.seed)
    result = {"releases": n, "load_before": os.getloadavg()}
    builds = []
    for _ in range(args.runs):
        shutil.rmtree(store, ignore_errors=True)
        builds.append(build(src, store))
    best = sorted(builds, key=lambda b: b["wall_s"])[len(builds) // 2]
    result |= {"build": best, "build_runs_s": [b["wall_s"] for b in builds],
               "releases_per_s": n / best["wall_s"], "store_bytes": du(store),
               "tables_bytes": (store / "kg-tables.sqlite").stat().st_size if (store / "kg-tables.sqlite").exists() else 0}
    result["provenance"] = provenance_cost(store)
    again = build(src, store)
    result["unchanged_rebuild_s"] = again["wall_s"]
    result["rebuild_one"] = rebuild_one(src, store)
    result["queries"] = queries(store, args.query_runs, args.query_timeout, args.slow)
    result["exports"] = exports(store, work, args.export_timeout, args.slow, keep_nq=True)
    nquads = work / "export.nq"
    if nquads.exists():
        result["oxigraph_load"] = oxigraph_load(nquads, work)
        result["oxigraph_load"]["build_ratio"] = best["wall_s"] / result["oxigraph_load"]["wall_s"]
        nquads.unlink()
    if n <= args.report_max:
        result["report"] = report_time(store, work, args.export_timeout)
    result["load_after"] = os.getloadavg()
    if not args.keep:
        shutil.rmtree(store, ignore_errors=True)
    return result


def baseline(n: int, work: Path, args) -> dict:
    src = work / f"corpus-{n}"
    if not src.exists():
        corpus.write(src, n, seed=args.seed)
    wall, peak, out = run_measured([PY, str(HERE / "baseline.py"), str(src), str(work / f"baseline-store-{n}"),
                                    "--timeout", str(args.baseline_timeout)])
    shutil.rmtree(work / f"baseline-store-{n}", ignore_errors=True)
    return json.loads(out.strip().splitlines()[-1]) | {"wall_s": wall, "peak_rss_mb": peak / 2**20, "releases": n}


def machine() -> dict:
    mem = next((line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")), "0")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    return {"cpus": len(os.sched_getaffinity(0)), "cpu": cpu, "mem_gib": round(int(mem) / 2**20, 1),
            "python": platform.python_version(), "load_before": os.getloadavg(), "bytecode": "precompiled"}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description="kg benchmark")
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--baseline", type=int, default=1000, help="releases for the naive baseline (0: none)")
    ap.add_argument("--baseline-timeout", type=float, default=900)
    ap.add_argument("--baseline-first", action="store_true", help="time the baseline before the sizes")
    ap.add_argument("--baseline-json", type=Path, help="take the baseline from an earlier results.json of this machine")
    ap.add_argument("--runs", type=int, default=1, help="builds per size (the median is reported)")
    ap.add_argument("--query-runs", type=int, default=5)
    ap.add_argument("--export-timeout", type=float, default=600, help="seconds before an export is given up")
    ap.add_argument("--query-timeout", type=float, default=60, help="seconds before a query run is given up")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--keep", action="store_true", help="keep the stores")
    ap.add_argument("--report-max", type=int, default=10000, help="time `kg report` up to this size")
    ap.add_argument("--no-serve", action="store_true", help="leave out kg serve's JSON-LD answer on the seed")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    args.slow = set()
    # A user's first `kg` run leaves the package compiled to bytecode; an environment with
    # PYTHONDONTWRITEBYTECODE (like this machine's) would recompile it in every timed process.
    import kg

    subprocess.run([PY, "-m", "compileall", "-q", str(Path(kg.__file__).parent)], check=True)
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "sizes": []}
    if not args.no_serve:
        results["serve_jsonld_seed"] = seed_jsonld(args.work)
    if args.baseline_json:
        results["baseline"] = json.loads(args.baseline_json.read_text(encoding="utf-8"))["baseline"]
    elif args.baseline and args.baseline_first:
        results["baseline"] = baseline(args.baseline, args.work, args)
    for n in [int(x) for x in args.sizes.split(",") if x]:
        results["sizes"].append(measure(n, args.work, args))
        _write(results, args.out)
    if args.baseline and "baseline" not in results:
        results["baseline"] = baseline(args.baseline, args.work, args)
    _write(results, args.out)
    return results


def _write(results: dict, out: Path) -> None:
    from report import markdown

    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")


if __name__ == "__main__":
    main()
