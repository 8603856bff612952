"""Who held a meeting: joint subjects (総務省と国務省は), 〜とともに / と共同で / 主催により, English subjects and
agents (X held …, hosted by Y; X co-hosted … with Y), and countries marked 主催国 / 議長国; 〜との間で names
a counterpart, not a host.
"""
from __future__ import annotations

import re

from . import orgs, sides
from .context import Context
from .participants import SEPARATOR, Mention, _list_before, bodies_in

HOLDS = re.compile(r"を(?:[^、。()]|\([^()]{0,40}\)){0,24}?(?:開催|実施|共催|主催)(?!され)"
                   r"|(?:開催|共催|主催)(?:し|する|いたし)(?!て?(?:い|お)?ります?が)")  # 三国は…会合が開催し: active, の subject
SUBJECT_END = re.compile(r"は[、,]?")
TOGETHER = re.compile(r"とともに|と共に|と合同で|と共催で|と共同で")
CO_HOSTED = re.compile(r"(?:の|が)?(?:主催|共催)(?:により|で|の下|のもと|し|の(?=[^、。]{2,60}?(?:開催|実施)))")
BETWEEN = re.compile(r"との間で|との間において|と(?=の(?:政策)?(?:対話|協議|会談))")
HOST_MARK = re.compile(r"\((?:主催国|議長国|ホスト国|開催国|host country|chair)\)|(?:が|は)(?:議長国|主催国|ホスト国)(?:として|を務め)", re.I)
CO_CHAIRS = re.compile(r"(?:が|は)(?:共同議長|共同議長国|共同主催国)(?:として|を務め)")  # 日本とフィリピンが共同議長を務め
HOST_BEFORE = re.compile(r"(?:議長国|主催国|ホスト国|開催国)(?:である|となった|を務める|の)?")  # 議長国である中国, 議長国サモア
HOST_LINE = re.compile(r"^[ \t>＞・•■◆○▪\-]*(?:(?:\(\d+\)|\d+\.)[ \t]*)?(?:主[ \t]*催(?:者)?|共[ \t]*催|Hosts?|Co-hosts?|"
                       r"Organi[sz]ers?|Hosted by)[ \t]*[::][ \t]*(?P<v>[^\n]+)$", re.M | re.I)  # >主 催 :国土交通省、韓国…
HOST_WORDS = ("催", "Host", "host", "Organi", "organi")  # a labelled host line holds one of them
EN_CO_CHAIRED = re.compile(r"\b(?:co-chaired|co-hosted)\s+by\s+")
MARK_WORDS = ("-chaired by", "co-hosted by", "共同議長", "共同主催国", "議長国", "主催国", "ホスト国", "開催国", "host country", "Host country", "chair", "Chair")
SUBJECT_GROUP = re.compile(r"(?:の)?(?<![二三四五六七八九十両\d])(?:[二三四五六七八九十両\d]{1,3}|各)(?:か|カ|ヵ|ヶ|箇)?国(?:・地域)?$")  # 日本、中国、韓国の三国は


def hosts_in(ctx: Context, a: int, b: int) -> tuple[list[Mention], list[Mention]]:
    """(hosts, counterparts) of the sentence [a, b) that says the meeting was held."""
    if ctx.lang == "en":
        return _en_hosts(ctx, a, b), []
    mentions = bodies_in(ctx, a, b)
    holds = HOLDS.search(ctx.text, a, b)
    subject_end = _first(ctx, SUBJECT_END, a, b)
    hosts = _list_before(ctx, mentions, subject_end) if holds else []
    hosts += _subject_countries(ctx, a, subject_end) if holds and not hosts and subject_end else []
    hosts += _list_before(ctx, mentions, _first(ctx, TOGETHER, a, b))
    hosts += _list_before(ctx, mentions, _first(ctx, CO_HOSTED, a, b))
    hosts += _joined_to_object(ctx, mentions, subject_end, holds) if hosts and holds and subject_end else []
    counterparts = _list_before(ctx, mentions, _first(ctx, BETWEEN, a, b))
    return _unique(hosts), [m for m in counterparts if m not in hosts]


JOINED = re.compile(r"と(?![のもし共合一])")  # …は、X省とY対話を開催: not との間で, とともに, と共催, と合同, として


def _joined_to_object(ctx: Context, mentions: list[Mention], subject_end: int, holds: re.Match) -> list[Mention]:
    """環境省は、…、インドネシア環境林業省と第3回…対話を開催しました: the bodies joined by と to the object of
    開催, after the host subject, hold it with the subject (any tense: 開催します, 開催しました)."""
    for m in mentions:
        if subject_end < m.start and m.end < holds.start() and JOINED.match(ctx.text, m.end) and \
                not any(n.start == m.end + 1 for n in mentions):  # AとBの…: a list, not a partner
            return _list_before(ctx, mentions, m.end)
    return []


def _first(ctx: Context, rx: re.Pattern, a: int, b: int) -> int | None:
    m = rx.search(ctx.text, a, b)
    return m.start() if m else None


EN_VERB = re.compile(r"\b(?:held|hosted|co-hosted|convened|organi[sz]ed|co-organi[sz]ed|chaired|co-chaired|"
                     r"(?<=will )(?:hold|host|co-host|convene)|(?:(?<=is to )|(?<=are to ))(?:hold|host|co-host|convene)|"
                     r"holds|hosts|co-hosts|holding|hosting|co-hosting|convening)\b")  # MIC will hold / is to hold / is holding …
ACTIVE_FORM = re.compile(r"(?:co-)?(?:hold|host|convene|holds|hosts|holding|hosting|convening)")  # never passive
EN_AGENT = re.compile(r"\b(?:hosted|co-hosted|organi[sz]ed|co-organi[sz]ed|chaired|co-chaired)\s+by\s+")
PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are)\s+(?:\w+\s+)?$")
BY = re.compile(r"\bby\s+")
SUBJECT_TAIL = re.compile(r"(?:\s+(?:will|shall|is to|are to|is|are|jointly))?\s*$")
CO = re.compile(r"co-|jointly")
JOINTLY = re.compile(r"\bjointly\s+$")
WITH = re.compile(r"\b(?:together |jointly )?with\s+")
TOGETHER_WITH = re.compile(r"\b(?:together|jointly) with\s+")


def _en_hosts(ctx: Context, a: int, b: int) -> list[Mention]:
    """The agent after 'was held … by' / 'hosted by', and the subject before an active 'held'
    (The ITU held its forum …, hosted by the Government of Kenya: both)."""
    mentions = bodies_in(ctx, a, b)
    verb = EN_VERB.search(ctx.text, a, b)
    if not verb:
        return []
    passive = None if ACTIVE_FORM.fullmatch(verb.group()) else PASSIVE.search(ctx.text, a, verb.start())
    agent = EN_AGENT.search(ctx.text, a, b)
    by = agent or (BY.search(ctx.text, verb.end(), b) if passive else None)
    subject = _list_before(ctx, mentions, SUBJECT_TAIL.search(ctx.text, a, verb.start()).start())
    if not by:
        co = CO.match(ctx.text, verb.start()) or JOINTLY.search(ctx.text[a:verb.start()]) or HELD.match(ctx.text, verb.start())
        partner = WITH if co else TOGETHER_WITH  # MIC held the Dialogue with the Ministry of X of Finland: a co-host
        partner = partner.search(ctx.text, verb.end(), b) if not passive else None  # X held …, together with Y
        return subject + ([m for m in _list_after(ctx, mentions, partner.end()) if m not in subject] if partner else [])
    after = _list_after(ctx, mentions, by.end()) or _countries_after(ctx, by.end(), b)  # co-chaired by Japan and …
    active = not passive and agent is not None and agent.start() > verb.start()
    return ([m for m in subject if m not in after] if active else []) + after


def _countries_after(ctx: Context, start: int, b: int) -> list[Mention]:
    """The countries listed right after `by`: co-chaired by Japan and the Philippines."""
    out: list[Mention] = []
    for m in EN_COUNTRY_ITEM.finditer(ctx.text, start, b):
        if m.start() != (out[-1].end if out else start) and not EN_LIST_GAP.fullmatch(ctx.text, out[-1].end if out else start,
                                                                                     m.start()):
            break
        code = sides.country_named(m.group("c"), ctx.gaz)
        if not code:
            break
        e = m.end("c") - (m.group("c").endswith(".") and not orgs.country_code(m.group("c"), ctx.gaz))
        out.append(Mention(m.start("c"), e, orgs.country_party(ctx.norm.quote(m.start("c"), e), ctx.norm.span(m.start("c"), e), code)))
    return out


EN_COUNTRY_ITEM = re.compile(r"(?:,\s*|\s+and\s+|\s*)(?:the\s+)?(?P<c>[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,3})")
EN_LIST_GAP = re.compile(r"\s*")
HELD = re.compile(r"(?:held|hold|holds|holding)\b")  # MIC held / will hold / is holding … with Y: a co-host


def _list_after(ctx: Context, mentions: list[Mention], start: int) -> list[Mention]:
    out: list[Mention] = []
    for m in [m for m in mentions if m.start >= start]:
        if not SEPARATOR.fullmatch(ctx.text[(out[-1].end if out else start):m.start]):
            break
        out.append(m)
    return out


def marked_hosts(ctx: Context, a: int, b: int) -> list[Mention]:
    """Countries marked 主催国 / 議長国: ラオス(主催国), 議長国である中国, 議長国サモアの…."""
    out: list[Mention] = []
    if not any(w in ctx.text for w in MARK_WORDS):
        return out
    for m in HOST_BEFORE.finditer(ctx.text, a, b):
        run = _RUN.match(ctx.text, m.end(), b)
        for e in range(run.end() if run else m.end(), m.end() + 1, -1):
            if orgs.country_code(ctx.text[m.end():e], ctx.gaz):
                out.append(_country(ctx, m.end(), e))
                break
    for m in EN_CO_CHAIRED.finditer(ctx.text, a, b) if "-chaired by" in ctx.text or "co-hosted by" in ctx.text else ():
        out += _countries_after(ctx, m.end(), b)  # The dialogue was co-chaired by Japan and the Philippines.
    for m in CO_CHAIRS.finditer(ctx.text, a, b) if "共同" in ctx.text else ():
        out += _subject_countries(ctx, max(a, m.start() - 200), m.start())
    for m in HOST_MARK.finditer(ctx.text, a, b):
        e = m.start()
        for s in range(max(a, e - 12), e - 1):
            code = orgs.country_code(ctx.text[s:e], ctx.gaz)
            if code:
                out.append(Mention(s, e, orgs.country_party(ctx.norm.quote(s, e), ctx.norm.span(s, e), code)))
                break
    return out


def _subject_countries(ctx: Context, a: int, end: int) -> list[Mention]:
    """Countries that are the subject of 開催: 日本、中国及び韓国の三国は…開催し (the list right before は)."""
    text = ctx.text[a:end]
    group = SUBJECT_GROUP.search(text)
    stop = group.start() if group else len(text)
    items = _items(text, max(0, stop - 200), stop)
    out: list[Mention] = []
    for s, e in reversed(items):
        if not orgs.country_code(text[s:e], ctx.gaz):
            break
        out.insert(0, _country(ctx, a + s, a + e))
    return out


_SEPARATOR = re.compile(r"(?:、|,|\s|及び|および|並びに|と)+")


def _items(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """(start, end) of the items of a list in text[start:stop], between its separators (、 , と 及び …)."""
    out, pos = [], start
    for sep in _SEPARATOR.finditer(text, start, stop):
        if sep.start() > pos:
            out.append((pos, sep.start()))
        pos = sep.end()
    if stop > pos:
        out.append((pos, stop))
    return out


_RUN = re.compile(r"[^\s、,。()「」::]{1,12}")


def _country(ctx: Context, s: int, e: int) -> Mention:
    code = orgs.country_code(ctx.text[s:e], ctx.gaz)
    return Mention(s, e, orgs.country_party(ctx.norm.quote(s, e), ctx.norm.span(s, e), code))


def labelled_hosts(ctx: Context) -> list[Mention]:
    """The bodies (or countries) of a labelled host line: 主催:A、B / >主 催 :A、B / Hosts: A and B."""
    out: list[Mention] = []
    if not any(w in ctx.text for w in HOST_WORDS):
        return out
    for m in HOST_LINE.finditer(ctx.text):
        a, b = m.start("v"), m.end("v")
        found = bodies_in(ctx, a, b)
        if not found:
            found = [_country(ctx, a + x, a + y) for x, y in _items(ctx.text[a:b], 0, b - a)
                     if orgs.country_code(ctx.text[a + x:a + y], ctx.gaz)]
        out += found
    return out


def _unique(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if m.ref.key not in seen:
            seen.add(m.ref.key)
            out.append(m)
    return out
