"""The gazetteer's name patterns as tries find what an alternation of the names, longest first, finds."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from kg import gazetteer
from kg.extract import orgs
from kg.extract.textnorm import nfkc

GAZ = gazetteer.load()
NAMES = ["日EU", "日", "EU", "EUR", "G7", "G7 Japan", "AB", "ABC", "ア", "アB", "総務省", "総務", "省", "米国", "米"]


def flat(names, latin_words: bool) -> re.Pattern:
    parts = []
    for n in sorted(set(names), key=len, reverse=True):
        bounded = latin_words and re.search(r"[A-Za-z]", n)
        parts.append(rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])" if bounded else re.escape(n))
    return re.compile("|".join(parts))


def spans(rx: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


BODY_NAMES = sorted({nfkc(n) for b in GAZ.bodies.values() for n in b.names()})
PIECES = st.sampled_from(NAMES + BODY_NAMES[:80] + list("aZ x・の()") + ["the ", "Ministry"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join))
def test_body_pattern_finds_what_the_flat_alternation_finds(text):
    assert spans(orgs._alternation(set(NAMES)), text) == spans(flat(NAMES, True), text)
    assert spans(orgs.index(GAZ).pattern, text) == spans(flat(BODY_NAMES, True), text)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join))
def test_trie_tries_the_longest_name_first_and_backtracks_to_shorter_ones(text):
    for end in ("", "X"):  # a name followed by X: a longer name without it gives way to a shorter one with it
        trie = re.compile(f"(?:{orgs.trie_pattern(NAMES, end)})")
        alternation = re.compile("|".join(re.escape(n) + end for n in sorted(NAMES, key=len, reverse=True)))
        assert spans(trie, text) == spans(alternation, text)


def test_find_known_on_a_release_sentence():
    text = "総務省と米国国務省は、G7 Japanの会合で"
    assert [(s, e, b.key) for s, e, b in orgs.find_known(text, GAZ)][:1] == [(0, 3, "jp-mic")]
