"""One key for a meeting series whatever language names it, for series that data/series.tsv does not list.

A series name is read as the parties it names (countries and groupings: 日中, Japan-China, 日・ASEAN, with
Singapore) and the words of data/series_words.tsv it is made of (安全保障 = Security, 対話 = Dialogue), so
日中安全保障対話 and Japan-China Security Dialogue both read {CN, JP} + {dialogue, security}. Japan is a
party of every series (these are Japanese releases: "ICT Policy Dialogue with Singapore" is Japan's). A name
with a word the file does not know is not read: its own name keys it, as before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import Gazetteer, derived
from .keys import digest
from .orgs import trie_pattern
from .textnorm import nfkc

JA_FILLER = ("・", "の", "に関する", "における", "間", "間の", "による", "との", "と", "及び", "並びに",
             "三カ国", "三か国", "3カ国", "3か国", "三国", "両国", "二国間", "当局", "当局間", "定期")
EN_FILLER = ("the", "of", "on", "for", "and", "in", "with", "between", "among", "&", "-", "–", "on the")
PARTIES = ("ASEAN", "EU", "APEC", "G7", "G20", "OECD", "PIF", "ASEAN+3", "TICAD", "Quad", "NATO")  # groupings as parties
_SHORT = re.compile(r"^[\u4e00-\u9fff]$")  # a one-character country form (日, 中, 米): only beside another party
_BRACKETS = re.compile(r"\([^()]*\)|「|」|『|』")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9+]{1,6}$|\d?G$|[A-Z]{2,}[a-z]?$")  # ICT, AI, 5G, DX, IoT-like words of both languages
_EN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'’&+]*")


@dataclass(frozen=True)
class _Lexicon:
    ja: re.Pattern  # every Japanese word, country and filler: the longest at a position
    ja_of: dict[str, tuple[str, str]]  # what it is: ("concept", x) / ("party", code) / ("filler", "")
    en: dict[tuple[str, ...], tuple[str, str]]  # English word sequences (lower case) -> what they are
    en_longest: int


def signature(name: str, gaz: Gazetteer) -> str | None:
    """The language-free reading of a series name (parties and concepts), or None when a word of it is unknown."""
    name = _BRACKETS.sub("", nfkc(name)).strip()
    if not name:
        return None
    lex = derived(gaz, _lexicon)
    read = _read_ja(name, lex) if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", name) else _read_en(name, lex)
    if read is None:
        return None
    parties, concepts = read
    if not concepts:
        return None
    return "+".join(sorted(parties | {"JP"})) + "/" + "+".join(sorted(concepts))


def counterpart(name: str, gaz: Gazetteer) -> str | None:
    """The one party besides Japan that a series name starts with (日マレーシアICT政策対話, Japan-Malaysia …,
    … with Singapore), or None."""
    lex = derived(gaz, _lexicon)
    name = nfkc(name)
    parties: set[str] = set()
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", name):
        pos, short, count = 0, False, 0
        while (m := lex.ja.match(name, pos)) and lex.ja_of[m.group()][0] in ("party", "filler") and m.group() != "の":
            kind, value = lex.ja_of[m.group()]
            if kind == "party":
                parties.add(value)
                count += 1
                short = short or bool(_SHORT.match(m.group()))
            pos = m.end()
        if short and count < 2:
            return None  # 中小企業…: 中 alone is no party
    else:
        head = re.match(r"^(?:[Tt]he\s+)?([A-Z][\w.’'-]*(?:-[A-Z][\w.’'-]*)+)", name)
        tail = re.search(r"\bwith\s+(?:the\s+)?([A-Z][\w.’']*(?:\s+[A-Z][\w.’']*){0,3})$", name)
        for word in head.group(1).split("-") if head else [tail.group(1)] if tail else []:
            kind, value = lex.en.get(tuple(x.lower() for x in _split_en(word)), ("", ""))
            if kind == "party":
                parties.add(value)
    others = parties - {"JP"}
    return next(iter(others)) if len(others) == 1 else None


def series_key(name: str, gaz: Gazetteer) -> str | None:
    sig = signature(name, gaz)
    return "x-" + digest(sig) if sig else None


def _read_ja(name: str, lex: _Lexicon) -> tuple[set[str], set[str]] | None:
    parties, concepts, tokens = set(), set(), []
    pos = 0
    while pos < len(name):
        m = lex.ja.match(name, pos)
        acronym = _EN_WORD.match(name, pos)
        if acronym and (not m or acronym.end() > m.end()) and _ACRONYM.match(acronym.group()):
            tokens.append(("concept", acronym.group().lower()))  # ICT, AI, 5G, written alike in both languages
            pos = acronym.end()
            continue
        if not m:
            return None
        tokens.append(lex.ja_of[m.group()] + (m.group(),))
        pos = m.end()
    words = [t for t in tokens if t[0] != "filler"]
    for k, tok in enumerate(words):
        kind, value = tok[0], tok[1]
        if kind == "party":
            near = words[max(0, k - 1):k] + words[k + 1:k + 2]
            if len(tok) > 2 and _SHORT.match(tok[2]) and not any(t[0] == "party" for t in near):
                return None  # 中 alone is no party (中小企業): only in 日中, 日・ASEAN, 日米中 …
            parties.add(value)
        elif kind == "concept":
            concepts.add(value)
    return parties, concepts


def _read_en(name: str, lex: _Lexicon) -> tuple[set[str], set[str]] | None:
    raw = _split_en(name)
    words = [w.lower() if w.lower() in ("u.s.", "u.k.") else w.lower().rstrip(".") for w in raw]
    parties, concepts, k = set(), set(), 0
    while k < len(words):
        for n in range(min(lex.en_longest, len(words) - k), 0, -1):
            hit = lex.en.get(tuple(words[k:k + n]))
            if hit:
                break
        else:
            if _ACRONYM.match(raw[k]):
                concepts.add(words[k])
                k += 1
                continue
            return None
        kind, value = hit
        if kind == "party":
            parties.add(value)
        elif kind == "concept":
            concepts.add(value)
        k += n
    return parties, concepts


def _split_en(name: str) -> list[str]:
    return _EN_WORD.findall(name.replace("-", " ").replace("–", " "))


def _lexicon(gaz: Gazetteer) -> _Lexicon:
    ja_of: dict[str, tuple[str, str]] = {w: ("filler", "") for w in JA_FILLER}
    en: dict[tuple[str, ...], tuple[str, str]] = {(w,): ("filler", "") for w in EN_FILLER}
    for c in gaz.countries.values():
        for n in c.names():
            n = nfkc(n)
            if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", n):
                ja_of.setdefault(n, ("party", c.alpha2))
            else:
                en.setdefault(tuple(w.lower() for w in _split_en(n)), ("party", c.alpha2))
    for p in PARTIES:
        ja_of.setdefault(p, ("party", p))
        en.setdefault(tuple(w.lower() for w in _split_en(p)), ("party", p))
    for w in gaz.series_words:
        for form in w.ja:
            ja_of.setdefault(form, ("concept", w.concept))
        for form in w.en:
            en.setdefault(tuple(x.lower() for x in _split_en(form)), ("concept", w.concept))
    ja = re.compile(trie_pattern(set(ja_of)))
    return _Lexicon(ja, ja_of, en, max(len(k) for k in en))
