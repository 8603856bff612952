"""A smoke run of the Virtuoso benchmark (bench/virtuoso.py) on 12 releases: every step runs, Virtuoso
holds every quad after the push and after the bulk load, and the queries timed print the same output
there as from the local store (two of them here: tests/test_read_remote.py compares them all). No
timing is asserted (bench/README.md has the figures at 10k)."""
from __future__ import annotations

import json

from remotes import need_virtuoso


@need_virtuoso
def test_the_virtuoso_benchmark_runs_end_to_end(tmp_path):
    import virtuoso

    out = tmp_path / "out"
    results = virtuoso.main(["--releases", "12", "--query-runs", "1", "--buffers", "20000",
                             "--queries", "meetings,topic-timeline",
                             "--work", str(tmp_path / "work"), "--out", str(out)])
    push, bulk = results["push"], results["bulk"]
    assert push["quads"] > 12 * 500 and push["quads_there"] == push["quads"] == bulk["quads_there"]
    assert bulk["files"] == results["graphs"] and bulk["files_failed"] == "0"
    assert set(results["queries"]) == {"meetings", "topic-timeline"}
    assert all(q["local_rows"] > 0 for q in results["queries"].values())
    assert all(q["same"] for q in results["queries"].values()), results["queries"]
    assert "| query |" in (out / "virtuoso.md").read_text(encoding="utf-8")
    assert json.loads((out / "virtuoso.json").read_text(encoding="utf-8"))["releases"] == 12
    assert not (tmp_path / "work" / "store").exists()  # large things are removed
