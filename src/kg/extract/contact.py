"""The contact block (連絡先 / 問い合わせ先 / Contact): units, staff, phone, fax, e-mail."""
from __future__ import annotations

import re

from ..model import Contact
from .context import Context

STAFF = re.compile(r"^[\(（]?\s*(?:担当者|担当|Contact person)\s*[::]?\s*(?P<v>[^)）]+)[\)）]?\s*$", re.I)
PHONE = re.compile(r"(?:電話|TEL|Tel|Phone)(?:番号)?\s*[::]?\s*(?P<v>\+?\d[\d\-]{8,}\d)(?:\s*\((?:直通|内線[^)]*)\))?", re.I)
FAX = re.compile(r"(?:FAX|Fax|ファクシミリ|ファックス)(?:番号)?\s*[::]?\s*(?P<v>\+?[\d\-() ]{9,}\d)"
                 r"|(?<![\d\-])(?P<v2>\+?\d[\d\-]{8,30}\d)\s*\((?:FAX|Fax|ファックス)\)", re.I)
MAIL = re.compile(r"(?<![\w.+-])(?P<v>[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+)")
LINE = re.compile(r"[^\n]+")
INLINE_STAFF = re.compile(r"[\(（]\s*(?:担当者|担当)\s*[::]?\s*([^)）]+)[\)）]\s*$")
NAME_SEP = re.compile(r"[、,]")
OTHER = re.compile(r"^(?:電話|TEL|FAX|Fax|E-?mail|メール|URL|ページトップ|https?:|\+?\d[\d\-]{6,})", re.I)


def contacts(ctx: Context) -> list[Contact]:
    out: list[Contact] = []
    for sec in ctx.sections("contact"):
        a, b = ctx.body_range(sec)
        out += _block(ctx, a, b)
    return out


def _block(ctx: Context, a: int, b: int) -> list[Contact]:
    """Units with their staff; a phone, fax or e-mail goes to the unit above it, else to every unit."""
    found: list[Contact] = []
    shared: dict[str, str] = {}
    for line in LINE.finditer(ctx.text[a:b]):
        s, e = a + line.start(), a + line.end()
        text = ctx.text[s:e].strip()
        _numbers(found, shared, text)
        staff = STAFF.match(text)
        if staff and found:
            found[-1].staff += _names(staff.group("v"))
        elif text and not staff and not OTHER.match(text):
            _unit(ctx, found, text, s, e)
    for c in found:
        c.phone, c.fax, c.email = c.phone or shared.get("phone"), c.fax or shared.get("fax"), c.email or shared.get("email")
    return found


def _numbers(found: list[Contact], shared: dict[str, str], text: str) -> None:
    for field, rx in (("phone", PHONE), ("fax", FAX), ("email", MAIL)):
        value = _value(rx, text)
        if not value:
            continue
        shared.setdefault(field, value)
        if found and getattr(found[-1], field) is None:
            setattr(found[-1], field, value)


def _unit(ctx: Context, found: list[Contact], text: str, s: int, e: int) -> None:
    """A unit line (国際経済課), its continuation (a second line before any staff), or one with staff inline."""
    inline = INLINE_STAFF.search(text)
    unit = text[:inline.start()].strip() if inline else text
    if found and not found[-1].staff and not found[-1].phone and not inline:
        found[-1].unit += " " + unit
        found[-1].span = ctx.norm.span(ctx.norm.pos(found[-1].span.start), e)
    else:
        found.append(Contact(unit=unit, span=ctx.norm.span(s, s + len(unit))))
    if inline:
        found[-1].staff += _names(inline.group(1))


def _names(value: str) -> list[str]:
    return [p.strip() for p in NAME_SEP.split(value) if p.strip()]


def _value(rx: re.Pattern, text: str) -> str | None:
    m = rx.search(text)
    if not m:
        return None
    return (m.group("v") or m.groupdict().get("v2") or "").strip() or None
