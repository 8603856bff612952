"""Every row of every saved query, as SPARQL TSV results, for comparing two versions of the queries.

    python bench/rows.py STORE OUT_DIR [--queries DIR] [--subjects N]

Writes OUT_DIR/NAME.tsv for each query of DIR (default: the package's saved queries, the server's
page queries and the report's queries), through pyoxigraph's own TSV serialiser, so two runs
compare with `diff -r`. A query's parameters are left unbound (every subject, concept or series
at once), except for queries with a LIMIT (the server's entity pages), which are run for up to
N subjects of the store (`--subjects`, default 200) and concatenated. Online-only queries are skipped.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
DIRS = [ROOT / "queries", ROOT / "src/kg/serve/queries", ROOT / "src/kg/report/templates"]
SUBJECTS = """SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o }
  FILTER(isIRI(?s) && !CONTAINS(STR(?s), "/fact/") && !CONTAINS(STR(?s), "/span/")
         && !CONTAINS(STR(?s), "/annotation/")) } ORDER BY ?s"""


def subjects(store: ox.Store, n: int) -> list[ox.NamedNode]:
    found = [r["s"] for r in store.query(SUBJECTS)]
    step = max(1, len(found) // n)
    return found[::step][:n]


def dump(store: ox.Store, path: Path, out: Path, sample: list[ox.NamedNode]) -> None:
    text = path.read_text(encoding="utf-8")
    if re.search(r"\bSERVICE\b", text) or not re.search(r"^\s*SELECT\b", text, re.M | re.I):
        return
    target = out / f"{path.stem}.tsv"
    with open(target, "wb") as f:
        if re.search(r"\bLIMIT\s+\d+\s*$", text.strip(), re.I) and "?subject" in text:
            for s in sample:
                result = store.query(text, use_default_graph_as_union=True, substitutions={ox.Variable("subject"): s})
                f.write(result.serialize(format=ox.QueryResultsFormat.TSV))
        else:
            result = store.query(text, use_default_graph_as_union=True)
            f.write(result.serialize(format=ox.QueryResultsFormat.TSV))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--queries", type=Path, action="append", help="a folder of .rq files (repeatable)")
    ap.add_argument("--subjects", type=int, default=200)
    ap.add_argument("--skip", action="append", default=[], help="a query to leave out (repeatable)")
    ap.add_argument("--same-subjects", type=Path, help="take the subjects from an earlier OUT_DIR/subjects.txt")
    args = ap.parse_args()
    store = ox.Store.read_only(str(args.store))
    args.out.mkdir(parents=True, exist_ok=True)
    if args.same_subjects:
        lines = (args.same_subjects / "subjects.txt").read_text(encoding="utf-8").split()
        sample = [ox.NamedNode(line) for line in lines]
    else:
        sample = subjects(store, args.subjects)
    (args.out / "subjects.txt").write_text("".join(f"{s.value}\n" for s in sample), encoding="utf-8")
    for folder in args.queries or DIRS:
        for path in sorted(folder.glob("*.rq")):
            if path.stem not in args.skip:
                dump(store, path, args.out, sample)


if __name__ == "__main__":
    main()
