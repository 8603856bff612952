"""Run a command and measure its wall time and peak memory: the largest sum of resident set sizes
over the process and all its descendants (worker processes included), sampled from /proc."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    kids = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").glob("*/children"))
    except OSError:  # the process ended between two reads
        return kids
    for task in tasks:
        try:
            kids += [int(x) for x in task.read_text().split()]
        except OSError:
            pass
    return kids


def tree_rss(pid: int) -> int:
    """Bytes resident in `pid` and its descendants now."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        todo += _children(p)
    return total


def run_measured(cmd: list[str], interval: float = 0.05) -> tuple[float, int, str]:
    """(wall seconds, peak bytes, stdout) of a command that must succeed (exit 0 or 1)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.strip()[-800:]}")
    return wall, peak[0], out
