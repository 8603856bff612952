"""One build, as `kg build` runs it, printing its report as one JSON line (for bench/run.py).

    python bench/buildone.py STORE PATH... [--engine shacl|pyshacl] [--jobs N]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

start = time.perf_counter()
from kg import build  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store", type=Path)
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--engine", default=None)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    report = build(args.paths, args.store, engine=args.engine, jobs=args.jobs)
    print(json.dumps({"files": report.files, "built": len(report.built), "skipped": len(report.skipped),
                      "rejected": len(report.rejected), "problems": len(report.problems),
                      "violations": len(report.violations.violations), "triples_written": report.triples_written,
                      "store_triples": report.store_triples, "write_method": report.write_method,
                      "engine": report.engine, "stages_s": report.stages,
                      "in_process_s": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
