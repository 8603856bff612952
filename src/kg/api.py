"""The public Python API: what the command line calls, and what a notebook or a script calls.

    import kg
    report = kg.build(["data/releases"], store="store")
    rows = kg.query("meetings", store="store")
    kg.export("graph.trig", store="store")
    kg.validate(store="store").conforms

Every function takes paths (a store folder, release files and folders, an output file) and
returns plain results: a build report, rows (a list of dicts with the query's `columns`), a
validation report. Errors a user can act on are raised as `kg.errors.KgError` with a message and
a hint; nothing here prints or exits. The stages are imported when a function runs, so that
`import kg` stays cheap.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .config import DEFAULT_STORE, default_releases

if TYPE_CHECKING:
    from .pipeline.report import BuildReport
    from .ingest.fetch import FetchReport
    from .link import LinkReport
    from .model import Release
    from .read.push import PushReport
    from .read.queries import Rows, SavedQuery
    from .validation.report import ValidationReport

PathLike = str | os.PathLike


def _store(store: PathLike | None, *, read_only: bool = True, create: bool = False):
    from .store import open_store

    return open_store(Path(store if store is not None else DEFAULT_STORE), read_only=read_only, create=create)


def build(paths: Iterable[PathLike] = (), store: PathLike | None = None, *,
          progress: Callable[[Path], None] | None = None, phase: Callable[[str], None] | None = None,
          engine: str | None = None, jobs: int | None = None, time_limit: float | None = None, max_bytes: int | None = None,
          emit: PathLike | None = None) -> BuildReport:
    """Read, extract, map, validate and store release files and folders (default: ./releases, where
    `fetch` saves, else the bundled seed release); returns the build report. `progress` is called
    once per file done, `phase` with a few words when the store is written and the rules checked. A file that takes longer than `time_limit` seconds (default 30) or is
    larger than `max_bytes` (1 MiB) is reported and left out. With `emit` (a folder) nothing is
    stored: each release's graph is written there as N-Quads with its build key, for a bulk loader
    (a shard of a build that runs on many machines)."""
    from .pipeline import build as run

    chosen = [Path(p) for p in paths] or [default_releases()]
    return run(chosen, Path(store if store is not None else DEFAULT_STORE), progress=progress, phase=phase,
               engine=engine, jobs=jobs, time_limit=time_limit, max_bytes=max_bytes,
               emit=Path(emit) if emit is not None else None)


def source_files(paths: Iterable[PathLike] = ()) -> list[Path]:
    """The release files a build of `paths` reads, in the order it reads them."""
    from .pipeline import collect_files

    return collect_files([Path(p) for p in paths] or [default_releases()])


def saved_queries() -> dict[str, SavedQuery]:
    """The saved queries by name, with their summaries, parameters and columns."""
    from .read.queries import saved_queries as load

    return load()


def query(name_or_file: str, store: PathLike | None = None, *, endpoint: str | None = None,
          limit: int | None = None, offset: int = 0, **params: str) -> Rows:
    """Run a saved query (by name) or a .rq file; returns its rows as dicts keyed by its columns
    (the list's `columns` attribute gives them in order), from the `offset`-th on and at most `limit`
    of them. With `endpoint` (a SPARQL query URL) it runs there instead of the local store, and gives
    the same rows. A row-per-meeting query also takes the filters series=, org=, since= and until=."""
    from .read.queries import find_query, run

    saved = find_query(str(name_or_file))
    return run(_source(store, endpoint), saved, {k: str(v) for k, v in params.items()}, limit=limit, offset=offset,
               folder=None if endpoint else _folder(store))


def query_text(name_or_file: str, fmt: str, store: PathLike | None = None, *, limit: int | None = None,
               offset: int = 0, **params: str) -> tuple[str, int] | None:
    """A saved query's rows written out as csv, tsv or json, read straight from the table the build
    keeps of it (kg.read.tables), with the number of rows; None when it has none (then `query`)."""
    from .read.queries import find_query, listing

    saved = find_query(str(name_or_file))
    return listing(_store(store), saved, {k: str(v) for k, v in params.items()}, fmt, limit=limit, offset=offset,
                   folder=_folder(store))


def query_columns(name_or_file: str) -> list[str]:
    """The columns a saved query (or a .rq file) declares in its `# columns:` header, in order."""
    from .read.queries import find_query

    return list(find_query(str(name_or_file)).columns)


def _folder(store: PathLike | None) -> Path:
    return Path(store if store is not None else DEFAULT_STORE)


def _source(store: PathLike | None, endpoint: str | None):
    """What queries run against: the local store, or a remote SPARQL endpoint."""
    if endpoint:
        from .read.remote import Endpoint

        return Endpoint(endpoint)
    return _store(store)


def rdflib_dataset(store: PathLike | None = None):
    """The store as a read-only rdflib `Dataset` (through oxrdflib, no copy): `ds.query(...)` runs in
    Oxigraph over the union of the named graphs, `ds.get_graph(IRI)` is one named graph."""
    from .store import rdflib_dataset as view

    return view(_store(store))


def topics(store: PathLike | None = None, *, unmatched: bool = False) -> Rows:
    """The topic concepts with how often they come up, or (`unmatched`) the headings no concept matches."""
    return query("topics-unmatched" if unmatched else "topic-counts", store)


def export(path: PathLike | IO[bytes], store: PathLike | None = None, *, format: str | None = None,
           release: str | None = None, jobs: int | None = None) -> None:
    """Write the store (or one release's graph) to a file or a binary stream, in `format` (ttl, nt, nq,
    trig, jsonld; default: from the file's extension, and an extension that names no format is an
    error; a stream gets TriG). `release` is an ID, release/ID or an IRI. A file is written whole or
    not at all."""
    from .read.export import format_for, graphs, write

    stream = hasattr(path, "write")
    fmt = format_for(None if stream else str(path), format)
    db = _store(store)
    graphs(db, release)  # an unknown release fails before any output
    options = {"jobs": jobs or len(os.sched_getaffinity(0)), "path": Path(store if store is not None else DEFAULT_STORE)}
    if stream:
        write(db, fmt, path, release, **options)
        return
    with writing(path) as out:
        write(db, fmt, out, release, **options)


def save(path: PathLike, data: str | bytes) -> None:
    """Write a file whole or not at all (what `kg query -o` and `kg report -o` write)."""
    with writing(path) as out:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextlib.contextmanager
def writing(path: PathLike):
    """A binary file to write `path` through: a temporary file beside it, renamed into place when
    the block ends, removed when it fails. A full disk or a missing permission is a WriteError
    naming the file; the file that was there before stays as it was."""
    import tempfile

    from .errors import WriteError, os_reason

    output = Path(path)
    partial: Path | None = None
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".part")
        partial = Path(name)
        with os.fdopen(fd, "wb", buffering=1 << 20) as out:
            yield out
        os.chmod(partial, 0o666 & ~_umask())
        partial.replace(output)
        partial = None
    except OSError as exc:
        raise WriteError(f"cannot write {output}: {os_reason(exc)}", hint="nothing was written") from exc
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export_split(directory: PathLike, store: PathLike | None = None, *, release: str | None = None,
                 jobs: int | None = None) -> list[Path]:
    """Write the store as one N-Quads file per named graph into a new (or empty) folder, for a bulk
    loader; returns the files written. The folder holds the whole export or is left as it was."""
    from .read.export import write_split

    folder = Path(store if store is not None else DEFAULT_STORE)
    return write_split(_store(store), directory, release, jobs=jobs or len(os.sched_getaffinity(0)), path=folder)


def validate(store: PathLike | None = None, *, engine: str | None = None) -> ValidationReport:
    """Check every stored graph against the shapes and the rules that span releases."""
    from .pipeline import validate_store

    return validate_store(Path(store if store is not None else DEFAULT_STORE), engine=engine)


def extract(path: PathLike) -> Release:
    """What extraction finds in one release file: its records, before mapping."""
    from . import gazetteer
    from .extract import extract_release
    from .ingest import read_source

    return extract_release(read_source(Path(path)), gazetteer.load())


def fetch(urls: Iterable[str], into: PathLike = "releases", *, follow: bool = False, depth: int = 3,
          since=None, delay: float = 1.0, timeout: float = 30.0, deadline: float = 120.0, retries: int = 2,
          max_bytes: int = 20 * 1024 * 1024, progress: Callable | None = None) -> FetchReport:
    """Save release pages (and, with `follow`, their related releases and attachments) into a folder."""
    from .ingest.fetch import FetchOptions, fetch as run

    options = FetchOptions(into=Path(into), follow=follow, depth=depth, since=since, delay=delay, timeout=timeout,
                           deadline=deadline, retries=retries, max_bytes=max_bytes)
    return run(list(urls), options, progress=progress)


def link(store: PathLike | None = None, *, links_dir: PathLike | None = None, online: bool = False,
         enrich: bool = False, endpoint: str | None = None, threshold: float = 0.8,
         cache_dir: PathLike | None = None, timeout: float = 30.0, accept: Iterable[str] = ()) -> LinkReport:
    """Link the store's bodies, places, countries and series to Wikidata and DBpedia (the links graph).
    `accept` (ENTITY=QID) first writes reviewed online candidates to the alignment file.
    `links_dir` holds the alignment file: by default ./links when it has one, else the bundled
    curated file (accepting a candidate then starts ./links/alignments.tsv from a copy of it)."""
    from .config import BUNDLED_LINKS, USER_LINKS, WIKIDATA, default_links
    from .link import accept as accept_picks, own_alignments, run_link

    db = _store(store, read_only=False)
    picks = list(accept)
    if links_dir is None and picks:  # reviewed rows go to ./links, never into the installed package
        links_dir = own_alignments(USER_LINKS, BUNDLED_LINKS)
    folder = Path(links_dir) if links_dir is not None else default_links()
    accepted = accept_picks(db, folder, picks) if picks else []
    report = run_link(db, folder, online=online, enrich=enrich, endpoint=endpoint or WIKIDATA,
                      threshold=threshold, cache_dir=Path(cache_dir) if cache_dir else None, timeout=timeout)
    report.accepted = accepted
    return report


def link_proposals(store: PathLike | None = None) -> Rows:
    """The online link candidates waiting for review."""
    from .link import proposals
    from .read.queries import Rows

    return Rows(["entity", "candidate", "label", "score", "endpoint", "time"],
                [{"entity": a.entity, "candidate": a.qid, "label": a.label, "score": str(a.score),
                  "endpoint": a.endpoint, "time": a.time} for a in proposals(_store(store))])


def report(store: PathLike | None = None, *, series: Iterable[str] = (), lang: str = "en",
           endpoint: str | None = None) -> str:
    """One self-contained HTML report (timeline, participation, topics) of some or every series; with
    `endpoint` (a SPARQL query URL), read from that triple store instead of the local one."""
    from .report import report_html

    return report_html(_source(store, endpoint), list(series) or None, lang)


def push(store: PathLike | None = None, *, endpoint: str, graph_store: str | None = None,
         update: str | None = None, user: str | None = None, password: str | None = None,
         digest_auth: bool = False, token: str | None = None, releases: Iterable[str] = (),
         force: bool = False, prune: bool = False, retries: int = 3, timeout: float = 60.0,
         progress: Callable[[str], None] | None = None, plan: Callable[[int], None] | None = None) -> PushReport:
    """Send the store's named graphs to another triple store, only those that changed since the last push."""
    import httpx

    from .read.push import Target, push as run

    auth = (httpx.DigestAuth if digest_auth else httpx.BasicAuth)(user, password or "") if user else None
    target = Target(endpoint=endpoint, update=update, graph_store=graph_store, auth=auth, token=token,
                    timeout=timeout)
    return run(_store(store), target, releases=list(releases) or None, force=force, prune=prune, retries=retries,
               progress=progress, plan=plan)


def serve(store: PathLike | None = None, *, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0,
          max_bytes: int = 16 << 20, workers: int = 2, queue: int = 256, allow_service: bool = False,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve the store (a read-only SPARQL endpoint and Linked Data pages) until interrupted.
    `ready` is called with the server's URL once the address is bound."""
    from .serve import Settings, check_port, run

    folder = Path(store if store is not None else DEFAULT_STORE)
    _store(folder)  # fails now, with a clear message, when there is no store
    check_port(host, port)
    settings = Settings(store=str(folder.resolve()), timeout=timeout, max_bytes=max_bytes, workers=workers,
                        queue=queue, allow_service=allow_service)
    if ready:
        shown = f"[{host}]" if ":" in host else host
        ready(f"http://{shown}:{port}/")
    run(settings, host, port)
