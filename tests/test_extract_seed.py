"""The seed release yields every fact of DOMAIN.md §1 as records (the golden graph test checks the RDF)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import gazetteer
from kg.extract import extract_release
from kg.ingest import read_source

SEED = Path(__file__).parents[1] / "data" / "releases" / "soumu_01tsushin08_02000040.txt"


@pytest.fixture(scope="module")
def rel():
    return extract_release(read_source(SEED), gazetteer.load())


@pytest.fixture(scope="module")
def sixth(rel):
    return next(m for m in rel.meetings if m.reported and m.ordinal == 6)


def test_release_header(rel):
    assert (rel.issued.iso, rel.publisher.key, rel.issuer_printed, rel.lang) == ("2014-09-19", "jp-mic", True, "ja")


def test_the_sixth_meeting(sixth):
    assert (sixth.series_key, sixth.level, sixth.start.iso, sixth.end.iso, sixth.location.mention) == (
        "jp-us-ied", "局長級", "2014-09-16", "2014-09-17", "ワシントンD.C.")


def test_participants_of_both_sides(sixth):
    by_key = {p.org.key: (p.role, p.org.country) for p in sixth.participations}
    assert by_key == {
        "jp-mic": ("host", "JP"), "us-dos": ("host", "US"), "jp-cas-it": ("participant", "JP"),
        "jp-isc": ("participant", "JP"), "jp-mofa": ("participant", "JP"), "jp-meti": ("participant", "JP"),
        "us-fcc": ("participant", "US"), "us-ftc": ("participant", "US"), "us-doc": ("participant", "US"),
        "us-nsf": ("participant", "US"), "us-dhs": ("participant", "US")}
    [isc] = [p for p in sixth.participations if p.org.key == "jp-isc"]
    assert len(isc.spans) == 2  # 情報セキュリティセンター and 内閣官房情報セキュリティセンター


def test_people(sixth):
    assert {(p.name, p.post, p.org.key, p.acting_for) for p in sixth.people} == {
        ("鈴木", "情報通信国際戦略局長", "jp-mic", None), ("スピルズベリー", "副調整官", "us-dos", "セプルヴェダ大使")}


def test_topics_and_outcomes(sixth):
    assert len(sixth.topics) == 5 and sixth.topics[4].label.startswith("「Wired for the Future")
    kinds = {(o.topic, o.kind) for o in sixth.outcomes}
    assert {(1, "stressed"), (1, "shared-recognition"), (1, "consented"), (2, "agreed"), (2, "confirmed"),
            (3, "shared-recognition"), (3, "agreed"), (4, "welcomed"), (4, "confirmed"), (5, "stressed")} <= kinds
    assert all(o.party_countries == ["JP", "US"] for o in sixth.outcomes if o.topic in (1, 2, 3, 4))


def test_mentioned_and_planned_meetings(rel):
    others = [m for m in rel.meetings if not (m.reported and m.ordinal == 6)]
    event = next(m for m in others if m.kind == "event")
    assert event.reported and event.name.startswith("Wired for the Future")
    itu = next(m for m in others if m.series_key == "itu-pp")
    assert (itu.reported, itu.start.year, itu.start.month, itu.start.iso) == (False, 2014, 10, None)
    assert itu.location.key == "busan" and itu.location.country == "KR"
    nxt = next(m for m in others if m.status == "scheduled" and m.series_key == "jp-us-ied")
    assert (nxt.ordinal, nxt.start.year, nxt.start.month, nxt.location.mention, nxt.reported) == (7, 2015, None, "東京", False)


def test_related_releases(rel):
    assert [(r.ordinal, r.issued.iso, r.series_key) for r in rel.related] == [
        (None, "2010-06-16", "jp-us-ied"), (1, "2010-11-01", "jp-us-ied"), (2, "2011-06-11", "jp-us-ied"),
        (3, "2012-03-23", "jp-us-ied"), (4, "2012-10-20", "jp-us-ied"), (5, "2014-03-13", "jp-us-ied")]
    assert all(r.url.startswith("https://www.soumu.go.jp/menu_news/s-news/") for r in rel.related)


def test_documents_and_contact(rel):
    pdfs = [d for d in rel.documents if d.format == "application/pdf"]
    assert [d.lang for d in pdfs] == ["ja", "en", "ja", "en"]
    statement = [d for d in rel.documents if d.author]
    assert statement and all(d.author[0].name == "日米インターネットエコノミー民間作業部会" for d in statement)
    assert statement[0].author[0].kind == "industry"
    [c] = rel.contacts
    assert (c.unit, c.staff, c.phone, c.fax) == ("情報通信国際戦略局 国際経済課", ["横森補佐", "西澤係長"], "03-5253-5928", "03-5253-5930")
