"""Helpers shared by the serve, browser and push tests: a store to serve, and `kg serve` on a free port.

The store is what `kg build` makes of the seed release (data/releases), plus the two release
graphs of tests/cases/serve/releases.trig (an earlier meeting of the seed's series, and a
meeting of another series).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from kg.config import DEFAULT_RELEASES

SEED_RELEASE = "soumu-01tsushin08_02000040"
FIXTURE = Path(__file__).parent / "cases" / "serve" / "releases.trig"
KG = [str(Path(sys.executable).parent / "kg")]  # the console script, as a user runs it


_BUILT: list[Path] = []  # the first store built in this test run, copied for the next ones


def build_store(path: Path) -> Path:
    """`kg build` of the seed, then the fixture's two releases, in an on-disk store at `path`."""
    if _BUILT and (_BUILT[0] / "CURRENT").exists():
        return Path(shutil.copytree(_BUILT[0], path))
    done = subprocess.run(KG + ["build", str(DEFAULT_RELEASES), "--store", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"kg build failed: {done.stderr}"
    store = ox.Store(str(path))
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    (path / "kg-tables.sqlite").unlink(missing_ok=True)  # graphs loaded by another tool: kg build's tables do not hold them
    _BUILT[:] = [path]
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    """Wait until the server at `url` answers (any HTTP status), or fail with its stderr."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}: {process.stderr.read()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the server at {url} did not answer within {seconds} s")


class Server:
    """`kg serve` on 127.0.0.1 and a free port, as a user runs it."""

    def __init__(self, store: Path, *args: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(KG + ["serve", "--store", str(store), "--port", str(self.port), *args],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        wait_for(self.url + "/sparql?query=ASK%7B%7D", self.process)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()
