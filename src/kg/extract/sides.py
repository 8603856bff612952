"""Country markers of per-country lists, besides the 側 / side / delegation labels participants.py reads:

- before the list, reaching to the end of its sentence (or to the next marker): 中国から交通運輸部、韓国より…;
  'from the UK, the Department for …'; 'Japan was represented by X; Australia by Y';
- after the list, reaching back to the previous marker or the sentence start: 'X and Y attended from Japan';
- at the end of a list, for the items before it: 'officials from A, B and C of the Philippines'.

A marker counts only where its word is a country the gazetteer knows (data/countries.tsv, demonyms included):
東京から or 'from Tuesday,' mark nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import Gazetteer, derived
from . import orgs
from .textnorm import nfkc

JA_FROM = re.compile(r"(?:から|より)(?!の)(?:は|も)?")  # 中国からの輸入: no list of its own
JA_NAME_CHAR = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff・A-Za-z]")
_C = r"(?:the\s+)?(?P<c>[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’-]*){0,3})"
EN_FROM = re.compile(r"\b[Ff]rom\s+" + _C + r"\s*[,:]")  # From Japan, the Ministry of …
EN_REPRESENTED = re.compile(_C + r"\s+(?:was|were)\s+represented\s+by\b")  # Japan was represented by …
EN_ELLIPTIC = re.compile(r"[;,]\s*(?:and\s+)?" + _C + r"\s+by\b")  # …; Australia by …
EN_AFTER = re.compile(r"\b(?:attended|participated|took\s+part|joined|were\s+present|was\s+present)"
                      r"(?:\s+(?:in\s+)?(?:the\s+)?(?:meeting|dialogue|consultations?|talks|session))?\s+from\s+" + _C)
EN_STOP = re.compile(r"(?<![A-Z])(?<!Mr)(?<!Ms)(?<!Mrs)(?<!Dr)\.(?=\s)|\n")
JA_STOP = re.compile(r"[。\n]")


@dataclass
class Marker:
    start: int
    end: int
    reach: int  # a marker before its list marks [end, reach); one after it marks [reach, start)
    code: str
    after: bool = False


def markers(text: str, gaz: Gazetteer) -> list[Marker]:
    """Every country marker of the text, in text order."""
    found = _ja(text, gaz) + _en(text, gaz)
    found.sort(key=lambda m: m.start)
    last_end, sentence = 0, 0
    for m in found:  # a marker after its list reaches back to the marker before it, or to its sentence's start
        if m.after:
            sentence = max((s.end() for s in _stops(text).finditer(text, max(0, m.start - 600), m.start)), default=0)
            m.reach = max(last_end, sentence)
        last_end = m.end
    return found


def _stops(text: str) -> re.Pattern:
    return JA_STOP if "。" in text else EN_STOP


def _ja(text: str, gaz: Gazetteer) -> list[Marker]:
    out = []
    if "から" not in text and "より" not in text:
        return out
    names = derived(gaz, _ja_country_names)
    for m in JA_FROM.finditer(text):
        p = m.start()
        s = p
        while s > p - 12 and s > 0 and JA_NAME_CHAR.match(text, s - 1):
            s -= 1
        for s in range(s, p - 1):  # the longest country name that ends right before から
            code = names.get(text[s:p])
            if code:
                out.append(Marker(s, m.end(), _reach(text, m.end(), JA_STOP), code))
                break
    return out


def _ja_country_names(gaz: Gazetteer) -> dict[str, str]:
    """Every country name of two characters or more as written in a normalised text (インドネシア, 大韓民国)."""
    return {nfkc(n): c.alpha2 for c in gaz.countries.values() for n in c.names() if len(nfkc(n)) >= 2}


def _en(text: str, gaz: Gazetteer) -> list[Marker]:
    out: list[Marker] = []
    if " from " not in text and "From " not in text and " represented by" not in text:
        return out
    after = [m for m in EN_AFTER.finditer(text)] if " from " in text else []
    taken = {m.start("c") for m in after}
    for m in after:
        code = country_named(m.group("c"), gaz)
        if code:
            out.append(Marker(m.start(), m.end(), 0, code, after=True))
    rxs = [EN_FROM] + ([EN_REPRESENTED, EN_ELLIPTIC] if " represented by" in text else [])
    for rx in rxs:
        for m in rx.finditer(text):
            code = country_named(m.group("c"), gaz) if m.start("c") not in taken else None
            if code:
                out.append(Marker(m.start("c"), m.end(), _reach(text, m.end(), EN_STOP), code))
    return out


def country_named(words: str, gaz: Gazetteer) -> str | None:
    words = re.sub(r"\s+", " ", words)
    return orgs.country_code(words, gaz) or (orgs.country_code(words[:-1], gaz) if words.endswith(".") else None)


def _reach(text: str, pos: int, stop: re.Pattern) -> int:
    m = stop.search(text, pos)
    return m.start() if m else len(text)


def of_country_tail(name: str, gaz: Gazetteer) -> str | None:
    """The country a list's last item ends with: … Aquatic Resources of the Philippines -> PH."""
    m = OF_COUNTRY_TAIL.search(name)
    return country_named(m.group("c"), gaz) if m else None


OF_COUNTRY_TAIL = re.compile(r"\bof\s+" + _C + r"$")
