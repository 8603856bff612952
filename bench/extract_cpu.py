"""Extraction alone: the CPU time of `kg.extract.extract_release` over a folder of releases.

    python bench/extract_cpu.py DIR [--runs 5]        # best CPU time of N passes, per release
    python bench/extract_cpu.py DIR --once [--skip]   # one pass (or none), for an instruction count:

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null python bench/extract_cpu.py DIR --once
    (the same with --skip; the difference of the two "I refs" is the extraction's; set PYTHONHASHSEED=0 for both)

The files are read before the clock starts and five of them are extracted first, so the gazetteer's indexes
and patterns (made once per process) are not counted.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract import extract_release
from kg.gazetteer import load
from kg.ingest import read_source


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--once", action="store_true", help="one pass, nothing printed (for cachegrind)")
    ap.add_argument("--skip", action="store_true", help="with --once: read and warm up only")
    args = ap.parse_args()
    paths = sorted(p for p in args.folder.iterdir() if p.is_file() and not p.name.endswith(".meta.json"))
    gaz = load()
    sources = [read_source(p) for p in paths]
    for s in sources[:5]:
        extract_release(s, gaz)
    if args.once:
        for s in [] if args.skip else sources:
            extract_release(s, gaz)
        return
    best = None
    for _ in range(args.runs):
        t = time.process_time()
        for s in sources:
            extract_release(s, gaz)
        cpu = time.process_time() - t
        best = cpu if best is None else min(best, cpu)
    print(f"{len(sources)} releases: {best:.3f} s CPU, {1000 * best / len(sources):.2f} ms per release (best of {args.runs})")


if __name__ == "__main__":
    main()
