"""Where `kg fetch` keeps what it fetched: each body as served, beside its NAME.meta.json sidecar.

Pages go to DIR/NAME.html (what `kg build DIR` reads), attachments to DIR/attachments/NAME.EXT.
A file is written whole to a temporary name and then renamed, so a fetch that fails half-way
leaves the earlier copy as it was. The name comes from the URL asked for, so a second fetch of
the same URL finds the first copy (and its ETag and Last-Modified for a conditional request).
"""
from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..config import process_alive

ATTACHMENTS = "attachments"
STAGING = ".kg-fetch-staging"  # + "-PID": each kg fetch stages in its own folder


@dataclass
class Place:
    """The body file and its sidecar for one URL."""

    body: Path

    @property
    def meta(self) -> Path:
        return self.body.with_name(self.body.stem + ".meta.json")

    def previous(self) -> dict:
        """The sidecar of an earlier fetch whose body is still there, else {}."""
        if not (self.body.exists() and self.meta.exists()):
            return {}
        try:
            meta = json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return meta if isinstance(meta, dict) else {}


def page_place(into: Path, url: str) -> Place:
    return Place(_unique(into, url, ".html"))


def attachment_place(into: Path, url: str, content_type: str = "") -> Place:
    suffix = Path(unquote(urlsplit(url).path)).suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,5}", suffix):
        suffix = mimetypes.guess_extension(content_type or "") or ".bin"
    return Place(_unique(into / ATTACHMENTS, url, suffix))


def _unique(folder: Path, url: str, suffix: str) -> Path:
    """NAME from the URL's last path segment; NAME-<hash> when another URL owns NAME already."""
    parts = urlsplit(url)
    last = Path(unquote(parts.path.rstrip("/"))).name
    stem = re.sub(r"[^\w.-]+", "_", Path(last).stem if "." in last else last).strip("._") or \
        re.sub(r"[^\w.-]+", "_", parts.hostname or "page")
    if parts.query:
        stem += "-" + _digest(parts.query)
    path = folder / (stem[:80] + suffix)
    owner = Place(path).previous().get("requested_url")
    if owner and owner != url or (path.exists() and not owner):
        path = folder / f"{stem[:80]}-{_digest(url)}{suffix}"
    return path


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def stage(into: Path, place: Place, body: bytes, meta: dict) -> Place:
    """Write body and sidecar under DIR/.kg-fetch-staging-PID (to be read, then committed or dropped)."""
    folder = staging(into)
    folder.mkdir(parents=True, exist_ok=True)
    staged = Place(folder / place.body.name)
    _write(staged.body, body)
    write_meta(staged, meta)
    return staged


def commit(staged: Place, place: Place) -> None:
    """Move a staged body and then its sidecar into place, each in one rename."""
    place.body.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged.body, place.body)
    os.replace(staged.meta, place.meta)


def drop(staged: Place) -> None:
    for path in (staged.body, staged.meta):
        path.unlink(missing_ok=True)


def write_meta(place: Place, meta: dict) -> None:
    place.body.parent.mkdir(parents=True, exist_ok=True)
    _write(place.meta, (json.dumps(meta, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over `path`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def staging(into: Path) -> Path:
    """This process's staging folder: two `kg fetch --into DIR` at once each have their own."""
    return into / f"{STAGING}-{os.getpid()}"


def clean_staging(into: Path) -> None:
    """Remove this process's staging folder, and those of fetches that are no longer running."""
    for folder in into.glob(f"{STAGING}*"):
        pid = folder.name[len(STAGING) + 1:]
        if folder == staging(into) or (pid.isdigit() and not process_alive(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)

