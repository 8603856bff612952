"""`kg topics` (the topic scheme in use, or the headings it does not match) and `kg report` (one HTML file)."""
from __future__ import annotations

from pathlib import Path

import click

from .. import api
from .common import endpoint_option, store_option, write_output


@click.command()
@click.option("--unmatched", is_flag=True, help="List the headings that no concept matches, to grow data/topics.ttl.")
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
def topics(unmatched: bool, store_dir: Path, fmt: str, output: Path | None) -> None:
    """The concepts of data/topics.ttl with how many meetings, headings and outcomes name each.

    With --unmatched: the agenda items (headings) that no concept matches. Add their words as
    skos:altLabel to a concept (or add a concept) in data/topics.ttl, then `kg build` again.
    """
    write_output(api.topics(store_dir, unmatched=unmatched).render(fmt), output)


@click.command()
@store_option
@click.option("--series", "series", multiple=True,
              help="A series key (jp-us-ied) or IRI; repeat for more [default: every series with a reported meeting].")
@click.option("--lang", type=click.Choice(["en", "ja"]), default="en", show_default=True,
              help="The language of the labels in the charts (the sentences stay as written).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("report.html"), show_default=True,
              help="The HTML file to write.")
@endpoint_option
def report(store_dir: Path, series: tuple[str, ...], lang: str, output: Path, endpoint: str | None) -> None:
    """Write one self-contained HTML report: series timeline, participation matrix, topic heat map.

    The file opens offline in any browser; every cell of the charts links to the sentences behind it.
    """
    write_output(api.report(store_dir, series=series, lang=lang, endpoint=endpoint), output)
