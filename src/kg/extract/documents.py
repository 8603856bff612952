"""Documents: the attachments listed under 【別添】 / <添付資料> (title, language, format, URL), and the
documents the text names in 「…」 (a joint statement, a declaration, a charter) with their authors.
"""
from __future__ import annotations

import re

from .keys import normalise
from ..model import Document, OrgRef
from . import orgs
from .context import Context

FORMAT = re.compile(r"[\(\[]?\s*(?P<f>PDF|Word|Excel|PowerPoint|HTML)\s*(?:[:：]?\s*[\d.,]+\s*[KMG]?B)?\s*[\)\]]?\s*$", re.I)
LANG = re.compile(r"[\(\[](?P<l>和文|英文|仮訳|日本語|英語|Japanese|English)[^)\]]*[\)\]]", re.I)
BARE_LANG = re.compile(r"^\s*(?P<l>和文|英文|仮訳|日本語|英語|Japanese|English)")
MEDIA = {"pdf": "application/pdf", "word": "application/msword", "excel": "application/vnd.ms-excel",
         "powerpoint": "application/vnd.ms-powerpoint", "html": "text/html"}
NAMED = re.compile(r"「(?P<t>[^「」]{2,80}?(?:共同声明|声明|宣言|憲章|原則|報告書|レポート|書簡|計画|行動集|提言|覚書|"
                   r"Statement|Declaration|Charter|Report|Principles))」")
INLINE = re.compile(r"(?P<t>[\u4e00-\u9fff\u30a0-\u30ffA-Za-z・]{2,30}?(?:プレスリリース|共同声明|声明|記者発表|宣言|ステートメント))"
                    r"\((?P<inner>(?:[^()]|\([^()]*\))*)\)")
LINE = re.compile(r"[^\n]+")
NOT_ITEM = re.compile(r"\s*(?:【|<|※)")
PRIVATE = re.compile(r"民間|産業界|Private")
VERSION = re.compile(r"[^/、,]+")
AUTHOR = re.compile(r"^(?P<a>\S+?(?:部会|委員会|協議会|連合会|商工会議所|協会|省|庁|グループ|Group))[\s・]+\S")


def attachments(ctx: Context) -> list[Document]:
    out = []
    for sec in ctx.sections("attachments"):
        a, b = ctx.body_range(sec)
        for line in LINE.finditer(ctx.text[a:b]):
            s, e = a + line.start(), a + line.end()
            if ctx.text[s:e].strip() and not NOT_ITEM.match(ctx.text[s:e]):
                out.append(_attachment(ctx, s, e))
    return out


def _attachment(ctx: Context, s: int, e: int) -> Document:
    raw = ctx.text[s:e].strip()
    fmt = FORMAT.search(raw)
    title = raw[:fmt.start()] if fmt else raw
    lang = LANG.search(title)
    clean = LANG.sub("", title).strip()
    url = _link(ctx, s, e)
    media = MEDIA[fmt.group("f").lower()] if fmt else ("application/pdf" if url and url.lower().endswith(".pdf") else None)
    doc = Document(title=clean, span=ctx.norm.span(s + ctx.text[s:e].find(raw), e), lang=_lang(lang),
                   format=media, url=url)
    doc.author = _authors(ctx, clean, s + ctx.text[s:e].find(clean))
    return doc


def _lang(m: re.Match | None) -> str | None:
    if not m:
        return None
    return "en" if m.group("l").lower() in ("英文", "英語", "english") else "ja"


def _link(ctx: Context, s: int, e: int) -> str | None:
    span = ctx.norm.span(s, e)
    for _text, url, where in ctx.rel.source.links:
        if span.start <= where.start < span.end:
            return url
    return None


def _authors(ctx: Context, title: str, at: int) -> list[OrgRef]:
    m = AUTHOR.match(title)
    if not m:
        return []
    ref = orgs.resolve(ctx.norm, at, at + len(m.group("a")), ctx.gaz, ctx.lang)
    if not ref.known and PRIVATE.search(m.group("a")):
        ref.kind = "industry"
    return [ref]


def named_documents(ctx: Context) -> list[Document]:
    out = []
    for sec in ctx.sections("lead", "heading"):
        a, b = ctx.range(sec)
        for m in NAMED.finditer(ctx.text, a, b):
            doc = Document(title=m.group("t"), span=ctx.norm.span(m.start("t"), m.end("t")))
            doc.author = _authors(ctx, m.group("t"), m.start("t"))
            out.append(doc)
        out += _inline_versions(ctx, a, b)
    return out


def _inline_versions(ctx: Context, a: int, b: int) -> list[Document]:
    """共同プレスリリース(仮訳(PDF) / 英文(PDF)): one document per language version listed in brackets."""
    out = []
    for m in INLINE.finditer(ctx.text, a, b):
        for item in VERSION.finditer(m.group("inner")):
            lang = BARE_LANG.search(item.group()) or LANG.search(item.group())
            fmt = FORMAT.search(item.group().strip())
            if lang or fmt:
                s, e = m.start("inner") + item.start(), m.start("inner") + item.end()
                out.append(Document(title=m.group("t"), span=ctx.norm.span(m.start("t"), e), lang=_lang(lang),
                                    format=MEDIA[fmt.group("f").lower()] if fmt else None, url=_link(ctx, s, e)))
    return out


def documents(ctx: Context) -> list[Document]:
    seen, out = set(), []
    for doc in attachments(ctx) + named_documents(ctx):
        key = (normalise(doc.title), doc.lang)
        if key not in seen:
            seen.add(key)
            out.append(doc)
    return out
