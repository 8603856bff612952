"""IRIs are minted from stable keys: the same key gives the same IRI, and every IRI is well formed."""
from __future__ import annotations

import re

from hypothesis import given, strategies as st

from kg.extract import keys
from kg.rdf import iris

IRI_SAFE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@given(st.text(min_size=1, max_size=80))
def test_a_slug_is_stable_ascii_and_never_empty(text):
    s = keys.slug(text)
    assert s == keys.slug(text)
    assert s and s.isascii() and not re.search(r"[\s/]", s)
    assert IRI_SAFE.match(str(iris.org_iri(s)))


@given(st.text(min_size=1, max_size=60), st.text(max_size=20) | st.none())
def test_person_and_release_iris_are_well_formed(name, org):
    assert IRI_SAFE.match(str(iris.person_iri(name, org)))
    assert iris.person_iri(name, org) == iris.person_iri(name, org)
    assert IRI_SAFE.match(str(iris.release_iri(keys.release_id(None, name))))


def test_release_ids_come_from_the_url():
    assert keys.release_id("https://www.soumu.go.jp/menu_news/s-news/01tsushin08_02000040.html", "x") == \
        "soumu-01tsushin08_02000040"
    assert keys.release_id("https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/2019/12/17_1.html", "x") == \
        "soumu-2019-12-17_1"
    assert keys.release_id("http://www.soumu.go.jp/menu_news/s-news/01tsushin08_02000040.html", "x") == \
        keys.release_id("https://soumu.go.jp/menu_news/s-news/01tsushin08_02000040.html", "y"), "scheme and www do not matter"


def test_normalised_names_give_one_key():
    assert keys.digest("国務省") == keys.digest(" 国務省 ") == keys.digest("国務省")
    assert keys.digest("ＩＴＵ") == keys.digest("itu")
    assert iris.meeting_iri("jp-us-ied", 6, "a") == iris.meeting_iri("jp-us-ied", 6, "b")
