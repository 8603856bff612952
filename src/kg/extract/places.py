"""Where a meeting took place: a city, a building, a body as venue, a country; or online.

An online meeting is a fact about attendance (Web会議, オンライン, TV会議, video conference), not a place.
"""
from __future__ import annotations

import re

from ..gazetteer import Gazetteer, PlaceEntry, derived
from .keys import digest, normalise
from ..model import Place
from . import dates, orgs
from .context import Context
from .textnorm import nfkc

ONLINE = re.compile(r"(?:Web会議|WEB会議|ウェブ会議|オンライン(?:会議|形式|方式|開催)?|TV会議|テレビ会議|ビデオ会議|遠隔会議|"
                    r"video[ -]?conference|web[ -]?conference|web meeting|teleconference|online|virtual(?:ly)?|"
                    r"ハイブリッド(?:形式|方式)?|hybrid)"
                    r"(?:形式|方式)?(?:\((?=[^()\n]{0,40}(?:会議室|会場|オンライン|online|Web|ウェブ|庁舎|省|ホテル))[^()\n]{1,40}\))?", re.I)
JA_AT = re.compile(r"(?P<p>[^、,。\sはがをにて「」:]{1,40}?)(?:にて|において(?!は)|で(?=[^、。]{0,30}開催|実施|行われ))"
                   r"|於[::]?\s*(?P<p2>[^、,。\s)]{1,40})")
EN_AT = re.compile(r"\bin\s+(?P<p>[A-Z][\w.]*(?:(?:,\s*|\s+)[A-Z][\w.]*)*)"
                   r"|\bat\s+(?:the\s+)?(?P<b>[A-Z][\w.’'-]*(?:\s+(?:(?:of|for|and|the)\s+)?[A-Z][\w.’'-]*)*)"  # at the U.S. Department of Defense
                   r"|\bvisited\s+(?:the\s+)?(?P<v>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")
REGION = re.compile(r"\b(?:Province|Prefecture|State|Region|County|Islands?|Territory|Oblast)\b")
NOT_PLACE = re.compile(r"会合|会議|対話|協議|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                       r"March|April|May|June|July|August|September|October|November|December|addition|particular|"
                       r"級$|レベル$|level$|"  # 次官級での…: a level, never a place
                       r"主催$|共催$|合同$|共同$|対面$|公開$|形式$|方式$|体制$|規模$")  # 総務省主催で, 対面で: a manner
FIELD = re.compile(r"^[ \t>＞・•■◆○▪\-]*(?:(?:\(\d+\)|\d+\.?)[ \t]*)?(?:場\s*所|会\s*場|開催場所|開催地|Venue|Place|Location)(?:\s*[::]\s*|[ \t\u3000]+)"
                   r"(?P<v>[^\n※]+)",
                   re.M | re.I)
FIELD_HEAD = re.compile(r"^(?:(?:日時|日程|Date)(?:・|及び|and|&|/)?)?(?:場所|会場|開催場所|開催地|Venue|Place|Location)$", re.I)
PARTS = re.compile(r"[・()\s,]+")
ABBREVIATED = re.compile(r"[a-z]{2}\.$")
CAPITALISED = re.compile(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?")
SPACES = re.compile(r"\s+")
VALUE_LINE = re.compile(r"\S[^\n]*")


def place_for(ctx: Context, s: int, e: int) -> Place:
    """A Place for the normalised characters [s, e): from places.tsv, a country, or minted."""
    mention, span = ctx.norm.quote(s, e), ctx.norm.span(s, e)
    name = ctx.text[s:e]
    entry = lookup_place(name, ctx.gaz) or _part_place(name, ctx.gaz)
    if entry:
        label = entry.label_en if ctx.lang == "en" and entry.label_en else entry.label_ja
        return Place(mention, span, entry.key, label, entry.country, True)
    return Place(mention, span, "p-" + digest(name), mention.strip(), _country(name, ctx.gaz), False)


def lookup_place(name: str, gaz: Gazetteer):
    return derived(gaz, _place_names).get(normalise(name))


def _place_names(gaz: Gazetteer) -> dict[str, PlaceEntry]:
    """Each normalised place name -> the first place in the gazetteer that has it."""
    first: dict[str, PlaceEntry] = {}
    for entry in gaz.places.values():
        for n in entry.names():
            first.setdefault(normalise(n), entry)
    return first


VENUE = re.compile(r"(?:ホテル|会館|センター|会議場|国際会議場|庁舎|ホール|迎賓館|公館|Hotel|Cent(?:er|re)|Hall|House|Palace|Building)"
                   r"(?:\([^()]*\))?$", re.I)


def looks_like_place(text: str, gaz: Gazetteer) -> bool:
    """A line that names a place and nothing else: a known place or country (東京都, 韓国・釜山), a venue
    (新羅ホテル(韓国ソウル))."""
    t = text.strip()
    if not t or len(t) > 40 or "。" in t:
        return False
    return bool(lookup_place(t, gaz) or _part_place(t, gaz) or orgs.country_code(t, gaz) or VENUE.search(t))


def _part_place(name: str, gaz: Gazetteer):
    """韓国・釜山 -> 釜山: the most specific known place of a 'country・city' or 'city(region)' mention."""
    parts = [p for p in PARTS.split(name) if p]
    prefix = orgs.index(gaz).prefix.match(name) if orgs.index(gaz).prefix else None
    if prefix and prefix.end() < len(name):  # 米国ワシントンDC
        return lookup_place(name[prefix.end():], gaz)
    if len(parts) < 2:
        return None
    found = [lookup_place(p, gaz) for p in parts]
    return next((f for f in reversed(found) if f and name.rstrip(")").endswith(parts[-1])), None)


def _country(name: str, gaz: Gazetteer) -> str | None:
    """The country of a place: its own name, a country prefix, or a part in brackets (ジャカルタ(インドネシア))."""
    code = orgs.country_code(name, gaz) or orgs.country_of(name, gaz)
    parts = [p for p in PARTS.split(name) if p]
    for part in parts if not code else ():
        entry = lookup_place(part, gaz)
        code = orgs.country_code(part, gaz) or (entry.country if entry else None)
        if code:
            break
    return code


def location_in(ctx: Context, a: int, b: int) -> tuple[Place | None, tuple[int, int] | None]:
    """(the place, the online mention) of a sentence that says where a meeting was held."""
    online = ONLINE.search(ctx.text, a, b)
    online_at = (online.start(), online.end()) if online else None
    rx = EN_AT if ctx.lang == "en" else JA_AT
    for m in rx.finditer(ctx.text, a, b):
        group = next(g for g in ("p2", "b", "v", "p") if m.groupdict().get(g))
        s, e = m.start(group), m.end(group)
        if ctx.lang == "ja":
            s = _after_no(ctx, s, e)
        else:
            e = _en_end(ctx, s, e, group)
        body = orgs.lookup(ctx.text[s:e], ctx.gaz) if ctx.text.startswith("で", e) else None
        grouping = body is not None and body.kind == "international"  # G7で…: who, not where (デジタル庁で: where)
        if e - s > 1 and not grouping and not NOT_PLACE.search(ctx.text[s:e]) and not ONLINE.fullmatch(ctx.text[s:e]) \
                and not _HIRAGANA.fullmatch(ctx.text, s, e):  # いて of において is no place; つくば市 is
            return place_for(ctx, s, e), online_at
    return None, online_at


_HIRAGANA = re.compile(r"[\u3040-\u309f]+")


def _after_no(ctx: Context, s: int, e: int) -> int:
    """X の Y において: the place is Y (中国の北京), but ラトビア共和国の首都リガ is kept as written."""
    cut = ctx.text.rfind("の", s, e)
    country = orgs.country_code(ctx.text[s:cut], ctx.gaz) if cut > s else None
    return cut + 1 if 0 <= cut < e - 1 and "(" not in ctx.text[s:cut] and not country else s


def _en_end(ctx: Context, s: int, e: int, group: str) -> int:
    """Where an English place ends: a city with its region and country as written (Haikou, Hainan Province,
    China); a body or a building as venue (at the U.S. Department of Defense); else the known place or the
    first capitalised words."""
    raw = ctx.text[s:e]
    known = _known_prefix(raw, ctx.gaz)
    if known > 0 and not raw[known:].strip(".,") and lookup_place(raw[:known], ctx.gaz):
        return s + known  # the whole run is a known place: Washington, D.C.
    text = raw.rstrip(".")
    if group == "b":
        return s + len(text) if orgs.lookup(text, ctx.gaz) or VENUE.search(text) or orgs.EN_BODY.fullmatch(text) else s
    parts = [p for p in re.split(r",\s*", text) if p]
    if group == "p" and len(parts) > 1 and (orgs.country_code(parts[-1], ctx.gaz) or any(REGION.search(p) for p in parts[1:])):
        return s + len(text)
    end = s + _known_prefix(text, ctx.gaz)
    if group == "v" and not (lookup_place(ctx.text[s:end], ctx.gaz) or orgs.country_code(ctx.text[s:end], ctx.gaz)):
        return s  # visited X: only a place the gazetteer knows
    return end - (1 if ABBREVIATED.search(ctx.text[s:end]) else 0)


def _known_prefix(text: str, gaz: Gazetteer) -> int:
    """The longest known place at the start of an English capitalised run, else the run's first word."""
    for n in derived(gaz, _longest_first):
        if text.startswith(n) and not text[len(n):len(n) + 1].isalpha():  # Lima, not the Lima of Limassol
            return len(n)
    m = CAPITALISED.match(text)
    return len(m.group().rstrip(",")) if m else 0


def _longest_first(gaz: Gazetteer) -> list[str]:
    return sorted((nfkc(n) for p in gaz.places.values() for n in p.names()), key=len, reverse=True)


def field_location(ctx: Context) -> Place | None:
    """A labelled venue: 場所: …, 場 所: …, or a 場所 heading with the value on the next line."""
    m = FIELD.search(ctx.text)
    if m:
        s, e = m.start("v"), m.start("v") + len(m.group("v").rstrip())
        return place_for(ctx, s, e)
    for sec in ctx.rel.sections:
        if FIELD_HEAD.match(SPACES.sub("", sec.heading)):
            a, b = ctx.body_range(sec)
            for line in VALUE_LINE.finditer(ctx.text[a:b]):  # 日時・場所: the date line comes first
                if not dates.find_dates(line.group(), ctx.ref):
                    return place_for(ctx, a + line.start(), a + line.start() + len(line.group().rstrip()))
    return None
