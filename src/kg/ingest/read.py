"""Read a release file from disk: decode it, drop HTML page furniture, read the sidecar.

`read_source(path)` gives a `Source` whose `text` is what every later span indexes: the decoded
text (BOM removed, newlines as "\\n"), or for HTML the body text with its line structure.

A text damaged in a few places (a flipped byte that breaks UTF-8, a stray NUL) is decoded with
U+FFFD in place of each bad character, and `Source.replaced` says how many; only what is not
text at all (too many bad characters, or larger than the size limit) is refused. The sidecar's
`url` must be an absolute http(s) URL; characters an IRI may not hold are percent-encoded.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from ..errors import InputError
from ..extract.keys import web_url
from ..model import Source, Span

ENCODINGS = ("utf-8", "cp932", "euc_jp")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROLS = [bytes([c]) for c in range(32) if c not in b"\t\n\r\f\v\x1b"]  # never in a text, often in binary
_ISO2022 = re.compile(rb"\x1b\$[@B]|\x1b\([BJ]")
_LINE_BREAK_END = re.compile(r"\n[ \t\u3000]*$")
_TOKEN_GAP = re.compile(r"[\s]+")
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
MAX_DAMAGE = 0.01  # the share of characters that may be replaced before a file counts as not text...
MAX_DAMAGED = 16  # ...once more than this many are
_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932",
            "euc-jp": "euc_jp", "x-euc-jp": "euc_jp", "utf8": "utf-8", "iso-2022-jp": "iso2022_jp"}


def read_source(path: Path, *, max_bytes: int | None = None, strict: bool = False) -> Source:
    """Read one .txt or .html release with its optional NAME.meta.json sidecar; files larger than
    `max_bytes` are refused. `strict`: a byte that does not decode is an error (`kg fetch`
    checks a page so), rather than a U+FFFD said in `Source.replaced`."""
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    is_html = path.suffix.lower() in (".html", ".htm") or _looks_html(data)
    meta = read_meta(path)
    if strict:
        (text, encoding), replaced = decode(data, where=str(path), html=is_html, charset=meta.get("charset")), 0
    else:
        text, encoding, replaced = decode_damaged(data, where=str(path), html=is_html, charset=meta.get("charset"))
    links: list = []
    url = meta.get("url")
    if is_html:
        page = page_text(text, base_url=url)
        text, links = page.text, page.links
        url = url or web_url(page.canonical)
    lead = len(text) - len(text.lstrip("\n"))
    complete = is_html or bool(_LINE_BREAK_END.search(text))  # a copy cut mid-line ends without a line break
    text = text.strip("\n")
    links = [(t, u, Span(s.start - lead, s.end - lead)) for t, u, s in links]
    if not text.strip():
        raise InputError("no text in the page", where=str(path), hint="is this the release's page?")
    return Source(path=str(path), text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                  url=url, meta=meta, links=links, last_line_complete=complete, replaced=replaced)


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    try:
        if not path.is_file():
            raise InputError("not a regular file", where=str(path), hint="give a .txt or .html release")
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(f"the file is {size:,} bytes, over the limit of {max_bytes:,} for one release",
                             where=str(path), hint="is it a release? `kg build --max-bytes N` raises the limit")
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1) if max_bytes is not None else f.read()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", where=str(path)) from exc
    if max_bytes is not None and len(data) > max_bytes:  # it grew while being read
        raise InputError(f"the file is over the limit of {max_bytes:,} bytes for one release", where=str(path))
    return data


def _looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def decode(data: bytes, *, where: str | None = None, html: bool = False, charset: str | None = None) -> tuple[str, str]:
    """Decode bytes: a BOM, else the charset the server sent (sidecar), else an HTML <meta charset>,
    else ISO-2022-JP when its escapes are there, else UTF-8, CP932 or EUC-JP by trial."""
    if not data.strip():
        raise InputError("the file is empty", where=where, hint="copy the release's text into it")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _newlines(data.decode(enc, errors="strict")), enc
    head = data[:4096]
    if sum(head.count(c) for c in _CONTROLS) > MAX_DAMAGE * len(head):
        raise InputError("the file is binary (it holds NUL bytes), not text", where=where,
                         hint="give a .txt or .html release")
    declared = [_ALIASES.get(charset.lower(), charset.lower())] if isinstance(charset, str) and charset else []
    if _valid_utf8(data):  # Japanese legacy bytes are almost never valid UTF-8: a page that is wins over its <meta>
        declared.append("utf-8")
    declared += [_ALIASES.get(c.lower(), c.lower()) for c in (_declared(data) if html else None,) if c]
    if _ISO2022.search(data[:65536]) and not any(b > 0x7F for b in data[:65536]):
        declared.insert(0, "iso2022_jp")
    for enc in tuple(declared) + _candidates(data):
        try:
            return _newlines(data.decode(enc)), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise Undecodable(f"cannot decode the text (tried {', '.join(ENCODINGS)})", where=where, hint="save it as UTF-8")


class Undecodable(InputError):
    """Bytes that no encoding tried decodes without an error."""


def decode_damaged(data: bytes, *, where: str | None = None, html: bool = False,
                   charset: str | None = None) -> tuple[str, str, int]:
    """Like `decode`, but a text damaged in a few places is decoded all the same: each byte that
    does not decode, and each NUL, becomes U+FFFD. Returns (text, encoding, characters replaced).
    Refused: an empty file, and one with more than MAX_DAMAGED bad characters that are more than
    MAX_DAMAGE of them all (not text)."""
    try:
        text, encoding = decode(data, where=where, html=html, charset=charset)
        replaced = 0
    except Undecodable:
        text, encoding = _least_damaged(data, charset)
        replaced = text.count("\ufffd")
    if "\x00" in text:
        replaced += text.count("\x00")
        text = text.replace("\x00", "\ufffd")
    if max(replaced, _junk(text)) > max(MAX_DAMAGED, MAX_DAMAGE * len(text)):
        raise InputError(f"cannot decode the text: {replaced} of its {len(text)} characters are not {encoding} "
                         "or are NUL",
                         where=where, hint="give a .txt or .html release, saved as UTF-8")
    return text, encoding, replaced


def _least_damaged(data: bytes, charset: str | None) -> tuple[str, str]:
    """The decoding with the fewest bad bytes among the declared charset and the usual ones."""
    names = ([_ALIASES.get(charset.lower(), charset.lower())] if isinstance(charset, str) else []) + list(ENCODINGS)
    best: tuple[int, str, str] | None = None
    for enc in dict.fromkeys(names):
        try:
            text = _newlines(data.decode(enc, errors="replace"))
        except LookupError:
            continue
        bad = _junk(text)
        if best is None or bad < best[0]:
            best = (bad, text, enc)
    return best[1], best[2]


_JUNK = re.compile("[\ufffd\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ue000-\uf8ff]")


def _junk(text: str) -> int:
    """Characters that a wrong decoding or binary data make: U+FFFD, control and private-use characters."""
    return len(_JUNK.findall(text))


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b > 0x7F for b in data)


def _declared(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return _ALIASES.get(name, name)


def _candidates(data: bytes) -> tuple[str, ...]:
    """UTF-8 first; of CP932 and EUC-JP, the one whose decoding reads as more Japanese first."""
    scores = {}
    for enc in ENCODINGS[1:]:
        try:
            scores[enc] = _japaneseness(data.decode(enc))
        except UnicodeDecodeError:
            scores[enc] = -1.0
    return ("utf-8",) + tuple(sorted(scores, key=lambda e: -scores[e]))


def _japaneseness(text: str) -> float:
    """The share of kana and common punctuation: right decodings have many, wrong ones few."""
    good = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or c in "、。「」（）　\n ")
    return good / max(1, len(text))


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_meta(path: Path) -> dict:
    """The sidecar NAME.meta.json beside NAME.txt / NAME.html, or {}."""
    meta_path = path.with_name(path.stem + ".meta.json")
    if not os.path.lexists(meta_path):
        return {}
    hint = 'write it as {"url": "https://..."}'
    try:
        meta = json.loads(meta_path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise InputError(f"cannot read the sidecar {meta_path.name} ({exc.strerror or exc})", where=str(path)) from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(f"the sidecar {meta_path.name} is not valid JSON ({exc})", where=str(path), hint=hint) from exc
    if not isinstance(meta, dict):
        raise InputError(f"the sidecar {meta_path.name} is not a JSON object", where=str(path), hint=hint)
    if meta.get("url") is not None:
        url = web_url(meta["url"])
        if url is None:
            raise InputError(f"the sidecar {meta_path.name} has a url that is not an absolute http(s) URL: "
                             f"{_shown(meta['url'])}", where=str(path), hint=hint)
        meta["url"] = url
    if meta.get("charset") is not None and not isinstance(meta["charset"], str):
        raise InputError(f"the sidecar {meta_path.name} has a charset that is not a string: {_shown(meta['charset'])}",
                         where=str(path), hint='write it as "charset": "utf-8", or leave it out')
    return meta


def _shown(value: object) -> str:
    """A sidecar value as an error message shows it: JSON, at most 80 characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "select",
             "iframe", "svg", "template", "head", "title", "menu"}
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "dt",
              "dd", "section", "article", "blockquote", "pre", "hr", "main", "caption", "figcaption", "address"}
VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}
FURNITURE_TOKEN = re.compile(r"^(?:header|footer|banner|menu|sns|share|toolbar|skip|print|search|utility|util|side|"
                             r"l-side|aside|global|gnav|lnav|snav)$|navi?(?:gation)?|menu|breadcrumb|pankuzu|topicpath|"
                             r"topic-path|sidebar|side-?(?:menu|column|area)|pagetop|page-top|footer|skip-?link|search-?box|"
                             r"site-?(?:header|search|map)", re.I)


def _furniture(attrs: dict) -> bool:
    """An element whose id or class names navigation, menus, breadcrumbs, headers or footers."""
    tokens = _TOKEN_GAP.split(f"{attrs.get('id', '')} {attrs.get('class', '')}".strip())
    return any(FURNITURE_TOKEN.search(t) for t in tokens if t)


@dataclass
class Page:
    text: str
    links: list = field(default_factory=list)
    canonical: str | None = None


class _TextParser(HTMLParser):
    """Body text with one line per block; navigation, menus, footers and scripts left out."""

    def __init__(self, base_url: str | None):
        super().__init__(convert_charrefs=True)
        self.base, self.out, self.size = base_url, [], 0
        self.skip: list[str] = []  # the tag being skipped, once per nesting level
        self.anchor: tuple[str, int] | None = None
        self.links: list = []
        self.canonical: str | None = None
        self.pre = 0
        self.label_cell = False  # a <th> just ended: the <td> after it is its value
        self.content = 0  # depth inside <main> / <article>

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.canonical = self._absolute(a["href"])
        if tag == "base" and a.get("href"):  # relative links resolve against <base href>
            self.base = self._absolute(a["href"]) if self.base else a["href"].strip()
        if self.skip:
            if tag == self.skip[0] and tag not in VOID_TAGS:
                self.skip.append(tag)
            return
        if self._furniture_tag(tag, a):
            if tag not in VOID_TAGS:
                self.skip.append(tag)
            return
        if tag in ("main", "article"):
            self.content += 1
        self._start(tag, a)

    def _furniture_tag(self, tag: str, a: dict) -> bool:
        """Navigation and page furniture; a <header> or <footer> inside <main>/<article> is the release's own."""
        if tag in ("header", "footer") and self.content:
            return False
        return tag in SKIP_TAGS or (tag not in VOID_TAGS and _furniture(a) and tag not in ("body", "html", "main")) \
            or a.get("role") in ("navigation", "banner", "contentinfo")

    def _start(self, tag, a):
        if tag in BLOCK_TAGS:
            self._newline()
        if tag == "pre":
            self.pre += 1
        if tag == "td" and self.label_cell:  # <th>場所</th><td>東京</td> reads 場所: 東京
            self._emit(": ")
        elif tag in ("td", "th") and self.out and not self.out[-1].endswith(("\n", " ")):
            self._emit(" ")
        self.label_cell = False
        if tag == "a" and a.get("href") and not a["href"].startswith(("#", "javascript:")):
            self.anchor = (self._absolute(a["href"]), self.size)

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag == "a" and self.anchor:
            url, start = self.anchor
            words = "".join(self.out)[start:self.size]
            lead = len(words) - len(words.lstrip())
            if words.strip():
                self.links.append((words.strip(), url, Span(start + lead, start + len(words.rstrip()))))
            self.anchor = None
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in ("main", "article"):
            self.content = max(0, self.content - 1)
        self.label_cell = tag == "th" and bool(self.out) and not self.out[-1].endswith("\n")
        if tag in BLOCK_TAGS:
            self._newline()

    def handle_data(self, data):
        if self.skip:
            return
        if not self.pre:
            data = _HTML_SPACE.sub(" ", data)
            if self.out and self.out[-1].endswith(("\n", " ")) or not self.out:
                data = data.lstrip(" ")
        self._emit(data)

    def _emit(self, piece: str):
        if piece:
            self.out.append(piece)
            self.size += len(piece)

    def _newline(self):
        if self.out and self.out[-1].endswith(" "):
            self.out[-1] = self.out[-1].rstrip(" ")
            self.size = sum(len(p) for p in self.out)
        tail = "".join(self.out[-2:])
        if self.out and not tail.endswith("\n\n"):
            self._emit("\n")

    def _absolute(self, href: str) -> str:
        try:
            return urljoin(self.base, href.strip()) if self.base else href.strip()
        except ValueError:  # an unclosed IPv6 bracket in a damaged page
            return href.strip()


def page_text(html: str, base_url: str | None = None) -> Page:
    """The text of an HTML page as a reader sees it, with its links as absolute URLs."""
    parser = _TextParser(base_url)
    parser.feed(html)
    parser.close()
    if parser.canonical and not base_url:
        parser.base = parser.canonical
        parser.links = [(t, parser._absolute(u), s) for t, u, s in parser.links]
    return Page("".join(parser.out), parser.links, parser.canonical)
