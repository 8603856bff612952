"""NFKC text for matching, with a map back to the offsets of the original text.

Extractors match on `Norm.text` (full-width letters and digits folded, ideographic spaces made
ASCII) and report spans in the original text through `Norm.span`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Span

_JOINERS = "\uff9e\uff9f"  # half-width voiced marks join the kana before them


def _clusters(text: str):
    """Yield (start, end) of each base character with the combining marks that follow it."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in _JOINERS):
            j += 1
        yield i, j
        i = j


@dataclass
class Norm:
    """The NFKC form of `orig`; `orig` starts at `offset` in the source text."""

    orig: str
    offset: int = 0
    text: str = field(init=False)
    _starts: list[int] = field(init=False, repr=False)
    _ends: list[int] = field(init=False, repr=False)
    _o2n: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        parts, starts, ends = [], [], []
        o2n = [0] * (len(self.orig) + 1)
        pos = 0
        for i, j in _clusters(self.orig):
            piece = unicodedata.normalize("NFKC", self.orig[i:j])
            for k in range(i, j):
                o2n[k] = pos
            parts.append(piece)
            starts.extend([i] * len(piece))
            ends.extend([j] * len(piece))
            pos += len(piece)
        o2n[len(self.orig)] = pos
        self.text, self._starts, self._ends, self._o2n = "".join(parts), starts, ends, o2n

    def span(self, start: int, end: int) -> Span:
        """The span in the source text of the normalised characters [start, end)."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if start == len(self.text):
            at = self.offset + len(self.orig)
            return Span(at, at)
        first = self._starts[start]
        last = self._ends[end - 1] if end > start else first
        return Span(self.offset + first, self.offset + last)

    def pos(self, original_offset: int) -> int:
        """The normalised offset of a source-text offset."""
        k = max(0, min(original_offset - self.offset, len(self.orig)))
        return self._o2n[k]

    def quote(self, start: int, end: int) -> str:
        """The original words behind the normalised characters [start, end)."""
        s = self.span(start, end)
        return self.orig[s.start - self.offset:s.end - self.offset]


@lru_cache(maxsize=8)
def norm_of(text: str) -> Norm:
    """The Norm of a whole source text: parse and extract share one."""
    return Norm(text)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """Collapse runs of white space to one blank and trim: for labels built from several lines."""
    return re.sub(r"\s+", " ", text).strip()
