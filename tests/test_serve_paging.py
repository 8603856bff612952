"""/queries/NAME in kg serve pages its rows (limit=, offset=), takes the filters, and reads the
table the build keeps of a large query, as `kg query --limit --offset` does."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from serving import Server

ROOT = Path(__file__).parents[1]
KG = [str(Path(sys.executable).parent / "kg")]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    src = tmp_path_factory.mktemp("paging-src")
    corpus.write(src, 40, seed=5)
    path = tmp_path_factory.mktemp("paging") / "store"
    done = subprocess.run(KG + ["build", str(src), "--store", str(path), "-q"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def client(store):
    server = Server(store)
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c
    server.stop()


def cli(store: Path, *args: str) -> str:
    done = subprocess.run(KG + ["query", *args, "--store", str(store)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_page_of_json_is_the_slice_kg_query_prints(client, store):
    whole = json.loads(cli(store, "participants", "-f", "json"))
    assert len(whole) > 40
    for limit, offset in ((10, 0), (10, 10), (7, len(whole) - 3)):
        served = client.get("/queries/participants", params={"format": "json", "limit": limit, "offset": offset})
        assert served.status_code == 200
        assert served.json() == whole[offset:offset + limit]
        assert served.json() == json.loads(cli(store, "participants", "-f", "json", "--limit", str(limit),
                                               "--offset", str(offset)))


def test_the_filters_work_on_the_server_as_on_the_command_line(client, store):
    rows = json.loads(cli(store, "meetings", "-f", "json"))
    series = rows[0]["meeting"].rsplit("/", 2)[-2]
    served = client.get("/queries/meetings", params={"format": "json", "series": series}).json()
    assert served == json.loads(cli(store, "meetings", "-f", "json", "-p", f"series={series}"))
    assert 0 < len(served) < len(rows)


def test_an_html_page_links_to_the_next_and_the_previous(client):
    page = client.get("/queries/participants", params={"limit": 10, "offset": 10}, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert 'rel="next"' in page.text and "offset=20" in page.text
    assert 'rel="prev"' in page.text and "offset=0" in page.text
    assert page.text.count("<tr>") == 11  # the header row and ten rows


def test_a_bad_page_is_refused_in_one_line(client):
    answer = client.get("/queries/participants", params={"limit": "ten"})
    assert answer.status_code == 400 and "whole number" in answer.text
