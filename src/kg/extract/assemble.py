"""Fill a parsed Release: the reported meetings with everything about them, then the rest."""
from __future__ import annotations

import datetime as dt
import re

from ..gazetteer import Gazetteer
from .keys import normalise
from ..model import Meeting, Release
from . import contact, dates, documents, levels, meetings, mentions, outcomes, participants, people, places, related
from . import hosts as hosts_of
from .context import Context
from .spans import Cover
from .meetings import NamePart

SAME_PLACE = re.compile(r"同(?:地|所|市|会場)")
OTHER_MEETING = re.compile(r"第[\d一二三四五六七八九十]+回|前回|次回|昨年|前年|previous|next")
ANNOUNCED = re.compile(r"開催します|開催いたします|開催する予定|開催される予定|will be held|will hold")
DOTS_SPACES = re.compile(r"[・\s]")
THIS_ROUND = re.compile(r"今回が(\d+)回目")
QUOTED = re.compile(r"「([^」]{2,60})」")
HYBRID = re.compile(r"ハイブリッド|hybrid", re.I)
DATE_LABEL = re.compile(r"(?:日\s*時|日\s*程|開催日|Date)\s*[::]?")
JA_ABOUT = re.compile(r"\s*(?:\d{1,2}\.?\s+)?(?:本|今回の|今次|同)?([^、。\s]{2,20}?)(?:には|では)")
EN_ABOUT = re.compile(r"\s*(?:At|In|During|To) the ([A-Za-z][\w -]{2,40}?)\s*,")
BRACKET_TAIL = re.compile(r"(?<!\s)\s*\([^()]*\)$")
BACKGROUND = re.compile(r"背景|経緯")


def fill_release(rel: Release, gaz: Gazetteer) -> None:
    ctx = Context(rel, gaz)
    sent = meetings.meeting_sentence(ctx)
    reported = [_reported(ctx, p, _own_sentence(ctx, p, sent) if k else _held_sentence(ctx, p, sent))
                for k, p in enumerate(_parts(ctx, sent))]
    for before, m in zip(reported, reported[1:]):  # 同地において: where the meeting before it was held
        if m.location and SAME_PLACE.fullmatch(m.location.mention.strip()):
            m.location = before.location
    _who(ctx, reported, sent)
    outcomes.fill_outcomes(ctx, reported)
    rel.meetings = reported + mentions.mentioned_meetings(ctx, reported)
    rel.related = related.related_releases(ctx)
    rel.documents = documents.documents(ctx)
    rel.contacts = contact.contacts(ctx)


def _parts(ctx: Context, sent: tuple[int, int] | None) -> list[NamePart]:
    parts = []
    if ctx.rel.title and ctx.rel.title_span:
        parts = meetings.title_parts(ctx.rel.title, ctx.norm.pos(ctx.rel.title_span.start), ctx.gaz)
        parts = [p for p in parts if meetings.names_meeting(p.name, ctx.gaz)]
    for sub in ctx.sections("subtitle")[:1]:  # ~「第13回X協議」の開催結果~ under a title that names no round
        inner = sub.heading.strip("~〜―—－- ")
        at = ctx.range(sub)[0] + sub.heading.find(inner)
        found = [p for p in meetings.title_parts(inner, at, ctx.gaz) if meetings.names_meeting(p.name, ctx.gaz)]
        if found and (not parts or (found[0].ordinal and not any(p.ordinal for p in parts))):
            parts = found
    if len(parts) == 1 and parts[0].ordinal is None and sent and parts[0].name not in ctx.text[sent[0]:sent[1]]:
        # a trip title (…の関連会合出席, attendance at the … related meetings) over a lead that names the meeting with
        # its round (…で開催された第18回X会合に出席): the lead's meeting
        parts = [p for p in meetings.lead_parts(ctx, sent) if p.ordinal is not None] or parts
    if not parts and ctx.rel.title and ctx.rel.title_span:  # 日・X覚書署名式及び意見交換 under 大臣の動き
        parts = meetings.event_parts(ctx.rel.title, ctx.norm.pos(ctx.rel.title_span.start), ctx.gaz)
    if not parts and sent:
        parts = meetings.lead_parts(ctx, sent)
    if not parts and sent and ctx.rel.title and meetings.MEETING_VERB.search(ctx.text, *sent):
        # 日中交流事業について / 日中交流事業を…開催しました: the title names what the lead says was held
        parts = [p for p in meetings.title_parts(ctx.rel.title, ctx.norm.pos(ctx.rel.title_span.start), ctx.gaz)[:1]
                 if p.name[:6] in ctx.text[sent[0]:sent[1]]]
    return parts


def _held_sentence(ctx: Context, part: NamePart, sent: tuple[int, int] | None) -> tuple[int, int] | None:
    """A trip report names the meeting in its title and lead (…訪問(X対話出席)) but says further down that it was
    held (第29回PIF域外国対話が開催され): that sentence, and the name as it is written there with its round."""
    if ctx.lang != "ja" or (sent and meetings.MEETING_VERB.search(ctx.text, *sent)):
        return sent
    tail = BRACKETS.sub("", part.name)[-5:]
    if len(tail) < 4:
        return sent
    skip = [ctx.range(x) for x in ctx.sections("related", "contact", "title", "subtitle", "breadcrumb", "label")]
    for s, e in ctx.sentences(0, len(ctx.text)):
        if tail not in ctx.text[s:e] or not meetings.MEETING_VERB.search(ctx.text, s, e) or any(a <= s < b for a, b in skip):
            continue
        nth = re.search(rf"第([\d〇一二三四五六七八九十]+)回([^\s、,。「」()]{{0,30}}?{re.escape(tail)})", ctx.text[s:e])
        if nth and part.ordinal is None:
            part.name, part.ordinal, part.start = nth.group(2), meetings.number(nth.group(1)), s + nth.start(2)
        return s, e
    return sent


BRACKETS = re.compile(r"[()「」]")


def _own_sentence(ctx: Context, part: NamePart, sent: tuple[int, int] | None) -> tuple[int, int] | None:
    """The lead sentence that says a second meeting was held, when it is not the first's (また、翌4日には…B会合が行われました)."""
    lead = ctx.lead_range()
    if not sent or not lead or len(part.name) < 4 or part.name in ctx.text[sent[0]:sent[1]]:
        return sent
    own = [s for s in ctx.sentences(*lead) if part.name in ctx.text[s[0]:s[1]] and meetings.MEETING_VERB.search(ctx.text, *s)]
    return own[0] if own else sent


def _reported(ctx: Context, part: NamePart, sent: tuple[int, int] | None) -> Meeting:
    if sent:
        _from_lead(ctx, part, sent)
    m = meetings.new_meeting(ctx, part)
    if sent:
        _adopt_quoted(ctx, m, sent)
        _when_where(ctx, m, sent)
        _within_umbrella(ctx, m, sent)
        if m.start is None:
            _next_held(ctx, m, sent)
    if m.start is None or _wider(m):
        _field_date(ctx, m)
    if m.start is None and ctx.rel.event_date:  # a photo report: the date line under the title is the event's
        m.start = m.end = ctx.rel.event_date
    if m.location is None and not m.attendance and ctx.rel.event_place:
        a, b = ctx.range_of(ctx.rel.event_place)
        m.location = places.place_for(ctx, a, b)
    if _announced(ctx, m, sent):
        m.status = "scheduled"
    _field_place(ctx, m)
    return m


def _next_held(ctx: Context, m: Meeting, sent: tuple[int, int]) -> None:
    """X は…を開催しました。 1.16、17日の2日間、Yにおいて開催し…: the date and place in the next sentence that says so."""
    lead = ctx.lead_range()
    later = [s for s in ctx.sentences(*lead) if s[0] >= sent[1]][:2] if lead else []
    for s, e in later:
        text = ctx.text[s:e]
        if not meetings.MEETING_VERB.search(text) or OTHER_MEETING.search(text):
            continue
        found = [r for r in dates.find_dates(text, ctx.ref) if r.first.iso]
        if found:
            m.start = dates.date_value(ctx.norm, _shift(found[0].first, s))
            m.end = dates.date_value(ctx.norm, _shift(found[0].last, s))
            if m.location is None and not m.attendance:
                m.location = places.location_in(ctx, s, e)[0]
            return


def _field_place(ctx: Context, m: Meeting) -> None:
    """A labelled venue wins over the lead's; a TV link noted under it makes attendance mixed."""
    place = places.field_location(ctx)
    if not place:
        return
    m.location = place
    at = ctx.norm.pos(place.span.end)
    online = places.ONLINE.search(ctx.text, at, at + 80)
    if online or m.attendance:  # 場所: 外務省 ※米国ワシントンDCとの間でTV会議
        m.attendance = "mixed"
        m.attendance_span = m.attendance_span or ctx.norm.span(online.start(), online.end())


def _announced(ctx: Context, m: Meeting, sent: tuple[int, int] | None) -> bool:
    """A meeting still to come: dated after the release, or announced with 開催します / will be held."""
    if m.start and m.start.iso and ctx.rel.issued and ctx.rel.issued.iso and m.start.iso > ctx.rel.issued.iso:
        return True
    text = ctx.text[sent[0]:sent[1]] if sent else ""
    return bool(ANNOUNCED.search(text))


def _from_lead(ctx: Context, part: NamePart, sent: tuple[int, int]) -> None:
    text = ctx.text[sent[0]:sent[1]]
    if part.ordinal is None:
        said = (_nth_before(text, part.name) or _round(THIS_ROUND.search(text)) or _after_name(text, part.name, NTH_BRACKET)
                or _en_nth_before(text, part.name) or _after_name(text, part.name, EN_NTH_BRACKET)
                or _round(_nth_noun(part.name, text)))
        part.ordinal = meetings.number(said) if said else _said(ctx, COUNT_SAID, None)
    if part.level is None or part.level.weak:  # a level the text states wins over ハイレベル in the name
        said = _said_level(ctx)
        if said or part.level is None:
            part.level = said or (meetings.level_of(text, ctx.gaz) if ctx.lang == "en" else None)


NTH_JA = re.compile(r"第([\d〇一二三四五六七八九十]+)回(?:の)?")
NTH_BRACKET = re.compile(r"\s*\(第([\d〇一二三四五六七八九十]+)回")
EN_NTH = re.compile(rf"\b({meetings.EN_ORD})\s+")
EN_NTH_BRACKET = re.compile(rf"\s*\(({meetings.EN_ORD})\s+(?:Meeting|Round|Session)\)")
WORD = re.compile(r"[\w-]+\s+")


def _round(m: re.Match | None) -> str | None:
    return m.group(1) if m else None


def _head(name: str) -> str:
    return DOTS_SPACES.sub("", name)[:6]  # the name's first characters, not a sibling's A・B…


def _nth_before(text: str, name: str) -> str | None:
    """第6回X: the round written before the name (its first characters, with or without ・ and spaces)."""
    head = _head(name)
    for m in NTH_JA.finditer(text):
        if head and DOTS_SPACES.sub("", text[m.end():m.end() + 2 * len(head)]).startswith(head):
            return m.group(1)
    return None


def _after_name(text: str, name: str, rx: re.Pattern) -> str | None:
    """X(第6回…), X (Fourth Meeting): the round in a bracket right after the name."""
    at = text.find(name) if name else -1
    while at >= 0:
        m = rx.match(text, at + len(name))
        if m:
            return m.group(1)
        at = text.find(name, at + 1)
    return None


def _en_nth_before(text: str, name: str) -> str | None:
    """the Fourth Director General Level Meeting of X: an English ordinal up to four words before the name."""
    head = _head(name)
    for m in EN_NTH.finditer(text):
        pos = m.end()
        for _ in range(5):
            if head and DOTS_SPACES.sub("", text[pos:pos + 2 * len(head)]).startswith(head):
                return m.group(1)
            word = WORD.match(text, pos)
            if not word:
                break
            pos = word.end()
    return None


EN_NOUN = re.compile(r"\b(?:Meeting|Dialogue|Consultations?|Talks|Conference|Forum|Workshop|Summit|Roundtable|Round)\b")


def _nth_noun(name: str, text: str) -> re.Match | None:
    """the first high-level policy dialogue: an English ordinal before the name's own meeting noun."""
    nouns = EN_NOUN.findall(name)
    if not nouns:
        return None
    return re.search(rf"\b({meetings.EN_ORD})\s+(?:(?!of\b)[\w-]+\s+){{0,3}}?{nouns[-1]}\b", text, re.I)


COUNT_SAID = re.compile(r"今回(?:が|で)(?:第)?(?P<x>[\d〇一二三四五六七八九十]+)回目"  # 本会議は…初めて開催され、今回で3回目
                        r"|今回は[^。、]{0,20}?(?P<z>\d+)回目"  # 今回は2012年以来5年ぶり31回目の開催
                        rf"|\b(?:This|It)\s+(?:was|is|marks|marked)\s+the\s+(?P<y>{meetings.EN_ORD})\s+(?:meeting|round|session|"
                        r"roundtable|dialogue|consultations?|workshop|forum|conference)\b", re.I)
OTHER_ROUND = re.compile(r"次回|前回|今後|第[\d一二三四五六七八九十]+回|\d{2,4}年|昨年|前年|next|previous")


def _said(ctx: Context, rx: re.Pattern, suffix: str | None):
    """The ordinal or level the body states about the meeting itself (局長級の枠組みである…, 審議官級で実施), outside
    related releases and contacts, and not in a clause about another round (次回は局長級で開催)."""
    skip = [ctx.range(s) for s in ctx.sections("related", "contact", "plans")]
    for m in rx.finditer(ctx.text):
        clause = max(ctx.text.rfind(c, 0, m.start()) for c in "、。,\n") + 1
        if any(a <= m.start() < b for a, b in skip) or OTHER_ROUND.search(ctx.text, clause, m.start()):
            continue
        said = next(v for v in m.groupdict().values() if v)
        return said + suffix if suffix else meetings.number(said)
    return None


def _said_level(ctx: Context) -> levels.Level | None:
    """The level the body states about the meeting itself (…は次官級協議です, 次官級で意見交換を行う), outside related
    releases and contacts, and not in a clause about another round (次回は局長級で開催)."""
    skip = [ctx.range(s) for s in ctx.sections("related", "contact", "plans", "title")]
    for lv in levels.stated(ctx.text, ctx.gaz, ctx.lang):
        clause = max(ctx.text.rfind(c, 0, lv.start) for c in "、。,\n") + 1
        if not lv.weak and not any(a <= lv.start < b for a, b in skip) and not OTHER_ROUND.search(ctx.text, clause, lv.start):
            return lv
    return None


def _adopt_quoted(ctx: Context, m: Meeting, sent: tuple[int, int]) -> None:
    """The lead's 「full name」 names the series when the title's shorter form is not known."""
    if m.known_series:
        return
    for q in QUOTED.finditer(ctx.text[sent[0]:sent[1]]):
        part = meetings.title_parts(q.group(1), 0, ctx.gaz)
        quoted = part[0].name if part else q.group(1)
        key, label, known = meetings.series_of(quoted, ctx)
        a, b = normalise(quoted), normalise(m.name)
        if known or (a and b and (a in b or b in a)):
            m.series_key, m.series_name, m.known_series = key, label, known
            return


def _within_umbrella(ctx: Context, m: Meeting, sent: tuple[int, int]) -> None:
    """A meeting held within a larger one the lead names first (X and Related Meetings were held in Singapore
    from February 1 to 2, 2024. On February 2, the …): the year and the place of the larger one."""
    lead = ctx.lead_range()
    first = next((s for s in ctx.sentences(*lead) if meetings.MEETING_VERB.search(ctx.text[s[0]:s[1]])), None) if lead else None
    if not first or first[0] >= sent[0]:
        return
    if m.start is None and ctx.ref is None:
        known = [r for r in dates.find_dates(ctx.text[first[0]:first[1]]) if r.first.iso]
        ref = dt.date.fromisoformat(known[0].first.iso) if known else None
        found = [r for r in dates.find_dates(ctx.text[sent[0]:sent[1]], ref) if r.first.iso] if ref else []
        if found:
            m.start = dates.date_value(ctx.norm, _shift(found[0].first, sent[0]))
            m.end = dates.date_value(ctx.norm, _shift(found[0].last, sent[0]))
    if m.location is None and not m.attendance:
        m.location = places.location_in(ctx, *first)[0]


def _when_where(ctx: Context, m: Meeting, sent: tuple[int, int]) -> None:
    s, e = sent
    text = ctx.text[s:e]
    found = [r for r in dates.find_dates(text, ctx.ref) if r.first.iso]
    at = text.find(m.name) if m.name in text else text.find(m.name[:8]) if m.name else -1
    pick = _date_for(ctx, found, at)
    if pick:
        m.start = dates.date_value(ctx.norm, _shift(pick.first, s))
        m.end = dates.date_value(ctx.norm, _shift(pick.last, s))
    place, online = places.location_in(ctx, s + (at if ctx.lang == "en" and at > 0 else 0), e)
    if place is None and at > 0:
        place, online = places.location_in(ctx, s, e)
    m.location = place
    if online:
        hybrid = HYBRID.search(ctx.text[online[0]:online[1]])
        m.attendance = "mixed" if place or hybrid else "online"
        m.attendance_span = ctx.norm.span(*online)


def _date_for(ctx: Context, found: list, at: int):
    """The date of the meeting named at `at`: English writes it after the name, Japanese before."""
    if at < 0 or len(found) < 2:
        return found[0] if found else None
    if ctx.lang == "en":
        return next((r for r in found if r.start > at), found[0])
    before = [r for r in found if r.end <= at]
    return before[-1] if before else found[0]


def _shift(w: dates.When, by: int) -> dates.When:
    return dates.When(w.start + by, w.end + by, w.year, w.month, w.day)


def _wider(m: Meeting) -> bool:
    """The lead gives a span of three days or more (a trip: 7月25日から8月1日まで出張): a labelled date may narrow it."""
    if not (m.start and m.end and m.start.iso and m.end.iso):
        return False
    return (dt.date.fromisoformat(m.end.iso) - dt.date.fromisoformat(m.start.iso)).days >= 2


def _field_date(ctx: Context, m: Meeting) -> None:
    """A labelled date: 日時: …, 日 時: …, or a 日程 heading with the date on the next line."""
    for sec in ctx.rel.sections:
        a, b = ctx.range(sec)
        f = DATE_LABEL.search(ctx.text[a:b])
        if f and sec.kind not in ("date", "related", "contact"):
            found = [r for r in dates.find_dates(ctx.text[a + f.end():b], ctx.ref) if r.first.iso]
            if found and _within(found[0], m):
                m.start = dates.date_value(ctx.norm, _shift(found[0].first, a + f.end()))
                m.end = dates.date_value(ctx.norm, _shift(found[0].last, a + f.end()))
                return


def _within(r: dates.DateRange, m: Meeting) -> bool:
    """A labelled date replaces the lead's only inside the lead's span (the meeting on days of the trip)."""
    if m.start is None or not (m.start.iso and m.end and m.end.iso):
        return True
    return m.start.iso <= r.first.iso and r.last.iso <= m.end.iso


def _who(ctx: Context, reported: list[Meeting], sent: tuple[int, int] | None) -> None:
    if not reported:
        return
    hosts, counterparts = hosts_of.hosts_in(ctx, *sent) if sent else ([], [])
    hosts += hosts_of.marked_hosts(ctx, 0, len(ctx.text)) + hosts_of.labelled_hosts(ctx)
    regions = participants.participation_regions(ctx, sent)
    persons = _people(ctx, regions)
    # bodies inside a meeting's name (APEC TELMIN) or a person's post (…, Department of State) take no part
    names = _name_spans(ctx, reported) + [(ctx.norm.pos(p.span.start), ctx.norm.pos(p.span.end)) for p in persons]
    names += [ctx.range_of(m.location.span) for m in reported if m.location]  # デジタル庁で開催, at the Ministry of X: a venue
    named = Cover(names)
    found = [(mn, _meetings_of(ctx, reported, a, b)) for a, b in regions for mn in participants.bodies_in(ctx, a, b)
             if not named.holds(mn.start, mn.end)]
    found += [(mn, reported) for sec in ctx.sections("attendees") for mn in participants.countries_in(ctx, *ctx.range(sec))]
    found += [(mn, [m]) for m in reported for mn in participants.described_parties(ctx, [m.name, m.series_name])]
    for sec in ctx.sections("heading"):  # 日本郵便株式会社から…報告があり: a company that spoke in a topic
        a, b = ctx.range(sec)
        found += [(mn, _meetings_of(ctx, reported, a, b)) for mn in participants.speaking_companies(ctx, a, b)]
    for m in reported:
        for mn in hosts:
            participants.add(m.participations, mn, "host", ctx)
        for mn in counterparts:
            participants.add(m.participations, mn, "participant", ctx)
        for mn, targets in found:
            if m in targets:
                participants.add(m.participations, mn, "participant", ctx)
        participants.prefer_fuller(ctx, m.participations)
        m.people = list(persons)


def _meetings_of(ctx: Context, reported: list[Meeting], a: int, b: int) -> list[Meeting]:
    """The meetings a passage is about, when a release reports two: 政策協議には… / ワークショップには… /
    a passage under the heading 2 第3回X; else all of them."""
    if len(reported) < 2:
        return reported
    said = JA_ABOUT.match(ctx.text[a:b]) or EN_ABOUT.match(ctx.text[a:b])
    hits = [m for m in reported if said and said.group(1).lower() in m.name.lower()]
    if len(hits) == 1:
        return hits
    heads = [s for s in ctx.sections("heading") if ctx.range(s)[0] <= a]
    for sec in reversed(heads):
        named = outcomes.meeting_named(sec.heading, reported)
        if named:
            return [named]
    return reported


def _name_spans(ctx: Context, reported: list[Meeting]) -> list[tuple[int, int]]:
    """Where the meetings' names are written: APEC in 「APEC TELMIN」 names the meeting, not a participant."""
    out = []
    for m in reported:
        names = {m.name, m.series_name}
        for name in {m.name, m.series_name}:  # X Meeting (ADGMIN) is written X Meeting in the text
            names.add(BRACKET_TAIL.sub("", name))
        for name in names:
            out += _occurrences(ctx, name) if len(name) > 3 else []
    return out


def _occurrences(ctx: Context, name: str) -> list[tuple[int, int]]:
    """Where `name` is written, in any case: a search in the lower-cased text (no pattern compiled per name)."""
    lower = ctx._memo.get("lower")
    if lower is None:
        lower = ctx._memo["lower"] = ctx.text.lower()
    if len(lower) != len(ctx.text):  # a character whose lower case is longer: offsets would shift
        return [(x.start(), x.end()) for x in re.finditer(re.escape(name), ctx.text, re.I)]
    out, key, at = [], name.lower(), lower.find(name.lower())
    while at >= 0:
        out.append((at, at + len(key)))
        at = lower.find(key, at + len(key))
    return out


def _people(ctx: Context, regions: list[tuple[int, int]]):
    areas = list(regions)
    for sec in ctx.sections("heading", "attendees"):
        if not BACKGROUND.search(sec.heading):
            areas.append(ctx.range(sec))
    seen, out = set(), []
    for a, b in sorted(set(areas)):
        for p in people.people_in(ctx, a, b):
            key = (p.name, p.org.key if p.org else None)
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out
