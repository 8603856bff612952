"""Bodies: resolve a name against the gazetteer (labels, aliases, a country prefix), else mint a key.

A body not in data/bodies.tsv is still recognised by the shape of its name (…省, …庁, …委員会,
Ministry of …) and gets the key `n-<digest of the normalised name>`: one name, one key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..gazetteer import Body, Gazetteer
from .keys import digest, normalise
from ..model import OrgRef, Span
from .textnorm import Norm, nfkc

JA_SUFFIX = (r"(?:省|庁|委員会|総局|局|センター|室|機構|財団|連合会|商工会議所|協会|本部|事務局|研究所|機関|作業部会|部会|"
             r"協議会|評議会|公社|銀行|株式会社|グループ|連合|部|課|当局|大使館|総領事館|領事館|代表部|チーム|軍|隊|警察|研究院|"
             r"基金|事業団|公団|振興会|理事会|(?:大臣|大統領|首相|総理|内閣)府)")  # 経済担当調整大臣府
GENERIC = re.compile(r"^(?:関係|担当|所管|各|主要|当該|他|その他|政府|両国|相手国|招待|加盟|参加国|同(?!国(?!関係|各|主要|政府)[\u4e00-\u9fff\u30a0-\u30ff]{2})|出席|参加)[\u4e00-\u9fff]{0,3}(?:省庁|府省|省|庁|機関|団体|当局|局|部|課|室)(?:等)?$"
                     r"|^(?:省庁|府省庁?|政府機関|関係機関|事務局|担当部局|当局|研究機関|教育機関|大学|民間企業|企業)$"
                     r"|^(?:本|今次|今回|同|当|前回|次回)(?:作業部会|部会|分科会|委員会|協議会|評議会)$")
JA_BODY = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffA-Za-z・&()]{2,40}?(?:" + JA_SUFFIX + r"(?:\([A-Za-z\u30a0-\u30ff][^)]*\))?"
                     r"|会議\([A-Z]{2,}\))$"  # 国家安全保障会議(NSC): a council with its abbreviation, not a meeting
                     r"|[A-Z][A-Za-z&\-]{1,11}\([\u4e00-\u9fff\u30a0-\u30ff・]{2,30}" + JA_SUFFIX + r"\)$")  # FAO(国連食糧農業機関)
EN_HEAD = (r"(?:Ministry|Department|Agency|Commission|Office|Bureau|Council|Secretariat|Center|Centre|Administration|"
           r"Authority|Federation|Chamber|Association|Institute|Foundation|Corporation|Organi[sz]ation|Union|Board|"
           r"Committee|Directorate(?:[- ]General)?|Cabinet|Police|Establishment|Confederation|Services?|Forces|Team|"
           r"Embassy|Consulate(?:[- ]General)?|Permanent Mission|Chancellery|Government(?=\s+of\s)|"
           r"(?:Supervisor|Commissioner|Ombudsman|Regulator)(?=[ \t]*\([A-Z]))")  # European Data Protection Supervisor (EDPS)
EN_BODY = re.compile(r"(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){0,6}" + EN_HEAD + r"\b.*$")
INDUSTRY = re.compile(r"経済団体|商工会議所|連合会|協会|株式会社|会社|民間|産業界|Inc\b|Ltd\b|Corporation|Chamber of Commerce|"
                      r"公社|Federation|Confederation|Association|Private Sector|Business")
INTERNATIONAL = re.compile(r"^国際|International|United Nations|World ")
LEGAL_FORM = re.compile(r"^(?:国立研究開発法人|独立行政法人|一般社団法人|一般財団法人|公益社団法人|公益財団法人|特殊法人|認可法人)\s*")
PAREN_TAIL = re.compile(r"(?<!\s)\s*\(([^()]*)\)$")


@dataclass
class OrgIndex:
    names: dict[str, tuple[str, ...]]  # normalised name -> the keys of the bodies so named, in file order
    pattern: re.Pattern | None
    countries: dict[str, str]  # normalised country name (two letters or more) -> alpha-2
    prefix: re.Pattern | None
    all_countries: dict[str, str]  # every normalised country name and short form (米, 日) -> alpha-2
    matched: dict[str, str | None] = field(default_factory=dict)  # what `pattern` can match -> body key, if any
    found: dict[tuple, Body | None] = field(default_factory=dict, repr=False)  # lookup()s so far
    shaped: dict[str, bool] = field(default_factory=dict, repr=False)  # is_body_name() of texts seen so far
    forms: dict[str, list] = field(default_factory=dict, repr=False)  # _candidates() of names seen so far


_CACHE: dict[int, tuple[Gazetteer, OrgIndex]] = {}


def index(gaz: Gazetteer) -> OrgIndex:
    hit = _CACHE.get(id(gaz))
    if hit and hit[0] is gaz:
        return hit[1]
    names = _keys_by(gaz, normalise)
    names.update({k: v for k, v in _keys_by(gaz, _loose).items() if k not in names})
    countries = {normalise(n): c.alpha2 for c in gaz.countries.values() for n in c.names() if len(nfkc(n)) >= 2}
    written = {nfkc(n) for b in gaz.bodies.values() for n in b.names()}
    idx = OrgIndex(names, _alternation(written), countries,
                   _prefix([nfkc(n) for c in gaz.countries.values() for n in c.names() if len(nfkc(n)) >= 2]),
                   {normalise(n): c.alpha2 for c in gaz.countries.values() for n in c.names()},
                   {n: names.get(normalise(n), ("",))[0] or None for n in written})
    _CACHE[id(gaz)] = (gaz, idx)
    return idx


def _keys_by(gaz: Gazetteer, key_of) -> dict[str, tuple[str, ...]]:
    """Each key form of a body's names -> the keys of the bodies so named, in file order."""
    out: dict[str, tuple[str, ...]] = {}
    for b in gaz.bodies.values():
        for n in b.names():
            keys = out.get(key_of(n), ())
            if b.key not in keys:
                out[key_of(n)] = keys + (b.key,)
    return out


def _alternation(names: set[str]) -> re.Pattern | None:
    """Any of the names, the longest that matches first; a name with Latin letters not inside a word.

    Names that both match at one place are a name and its prefix, so one with Latin letters is never
    shorter than one without: the Latin names go first (longest first along a trie), then the others."""
    latin = [n for n in names if _LATIN.search(n)]
    other = [n for n in names if n and not _LATIN.search(n)]
    parts = ([rf"(?<![A-Za-z])(?:{trie_pattern(latin, '(?![A-Za-z])')})"] if latin else []) + \
        ([trie_pattern(other)] if other else [])
    return re.compile("|".join(parts)) if parts else None


def _prefix(names: list[str]) -> re.Pattern | None:
    alts = trie_pattern({n for n in names if n})
    return re.compile(rf"^(?:the\s+)?(?P<c>{alts})(?:・|の|'s\s+|\s+)?") if alts else None


def trie_pattern(names, end: str = "") -> str:
    """A regular expression for any of the non-empty `names` (each followed by `end`) that tries them as an
    alternation sorted longest first would: of the names that match at one place, the longest first."""
    trie: dict = {}
    for n in names:
        node = trie
        for c in n:
            node = node.setdefault(c, {})
        node[""] = True
    return _trie(trie, end)


def _trie(node: dict, end: str) -> str:
    branches = []
    for c in sorted(k for k in node if k):
        child, run = node[c], c
        while len(child) == 1 and "" not in child:  # a chain of single children: one literal
            (c2, child), = child.items()
            run += c2
        rest = _trie(child, end)
        branches.append(re.escape(run) + (f"(?:{rest})" if "|" in rest else rest))
    if "" in node:
        branches.append(end)  # the name that ends here, after every longer one
    return "|".join(branches)


def lookup(name: str, gaz: Gazetteer, country: str | None = None, prefer: str | None = None) -> Body | None:
    """The body a name denotes: as written, without a trailing (abbreviation), without a country prefix.

    A name several countries use (外務省, 通信省, Ministry of Foreign Affairs) denotes the body of `country` (the
    side that lists it) or of the country its prefix names; where that country has no body of the name, none.
    With neither, Japan's body of the name, else the body of `prefer` (the other party of the meeting), else the
    one body if only one country has the name; a name of several foreign countries' bodies denotes none."""
    idx = index(gaz)
    try:
        return idx.found[(name, country, prefer)]
    except KeyError:
        pass
    body = None
    for keys, prefixed in _candidates(name, idx):
        want = prefixed or country
        bodies = [gaz.bodies[k] for k in keys]
        body = _unsided(bodies, prefer) if want is None else next((b for b in bodies if b.country in (want, None)), None)
        if body or not prefixed:
            break  # インド外務省 is not Japan's 外務省: try the next form
    if len(idx.found) >= 100_000:
        idx.found.clear()
    idx.found[(name, country, prefer)] = body
    return body


def shared_foreign(name: str, gaz: Gazetteer) -> bool:
    """Whether a name, as written (no country prefix), is borne by the bodies of several foreign countries and of
    no Japanese or international one (通信省, 国防省, Department of Transportation; not 外務省, which is Japan's where
    no side says otherwise): only then does the meeting's other party (`prefer` of lookup) decide whose it is."""
    countries = {gaz.bodies[k].country for keys, prefixed in _candidates(name, index(gaz)) if prefixed is None
                 for k in keys}
    return len(countries) > 1 and "JP" not in countries and None not in countries


def _unsided(bodies: list[Body], prefer: str | None) -> Body | None:
    if len({b.country for b in bodies}) == 1:
        return bodies[0]
    return (next((b for b in bodies if b.country == "JP"), None) or next((b for b in bodies if b.country == prefer), None)
            or next((b for b in bodies if b.country is None), None))


def _candidates(name: str, idx: OrgIndex) -> list[tuple[tuple[str, ...], str | None]]:
    """The keys of the bodies each form of a name denotes, with the country its stripped prefix names."""
    hit = idx.forms.get(name)
    if hit is None:
        hit = []
        for form, prefixed in _forms(nfkc(name).strip(), idx):
            keys = idx.names.get(normalise(form)) or idx.names.get(_loose(form))
            if keys:
                hit.append((keys, prefixed))
        if len(idx.forms) >= 100_000:
            idx.forms.clear()
        idx.forms[name] = hit
    return hit


def lookup_exact(name: str, gaz: Gazetteer) -> Body | None:
    """The body whose label or alias is exactly this name."""
    keys = index(gaz).names.get(normalise(name))
    return gaz.bodies[keys[0]] if keys else None


_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W_]+")
_THE = re.compile(r"^the\s+", re.I)
_OF_COUNTRY = re.compile(r"^(?P<h>.+)\s+of\s+(?:the\s+)?(?P<c>[A-Z][\w.'’ -]+)$")


def _loose(name: str) -> str:
    """A forgiving key for copy damage: no punctuation, no 'and'/'the'/'of' (Economy, Trade, Industry)."""
    words = _WORD.findall(nfkc(name).lower())
    return "~" + "".join(w for w in words if w not in ("and", "the", "of", "for"))


def _forms(name: str, idx: OrgIndex) -> list[tuple[str, str | None]]:
    """The forms to look up, each with the country its stripped prefix names (None: no prefix stripped)."""
    forms: list[tuple[str, str | None]] = [(name, None), (_THE.sub("", name), None)]
    forms += _unit_forms(forms[1][0], idx)
    m = PAREN_TAIL.search(name)
    if m:
        forms += [(name[:m.start()], None), (m.group(1), None)]
    legal = LEGAL_FORM.match(name)
    if legal:  # 国立研究開発法人情報通信研究機構 is 情報通信研究機構
        forms += [(f[legal.end():], None) for f, _ in list(forms) if f.startswith(legal.group())]
    for f, _ in list(forms):
        p = idx.prefix.match(f) if idx.prefix else None
        if p and p.end() < len(f):
            forms.append((f[p.end():], idx.countries.get(normalise(p.group("c")))))
    for of in _OF.finditer(name) if " of " in name else ():  # the first 'of' whose tail is a country
        code = idx.all_countries.get(normalise(name[of.end():]))
        if code:  # Federal Ministry for Economic Affairs and Energy (BMWi) of Germany; … of the Kingdom of Thailand
            forms += [(f, c or code) for f, c in _forms(name[:of.start()], idx) if c in (None, code)]
            break
    return forms


def _unit_forms(name: str, idx: OrgIndex) -> list[tuple[str, str | None]]:
    """The unit's forms where the tail after an 'of' is a known body (bracket and all): Agency for Natural Resources
    and Energy (ANRE) of the Ministry of Economy, Trade and Industry (METI) is ANRE, not METI."""
    for of in _OF.finditer(name) if " of " in name else ():
        tail = name[of.end():]
        bare = tail[:m.start()] if (m := PAREN_TAIL.search(tail)) else tail
        if any(idx.names.get(normalise(t)) or idx.names.get(_loose(t)) for t in (tail, bare)):
            return _forms(name[:of.start()], idx)
    return []


def country_of(name: str, gaz: Gazetteer) -> str | None:
    """The country a name starts with: フランス生産復興省 -> FR, U.S. Federal … -> US."""
    idx = index(gaz)
    p = idx.prefix.match(nfkc(name).strip()) if idx.prefix else None
    return idx.countries.get(normalise(p.group("c"))) if p else None


def country_code(name: str, gaz: Gazetteer) -> str | None:
    """The alpha-2 code of a country name or short form (米, 日本, U.S.), else None."""
    return index(gaz).all_countries.get(normalise(name))


SIDE_WORD = re.compile(r"(?:側|政府|両政府|両国)$")


def is_body_name(text: str, gaz: Gazetteer) -> bool:
    seen = index(gaz).shaped
    hit = seen.get(text)
    if hit is None:
        if len(seen) >= 100_000:
            seen.clear()
        hit = seen[text] = _is_body_name(text, gaz)
    return hit


def _is_body_name(text: str, gaz: Gazetteer) -> bool:
    t = nfkc(text).strip()
    if (SIDE_WORD.search(t) or GENERIC.search(t)) and lookup(t, gaz) is None:
        return False
    return lookup(t, gaz) is not None or bool(JA_BODY.fullmatch(t) or EN_BODY.fullmatch(t))


def label(body: Body, lang: str) -> str:
    return (body.label_en if lang == "en" else body.label_ja) or body.label_ja or body.label_en


def ref_for_body(body: Body, mention: str, span: Span, lang: str) -> OrgRef:
    return OrgRef(mention=mention, span=span, key=body.key, name=label(body, lang), country=body.country,
                  kind=body.kind, known=True, parent=body.parent)  # type: ignore[arg-type]


def ref_for_key(key: str, mention: str, span: Span, gaz: Gazetteer, lang: str) -> OrgRef | None:
    body = gaz.bodies.get(key)
    return ref_for_body(body, mention or label(body, lang), span, lang) if body else None


def minted(mention: str, span: Span, gaz: Gazetteer, country: str | None = None, kind: str | None = None,
           qualified: bool = False) -> OrgRef:
    """A body the gazetteer does not know: keyed by its normalised name without a trailing (abbreviation), and by
    its country too when the name is one that other countries' bodies bear (qualified)."""
    core = PAREN_TAIL.sub("", nfkc(mention)).strip() or nfkc(mention).strip()
    guess = "industry" if INDUSTRY.search(core) else "international" if INTERNATIONAL.search(core) else "government"
    name = FOOTNOTE.sub("", mention.strip())  # footnote markers are not part of the name
    named = _country_and_rest(core, gaz)
    key = "n-" + digest(f"{named[0]}|{named[1]}" if named else f"{country}|{core}" if qualified and country else core)
    return OrgRef(mention=mention, span=span, key=key, name=name,
                  country=country_of(core, gaz) or _of_country(core, gaz) or country, kind=kind or guess,
                  known=False)  # type: ignore[arg-type]


def _country_and_rest(core: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """A name that says its country, as (alpha-2, the name without it), whichever of the country's names it uses:
    タイ王国農業・協同組合省 and タイ農業・協同組合省 -> (TH, 農業・協同組合省); Ministry of X of the Republic of Korea,
    … of Korea and Korea's Ministry of X -> (KR, Ministry of X). One body, one key, as it is written on that
    country's side (通信省 listed under 韓国側 is keyed KR|通信省 too)."""
    idx = index(gaz)
    p = idx.prefix.match(core) if idx.prefix else None
    if p and p.end() < len(core):
        code = idx.countries.get(normalise(p.group("c")))
        if code and core[p.end():].strip():
            return code, core[p.end():].strip()
    for of in _OF.finditer(core):  # the first 'of' whose tail is a country: … of the Republic of Korea
        code = idx.all_countries.get(normalise(core[of.end():]))
        if code:
            return code, _THE.sub("", core[:of.start()])
    return None


_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def country_party(mention: str, span: Span, code: str) -> OrgRef:
    """A country named as a party (日本、中国、韓国の三国は; ラオス(主催国); a member list): the government of that
    country, one IRI per country whatever the release calls it (key c-<alpha2>)."""
    return OrgRef(mention=mention, span=span, key="c-" + code.lower(), name=FOOTNOTE.sub("", mention.strip()),
                  country=code, kind="government", known=False)


def _of_country(name: str, gaz: Gazetteer) -> str | None:
    """Digital Government Office (SNDGO) of Singapore -> SG; Embassy of Japan in Kenya, 在ケニア日本国大使館 -> JP;
    在京ケニア大使館 -> KE (a mission belongs to the country that sends it)."""
    name = PAREN_TAIL.sub("", name.strip())
    name = MISSION_IN.sub(r"\1", name)
    ja = JA_MISSION.fullmatch(name)
    if ja:
        return "JP" if ja.group("jp") else country_code(ja.group("c"), gaz) or country_of(ja.group("c"), gaz)
    m = OF_TAIL.search(name)
    return country_code(m.group(1), gaz) if m else None


FOOTNOTE = re.compile(r"(?<!\s)\s*\(注\d+\)\s*")
JA_MISSION = re.compile(r"在.{1,12}?(?P<jp>日本国?|日本政府)(?:大使館|総領事館|領事館|代表部)|在(?:京|日)(?P<c>.{2,12}?)(?:大使館|総領事館|領事館|代表部)")
OF_BODY = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w'’-]*){0,6})$")
OF_TAIL = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})$")
JOINED = re.compile(r"\s*(?:and|&|,|of|for|on)\b")
CRUMB_SPLIT = re.compile(r"((?<!\s)\s*(?:>|›|»|＞)\s*)")
CRUMB_HOME = re.compile(r"(?:トップ|ホーム|Top|Home)$")
MISSION_IN = re.compile(r"^((?:the\s+)?(?:Embassy|Consulate(?:[- ]General)?|Permanent Mission|Delegation)\s+of\s+.+?)"
                        r"\s+(?:in|to)\s+\S.*$")  # Embassy of Japan in Kenya: Japan's


def resolve(norm: Norm, start: int, end: int, gaz: Gazetteer, lang: str, country: str | None = None,
            prefer: str | None = None) -> OrgRef:
    """The OrgRef for the normalised characters [start, end) of a release (`prefer`: see lookup)."""
    mention, span, text = norm.quote(start, end), norm.span(start, end), norm.text[start:end]
    body = lookup(text, gaz, country, prefer)
    if body:
        return ref_for_body(body, mention, span, lang)
    other = lookup(text, gaz) if country else None  # Ministry of Foreign Affairs on the Chinese side: not Japan's
    if country is None and prefer and _candidates(text, index(gaz)):
        country, other = prefer, True  # 国防省 at a Japan-Philippines meeting: the Philippine one, not a known other
    ref = minted(mention, span, gaz, country, qualified=other is not None)
    head = [b for s, e, b in find_known(text, gaz) if s == 0 and e < end - start
            and not JOINED.match(text[e:])]  # Ministry of Foreign Affairs and Trade: not a unit
    if head and ref.country in (None, head[0].country):  # 総務省情報通信国際戦略局: a unit of a known body
        ref.parent, ref.country = head[0].key, ref.country or head[0].country
    of = OF_BODY.search(text)
    parent = lookup(of.group(1), gaz) if of and not head else None
    if parent and ref.country in (None, parent.country):  # Directorate-General for … of the European Commission
        ref.parent, ref.country = parent.key, ref.country or parent.country
        ref.kind = "international" if parent.kind == "international" else ref.kind  # type: ignore[assignment]
    return ref


def find_known(text: str, gaz: Gazetteer) -> list[tuple[int, int, Body]]:
    """Every gazetteer body named in normalised `text`, longest names first, without overlaps."""
    idx = index(gaz)
    if idx.pattern is None:
        return []
    matched = idx.matched
    return [(m.start(), m.end(), gaz.bodies[key]) for m in idx.pattern.finditer(text) if (key := matched[m.group()])]


def breadcrumb_org(norm: Norm, span: Span, gaz: Gazetteer, lang: str) -> OrgRef | None:
    """The body of a breadcrumb's first steps: 総務省トップ > … -> 総務省."""
    a, b = norm.pos(span.start), norm.pos(span.end)
    pos = a
    for step in CRUMB_SPLIT.split(norm.text[a:b])[:3:2]:
        name = CRUMB_HOME.sub("", step.strip())
        body = lookup(name, gaz) if name else None
        if body:
            s = norm.text.find(name, pos)
            return ref_for_body(body, norm.quote(s, s + len(name)), norm.span(s, s + len(name)), lang)
        pos += len(step)
    return None
