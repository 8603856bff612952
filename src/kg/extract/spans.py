"""Intervals of the text, asked whether they hold a given stretch: in O(log n) per question, so that checking
every mention against every other span stays linear on long texts."""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate


class Cover:
    """The spans [start, end) given; `holds(s, e)` is true when one of them contains [s, e)."""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))  # the furthest end among the spans so far

    def holds(self, s: int, e: int) -> bool:
        k = bisect_right(self._starts, s) - 1
        return k >= 0 and self._reach[k] >= e
