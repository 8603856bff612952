"""The home page's picture: one row per meeting series, one dot per meeting, on a time axis
(SVG, drawn by kg.chart, which the report's timeline shares)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from ..chart import Dot, Lane, timeline_svg
from .entity import href, term_label


@dataclass
class Meeting:
    iri: str
    ordinal: str | None
    when: date | None
    shown_date: str
    name: str


@dataclass
class Series:
    iri: str
    label: str
    label_en: str | None
    meetings: list[Meeting] = field(default_factory=list)


def _when(start: tuple | None, year: tuple | None) -> tuple[date | None, str]:
    try:
        if start:
            return date.fromisoformat(start[1][:10]), start[1][:10]
        if year:
            return date(int(year[1][:4]), 7, 1), year[1][:4]
    except ValueError:
        pass
    return None, ""


def series_from_rows(rows: list[dict]) -> list[Series]:
    found: dict[str, Series] = {}
    for r in rows:
        s = r["series"][1]
        if s not in found:
            found[s] = Series(s, term_label(r["series"], r["series_ja"], r["series_en"]),
                              r["series_en"][1] if r["series_en"] and r["series_ja"] else None)
        when, shown = _when(r["start"], r["year"])
        m = r["meeting"][1]
        found[s].meetings.append(Meeting(m, r["ordinal"][1] if r["ordinal"] else None,
                                         when, shown, r["name"][1] if r["name"] else term_label(r["meeting"])))
    for series in found.values():
        series.meetings.sort(key=lambda m: (int(m.ordinal) if (m.ordinal or '').isdigit() else 10 ** 6,
                                             m.when or date.max))
    return sorted(found.values(), key=lambda s: s.label)


def svg(series: list[Series]) -> Markup:
    """The timeline, drawn by kg.chart: a lane per series, a dot per meeting with its number inside."""
    lanes = [Lane(s.label, href(s.iri) or "#", [_dot(m) for m in s.meetings]) for s in series]
    return Markup(timeline_svg(lanes, "Meetings of each series over time", "timeline"))


def _dot(m: Meeting) -> Dot:
    title = f"{m.name} {('第' + m.ordinal + '回 ') if m.ordinal else ''}{m.shown_date or '(date unknown)'}"
    return Dot(href(m.iri) or "#", m.when, m.ordinal or "", "", title)
