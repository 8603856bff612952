"""The contact block (連絡先 / 問い合わせ先 / Contact): units, staff, phone, fax, e-mail."""
from __future__ import annotations

import re

from ..model import Contact
from .context import Context

STAFF = re.compile(r"^[\(（]?\s*(?:担当者|担当|Contact person)\s*[::]?\s*(?P<v>[^)）]+)[\)）]?\s*$", re.I)
PHONE = re.compile(r"(?:電話|TEL|Tel|Phone)(?:番号)?\s*[::]?\s*(?P<v>\+?\d[\d\-]{8,}\d)(?:\s*\((?:直通|内線[^)]*)\))?", re.I)
FAX = re.compile(r"(?:FAX|Fax|ファクシミリ|ファックス)(?:番号)?\s*[::]?\s*(?P<v>\+?[\d\-() ]{9,}\d)"
                 r"|(?P<v2>\+?\d[\d\-]{8,}\d)\s*\((?:FAX|Fax|ファックス)\)", re.I)
MAIL = re.compile(r"(?P<v>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
OTHER = re.compile(r"^(?:電話|TEL|FAX|Fax|E-?mail|メール|URL|ページトップ|https?:|\+?\d[\d\-]{6,})", re.I)


def contacts(ctx: Context) -> list[Contact]:
    out: list[Contact] = []
    for sec in ctx.sections("contact"):
        a, b = ctx.body_range(sec)
        out += _block(ctx, a, b)
    return out


def _block(ctx: Context, a: int, b: int) -> list[Contact]:
    found: list[Contact] = []
    phone = fax = mail = None
    for line in re.finditer(r"[^\n]+", ctx.text[a:b]):
        s, e = a + line.start(), a + line.end()
        text = ctx.text[s:e].strip()
        staff = STAFF.match(text)
        phone = phone or _value(PHONE, text)
        fax = fax or _value(FAX, text)
        mail = mail or _value(MAIL, text)
        if staff and found:
            found[-1].staff += [p.strip() for p in re.split(r"[、,]", staff.group("v")) if p.strip()]
        elif text and not staff and not OTHER.match(text):
            if found and not found[-1].staff:
                found[-1].unit += " " + text
                found[-1].span = ctx.norm.span(ctx.norm.pos(found[-1].span.start), e)
            else:
                found.append(Contact(unit=text, span=ctx.norm.span(s, e)))
    for c in found:
        c.phone, c.fax, c.email = c.phone or phone, c.fax or fax, c.email or mail
    return found


def _value(rx: re.Pattern, text: str) -> str | None:
    m = rx.search(text)
    if not m:
        return None
    return (m.group("v") or m.groupdict().get("v2") or "").strip() or None
