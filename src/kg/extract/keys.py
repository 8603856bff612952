"""Stable keys from text: a normalised name, its digest, an ASCII slug, a release's ID from its URL.

Plain text functions, with no RDF: the IRIs of kg.rdf.iris are minted from these keys.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

_SLUG_STRIP = re.compile(r"[^a-z0-9._-]+")
_IPV6 = re.compile(r"\[[0-9A-Fa-f:.]+\]")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f\[\]]|%(?![0-9A-Fa-f]{2})')
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


def web_url(url: object) -> str | None:
    """An absolute http(s) URL written as an IRI may be, or None when it is not one.

    What an IRI may not hold in a path, query or fragment (white space, control characters,
    quotes, angle brackets, braces, square brackets, a backslash, a `%` that starts no escape, a
    second `#`) is percent-encoded, as a browser does when it sends such a URL. Not a string, not
    absolute, not http(s), or with a host that holds such characters: None.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket
        return None
    host = _IPV6.sub("", parts.netloc)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or _NOT_IN_IRI.search(host):
        return None
    cut = url.index(parts.netloc) + len(parts.netloc)
    rest, hash_, fragment = url[cut:].partition("#")
    return url[:cut] + _pct(rest) + hash_ + _pct(fragment).replace("#", "%23")


def _pct(text: str) -> str:
    return _NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), text)
