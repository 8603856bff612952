"""The command-line habits users bring from other tools (issue 16): output extensions, "did you mean",
-q and --verbose everywhere, table widths, the progress bar's ETA and phases, release IDs as
`kg query releases` prints them, what -o wrote, whole summaries in `kg --help`, a final newline,
and folders relative to the current one."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import click
import pytest

from clirun import invoke
from kg.cli import main
from kg.cli.common import RateBar, ambiguous_is_wide
from kg.config import BUNDLED_LINKS, BUNDLED_RELEASES
from kg.read.queries import Rows

ROOT = Path(__file__).resolve().parents[1]
SEED = "soumu-01tsushin08_02000040"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("habits") / "store"
    code, _out, err = invoke("build", str(BUNDLED_RELEASES), "--store", str(path), "-q")
    assert code == 0, err
    return path


def test_an_output_extension_that_names_no_format_is_an_error(store, tmp_path):
    code, _out, err = invoke("query", "meetings", "--store", str(store), "-o", str(tmp_path / "out.xlsx"))
    assert code == 2 and "out.xlsx" in err and ".csv" in err and not (tmp_path / "out.xlsx").exists()
    code, _out, err = invoke("export", "--store", str(store), "-o", str(tmp_path / "out.rdf"))
    assert code == 2 and "RDF/XML is not written" in err and not (tmp_path / "out.rdf").exists()
    assert invoke("export", "--store", str(store), "-o", str(tmp_path / "dump"))[0] == 2
    assert invoke("query", "meetings", "--store", str(store), "-o", str(tmp_path / "t.txt"))[0] == 0
    assert (tmp_path / "t.txt").read_text(encoding="utf-8").startswith("release_url")  # .txt: the text table
    assert invoke("query", "meetings", "--store", str(store), "-f", "csv", "-o", str(tmp_path / "x.dat"))[0] == 0
    assert invoke("export", "--store", str(store), "-o", str(tmp_path / "g.NQ"))[0] == 0


def test_a_mistyped_query_name_gets_did_you_mean(store, tmp_path, monkeypatch):
    code, _out, err = invoke("query", "meeting", "--store", str(store))
    assert code == 2 and "did you mean meetings?" in err
    monkeypatch.chdir(tmp_path)
    (tmp_path / "releases").mkdir()  # where kg fetch saves: it does not hide the saved query
    code, out, err = invoke("query", "releases", "--store", str(store), "-f", "json")
    assert code == 0, err
    assert json.loads(out)[0]["release"] == "https://kg.example.org/release/" + SEED


def test_every_command_takes_quiet_and_verbose():
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        options = {o for p in main.get_command(ctx, name).params for o in p.opts}
        assert {"-q", "--quiet", "-v", "--verbose"} <= options, name


def test_quiet_says_nothing_but_errors_and_verbose_says_more(store, tmp_path):
    out_file = tmp_path / "m.csv"
    code, _out, err = invoke("query", "meetings", "--store", str(store), "-o", str(out_file))
    assert code == 0 and err == f"wrote 2 rows to {out_file}\n"  # -o says what it wrote
    code, _out, err = invoke("query", "meetings", "--store", str(store), "-o", str(out_file), "-q")
    assert code == 0 and err == ""
    code, _out, err = invoke("query", "meetings", "--store", str(store), "-o", str(out_file), "--verbose")
    assert "2 rows, columns: release_url, meeting" in err and re.search(r"kg query: \d+\.\d\d s", err)
    code, _out, err = invoke("build", str(BUNDLED_RELEASES), "--store", str(tmp_path / "s"), "-q")
    assert code == 0 and err == ""
    code, _out, err = invoke("build", str(BUNDLED_RELEASES), "--store", str(tmp_path / "s2"), "--verbose")
    assert f"read {BUNDLED_RELEASES}" in err and re.search(r"storing 3 graph\(s\), [\d,]+ triples", err)  # phases
    assert "checking the rules that span releases" in err and "releases: 1 built" in err
    code, _out, err = invoke("validate", "--store", str(store), "-q")
    assert code == 0 and err == ""
    assert invoke("report", "--store", str(store), "-o", str(tmp_path / "r.html"), "-q")[2] == ""
    code, _out, err = invoke("query", "meetings", "--store", str(tmp_path / "none"), "-q")
    assert code == 2 and err.startswith("error: no store")  # an error still speaks


def display_columns(text: str, wide_ambiguous: bool) -> int:
    wide = "WFA" if wide_ambiguous else "WF"
    return sum(2 if unicodedata.east_asian_width(c) in wide else 1 for c in text)


@pytest.mark.parametrize("wide", [False, True])
def test_east_asian_ambiguous_characters_take_the_columns_the_terminal_gives_them(wide):
    rows = Rows(["mark", "n"], [{"mark": "○─○ « Ω »", "n": 1}, {"mark": "ab", "n": 2},
                                {"mark": "x" * 10 + "…" * 60, "n": 3}])
    lines = rows.render("table", wide_ambiguous=wide).splitlines()[:-1]
    # the second column starts at the same display column on every line
    starts = {display_columns(line[:line.rindex(" ") + 1], wide) for line in lines}
    assert len(starts) == 1, lines
    assert lines[1].startswith("-" if wide else "─")
    assert all(display_columns(line, wide) <= 48 + 2 + 1 for line in lines)


def test_the_ambiguous_width_follows_kg_ambiguous_width_else_the_locale(monkeypatch):
    for name in ("KG_AMBIGUOUS_WIDTH", "LC_ALL", "LC_CTYPE", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert ambiguous_is_wide()
    monkeypatch.setenv("KG_AMBIGUOUS_WIDTH", "1")
    assert not ambiguous_is_wide()
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("KG_AMBIGUOUS_WIDTH", "2")
    assert ambiguous_is_wide()
    monkeypatch.delenv("KG_AMBIGUOUS_WIDTH")
    assert not ambiguous_is_wide()


def test_the_first_eta_leaves_out_the_start_up():
    """300 files at 10 a second after 3 s of worker start-up: a 33 s build. The old bar divided by the
    start-up too and said 15 minutes after the first file."""
    now = [0.0]
    bar = RateBar(300, clock=lambda: now[0])
    now[0] = 3.0
    bar.update(1)
    assert bar.rate_text() == "measuring the rate…"
    for second in range(1, 6):
        now[0] = 3.0 + second
        bar.update(10)
    eta = re.search(r"(\d+\.\d) releases/s, ETA (\d+):(\d\d)", bar.rate_text())
    assert eta and float(eta.group(1)) == 10.0
    assert int(eta.group(2)) * 60 + int(eta.group(3)) == 25  # 249 files left at 10 a second


def test_settings_and_completion_are_documented_and_completion_works():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for words in ("KG_HOME", "KG_DATA", "KG_SHACL_ENGINE", "KG_AMBIGUOUS_WIDTH", "_KG_COMPLETE=bash_source kg",
                  "_KG_COMPLETE=zsh_source kg", "_KG_COMPLETE=fish_source kg"):
        assert words in readme, words
    env = {**os.environ, "_KG_COMPLETE": "bash_complete", "COMP_WORDS": "kg query meet", "COMP_CWORD": "2"}
    done = subprocess.run([sys.executable, "-m", "kg"], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["plain,meetings"]


def test_export_takes_the_release_id_as_kg_query_releases_prints_it(store):
    bare = invoke("export", "--store", str(store), "--release", SEED, "-f", "nt")
    listed = invoke("export", "--store", str(store), "--release", "release/" + SEED, "-f", "nt")
    iri = invoke("export", "--store", str(store), "--release", "https://kg.example.org/release/" + SEED, "-f", "nt")
    assert bare[0] == listed[0] == iri[0] == 0 and len(bare[1]) > 100_000
    assert bare[1] == listed[1] == iri[1]
    rows = json.loads(invoke("query", "releases", "--store", str(store), "-f", "json")[1])
    assert rows[0]["release"].endswith("release/" + SEED)


def test_help_shows_every_summary_whole():
    out = invoke("--help")[1]
    section = out.split("Commands:\n", 1)[1]
    summaries = {}
    for line in section.splitlines():
        name, _, text = line.strip().partition(" ") if not line.startswith(" " * 6) else ("", "", line.strip())
        if name:
            current = name
            summaries[current] = text.strip()
        else:
            summaries[current] += " " + text
    ctx = click.Context(main)
    for name, shown in summaries.items():
        assert "..." not in shown and shown.endswith("."), (name, shown)
        first = " ".join((main.get_command(ctx, name).help or "").split("\n\n")[0].split())
        assert first.startswith(shown.replace("cross- release", "cross-release")), (name, shown)


def test_validate_output_ends_with_a_newline(store):
    for fmt in ("text", "json", "ttl"):
        code, out, _err = invoke("validate", "--store", str(store), "-f", fmt)
        assert code == 0 and out.endswith("\n") and not out.endswith("\n\n\n"), fmt
    json.loads(invoke("validate", "--store", str(store), "-f", "json")[1])


def test_the_alignment_file_is_the_current_folders_when_it_has_one(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _out, err = invoke("link", "--store", str(store))
    assert code == 0, err
    bundled = int(re.search(r"links: (\d+) from the alignment file", err).group(1))
    lines = (BUNDLED_LINKS / "alignments.tsv").read_text(encoding="utf-8").splitlines()
    mine = [line for line in lines if line.startswith("#") or line.startswith("entity\t")
            or line.startswith("org/jp-mic\t")]
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "alignments.tsv").write_text("\n".join(mine) + "\n", encoding="utf-8")
    code, _out, err = invoke("link", "--store", str(store))
    assert code == 0, err
    own = int(re.search(r"links: (\d+) from the alignment file", err).group(1))
    assert bundled > own >= 1  # the one row of ./links/alignments.tsv (its Wikidata and DBpedia targets)
