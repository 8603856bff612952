"""Related releases (【関係報道資料】): title, date, URL, and the series, ordinal and level the title names."""
from __future__ import annotations

import re

from ..model import RelatedRelease
from . import dates
from .context import Context
from .meetings import series_of, title_parts

URL = re.compile(r"https?://[^\s<>\"'）)]+")
LINE = re.compile(r"[^\n]+")
DATED = re.compile(r"^(?P<t>.+?)\s*\((?P<d>[^()]*\d[^()]*日|[A-Z][a-z]+\.? \d{1,2}, \d{4})\)\s*$")


def related_releases(ctx: Context) -> list[RelatedRelease]:
    out: list[RelatedRelease] = []
    for sec in ctx.sections("related"):
        a, b = ctx.body_range(sec)
        pending = None
        for line in LINE.finditer(ctx.text[a:b]):
            s, e = a + line.start(), a + line.end()
            text = ctx.text[s:e]
            url = URL.search(text)
            head = text[:url.start()].strip() if url else text.strip()
            if head:
                pending = (s + text.find(head), head)
            link = url.group() if url else _link(ctx, s, e)
            if link and pending:
                out.append(_related(ctx, pending[0], pending[1], link, e))
                pending = None
    return out


def _link(ctx: Context, s: int, e: int) -> str | None:
    span = ctx.norm.span(s, e)
    return next((u for _t, u, w in ctx.rel.source.links if span.start <= w.start < span.end), None)


def _related(ctx: Context, s: int, title: str, url: str, e: int) -> RelatedRelease:
    m = DATED.match(title)
    name = m.group("t") if m else title
    rel = RelatedRelease(title=name, url=url, span=ctx.norm.span(s, e))
    if m:
        found = [r for r in dates.find_dates(m.group("d"), ctx.ref) if r.first.iso]
        if found:
            w = found[0].first
            at = s + m.start("d")
            rel.issued = dates.date_value(ctx.norm, dates.When(at + w.start, at + w.end, w.year, w.month, w.day))
    parts = title_parts(name, s, ctx.gaz)
    if parts:
        rel.series_key, rel.series_name, _known = series_of(parts[0].name, ctx)
        rel.ordinal, rel.level = parts[0].ordinal, parts[0].level.value if parts[0].level else None
    return rel
