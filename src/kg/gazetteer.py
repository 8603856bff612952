"""Knowledge of the world, read from the TSV files under data/ that users extend.

- bodies.tsv: organisations with ja/en labels, aliases, country, kind, parent, renamings
- countries.tsv: ISO 3166 alpha-2 codes with ja/en names and short forms (米, 日, 英 ...)
- places.tsv: cities, regions and venues
- series.tsv: known meeting series with their names in ja/en and aliases
- outcome_verbs.tsv: outcome kinds and the verb phrases that signal them
- sites.tsv: web sites and the body that publishes on them
- levels.tsv: the words that state a meeting's level (局長級, 大臣会合, Ministerial, High-Level)
- series_words.tsv: the words series names are made of, in both languages (安全保障 = Security)
- headings.tsv: section heading words by role (agenda, results, admin, page_label)
- meeting_nouns.tsv: the nouns meeting names end with (会合, Dialogue) and single events (署名式, Courtesy Call)

Each file has a header row; `|` separates several values in one cell; `#` starts a comment line.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from .config import DATA_DIR
from .errors import ConfigError


class _Named:
    """An entry known by a Japanese label, an English label and aliases."""

    label_ja: str
    label_en: str
    aliases: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.label_ja, self.label_en, *self.aliases) if n)


@dataclass(frozen=True)
class Body(_Named):
    key: str
    label_ja: str
    label_en: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    kind: str = "government"
    parent: str | None = None
    replaced_by: str | None = None  # the key of the body it was renamed to
    replaced_on: str | None = None  # ISO date (or year) of the renaming


@dataclass(frozen=True)
class Country(_Named):
    alpha2: str
    label_ja: str
    label_en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceEntry(_Named):
    key: str
    label_ja: str
    label_en: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    kind: str = "city"


@dataclass(frozen=True)
class SeriesEntry(_Named):
    key: str
    label_ja: str
    label_en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutcomeKind:
    key: str
    label_ja: str
    label_en: str
    patterns: tuple[str, ...] = ()  # regular expressions over NFKC text


@dataclass(frozen=True)
class LevelWord:
    lang: str  # ja / en
    word: str  # 局長, 高級事務, Ministerial, High-Level
    level: str  # the normalised level (局長級); empty: the words as written
    weak: bool = False  # only when the text states no other level


@dataclass(frozen=True)
class SeriesWord:
    concept: str  # security
    ja: tuple[str, ...]  # 安全保障, セキュリティ
    en: tuple[str, ...]  # Security


@dataclass(frozen=True)
class HeadingWord:
    role: str  # agenda / results / admin / page_label
    word: str  # 主な議題, Main topics


@dataclass(frozen=True)
class MeetingNoun:
    lang: str  # ja / en
    word: str  # 会合, Dialogue, 署名式
    kind: str  # meeting / event


@dataclass
class Gazetteer:
    bodies: dict[str, Body] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    places: dict[str, PlaceEntry] = field(default_factory=dict)
    series: dict[str, SeriesEntry] = field(default_factory=dict)
    outcome_kinds: dict[str, OutcomeKind] = field(default_factory=dict)
    sites: dict[str, str] = field(default_factory=dict)  # host suffix -> body key
    levels: tuple[LevelWord, ...] = ()
    series_words: tuple[SeriesWord, ...] = ()
    headings: tuple[HeadingWord, ...] = ()
    meeting_nouns: tuple[MeetingNoun, ...] = ()


T = TypeVar("T")
_DERIVED: dict[tuple[int, Callable], tuple[Gazetteer, object]] = {}


def derived(gaz: Gazetteer, build: Callable[[Gazetteer], T]) -> T:
    """What `build` makes of the gazetteer (an index, compiled patterns), made once per Gazetteer object:
    a loaded gazetteer is not edited afterwards."""
    hit = _DERIVED.get((id(gaz), build))
    if hit is not None and hit[0] is gaz:
        return hit[1]  # type: ignore[return-value]
    value = build(gaz)
    _DERIVED[(id(gaz), build)] = (gaz, value)
    return value


def _cells(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 ({exc.reason})", where=str(path), hint="save the file as UTF-8") from exc
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for n, row in enumerate(reader, start=2):
        if None in row:
            raise ConfigError(f"line {n} has more cells than the header", where=str(path),
                              hint="separate cells with one tab; put several values in one cell with |")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def load(data_dir: Path | None = None) -> Gazetteer:
    """Read every gazetteer file under `data_dir` (default: data/)."""
    return _load(str(data_dir or DATA_DIR))


@lru_cache(maxsize=4)
def _load(data_dir: str) -> Gazetteer:
    d = Path(data_dir)
    g = Gazetteer()
    for r in _rows(d / "bodies.tsv"):
        _require(r, ("key", "label_ja"), d / "bodies.tsv")
        g.bodies[r["key"]] = Body(
            key=r["key"], label_ja=r["label_ja"], label_en=r.get("label_en", ""),
            aliases=_cells(r.get("aliases")), country=r.get("country") or None,
            kind=r.get("kind") or "government", parent=r.get("parent") or None,
            replaced_by=r.get("replaced_by") or None, replaced_on=r.get("replaced_on") or None)
    for r in _rows(d / "countries.tsv"):
        _require(r, ("alpha2", "label_ja", "label_en"), d / "countries.tsv")
        g.countries[r["alpha2"].upper()] = Country(r["alpha2"].upper(), r["label_ja"], r["label_en"],
                                                   _cells(r.get("aliases")))
    for r in _rows(d / "places.tsv"):
        _require(r, ("key", "label_ja"), d / "places.tsv")
        g.places[r["key"]] = PlaceEntry(r["key"], r["label_ja"], r.get("label_en", ""), _cells(r.get("aliases")),
                                        r.get("country") or None, r.get("kind") or "city")
    for r in _rows(d / "series.tsv"):
        _require(r, ("key", "label_ja"), d / "series.tsv")
        g.series[r["key"]] = SeriesEntry(r["key"], r["label_ja"], r.get("label_en", ""), _cells(r.get("aliases")))
    for r in _rows(d / "outcome_verbs.tsv"):
        _require(r, ("kind", "label_ja", "label_en"), d / "outcome_verbs.tsv")
        g.outcome_kinds[r["kind"]] = OutcomeKind(r["kind"], r["label_ja"], r["label_en"],
                                                 tuple(_pattern(_nfkc(p), r["kind"], d) for p in _cells(r.get("patterns"))))
    for r in _rows(d / "sites.tsv"):
        g.sites[r["host"].lower()] = r["body"]
    levels = []
    for r in _rows(d / "levels.tsv"):
        _require(r, ("lang", "word"), d / "levels.tsv")
        levels.append(LevelWord(r["lang"], _nfkc(r["word"]), r.get("level", ""), r.get("weak", "") not in ("", "0")))
    g.levels = tuple(levels)
    g.series_words = tuple(SeriesWord(r["concept"], tuple(_nfkc(w) for w in _cells(r.get("ja"))),
                                      tuple(_nfkc(w) for w in _cells(r.get("en"))))
                           for r in _rows(d / "series_words.tsv") if r.get("concept"))
    g.headings = tuple(HeadingWord(r["role"], _nfkc(r["word"])) for r in _checked(d / "headings.tsv", ("role", "word")))
    g.meeting_nouns = tuple(MeetingNoun(r["lang"], _nfkc(r["word"]), r.get("kind") or "meeting")
                            for r in _checked(d / "meeting_nouns.tsv", ("lang", "word")))
    for body in g.bodies.values():
        for ref in (body.parent, body.replaced_by):
            if ref and ref not in g.bodies:
                raise ConfigError(f"body {body.key} refers to unknown body {ref}", where=str(d / "bodies.tsv"),
                                  hint="add a row for it or correct the key")
    return g


def _pattern(text: str, kind: str, d: Path) -> str:
    """An outcome verb pattern that compiles; cells split at |, so a pattern holds no | of its own."""
    try:
        re.compile(text)
    except re.error as exc:
        raise ConfigError(f"outcome kind {kind}: pattern {text!r} is not a regular expression ({exc})",
                          where=str(d / "outcome_verbs.tsv"), hint="write alternatives as separate |-cells") from exc
    return text


def _checked(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    rows = _rows(path)
    for r in rows:
        _require(r, columns, path)
    return rows


def _require(row: dict[str, str], columns: tuple[str, ...], path: Path) -> None:
    missing = [c for c in columns if not row.get(c)]
    if missing:
        raise ConfigError(f"a row lacks {', '.join(missing)}: {row}", where=str(path))
