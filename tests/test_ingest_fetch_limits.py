"""`kg fetch` against a site that is hostile or unlucky: robots.txt wildcards (RFC 9309), a server
that drips its answer, and two fetches into one folder at once. A real HTTP server on 127.0.0.1
(tests/fetch_site.py) and the `kg` command as a user runs it."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fetch_site as fs
from fetch_site import SERIES, Site

KG = [str(Path(sys.executable).parent / "kg")]


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def fetch(*args, timeout: float = 120) -> tuple[subprocess.CompletedProcess, dict]:
    proc = subprocess.run(KG + ["fetch", *map(str, args), "-f", "json", "--delay", "0"], capture_output=True,
                          text=True, timeout=timeout)
    return proc, {o["url"]: o for o in json.loads(proc.stdout or "[]")}


def robots(text: str):
    def behaviour(h):
        h.answer(200, text.encode(), {"Content-Type": "text/plain"})
    return behaviour


def test_robots_txt_wildcards_are_honoured(site, tmp_path):
    """`Disallow: /*.pdf$` and `Disallow: /private*/`: urllib's parser ignored both and fetched."""
    site.on("/robots.txt", robots("User-agent: *\nDisallow: /*.pdf$\nDisallow: /private*/\n"))
    page = site.url(SERIES[3])
    private = site.url("/private-notes/" + Path(SERIES[3]).name)
    pdf = site.url(fs.PDF)
    proc, outcomes = fetch(page, private, pdf, "--into", tmp_path / "out")
    assert outcomes[page]["result"] == "fetched", proc.stderr
    for url in (private, pdf):
        assert outcomes[url]["result"] == "skipped" and "robots.txt" in outcomes[url]["message"]
    assert site.count("/private-notes/" + Path(SERIES[3]).name) == 0 and site.count(fs.PDF) == 0


def drip(every: float):
    """Headers at once, then one byte of the body every `every` seconds, for ever."""
    def behaviour(h):
        h.status_sent = 200
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100000")
        h.end_headers()
        while True:
            h.wfile.write(b"<")
            h.wfile.flush()
            time.sleep(every)
    return behaviour


def test_a_server_that_drips_its_answer_is_cut_off_at_the_deadline(site, tmp_path):
    site.on("/drip.html", drip(0.2))
    started = time.monotonic()
    proc, outcomes = fetch(site.url("/drip.html"), site.url(SERIES[3]), "--into", tmp_path / "out",
                           "--timeout", "1", "--deadline", "3", "--retries", "0")
    assert time.monotonic() - started < 30
    assert proc.returncode == 3
    dripped = outcomes[site.url("/drip.html")]
    assert dripped["result"] == "failed" and dripped["failure"] == "timeout" and "in total" in dripped["message"]
    assert outcomes[site.url(SERIES[3])]["result"] == "fetched"
    assert not (tmp_path / "out" / "drip.html").exists()


def test_two_fetches_into_one_folder_at_once_both_save_their_pages(site, tmp_path):
    out = tmp_path / "out"
    site.on(SERIES[0], fs.slow(1.0))  # the first fetch is still staging when the second starts and ends
    first = subprocess.Popen(KG + ["fetch", site.url(SERIES[0]), "--into", str(out), "--delay", "0"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    second, _ = fetch(site.url(SERIES[3]), "--into", out)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(n for s in (SERIES[0], SERIES[3]) for n in (Path(s).name, Path(s).stem + ".meta.json"))
