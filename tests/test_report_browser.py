"""The report in real headless Chromium: it renders, logs no console error, and shows its charts.

Chromium is driven through the DevTools protocol over a pipe (--remote-debugging-pipe: commands
on fd 3, answers on fd 4, each a JSON text ended by NUL), so the test needs no client library.
Run as a script, it writes a screenshot of a report: `python tests/test_report_browser.py
report.html docs/report.png`.
"""
from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--remote-debugging-pipe"]


class Browser:
    """One headless Chromium with a fresh profile, spoken to over the DevTools pipe."""

    def __init__(self, timeout: float = 60):
        self.timeout, self.next_id, self.events = timeout, 0, []
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        to_chrome, self._cmd = _high(os.pipe())
        self._out, from_chrome = _high(os.pipe())

        # bash (dash takes one-digit fds only) hands Chromium the pipe ends as fds 3 and 4.
        move = f'exec "$0" "$@" 3<&{to_chrome} 4>&{from_chrome} {to_chrome}<&- {from_chrome}>&-'
        command = ["bash", "-c", move, CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, pass_fds=(to_chrome, from_chrome))
        os.close(to_chrome)
        os.close(from_chrome)
        self._buf = b""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            self.send(f"{domain}.enable", session=True)

    def send(self, method: str, params: dict | None = None, session: bool = False) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._cmd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._out], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._out, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def open(self, url: str, width: int = 1280) -> None:
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1,
                                                         "mobile": False}, session=True)
        self.send("Page.navigate", {"url": url}, session=True)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._read())

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads the page caused."""
        found = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found

    def screenshot(self, path: Path, height: int, width: int = 1200) -> None:
        import base64

        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip},
                         session=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._cmd)
        os.close(self._out)
        shutil.rmtree(self.profile, ignore_errors=True)


def _high(fds: tuple[int, int]) -> tuple[int, int]:
    """The same pipe ends as fds above 4, so that moving them to 3 and 4 cannot clobber one."""
    moved = tuple(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in fds)
    for fd in fds:
        os.close(fd)
    return moved


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


@pytest.fixture
def browser():
    b = Browser()
    yield b
    b.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    from kg.report import collect, render
    from kg.store import open_store
    from test_rdf_topics_queries import build_fixture_store

    folder = tmp_path_factory.mktemp("browser")
    store_dir = build_fixture_store(folder / "store")
    path = folder / "report.html"
    path.write_text(render(collect(open_store(store_dir, read_only=True), ["jp-eu-ict"])), encoding="utf-8")
    return path


CHECK = """(() => {
  const charts = [...document.querySelectorAll('svg.chart')].map(s => {
    const box = s.getBoundingClientRect();
    return {name: [...s.classList].find(c => c.startsWith('chart-')).slice(6), width: box.width, height: box.height,
            links: s.querySelectorAll('a').length, marks: s.querySelectorAll('a rect, a circle, a text').length};
  });
  const targets = [...document.querySelectorAll('svg a')].map(a => a.getAttribute('href') || a.getAttribute('xlink:href'));
  const missing = targets.filter(h => !h.startsWith('#') || !document.getElementById(h.slice(1)));
  return {charts, links: targets.length, missing, resources: performance.getEntriesByType('resource').length,
          title: document.title};
})()"""


@needs_chromium
def test_the_report_renders_without_console_errors_and_shows_its_charts(browser, report_file):
    browser.open(report_file.as_uri())
    state = browser.evaluate(CHECK)
    assert browser.errors() == []
    assert [c["name"] for c in state["charts"]] == ["timeline", "participation", "topics"]
    for chart in state["charts"]:
        assert chart["width"] > 300 and chart["height"] > 100, chart
        assert chart["links"] > 0 and chart["marks"] > 0, chart
    assert state["missing"] == [] and state["links"] > 20
    assert state["resources"] == 0  # nothing fetched: no script, style sheet, font or image from anywhere
    assert "Japan-EU ICT Policy Dialogue" in state["title"]


@needs_chromium
def test_following_a_cell_link_shows_its_sentences(browser, report_file):
    browser.open(report_file.as_uri())
    href = browser.evaluate("document.querySelector('svg.chart-topics a').getAttribute('href')")
    browser.evaluate(f"location.hash = '{href}'")
    shown = browser.evaluate("(() => { const t = document.querySelector(':target'); const r = t.getBoundingClientRect();"
                             " return {id: t.id, top: r.top, text: t.innerText}; })()")
    assert shown["id"] == href[1:] and "Topic:" in shown["text"], shown
    assert -2 < shown["top"] < 900, shown  # scrolled into view (sub-pixel offsets happen)


BIDI = """[...document.querySelectorAll('text.series, text.row')].map(t => {
  const xs = [...Array(t.getNumberOfChars()).keys()].map(i => t.getStartPositionOfChar(i).x);
  const box = t.getBBox();
  return {text: t.textContent, x: +t.getAttribute('x'), xs, left: box.x, right: box.x + box.width,
          anchor: t.getAttribute('text-anchor') || 'start'};
})"""


@needs_chromium
def test_right_to_left_labels_read_right_to_left_where_they_belong(browser, tmp_path):
    """A Hebrew label ending in '!' (a neutral) is drawn as Hebrew is read, '!' at its left end, and
    still starts (or ends, for a right-aligned row label) where the chart puts it."""
    from datetime import date

    from kg.chart import Cell, Dot, Lane, matrix_svg, timeline_svg

    label = "שלום!"
    page = tmp_path / "bidi.html"
    charts = (timeline_svg([Lane(label, "/s", [Dot("/m", date(2020, 1, 1), "1")])])
              + matrix_svg([label], ["No. 1"], [Cell(0, 0, "#c", "#1f4e79")], "t"))
    page.write_text(f"<!DOCTYPE html><meta charset=utf-8><title>bidi</title><body>{charts}", encoding="utf-8")
    browser.open(page.as_uri())
    labels = [t for t in browser.evaluate(BIDI) if t["text"].startswith(label)]
    assert len(labels) == 2, labels
    for t in labels:
        hebrew, bang = t["xs"][:4], t["xs"][4]
        assert bang < min(hebrew) and hebrew == sorted(hebrew, reverse=True), t  # read right to left
        if t["anchor"] == "start":
            assert t["left"] >= t["x"] - 0.5, t  # not hanging left of its place
        else:
            assert t["right"] <= t["x"] + 0.5, t
    assert browser.errors() == []


@needs_chromium
def test_the_harness_does_see_a_console_error(browser, tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>console.error('boom'); undefinedCall();</script>")
    browser.open(page.as_uri())
    errors = browser.errors()
    assert any("boom" in e for e in errors) and any("Uncaught" in e or "exception" in e.lower() for e in errors)


if __name__ == "__main__":  # python tests/test_report_browser.py REPORT.html OUT.png
    b = Browser()
    try:
        b.open(Path(sys.argv[1]).resolve().as_uri(), width=1200)
        top = b.evaluate("document.getElementById('evidence').getBoundingClientRect().top + scrollY")
        b.screenshot(Path(sys.argv[2]), height=int(top) + 420)
    finally:
        b.close()
