"""`kg fetch`: save release pages from the web into a folder that `kg build` reads."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from .. import api
from ..errors import EndpointError
from .common import info, quiet_flag, run_build, store_option


@click.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--into", "into", type=click.Path(file_okay=False, path_type=Path), default=Path("releases"),
              show_default=True, help="The folder to save pages (NAME.html + NAME.meta.json) and attachments in.")
@click.option("--follow-related", "follow", is_flag=True,
              help="Also fetch the releases of the related-releases block and save the attachments.")
@click.option("--depth", type=click.IntRange(0), default=3, show_default=True,
              help="How many related-release hops to follow from a URL given.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Leave out related releases issued before this day.")
@click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Seconds between two requests to one host (retries wait 2x, 4x ... that).")
@click.option("--timeout", type=click.FloatRange(0.01), default=30.0, show_default=True,
              help="Seconds to wait for a host to answer at all (each read).")
@click.option("--deadline", type=click.FloatRange(0.01), default=120.0, show_default=True,
              help="Seconds one request may take in total (a server that drips its answer is cut off).")
@click.option("--retries", type=click.IntRange(0), default=2, show_default=True,
              help="Tries again after a 5xx, 429, timeout or broken connection.")
@click.option("--max-bytes", type=click.IntRange(1), default=20 * 1024 * 1024, show_default=True,
              help="The largest body to accept.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="What to write on stdout: a line per URL, or JSON.")
@click.option("--build", "then_build", is_flag=True, help="Then build the folder into the store (as `kg build DIR`).")
@store_option
@quiet_flag
def fetch(urls, into, follow, depth, since, delay, timeout, deadline, retries, max_bytes, fmt, then_build, store_dir,
          quiet) -> int:
    """Fetch release pages into a folder that `kg build` reads.

    Saves each page as served, with NAME.meta.json (URL, final URL, time, status, type, charset,
    ETag, Last-Modified). A page fetched before is asked for again only if it changed (a 304
    keeps the saved copy). It honours robots.txt and waits --delay seconds between requests to a
    host. A URL that fails is reported and the rest goes on; the exit code is then 3.
    """
    with _Progress(not quiet and sys.stderr.isatty()) as bar:
        report = api.fetch(urls, into, follow=follow, depth=depth, since=since.date() if since else None,
                           delay=delay, timeout=timeout, deadline=deadline, retries=retries, max_bytes=max_bytes,
                           progress=bar.update)
    _write(report, fmt)
    for o in report.failed:
        click.echo(f"error: {o.url}: {o.message}", err=True)
    _summary(report, into)
    code = run_build((into,), store_dir, quiet=quiet) if then_build else 0
    if report.failed:
        raise EndpointError(f"{len(report.failed)} URL(s) failed", hint="see the lines above; run again to retry them")
    return code


def _write(report, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([asdict(o) for o in report.outcomes], ensure_ascii=False, indent=1))
        return
    for o in report.outcomes:
        where = o.path or o.message
        click.echo(f"{o.result:9} {o.status or '-':>3} {o.kind:10} {o.url}" + (f"  {where}" if where else ""))


def _summary(report, into: Path) -> None:
    def part(kind):
        return ", ".join(f"{report.count(kind, r)} {r}" for r in ("fetched", "unchanged", "skipped", "failed"))
    info(f"pages: {part('page')}; attachments: {part('attachment')}; requests: {report.requests}; "
               f"saved in {into}")


class _Progress:
    """A bar on stderr when it is a terminal; its length grows as links are found."""

    def __init__(self, show: bool):
        self.show, self.bar = show, None

    def __enter__(self):
        if self.show:
            self.bar = click.progressbar(length=1, label="fetching", file=sys.stderr, show_pos=True).__enter__()
        return self

    def update(self, outcome, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.length = total
            self.bar.update(done - self.bar.pos, current_item=outcome.url)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False

