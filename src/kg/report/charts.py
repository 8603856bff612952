"""The report's charts as inline SVG, drawn by matplotlib; every mark links to its evidence.

matplotlib writes text as SVG <text> (svg.fonttype "none"), so the reader's browser draws the
letters, Japanese included, with its own fonts; nothing is embedded or fetched. Each figure's
element IDs are prefixed so that three figures can share one HTML page.
"""
from __future__ import annotations

import io
import re
import warnings
from datetime import date

import matplotlib
import matplotlib.dates
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .data import Matrix, ReportData

FONTS = ["DejaVu Sans", "Noto Sans CJK JP", "IPAexGothic", "Hiragino Sans", "Yu Gothic", "Meiryo"]
HOST, PARTICIPANT = "#1f4e79", "#8fb3d9"
HEAT = LinearSegmentedColormap.from_list("kg-heat", ["#fff3d6", "#f4a259", "#b23a48"])


def timeline_svg(data: ReportData) -> str:
    """Meetings on a time axis, one lane per series, each labelled with its ordinal and place."""
    lanes = list(data.series)
    dated = [(m, _day(m.date)) for m in data.meetings]
    dated = [(m, d) for m, d in dated if d is not None]
    fig = Figure(figsize=(10, 1.4 + 0.9 * len(lanes)), layout="constrained")
    ax = fig.add_subplot()
    for lane, series in enumerate(lanes):
        points = [(m, d) for m, d in dated if m.series == series]
        ax.axhline(lane, color="#cccccc", linewidth=1, zorder=0)
        if not points:
            continue
        marks = ax.scatter([matplotlib.dates.date2num(d) for _m, d in points], [lane] * len(points),
                           s=90, color=HOST, zorder=2)
        marks.set_urls([f"#{m.anchor}" for m, _d in points])
        for i, (m, d) in enumerate(points):
            label = (str(m.ordinal) if m.ordinal is not None else "") + (f"\n{m.place}" if m.place else "")
            above = i % 2 == 0  # alternate above and below, so that close meetings keep apart
            text = ax.annotate(label, (matplotlib.dates.date2num(d), lane), xytext=(0, 10 if above else -12),
                               textcoords="offset points", ha="center", va="bottom" if above else "top", fontsize=8)
            text.set_url(f"#{m.anchor}")
    ax.set_yticks(range(len(lanes)), [_short(data.series[s], 40) for s in lanes])
    ax.set_ylim(-0.8, len(lanes) - 0.2)
    ax.xaxis_date()
    if dated:
        days = [matplotlib.dates.date2num(d) for _m, d in dated]
        ax.set_xlim(min(days) - 120, max(days) + 120)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.set_title("Meetings over time (number and place; click for the sentences)", fontsize=10, loc="left")
    return _svg(fig, "timeline")


def participation_svg(data: ReportData) -> str:
    """Organisations × meetings: a dark cell for a host, a light one for a participant."""
    def paint(rect: Rectangle, cell) -> None:
        rect.set_facecolor(HOST if cell.value == "host" else PARTICIPANT)

    fig = _matrix(data, data.participation, paint, "Who took part (dark: host, light: participant)")
    return _svg(fig, "participation")


def heatmap_svg(data: ReportData) -> str:
    """Concepts × meetings, coloured by how many headings and outcomes name the concept."""
    top = max([c.count for c in data.topics.cells.values()] or [1])

    def paint(rect: Rectangle, cell) -> None:
        rect.set_facecolor(HEAT(cell.count / top))
        x, y = rect.get_xy()
        rect.axes.text(x + 0.5, y + 0.5, str(cell.count), ha="center", va="center", fontsize=7,
                       color="white" if cell.count / top > 0.6 else "#333333", url=f"#{cell.anchor}")

    fig = _matrix(data, data.topics, paint, "number: headings and outcomes naming the topic")
    return _svg(fig, "topics")


def _matrix(data: ReportData, matrix: Matrix, paint, title: str) -> Figure:
    columns = [m.iri for m in data.meetings]
    rows = list(matrix.rows)
    fig = Figure(figsize=(3.8 + 0.5 * max(len(columns), 4), 2.2 + 0.3 * max(len(rows), 1)), layout="constrained")
    ax = fig.add_subplot()
    for (row, meeting), cell in sorted(matrix.cells.items()):
        if meeting not in columns:
            continue
        rect = Rectangle((columns.index(meeting), rows.index(row)), 1, 1, edgecolor="white", linewidth=1.5)
        ax.add_patch(rect)
        paint(rect, cell)
        rect.set_url(f"#{cell.anchor}")
    ax.set_xlim(0, max(len(columns), 1))
    ax.set_ylim(max(len(rows), 1), 0)
    ax.set_xticks([i + 0.5 for i in range(len(columns))],
                  [_column(m, len(data.series) > 1) for m in data.meetings], rotation=60, ha="right", fontsize=8)
    ax.set_yticks([i + 0.5 for i in range(len(rows))], [_short(matrix.rows[r], 48) for r in rows], fontsize=8)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_xlabel(title, fontsize=8, color="#555555")
    return fig


def _column(meeting, with_series: bool) -> str:
    label = meeting.short
    return f"{_short(meeting.series_label, 16)} {label}" if with_series else label


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _day(value: str) -> date | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        return date.fromisoformat(value)
    if re.fullmatch(r"\d{4}", value or ""):
        return date(int(value), 7, 1)  # a meeting known only to the year: mid-year
    return None


def _svg(fig: Figure, name: str) -> str:
    """The figure as an <svg> element for inline use: no XML prolog, no metadata, IDs prefixed."""
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": name, "font.family": ["sans-serif"],
                                "font.sans-serif": FONTS}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs missing from DejaVu: the browser draws them
        fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = svg.replace(' target="_blank"', "")
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{name}-{m.group(1)}"', svg)
    svg = re.sub(r'(url\(#|href="#)([^")]+)',
                 lambda m: m.group(1) + (f"{name}-{m.group(2)}" if m.group(2) in ids else m.group(2)), svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name}" class="chart chart-{name}" ', 1)
