"""Property: whatever is done to some release files, the whole build neither crashes nor loses the
intact releases beside them, and what it stores conforms to the shapes.

Real releases (the seed and the fixtures under tests/) are damaged the ways files get damaged or
faked: bytes flipped, cut short, saved in another encoding, NULs put in, a 2 MB line added, or the
text wrapped in HTML soup with hostile links. Each example builds two intact releases and two or
three damaged ones into a fresh store with `kg.build` (real files, real worker processes).
"""
from __future__ import annotations

import json
import os
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg import api

ROOT = Path(__file__).parents[1]
RELEASES = sorted([*(ROOT / "data" / "releases").glob("*.txt"), *(ROOT / "tests" / "fixtures" / "general").glob("*.txt"),
                   *(ROOT / "tests" / "fixtures" / "general2").glob("*.txt"), ROOT / "tests" / "fixtures" / "build" / "mic_jp_fr.txt"])
SOUP = ['<div class="x"><p>', "</td></tr>", "<script>document.write('<p>')</script>", '<a href="javascript:alert(1)">',
        '<a href="http://[::1">', '<a href="https://example.org/a b?x=\\"y\\"">', "<base href=\"relative/\">",
        "<table><tr><td>", "<!-- unclosed comment", "<br/>", "&#0;&#xD800;&bogus;", "<svg onload=alert(1)>", "</a>"]


# 15 examples in the default suite (about 20 s); KG_PROPERTY_EXAMPLES=200 explores further, at random.
EXAMPLES = int(os.environ.get("KG_PROPERTY_EXAMPLES", "15"))


@lru_cache(maxsize=None)
def release_id(path: Path) -> str:
    return api.extract(path).id


def flip(data: bytes, draw) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(out) - 1))
        out[at] ^= 1 << draw(st.integers(0, 7))
    return bytes(out)


def truncate(data: bytes, draw) -> bytes:
    return data[:draw(st.integers(0, len(data) - 1))]


def encoding(data: bytes, draw) -> bytes:
    text = data.decode("utf-8")
    enc = draw(st.sampled_from(["cp932", "euc_jp", "utf-16-le", "latin-1-mojibake"]))
    if enc == "latin-1-mojibake":
        return text.encode("utf-8").decode("latin-1").encode("utf-8")
    return text.encode(enc, errors="replace")


def nuls(data: bytes, draw) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 20))):
        out.insert(draw(st.integers(0, len(out))), 0)
    return bytes(out)


def long_line(data: bytes, draw) -> bytes:
    letters = draw(st.sampled_from([b"A", b"ab", b"Tanaka Ichiro, ", "会議".encode()]))
    line = (letters * (2_000_000 // len(letters) + 1))[:2_000_000]
    at = data.find(b"\n", draw(st.integers(0, len(data) - 1)))
    return data[:at + 1] + line + b"\n" + data[at + 1:] if at >= 0 else data + b"\n" + line


def soup(data: bytes, draw) -> bytes:
    lines = data.decode("utf-8").splitlines()
    out = ["<html><head><title>x</title></head><body>"]
    for line in lines:
        out.append(draw(st.sampled_from(SOUP)) + line.replace("&", "&amp;"))
    return "\n".join(out).encode("utf-8")


MUTATIONS = {"flip": flip, "truncate": truncate, "encoding": encoding, "nuls": nuls, "long-line": long_line,
             "soup": soup}


@st.composite
def builds(draw):
    chosen = draw(st.permutations(RELEASES))
    intact, damaged = chosen[:2], chosen[2:2 + draw(st.integers(2, 3))]
    mutations = [(path, draw(st.sampled_from(sorted(MUTATIONS)))) for path in damaged]
    return intact, [(path, name, MUTATIONS[name](path.read_bytes(), draw)) for path, name in mutations]


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=EXAMPLES, deadline=None, derandomize="KG_PROPERTY_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(case=builds())
def test_damaged_releases_never_cost_the_intact_ones(tmp_path_factory, case):
    intact, damaged = case
    folder = tmp_path_factory.mktemp("in")
    for path in intact:
        shutil.copy(path, folder / path.name)
        shutil.copy(path.with_suffix(".meta.json"), folder / (path.stem + ".meta.json"))
    for path, name, data in damaged:
        target = folder / (f"damaged-{name}-{path.stem}" + (".html" if name == "soup" else ".txt"))
        target.write_bytes(data)
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        meta["url"] = meta["url"].rsplit(".", 1)[0] + f"-{name}.html"  # its own release
        target.with_name(target.stem + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    store = tmp_path_factory.mktemp("store") / "store"
    report = kg.build([folder], store, time_limit=60)
    assert {release_id(p) for p in intact} <= set(report.built), report.problems
    assert not report.rejected, report.violations.violations  # a bad fact is left out, not the release
    accounted = {Path(p.path).name for p in report.problems} | {Path(w.path).name for w in report.warnings}
    assert len(report.built) + len(report.problems) == report.files, (report.built, report.problems)
    assert all(p.message for p in report.problems), accounted
    assert kg.validate(store=store).conforms
