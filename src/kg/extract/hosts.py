"""Who held a meeting: joint subjects (総務省と国務省は), 〜とともに / と共同で / 主催により, English subjects and
agents (X held …, hosted by Y; X co-hosted … with Y), and countries marked 主催国 / 議長国; 〜との間で names
a counterpart, not a host.
"""
from __future__ import annotations

import re

from . import orgs
from .context import Context
from .participants import SEPARATOR, Mention, _list_before, bodies_in

HOLDS = re.compile(r"を(?:[^、。()]|\([^()]{0,40}\)){0,24}?(?:開催|実施|共催|主催)(?!され)")
SUBJECT_END = re.compile(r"は[、,]?")
TOGETHER = re.compile(r"とともに|と共に|と合同で|と共催で|と共同で")
CO_HOSTED = re.compile(r"(?:の|が)?(?:主催|共催)(?:により|で|の下|のもと|し|の(?=[^、。]{2,60}?(?:開催|実施)))")
BETWEEN = re.compile(r"との間で|との間において|と(?=の(?:政策)?(?:対話|協議|会談))")
HOST_MARK = re.compile(r"\((?:主催国|議長国|ホスト国|開催国|host country|chair)\)|(?:が|は)(?:議長国|主催国|ホスト国)(?:として|を務め)", re.I)


def hosts_in(ctx: Context, a: int, b: int) -> tuple[list[Mention], list[Mention]]:
    """(hosts, counterparts) of the sentence [a, b) that says the meeting was held."""
    if ctx.lang == "en":
        return _en_hosts(ctx, a, b), []
    mentions = bodies_in(ctx, a, b)
    holds = HOLDS.search(ctx.text, a, b)
    hosts = _list_before(ctx, mentions, _first(ctx, SUBJECT_END, a, b)) if holds else []
    hosts += _list_before(ctx, mentions, _first(ctx, TOGETHER, a, b))
    hosts += _list_before(ctx, mentions, _first(ctx, CO_HOSTED, a, b))
    counterparts = _list_before(ctx, mentions, _first(ctx, BETWEEN, a, b))
    return _unique(hosts), [m for m in counterparts if m not in hosts]


def _first(ctx: Context, rx: re.Pattern, a: int, b: int) -> int | None:
    m = rx.search(ctx.text, a, b)
    return m.start() if m else None


EN_VERB = re.compile(r"\b(?:held|hosted|co-hosted|convened|organi[sz]ed|co-organi[sz]ed|chaired|co-chaired|"
                     r"(?<=will )(?:hold|host|co-host|convene)|holds|hosts|co-hosts)\b")  # announcements: MIC will hold …
EN_AGENT = re.compile(r"\b(?:hosted|co-hosted|organi[sz]ed|co-organi[sz]ed|chaired|co-chaired)\s+by\s+")
PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are)\s+(?:\w+\s+)?$")
BY = re.compile(r"\bby\s+")
SUBJECT_TAIL = re.compile(r"(?:\s+(?:will|shall|is to|are to|jointly))?\s*$")
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
    passive = PASSIVE.search(ctx.text, a, verb.start())
    agent = EN_AGENT.search(ctx.text, a, b)
    by = agent or (BY.search(ctx.text, verb.end(), b) if passive else None)
    subject = _list_before(ctx, mentions, SUBJECT_TAIL.search(ctx.text, a, verb.start()).start())
    if not by:
        co = CO.match(ctx.text, verb.start()) or JOINTLY.search(ctx.text[a:verb.start()])
        partner = WITH if co else TOGETHER_WITH
        partner = partner.search(ctx.text, verb.end(), b) if not passive else None  # X held …, together with Y
        return subject + ([m for m in _list_after(ctx, mentions, partner.end()) if m not in subject] if partner else [])
    after = _list_after(ctx, mentions, by.end())
    active = not passive and agent is not None and agent.start() > verb.start()
    return ([m for m in subject if m not in after] if active else []) + after


def _list_after(ctx: Context, mentions: list[Mention], start: int) -> list[Mention]:
    out: list[Mention] = []
    for m in [m for m in mentions if m.start >= start]:
        if not SEPARATOR.fullmatch(ctx.text[(out[-1].end if out else start):m.start]):
            break
        out.append(m)
    return out


def marked_hosts(ctx: Context, a: int, b: int) -> list[Mention]:
    """Countries marked 主催国 / 議長国: ラオス(主催国)."""
    out = []
    for m in HOST_MARK.finditer(ctx.text, a, b):
        e = m.start()
        for s in range(max(a, e - 12), e - 1):
            code = orgs.country_code(ctx.text[s:e], ctx.gaz)
            if code:
                out.append(Mention(s, e, orgs.minted(ctx.norm.quote(s, e), ctx.norm.span(s, e), ctx.gaz, code)))
                break
    return out


def _unique(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if m.ref.key not in seen:
            seen.add(m.ref.key)
            out.append(m)
    return out
