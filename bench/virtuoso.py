"""The graph in Virtuoso, next to the local store: push over the Graph Store Protocol, bulk load of the
split export, and every saved query on both.

    python bench/virtuoso.py --releases 10000 [--work /tmp/kg-bench-virtuoso] [--query-runs 3]

On a corpus of bench/corpus.py (built with `kg build` and linked with `kg link`, or an existing
--store and its --corpus), it starts Debian's virtuoso-opensource 7 (`virtuoso-t`, `isql-vt`) on
127.0.0.1 from a config file it writes under --work, and measures, each as a user runs it:

- `kg push` of the whole store into an empty Virtuoso over the Graph Store Protocol (Digest
  authentication), a second push that finds nothing changed, and a push of one release (--release);
- `kg export -f nq --split DIR`, then the README's bulk-load recipe (ld_dir + rdf_loader_run +
  checkpoint through isql-vt) into another empty Virtuoso, checking that it holds as many quads;
- every saved query (`kg query NAME -f tsv` as a process) against the local store and against
  the pushed Virtuoso (`--endpoint`): median and slowest of --query-runs, and whether both print
  the same bytes.

It writes virtuoso.json and virtuoso.md to --out (default bench/results). Virtuoso's databases
are removed at the end (the corpus and store too, unless --keep or given with --store).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
KG = [str(Path(sys.executable).parent / "kg")]
VIRTUOSO, ISQL = shutil.which("virtuoso-t"), shutil.which("isql-vt")
PREFIX = "https://kg.example.org/graph/"


def ini(folder: Path, sql_port: int, http_port: int, dirs=(), buffers: int = 20000) -> str:
    """A minimal virtuoso.ini keeping everything in `folder`; `dirs` may be read by the bulk loader.
    `buffers` pages of 8 KB are Virtuoso's cache (its guide: 85,000 per GB it may use). Its cost
    estimate is turned off (MaxQueryCostEstimationTime = 0): at 10k releases it refused participants
    and people, estimating 121,183,264 s and 144,449 s; they ran in 15.7 s and 1.6 s."""
    allowed = ", ".join([".", str(folder)] + [str(d) for d in dirs])
    return f"""[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = {allowed}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {buffers * 3 // 4}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 3600
MaxQueryCostEstimationTime = 0
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """virtuoso-t in the foreground on free ports of 127.0.0.1, its files in `folder`; user dba, password dba."""

    def __init__(self, folder: Path, dirs=(), buffers: int = 20000, wait: float = 120):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.sql_port, self.port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint, self.graph_store = self.url + "/sparql", self.url + "/sparql-graph-crud-auth"
        config = self.folder / "virtuoso.ini"
        config.write_text(ini(self.folder, self.sql_port, self.port, dirs, buffers), encoding="utf-8")
        self.process = subprocess.Popen([VIRTUOSO, "+configfile", str(config), "+foreground"], cwd=self.folder,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        end = time.monotonic() + wait
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > end:
                self.stop()
                raise RuntimeError(f"Virtuoso did not start in {folder}: see {folder}/virtuoso.log")
            time.sleep(0.2)

    def _answers(self) -> bool:
        try:
            urllib.request.urlopen(self.endpoint + "?query=ASK%7B%7D", timeout=2).close()
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    def isql(self, *statements: str, timeout: float = 7200) -> str:
        """Run SQL statements as dba through isql-vt; raise on an error."""
        script = "".join(s.rstrip().rstrip(";") + ";\n" for s in statements)
        done = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF", "BANNER=OFF",
                               "PROMPT=OFF", "ERRORS=STDOUT"], input=script, capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0 or "*** Error" in done.stdout:
            raise RuntimeError(f"isql failed ({done.returncode}): {done.stdout}{done.stderr}")
        return done.stdout

    def quads(self, prefix: str = PREFIX) -> int:
        """Quads in the graphs whose IRI starts with `prefix`."""
        query = (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                 f"FILTER(STRSTARTS(STR(?g), \"{prefix}\") && ?g != <{prefix}push-manifest>) }}")
        data = urllib.parse.urlencode({"query": query}).encode("ascii")
        request = urllib.request.Request(self.endpoint, data=data, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=3600) as r:
            return int(json.loads(r.read())["results"]["bindings"][0]["n"]["value"])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


def kg(*args: str, timeout: float = 7200) -> tuple[float, subprocess.CompletedProcess]:
    clock = time.perf_counter()
    done = subprocess.run(KG + list(args), capture_output=True, text=True, timeout=timeout)
    return time.perf_counter() - clock, done


def checked(seconds_done, what: str) -> float:
    seconds, done = seconds_done
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def prepare(args) -> tuple[Path, dict]:
    """The corpus built into a store and linked (or the given store); what it took."""
    if args.store:
        return args.store, {"store": str(args.store), "built_here": False}
    corpus, store = args.work / "corpus", args.work / "store"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(corpus), "-n", str(args.releases),
                        "--seed", str(args.seed)], check=True, capture_output=True)
    shutil.rmtree(store, ignore_errors=True)
    build = checked(kg("build", str(corpus), "--store", str(store), "-q"), "kg build")
    link = checked(kg("link", "--store", str(store)), "kg link")
    return store, {"store": str(store), "built_here": True, "build_s": build, "link_s": link}


def store_quads(store: Path) -> tuple[int, int]:
    """Quads and named graphs of the store, the build's bookkeeping left out (as push and export leave it)."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    rows = s.query(f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                   f"FILTER(?g != <{PREFIX}build>) }}")
    row = next(iter(rows))
    return int(row["n"].value), int(row["graphs"].value)


def push(args, store: Path, quads: int) -> tuple[Server, dict]:
    server = Server(args.work / "virtuoso-push", buffers=args.buffers)
    auth = ["--endpoint", server.endpoint, "--graph-store", server.graph_store, "--user", "dba", "--password", "dba",
            "--digest-auth", "-q"]
    try:
        first = checked(kg("push", "--store", str(store), *auth), "kg push")
        there = server.quads()
        again = checked(kg("push", "--store", str(store), *auth), "kg push again")
        one = checked(kg("push", "--store", str(store), *auth, "--release", release_id(store)), "kg push --release")
    except BaseException:
        server.stop()
        raise
    return server, {"push_s": first, "quads": quads, "quads_there": there, "quads_per_s": quads / first,
                    "push_unchanged_s": again, "push_one_release_s": one, "db_bytes": folder_bytes(server.folder)}


def release_id(store: Path) -> str:
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    graphs = sorted(g.value for g in s.named_graphs() if g.value.startswith(PREFIX + "release/"))
    return graphs[len(graphs) // 2][len(PREFIX + "release/"):]


def bulk(args, store: Path, quads: int) -> dict:
    split = args.work / "split"
    shutil.rmtree(split, ignore_errors=True)
    export = checked(kg("export", "-f", "nq", "--split", str(split), "--store", str(store)), "kg export --split")
    files, size = len(list(split.iterdir())), folder_bytes(split)
    server = Server(args.work / "virtuoso-bulk", dirs=[split], buffers=args.buffers)
    try:
        clock = time.perf_counter()
        server.isql(f"ld_dir('{split}', '*.nq', 'https://kg.example.org/graph/unused')", "rdf_loader_run()",
                    "checkpoint")
        load = time.perf_counter() - clock
        failed = server.isql("SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_error IS NOT NULL").split()
        there = server.quads()
        db = folder_bytes(server.folder)
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
        shutil.rmtree(split, ignore_errors=True)
    return {"export_s": export, "files": files, "bytes": size, "load_s": load, "quads": quads, "quads_there": there,
            "quads_per_s": quads / load, "files_failed": failed[-1] if failed else "?", "db_bytes": db}


def parameters(store: Path) -> dict[str, list[str]]:
    """Each saved query's parameters, each with a real value from the store that gives rows."""
    from kg import api

    def first(query: str, column: str) -> str:
        return next(row[column] for row in api.query(query, store) if row[column])

    values = {"subject": lambda: first("meetings", "meeting"), "concept": lambda: first("topic-counts", "concept"),
              "series": lambda: first("series", "series")}
    return {q.name: [f"{p.name}={values[p.name]()}" for p in q.params] for q in api.saved_queries().values()}


def queries(args, store: Path, endpoint: str) -> dict:
    results = {}
    chosen = set(args.queries.split(",")) if args.queries else None
    for name, params in parameters(store).items():
        if name == "wikidata-federated" or (chosen and name not in chosen):  # online only: it asks Wikidata
            continue
        flags = [a for p in params for a in ("-p", p)]
        row = {}
        for side, target in (("local", ["--store", str(store)]), ("virtuoso", ["--endpoint", endpoint])):
            times, out = [], None
            for _ in range(args.query_runs):
                try:
                    seconds, done = kg("query", name, *flags, *target, "-f", "tsv", timeout=args.query_timeout)
                except subprocess.TimeoutExpired:
                    times = None
                    break
                if done.returncode != 0:
                    row[side + "_error"] = done.stderr.strip()[-300:]
                    times = None
                    break
                times.append(seconds)
                out = done.stdout
            row[side] = {"median_s": statistics.median(times), "max_s": max(times)} if times else None
            row[side + "_rows"] = out.count("\n") - 1 if out is not None else None
            row[side + "_out"] = out
        row["same"] = row["local_out"] is not None and row["local_out"] == row["virtuoso_out"]
        del row["local_out"], row["virtuoso_out"]
        results[name] = row
        print(f"  {name}: {row}", file=sys.stderr)
    return results


def markdown(r: dict) -> str:
    p, b = r["push"], r["bulk"]
    mb = 1 << 20
    lines = [f"Run {r['when']} on {r['machine']}; load average before: {r['load_before']}.", "",
             f"{r['releases']} releases, {p['quads']:,} quads in {r['graphs']:,} named graphs "
             f"(kg build {r['prepare'].get('build_s', 0):.0f} s).", "",
             "| step | seconds | quads/s | notes |", "|---|---|---|---|",
             f"| `kg push` over GSP into an empty Virtuoso | {p['push_s']:.0f} | {p['quads_per_s']:,.0f} | "
             f"{p['quads_there']:,} quads there; database {p['db_bytes'] / mb:,.0f} MB |",
             f"| `kg push` again, nothing changed | {p['push_unchanged_s']:.1f} | | one query for the manifest |",
             f"| `kg push --release ID` (one graph) | {p['push_one_release_s']:.1f} | | |",
             f"| `kg export -f nq --split DIR` | {b['export_s']:.0f} | | {b['files']:,} files, {b['bytes'] / mb:,.0f} MB |",
             f"| bulk load (ld_dir + rdf_loader_run + checkpoint) | {b['load_s']:.0f} | {b['quads_per_s']:,.0f} | "
             f"{b['quads_there']:,} quads there, {b['files_failed']} files failed; database {b['db_bytes'] / mb:,.0f} MB |",
             "", "| query | local median / max s | Virtuoso median / max s | rows | same output |", "|---|---|---|---|---|"]
    for name, q in r["queries"].items():
        def cell(t, error):
            return f"{t['median_s']:.2f} / {t['max_s']:.2f}" if t else f"failed: {error or 'timed out'}"[:80]
        lines.append(f"| {name} | {cell(q['local'], q.get('local_error'))} | {cell(q['virtuoso'], q.get('virtuoso_error'))} | "
                     f"{q['local_rows']} | {'yes' if q['same'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--releases", type=int, default=10000)
    ap.add_argument("--store", type=Path, help="an existing store to use instead of building the corpus")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-virtuoso"))
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--query-runs", type=int, default=3)
    ap.add_argument("--query-timeout", type=float, default=1800)
    ap.add_argument("--queries", help="only these saved queries, comma-separated [default: all]")
    ap.add_argument("--buffers", type=int, default=170000, help="Virtuoso's NumberOfBuffers (8 KB pages) [2 GB]")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", action="store_true", help="keep the corpus and store")
    args = ap.parse_args(argv)
    if not (VIRTUOSO and ISQL):
        raise SystemExit("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)")
    args.work.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src" / "kg")], check=False)
    results = {"when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "releases": args.releases,
               "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
               "load_before": ", ".join(f"{x:.1f}" for x in os.getloadavg())}
    store, results["prepare"] = prepare(args)
    quads, results["graphs"] = store_quads(store)
    print(f"store: {quads} quads in {results['graphs']} graphs", file=sys.stderr)
    server, results["push"] = push(args, store, quads)
    print(f"push: {results['push']}", file=sys.stderr)
    try:
        results["bulk"] = bulk(args, store, quads)
        print(f"bulk: {results['bulk']}", file=sys.stderr)
        results["queries"] = queries(args, store, server.endpoint)
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
    results["load_after"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "virtuoso.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "virtuoso.md").write_text(markdown(results), encoding="utf-8")
    if results["prepare"]["built_here"] and not args.keep:
        shutil.rmtree(args.work / "store", ignore_errors=True)
        shutil.rmtree(args.work / "corpus", ignore_errors=True)
    print(markdown(results))
    return results


if __name__ == "__main__":
    main()
