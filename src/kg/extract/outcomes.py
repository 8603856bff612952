"""Topics (the numbered headings under 主な成果 / 結果概要 / Main achievements) and outcomes (the
sentences whose verb says what the sides did: 一致 agreed, 確認 confirmed, 認識を共有 shared recognition …).

The verbs and their kinds live in data/outcome_verbs.tsv; where two patterns overlap the longer
wins (認識を共有 over 共有, 認識で一致 over 一致). A verb counts where it ends a clause
(一致しました, 確認し、, 歓迎。, 強調されました), not inside a relative clause (第3回対話で確認した新世代…).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import Gazetteer, derived
from ..model import Meeting, Outcome, Section, Topic
from . import orgs
from .context import END_KINDS, Context
from .keys import normalise
from .sections import AGENDA, CIRCLED, heading_role

OPENER = re.compile(r"主な成果|結果概要|結果の概要|議論のポイント|議論の概要|主な議題|主要議題|成果|主な結果|^結果$|^議題$|議事|主な内容|"
                    r"Overview of (?:the )?discussions?|Outline of (?:the )?discussions?|"
                    r"主な議論|^概要$|(?:協議|対話|会合|会議|会談|討議|意見交換)(?:の)?(?:概要|内容)$|^Outline\b|Main achievements|Major achievements|Outcomes?\b|Results?\b|Summary of (?:the )?discussions?|"
                    r"Highlights|Key outcomes|Agenda|^Summary$", re.I)
WEAK_OPENER = re.compile(r"^概要$|^(?:会合|会議|協議|対話|会談|意見交換)の(?:概要|内容)$|^Outline\b", re.I)
STRUCTURAL = re.compile(r"^(?:冒頭(?:発言|挨拶|あいさつ)?|その他|Others?|Opening (?:Remarks|Statements?|Session)|"
                        r"Closing (?:Remarks|Session)|報道関係者の(?:皆様|方)へ|報道機関の(?:皆様|方)へ|取材(?:について|の御案内))"
                        r"(?:\(.*\))?$", re.I)  # headings of a block, not of a matter discussed
NOT_TOPIC = re.compile(r"^(?:概要|主な成果|今後の予定|結果概要|Overview|Main achievements|Summary)$|^[^:]{1,8}:|^\S{1,6}\s*:|"
                       r"^(?:H\.\s?E\.|Mr\.|Ms\.|Mrs\.|Dr\.)\s|"  # a heading that names a counterpart: H.E. Mr. X, Minister of …
                       + STRUCTURAL.pattern, re.I)
ITEM_LINE = re.compile(r"[^\n]+")
MEETING_HEAD = re.compile(r"第[\d一二三四五六七八九十]+回|\(第|\b\d+(?:st|nd|rd|th)\b")
JA_END = r"(?=(?:し|され|した|する)?(?:ました|た|ます)(?![\u3040-\u309f]{0,1}[\u4e00-\u9fff])|し[、,]|するとともに|することと|。|$|を(?:行い|行っ|表明|示し))"
PARTIES = re.compile(r"(?<![日米英独仏中韓露豪加伊印U・])(?P<x>(?:日|米|英|独|仏|中|韓|露|豪|加|伊|印|EU|・){1,12})両(?:国|政府|首脳|大臣|者)")
ONE_SIDE = re.compile(r"^(?:[^、。]{0,12}?[、,])?(?P<c>[^\s、,。]{1,8}?)側(?:から|は|より)")
BOTH = re.compile(r"両国|両政府|双方|両者|both (?:sides|countries)|the two (?:sides|countries)", re.I)


def topics_for(ctx: Context, meetings: list[Meeting]) -> list[tuple[Topic, Section, Meeting]]:
    """The topic headings, each with its section and the meeting it belongs to."""
    out, zone, current = [], False, meetings[0] if meetings else None
    last_line = ctx.content_end()
    heads = ctx.sections("heading")
    if meetings and not any(_opener(ctx, s.heading) or _meeting_named(s.heading, meetings) for s in heads):
        return _plain_topics(ctx, meetings[0], last_line)
    opener_style, deeper, listed = None, False, False
    # 1 概要 opens the topics only where no 主な成果 / 主な議題 does (1 概要 > (1)日時 (2)出席者, 2 主な成果 > …)
    strong = any(_opener(ctx, s.heading) and not WEAK_OPENER.search(s.heading) for s in heads)
    for sec in ctx.rel.sections:
        if sec.kind in END_KINDS:
            zone = False
        if sec.kind != "heading":
            continue
        named = _meeting_named(sec.heading, meetings)
        if named:  # a meeting's own section: its headings are topics unless it has a 主な成果 of its own
            current, zone = named, bool(_opener(ctx, sec.heading)) or not _opener_follows(ctx, heads, heads.index(sec), meetings)
            opener_style, deeper, listed = _style(sec.number), False, False
            continue
        if zone and deeper and sec.number and _style(sec.number) == opener_style:
            zone = False  # 2 その他 after 1 主な議題 > (ア)(イ): a sibling of the opener ends its topics
        opens = _opener(ctx, sec.heading) and not (WEAK_OPENER.search(sec.heading) and strong)
        if opens and listed and current is not None and current.topics and not _agenda(ctx, sec.heading):
            zone = False  # 1 議題 > (1)(2), 2 結果 > (1)(2): the agenda listed the topics; the results end them
            continue
        if opens and (not sec.number or not zone):
            zone, opener_style, deeper, listed = True, _style(sec.number), False, _agenda(ctx, sec.heading)
            if current is not None:
                out += _item_lines(ctx, sec, current, last_line)
            continue
        if _opener(ctx, sec.heading) or (not zone and sec.number and _style(sec.number) == opener_style):
            continue
        deeper = deeper or (zone and bool(sec.number) and _style(sec.number) != opener_style)
        if zone and sec.number and not _not_topic(ctx, sec.heading, meetings) and ctx.range(sec)[0] < last_line:
            if current is not None:
                topic = Topic(len(current.topics) + 1, sec.heading, _heading_span(ctx, sec), sec.number)
                current.topics.append(topic)
                out.append((topic, sec, current))
    return out


def _agenda(ctx: Context, heading: str) -> bool:
    """主な議題, 議題, Main topics, Agenda: a heading over the list of the matters to discuss."""
    return bool(AGENDA.search(heading)) or heading_role(heading, ctx.gaz) == "agenda"


def _opener(ctx: Context, heading: str) -> bool:
    """A heading that opens the topics: 主な成果, 主な議題, or an agenda or results word of data/headings.tsv."""
    return bool(OPENER.search(heading)) or heading_role(heading, ctx.gaz) in ("agenda", "results")


def _not_topic(ctx: Context, heading: str, meetings: list[Meeting] = ()) -> bool:
    """冒頭, その他, a field label, a word of data/headings.tsv (主な議題, 傍聴について), or a heading that only names a
    body (- 人力資源社会保障部), a person or the meeting itself (• ASEAN+3労働大臣会合 over the series' description)."""
    if NOT_TOPIC.search(heading) or heading_role(heading, ctx.gaz) or (len(heading) <= 40 and orgs.is_body_name(heading, ctx.gaz)):
        return True
    key = normalise(heading)
    return any(key in (normalise(m.name), normalise(m.series_name)) for m in meetings)


def _item_lines(ctx: Context, sec: Section, meeting: Meeting, last_line: int) -> list[tuple[Topic, Section, Meeting]]:
    """Unnumbered lines right under an agenda heading, each a topic of its own (4.主要議題 > 最近の…状況 / 貿易関連事項):
    short lines that are no sentence, no note and no label; at least two of them."""
    a, b = ctx.body_range(sec)
    lines = [(a + m.start(), a + m.end()) for m in ITEM_LINE.finditer(ctx.text[a:b])]
    items = []
    for s, e in lines:
        t = ctx.text[s:e].strip()
        if not t or len(t) > 60 or "。" in t or t[0] in "(※*注" or _not_topic(ctx, t) or s >= last_line:
            break
        items.append((s + len(ctx.text[s:e]) - len(ctx.text[s:e].lstrip()), t))
    if len(items) < 2:
        return []
    out = []
    for s, t in items:
        span = ctx.norm.span(s, s + len(t))
        topic = Topic(len(meeting.topics) + 1, t, span, None)
        meeting.topics.append(topic)
        out.append((topic, Section("heading", t, span), meeting))  # a line of its own: no body to read outcomes from
    return out


_NUMBERS = re.compile(r"\d+|[①-⑳㉑-㉟]|[アイウエオカキクケコ]|[ivx]+|[a-z]")


def _style(number: str | None) -> str:
    """The numbering style of a heading: (1) and (2) share one, 1. and ア do not."""
    return _NUMBERS.sub(lambda m: "C" if CIRCLED.match(m.group()) else "N", number or "")  # ① and 1 differ


def _opener_follows(ctx: Context, heads: list[Section], k: int, meetings: list[Meeting]) -> bool:
    for sec in heads[k + 1:]:
        if _meeting_named(sec.heading, meetings):
            return False
        if _opener(ctx, sec.heading):
            return True
    return False


NOT_PLAIN = re.compile(r"概要|背景|経緯|日時|日程|場所|会場|出席|参加|予定|連絡|参考|添付|別添|Overview|Background|Date|Venue")


def _plain_topics(ctx: Context, meeting: Meeting, last_line: int) -> list[tuple[Topic, Section, Meeting]]:
    """No 主な成果 heading: numbered headings of one style are the topics, unless one of them is a field
    (日時, 場所, 概要, 背景 …), which marks an outline rather than an agenda."""
    numbered = [s for s in ctx.sections("heading") if s.number and ctx.range(s)[0] < last_line]
    styles = list(dict.fromkeys(_style(s.number) for s in numbered))
    groups = [[s for s in numbered if _style(s.number) == st] for st in styles]
    # the first style whose headings are not fields (1 場所, 2 出席者 > (1) (2) (3): the (N) ones); 冒頭, その他 are no topics
    group = next((g for g in groups if not any(NOT_PLAIN.search(s.heading) for s in g)), [])
    heads = [s for s in group if not _not_topic(ctx, s.heading, [meeting])]
    if not heads:
        return []
    # headings of another style under them are topics too (1. 研究…協力 > • 半導体, • 5G)
    heads = [s for s in numbered if s in heads or (s not in group and ctx.range(s)[0] > ctx.range(heads[0])[0]
                                                   and not NOT_PLAIN.search(s.heading) and not _not_topic(ctx, s.heading, [meeting]))]
    out = []
    for sec in heads:
        topic = Topic(len(meeting.topics) + 1, sec.heading, _heading_span(ctx, sec), sec.number)
        meeting.topics.append(topic)
        out.append((topic, sec, meeting))
    return out


def meeting_named(heading: str, meetings: list[Meeting]) -> Meeting | None:
    """The meeting a heading names (1 第15回X), if any."""
    return _meeting_named(heading, meetings)


def _meeting_named(heading: str, meetings: list[Meeting]) -> Meeting | None:
    if not MEETING_HEAD.search(heading):
        return None
    for m in meetings:
        if m.name and m.name in heading:
            return m
    return next((m for m in meetings if m.name and m.name[:6] in heading), None)


def _heading_span(ctx: Context, sec: Section):
    a, _ = ctx.range(sec)
    line_end = ctx.text.find("\n", a)
    line_end = len(ctx.text) if line_end < 0 else line_end
    start = a + ctx.text[a:line_end].find(sec.heading)
    return ctx.norm.span(start, start + len(sec.heading))


def outcomes_in(ctx: Context, a: int, b: int, topic: int | None, default: list[str]) -> list[Outcome]:
    """One outcome per verb that ends a clause in the sentences of [a, b)."""
    out, parties = [], (None, default)
    for s, e in ctx.sentences(a, b):
        found = _verbs(ctx, s, e)
        if not found:
            continue
        said = _parties(ctx, s, e)
        parties = (None, default) if said == "both" else said or parties
        for kind, vs, ve in found:
            out.append(Outcome(kind=kind, text=ctx.norm.quote(s, e), span=ctx.norm.span(s, e), topic=topic,
                               parties=list(parties[0] or []), party_countries=list(parties[1]),
                               verb=ctx.norm.quote(vs, ve)))
    return out


_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class _Verb:
    kind: str
    rx: re.Pattern
    english: bool  # matched ignoring case, not only where a clause ends
    literal: str | None  # the text a match must contain, when the pattern is plain text


def _verb_patterns(gaz: Gazetteer) -> tuple[list[_Verb], re.Pattern | None]:
    """Each outcome verb pattern with its kind (English ones ignore case, Japanese ones must end a clause), and
    one pattern that matches wherever any English one does (None when they cannot be joined safely)."""
    verbs = []
    for kind in gaz.outcome_kinds.values():
        for pat in kind.patterns:
            english = bool(_LATIN.search(pat))
            rx = re.compile(pat, re.I) if english else re.compile(f"(?:{pat}){JA_END}")
            verbs.append(_Verb(kind.key, rx, english, pat if not english and re.escape(pat) == pat else None))
    return verbs, _any_of([v.rx.pattern for v in verbs if v.english], re.I)


_REFERS = re.compile(r"\\\d|\(\?P=|\(\?\(|\\g")  # a back reference: it would change meaning in a join


def _any_of(patterns: list[str], flags: int) -> re.Pattern | None:
    if not patterns or any(_REFERS.search(p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error:  # e.g. inline flags or a group name used twice
        return None


def _verbs(ctx: Context, s: int, e: int) -> list[tuple[str, int, int]]:
    hits = []
    text = ctx.text[s:e]
    verbs, english = derived(ctx.gaz, _verb_patterns)
    no_english = english is not None and not english.search(text)  # one search instead of one per pattern
    for v in verbs:
        if (v.english and no_english) or (v.literal is not None and v.literal not in text):
            continue
        hits += [(v.kind, m.start(), m.end()) for m in v.rx.finditer(text)]
    hits.sort(key=lambda h: (h[1], -(h[2] - h[1])))
    out, seen, last = [], set(), -1
    for kind, a, b in hits:
        if a >= last and kind not in seen:
            out.append((kind, s + a, s + b))
            seen.add(kind)
        last = max(last, b)
    return out


def _parties(ctx: Context, s: int, e: int):
    """(bodies, countries) that are the subject: 日米両国は, 総務省と国務省は, Japan and the EU."""
    text = ctx.text[s:e]
    m = PARTIES.search(text)
    if m:
        return None, _codes(m.group("x"), ctx)
    if BOTH.match(_OPENING.sub("", text).lstrip()):
        return "both"
    side = ONE_SIDE.match(text)
    code = orgs.country_code(side.group("c"), ctx.gaz) if side else None
    if code:  # 日本側から…説明 / 英国側は…
        return None, [code]
    subject_end = text.find("は") if ctx.lang == "ja" else len(text)
    subject = text[:subject_end] if subject_end > 0 else ""
    bodies = [ctx.gaz.bodies[k] for k in dict.fromkeys(b.key for _, _, b in orgs.find_known(subject, ctx.gaz))]
    codes = [c for c in dict.fromkeys(orgs.country_code(w, ctx.gaz) for w in _WORDS.findall(subject))
             if c] if ctx.lang == "en" else []
    if bodies:
        refs = [orgs.ref_for_body(b, b.label_ja, ctx.norm.span(s, e), ctx.lang) for b in bodies]
        return refs, [b.country for b in bodies if b.country]
    return (None, codes) if codes else None


_OPENING = re.compile(r"^[^、。]{0,12}?[、,]")
_WORDS = re.compile(r"[A-Z][\w.]+|[^\s、,]+")
_COMPOUND_PART = re.compile(r"EU|[^・]")
_JA_PAIR = re.compile(r"((?:日|米|英|独|仏|中|韓|露|豪|加|伊|印|EU|・)+)")
_EN_PAIR = re.compile(r"(Japan)-(U\.S\.|US|EU|UK|[A-Z][a-z]+)")


def _codes(compound: str, ctx: Context) -> list[str]:
    out = []
    for part in _COMPOUND_PART.findall(compound):
        code = orgs.country_code(part, ctx.gaz)
        if code and code not in out:
            out.append(code)
    return out


def series_countries(meeting: Meeting, ctx: Context) -> list[str]:
    """日米… -> [JP, US]: the countries a bilateral series name starts with."""
    m = _JA_PAIR.match(meeting.name)
    codes = _codes(m.group(1), ctx) if m else []
    other = orgs.country_of(meeting.name[m.end():], ctx.gaz) if m and m.group(1).rstrip("・") == "日" else None
    if codes:
        return codes + ([other] if other and other not in codes else [])
    m = _EN_PAIR.match(meeting.name)
    return [c for c in (orgs.country_code(x, ctx.gaz) for x in m.groups()) if c] if m else []


def fill_outcomes(ctx: Context, meetings: list[Meeting]) -> None:
    """Topics and their outcomes; outcomes of the lead go to the first meeting."""
    if not meetings:
        return
    for topic, sec, meeting in topics_for(ctx, meetings):
        a, b = ctx.body_range(sec)
        meeting.outcomes += outcomes_in(ctx, a, b, topic.index, series_countries(meeting, ctx))
    lead = ctx.lead_range()
    if lead:
        meetings[0].outcomes[:0] = outcomes_in(ctx, *lead, None, series_countries(meetings[0], ctx))
    for sec in ctx.sections("heading"):
        if (OPENER.search(sec.heading) and not sec.number == "(1)") or (sec.number and STRUCTURAL.search(sec.heading)):
            meetings[0].outcomes += outcomes_in(ctx, *ctx.body_range(sec), None, series_countries(meetings[0], ctx))
