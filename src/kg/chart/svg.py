"""The pieces every chart is made of: safe text and links, numbers, widths and colours.

Text from the store is hostile until shown otherwise: `text()` drops control characters that XML
cannot carry, escapes markup, and wraps a label holding right-to-left letters or bidi controls in a
`<tspan unicode-bidi="plaintext">`: isolated, with its direction taken from its first strong letter
(as HTML's <bdi> does), so neither its letters nor an unclosed override reorder what is drawn around
it. (`direction="rtl"` on the tspan would also move the text's anchor in Chromium: the label would
hang left of where it belongs; tests/test_report_browser.py measures that it does not.) `link()` refuses any scheme but http(s), so a label cannot become a script.
"""
from __future__ import annotations

import html
import re
import unicodedata

_SPACES = re.compile(r"[\t\n\r]")
# C0 and C1 controls (tab and newlines aside), lone surrogates and the two non-characters XML forbids
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def clean(value: str) -> str:
    """The text with tab and line breaks as spaces and other control characters as U+FFFD."""
    return _CONTROLS.sub("\ufffd", _SPACES.sub(" ", value))


def esc(value: str) -> str:
    """Cleaned and escaped for use in element content or a quoted attribute."""
    return html.escape(clean(value), quote=True)


def _may_reorder(value: str) -> bool:
    return any(ch in _BIDI_CONTROLS or unicodedata.bidirectional(ch) in ("R", "AL", "AN") for ch in value)


def text(value: str) -> str:
    """A label as the content of a <text>: escaped, and isolated when it may be right-to-left."""
    body = esc(value)
    if not _may_reorder(value):
        return body
    return f'<tspan unicode-bidi="plaintext">{body}</tspan>'


def link(url: str) -> str:
    """An href value: a fragment, a path or an http(s) URL; anything else becomes '#'."""
    url = clean(url).strip()
    if _SCHEME.match(url) and not url.lower().startswith(("http:", "https:")):
        return "#"
    return html.escape(url or "#", quote=True)


def anchor(href: str, title: str, marks: list[str], css_class: str = "") -> str:
    """A mark (its shapes and text) as a link, with its tooltip when it has one."""
    attrs = f' class="{esc(css_class)}"' if css_class else ""
    tip = f"<title>{esc(title)}</title>" if title else ""
    return f'<a{attrs} href="{link(href)}">{tip}{"".join(marks)}</a>'


def num(x: float) -> str:
    """A coordinate with at most one decimal, the same text for the same number."""
    out = f"{x:.1f}"
    out = out[:-2] if out.endswith(".0") else out
    return "0" if out == "-0" else out


def width(value: str, size: float) -> float:
    """About how wide the text is drawn at font size `size` (px): a wide (CJK) character is one em,
    another about 0.6 em. An estimate for laying out, since the browser picks the font."""
    return size * sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in value)


def cut(value: str, room: float, size: float) -> str:
    """The text shortened to about `room` px at `size`, ending in … when cut."""
    value = clean(value)
    if width(value, size) <= room:
        return value
    out, used = "", width("…", size)
    for ch in value:
        used += width(ch, size)
        if used > room:
            break
        out += ch
    return out + "…"


def blend(stops: list[str], t: float) -> str:
    """The colour at `t` (0 to 1) along evenly spaced colour stops (#rrggbb), interpolated in RGB."""
    t = min(max(t, 0.0), 1.0) * (len(stops) - 1)
    i = min(int(t), len(stops) - 2)
    a, b = _rgb(stops[i]), _rgb(stops[i + 1])
    return "#" + "".join(f"{round(x + (y - x) * (t - i)):02x}" for x, y in zip(a, b))


def dark(colour: str) -> bool:
    """Whether white text reads better than dark text on this fill (luminance below 0.5)."""
    r, g, b = (c / 255 for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def root(css_class: str, title: str, w: float, h: float) -> str:
    """The opening <svg> tag of a chart of w × h px, with its accessible title."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{esc(css_class)}" role="img" aria-label="{esc(title)}" '
            f'viewBox="0 0 {num(w)} {num(h)}" width="{num(w)}" height="{num(h)}"><title>{esc(title)}</title>')
