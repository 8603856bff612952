"""textnorm.Norm: the NFKC text and its offset map equal a per-cluster normalisation of the text, whatever
mix of characters NFKC keeps, changes or joins (combining marks, half-width voiced marks, full-width forms)."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings, strategies as st

from kg.extract.textnorm import Norm


def reference(orig: str):
    """Cluster by cluster: a base character with the marks after it, normalised on its own."""
    text, starts, ends, o2n = "", [], [], []
    i = 0
    while i < len(orig):
        j = i + 1
        while j < len(orig) and (unicodedata.combining(orig[j]) or orig[j] in "\uff9e\uff9f"):
            j += 1
        piece = unicodedata.normalize("NFKC", orig[i:j])
        o2n += [len(text)] * (j - i)
        starts += [i] * len(piece)
        ends += [j] * len(piece)
        text += piece
        i = j
    return text, starts, ends, o2n + [len(text)]


CHARS = st.sampled_from(list("abＡＢ１２　 \nｶﾞﾊﾟｷﾞ゙゚ﾞﾟ\u0301\u0308\u3099\u309aé①㍿ﬁ한\u1100\u1161日本語。、・ｰ(（"))


@settings(max_examples=500, deadline=None)
@given(st.text(CHARS, max_size=16) | st.text(max_size=16))
def test_norm_equals_cluster_by_cluster_normalisation(orig):
    n = Norm(orig)
    assert (n.text, n._starts, n._ends, n._o2n) == reference(orig)


def test_spans_and_positions_map_back_to_the_original():
    n = Norm("ﾃﾞｰﾀ　ＡＢＣ\u0301日本", offset=10)
    assert n.text == "データ ABĆ日本"
    assert n.quote(0, 3) == "ﾃﾞｰﾀ" and (n.span(0, 3).start, n.span(0, 3).end) == (10, 14)
    assert n.quote(6, 7) == "Ｃ\u0301" and n.pos(10 + 5) == 4 and n.pos(10 + len(n.orig)) == len(n.text)
