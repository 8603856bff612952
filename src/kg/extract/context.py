"""What every extractor needs: the release, the gazetteer, the NFKC text, the release date, sentences."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer
from ..model import Release, Section, Span
from .dates import as_date
from .textnorm import Norm, norm_of

END_KINDS = ("plans", "attachments", "background", "related", "contact", "furniture", "admin")
_EN_STOP = re.compile(r"\.(?=\s+[A-Z(“\"])")
_ABBREV = re.compile(r"(?:\b[A-Z]|\bMr|\bMs|\bDr|\bNo|\bSt|\bvs)$")
_LINE = re.compile(r"[^\n]+")


@dataclass
class Context:
    rel: Release
    gaz: Gazetteer
    norm: Norm = field(init=False)
    ref: dt.date | None = field(init=False)
    _memo: dict = field(init=False, repr=False, default_factory=dict)  # ranges, sections and sentences asked before

    def __post_init__(self) -> None:
        self.norm = norm_of(self.rel.source.text)
        self.ref = as_date(self.rel.issued) or as_date(self.rel.event_date)

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def lang(self) -> str:
        return self.rel.lang

    def range(self, sec: Section) -> tuple[int, int]:
        hit = self._memo.get(id(sec))
        if hit is not None and hit[0] is sec:
            return hit[1]
        got = self.norm.pos(sec.span.start), self.norm.pos(sec.span.end)
        self._memo[id(sec)] = (sec, got)
        return got

    def range_of(self, span: Span) -> tuple[int, int]:
        return self.norm.pos(span.start), self.norm.pos(span.end)

    def sections(self, *kinds: str) -> list[Section]:
        got = self._memo.get(kinds)
        if got is None:
            got = self._memo[kinds] = tuple(s for s in self.rel.sections if s.kind in kinds)
        return list(got)

    def body_range(self, sec: Section) -> tuple[int, int]:
        """A section's range without its heading line."""
        a, b = self.range(sec)
        nl = self.text.find("\n", a, b)
        return (nl + 1, b) if nl >= 0 else (b, b)

    def lead_range(self) -> tuple[int, int] | None:
        leads = self.sections("lead")
        return self.range(leads[0]) if leads else None

    def content_end(self) -> int:
        """Where the last content line starts: a heading there may be cut off, unless the file ended that
        line with its line break (the cut follows a complete line)."""
        if self.rel.source.last_line_complete:
            return len(self.text)
        stripped = self.text.rstrip()
        return stripped.rfind("\n") + 1

    def sentences(self, a: int, b: int) -> list[tuple[int, int]]:
        """Sentences of [a, b): split at 。, at line ends, and at an English full stop before a capital."""
        got = self._memo.get(("sentences", a, b))
        if got is None:
            out = []
            for line in _LINE.finditer(self.text, a, b):
                key = ("line", line.start(), line.end())  # a line is split once, whichever range asks
                split = self._memo.get(key)
                if split is None:
                    split = self._memo[key] = self._split_line(line.start(), line.end())
                out += split
            got = self._memo[("sentences", a, b)] = tuple(out)
        return list(got)

    def _split_line(self, a: int, b: int) -> list[tuple[int, int]]:
        text = self.text
        cuts, at = [], text.find("。", a, b)
        while at >= 0:  # after each 。
            cuts.append(at + 1)
            at = text.find("。", at + 1, b)
        for m in _EN_STOP.finditer(self.text, a, b):
            if not _ABBREV.search(self.text[max(a, m.start() - 3):m.start()]):
                cuts.append(m.end())
        out, start = [], a
        for cut in sorted(set(cuts)) + [b]:
            s, e = _trim(self.text, start, cut)
            if e > s:
                out.append((s, e))
            start = cut
        return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t-・•●■◆○":
        a += 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    return a, b
