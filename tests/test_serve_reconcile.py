"""The Reconciliation Service API at /reconcile (W3C Entity Reconciliation CG, API 0.2), against
`kg serve` as a user runs it, with httpx: the manifest, batches of queries typed Organization and
Meeting (GET and POSTed forms, as OpenRefine sends them), JSONP, preview and the suggest services;
and the README's example, run as written against the test server."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from readme import python_example
from serving import Server, build_store

BASE = "https://kg.example.org/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(build_store(tmp_path_factory.mktemp("reconcile") / "store"))
    yield srv
    srv.stop()


def reconcile(client, queries: dict, method: str = "POST") -> dict:
    if method == "POST":
        answer = client.post("/reconcile", data={"queries": json.dumps(queries)})
    else:
        answer = client.get("/reconcile", params={"queries": json.dumps(queries)})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    return answer.json()


def check_shape(result: list[dict]) -> None:
    """Each candidate as the specification's result schema has it."""
    for c in result:
        assert isinstance(c["id"], str) and isinstance(c["name"], str)
        assert isinstance(c["score"], (int, float)) and isinstance(c["match"], bool)
        assert all(set(t) == {"id", "name"} for t in c["type"])
    assert [c["score"] for c in result] == sorted((c["score"] for c in result), reverse=True)
    assert sum(c["match"] for c in result) <= 1


def test_the_manifest(server, client):
    m = client.get("/reconcile").json()
    assert m["versions"] == ["0.2"] and m["identifierSpace"] == BASE and m["name"]
    assert {t["id"] for t in m["defaultTypes"]} == {"Organization", "Meeting"}
    assert m["view"]["url"] == server.url + "/{{id}}"
    assert "{{id}}" in m["preview"]["url"] and m["preview"]["width"] > 0 and m["preview"]["height"] > 0
    for kind in ("entity", "type", "property"):
        s = m["suggest"][kind]
        assert s["service_url"] == server.url and s["service_path"] == f"/reconcile/suggest/{kind}"
    # the view URL is the entity's page here: identifierSpace + id is the IRI
    page = client.get(m["view"]["url"].replace("{{id}}", "org/jp-mic"), headers={"Accept": "text/html"})
    assert page.status_code == 200 and "総務省" in page.text


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_organisations_by_label_and_alias_in_both_languages(client, method):
    found = reconcile(client, {
        "ja": {"query": "総務省", "type": "Organization"},
        "en": {"query": "Ministry of Internal Affairs and Communications", "type": "Organization", "limit": 3},
        "alias": {"query": "MIC", "type": "Organization"},
        "fcc": {"query": "Federal Communications Commission"},
        "typo": {"query": "Ministry of Internal Affair and Communication", "type": "Organization"},
    }, method)
    for key in ("ja", "en", "alias", "typo"):
        check_shape(found[key]["result"])
        assert found[key]["result"][0]["id"] == "org/jp-mic", key
    assert found["ja"]["result"][0] | {"type": None} == {
        "id": "org/jp-mic", "name": "総務省", "score": 100.0, "match": True, "type": None,
        "description": "Ministry of Internal Affairs and Communications · JP"}
    assert found["en"]["result"][0]["name"] == "Ministry of Internal Affairs and Communications"  # the query's language
    assert len(found["en"]["result"]) <= 3
    assert found["alias"]["result"][0]["match"] is True
    assert found["typo"]["result"][0]["match"] is False and 80 < found["typo"]["result"][0]["score"] < 100
    assert found["fcc"]["result"][0]["id"] == "org/us-fcc"
    assert all(c["type"] == [{"id": "Organization", "name": "Organization"}] for c in found["ja"]["result"])


def test_meetings_by_series_name_and_ordinal(client):
    found = reconcile(client, {
        "6th": {"query": "日米インターネットエコノミー政策協力対話 第6回", "type": "Meeting"},
        "en": {"query": "Japan-US Policy Cooperation Dialogue on the Internet Economy (5)", "type": "Meeting"},
        "cyber": {"query": "日米サイバー対話", "type": "Meeting"},
    })
    six = found["6th"]["result"]
    check_shape(six)
    assert six[0]["id"] == "meeting/jp-us-ied/6" and six[0]["match"] is True
    assert "2014-09-16" in six[0]["description"] and "第6回" in six[0]["description"]
    assert all(c["score"] < six[0]["score"] for c in six[1:])  # other meetings of the series rank below
    assert found["en"]["result"][0]["id"] == "meeting/jp-us-ied/5"
    assert found["cyber"]["result"][0]["id"] == "meeting/jp-us-cyber/1"
    assert all(c["type"][0]["id"] == "Meeting" for c in six)


def test_a_property_narrows_meetings(client):
    found = reconcile(client, {"q": {"query": "インターネットエコノミーに関する日米政策協力対話", "type": "Meeting",
                                     "properties": [{"pid": "start", "v": "2014-09-16"}]}})
    assert found["q"]["result"][0]["id"] == "meeting/jp-us-ied/6"


def test_bad_requests_are_answered_in_json(client):
    bad = client.post("/reconcile", data={"queries": "{not json"})
    assert bad.status_code == 400 and "error" in bad.json()
    unknown = client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "x", "type": "Person"}})})
    assert unknown.status_code == 400 and "Organization and Meeting" in unknown.json()["error"]
    assert client.post("/reconcile", data={"queries": json.dumps({"q": {"type": "Meeting"}})}).status_code == 400


def test_jsonp_and_the_single_query_form(client):
    wrapped = client.get("/reconcile", params={"callback": "cb", "queries": json.dumps({"q": {"query": "総務省"}})})
    assert wrapped.headers["content-type"].startswith("application/javascript")
    inner = re.fullmatch(r"/\*\*/cb\((.*)\);", wrapped.text, re.S).group(1)
    assert json.loads(inner)["q"]["result"][0]["id"] == "org/jp-mic"
    assert client.get("/reconcile", params={"callback": "alert(1)//"}).status_code == 400
    single = client.get("/reconcile", params={"query": "総務省"}).json()
    assert single["result"][0]["id"] == "org/jp-mic"


def test_preview_and_suggest(server, client):
    card = client.get("/reconcile/preview", params={"id": "org/jp-mic"})
    assert card.status_code == 200 and card.headers["content-type"].startswith("text/html")
    assert "総務省" in card.text and f'href="{server.url}/org/jp-mic"' in card.text
    assert client.get("/reconcile/preview", params={"id": "org/none"}).status_code == 404
    entities = client.get("/reconcile/suggest/entity", params={"prefix": "総務省"}).json()["result"]  # (総務 is also 総務庁)
    assert entities[0]["id"] == "org/jp-mic" and entities[0]["name"] == "総務省"
    meetings = client.get("/reconcile/suggest/entity", params={"prefix": "日米サイバー", "type": "Meeting"}).json()
    assert meetings["result"] and all(r["id"].startswith("meeting/") for r in meetings["result"])
    types = client.get("/reconcile/suggest/type", params={"prefix": "meet"}).json()["result"]
    assert types == [{"id": "Meeting", "name": "Meeting"}]
    props = client.get("/reconcile/suggest/property", params={"prefix": "ord"}).json()["result"]
    assert [p["id"] for p in props] == ["ordinal"]


def test_the_readme_example_runs(server):
    example = python_example("### Reconciliation (OpenRefine)")
    assert "http://127.0.0.1:8000" in example
    proc = subprocess.run([sys.executable, "-c", example.replace("http://127.0.0.1:8000", server.url)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["q0 org/jp-mic 総務省 100.0 True",
                                        "q1 meeting/jp-us-ied/6 インターネットエコノミーに関する日米政策協力対話 100.0 True"]
