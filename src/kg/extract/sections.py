"""Lines and sections of a release body: headings in every numbering style and the kind of each block.

A heading is a numbered line ((1), 1., 1), ア, i), ①), a bracketed label (【別添】, <添付資料>, (参考)), or a
short line that names a block (主な成果, 連絡先, or a word of data/headings.tsv: 主な議題, Main topics, 傍聴について).
Its kind (attendees, plans, attachments, background, related, contact, admin) comes from its words; page
furniture (ページトップへ戻る) is recognised and kept apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import Gazetteer, derived
from ..model import Section, Span
from .textnorm import Norm

FURNITURE = re.compile(r"(?:ページ(?:の)?(?:トップ|先頭)へ(?:戻る)?|このページの(?:トップ|先頭)へ|本文へ(?:移動|スキップ)?|"
                       r"(?:メイン)?コンテンツへ(?:移動|スキップ)|Back to (?:the )?top|Page ?top|Skip to (?:main )?content|"
                       r"印刷(?:する)?|Print|PDF版?|シェア(?:する)?|ツイート|Tweet|Share|戻る)")
NUMBERED = re.compile(r"(?:[•・●■◆○◎□▪\-–]\s*)?(?P<num>\(\d{1,2}\)|\[\d{1,2}\]|\d{1,2}\.(?!\d)|\d{1,2}\)|\d{1,2}(?=[\s:])|[①-⑳]|"
                      r"[アイウエオカキクケコ](?=[\s.、])|\([アイウエオカキクケコ]\)|\(?[ivx]{1,4}\)|\([a-z]\)|[a-z]\))"
                      r"\s*(?P<text>\S.*)$")
BRACKETED = re.compile(r"(?:【(?P<a>[^】]+)】|<(?P<b>[^>]+)>|\((?P<c>参考|別紙\d*|別添\d*|連絡先|お?問い?合わ?せ先?)\))\s*(?P<rest>.*)$")
KEY_HEADING = re.compile(r"(?:主な成果|結果概要|の結果|成果|概要|今後の予定|今後の日程|出席者|参加者|連絡先|問い合わせ先?|問合せ先?|"
                         r"添付資料|別添|関係報道資料|関連報道資料|Outcomes?|Results?|Main achievements|Major achievements|"
                         r"Overview|Contacts?|Attachments?|Related (?:press )?releases)$", re.I)
KINDS = tuple((kind, re.compile(rx, re.I)) for kind, rx in (
    ("attendees", r"出席者|参加者|^(?:主な)?出席$|^参加$|構成国|参加国|加盟国|Participants|Attendees|Delegation"),
    ("related", r"関係報道資料|関連報道資料|関連資料|Related"),
    ("contact", r"連絡先|問い?合わ?せ|Contact|Inquir"),
    ("attachments", r"別添|添付|別紙|配布資料|配付資料|Attach|Annex|Handouts?"),
    ("plans", r"今後の予定|今後の日程|今後の取組|次回|Next steps|Next meeting|Future schedule|Future plans?"),
    ("background", r"参考|Background|Reference")))
_PUNCT = re.compile(r"[。、,]")
_LATIN_WORD = re.compile(r"[A-Za-z]{4}")
_KANA = re.compile(r"[\u3040-\u30ff]")
_STOP = re.compile(r"。")
_FULL_STOP_END = re.compile(r"[.．]$")
_LIST_END = re.compile(r"[、,:]$")
_DASH = re.compile(r"[\-–]")
CIRCLED = re.compile(r"[①-⑳㉑-㉟]")

@dataclass
class Line:
    start: int  # offsets in Source.text
    end: int
    text: str  # NFKC, stripped
    circled: str = ""  # the circled number (①) the line starts with, which NFKC turns into a digit

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def split_lines(source_text: str, norm: Norm) -> list[Line]:
    lines, pos = [], 0
    for raw in source_text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        start, end = pos + lead, pos + lead + len(body)
        lines.append(Line(start, end, norm.text[norm.pos(start):norm.pos(end)].strip(), body[:1] if "①" <= body[:1] <= "㉟" and CIRCLED.match(body) else ""))
        pos += len(raw) + 1
    return lines


def is_furniture(text: str) -> bool:
    return len(text) <= 24 and bool(FURNITURE.fullmatch(text.strip(" |[]()")))


def heading_of(text: str, gaz: Gazetteer | None = None) -> tuple[str, str | None, str] | None:
    """(kind, number, heading text) when a line is a heading, else None."""
    if is_furniture(text):
        return "furniture", None, text
    m = BRACKETED.match(text)
    if m:
        label = m.group("a") or m.group("b") or m.group("c")
        return _kind(label + " " + m.group("rest"), gaz), None, text
    m = NUMBERED.match(text)
    if m and _heading_like(m.group("text")):
        return _kind(m.group("text"), gaz), m.group("num"), m.group("text").strip()
    if len(text) <= 40 and not _PUNCT.search(text) and ((len(text) <= 30 and KEY_HEADING.search(text)) or heading_role(text, gaz)):
        return _kind(text, gaz), None, text
    return None


_ROLE_TAILS = (":", "(予定)", "(案)", "(仮)", "について", "に関して")
_ROLE_TAIL_ENDS = frozenset(t[-1] for t in _ROLE_TAILS)
_ROLE_BRACKETS = " 【】<>[]〈〉《》≪≫"  # 【主な議題】, <議題>


def heading_role(text: str, gaz: Gazetteer | None) -> str | None:
    """The role data/headings.tsv gives a heading's words (agenda, results, admin, page_label), else None:
    the words as written, or without a trailing :, (予定) or について."""
    if gaz is None or len(text) > 40:
        return None
    roles = _ROLES[1] if _ROLES[0] is gaz else _remember_roles(gaz)
    key = text.strip(_ROLE_BRACKETS).casefold()
    while key:
        role = roles.get(key)
        if role or key[-1] not in _ROLE_TAIL_ENDS:
            return role
        tail = next((t for t in _ROLE_TAILS if key.endswith(t)), None)
        if tail is None:
            return None
        key = key[:-len(tail)].rstrip()
    return None


_ROLES: list = [None, {}]  # the gazetteer last asked about and its index: one identity test per heading line


def _remember_roles(gaz: Gazetteer) -> dict[str, str]:
    _ROLES[:] = [gaz, derived(gaz, _heading_roles)]
    return _ROLES[1]


def _heading_roles(gaz: Gazetteer) -> dict[str, str]:
    return {h.word.casefold(): h.role for h in gaz.headings}


def _heading_like(text: str) -> bool:
    limit = 120 if _LATIN_WORD.search(text) and not _KANA.search(text) else 70
    return len(text) <= limit and not _STOP.search(text) and not _FULL_STOP_END.search(text)


def _kind(text: str, gaz: Gazetteer | None = None) -> str:
    for kind, rx in KINDS:
        if rx.search(text):
            return kind
    return "admin" if heading_role(text, gaz) == "admin" else "heading"


BULLET = re.compile(r"(?P<num>[•●■◆▪・○◯◇□]|[\-–](?=\s))\s*(?P<text>\S.*)$")
AGENDA = re.compile(r"議題|議事|Agenda|Topics", re.I)


def bullet_heading(lines: list[Line], k: int, gaz: Gazetteer | None = None) -> tuple[str, str, str] | None:
    """'• Digital identity' (or '- Digital identity') between paragraphs is a heading; a bullet next to a bullet
    is a list item, except right under an agenda heading (4 主な議題(予定) > ・5G ・サイバーセキュリティ)."""
    m = BULLET.match(lines[k].text)
    if not m or not _heading_like(m.group("text")) or _LIST_END.search(m.group("text")):
        return None
    if _agenda_item(lines, k, gaz) or heading_role(m.group("text"), gaz) in _BLOCK_ROLES:  # ・X under 主な議題; ■主な議題
        return _kind(m.group("text"), gaz), m.group("num"), m.group("text").strip()
    after = next((ln.text for ln in lines[k + 1:] if ln.text), "")
    before = next((ln.text for ln in reversed(lines[:k]) if ln.text), "")
    if not after or BULLET.match(before) or _DASH.match(before) or any(rx.match(after) for rx in (BULLET, NUMBERED, _DASH)):
        return None  # a list item; a bullet right under a numbered heading, with a paragraph after it, heads that paragraph
    return _kind(m.group("text"), gaz), m.group("num"), m.group("text").strip()


def _agenda_item(lines: list[Line], k: int, gaz: Gazetteer | None) -> bool:
    """A bullet in the run of bullets right under an agenda heading (主な議題, ■主な議題, 【主なテーマ】) or under a
    sentence that introduces the topics (以下の議題について議論を行いました。 / discussed the following topics:)."""
    for ln in reversed(lines[:k]):
        if not ln.text:
            continue
        bullet = BULLET.match(ln.text)
        role = heading_role(bullet.group("text"), gaz) if bullet else None
        if bullet and role in (None, "structural"):
            continue  # another item of the list (・開会挨拶 is one too)
        if role:
            return role == "agenda"
        head = heading_of(ln.text, gaz)
        if head:
            return head[0] == "heading" and (bool(AGENDA.search(head[2])) or heading_role(head[2], gaz) == "agenda")
        return _introduces_topics(ln.text, gaz)
    return False


_BLOCK_ROLES = ("agenda", "results", "admin")
_INTRO = re.compile(r"以下|次の|下記|following|below|as follows", re.I)
_INTRO_END = re.compile(r"(?:。|:|\.|とおり|通り)$")


def _introduces_topics(text: str, gaz: Gazetteer | None) -> bool:
    """以下のテーマについて意見交換を行いました。 / The two sides discussed the following topics: (a word of an agenda
    heading in data/headings.tsv, and 以下 / following, in a line that ends a sentence or with a colon)."""
    if gaz is None or len(text) > 200 or not _INTRO_END.search(text) or not (_INTRO.search(text) or text.endswith(":")):
        return False  # …the following topics: / The main topics discussed were:
    low = text.casefold()
    return any(w in low for w in derived(gaz, _agenda_words))


def _agenda_words(gaz: Gazetteer) -> tuple[str, ...]:
    return tuple({h.word.casefold() for h in gaz.headings if h.role == "agenda" and len(h.word) >= 2 and "(" not in h.word})


def circled_heading(ln: Line, gaz: Gazetteer | None) -> tuple[str, str, str] | None:
    """①防災分野における協力: NFKC writes 1防災…, so the circled number is read from the line as written."""
    if not ln.circled:
        return None
    digits = len(str(ord(ln.circled) - ord("①") + 1)) if ln.circled <= "⑳" else 2
    text = ln.text[digits:].strip()
    return (_kind(text, gaz), ln.circled, text) if text and _heading_like(text) else None


def _prose(text: str) -> bool:
    return len(text) > 60 and ("。" in text or ". " in text)


def body_sections(lines: list[Line], gaz: Gazetteer | None = None) -> list[Section]:
    out: list[Section] = []
    current: Section | None = None
    lead_lines: list[Line] = []
    for k, ln in enumerate(lines):
        if not ln.text:
            continue
        head = (ln.circled and circled_heading(ln, gaz)) or heading_of(ln.text, gaz) or bullet_heading(lines, k, gaz)
        if head is None and current is not None and current.kind == "contact" and _prose(ln.text):
            current = None  # a contact block holds offices and numbers: a paragraph after it is the body again
            if lead_lines:
                current = Section("body", "", ln.span)
                out.append(current)
                continue
        if head is None:
            if current is None:
                lead_lines.append(ln)
            else:
                current.span = Span(current.span.start, ln.end)
            continue
        kind, number, label = head
        current = Section(kind, label, ln.span, number)
        out.append(current)
        if kind == "furniture":
            current = None
    if lead_lines:
        out.insert(0, Section("lead", "", Span(lead_lines[0].start, lead_lines[-1].end)))
    return out
