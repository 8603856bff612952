"""Stable keys from text: a normalised name, its digest, an ASCII slug, a release's ID from its URL.

Plain text functions, with no RDF: the IRIs of kg.rdf.iris are minted from these keys.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

_SLUG_STRIP = re.compile(r"[^a-z0-9._-]+")
_KEY_STRIP = re.compile(r"[\s「」『』\"'()\[\]【】]+")


def normalise(text: str) -> str:
    """The key form of a name: NFKC, lower case, no white space or brackets."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _KEY_STRIP.sub("", text)


def digest(text: str, n: int = 12) -> str:
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:n]


def slug(text: str) -> str:
    """An ASCII slug, or a short digest when the text has no ASCII letters or digits."""
    ascii_ = _SLUG_STRIP.sub("-", unicodedata.normalize("NFKC", text).lower()).strip("-.")
    ascii_ = re.sub(r"-{2,}", "-", ascii_)
    if ascii_ and len(ascii_) >= max(2, len(text) // 2):
        return ascii_[:80]
    return "h" + digest(text)


def release_id(url: str | None, fallback: str) -> str:
    """A release's ID from its source URL: the site's name and the path segments that carry digits.

    https://www.soumu.go.jp/menu_news/s-news/01tsushin08_02000040.html -> soumu-01tsushin08_02000040
    """
    if url:
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
        site = host.split(".")[0] if host else "local"
        path = re.sub(r"\.(s?html?|php|aspx?)$", "", parts.path.strip("/"))
        segments = [s for s in path.split("/") if re.search(r"\d", s)] or path.split("/")[-1:]
        key = "-".join(segments)
        if key:
            return slug(f"{site}-{key}")
    return slug(fallback)
