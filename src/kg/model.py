"""The records that flow between stages: plain dataclasses, each fact with the span it came from.

ingest -> Source; parse -> Release (sections with offsets); extract -> the records below;
mapping turns a Release with its records into one named graph.

Offsets (`Span.start`, `Span.end`) always index `Source.text`: the decoded text exactly as the
file holds it (after BOM removal and newline normalisation to "\n"), never the NFKC form used
for matching. `Span.quote(text)` gives back the words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["host", "participant"]
OrgKind = Literal["government", "industry", "international", "other"]
Status = Literal["completed", "scheduled"]
Attendance = Literal["offline", "online", "mixed"]


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def quote(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass
class Source:
    """A file as read from disk: its bytes decoded, and what the sidecar says."""

    path: str
    text: str
    sha256: str
    encoding: str
    url: str | None = None
    meta: dict = field(default_factory=dict)
    links: list[tuple[str, str, Span]] = field(default_factory=list)  # (anchor text, absolute URL, span) from HTML
    last_line_complete: bool = False  # the file's last line ended with its line break (not cut mid-line)
    replaced: int = 0  # characters that did not decode (or were NUL), each now U+FFFD


@dataclass
class Section:
    """A block of the release: a heading (may be empty) and its body lines."""

    kind: str  # breadcrumb, label, date, issuer, title, lead, heading, body, attendees, plans,
    # attachments, background, related, contact, furniture
    heading: str
    span: Span
    number: str | None = None  # the heading's numbering as written: "1", "(3)", "ア", "i)"


@dataclass
class DateValue:
    """A date as normalised: an ISO day, or a vague year / year-month (OWL-Time), never invented."""

    text: str
    span: Span
    iso: str | None = None  # YYYY-MM-DD when the day is known
    year: int | None = None
    month: int | None = None

    @property
    def vague(self) -> bool:
        return self.iso is None


@dataclass
class OrgRef:
    """A body as named in the text, resolved against the gazetteer where it can be."""

    mention: str  # as written in this release
    span: Span
    key: str  # gazetteer key (e.g. "jp-mic"), or a minted key for unknown bodies ("n-<digest>")
    name: str  # the preferred label: the gazetteer's in the release's language, else the mention
    country: str | None = None  # ISO 3166 alpha-2
    kind: OrgKind = "government"
    known: bool = False  # True when the gazetteer knows it
    parent: str | None = None  # gazetteer key of the parent body, from the gazetteer or the text


@dataclass
class Participation:
    org: OrgRef
    role: Role
    spans: list[Span] = field(default_factory=list)  # every sentence that says so


@dataclass
class Person:
    name: str  # as written (a family name, or a full name)
    post: str  # the post as written, without the body (局長, Coordinator for Cyber Issues)
    span: Span
    org: OrgRef | None = None  # the body inside the post
    acting_for: str | None = None  # セプルヴェダ大使 in "(セプルヴェダ大使代理)"


@dataclass
class Place:
    mention: str  # as written: "ワシントンD.C.", "万国津梁館(沖縄県名護市)", "総務省"
    span: Span
    key: str  # gazetteer key, or minted
    name: str
    country: str | None = None
    known: bool = False


@dataclass
class Topic:
    """An agenda item: a heading in the outcomes (or an inline enumerated item)."""

    index: int  # 1-based, in the order of the text
    label: str  # the heading without its numbering
    span: Span
    number: str | None = None


@dataclass
class Outcome:
    """A sentence whose verb says what the sides did: agreed, confirmed, welcomed ..."""

    kind: str  # an outcome kind key from data/outcome_verbs.tsv: agreed, confirmed, ...
    text: str  # the sentence as written
    span: Span
    topic: int | None = None  # Topic.index it sits under
    parties: list[OrgRef] = field(default_factory=list)  # who agreed; may be bodies or countries
    party_countries: list[str] = field(default_factory=list)  # "日米両国は" -> ["JP", "US"]
    verb: str = ""  # the words that decided the kind


@dataclass
class Meeting:
    """A meeting the release reports (reported=True) or only mentions (a past or planned one)."""

    name: str  # the series or meeting name as written, without ordinal or level brackets
    span: Span  # where the meeting is first named
    series_key: str  # gazetteer series key or minted from the normalised name
    series_name: str  # preferred series label
    ordinal: int | None = None
    level: str | None = None  # 局長級, 大臣級, Director General-Level ...
    start: DateValue | None = None
    end: DateValue | None = None
    location: Place | None = None
    attendance: Attendance | None = None
    attendance_span: Span | None = None
    status: Status = "completed"
    reported: bool = True
    kind: str = "meeting"  # meeting, workshop, event, conference
    participations: list[Participation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    known_series: bool = False


@dataclass
class RelatedRelease:
    title: str
    url: str
    span: Span
    issued: DateValue | None = None
    series_name: str | None = None
    series_key: str | None = None
    ordinal: int | None = None
    level: str | None = None


@dataclass
class Document:
    """An attachment or a document the release names (a joint statement, a declaration)."""

    title: str
    span: Span
    lang: str | None = None  # ja / en, from 和文 / 英文
    format: str | None = None  # a media type: application/pdf
    url: str | None = None
    author: list[OrgRef] = field(default_factory=list)


@dataclass
class Contact:
    unit: str  # bureau and division as written
    span: Span
    staff: list[str] = field(default_factory=list)
    phone: str | None = None
    fax: str | None = None
    email: str | None = None


@dataclass
class Release:
    """A parsed release and every record extracted from it."""

    id: str
    source: Source
    lang: str  # ja / en
    sections: list[Section] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None
    issued: DateValue | None = None
    event_date: DateValue | None = None  # a photo report's date line (with a place under it): the event's, not the release's
    event_place: Span | None = None  # the place line under it
    publisher: OrgRef | None = None
    issuer_printed: bool = False  # an issuer line is printed in the text
    meetings: list[Meeting] = field(default_factory=list)
    related: list[RelatedRelease] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def url(self) -> str | None:
        return self.source.url
