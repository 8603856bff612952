"""The meetings a release reports: names, ordinals and levels from the title (or the lead), then the
date, place, hosts and participants from the sentence that says the meeting was held.

Title forms: X(第6回局長級会合)の結果, 第5回X の開催, A(第21回)及びB(第1回)の結果, X 課長級準備会合の開催,
Outcome of Fourth Director General Level Meeting of the X, Results of 25th A and 9th B.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..gazetteer import Gazetteer, SeriesEntry, derived
from .keys import digest, normalise
from ..model import Meeting
from . import dates, levels, series_keys
from .context import Context
from .textnorm import nfkc

KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
ORDINAL_WORDS = {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
EN_ORD = (r"(?:\d{1,3}(?:st|nd|rd|th)|(?:Twenty|Thirty|Forty|Fifty)[- ](?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|"
          r"Eighth|Ninth)|" + "|".join(w.capitalize() for w in ORDINAL_WORDS if w != "zeroth") + ")")
JA_TAIL = re.compile(r"(?:の)?(?:開催)?(?:結果|成果)(?:概要|報告)?(?:について|を公開しました|を公表しました|のお知らせ)?$|"
                     r"を(?:開催|実施)(?:しました|します|いたしました|いたします)$|(?:へ|に)の?(?:出席|参加)(?:について)?$|"
                     r"の開催(?:について|のお知らせ)?$|の概要$|について$|(?:の)?開催$|が(?:開催|実施)されました$|を行いました$|を受けました$")
EN_HEAD = re.compile(r"^(?:(?:Outcomes?|Results?|Summary|Holding|Report)\s+(?:of|on)\s+(?:the\s+)?"
                     r"|(?:[A-Z][\w.]*\s+){1,4}(?:holds?|held|hosts?|hosted|attends?|attended|participates?\s+in)\s+(?:the\s+)?)",
                     re.I)
EN_TAIL = re.compile(r"\s+(?:(?:was|is|to be|will be)\s+)?held\b.*$|(?<!\s)\s*\((?:Summary|Outline|Overview|Outcomes?|Results?)\)$",
                     re.I)
_NOUNS = ("会合", "対話", "協議", "会議", "会談", "部会", "委員会", "ワークショップ", "フォーラム", "セミナー", "シンポジウム")
SPLIT_JA = re.compile(r"(?<=\))\s*(?:及び|並びに|および|と)\s*|\s*(?:及び|並びに|および)\s*(?=第[\d〇一二三四五六七八九十]+回)"
                      r"|(?:" + "|".join(f"(?<={n})" for n in _NOUNS) + r")\s*(?:及び|並びに|および)\s*"  # A協議及びB会合
                      r"(?=[^\s及]{2,40}?(?:" + "|".join(_NOUNS) + r")(?:\([^()]*\))?$)")
SPLIT_EN = re.compile(rf"\s+and\s+(?=(?:the\s+)?{EN_ORD}\b)")
JA_PART = re.compile(r"^(?:第(?P<o1>[\d〇一二三四五六七八九十百]+)回)?\s*(?P<name>.+?)\s*(?:\((?P<br>[^()]*(?:第[^()]*回|級)[^()]*)\))?$")
EN_PART = re.compile(rf"^(?:[Tt]he\s+)?(?:(?P<ord>{EN_ORD})\s+)?(?:(?P<lvl>[A-Z][\w -]*?)[- ]Level\s+(?:Meeting|Dialogue)\s+"
                     r"(?:of|on)\s+(?:the\s+)?)?(?:(?<= )(?:Meeting|Session|Round)\s+of\s+(?:the\s+)?)?(?P<name>.+?)$")
SUBTITLE = re.compile(r"\s*(?:〜|~|―|—|－|-)[^〜~―—－-]{2,40}(?:〜|~|―|—|－|-)$")
EN_BRACKET = re.compile(rf"\s*\((?:the\s+)?(?P<ord>{EN_ORD})(?:\s+(?:Meeting|Round|Session|Dialogue))?\)", re.I)
FUSED = re.compile(r"(?<![A-Za-z])([A-Z]{3,})[- ]?(\d{1,2})(?!\d)")
MEETING_NOUN = re.compile(r"会合|対話|会議|協議|会談|部会|懇談会|委員会|ワークショップ|フォーラム|サミット|シンポジウム|"
                          r"Meeting|Dialogue|Workshop|Conference|Forum|Summit|Working Group|Consultation|Symposium|Council|Committee|"
                          r"Talks|Roundtable|Seminar|セミナー|ラウンドテーブル|円卓|懇談|TELMIN|MIN\b|タスクフォース|Task ?Force|"
                          r"作業グループ|Working Party|Task Group|専門家会合|Expert Group", re.I)
MEETING_VERB = re.compile(r"開催|実施|行われ|行いました|held|took place|convened|hosted", re.I)
_NTH = re.compile(r"(\d+)(?:st|nd|rd|th)")
_TENS_ORD = re.compile(r"(twenty|thirty|forty|fifty)[- ](\w+)")
_LATIN_WORD = re.compile(r"[A-Za-z]{4}")
_KANA = re.compile(r"[\u3040-\u30ff]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_NTH_JA = re.compile(r"第([\d〇一二三四五六七八九十百]+)回")
NTH_AFTER = re.compile(r"^(?P<name>.{2,}?)\s*第(?P<n>[\d〇一二三四五六七八九十百]+)回(?:会議|会合|会談|協議|対話)?$")


@dataclass
class NamePart:
    name: str
    start: int  # in the normalised text
    ordinal: int | None = None
    level: levels.Level | None = None  # the level the name carries (weak: ハイレベル, High-Level)


def number(text: str | None) -> int | None:
    """6, 六, 十六, 二十一, Fourth, 11th -> int."""
    if not text:
        return None
    t = nfkc(text).strip()
    if t.isdigit():
        return int(t)
    m = _NTH.fullmatch(t)
    if m:
        return int(m.group(1))
    if t.lower() in ORDINAL_WORDS:
        return ORDINAL_WORDS[t.lower()]
    m = _TENS_ORD.fullmatch(t.lower())
    if m and m.group(2) in ORDINAL_WORDS:
        return TENS[m.group(1)] + ORDINAL_WORDS[m.group(2)]
    return _kanji(t)


def _kanji(t: str) -> int | None:
    if not t or any(c not in KANJI_DIGITS and c not in "十百" for c in t):
        return None
    total, cur = 0, 0
    for c in t:
        if c in KANJI_DIGITS:
            cur = cur * 10 + KANJI_DIGITS[c]
        else:
            total += (cur or 1) * (10 if c == "十" else 100)
            cur = 0
    return total + cur


def level_of(text: str, gaz: Gazetteer) -> levels.Level | None:
    """The level a name or a bracket carries (局長級, 大臣会合, Ministerial, High-Level), from data/levels.tsv."""
    return levels.in_name(text, gaz)


def title_parts(title: str, at: int, gaz: Gazetteer) -> list[NamePart]:
    """The meetings a title names, with their ordinals and levels (fresh records: callers fill them in)."""
    memo = derived(gaz, _no_parts)
    parts = memo.get((title, at))
    if parts is None:
        if len(memo) >= 10_000:
            memo.clear()
        parts = memo[(title, at)] = _title_parts(title, at, gaz)
    return [replace(p) for p in parts]


def event_parts(title: str, at: int, gaz: Gazetteer) -> list[NamePart]:
    """A title that names one occasion rather than a meeting of a series (日・X保健協力覚書署名式及び意見交換, Courtesy
    call by the Minister of X): the title is the meeting's name when it ends with (Japanese) or holds (English) an
    event noun of data/meeting_nouns.tsv."""
    ja, en = derived(gaz, _event_nouns)
    out = []
    for p in title_parts(title, at, gaz):
        if ja.search(p.name) if _JAPANESE.search(p.name) else en.search(p.name):
            out.append(p)
    return out


def _event_nouns(gaz: Gazetteer) -> tuple[re.Pattern, re.Pattern]:
    ja = sorted({n.word for n in gaz.meeting_nouns if n.lang == "ja" and n.kind == "event"}, key=len, reverse=True)
    en = sorted({n.word for n in gaz.meeting_nouns if n.lang == "en" and n.kind == "event"}, key=len, reverse=True)
    return (re.compile("(?:" + ("|".join(map(re.escape, ja)) or "(?!)") + ")$"),
            re.compile(r"\b(?:" + ("|".join(map(re.escape, en)) or "(?!)") + r")\b", re.I))


def _no_parts(gaz: Gazetteer) -> dict:
    return {}


def _title_parts(title: str, at: int, gaz: Gazetteer) -> list[NamePart]:
    whole = LABEL_PREFIX.sub("", nfkc(title).strip())
    t = EN_TAIL.sub("", EN_HEAD.sub("", JA_TAIL.sub("", SUBTITLE.sub("", whole))))
    t = t[1:-1] if t.startswith("「") and t.endswith("」") and t.count("「") == 1 else t
    t = _ja_focus(t) if _JAPANESE.search(t) else t
    offset = at + nfkc(title).find(t[:8]) if t else at
    pieces = SPLIT_EN.split(t) if _LATIN_WORD.search(t) and not _KANA.search(t) \
        else SPLIT_JA.split(t)
    parts = [p for p in (_part(piece, offset + t.find(piece), gaz) for piece in pieces if piece) if p]
    after = QUOTED_ROUND.search(whole)  # 「X対話」第5回会合の結果: the round after the quoted name
    if after and len(parts) == 1 and parts[0].ordinal is None:
        parts[0].ordinal = number(after.group(1))
    return parts


LABEL_PREFIX = re.compile(r"^(?:(?:Press|News|Media)\s+(?:Releases?|Statements?)|Announcements?|Notice|報道発表(?:資料)?|報道資料|"
                          r"お知らせ)\s*[:\-–]\s*", re.I)  # Press Release: Results of …
QUOTED_ROUND = re.compile(r"」\s*(?:の)?第([\d〇一二三四五六七八九十百]+)回")


JA_NOUN = re.compile(r"会合|対話|会議|協議|会談|部会|懇談会|委員会|ワークショップ|フォーラム|サミット|シンポジウム|セミナー|"
                     r"ラウンドテーブル|円卓会議|タスクフォース|作業グループ|セッション|Meeting|Dialogue|Summit|Forum|Workshop")
NOUN_OR_BRACKET = re.compile(r"[()]|" + JA_NOUN.pattern)
QUOTED_MEETING = re.compile(r"「([^「」]*(?:" + JA_NOUN.pattern + r")[^「」]*)」")
NAME_BRACKET = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)")
KEPT_BRACKET = re.compile(r"第[^()]*回|級|レベル|^[A-Z][A-Za-z0-9+&.\- ]*$")  # (第3回会合), (局長級), (TEMM20)
DROPPED_BRACKET = re.compile(r"^(?:概要|結果|結果概要|要旨|summary|概要・結果)$", re.I)
JOINS_NEXT = re.compile(r"\s*(?:及び|並びに|および|と)")
NAME_START = re.compile(r".*(?:が|は|を|にて|について|、|。|「|」)", re.S)


def _ja_focus(t: str) -> str:
    """The part of a Japanese title that names the meeting: a 「quoted」 name; else the text up to the last
    meeting noun (with its brackets of ordinal, level or abbreviation), from the last clause boundary before
    it: 第3回X会合(中国・北京)に萩生田大臣が出席 -> 第3回X会合; …訪問(Y対話出席)(結果) -> Y対話."""
    quoted = QUOTED_MEETING.search(t)
    if quoted:
        return quoted.group(1)
    outer, inner = None, None
    opened: list[int] = []
    for m in NOUN_OR_BRACKET.finditer(t):
        if m.group() == "(":
            opened.append(m.start())
        elif m.group() == ")":
            if opened:
                opened.pop()
        elif not opened:
            outer = (m, None)
        else:
            inner = (m, opened[-1])
    noun, bracket = outer or inner or (None, None)
    if noun is None:
        return t
    end = noun.end()
    while (b := NAME_BRACKET.match(t, end)) and (KEPT_BRACKET.search(b.group(1)) or DROPPED_BRACKET.match(b.group(1))):
        if DROPPED_BRACKET.match(b.group(1)):
            break
        end = b.end()
    if end < len(t) and JOINS_NEXT.match(t, end):  # A(第21回)及びB(第1回): the title names two meetings
        return t
    start = bracket + 1 if bracket is not None else 0
    head = NAME_START.match(t, start, noun.start())
    return t[head.end() if head else start:end].strip()


def _part(piece: str, at: int, gaz: Gazetteer) -> NamePart | None:
    m = EN_PART.match(piece) if not _JAPANESE.search(piece) else JA_PART.match(piece)
    if not m:
        return None
    g = m.groupdict()
    name = g["name"].strip(" 「」")
    if "br" in g:
        inner = g.get("br") or ""
        o = _NTH_JA.search(inner)
        ordinal = number(g.get("o1")) or number(o and o.group(1))
        after = NTH_AFTER.match(name)  # X第2回会議: the ordinal after the series' name
        mid = _NTH_JA.search(name) if ordinal is None and not after else None
        if after and ordinal is None:
            name, ordinal = after.group("name"), number(after.group("n"))
        elif mid and mid.start() > 0 and len(name) - mid.end() >= 2:  # Xとの第2回Y対話: the name follows its round
            name, ordinal, at = name[mid.end():], number(mid.group(1)), at + mid.end()
        return _fused(NamePart(name, at, ordinal, level=level_of(inner, gaz) or level_of(name, gaz)))
    level = levels.Level(f"{g['lvl'].strip()}-Level", False, 0, 0) if g.get("lvl") else level_of(name, gaz)
    bracket = EN_BRACKET.search(name)
    ordinal = number(g.get("ord")) or (number(bracket.group("ord")) if bracket else None)
    name = EN_BRACKET.sub("", name).strip()
    return _fused(NamePart(name, at, ordinal, level=level))


def _fused(part: NamePart) -> NamePart:
    """TELMIN10: an ordinal written into an acronym."""
    m = FUSED.search(part.name)
    if part.ordinal is None and m:
        part.ordinal = int(m.group(2))
        part.name = part.name[:m.start(2)] + part.name[m.end(2):]
    return part


_ANY_YEAR = dt.date(2000, 1, 1)  # only to tell whether a sentence names a day


def _attended(ctx: Context, s: tuple[int, int]) -> bool:
    """…第18回X会合に出席しました: a sentence that says a meeting (a noun of data/meeting_nouns.tsv) was attended
    says it was held."""
    return bool(derived(ctx.gaz, _attended_pattern).search(ctx.text, *s))


def _attended_pattern(gaz: Gazetteer) -> re.Pattern:
    return re.compile(rf"(?:{_ja_meeting_nouns(gaz).pattern})(?:\([^()]{{1,20}}\))?(?:に|へ)(?:出席|参加)")


def meeting_sentence(ctx: Context) -> tuple[int, int] | None:
    """The first sentence of the lead that says a meeting was held; without a lead, of the first sections."""
    lead = ctx.lead_range()
    if lead:
        sentences = ctx.sentences(*lead)
        held = [s for s in sentences if MEETING_VERB.search(ctx.text[s[0]:s[1]]) or _attended(ctx, s)]
        names = [p.name.lower() for p in title_parts(ctx.rel.title, 0, ctx.gaz) if len(p.name) > 3] if ctx.rel.title else []
        own = [s for s in held if any(n in ctx.text[s[0]:s[1]].lower() for n in names)
               and (s == held[0] or any(r.first.day for r in dates.find_dates(ctx.text[s[0]:s[1]], _ANY_YEAR)))]
        return (own or held or sentences or [None])[0]  # not an umbrella meeting held before the title's one, on its day
    for sec in ctx.sections("heading")[:2]:
        for s in ctx.sentences(*ctx.body_range(sec)):
            if MEETING_VERB.search(ctx.text[s[0]:s[1]]) and "。" in ctx.text[s[0]:s[1]] + "。":
                return s
    return None


LEAD_NOUN = (r"(?:会合|対話|会議|協議|会談|作業部会|部会|分科会|委員会|協議会|懇談会|ワークショップ|フォーラム|セミナー|"
             r"シンポジウム|タスクフォース|作業グループ|Dialogue|Meeting|Committee|Working Group|Workshop|Forum|Task Force)")
LEAD_NAME = (r"((?:第[\d一二三四五六七八九十]+回)?[^、,。はがを「」()]{2,40}?" + LEAD_NOUN +
             r"(?:\([^()]{0,20}(?:回|級)[^()]{0,10}\))?)")
_QUOTED = re.compile(r"「([^」]{2,60})」")
_LEAD_SUBJECT = re.compile(LEAD_NAME + r"(?=を|が)")
_LEAD_NAME = re.compile(LEAD_NAME)
_EN_WORD = r"(?:[A-Z0-9][\w'’.&+-]*|\([A-Z][A-Za-z0-9&.+-]*\))"  # Asia-Pacific Telecommunity (APT) Policy Forum
_EN_LEAD_NAME = re.compile(rf"(?<![\w'’.&+-])((?:{_EN_WORD}[ \t]+(?:(?:of|on|for|and|the|in|with)[ \t]+)*){{0,10}}?"
                           r"(?:Meeting|Dialogue|Consultations?|Conference|Forum|Summit|Workshop|Talks|Roundtable|Symposium|"
                           r"Seminar|Session|Committee|Working Group)s?)\b")  # the G20 Digital Economy Ministers' Meeting
_EN_NOUNS = r"(?:Meeting|Dialogue|Consultations?|Conference|Forum|Summit|Workshop|Talks|Roundtable|Symposium|Seminar|Session|Committee)"
_EN_MORE = re.compile(rf"[ \t]*\([A-Z][A-Za-z0-9&.+-]*\)|(?:[ \t]+{_EN_WORD}){{1,6}}?[ \t]+{_EN_NOUNS}s?\b")


def _en_name_end(text: str, end: int) -> int:
    """Summit (PIS) Preparatory Senior Officials' Meeting: the name runs on through an abbreviation and more capitalised
    words to the last meeting noun of the phrase (no connector: 'X Meeting and the Y Dialogue' are two)."""
    for _ in range(4):
        more = _EN_MORE.match(text, end)
        if not more:
            break
        end = more.end()
    return end


_QUOTED_EN = re.compile(r"[\"“]([^\"“”]{4,120}?(?:Meeting|Dialogue|Consultations?|Conference|Forum|Summit|Workshop|Talks)s?)[\"”]")
_CLAUSE = re.compile(r".*(?:との間で|の間で|において|にて|で|より|から)(?=[^\u3040-\u309f])", re.S)
_ABBR_TAIL = re.compile(r"\s*\(([A-Za-z][\w ]*)\)$")


def lead_parts(ctx: Context, sent: tuple[int, int]) -> list[NamePart]:
    """Without a usable title: the 「quoted」 or 第N回-prefixed name in the meeting sentence."""
    text = ctx.text[sent[0]:sent[1]]
    if ctx.lang == "en":
        m = _QUOTED_EN.search(text)
        found = (m.start(1), m.end(1)) if m else None
        m = m or _EN_LEAD_NAME.search(text)
        found = found or ((m.start(1), _en_name_end(text, m.end(1))) if m else None)
        part = _part(text[found[0]:found[1]], sent[0] + found[0], ctx.gaz) if found else None
        return [part] if part else []
    m = _QUOTED.search(text)
    named = None if m else named_in_sentence(text, ctx.gaz)
    if named:
        part = _part(text[named[0]:named[1]], sent[0] + named[0], ctx.gaz)
        if part and part.ordinal is None:
            part.ordinal = named[2]
        return [part] if part else []
    m = m or _LEAD_SUBJECT.search(text) or _LEAD_NAME.search(text)
    if not m:
        return []
    clause = _CLAUSE.match(m.group(1))  # …副主任との間で高級事務レベル協議: the name after the last particle
    start = m.start(1) + (clause.end() if clause and clause.end() < len(m.group(1)) - 2 else 0)
    part = _part(text[start:m.end(1)], sent[0] + start, ctx.gaz)
    return [part] if part else []


_NAME_ROUND = re.compile(r"第([\d〇一二三四五六七八九十百]+)回(?!目)")
_NAME_AFTER = re.compile(r"(?:(?:さ|ら)?れ|し)た(?=[^\u3040-\u309f])|(?:開催|実施)(?:される|中の)|における|において|にて|で開催の")
_NAME_STOP = re.compile(r"[、,。「」\n]")
_CLOSING = frozenset("にをがはへでとのも等や、,。「」 \n")
_NAME_MAX = 60


def named_in_sentence(text: str, gaz: Gazetteer) -> tuple[int, int, int | None] | None:
    """(start, end, round) of a meeting named inside a sentence: 「…で開催された第18回X首脳会議(XS)外相会議準備会合に
    出席しました」 -> X首脳会議(XS)外相会議準備会合, 18. The name starts after its round (else after a participle:
    開催された, 行われた, which is never part of it) and ends at the meeting noun of data/meeting_nouns.tsv that
    closes the noun phrase: one followed by a particle or punctuation, not one followed by more of the name."""
    for rx in (_NAME_ROUND, _NAME_AFTER, _CLAUSE_START):
        for m in rx.finditer(text):
            end = _phrase_end(text, m.end(), gaz)
            if end is not None and end - m.end() >= 3 and (rx is not _CLAUSE_START or _clause_name(text, m.end(), end)):
                return m.end(), end, number(m.group(1)) if rx is _NAME_ROUND else None
    return None


_CLAUSE_START = re.compile(r"[、,]\s*")  # …において、X(ABC)Y会合に出席: a name that opens a clause
_VERB_INSIDE = re.compile(r"(?:さ|し|れ|い|っ)た|する|される|による|について|との|と|を|が|は")
_HELD_AFTER = re.compile(r"に(?:出席|参加)|を(?:開催|実施)|が(?:開催|実施|行われ|開かれ)")


def _clause_name(text: str, start: int, end: int) -> bool:
    """A clause that is only the name of a meeting said to be attended or held (…において、X(ABC)Y会合に出席), not a
    body (…、X委員会において) nor a phrase with a verb or a particle in it."""
    return bool(_HELD_AFTER.match(text, end)) and not _VERB_INSIDE.search(text, start, end)


def _phrase_end(text: str, start: int, gaz: Gazetteer) -> int | None:
    stop = _NAME_STOP.search(text, start, min(len(text), start + _NAME_MAX))
    limit = stop.start() if stop else min(len(text), start + _NAME_MAX)
    for n in derived(gaz, _ja_meeting_nouns).finditer(text, start, limit):
        after = text[n.end():n.end() + 1]
        if not after or after in _CLOSING:
            return n.end()
        if after != "(":
            continue
        close = text.find(")", n.end(), limit)
        if close < 0 or "回" in text[n.end():close] or "級" in text[n.end():close]:
            return n.end()  # X会合(第2回), X会合(局長級): the bracket is no part of the name
        if text[close + 1:close + 2] in _CLOSING or close + 1 >= len(text):
            return close + 1  # X会合(ABC)に: its abbreviation, as titles keep it
    return None


def names_meeting(name: str, gaz: Gazetteer) -> bool:
    """A name with a meeting noun in it (MEETING_NOUN, or a meeting noun of data/meeting_nouns.tsv)."""
    return bool(MEETING_NOUN.search(name) or derived(gaz, _any_meeting_noun).search(name))


def _any_meeting_noun(gaz: Gazetteer) -> re.Pattern:
    ja = [re.escape(n.word) for n in gaz.meeting_nouns if n.lang == "ja" and n.kind == "meeting"]
    en = [r"\b" + re.escape(n.word) + r"\b" for n in gaz.meeting_nouns if n.lang == "en" and n.kind == "meeting"]
    return re.compile("|".join(ja + en) or r"(?!)", re.I)


def _ja_meeting_nouns(gaz: Gazetteer) -> re.Pattern:
    """The Japanese nouns of data/meeting_nouns.tsv that end a meeting's name, longest first."""
    words = sorted({n.word for n in gaz.meeting_nouns if n.lang == "ja" and n.kind == "meeting"}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) or r"(?!)")


def series_of(name: str, ctx: Context) -> tuple[str, str, bool]:
    """(series key, preferred label, known) of a meeting name."""
    tail = _ABBR_TAIL.search(name)  # …大臣会合(TELMIN)
    keys = {normalise(name)} | ({normalise(name[:tail.start()]), normalise(tail.group(1))} if tail else set())
    first = _series_index(ctx.gaz)
    found = [first[k] for k in keys if k in first]
    if found:
        entry = min(found, key=lambda f: f[0])[1]  # the first series in the gazetteer with a name among the keys
        label = entry.label_en if ctx.lang == "en" and entry.label_en else entry.label_ja
        return entry.key, label, True
    # not listed: a key from what the name is made of, the same for its Japanese and English names, else its own
    core = name[:tail.start()] if tail else name
    return series_keys.series_key(core, ctx.gaz) or "s-" + digest(name), name, False


def _series_index(gaz: Gazetteer) -> dict[str, tuple[int, SeriesEntry]]:
    """Each normalised series name -> (position, entry) of the first series in the gazetteer that has it."""
    return derived(gaz, _series_names)


def _series_names(gaz: Gazetteer) -> dict[str, tuple[int, SeriesEntry]]:
    first: dict[str, tuple[int, SeriesEntry]] = {}
    for k, entry in enumerate(gaz.series.values()):
        for n in entry.names():
            first.setdefault(normalise(n), (k, entry))
    return first


def new_meeting(ctx: Context, part: NamePart, **kw) -> Meeting:
    key, label, known = series_of(part.name, ctx)
    span = ctx.norm.span(part.start, part.start + len(part.name))
    return Meeting(name=part.name, span=span, series_key=key, series_name=label, ordinal=part.ordinal,
                   level=part.level.value if part.level else None, known_series=known, kind=kind_of(part.name), **kw)


_WORKSHOP = re.compile(r"ワークショップ|Workshop", re.I)
_EVENT = re.compile(r"イベント|Event|Forum|フォーラム|シンポジウム|Symposium", re.I)
_CONFERENCE = re.compile(r"全権委員会議|Conference|総会", re.I)


def kind_of(name: str) -> str:
    if _WORKSHOP.search(name):
        return "workshop"
    if _EVENT.search(name):
        return "event"
    if _CONFERENCE.search(name):
        return "conference"
    return "meeting"


