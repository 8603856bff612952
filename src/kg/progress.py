"""The build's progress bar on stderr: releases done, releases per second and the time left."""
from __future__ import annotations

import sys
import time

import click


class RateBar:
    """A click progress bar whose item text is the rate; `update()` once per file done."""

    def __init__(self, total: int, label: str = "building"):
        self.total, self.done, self.start = total, 0, time.monotonic()
        # click's own ETA averages the last few steps, which arrive in bursts from the workers: the ETA
        # here is the remaining files at the rate so far.
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_eta=False, show_pos=True,
                                     item_show_func=lambda text: text)

    def __enter__(self) -> "RateBar":
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> bool:
        return bool(self.bar.__exit__(*exc))

    def rate_text(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0
        minutes, seconds = divmod(int(left + 0.5), 60)
        return f"{rate:.1f} releases/s, ETA {minutes:d}:{seconds:02d}"

    def update(self, n: int = 1) -> None:
        self.done += n
        self.bar.update(n, self.rate_text())
