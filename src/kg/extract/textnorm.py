"""NFKC text for matching, with a map back to the offsets of the original text.

Extractors match on `Norm.text` (full-width letters and digits folded, ideographic spaces made
ASCII) and report spans in the original text through `Norm.span`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Span

_JOINERS = "\uff9e\uff9f"  # half-width voiced marks join the kana before them
_KIND: dict[str, int] = {}  # 0: NFKC keeps the character alone; 1: NFKC changes it; 2: it joins the one before


def _kind(c: str) -> int:
    k = _KIND[c] = 2 if unicodedata.combining(c) or c in _JOINERS else int(unicodedata.normalize("NFKC", c) != c)
    return k


def _special_clusters(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clusters NFKC may change, in order: a changed character, or a base character with
    the combining marks (and half-width voiced marks) that follow it. Every other character is a cluster of
    its own that NFKC keeps as it is."""
    changed, joining = [], set()
    for c in set(text):
        k = _KIND.get(c)
        if k is None:
            k = _kind(c)
        if k:
            add = joining.add if k == 2 else changed.append
            at = text.find(c)
            while at >= 0:
                add(at)
                at = text.find(c, at + 1)
    if not joining:
        return [(i, i + 1) for i in sorted(changed)]
    firsts = set(changed)
    for k in joining:  # a mark belongs to the cluster of the base before it (the first character is a base)
        while k > 0 and k in joining:
            k -= 1
        firsts.add(k)
    out, n = [], len(text)
    for i in sorted(firsts):
        j = i + 1
        while j < n and j in joining:
            j += 1
        out.append((i, j))
    return out


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
        orig = self.orig
        n = len(orig)
        parts, starts, ends, o2n = [], [], [], []
        pos = done = 0  # orig[:done] is mapped; pos is its normalised length
        for i, j in _special_clusters(orig):
            if i > done:  # characters NFKC keeps as they are: one to one
                parts.append(orig[done:i])
                starts.extend(range(done, i))
                ends.extend(range(done + 1, i + 1))
                o2n.extend(range(pos, pos + i - done))
                pos += i - done
            piece = unicodedata.normalize("NFKC", orig[i:j])
            parts.append(piece)
            o2n.extend([pos] * (j - i))
            starts.extend([i] * len(piece))
            ends.extend([j] * len(piece))
            pos += len(piece)
            done = j
        if n > done:
            parts.append(orig[done:n])
            starts.extend(range(done, n))
            ends.extend(range(done + 1, n + 1))
            o2n.extend(range(pos, pos + n - done))
            pos += n - done
        o2n.append(pos)
        self.text, self._starts, self._ends, self._o2n = "".join(parts), starts, ends, o2n

    def span(self, start: int, end: int) -> Span:
        """The span in the source text of the normalised characters [start, end)."""
        first, last = self._bounds(start, end)
        return Span(self.offset + first, self.offset + last)

    def _bounds(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) clamped to the text, as offsets in `orig`."""
        n = len(self.text)
        start = 0 if start < 0 else n if start > n else start
        end = start if end < start else n if end > n else end
        if start == n:
            return len(self.orig), len(self.orig)
        first = self._starts[start]
        return first, (self._ends[end - 1] if end > start else first)

    def pos(self, original_offset: int) -> int:
        """The normalised offset of a source-text offset."""
        k = original_offset - self.offset
        n = len(self.orig)
        return self._o2n[0 if k < 0 else n if k > n else k]

    def quote(self, start: int, end: int) -> str:
        """The original words behind the normalised characters [start, end)."""
        first, last = self._bounds(start, end)
        return self.orig[first:last]


@lru_cache(maxsize=8)
def norm_of(text: str) -> Norm:
    """The Norm of a whole source text: parse and extract share one."""
    return Norm(text)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)

