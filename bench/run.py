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
    """A real value for each query parameter the saved queries take, read from the store."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    asks = {"subject": "SELECT ?x WHERE { ?x a <https://schema.org/Event> } LIMIT 1",
            "series": "SELECT ?x WHERE { ?x a <https://schema.org/EventSeries> } LIMIT 1",
            "concept": "SELECT ?x WHERE { ?x a <http://www.w3.org/2004/02/skos/core#Concept> ; "
                       "<http://www.w3.org/2004/02/skos/core#inScheme> ?s FILTER(?s != <https://kg.example.org/ns#outcome-kinds>) } LIMIT 1"}
    values = {}
    for name, q in asks.items():
        rows = list(s.query(q, use_default_graph_as_union=True))
        if rows:
            values[name] = rows[0]["x"].value
    del s
    return values


def queries(store: Path, runs: int, timeout: float, slow: set[str]) -> dict:
    """Median and p95 of each saved query run `runs` times as a process. A query that ran past the
    time-out once is not run again, at this size or a larger one (it is reported as such)."""
    values = param_values(store)
    out = {}
    for name, params in saved_queries():
        if name in slow:
            out[name] = {"median_s": None, "p95_s": None, "runs": 0, "timed_out_after_s": timeout}
            continue
        args = []
        for p in params:
            args += ["-p", f"{p}={values.get(p, '')}"]
        try:
            times = timed(KG + ["query", name, "--store", str(store), "-f", "tsv"] + args, runs, timeout)
        except subprocess.TimeoutExpired:
            slow.add(name)
            out[name] = {"median_s": None, "p95_s": None, "runs": 0, "timed_out_after_s": timeout}
            continue
        out[name] = {"median_s": statistics.median(times), "p95_s": _p95(times), "runs": len(times)}
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


def exports(store: Path, work: Path, timeout: float, slow: set[str]) -> dict:
    """Seconds and bytes of `kg export` to N-Quads and JSON-LD; None when it ran past the time-out
    (then that format is not tried again at a larger size)."""
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
        target.unlink(missing_ok=True)
    return out


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(n: int, work: Path, args) -> dict:
    src, store = work / f"corpus-{n}", work / f"store-{n}"
    if not src.exists():
        corpus.write(src, n, seed=args.seed)
    builds = []
    for _ in range(args.runs):
        shutil.rmtree(store, ignore_errors=True)
        builds.append(build(src, store))
    best = sorted(builds, key=lambda b: b["wall_s"])[len(builds) // 2]
    result = {"releases": n, "build": best, "build_runs_s": [b["wall_s"] for b in builds],
              "releases_per_s": n / best["wall_s"], "store_bytes": du(store)}
    again = build(src, store)
    result["unchanged_rebuild_s"] = again["wall_s"]
    result["rebuild_one"] = rebuild_one(src, store)
    result["queries"] = queries(store, args.query_runs, args.query_timeout, args.slow)
    result["exports"] = exports(store, work, args.export_timeout, args.slow)
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
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    args.slow = set()
    # A user's first `kg` run leaves the package compiled to bytecode; an environment with
    # PYTHONDONTWRITEBYTECODE (like this machine's) would recompile it in every timed process.
    import kg

    subprocess.run([PY, "-m", "compileall", "-q", str(Path(kg.__file__).parent)], check=True)
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "sizes": []}
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
