"""`kg link`: link our organisations, places, countries and series to Wikidata and DBpedia."""
from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..config import WIKIDATA
from ..errors import KgError
from .common import info, store_option


@click.command()
@store_option
@click.option("--online", is_flag=True, help="Also propose Wikidata links for entities that have none, "
              "by asking the endpoint (answers are cached).")
@click.option("--endpoint", default=WIKIDATA, show_default=True, help="The SPARQL endpoint to ask.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.8, show_default=True,
              help="Accept an online candidate scoring at least this (0 to 1); keep the rest for review.")
@click.option("--enrich", is_flag=True, help="Fetch labels, website (P856), corporate number (P3225), parent "
              "(P749), country (P17) and coordinates (P625) of the linked Wikidata items.")
@click.option("--review", is_flag=True, help="List the online candidates waiting for review.")
@click.option("--accept", "picks", multiple=True, metavar="ENTITY=QID",
              help="With --review: write this candidate to the alignment file, then relink. Repeatable.")
@click.option("--links", "links_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder of the alignment file [default: ./links if it has alignments.tsv, "
                   "else the curated file shipped with kg; --accept writes to ./links].")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where answers are cached [default: $KG_CACHE, else ~/.cache/kg].")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=30.0, show_default=True,
              help="Seconds to wait for one answer from the endpoint.")
def link(store_dir: Path, online: bool, endpoint: str, threshold: float, enrich: bool, review: bool,
         picks: tuple[str, ...], links_dir: Path | None, cache_dir: Path | None, timeout: float) -> None:
    """Link entities to Wikidata and DBpedia, in the store's links graph.

    Offline by default: the links of the alignment file (./links/alignments.tsv, else the curated
    one shipped with kg), plus whatever an earlier
    --online or --enrich run recorded. Exit 3 when the endpoint cannot be reached or fails; the
    links already stored are then left as they were.
    """
    if picks and not review:
        raise KgError("--accept works with --review", hint="write kg link --review --accept ENTITY=QID")
    if review and (online or enrich):
        raise KgError("--review lists and accepts recorded candidates; run --online or --enrich separately")
    if review and not picks:
        show_proposals(api.link_proposals(store_dir))
        return
    report = api.link(store_dir, links_dir=links_dir, online=online, enrich=enrich, endpoint=endpoint,
                      threshold=threshold, cache_dir=cache_dir, timeout=timeout, accept=picks)
    for c in report.accepted:
        info(f"accepted: {c.entity} = {c.qid} ({c.label}, score {c.score}); "
                   f"written to {report.alignment_file}")
    summarise(report, online, enrich, store_dir)


def show_proposals(rows) -> None:
    click.echo(rows.render("table", cell_limit=60), nl=False)
    if rows:
        info("accept one with: kg link --review --accept ENTITY=QID")


def summarise(report, online: bool, enrich: bool, store_dir: Path) -> None:
    info(f"links: {len(report.file_links)} from the alignment file; {report.entities_linked} "
               f"entities linked")
    if report.missing:
        click.echo(f"not in the store (skipped): {', '.join(report.missing)}", err=True)
    info(f"online: {report.count('accepted')} accepted, {report.count('proposed')} proposed for review"
               + ("" if online else " (recorded earlier)"))
    if online or enrich:
        info(f"endpoint: {report.requests} request(s), {report.cache_hits} answer(s) from the cache")
    info(f"facts about linked items: {report.facts}")
    info(f"triples: {report.triples} in the links graph of {store_dir}")
