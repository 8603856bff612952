"""Who took part: each side's list in prose, labelled blocks and grouped lists (who held it: see hosts.py).

Japanese body names are runs of kanji, katakana and Latin letters (hiragana ends them), so a list
written 日本側からは総務省の他、外務省、経済産業省等が splits into its bodies without a grammar.
A run that names a person with a post (鈴木総務省情報通信国際戦略局長) is not a body: see people.py.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer, derived
from .keys import normalise
from ..model import OrgRef, Participation
from . import en_bodies, orgs, series_keys, sides
from .context import Context
from .spans import Cover
from .textnorm import nfkc

RUN = re.compile(r"(?:(?!及び|並びに)[\u4e00-\u9fff\u3005\u30a0-\u30ff\uff66-\uff9fA-Za-z0-9・&\-.]|\([^()\n]{1,80}\))+")
TRAIL = re.compile(r"(?:等|他|外|ほか|\.|主催|共催|関係者|担当者)+$")
TRAIL_LAST = frozenset("等他外か.催者")  # the last characters a trail can end with


def untrail(run: str) -> str:
    """A name without its trailing 等, 他, 関係者 …; the pattern is tried only when the run ends like a trail."""
    return TRAIL.sub("", run) if run and run[-1] in TRAIL_LAST else run


SIDE_LABEL = re.compile(r"\([^()\n]{1,10}(?:側|政府)\)")  # (中国側)人力資源社会保障部: the side, then its body
MEMBERS = re.compile(r"(?<![A-Za-z\u30a0-\u30ff])[A-Za-z\u30a0-\u30ff]{2,30}加盟国(?:・地域)?(?![\d一二三四五六七八九十\u4e00-\u9fff])")  # ASEAN加盟国
GROUP = re.compile(r"(?:(?<![A-Za-z\u30a0-\u30ff])[A-Za-z\u30a0-\u30ff]{1,30}(?:\(注\d+\))?加盟"
                   r"|(?<![\u4e00-\u9fff\u30a0-\u30ff])[\u4e00-\u9fff\u30a0-\u30ff]{1,30}地域の)"
                   r"(?:\d+|[一二三四五六七八九十]+)の?(?:か国|カ国|ヶ国|箇国|国・地域|エコノミー)(?:\([^()]{1,10}\))?"
                   r"(?:のうち(?:\d+|[一二三四五六七八九十]+)の?(?:か国|カ国|ヶ国|箇国|国・地域|エコノミー))?"  # 21エコノミーのうち18エコノミー
                   r"|\b(?!The\b)(?:\d+\s+)?(?:[A-Z][A-Za-z0-9-]*\s){1,3}[Mm]ember\s(?:[Ss]tates|[Cc]ountries|[Ee]conomies)\b"
                   r"(?:\s+and\s+(?:partner|observer|other|invited)\s+(?:economies|countries|states|organi[sz]ations))?"
                   r"|(?:(?<![A-Za-z0-9+])[A-Z][A-Za-z0-9+]{1,12}|(?<![\u30a0-\u30ff])[\u30a0-\u30ff]{2,12})諸国(?:・地域)?"  # ASEAN諸国
                   r"|(?<![日中韓米英独仏露豪加伊印])[日中韓米英独仏露豪加伊印]{2,6}(?:\d{1,2}|[二三四五六七八九十]{1,2})(?:か|カ|ヶ|箇)国")
SIDE = re.compile(r"(?P<c>[^\s、,:()「」。]{1,10}?)(?:側|政府)(?:から(?:は|も)?)?|(?P<ind>産業界|民間)(?:から(?:は|も)?)?"
                  r"|(?P<c2>日本|我が国)から|【(?P<grp>[^】]{1,16})】"
                  r"|(?P<en>Japanese|Japan|U\.S\.|US|American|EU|European|(?:(?!The\b)[A-Z][a-z]+ )?[A-Z][a-z]+)[ \t]+(?:side|delegation|officials|delegates|participants|representatives)\b")
FOREIGN_SIDE = re.compile(r"[\u30a0-\u30ffA-Za-z・]{2,10}(?:国|共和国|王国|連邦)?|先方|相手国?")  # never defaults to Japan
SIDE_LINE = re.compile(r"^(?:.{1,8}側|(?:the\s+)?[A-Z][\w.]*(?:\s+(?:side|delegation|participants))?)\s*[::].*$", re.M)
LEAD_SIDE_LINE = re.compile(r"^[ \t]*(?:[^\s、。]{1,8}側|(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:side|delegation))\s*[::].*$",
                            re.M | re.I)
SIDE_HEADING = re.compile(r"[^\s、。]{1,8}側(?:出席者|参加者)?|(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:side|delegation)", re.I)
PARTICIPATION = re.compile(r"参加|出席|筆頭|代表|participat|attend|delegat|took part|take part|taking part|joined|"
                           r"comprised|composed of|consist(?:ed|ing) of|representatives (?:from|of)|represented by|"
                           r"\b(?:side|delegation)\s+(?:was\s+)?(?:led|headed|included|includes)\b", re.I)
NTH_MEETING = re.compile(r"(?:の)?(?:第[\d〇一二三四五六七八九十]+回|\(第[\d〇一二三四五六七八九十]+回)")
PROSE_LIST = re.compile(r"(?:側|界|国|我が国|日本)から(?:は|も)?[、,]?[^。]{2,300}?(?:等|など)?(?:が|も)[、,]?(?:[^。]{0,30}?)(?:出席|参加)"
                        r"|\b(?:comprised|composed of|consisted of|consisting of)\b", re.I)
SEPARATOR = re.compile(r"(?:\s|と|、|,|及び|および|並びに|ならびに|and|the|together with|along with|jointly with)*")
ITEM = re.compile(r"[^、,]+")
ITEM_LABEL = re.compile(r"([^\s、,::]{1,12}?)(?:側)?(?:[ \t]*[::][ \t]*|[ \t]+)(?=\S)")
SPACE_OR_STOP = re.compile(r"\s|。")
EN_ITEM = re.compile(r"[A-Z][\w&.'’-]*(?:[ \t]+(?:(?:of|do|de|da|du|des|del|la|le)[ \t]+)?[A-Z][\w&.'’-]*)*"
                     r"(?:[ \t]*\([^()]{1,20}\))?")  # Fujitsu do Brasil
COUNTRY_WORD = re.compile(r"[^、,\s【】::・()]+")
ITEM_BEFORE = re.compile(r"(?:^|[、,;:】\n]|及び|および|並びに|\band)[ \t]*$")  # a whole item of the list, not a word of a name
ITEM_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,12}\))?[ \t]*(?:$|[、,;:【\n]|及び|および|並びに|等|など|\band\b)")
SIDE_AFTER = re.compile(r"側|\s+(?:side|delegation)")
LABEL_AFTER = re.compile(r"(?:[ \t]*[::][ \t]*|[ \t]+)([^\s、,]+)")
INSIDE = re.compile(r"\b(?:of|in|to|for|from|with|at|on)\s+(?:the\s+)?$")
GROUP_HEADING = re.compile(r"【([^】]{1,16})】")
JA_SCRIPT = re.compile(r"[\u3040-\u9fff]")


@dataclass
class Mention:
    start: int
    end: int
    ref: OrgRef


def bodies_in(ctx: Context, a: int, b: int, country: str | None = None) -> list[Mention]:
    """Every body named in [a, b) of the normalised text, in order."""
    found = _ja_bodies(ctx, a, b, country) if ctx.lang == "ja" else _en_bodies(ctx, a, b, country)
    groups = [_group(ctx, m, b, country) for m in GROUP.finditer(ctx.text, a, b)]
    if ctx.text.find("加盟国", a, b) >= 0:
        groups = sorted(groups + [_group(ctx, m, b, country) for m in MEMBERS.finditer(ctx.text, a, b)
                                  if not any(g.start <= m.start() < g.end for g in groups)], key=lambda g: g.start)
    grouped = Cover((g.start, g.end) for g in groups)
    found = [m for m in found if not grouped.holds(m.start, m.end)]
    return sorted(found + groups, key=lambda m: m.start)


GROUP_GENERIC = re.compile(r"の?(?:担当|関係|所管)?(?:省庁|府省庁?|機関|当局|部局)(?:等)?"
                           r"|'s?\s+(?:relevant\s+)?(?:ministries|agencies|authorities)|\s+(?:and|with)\s+(?:their|its)\s+"
                           r"(?:relevant\s+)?(?:ministries|agencies|authorities)")


def _group(ctx: Context, m: re.Match, b: int, country: str | None) -> Mention:
    """A group named as taking part (ASEAN加盟国, ASEAN Member States); a generic noun after it (の担当省庁, 's relevant
    ministries) is the group's, not a body of its own: the mention covers it, the name does not."""
    found = _mention(ctx, m.start(), m.end(), country, "other")
    tail = GROUP_GENERIC.match(ctx.text, m.end(), b)
    if tail and tail.end() > m.end():
        found.end = tail.end()
    return found


INDUSTRY_LIST = re.compile(r"(?:産業界|民間(?:企業|団体|部門)?|経済界|企業)から(?:は|も)?[、,]?(?P<list>[^。]{2,200}?)(?:等|など)?(?:が|も)"
                           r"(?:参加|出席)")


def _industry(ctx: Context, a: int, b: int) -> list[Mention]:
    """Companies and associations listed after 産業界からは…が参加: any name there, not only body shapes."""
    out = []
    for lst in INDUSTRY_LIST.finditer(ctx.text, a, b):
        for m in RUN.finditer(ctx.text, lst.start("list"), lst.end("list")):
            s, e = m.start(), m.start() + len(untrail(m.group()))
            if e - s >= 2 and not orgs.GENERIC.search(ctx.text[s:e]) and not orgs.SIDE_WORD.search(ctx.text[s:e]):
                out.append(_mention(ctx, s, e, None, "industry"))
    for tail in INDUSTRY_TAIL.finditer(ctx.text, a, b):  # A株式会社、Bサムスン電子等の企業が参加
        runs = [(m.start(), m.start() + len(untrail(m.group()))) for m in RUN.finditer(ctx.text, a, tail.end(1))]
        named = [Mention(x, y, None) for x, y in runs if y - x >= 2]  # type: ignore[arg-type]
        out += [_mention(ctx, m.start, m.end, None, "industry") for m in _list_before(ctx, named, tail.start(1))]
    for lst in INDUSTRY_BRACKET.finditer(ctx.text, a, b):  # 日本企業(A株式会社、B株式会社)及び…が参加
        for item in ITEM.finditer(lst.group("list")):
            s = lst.start("list") + item.start() + len(item.group()) - len(item.group().lstrip())
            e = s + len(untrail(item.group().strip()))
            if e - s >= 2 and not orgs.GENERIC.search(ctx.text[s:e]):
                out.append(_mention(ctx, s, e, None, "industry"))
    return out


INDUSTRY_BRACKET = re.compile(r"(?:企業|事業者|団体|会社|通信事業者|経済団体)(?:等)?\((?P<list>[^()\n]{2,200})\)"
                              r"(?=[^。]{0,60}?(?:参加|出席))")


INDUSTRY_TAIL = re.compile(r"(等|など)の(?:民間)?(?:企業|事業者|企業・団体)(?:が|も)(?:参加|出席)")
COMPANY = re.compile(r"(?:株式会社|有限会社|合同会社|公社|Inc\.?|Ltd\.?|Corporation|Co\.)(?:\([^()]*\))?$|^株式会社")
SPEAKER = re.compile(r"(?:から|より)[、,]?(?=[^。]{0,80}(?:説明|報告|発表|紹介|プレゼンテーション))")


def speaking_companies(ctx: Context, a: int, b: int) -> list[Mention]:
    """Companies that spoke in [a, b): 日本郵便株式会社及びX公社から、…について報告があり."""
    out: list[Mention] = []
    for s, e in ctx.sentences(a, b):
        for said in SPEAKER.finditer(ctx.text, s, e):
            runs = [(m.start(), m.start() + len(untrail(m.group()))) for m in RUN.finditer(ctx.text, s, said.start())]
            found = [_mention(ctx, x, y, None, "industry") for x, y in runs if COMPANY.search(ctx.text[x:y])]
            out += _list_before(ctx, found, said.start())
    return out


def _ja_bodies(ctx: Context, a: int, b: int, country: str | None) -> list[Mention]:
    out = _industry(ctx, a, b)
    taken = [(m.start, m.end) for m in out]
    lines, items = _item_bodies(ctx, a, b, country)
    out += items
    for m in RUN.finditer(ctx.text, a, b):
        s, e = m.start(), m.start() + len(untrail(m.group()))
        label = SIDE_LABEL.match(ctx.text, s, e) if ctx.text.startswith("(", s) else None
        s = label.end() if label else s
        name = ctx.text[s:e]
        if (s, e) in taken or any(x <= s < y for x, y in lines):
            continue
        if e > s and orgs.is_body_name(name, ctx.gaz) and not GROUP.search(name) and not MEMBERS.search(name) \
                and not _role_only(ctx, e):
            out.append(_mention(ctx, s, e, country or side_at(ctx, a, s)))
    return out


ITEM_LINE = re.compile(r"^[ \t]*[・•●■◆○▪][ \t]*(?P<body>\S[^\n]*)$", re.M)
ITEM_BODY = re.compile(orgs.JA_SUFFIX + r"(?:\([A-Za-z][^()]*\))?$|\([A-Z][A-Za-z.&-]{1,12}\)$")


def _item_bodies(ctx: Context, a: int, b: int, country: str | None) -> tuple[list[tuple[int, int]], list[Mention]]:
    """Bullet lines of a grouped list, each item a whole name (競争・消費及び不正抑止に関する総局(DGCCRF)), after a
    country label that is not itself a party (・カナダ 競争局(CB)).
    Returns the lines read this way and the bodies on them."""
    lines, out = [], []
    for line in ITEM_LINE.finditer(ctx.text, a, b):
        s, e = line.start("body"), min(line.end("body"), b)
        label = ITEM_LABEL.match(ctx.text[s:e])
        code = orgs.country_code(label.group(1), ctx.gaz) if label else None
        s = s + label.end() if code else s
        found = []
        for item in ITEM.finditer(ctx.text[s:e]):
            x = s + item.start() + len(item.group()) - len(item.group().lstrip())
            y = x + len(untrail(item.group().strip()))
            name = ctx.text[x:y]
            if 2 <= len(name) <= 50 and not SPACE_OR_STOP.search(name) and ITEM_BODY.search(name) \
                    and not orgs.GENERIC.search(name):
                found.append(_mention(ctx, x, y, code or country or side_at(ctx, a, x)))
        if found:
            lines.append((line.start(), e))
            out += found
    return lines, out


def _role_only(ctx: Context, end: int) -> bool:
    """APECとして…: a body named for what it does, not as taking part; X委員会の第9回会合: a meeting's name."""
    return ctx.text.startswith("として", end) or bool(NTH_MEETING.match(ctx.text, end))


def _en_bodies(ctx: Context, a: int, b: int, country: str | None) -> list[Mention]:
    items = en_bodies.listed(ctx.text, en_bodies.chunks(ctx.text, a, b, ctx.gaz), ctx.gaz)
    spans = [(c.start, en_bodies.extent(ctx.text, c, b, ctx.gaz)) for c in items if c.body]
    lists = [(m.start("list"), m.end("list")) for rx in (EN_INDUSTRY, EN_INDUSTRY_REPS, EN_COMPANIES) for m in rx.finditer(ctx.text, a, b)]
    spans += _en_items(ctx, lists, spans)
    labels = [(m.start("c"), m.end(), ctx.text.find("\n", m.end()) % (len(ctx.text) + 1), code)
              for m in EN_LABEL.finditer(ctx.text, a, b) if (code := orgs.country_code(m.group("c"), ctx.gaz))]
    out, last, sided = [], -1, []
    for s, e in sorted(spans, key=lambda x: (x[0], -x[1])):
        if any(x <= s < y for x, y, _, _ in labels):  # - European Union: European Data Protection Board (EDPB)
            continue
        if s >= last and not EN_POST_OF.search(ctx.text, max(a, s - 60), s) and not EN_NAMES_MEETING.match(ctx.text, e):
            industry = any(x <= s and e <= y for x, y in lists)
            line = next((c for _, y, z, c in labels if y <= s < z), None)
            side = None if industry else country or line or side_at(ctx, a, s)
            out.append(_mention(ctx, s, e, side, "industry" if industry else None))
            sided.append(side is not None or industry)
            last = e
    return _of_country_lists(ctx, out, sided)


OFFICIALS_FROM = re.compile(r"\b(?:[Oo]fficials|[Rr]epresentatives|[Dd]elegates|[Ee]xperts|[Ss]taff|[Mm]embers)\s+(?:from|of)"
                            r"\s+(?:the\s+)?$")


def _of_country_lists(ctx: Context, found: list[Mention], sided: list[bool]) -> list[Mention]:
    """officials from A, B and C of the Philippines: the items of a list of officials whose last item ends with a
    country are that country's (where no side said otherwise; METI and the Ministry of X of Kenya held: not)."""
    k = 0
    while k < len(found):
        j = k
        while j + 1 < len(found) and en_bodies.LIST_GAP.match(ctx.text, found[j].end, found[j + 1].start) \
                and found[j + 1].start - found[j].end <= 10:
            j += 1
        opened = j > k and OFFICIALS_FROM.search(ctx.text, max(0, found[k].start - 40), found[k].start)
        code = sides.of_country_tail(ctx.text[found[j].start:found[j].end], ctx.gaz) if opened else None
        for i in range(k, j) if code else ():
            if not sided[i]:
                found[i] = _mention(ctx, found[i].start, found[i].end, code)
        k = j + 1
    return found


EN_LABEL = re.compile(r"^[ \t]*(?:[・•●■◆○▪]|[\-–])[ \t]*(?P<c>[A-Z][\w.'’ ]{1,40}?)[ \t]*:", re.M)  # - Canada: …


EN_NAMES_MEETING = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*){0,5}[ \t]+(?:Meeting|Conference|Summit|Forum|Dialogue|Workshop)s?\b")  # the 5th APEC Digital Ministers' Meeting
EN_POST_OF = re.compile(r"\b(?:Secretary(?:[- ]General)?|Minister|Director(?:[- ]General)?|Ambassador|President|Chair(?:man|person)?|"
                        r"Commissioner|Head|Governor|Administrator)(?:\s+[A-Z](?:[a-z]+|[A-Z]+)){0,3}\s+(?:of|to|for)\s+(?:the\s+)?$")
EN_INDUSTRY = re.compile(r"\b[Ff]rom (?:the )?(?:private sector|business community|industry|business)[,:]?\s*(?P<list>[^.;]{2,300}?)"
                         r"\s+(?:took part|participated|attended|joined)")
EN_INDUSTRY_REPS = re.compile(r"\b(?:[Rr]epresentatives|[Ee]xecutives|[Oo]fficials) (?:of|from) (?P<list>[^.;]{2,300}?)\s+(?:also\s+)?"
                              r"(?:joined|took part in|participated in|attended)\s+(?:the|a)\s+(?:private[- ]sector|business|industry)")
EN_COMPANIES = re.compile(r"\b(?:companies|firms|enterprises|businesses|operators)[,]?\s+(?:such as|including)\s+(?P<list>[^.;]{2,300}?)"
                          r",?\s+(?:also\s+)?(?:took part|participated|attended|joined)")  # Japanese companies, including A and B, took part


def _en_items(ctx: Context, lists: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names of a private-sector list that have no body shape (Safaricom, NEC Africa): its capitalised items."""
    out = []
    for x, y in lists:
        for m in EN_ITEM.finditer(ctx.text[x:y]):
            s, e = x + m.start(), x + m.end()
            if not any(p <= s < q or s <= p < e for p, q in spans) and len(m.group()) > 2:
                out.append((s, e))
    return out


def _mention(ctx: Context, s: int, e: int, country: str | None, kind: str | None = None) -> Mention:
    if ctx.text.startswith("同国", s):  # 同国通信省: the body of the country named last
        country = _last_country(ctx, s) or country
    shared = country is None and orgs.shared_foreign(ctx.text[s:e], ctx.gaz)  # the counterpart is looked for only then
    ref = orgs.resolve(ctx.norm, s, e, ctx.gaz, ctx.lang, country, counterpart(ctx) if shared else None)
    if kind and not ref.known:
        ref.kind = kind  # type: ignore[assignment]
        ref.country = ref.country if kind == "industry" else country
    return Mention(s, e, ref)


def counterpart(ctx: Context) -> str | None:
    """The other party of a bilateral meeting, from the title's meeting name (日マレーシアICT政策対話 -> MY): whose
    body a name several foreign countries use (通信省) is, when no side or prefix says."""
    hit = ctx._memo.get("counterpart", False)
    if hit is False:
        from .meetings import title_parts  # meetings reads bodies through this module: import it late
        at = ctx.norm.pos(ctx.rel.title_span.start) if ctx.rel.title_span else 0  # as assemble reads it: one parse
        parts = title_parts(ctx.rel.title, at, ctx.gaz) if ctx.rel.title else []
        hit = ctx._memo["counterpart"] = series_keys.counterpart(parts[0].name if parts else ctx.rel.title or "", ctx.gaz)
    return hit


def _last_country(ctx: Context, pos: int) -> str | None:
    """The country named last in the 300 characters before pos (同国通信省: that country's)."""
    names, longest = _country_names(ctx)
    lo = max(0, pos - 300)
    for end in range(pos, lo + 1, -1):
        for size in range(min(longest, end - lo), 1, -1):
            code = names.get(ctx.text[end - size:end])
            if code:
                return code
    return None


def _country_names(ctx: Context) -> tuple[dict[str, str], int]:
    """Every Japanese country name of two characters or more -> its alpha-2 code, and the longest name's length (a
    dict, not a pattern: it is read only around 同国 and before a short name, and a pattern of 300 names costs more
    to compile than all those reads)."""
    return derived(ctx.gaz, _japanese_country_names)


def _japanese_country_names(gaz: Gazetteer) -> tuple[dict[str, str], int]:
    names = {nfkc(n): c.alpha2 for c in gaz.countries.values() for n in c.names() if len(n) >= 2 and JA_SCRIPT.search(n)}
    return names, max(map(len, names), default=0)


ABBR_BRACKET = re.compile(r"\([A-Za-z][A-Za-z.&-]{1,12}\)")


def _fuller(ctx: Context, core: str) -> tuple[int, int] | None:
    """The first place `core` is written after a country name (…ペルー国家デジタル政府庁(SGTD)): (start, end) of the
    whole, with its (ABBREVIATION); found by a plain search for `core` and the country pattern tried just before it."""
    names, longest = _country_names(ctx)
    at = ctx.text.find(core)
    while at >= 0:
        end = at + len(core)
        abbr = ABBR_BRACKET.match(ctx.text, end)
        end = abbr.end() if abbr else end
        gap = 1 if at > 0 and ctx.text[at - 1] in "・の" else 0
        for start in range(max(0, at - gap - longest), at - gap - 1):
            if ctx.text[start:at - gap] in names:
                return start, end
        at = ctx.text.find(core, at + 1)
    return None


def prefer_fuller(ctx: Context, parts: list[Participation]) -> None:
    """国家サイバー総局, written in full elsewhere (ペルー国家デジタル政府庁(SGTD)次長): the fuller name labels it."""
    if ctx.lang != "ja":
        return
    for p in parts:
        core = orgs.PAREN_TAIL.sub("", p.org.name)
        if p.org.known or len(core) < 3 or orgs.country_of(core, ctx.gaz) or core.startswith("同国"):
            continue
        found = _fuller(ctx, core)
        code = orgs.country_of(ctx.text[found[0]:found[1]], ctx.gaz) if found else None
        if found and code and p.org.country in (None, code):
            p.org = orgs.resolve(ctx.norm, found[0], found[1], ctx.gaz, ctx.lang, code)


def countries_in(ctx: Context, a: int, b: int) -> list[Mention]:
    """Countries listed as parties in an attendee block: 【G7構成国・地域】 日本、米国、英国 …"""
    out = []
    for m in COUNTRY_WORD.finditer(ctx.text[a:b]):
        code = orgs.country_code(m.group(), ctx.gaz) if len(m.group()) > 1 else None
        if not code or code == "JP":  # 我が国、アルゼンチン、…: the bare Japan is never listed as a participant
            continue
        after = ctx.text[a + m.end():a + m.end() + 12]
        side = SIDE_AFTER.match(after)  # 米国側, Japanese side
        label = LABEL_AFTER.match(after)  # ・カナダ 競争局(CB): a label of its bodies
        if side or (label and not orgs.country_code(label.group(1), ctx.gaz)):
            continue
        inside = INSIDE.search(ctx.text[max(a, a + m.start() - 10):a + m.start()])
        item = ITEM_BEFORE.search(ctx.text, max(a, a + m.start() - 40), a + m.start()) and ITEM_AFTER.match(ctx.text, a + m.end(), b)
        if item and not inside and orgs.lookup(m.group(), ctx.gaz) is None:
            s, e = a + m.start(), a + m.end()
            out.append(Mention(s, e, orgs.country_party(ctx.norm.quote(s, e), ctx.norm.span(s, e), code)))
    return out


def side_at(ctx: Context, a: int, pos: int) -> str | None:
    """The country of the side whose list `pos` sits in: 日本側からは…, 米国側: …, 米側からは…: the last side said
    before it on its line (or in the 400 characters before the line)."""
    line_start = ctx.text.rfind("\n", max(a, pos - 2000), pos) + 1
    low = max(a, line_start - 400, pos - 2000)
    starts, ends, codes = _sides(ctx)
    k = bisect_right(ends, pos) - 1  # the markers are in text order: the last one that ends before pos
    side = (ends[k], codes[k]) if k >= 0 and starts[k] >= low else None
    country = _country_marked(ctx, pos, side[0] if side else -1)
    return country if country else side[1] if side else None


def _country_marked(ctx: Context, pos: int, after: int) -> str | None:
    """The country of a marker whose list holds pos (中国から…, …attended from the UK), unless a side marker
    ending at `after` is nearer: a list after its marker, or before a marker that follows it."""
    found = ctx._memo.get("country_markers")
    if found is None:
        found = ctx._memo["country_markers"] = sides.markers(ctx.text, ctx.gaz)
        ctx._memo["country_marker_starts"] = [m.start for m in found]
    if not found:
        return None
    k = bisect_right(ctx._memo["country_marker_starts"], pos)
    if k < len(found) and found[k].after and found[k].reach <= pos:
        return found[k].code
    for m in found[max(0, k - 3):k][::-1]:
        if not m.after and m.end <= pos < m.reach and m.end > after:
            return m.code
    return None


SIDE_ANCHOR = re.compile(r"側|政府|【|産業界|民間|日本から|我が国から|side|delegation|officials|delegates|participants|representatives")


_SIDE_WINDOW = {"側": (11, 4), "政府": (11, 4), "【": (0, 18), "産業界": (0, 4), "民間": (0, 4), "日本から": (0, 2),
                "我が国から": (0, 2)}  # how far before and after its word a side marker can reach


def _side_markers(text: str):
    """SIDE's matches, read only around the words they must contain (側, 政府, 【, side …): the same matches as
    SIDE.finditer(text), without trying the pattern at every character."""
    pos, end = 0, len(text)
    for anchor in SIDE_ANCHOR.finditer(text):
        word = anchor.group()
        before, after = _SIDE_WINDOW.get(word, (32, 4))  # 10 characters before 側, two words before 'side' …
        lo = max(pos, anchor.start() - before)
        for m in SIDE.finditer(text, lo, min(end, anchor.end() + after)):
            if m.end() >= anchor.end():
                yield m
                pos = m.end()
                break


def _sides(ctx: Context) -> tuple[list[int], list[int], list[str | None]]:
    """Every side marker of the text (日本側からは, 【G7構成国・地域】, the Japanese side), once per release."""
    hit = ctx._memo.get("sides")
    if hit is None:
        starts, ends, codes = [], [], []
        for m in _side_markers(ctx.text):
            word = m.group("c") or m.group("c2") or m.group("grp") or m.group("en") or ""
            code = orgs.country_code(word, ctx.gaz) or (orgs.country_of(word, ctx.gaz) if m.group("c") else None)
            foreign = m.group("c") and FOREIGN_SIDE.fullmatch(word)  # ツバル側からは: a side of a country we do not know
            if code or foreign or m.group("ind") or m.group("grp") or m.group("en"):  # 【G7構成国・地域】: no one country
                starts.append(m.start())
                ends.append(m.end())
                codes.append(code)
        hit = ctx._memo["sides"] = (starts, ends, codes)
    return hit


def _list_before(ctx: Context, mentions: list[Mention], end: int | None) -> list[Mention]:
    """The bodies that run, joined by と/、/及び, up to `end`."""
    if end is None:
        return []
    out: list[Mention] = []
    for m in reversed([m for m in mentions if m.end <= end]):
        if not SEPARATOR.fullmatch(ctx.text[m.end:out[0].start if out else end]):
            break
        out.insert(0, m)
    return out


FOLLOWING = re.compile(r"以下の|次の|下記の|following|below|[::]\s*$", re.I)
BULLET_LINE = re.compile(r"(?:[ \t]*(?:[・•●■◆○▪]|[\-–](?=\s))[^\n]*(?:\n|$))+")


def _list_below(ctx: Context, s: tuple[int, int], end: int) -> tuple[int, int]:
    """The bullet lines right after 'The following authorities took part:' / 以下の機関が参加しました。"""
    m = BULLET_LINE.match(ctx.text, ctx.text.find("\n", s[1]) + 1 if "\n" in ctx.text[s[1]:end] else end, end)
    return (m.start(), m.end()) if m and m.end() > m.start() else s


def participation_regions(ctx: Context, meeting_sentence: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Where the text lists who took part: sentences of the lead that say so, attendee blocks, side lines."""
    regions = []
    lead = ctx.lead_range()
    if lead:
        said = [s for s in ctx.sentences(*lead) if PARTICIPATION.search(ctx.text[s[0]:s[1]])]
        regions += said + [_list_below(ctx, s, lead[1]) for s in said if FOLLOWING.search(ctx.text, *s)]
        regions += [(m.start(), m.end()) for m in LEAD_SIDE_LINE.finditer(ctx.text, *lead)]
    regions += [ctx.range(s) for s in ctx.sections("attendees")]
    for sec in ctx.sections("heading"):
        a, b = ctx.range(sec)
        if SIDE_HEADING.fullmatch(sec.heading):  # (1)日本側 / Japanese side, the list on the next lines
            regions.append((a, b))
        regions += [s for s in ctx.sentences(a, b) if PROSE_LIST.search(ctx.text, *s)]  # 1.概要 …側からは…が出席
        regions += [(m.start(), m.end()) for m in SIDE_LINE.finditer(ctx.text, a, b)]
        group = GROUP_HEADING.match(sec.heading)
        if group and orgs.country_code(group.group(1), ctx.gaz):  # 【米国】国務省、…: one country's list
            regions.append((a, b))
    if meeting_sentence:
        regions.append(meeting_sentence)
    return sorted(set(regions))


DESCRIBED = re.compile(r"(?:との間で|の間で|との間において|が(?=[^。]{0,80}?(?:目的|会合|会議|協議|対話)(?:です|である)))")


def described_parties(ctx: Context, names: list[str]) -> list[Mention]:
    """The parties a description of the meeting names (X協議は、A省とB部との間で…協議です; under a heading that is the
    meeting's name: AとBが…を目的とした会合です): the bodies and groups joined by と before との間で or が."""
    spans = []
    for name in {n for n in names if len(n) >= 4}:
        at = ctx.text.find(name + "は")
        if at >= 0:
            spans.append((at + len(name) + 1, _stop(ctx, at)))
    for sec in ctx.sections("heading"):
        if any(sec.heading.strip() == n for n in names):
            spans.append(ctx.body_range(sec))
    out: list[Mention] = []
    for a, b in spans:
        said = DESCRIBED.search(ctx.text, a, b)
        if said:
            out += _list_before(ctx, bodies_in(ctx, a, said.start()), said.start())
    return out


def _stop(ctx: Context, at: int) -> int:
    end = ctx.text.find("。", at)
    return len(ctx.text) if end < 0 else end


def add(parts: list[Participation], m: Mention, role: str, ctx: Context) -> None:
    """Add or extend the participation of m's body; a host stays a host. The participations are indexed by key and by
    the name without its country (工業省 / インドネシア共和国工業省), so a long list costs one look-up per mention."""
    span = ctx.norm.span(m.start, m.end)
    if len(parts) < 32:  # a few: look through them
        _add_to_few(parts, m, role, ctx, span)
        return
    index = _index(ctx, parts)
    core = _core(m.ref, ctx)
    seen = [p for p in (index.by_key.get(m.ref.key), *index.by_core.get(core, ())) if p is not None]
    for p in sorted(seen, key=lambda p: index.order[id(p)]):
        short = short_form_of(p.org, m.ref, ctx)
        if p.org.key == m.ref.key or short:
            if short is p.org:  # 工業省, then インドネシア共和国工業省: the full name wins
                p.org = m.ref
                index.by_key[m.ref.key] = p
            if role == "host":
                p.role = "host"
            if (id(p), span) not in index.spans:
                index.spans.add((id(p), span))
                p.spans.append(span)
            if p.org.country is None and m.ref.country:
                p.org.country = m.ref.country
            return
    p = Participation(org=m.ref, role=role, spans=[span])  # type: ignore[arg-type]
    parts.append(p)
    index.order[id(p)] = len(index.order)
    index.by_key.setdefault(m.ref.key, p)
    index.by_core.setdefault(core, []).append(p)
    index.spans.add((id(p), span))


def _add_to_few(parts: list[Participation], m: Mention, role: str, ctx: Context, span) -> None:
    for p in parts:
        short = short_form_of(p.org, m.ref, ctx)
        if p.org.key == m.ref.key or short:
            if short is p.org:  # 工業省, then インドネシア共和国工業省: the full name wins
                p.org = m.ref
            if role == "host":
                p.role = "host"
            if span not in (p.spans if len(p.spans) < 16 else _span_set(ctx, p)):
                p.spans.append(span)
                if len(p.spans) > 16:
                    _span_set(ctx, p).add(span)
            if p.org.country is None and m.ref.country:
                p.org.country = m.ref.country
            return
    parts.append(Participation(org=m.ref, role=role, spans=[span]))  # type: ignore[arg-type]


def _span_set(ctx: Context, p: Participation) -> set:
    hit = ctx._memo.get(("spans", id(p)))
    if hit is None or hit[0] is not p:
        hit = ctx._memo[("spans", id(p))] = (p, set(p.spans))
    return hit[1]


@dataclass
class _Index:
    by_key: dict = field(default_factory=dict)
    by_core: dict = field(default_factory=dict)
    order: dict = field(default_factory=dict)
    spans: set = field(default_factory=set)


def _index(ctx: Context, parts: list[Participation]) -> _Index:
    key = ("participations", id(parts))
    hit = ctx._memo.get(key)
    if hit is None or hit[0] is not parts:
        hit = ctx._memo[key] = (parts, _Index())
        for p in parts:  # participations added before (they are few): index them too
            hit[1].order[id(p)] = len(hit[1].order)
            hit[1].by_key.setdefault(p.org.key, p)
            hit[1].by_core.setdefault(_core(p.org, ctx), []).append(p)
            hit[1].spans.update((id(p), sp) for sp in p.spans)
    return hit[1]


def _core(ref: OrgRef, ctx: Context) -> str:
    """A body's name without a country before it or a bracket after it: what a short form of it would read."""
    return _core_of(ref.name, ctx.gaz)


def _core_of(name: str, gaz: Gazetteer) -> str:
    cores = derived(gaz, _no_cores)
    core = cores.get(name)
    if core is None:
        short = orgs.PAREN_TAIL.sub("", name)
        prefix = orgs.index(gaz).prefix
        p = prefix.match(short) if prefix else None
        core = normalise(short[p.end():] if p and p.end() < len(short) else short)
        if len(cores) >= 100_000:
            cores.clear()
        cores[name] = core
    return core


def _no_cores(gaz: Gazetteer) -> dict[str, str]:
    return {}


def short_form_of(a: OrgRef, b: OrgRef, ctx: Context) -> OrgRef | None:
    """The one of two bodies that is the other's name without its country (工業省 / インドネシア共和国工業省)."""
    if a.key == b.key:
        return None
    long_, short = (a, b) if len(a.name) > len(b.name) else (b, a)
    prefix = orgs.index(ctx.gaz).prefix
    p = prefix.match(long_.name) if prefix and not short.known else None
    country = orgs.country_of(long_.name, ctx.gaz) if p else None
    same = p and country and normalise(orgs.PAREN_TAIL.sub("", long_.name[p.end():])) == normalise(orgs.PAREN_TAIL.sub("", short.name))
    return short if same and short.country in (None, country) and long_.country in (None, country) else None
