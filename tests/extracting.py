"""Helpers the extraction tests share: extract a fixture file or a text, and pick the reported meeting."""
from __future__ import annotations

from pathlib import Path

from kg import gazetteer
from kg.extract import extract_release
from kg.ingest import read_source
from kg.model import Source

GAZ = gazetteer.load()


def extract_file(path: Path):
    return extract_release(read_source(path), GAZ)


def text_release(text: str, url: str = "https://www.soumu.go.jp/menu_news/s-news/x.html"):
    return extract_release(Source("t.txt", text, "", "utf-8", url=url), GAZ)


def main(rel):
    """The first meeting the release reports."""
    return [m for m in rel.meetings if m.reported][0]
