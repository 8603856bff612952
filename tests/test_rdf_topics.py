"""The topic scheme and the matcher: labels in ja and en, worded many ways, map to one concept.

The topic links the mapping adds (topics.topic_lines) are checked on the seed release as the
extractor reads it, and on their annotations: the matched words, where they stand, and the shapes.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg.config import DEFAULT_RELEASES
from kg.errors import ConfigError
from kg.extract import extract_release
from kg.ingest import read_source
from kg.rdf import iris
from kg.rdf.mapping import graph_for_release
from kg.rdf.reference import ontology_graph, reference_graph
from kg.rdf.topics import Entry, Matcher, load_scheme, topic_lines
from stores import knowledge
from kg.validation import validate_release
from kg.rdf.vocab import DCTERMS, KG, OA, RDF, SKOS, WD

SEED = DEFAULT_RELEASES / "soumu_01tsushin08_02000040.txt"


def topic(key: str) -> URIRef:
    return iris.iri("topic", key)


@pytest.fixture(scope="module")
def scheme():
    return load_scheme()


@pytest.fixture(scope="module")
def matcher(scheme):
    return Matcher(scheme)


@pytest.fixture(scope="module")
def seed(scheme):
    gaz, _scheme = knowledge()
    return graph_for_release(extract_release(read_source(SEED), gaz), gaz, scheme)


REQUIRED = ["internet-governance", "personal-data-privacy", "cybersecurity", "rd-cooperation", "5g", "ai", "iot",
            "data-flows", "digital-trade", "semiconductors", "connectivity", "standardisation", "cloud", "spectrum",
            "child-online-safety", "third-countries", "public-private-cooperation"]


@pytest.mark.parametrize("key", REQUIRED)
def test_the_scheme_has_the_concept_with_labels_in_both_languages(scheme, key):
    concept = topic(key)
    assert (concept, RDF.type, SKOS.Concept) in scheme
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        assert {o.language for o in scheme.objects(concept, prop)} >= {"ja", "en"}, (key, prop)
    assert set(scheme.objects(concept, SKOS.broader)) or (concept, SKOS.topConceptOf, None) in scheme


def test_broader_and_narrower_are_both_there(scheme):
    pairs = set(scheme.subject_objects(SKOS.broader))
    assert (topic("open-ran"), topic("5g")) in pairs
    assert pairs == {(n, b) for b, n in scheme.subject_objects(SKOS.narrower)}


def test_wikidata_links_are_only_the_verified_one(scheme):
    # The only topic QID verified against public sources: cybersecurity (computer security).
    links = {(s, o) for s, o in scheme.subject_objects(SKOS.exactMatch) if str(o).startswith(str(WD))}
    assert links == {(topic("cybersecurity"), WD.Q3510521)}


VARIANTS = {
    "cybersecurity": ["サイバーセキュリティ", "(3)サイバーセキュリティ", "(3)サイバーセキュリティ", "Cybersecurity",
                      "CYBER SECURITY", "ｻｲﾊﾞｰｾｷｭﾘﾃｨ", "情報セキュリティ分野の協力", "cyber attacks on hospitals"],
    "ai": ["AIの社会実装", "ＡＩの社会実装", "人工知能", "Artificial Intelligence (AI)", "generative AI", "IoTAI"],
    "personal-data-privacy": ["パーソナルデータの利活用とプライバシー保護", "個人情報保護", "Privacy", "personal data"],
    "rd-cooperation": ["研究開発協力", "(4)研究開発協力", "R&D cooperation", "joint research"],
    "internet-governance": ["インターネットガバナンス", "Internet Governance", "インターネット・ガバナンス"],
    "data-flows": ["DFFT", "データの自由な流通", "Data Free Flow with Trust", "cross-border data flows"],
    "5g": ["5G", "Beyond 5G", "(2)5G", "5G standardisation", "第5世代移動通信システム"],
    "public-private-cooperation": ["官民連携", "官民による国際協力", "public-private partnership", "日米両政府、産業界の協力"],
}


@pytest.mark.parametrize("key,text", [(k, t) for k, texts in VARIANTS.items() for t in texts])
def test_headings_worded_many_ways_map_to_the_same_concept(matcher, key, text):
    assert topic(key) in {m.concept for m in matcher.find(text)}


def test_one_heading_can_name_two_subjects(matcher):
    text = "(1)サイバーセキュリティ及びIoTセキュリティ"
    found = matcher.find(text, 100)
    assert {m.concept for m in found} == {topic("cybersecurity"), topic("iot")}
    for m in found:  # the span gives back the matched words, offsets counted in the release text
        assert text[m.span.start - 100:m.span.end - 100] == m.quote


@pytest.mark.parametrize("text", ["He said so", "MAINTAIN", "the 25G band", "Security Council", "データ"])
def test_words_inside_other_words_do_not_match(matcher, text):
    found = {m.concept for m in matcher.find(text)}
    assert topic("ai") not in found and topic("5g") not in found and topic("data-flows") not in found
    if text == "Security Council":  # "security" alone is cybersecurity: the scheme says so on purpose
        assert found == {topic("cybersecurity")}


def test_a_label_inside_a_longer_label_gives_way(matcher):
    assert {m.concept for m in matcher.find("economic security")} == {topic("economic-security")}


def test_the_seeds_five_topics_carry_the_right_concepts(seed):
    items = sorted(seed.subjects(RDF.type, KG.AgendaItem), key=lambda i: int(seed.value(i, KG.position)))
    subjects = [set(seed.objects(i, DCTERMS.subject)) for i in items]
    expected = ["internet-governance", "personal-data-privacy", "cybersecurity", "rd-cooperation", "public-private-cooperation"]
    assert len(items) == 5
    for got, key in zip(subjects, expected):
        assert topic(key) in got, (key, got)


def test_every_outcome_under_a_matched_heading_has_a_concept(seed):
    for out in seed.subjects(RDF.type, KG.Outcome):
        item = seed.value(out, KG.topic)
        if item is not None and set(seed.objects(item, DCTERMS.subject)):
            assert set(seed.objects(out, DCTERMS.subject)) >= set(seed.objects(item, DCTERMS.subject))


def test_each_link_records_the_matched_words_and_where_they_are(seed, scheme):
    reasons = list(seed.subjects(OA.motivatedBy, OA.classifying))
    links = set(seed.triples((None, DCTERMS.subject, None)))
    assert reasons and len(reasons) == len(links)
    text = SEED.read_text(encoding="utf-8")
    for reason in reasons:
        [concept] = seed.objects(reason, KG.value)
        assert seed.value(reason, KG.property) == DCTERMS.subject
        assert (seed.value(reason, KG.about), DCTERMS.subject, concept) in links
        labels = set(scheme.objects(concept, SKOS.prefLabel)) | set(scheme.objects(concept, SKOS.altLabel))
        assert set(seed.objects(reason, KG.matchedLabel)) <= labels and seed.value(reason, KG.matchedLabel) is not None
        for target in seed.objects(reason, OA.hasTarget):
            [selector] = seed.objects(target, OA.hasSelector)
            start, end = int(seed.value(selector, OA.start)), int(seed.value(selector, OA.end))
            assert text[start:end] == str(seed.value(selector, OA.exact))


def test_the_linked_release_still_conforms_to_the_topic_shapes(seed, scheme):
    reference = reference_graph(knowledge()[0], scheme) + ontology_graph()
    report = validate_release(seed, reference)
    mine = [v for v in report.violations if "subject" in v.path or "Topic" in v.shape or "Annotation" in v.shape
            or "Span" in v.shape or "Selector" in v.shape]
    assert not mine, mine


def test_a_heading_no_concept_matches_stays_an_agenda_item_without_subject(scheme):
    item = Entry("<https://kg.example.org/release/x/topic/1>", False, "オンライン取引の課題", 10,
                 "<https://kg.example.org/release/x>")
    assert topic_lines([item], scheme) == []
    cyber = Entry(item.node, False, "サイバーセキュリティの課題", 10, item.source)
    assert (item.node, f"<{DCTERMS.subject}>", f"<{topic('cybersecurity')}>") in topic_lines([cyber], scheme)


def test_a_scheme_with_a_concept_missing_its_english_label_is_refused(tmp_path: Path):
    bad = tmp_path / "topics.ttl"
    bad.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix topic: <topic/> .\n'
                   '<topics> a skos:ConceptScheme .\n'
                   'topic:x a skos:Concept ; skos:inScheme <topics> ; skos:prefLabel "エックス"@ja .\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"prefLabel@en"):
        load_scheme(bad)


def test_a_scheme_that_is_not_turtle_is_refused_naming_the_file(tmp_path: Path):
    bad = tmp_path / "topics.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_scheme(bad)
    assert str(bad) in str(exc.value)
