"""Charts as plain SVG text, drawn by kg itself: the lanes timeline (`kg.chart.timeline`) that
`kg serve`'s home page and `kg report` show, and the matrix or heat map (`kg.chart.matrix`) of the
report's participation and topics.

A chart is a string holding one `<svg>` element for inline use in HTML. Every mark is an `<a>` to
the evidence the caller names; text is real `<text>` that the reader's browser draws with its own
fonts (Japanese included; no font is embedded); labels are escaped, stripped of control
characters, and bidi-isolated when they hold right-to-left text (`kg.chart.svg`). The same input
gives the same bytes. It imports nothing else of kg, reads no store and never prints.
"""
from __future__ import annotations

from .matrix import Cell, matrix_svg
from .timeline import Dot, Lane, spread, timeline_svg

__all__ = ["Cell", "Dot", "Lane", "matrix_svg", "spread", "timeline_svg"]
