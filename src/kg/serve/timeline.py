"""The home page's picture: one row per meeting series, one dot per meeting, on a time axis (SVG)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup, escape

from ..read.queries import fit_width
from .entity import href, term_label

LEFT, RIGHT, TOP, ROW, WIDTH, UNDATED = 270, 30, 34, 44, 980, 130
RADIUS = 9
GAP = 2 * RADIUS + 2  # centre to centre: two dots and a little air, so neither hides the other's number


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


def _years(series: list[Series]) -> tuple[int, int]:
    dated = [m.when for s in series for m in s.meetings if m.when]
    if not dated:
        return 0, 0
    return min(d.year for d in dated), max(d.year for d in dated) + 1


def svg(series: list[Series]) -> Markup:
    """The timeline. Meetings without a date sit, hollow, in a lane of their own before the axis."""
    first, last = _years(series)
    undated = any(m.when is None for s in series for m in s.meetings)
    axis = LEFT + (UNDATED if undated else 0)
    height = TOP + ROW * max(1, len(series)) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" viewBox="0 0 {WIDTH} {height}" '
             f'width="{WIDTH}" height="{height}"><title>Meetings of each series over time</title>']
    if not series:
        parts.append(f'<text x="{LEFT}" y="{TOP + 20}">No meetings yet.</text></svg>')
        return Markup("".join(parts))
    if undated:
        parts.append(f'<text class="year" x="{LEFT + UNDATED / 2 - 8:.1f}" y="{TOP - 16}">date unknown</text>')
    x = _scale(first, last, axis)
    if first:
        step = max(1, (last - first) // 10)
        for year in range(first, last + 1, step):
            xx = x(date(year, 1, 1))
            parts.append(f'<line class="tick" x1="{xx:.1f}" y1="{TOP - 12}" x2="{xx:.1f}" y2="{height - 6}"/>'
                         f'<text class="year" x="{xx:.1f}" y="{TOP - 16}">{year}</text>')
    for i, s in enumerate(series):
        y = TOP + ROW * i + ROW / 2
        parts.append(f'<a href="{escape(href(s.iri) or "#")}"><text class="series" x="8" y="{y + 4:.1f}">'
                     f'{escape(_short(s.label))}</text></a>'
                     f'<line class="row" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
        lane = [m for m in s.meetings if m.when is None]
        step = min(22.0, (UNDATED - 24) / max(1, len(lane) - 1))
        parts += [_dot(m, LEFT + 12 + k * step, y, "meeting undated") for k, m in enumerate(lane)]
        dated = sorted((m for m in s.meetings if m.when), key=lambda m: (m.when, m.iri))
        wanted = [x(m.when) for m in dated]
        for m, at, want in zip(dated, spread(wanted, axis + 12, WIDTH - RIGHT), wanted):
            if abs(at - want) > 0.5:  # moved aside: a tick marks its true date on the row
                parts.append(f'<line class="when" x1="{want:.1f}" y1="{y - 3:.1f}" x2="{want:.1f}" y2="{y + 3:.1f}"/>')
            parts.append(_dot(m, at, y))
    parts.append("</svg>")
    return Markup("".join(parts))


def spread(xs: list[float], low: float, high: float, gap: float = GAP) -> list[float]:
    """Dot centres (given in time order) moved apart as little as needed to be `gap` apart, kept
    between `low` and `high` and in order. Each run of dots too close together is centred on where its
    dates are, then pushed back inside the row; when even that cannot fit, they share the row evenly."""
    if len(xs) < 2:
        return list(xs)
    if gap * (len(xs) - 1) > high - low:
        step = (high - low) / (len(xs) - 1)
        return [low + i * step for i in range(len(xs))]
    groups: list[list[float]] = []  # each: [start, count, sum of wanted]
    for want in xs:
        groups.append([want, 1, want])
        while len(groups) > 1 and groups[-2][0] + gap * groups[-2][1] > groups[-1][0]:
            last = groups.pop()
            head = groups[-1]
            head[1] += last[1]
            head[2] += last[2]
            head[0] = head[2] / head[1] - gap * (head[1] - 1) / 2  # centred on the mean of its dates
    out = [start + gap * k for start, count, _ in groups for k in range(count)]
    for i in range(len(out)):  # inside the row: push right from the left edge, then left from the right
        out[i] = max(out[i], low + gap * i)
    for i in range(len(out) - 1, -1, -1):
        out[i] = min(out[i], high - gap * (len(out) - 1 - i))
    return out


def _scale(first: int, last: int, axis: float):
    span = (date(last, 1, 1) - date(first, 1, 1)).days if first else 1

    def x(d: date) -> float:
        return axis + 12 + (WIDTH - axis - RIGHT - 12) * (d - date(first, 1, 1)).days / (span or 1)
    return x


def _dot(m: Meeting, x: float, y: float, kind: str = "meeting") -> str:
    title = f"{m.name} {('第' + m.ordinal + '回 ') if m.ordinal else ''}{m.shown_date or '(date unknown)'}"
    label = escape(m.ordinal or "")
    return (f'<a class="{kind}" href="{escape(href(m.iri) or "#")}"><title>{escape(title)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}"/>'
            f'<text class="ordinal" x="{x:.1f}" y="{y + 4:.1f}">{label}</text></a>')


def _short(text: str, limit: int = 38) -> str:
    """The text cut to `limit` columns, a wide (CJK) character counting as two."""
    return fit_width(text, limit, reserve=2)
