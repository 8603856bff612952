"""Meetings a release names besides the ones it reports: the next meeting it plans, earlier meetings
of the series (第3回対話で…), other events (今年10月に韓国・釜山で開催されるITU全権委員会議), and side
events held on the occasion (イベント「Wired for the Future …」が今回初めて開催され).
"""
from __future__ import annotations

import re

from .keys import normalise
from ..model import Meeting
from . import dates, places
from .context import Context
from .spans import Cover
from . import levels
from .meetings import NamePart, new_meeting, number, title_parts

NEXT = re.compile(r"次回(?P<lvl>[^\s、,。]{0,6}?級)?(?:の)?(?:会合|対話|会議|協議)?|next (?:meeting|dialogue|round)", re.I)
PLANNED = re.compile(r"予定|目途|目処|見込み|will be held|is scheduled|plan", re.I)
EARLIER = re.compile(r"第(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})回(?:の)?(?P<tail>(?:[^\s、。,]{0,4}級)?(?:会合|対話|会議|協議))")
NAMED = re.compile(r"(?:開催される|開催された|開催予定の|開催の)[、,]?(?P<name>[A-Za-z0-9\u30a0-\u30ff\u4e00-\u9fff・()]"
                   r"(?:[A-Za-z0-9\u30a0-\u30ff\u4e00-\u9fff・()]| (?! )){1,50}?"
                   r"(?:会議|会合|サミット|フォーラム|ワークショップ)(?:\([A-Z]{2,}[A-Za-z0-9]*\))?)(?P<at>\(於:[^)]*\))?")
SUBJECT = re.compile(r"(?:第(?P<n>\d{1,3})回となる)?(?P<name>[A-Za-z0-9\u30a0-\u30ff\u4e00-\u9fff・]{2,30}?"
                     r"(?:会議|会合|サミット|フォーラム|ワークショップ))が(?:[^、。]{0,12})?開催され")
EVENT = re.compile(r"(?:イベント)?「(?P<name>[^「」]{4,120})」(?:が|を)(?!テーマ|主題|議題)(?:[^、。]{0,10})?開催")
EN_NAMED = re.compile(r"\bthe\s+(?P<name>(?:[A-Z0-9][\w'’.-]*\s+){1,8}(?:Meeting|Conference|Summit|Forum|Workshop|Dialogue)"
                      r"(?:\s+(?:on|of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,6})?)"
                      r"(?:\s*\([^)]{1,20}\))?,?\s+(?P<how>to be held|which will be held|that will be held|scheduled|"
                      r"held|which was held|that was held)\b")
OCCASION = re.compile(r"今回|本日|併せて|合わせて|機会に|on the occasion", re.I)
FUTURE = re.compile(r"開催される|開催予定|開催する予定|will be held")
TO_COME = re.compile(r"to be|will|scheduled", re.I)
ORDINAL_ANY = re.compile(r"第[\d一二三四五六七八九十]+回")
ORDINAL_FIRST = re.compile(r"第[\d一二三四五六七八九十]+回")


def mentioned_meetings(ctx: Context, reported: list[Meeting]) -> list[Meeting]:
    main = reported[0] if reported else None
    found: list[Meeting] = []
    skipped = Cover(ctx.range(sec) for sec in ctx.sections("related", "contact", "title", "breadcrumb", "attachments"))
    for s, e in ctx.sentences(0, len(ctx.text)):
        if skipped.holds(s, s + 1):
            continue
        text = ctx.text
        # each reader only where its words are: 次回/next, 第N回, 開催, 「…」 (a search for a word is cheap, a pattern is not)
        found += _next(ctx, s, e, main) if text.find("次回", s, e) >= 0 or ctx.lang == "en" else []
        found += _earlier(ctx, s, e, main) if text.find("第", s, e) >= 0 else []
        found += _named(ctx, s, e) if text.find("開催", s, e) >= 0 else []
        found += _events(ctx, s, e) if text.find("「", s, e) >= 0 else []
        found += _en_named(ctx, s, e) if ctx.lang == "en" else []
    return _dedupe(found, reported)


def _next(ctx: Context, s: int, e: int, main: Meeting | None) -> list[Meeting]:
    m = NEXT.search(ctx.text, s, e)
    if not m or not main or not PLANNED.search(ctx.text, s, e):
        return []
    said = levels.in_name(m.group("lvl"), ctx.gaz) if m.group("lvl") else None
    part = NamePart(main.name, m.start(), main.ordinal + 1 if main.ordinal else None, said or _level(main))
    meeting = _meeting(ctx, part, s, e, "scheduled")
    meeting.series_key, meeting.series_name, meeting.known_series = main.series_key, main.series_name, main.known_series
    meeting.span = ctx.norm.span(m.start(), m.end())
    meeting.kind = main.kind
    return [meeting]


def _earlier(ctx: Context, s: int, e: int, main: Meeting | None) -> list[Meeting]:
    out = []
    if not main:
        return out
    hits = [(m.start(), m.end(), m.group("n"), m.group("tail")) for m in EARLIER.finditer(ctx.text, s, e)]
    hits += _nth_of(ctx.text, main.name, s, e)
    for start, end, said, tail in hits:
        n = number(said)
        if n and main.ordinal and n != main.ordinal:
            part = NamePart(main.name, start, n, levels.in_name(tail, ctx.gaz) or _level(main))
            status = "scheduled" if n > main.ordinal else "completed"  # 第7回会合に向けて: still to come
            meeting = _meeting(ctx, part, max(s, start - 16), start, status)
            meeting.series_key, meeting.series_name = main.series_key, main.series_name
            meeting.span, meeting.kind = ctx.norm.span(start, end), main.kind
            out.append(meeting)
    return out


NTH = re.compile(r"第(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})回")


def _nth_of(text: str, name: str, s: int, e: int) -> list[tuple[int, int, str, str]]:
    """(start, end, N, name) of each 第N回 right before the meeting's own name in [s, e), left to right without
    overlaps: the matches of 第(N)回(name) as one pattern, without compiling one per name."""
    out, pos = [], s
    while (m := NTH.search(text, pos, e)) is not None:
        if text.startswith(name, m.end(), e):
            out.append((m.start(), m.end() + len(name), m.group("n"), name))
            pos = m.end() + len(name)
        else:
            pos = m.start() + 1
    return out


def _named(ctx: Context, s: int, e: int) -> list[Meeting]:
    out = []
    for rx in (NAMED, SUBJECT):
        for m in rx.finditer(ctx.text, s, e):
            name = _balanced(m.group("name"))
            status = "scheduled" if FUTURE.search(ctx.text, max(s, m.start() - 12), m.end() + 8) else "completed"
            n = m.groupdict().get("n")
            part = NamePart(name, m.start("name"), number(n))
            if n is None and ORDINAL_ANY.search(name):  # X第3回会議が開催され: the series X and its round
                parsed = title_parts(name, m.start("name"), ctx.gaz)
                part = parsed[0] if len(parsed) == 1 else part
            meeting = _meeting(ctx, part, _window(ctx, s, m.start()), m.end(), status)
            at = m.groupdict().get("at")
            if at:
                meeting.location = places.place_for(ctx, m.start("at") + 3, m.end("at") - 1)
            out.append(meeting)
    return out


def _en_named(ctx: Context, s: int, e: int) -> list[Meeting]:
    """the G7 Digital Ministers' Meeting to be held in Italy in April; the 2nd Workshop held in Tokyo last year."""
    out = []
    for m in EN_NAMED.finditer(ctx.text, s, e):
        part = title_parts(m.group("name"), m.start("name"), ctx.gaz)
        part = part[0] if part else NamePart(m.group("name"), m.start("name"))
        status = "scheduled" if TO_COME.match(m.group("how")) else "completed"
        out.append(_meeting(ctx, part, m.start(), min(e, m.end() + 60), status))
    return out


def _events(ctx: Context, s: int, e: int) -> list[Meeting]:
    out = []
    for m in EVENT.finditer(ctx.text, s, e):
        meeting = _meeting(ctx, _parsed(m.group("name"), m.start("name"), ctx.gaz), s, e, "completed")
        meeting.kind = "event" if "イベント" in ctx.text[max(s, m.start() - 5):m.start() + 5] else meeting.kind
        meeting.reported = bool(OCCASION.search(ctx.text, s, e))
        out.append(meeting)
    return out


def _level(main: Meeting) -> levels.Level | None:
    return levels.Level(main.level, False, 0, 0) if main.level else None


def _parsed(name: str, at: int, gaz) -> NamePart:
    """第3回X in a quoted name: the name X with its ordinal, so it meets the same meeting reported."""
    parts = title_parts(name, at, gaz) if ORDINAL_FIRST.match(name) else []
    return parts[0] if len(parts) == 1 else NamePart(name, at)


def _meeting(ctx: Context, part: NamePart, s: int, e: int, status: str) -> Meeting:
    meeting = new_meeting(ctx, part, status=status, reported=False)
    found = [r for r in dates.find_dates(ctx.text[s:e], ctx.ref) if r.first.year]
    if found:
        r = found[-1]
        meeting.start = dates.date_value(ctx.norm, _shift(r.first, s))
        meeting.end = dates.date_value(ctx.norm, _shift(r.last, s))
    place, _online = places.location_in(ctx, s, e)
    meeting.location = place
    return meeting


def _window(ctx: Context, s: int, at: int) -> int:
    """Where the clause about a named meeting starts: its date, at most 30 characters before it."""
    starts = [r.start for r in dates.find_dates(ctx.text[max(s, at - 30):at], ctx.ref)]
    return max(s, at - 30) + starts[-1] if starts else max(s, at - 16)


def _shift(w: dates.When, by: int) -> dates.When:
    return dates.When(w.start + by, w.end + by, w.year, w.month, w.day)


def _balanced(name: str) -> str:
    while name.count("(") > name.count(")"):
        name = name[:name.rfind("(")]
    return name.strip("・ ")


def _dedupe(found: list[Meeting], reported: list[Meeting]) -> list[Meeting]:
    """One meeting per series and ordinal (or name): the first mention wins, reported ones stay."""
    seen = {(m.series_key, m.ordinal) for m in reported} | {normalise(m.name) for m in reported}
    seen |= {(m.series_key, None) for m in reported}
    out = []
    for m in found:
        keys = {(m.series_key, m.ordinal), normalise(m.name)} if m.ordinal is None else {(m.series_key, m.ordinal)}
        if m.status == "scheduled" and m.ordinal is None:
            keys = {(m.series_key, "next")}
        if not keys & seen:
            seen |= keys
            out.append(m)
    return out
