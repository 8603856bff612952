"""The report's three charts, drawn by kg.chart as inline SVG; every mark links to its evidence
(an anchor further down the same page)."""
from __future__ import annotations

import re
from datetime import date

from ..chart import Cell, Dot, Lane, matrix_svg
from ..chart import timeline_svg as draw_timeline
from ..chart.svg import blend, cut
from .data import Matrix, ReportData

HOST, PARTICIPANT = "#1f4e79", "#8fb3d9"
HEAT = ["#fff3d6", "#f4a259", "#b23a48"]


def timeline_svg(data: ReportData) -> str:
    """Meetings on a time axis, one lane per series, each dot with its number and place."""
    lanes = {s: Lane(label) for s, label in data.series.items()}
    for m in data.meetings:
        title = f"{m.series_label} {m.short}" + (f" · {m.place}" if m.place else "")
        lanes[m.series].dots.append(Dot(f"#{m.anchor}", _day(m.date), "" if m.ordinal is None else str(m.ordinal),
                                        m.place, title))
    return draw_timeline(list(lanes.values()), "Meetings over time (number and place; click for the sentences)",
                        "chart chart-timeline")


def participation_svg(data: ReportData) -> str:
    """Organisations × meetings: a dark cell for a host, a light one for a participant."""
    def cell(c) -> tuple[str, str, str]:
        return HOST if c.value == "host" else PARTICIPANT, "", f"{c.value} · {c.count} sentence(s)"

    return _matrix(data, data.participation, cell, "participation", "Who took part",
                   [(HOST, "host"), (PARTICIPANT, "participant")])


def heatmap_svg(data: ReportData) -> str:
    """Concepts × meetings, coloured by how many headings and outcomes name the concept."""
    top = max([c.count for c in data.topics.cells.values()] or [1])

    def cell(c) -> tuple[str, str, str]:
        return blend(HEAT, c.count / top), str(c.count), f"{c.count} heading(s) and outcome(s)"

    steps = sorted({1, (top + 1) // 2, top})
    return _matrix(data, data.topics, cell, "topics", "number: headings and outcomes naming the topic",
                   [(blend(HEAT, n / top), str(n)) for n in steps])


def _matrix(data: ReportData, matrix: Matrix, paint, name: str, caption: str, legend) -> str:
    columns = {m.iri: i for i, m in enumerate(data.meetings)}
    rows = {r: i for i, r in enumerate(matrix.rows)}
    cells = []
    for (row, meeting), c in matrix.cells.items():
        if meeting in columns and row in rows:
            fill, number, what = paint(c)
            title = f"{matrix.rows[row]} · {data.meetings[columns[meeting]].short}: {what}"
            cells.append(Cell(rows[row], columns[meeting], f"#{c.anchor}", fill, number, title))
    several = len(data.series) > 1
    labels = [_column(m, several) for m in data.meetings]
    return matrix_svg(list(matrix.rows.values()), labels, cells, caption, f"chart chart-{name}", caption, legend)


def _column(meeting, with_series: bool) -> str:
    return f"{cut(meeting.series_label, 100, 11)} {meeting.short}" if with_series else meeting.short


def _day(value: str) -> date | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        try:
            return date.fromisoformat(value)
        except ValueError:  # a day no calendar has: shown as undated
            return None
    if re.fullmatch(r"\d{4}", value or ""):
        return date(int(value), 7, 1)  # a meeting known only to the year: mid-year
    return None
