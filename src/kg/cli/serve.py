"""`kg serve` (a SPARQL endpoint and Linked Data pages) and `kg push` (send the store to a triple store)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import api
from ..errors import EndpointError
from .common import info, quiet_flag, store_option


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port to listen on.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds a query may run before it is stopped (answer 503).")
@click.option("--max-bytes", default=16 << 20, show_default=True, type=click.IntRange(1024),
              help="The largest answer sent, in bytes (a larger one is refused with 413).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Query worker processes (queries running at once); clients' own queries may hold all but one.")
@click.option("--queue", default=256, show_default=True, type=click.IntRange(1),
              help="Requests that may wait for a free worker at once (each up to 3 x --timeout); past it, 503.")
@click.option("--allow-service", is_flag=True,
              help="Let queries call other endpoints (SERVICE). Off: anyone could make the server fetch any address.")
def serve(store_dir: Path, host: str, port: int, timeout: float, max_bytes: int, workers: int, queue: int,
          allow_service: bool) -> None:
    """Serve the store: a read-only SPARQL endpoint at /sparql, and a page for every entity.

    Entity IRIs under the base resolve by their path (https://kg.example.org/org/jp-mic is
    served at /org/jp-mic) as HTML for a browser, Turtle or JSON-LD for an RDF client.
    The store is read as it was when the server started: restart it after `kg build`.
    """
    def ready(url: str) -> None:
        info(f"serving {store_dir} at {url} (SPARQL endpoint: {url}sparql)")

    api.serve(store_dir, host=host, port=port, timeout=timeout, max_bytes=max_bytes, workers=workers,
              queue=queue, allow_service=allow_service, ready=ready)


@click.command()
@store_option
@click.option("--endpoint", required=True, help="The triple store's SPARQL query URL (reads what was pushed before).")
@click.option("--graph-store", help="Its Graph Store Protocol URL; without it, SPARQL Update is used.")
@click.option("--update", "update_url", help="Its SPARQL Update URL [default: the --endpoint URL].")
@click.option("--release", "releases", multiple=True, help="Push only this release (its ID); repeat for more.")
@click.option("--all", "force", is_flag=True, help="Push every graph, changed or not.")
@click.option("--prune", is_flag=True, help="Also drop remote graphs that a previous push sent and the store no longer has.")
@click.option("--user", envvar="KG_PUSH_USER", help="User name for HTTP authentication (env KG_PUSH_USER).")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="Password (better: env KG_PUSH_PASSWORD).")
@click.option("--digest-auth", is_flag=True, help="Use HTTP Digest instead of Basic authentication (Virtuoso).")
@click.option("--token-env", default="KG_PUSH_TOKEN", show_default=True,
              help="The environment variable holding a bearer token, if any.")
@click.option("--retries", default=3, show_default=True, type=click.IntRange(1, 20),
              help="Attempts per graph before it is reported as failed.")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(1), help="Seconds per HTTP request.")
@quiet_flag
def push(store_dir: Path, endpoint: str, graph_store: str | None, update_url: str | None, releases: tuple[str, ...],
         force: bool, prune: bool, user: str | None, password: str | None, digest_auth: bool, token_env: str,
         retries: int, timeout: float, quiet: bool) -> None:
    """Push the store to a triple store, one named graph per release, replacing only what changed.

    Each graph is sent with a Graph Store Protocol PUT (--graph-store), or else with SPARQL
    Update. A manifest graph on the remote remembers what was sent, so a second push sends only
    the releases that changed. Exit 3 when the store cannot be reached or a graph still fails
    after its retries (the others are pushed all the same).
    """
    bar = _Bar(quiet)
    try:
        report = api.push(store_dir, endpoint=endpoint, graph_store=graph_store, update=update_url, user=user,
                          password=password, digest_auth=digest_auth, token=os.environ.get(token_env) or None,
                          releases=releases, force=force, prune=prune, retries=retries, timeout=timeout,
                          progress=bar.step, plan=bar.start)
    finally:
        bar.finish()
    for note in report.notes:
        info(f"note: {note}")
    for graph, message in sorted(report.failed.items()):
        click.echo(f"failed: {graph}: {message}", err=True)
    info(f"graphs: {len(report.pushed)} pushed, {len(report.unchanged)} unchanged, "
               f"{len(report.failed)} failed, {len(report.pruned)} pruned ({report.method}) to {graph_store or update_url or endpoint}")
    if report.failed:
        raise EndpointError(f"{len(report.failed)} graph(s) could not be pushed after {retries} attempt(s)",
                            where=graph_store or update_url or endpoint, hint="run `kg push` again to retry them")


class _Bar:
    """click's progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, quiet: bool):
        self.show = not quiet and sys.stderr.isatty()
        self.bar = None

    def start(self, total: int) -> None:
        if self.show and total:
            self.bar = click.progressbar(length=total, label="pushing", file=sys.stderr, show_pos=True, show_eta=True)
            self.bar.__enter__()

    def step(self, graph: str) -> None:
        if self.bar:
            self.bar.update(1)

    def finish(self) -> None:
        if self.bar:
            self.bar.__exit__(None, None, None)
