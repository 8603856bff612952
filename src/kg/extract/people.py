"""Named officials with their posts: 鈴木総務省情報通信国際戦略局長, 片山総務大臣,
スピルズベリー国務省副調整官(セプルヴェダ大使代理), カムルアット国家郵便電気通信庁長官.

A person is a run of the text: a name, a body, a post. The body comes from the gazetteer, from
「X大臣」 where X省 is a known ministry, or from the shape of the name after a katakana name.
"""
from __future__ import annotations

import re

from ..model import Person
from . import orgs
from .context import Context
from .participants import RUN, untrail

POST = re.compile(r"(?:局長|大臣|大使|調整官|審議官|長官|次官補?|部長|課長|室長|補佐|係長|参事官|代表|議長|委員長|総裁|理事長|会長|"
                  r"官|長|顧問|担当)$")
NAME = re.compile(r"[\u4e00-\u9fff\u3005]{1,5}|[\u30a0-\u30ff・]{2,30}")
PAREN = re.compile(r"\(([^()]*)\)$")
MINISTER = re.compile(r"(?:副大臣|大臣政務官|大臣)$")
KATAKANA_NAME = re.compile(r"[\u30a0-\u30ff・]{2,30}")


EN_TITLE = (r"(?:Minister|Secretary|Director(?:-General)?|Ambassador|Coordinator|Officer|Commissioner|Chair(?:man|person)?|"
            r"Administrator|Head|President|Adviser|Advisor|Representative|Envoy|Governor|Chief|Manager|Counsell?or|"
            r"Consul(?:[- ]General)?|Under[- ]?Secretary|Superintendent|Commander)")
EN_PERSON = re.compile(r"(?<![\w.'-])(?:(?:Mr|Ms|Mrs|Dr|Prof)\.\s+|H\.E\.\s+(?:(?:Mr|Ms)\.\s+)?)?"  # starts where a word does
                       r"(?P<name>[A-Z](?:[a-z]++|[A-Z]++)(?:[ -][A-Z][a-zA-Z'.-]{1,30}){1,3}),\s+"  # MOFA writes TANAKA Ichiro
                       r"(?P<post>(?:[\w’'.-]+\s+){0,8}?" + EN_TITLE + r"(?:\s+(?:in charge )?(?:of|for|on)\s+(?:the\s+)?[A-Z][\w’'-]*"
                       r"(?:\s+(?:and\s+)?[A-Z][\w’'-]*)*)?(?:\s*\([^()]{1,40}\))?)"  # Director (Cyber Affairs)
                       r"(?:,\s+(?P<org>(?:the\s+)?[A-Z][^,.;()]{3,80}))?")
NOT_NAME = re.compile(r"Minister|Director|Ministry|Department|Office|Agency|Commission|Japan|United|European|\b" + orgs.EN_HEAD + r"\b")


def _en_people(ctx: Context, a: int, b: int) -> list[Person]:
    """Mr. Christopher Painter, Coordinator for Cyber Issues, Department of State."""
    out = []
    for m in EN_PERSON.finditer(ctx.text, a, b):
        if NOT_NAME.search(m.group("name")):
            continue
        person = Person(name=m.group("name"), post=m.group("post").strip(), span=ctx.norm.span(m.start("name"), m.end()))
        org = m.group("org")
        if org and orgs.is_body_name(org.strip(), ctx.gaz):
            person.org = orgs.resolve(ctx.norm, m.start("org"), m.end("org"), ctx.gaz, ctx.lang)
        out.append(person)
    return out


def people_in(ctx: Context, a: int, b: int) -> list[Person]:
    """Every named official in [a, b), in order."""
    if ctx.lang == "en":
        return _en_people(ctx, a, b)
    out = []
    for m in RUN.finditer(ctx.text, a, b):
        s = m.start()
        run = untrail(m.group())
        paren = PAREN.search(run)
        core = run[:paren.start()] if paren else run
        if not POST.search(core):  # each way below ends the run with a post (a part of core's end)
            continue
        person = _with_body(ctx, s, core) or _minister(ctx, s, core) or _with_shape(ctx, s, core)
        if person:
            if paren and paren.group(1).endswith("代理"):
                person.acting_for = paren.group(1)[:-2]
            person.span = ctx.norm.span(s, s + len(run))
            out.append(person)
    return out


def _person(ctx: Context, s: int, name: str, org_at: tuple[int, int] | None, post: str) -> Person | None:
    if not NAME.fullmatch(name) or not POST.search(post):
        return None
    org = orgs.resolve(ctx.norm, org_at[0], org_at[1], ctx.gaz, ctx.lang) if org_at else None
    return Person(name=ctx.norm.quote(s, s + len(name)), post=post, span=ctx.norm.span(s, s + len(name)), org=org)


def _with_body(ctx: Context, s: int, core: str) -> Person | None:
    for bs, be, _body in orgs.find_known(core, ctx.gaz):
        if bs > 0 and be < len(core):
            return _person(ctx, s, core[:bs], (s + bs, s + be), core[be:])
    return None


def _minister(ctx: Context, s: int, core: str) -> Person | None:
    """片山総務大臣: a name, then X of a known ministry X省, then 大臣 / 副大臣."""
    post = MINISTER.search(core)
    if not post:
        return None
    for k in range(1, post.start()):
        x = core[k:post.start()]
        if orgs.country_of(x, ctx.gaz):
            continue  # …・インドネシア外務大臣: the ministry is read after the country (see _minister_of)
        body = orgs.lookup_exact(x + "省", ctx.gaz) or orgs.lookup_exact(x + "庁", ctx.gaz)  # 総務大臣, デジタル大臣
        if body:
            return _minister_of(ctx, s, core, k, post.start(), body)
    return None


def _minister_of(ctx: Context, s: int, core: str, k: int, end: int, body) -> Person | None:
    """The ministry of a 大臣 post; a foreign one when a country name ends the name (…・インドネシア外務大臣)."""
    name, org_at, country = core[:k], k, None
    for n in range(1, len(name)):
        code = orgs.country_code(name[n:], ctx.gaz) if len(name) - n >= 2 else None
        if code and code != "JP":
            name, org_at, country = name[:n].rstrip("・"), n, code
            break
    person = _person(ctx, s, name, None, core[k:])
    if not person:
        return None
    a, b = s + org_at, s + end
    known = orgs.lookup(ctx.norm.text[a:b] + "省", ctx.gaz, country) if country else None
    if country and known and known.country == country:  # インドネシア外務大臣: Indonesia's ministry, when it is known
        person.org = orgs.ref_for_body(known, ctx.norm.quote(a, b), ctx.norm.span(a, b), ctx.lang)
    elif country:
        person.org = orgs.minted(ctx.norm.quote(a, b) + "省", ctx.norm.span(a, b), ctx.gaz, country)
    else:
        person.org = orgs.ref_for_body(body, ctx.norm.quote(a, b), ctx.norm.span(a, b), ctx.lang)
    return person


def _with_shape(ctx: Context, s: int, core: str) -> Person | None:
    """A katakana name before a body not in the gazetteer: カムルアット国家郵便電気通信庁長官."""
    m = KATAKANA_NAME.match(core)
    if not m or orgs.JA_BODY.fullmatch(core):
        return None
    cuts = [n for n in range(2, m.end()) if orgs.country_of(core[n:], ctx.gaz)] + [m.end()]
    for n in cuts:  # スミスカナダ産業省…: the name ends where a country name starts
        rest = core[n:]
        for k in range(len(rest) - 1, 1, -1):
            if orgs.JA_BODY.fullmatch(rest[:k]) and POST.search(rest[k:]):
                return _person(ctx, s, core[:n], (s + n, s + n + k), rest[k:])
    return None
