"""Every way a fetch can fail is reported for its URL, the rest goes on, and nothing saved is lost."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

import fetch_site as fs
from fetch_site import SERIES, Site
from kg.cli import main
from kg.ingest.fetch import FetchOptions, fetch

FAST = ("--delay", "0", "--timeout", "0.5", "--max-bytes", "100000")
ODD = b"<html><body><p>\x81 \x81 odd \x81</p></body></html>"  # not UTF-8, CP932 nor EUC-JP


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(*args):
    result = CliRunner().invoke(main, ["fetch", *map(str, args), "-f", "json"])
    return result, {o["url"]: o for o in json.loads(result.stdout or "[]")}


def test_each_failure_is_reported_and_the_rest_goes_on(site, tmp_path):
    site.on(SERIES[0], fs.failing_then(2, 503))
    site.on("/down.html", fs.status(503))
    site.on("/loop/a", fs.redirect("/loop/b"))
    site.on("/loop/b", fs.redirect("/loop/a"))
    site.on("/slow.html", fs.slow(2))
    site.on("/data.json", fs.typed("application/json", b'{"releases": []}'))
    site.on("/big.html", fs.huge(300_000))
    site.on("/big-stream.html", fs.huge(300_000, declare=False))
    site.on("/odd.html", fs.typed("text/html; charset=x-odd", ODD))
    site.on("/cut.html", fs.truncated(5000, b"<html><body><p>cut short"))
    # A name longer than DNS allows fails in the resolver itself: no query leaves the machine.
    dns = "http://" + ".".join(["a" * 63] * 5) + ".invalid/release.html"
    refused = f"http://127.0.0.1:{closed_port()}/release.html"
    urls = [dns, refused, site.url("/slow.html"), site.url("/nothing.html"), site.url("/down.html"),
            site.url(SERIES[3]), site.url("/loop/a"), site.url("/data.json"), site.url("/big.html"),
            site.url("/big-stream.html"), site.url("/odd.html"), site.url("/cut.html"), site.url(SERIES[0])]
    out = tmp_path / "releases"
    result, outcomes = run(*urls, "--into", out, *FAST)
    assert result.exit_code == 3, result.output
    failures = {url: (o["failure"], o["message"]) for url, o in outcomes.items() if o["result"] == "failed"}
    expected = {dns: "dns", refused: "refused", site.url("/slow.html"): "timeout", site.url("/nothing.html"): "http",
                site.url("/down.html"): "http", site.url("/loop/a"): "redirect-loop",
                site.url("/data.json"): "not-html", site.url("/big.html"): "too-large",
                site.url("/big-stream.html"): "too-large", site.url("/odd.html"): "unreadable",
                site.url("/cut.html"): "connection"}
    assert {url: kind for url, (kind, _) in failures.items()} == expected
    assert failures[site.url("/nothing.html")][1] == "HTTP 404 Not Found"
    assert failures[site.url("/down.html")][1] == "HTTP 503 Service Unavailable after 3 tries"
    assert "cannot decode" in failures[site.url("/odd.html")][1]
    assert site.count("/down.html") == 3 and site.count("/slow.html") == 3 and site.count("/nothing.html") == 1
    assert site.statuses(SERIES[0]) == [503, 503, 200], "5xx, then back-off and success"
    assert outcomes[site.url(SERIES[0])]["result"] == outcomes[site.url(SERIES[3])]["result"] == "fetched"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        n for p in (SERIES[0], SERIES[3]) for n in (Path(p).name, Path(p).stem + ".meta.json"))
    for url in expected:
        assert f"error: {url}: " in result.stderr
    assert "pages: 2 fetched, 0 unchanged, 0 skipped, 11 failed" in result.stderr


BREAKAGES = {
    "5xx": fs.status(500),
    "404": fs.status(404),
    "redirect loop": fs.redirect(SERIES[0]),
    "timeout": fs.slow(2),
    "too large": fs.huge(300_000),
    "not HTML": fs.typed("application/pdf", b"%PDF-1.4\n"),
    "cut short": fs.truncated(5000, b"<html><body><p>new"),
    "odd charset": fs.typed("text/html; charset=x-odd", ODD),
    "empty": fs.typed("text/html", b""),
    "gzip bomb": fs.gzipped(b"<p>" * 200_000),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=list(BREAKAGES))
def test_a_failed_refetch_keeps_the_saved_copy(site, tmp_path, breakage):
    out = tmp_path / "releases"
    first, _ = run(site.url(SERIES[0]), "--into", out, *FAST)
    assert first.exit_code == 0, first.output
    saved = {p.name: p.read_bytes() for p in out.iterdir()}
    site.on(SERIES[0], BREAKAGES[breakage])
    again, outcomes = run(site.url(SERIES[0]), "--into", out, *FAST, "--retries", "0")
    assert again.exit_code == 3 and outcomes[site.url(SERIES[0])]["result"] == "failed"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == saved


def test_the_library_reports_instead_of_raising(site, tmp_path):
    site.on("/down.html", fs.status(502))
    report = fetch([site.url("/down.html"), site.url(SERIES[3])],
                   FetchOptions(into=tmp_path, delay=0, retries=1, timeout=1))
    assert [(o.result, o.status) for o in report.outcomes] == [("failed", 502), ("fetched", 200)]
    assert report.requests == 4  # robots.txt, 502 twice, the page


def test_an_unusable_url_is_reported(tmp_path):
    result, outcomes = run("ftp://example.org/release.html", "not a url", "--into", tmp_path, "--delay", "0")
    assert result.exit_code == 3
    assert {o["failure"] for o in outcomes.values()} == {"bad-url"}
