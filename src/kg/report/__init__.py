"""`kg report`: one self-contained HTML file about one or more meeting series.

It holds the series timeline (meetings on a time axis, with places), the participation matrix
(organisations × meetings) and the topic heat map (concepts × meetings), drawn as inline SVG by
kg.chart (see kg.report.charts), and, below them, the sentences behind every cell: each cell
of a chart is a link to them. Nothing is loaded from anywhere: no scripts, fonts or images.

`kg.report.data` reads what the report shows from the store; `kg.report.charts` draws it. It only
reads the store it is given, and never prints.
"""
from __future__ import annotations

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .charts import heatmap_svg, participation_svg, timeline_svg
from .data import TEMPLATES, Quote, ReportData, collect


def highlight(quote: Quote) -> Markup:
    """The quote as HTML, its matched words in <mark>."""
    if not quote.mark:
        return escape(quote.text)
    before, _sep, after = quote.text.partition(quote.mark)
    return escape(before) + Markup("<mark>") + escape(quote.mark) + Markup("</mark>") + escape(after)


def render(data: ReportData) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["highlight"] = highlight
    charts = {"timeline": Markup(timeline_svg(data)), "participation": Markup(participation_svg(data)),
              "topics": Markup(heatmap_svg(data))}
    return env.get_template("report.html.j2").render(data=data, charts=charts,
                                                     participation=data.participation.by_meeting(),
                                                     topics=data.topics.by_meeting(),
                                                     css=Markup((TEMPLATES / "report.css").read_text("utf-8")))


def report_html(store: ox.Store, series: list[str] | None = None, lang: str = "en") -> str:
    return render(collect(store, series, lang))
