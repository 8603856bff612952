"""Which links of a fetched release `kg fetch --follow-related` follows, and what it knows of them.

Only the links of two blocks count: the related releases (関係報道資料, Related press releases)
and the attachments (別添, 添付資料, Attachments). The blocks are the sections that
`kg.parse.parse_release` finds; the links and their spans come from `kg.ingest`.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urldefrag, urlsplit

from ..errors import KgError
from ..extract import dates
from ..gazetteer import Gazetteer
from ..model import Section, Source, Span

DOCUMENT_SUFFIXES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".csv", ".zip", ".txt", ".odt"}


@dataclass
class Link:
    url: str  # absolute, without its #fragment
    text: str
    kind: str  # "related" (a release page) or "attachment" (a document saved, not parsed)
    issued: dt.date | None = None  # the date printed beside a related release, when there is one


@dataclass
class Page:
    """What a fetched release tells the fetcher: its own date and the links to follow."""

    issued: dt.date | None
    links: list[Link]
    problem: str | None = None  # why no links could be read, when none could


def read_page(source: Source, gazetteer: Gazetteer) -> Page:
    from ..extract.parse import parse_release

    try:
        release = parse_release(source, gazetteer)
    except KgError as exc:
        return Page(None, [], exc.message)
    issued = dates.as_date(release.issued)
    return Page(issued, block_links(source, release.sections, issued))


PRINTED_URL = re.compile(r"https?://[!#-;=?-~]+")  # a URL printed as text (copies of pages, plain-text releases)


def block_links(source: Source, sections: list[Section], issued: dt.date | None) -> list[Link]:
    """The links that sit inside a related-releases or an attachments block, in page order."""
    found: list[Link] = []
    seen: set[str] = set()
    for text, url, span in sorted(source.links + _printed(source.text, sections), key=lambda link: link[2]):
        section = _enclosing(sections, span)
        url = urldefrag(url)[0]
        if section is None or section.kind not in ("related", "attachments") or url in seen:
            continue
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        seen.add(url)
        document = section.kind == "attachments" or PurePosixPath(urlsplit(url).path).suffix.lower() in DOCUMENT_SUFFIXES
        when = None if document else _line_date(source.text, span, issued)
        found.append(Link(url, text, "attachment" if document else "related", when))
    return found


def _printed(text: str, sections: list[Section]) -> list[tuple[str, str, Span]]:
    out = []
    for section in sections:
        if section.kind in ("related", "attachments"):
            for m in PRINTED_URL.finditer(text, section.span.start, section.span.end):
                url = m.group().rstrip(".,;:)]")
                out.append((url, url, Span(m.start(), m.start() + len(url))))
    return out


def _enclosing(sections: list[Section], span: Span) -> Section | None:
    best = None
    for section in sections:
        if section.span.start <= span.start and span.end <= section.span.end:
            best = section  # sections are in text order: the last that holds the link is the nearest
    return best


def _line_date(text: str, span: Span, issued: dt.date | None) -> dt.date | None:
    """The date printed on the link's line (…の結果(平成24年3月23日)), or on the line before a bare URL."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    line = text[start:end if end >= 0 else len(text)]
    when = _first_day(line, issued)
    if when is None and line.strip() == text[span.start:span.end] and start > 1:
        when = _first_day(text[text.rfind("\n", 0, start - 1) + 1:start - 1], issued)
    return when


def _first_day(line: str, issued: dt.date | None) -> dt.date | None:
    for found in dates.find_dates(unicodedata.normalize("NFKC", line), issued):
        if found.first.iso:
            return dt.date.fromisoformat(found.first.iso)
    return None


def same_site(url: str, other: str) -> bool:
    """One host (www. or not) and one port."""
    a, b = urlsplit(url), urlsplit(other)
    host = lambda p: re.sub(r"^www\.", "", (p.hostname or "").lower())  # noqa: E731
    return host(a) == host(b) and a.port == b.port
