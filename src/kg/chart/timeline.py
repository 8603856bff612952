"""The lanes timeline: one row per lane (a meeting series), one dot per meeting on a time axis
marked in years, its number inside; an optional note (the place) above and below the dots in turn.
Dots without a date sit, hollow, in a strip of their own before the axis. Dots too close in time
are moved apart just enough to stay whole and readable, and a tick on the row marks the true date
of a moved one. Every dot and lane label is a link."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .svg import anchor, cut, esc, num, root, text

LEFT, RIGHT, TOP, WIDTH, UNDATED = 270, 30, 34, 980, 130
ROW, ROW_WITH_NOTES = 44, 66
RADIUS = 9
GAP = 2 * RADIUS + 2  # centre to centre: two dots and a little air, so neither hides the other's number
COLOUR = "#1f4e79"


@dataclass
class Dot:
    href: str
    when: date | None = None
    mark: str = ""  # drawn inside the dot: a few characters (the meeting's number)
    note: str = ""  # drawn beside it (the place)
    title: str = ""  # the tooltip


@dataclass
class Lane:
    label: str
    href: str = ""
    dots: list[Dot] = field(default_factory=list)


def timeline_svg(lanes: list[Lane], title: str = "Meetings over time", css_class: str = "timeline",
                 empty: str = "No meetings yet.") -> str:
    """The chart as an <svg> element. `title` is its accessible name; `empty` is shown when no lane has a dot."""
    dots = [d for lane in lanes for d in lane.dots]
    row = ROW_WITH_NOTES if any(d.note for d in dots) else ROW
    height = TOP + row * max(1, len(lanes)) + 10
    parts = [root(css_class, title, WIDTH, height)]
    if not dots:
        return parts[0] + f'<text x="{LEFT}" y="{TOP + 20}" font-size="13" fill="#555">{esc(empty)}</text></svg>'
    first, last = _years(dots)
    undated = any(d.when is None for d in dots)
    axis = LEFT + (UNDATED if undated else 0)
    if undated:
        parts.append(f'<text class="year" x="{num(LEFT + UNDATED / 2 - 8)}" y="{TOP - 16}" font-size="11" '
                     f'fill="#667" text-anchor="middle">date unknown</text>')
    x = _scale(first, last, axis)
    if first:
        step = max(1, (last - first) // 10)
        for year in range(first, last + 1, step):
            xx = num(x(date(year, 1, 1)))
            parts.append(f'<line class="tick" x1="{xx}" y1="{TOP - 12}" x2="{xx}" y2="{height - 6}" stroke="#e3e7ef"/>'
                         f'<text class="year" x="{xx}" y="{TOP - 16}" font-size="11" fill="#667" '
                         f'text-anchor="middle">{year}</text>')
    for i, lane in enumerate(lanes):
        parts += _lane(lane, TOP + row * i + row / 2, axis, x)
    parts.append("</svg>")
    return "".join(parts)


def _lane(lane: Lane, y: float, axis: float, x) -> list[str]:
    label = f'<text class="series" x="8" y="{num(y + 4)}" font-size="13" fill="#1d2330">' \
            f'{text(cut(lane.label, LEFT - 16, 13))}<title>{esc(lane.label)}</title></text>'
    parts = [anchor(lane.href, "", [label]) if lane.href else label,
             f'<line class="row" x1="{LEFT}" y1="{num(y)}" x2="{WIDTH - RIGHT}" y2="{num(y)}" stroke="#c9d1e0" '
             f'stroke-width="2"/>']
    strip = [d for d in lane.dots if d.when is None]
    step = min(22.0, (UNDATED - 24) / max(1, len(strip) - 1))
    parts += [_dot(d, LEFT + 12 + k * step, y, k, undated=True) for k, d in enumerate(strip)]
    dated = sorted((d for d in lane.dots if d.when), key=lambda d: (d.when, d.href, d.mark))
    wanted = [x(d.when) for d in dated]
    for k, (d, at, want) in enumerate(zip(dated, spread(wanted, axis + 12, WIDTH - RIGHT), wanted)):
        if abs(at - want) > 0.5:  # moved aside: a tick marks its true date on the row
            parts.append(f'<line class="when" x1="{num(want)}" y1="{num(y - 3)}" x2="{num(want)}" y2="{num(y + 3)}" '
                         f'stroke="{COLOUR}" stroke-width="1.5"/>')
        parts.append(_dot(d, at, y, k))
    return parts


def _dot(d: Dot, x: float, y: float, k: int, undated: bool = False) -> str:
    fill, ink = ("#fff", COLOUR) if undated else (COLOUR, "#fff")
    dash = ' stroke-dasharray="3 2"' if undated else ""
    stroke = COLOUR if undated else "#fff"
    out = [f'<circle cx="{num(x)}" cy="{num(y)}" r="{RADIUS}" fill="{fill}" stroke="{stroke}" stroke-width="2"{dash}/>']
    if d.mark:
        out.append(f'<text class="ordinal" x="{num(x)}" y="{num(y + 4)}" font-size="10" fill="{ink}" '
                   f'text-anchor="middle" pointer-events="none">{text(cut(d.mark, 2 * RADIUS, 10))}</text>')
    if d.note:  # above and below in turn, so that the notes of neighbours keep apart
        ny = y - RADIUS - 5 if k % 2 == 0 else y + RADIUS + 13
        out.append(f'<text class="note" x="{num(x)}" y="{num(ny)}" font-size="10" fill="#333" '
                   f'text-anchor="middle">{text(cut(d.note, 110, 10))}</text>')
    return anchor(d.href, d.title, out, "meeting undated" if undated else "meeting")


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


def _years(dots: list[Dot]) -> tuple[int, int]:
    dated = [d.when for d in dots if d.when]
    if not dated:
        return 0, 0
    return min(d.year for d in dated), max(d.year for d in dated) + 1


def _scale(first: int, last: int, axis: float):
    span = (date(last, 1, 1) - date(first, 1, 1)).days if first else 1

    def x(d: date) -> float:
        return axis + 12 + (WIDTH - axis - RIGHT - 12) * (d - date(first, 1, 1)).days / (span or 1)
    return x
