"""English names of bodies, found as runs of capitalised words and the words that join them.

A run is capitalised words with `of`, `for`, `on`, `and`, `the` … between them (Agency for Natural Resources
and Energy). Runs are cut at commas and semicolons, and at `and` where a new body begins (the Ministry of
Foreign Affairs and the Ministry of Defense). A run is a body when the gazetteer knows it or a word of it
is an organisation's head word (Ministry, Agency, Commission, Council, Centre …); in a list whose other
items are bodies, the remaining items are bodies too (…, Japan Coast Guard, …). A name with commas of its
own (Ministry of Economy, Finance, Industry and Digital Sovereignty) is one item where the pieces after the
comma name no body. The mention takes a bracketed abbreviation or unit after it (Cabinet Secretariat
(Secretariat of Headquarters for Ocean Policy)), the parent after `of` (… of the European Commission),
and for a mission the country it sits in (Embassy of the PRC in Japan).

Every pattern here is linear in the text: runs are matched word by word without nested repetition.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..gazetteer import Gazetteer
from . import orgs

_CAP = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&'’/-]*(?:\.[\w&'’/-]+)*)"  # U.S., Info-communications, Directorate-General
_JOIN = r"(?:of|for|on|and|the|de|du|des|la|le|del|da|do|&)"
RUN = re.compile(rf"{_CAP}(?:(?!(?<=\.)[ \t]+The\b)[ \t]+(?:{_JOIN}[ \t]+)*{_CAP})*")  # D.C. The Ministry: two sentences
HEAD = re.compile(rf"\b{orgs.EN_HEAD}\b|\b(?:Guard|Force|Academy|Bank|Fund|Programme|Program|Court|Parliament|Assembly|"
                  r"Headquarters|Inspectorate|Ministries|Agencies)\b")
GROUP_END = re.compile(r"\b(?:[Mm]ember\s+(?:States|Countries|Economies|states|countries|economies)|[Ee]conomies)$")
DATE_AFTER = re.compile(r"[ \t]+(?:on|in|from|since|until|by)[ \t]+(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
AND_SPLIT = re.compile(r"[ \t]+and[ \t]+(?:the[ \t]+)?")
LEAD_THE = re.compile(r"(?:The|the)[ \t]+")
BRACKET = re.compile(r"[ \t]*\(([^()\n]{1,80})\)")
ABBREVIATION = re.compile(r"[A-Z][A-Za-z.&-]*(?: [A-Z][A-Za-z.&-]*)?")
OF_PARENT = re.compile(rf"[ \t]+of[ \t]+(?:the[ \t]+)?(?P<p>{_CAP}(?:[ \t]+(?:{_JOIN}[ \t]+)*{_CAP})*)")
MISSION = re.compile(r"\b(?:Embassy|Consulate(?:[- ]General)?|Permanent Mission|Delegation|Mission)\b")
IN_COUNTRY = re.compile(rf"[ \t]+in[ \t]+(?:the[ \t]+)?(?P<c>{_CAP}(?:[ \t]+{_CAP}){{0,2}})")
AFTER_KNOWN = re.compile(r"[ \t]+(?:and|&)[ \t]+(?:the[ \t]+)?(?=[A-Z])")
_CAPS = re.compile(r"\b[A-Z]")
LIST_GAP = re.compile(r"[ \t]*(?:,|;|、)?[ \t]*(?:and[ \t]+|&[ \t]+)?(?:the[ \t]+)?$")
NOT_BODY = re.compile(r"^(?:From|In|On|At|With|By|To|During|After|Before|Under|Through|Among|Between|Mr|Ms|Mrs|Dr|Prof|H\.E|Minister|Secretary|Director|Ambassador|Vice|Chief|Head|President|"
                      r"(?:Deputy|State|Senior|Assistant|Parliamentary)[ \t]+(?:Minister|Secretary|Director|Vice|Chief|Official|Adviser))\b")


@dataclass
class Chunk:
    start: int
    end: int
    body: bool  # known, or shaped like a body's name


def chunks(text: str, a: int, b: int, gaz: Gazetteer) -> list[Chunk]:
    """The runs of capitalised words in text[a:b], cut into list items, each marked body or not."""
    known = [(a + s, a + e) for s, e, _b in orgs.find_known(text[a:b], gaz) if e - s > 2]
    out: list[Chunk] = []
    dates = [d.start() for d in DATE_AFTER.finditer(text, a, b)] if " on " in text or " in " in text else []
    for m in RUN.finditer(text, a, b):
        k = bisect_left(dates, m.start())  # … of Finland on October 9: the run ends before the date
        end = dates[k] if k < len(dates) and dates[k] < m.end() else m.end()
        for s, e in _split(text, m.start(), end, known, gaz):
            within = next(((x, y) for x, y in known if x < s < y), None)
            if out and within and within[0] <= out[-1].start:  # Ministry of Economy, Trade and Industry: one name
                tail = _of_country_end(text, within[1], e, gaz)  # … Fisheries of Japan and the Ministry of X of Brazil
                out[-1].end, out[-1].body = max(tail, out[-1].end), True
                rest = AFTER_KNOWN.match(text, tail, e)  # …Trade and Industry and the Ministry of X: X is new
                if rest and rest.end() < e:
                    out += [Chunk(x, y, _is_body(text[x:y], gaz)) for x, y in _split(text, rest.end(), e, known, gaz)]
                continue
            whole = next((y for x, y in known if x == s and y > e), e)  # a known name with a bracket: … (MIC)
            br = BRACKET.match(text, whole)  # European Data Protection Supervisor (EDPS): a head word before its bracket
            head = HEAD.search(text, s, br.end()) if br else None
            body = _is_body(text[s:whole], gaz) or (head is not None and head.end() <= whole)
            out.append(Chunk(s, whole, body))
    return _join_commas(text, out, gaz)


OF_COUNTRY = re.compile(rf"[ \t]+of[ \t]+(?:the[ \t]+)?(?P<c>{_CAP}(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?{_CAP}){{0,3}})")


def _of_country_end(text: str, end: int, e: int, gaz: Gazetteer) -> int:
    """The end of a known name with its country after it (… Fisheries of Japan), else of the name."""
    of = OF_COUNTRY.match(text, end, e)
    return of.end() if of and orgs.country_code(of.group("c"), gaz) else end


def _split(text: str, s: int, e: int, known: list[tuple[int, int]], gaz: Gazetteer) -> list[tuple[int, int]]:
    """A run cut at `and` where a body begins on both sides; a leading `The` dropped; known names kept whole."""
    lead = LEAD_THE.match(text, s, e)
    s = lead.end() if lead else s
    cuts, pos = [], s
    for m in AND_SPLIT.finditer(text, s, e):
        if any(x < m.start() < y for x, y in known):
            continue  # Ministry of Internal Affairs and Communications
        left, right = text[pos:m.start()], text[m.end():e]
        nxt = AND_SPLIT.search(right)
        first = right[:nxt.start()] if nxt else right
        starts = HEAD.match(right) or _known_start(right, gaz) or _country_start(right, gaz)
        whole = (_is_body(left, gaz) or orgs.country_code(left, gaz) is not None  # Kenya and the Communications Authority
                 or GROUP_END.search(left) is not None)  # ASEAN Member States and the ASEAN Secretariat
        closed = (whole and not starts and "the" in m.group() and " of " in left  # … of Kenya and the X Authority
                  and _closed_by_country(left, gaz) and _is_body(right, gaz))
        if whole and (starts or closed or ("the" in m.group() and _is_body(first, gaz))):
            cuts.append((pos, m.start()))
            pos = m.end()
    return cuts + [(pos, e)]


TAIL_COUNTRY = re.compile(rf"[ \t]of[ \t]+(?:the[ \t]+)?(?P<c>{_CAP}(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?{_CAP}){{0,3}})$")


def _closed_by_country(name: str, gaz: Gazetteer) -> bool:
    """A name ends with its country (Ministry of Energy and Petroleum of Kenya): an 'and the' after it starts a new item."""
    m = TAIL_COUNTRY.search(name)
    return bool(m) and orgs.country_code(m.group("c"), gaz) is not None


def _is_body(name: str, gaz: Gazetteer) -> bool:
    if NOT_BODY.match(name):
        return False
    return orgs.lookup(name, gaz) is not None or bool(HEAD.search(name))


def _known_start(text: str, gaz: Gazetteer) -> bool:
    found = orgs.find_known(text[:120], gaz)
    return bool(found) and found[0][0] == 0


def _country_start(text: str, gaz: Gazetteer) -> bool:
    """The run starts with a country or its demonym: Kenya …, the Australian Border Force."""
    first = RUN.match(text)
    if not first:
        return False
    words = first.group().split()
    return any(orgs.country_code(" ".join(words[:n]), gaz) for n in range(min(3, len(words)), 0, -1))


def _join_commas(text: str, found: list[Chunk], gaz: Gazetteer) -> list[Chunk]:
    """Ministry of Economy, Finance, Industry and Digital Sovereignty: the pieces after a '… of X' name, each
    after a comma, none naming a body, a country or a person, the last of them joined by 'and', are the name's."""
    out: list[Chunk] = []
    k = 0
    while k < len(found):
        c = found[k]
        out.append(c)
        k += 1
        if not c.body or " of " not in text[c.start:c.end] and " for " not in text[c.start:c.end]:
            continue
        j, end, known = k, c.end, None
        while j < len(found) and _plain_piece(text, found[j], end, gaz):
            end = found[j].end
            j += 1
            if AND_SPLIT.search(text, found[j - 1].start, end):
                c.end, k = end, j
                break
            if orgs.lookup(text[c.start:end], gaz):  # a known name copied with 'and' lost: Economy, Trade, Industry
                known = (end, j)
        else:
            if known:
                c.end, k = known
    return out


def _plain_piece(text: str, c: Chunk, after: int, gaz: Gazetteer) -> bool:
    piece = text[c.start:c.end]
    return (not c.body and text[after:c.start].strip() == "," and not NOT_BODY.match(piece)
            and not _country_start(piece, gaz) and len(_CAPS.findall(piece)) <= 5)


def listed(text: str, items: list[Chunk], gaz: Gazetteer) -> list[Chunk]:
    """Items of a list whose other items are bodies are bodies too: … Fisheries Agency, Japan Coast Guard, …"""
    for k, c in enumerate(items):
        if c.body:
            continue
        before = items[k - 1] if k else None
        after = items[k + 1] if k + 1 < len(items) else None
        near = [n for n in (before, after) if n and n.body and _in_list(text, n, c)]
        name = text[c.start:c.end]
        if near and not NOT_BODY.match(name) and not orgs.country_code(name, gaz) and len(name) > 3:
            c.body = True
    return items


def _in_list(text: str, x: Chunk, y: Chunk) -> bool:
    first, second = (x, y) if x.start < y.start else (y, x)
    gap = text[first.end:second.start]
    return bool(gap) and len(gap) <= 10 and bool(LIST_GAP.match(gap)) and ("," in gap or ";" in gap or "、" in gap or "and" in gap)


def extent(text: str, c: Chunk, b: int, gaz: Gazetteer) -> int:
    """Where the mention of a body ends: with a bracket that abbreviates it or names its unit, the parent
    after `of` (a known parent whole, commas and all), and the country a mission sits in."""
    end = c.end
    of = OF_PARENT.match(text, end, b)
    if of and (orgs.lookup(of.group("p"), gaz) or HEAD.search(of.group("p"))) and not orgs.country_code(of.group("p"), gaz) \
            and not orgs.country_code(AND_SPLIT.split(of.group("p"), 1)[0], gaz):  # … of Japan and the Ministry of X: two
        end = _parent_end(text, of, gaz)  # Directorate-General for … of the European Commission
    if MISSION.search(text, c.start, end):
        inside = IN_COUNTRY.match(text, end, b)
        if inside and orgs.country_code(inside.group("c"), gaz):
            end = inside.end()  # Embassy of the PRC in Japan
    br = BRACKET.match(text, end, b)
    if br and (ABBREVIATION.fullmatch(br.group(1)) or _is_body(br.group(1), gaz)):
        end = br.end()  # (MIC); Cabinet Secretariat (Secretariat of Headquarters for Ocean Policy)
        of = OF_PARENT.match(text, end, b)
        if of and (orgs.country_code(of.group("p"), gaz) or orgs.lookup(of.group("p"), gaz)
                   or _known_start(text[of.start("p"):of.start("p") + 120], gaz)):
            end = _parent_end(text, of, gaz)  # … (DIGG) of Sweden; … (ANRE) of the Ministry of Economy, Trade and Industry
    return end


def _parent_end(text: str, of: re.Match, gaz: Gazetteer) -> int:
    """The end of the parent after `of`: the known name that starts there where it runs past the capitalised run
    (Ministry of Economy, Trade and Industry), else the run."""
    found = orgs.find_known(text[of.start("p"):of.start("p") + 120], gaz)
    longest = max((e for s, e, _b in found if s == 0), default=0)
    return max(of.end(), of.start("p") + longest)
