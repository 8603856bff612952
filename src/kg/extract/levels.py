"""Meeting levels from the words of data/levels.tsv: in a name (第6回局長級会合, 高級事務レベル協議, 防衛相会談,
Defense Ministerial Meeting, High-Level Consultation) or stated in a sentence about the meeting
(…は次官級協議です, 次官級で意見交換を行う, held at the vice-ministerial level).

Japanese levels are normalised to the <X>級 form the file gives; English ones are kept as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import Gazetteer, LevelWord, derived
from .orgs import trie_pattern

_NOUN_AHEAD = r"(?=(?:準備|電話|テレビ|ビデオ|オンライン)?(?:会合|会議|会談|協議|対話))"  # 外相電話会談: 大臣級
_STATED_AHEAD = (r"(?=[^、。,.]{0,24}?(?:会合|会議|会談|協議|対話|部会|委員会|作業グループ|タスクフォース|ワークショップ|フォーラム|"
                 r"意見交換|情報交換|枠組み|実施|開催|行う|行い|行っ)(?!に向け))")


@dataclass(frozen=True)
class Level:
    value: str
    weak: bool
    start: int
    end: int


@dataclass(frozen=True)
class _Patterns:
    ja: re.Pattern | None  # a level word followed by 級/レベル, or right before a meeting noun
    ja_stated: re.Pattern | None  # 次官級で…意見交換, …は次官級協議です
    en: re.Pattern | None
    en_stated: re.Pattern  # at the vice-ministerial level
    words: dict[str, LevelWord]  # the Japanese word, or the English words' key -> its row


def _en_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "-", text.replace("’", "'")).lower()


def _en_alternative(word: str) -> str:
    return r"[\s\-]+".join(re.escape(w).replace("'", "['’]") for w in re.split(r"[\s\-]+", word.replace("’", "'")))


def _patterns(gaz: Gazetteer) -> _Patterns:
    ja = [w for w in gaz.levels if w.lang == "ja"]
    en = [w for w in gaz.levels if w.lang == "en"]
    words = {w.word: w for w in ja} | {_en_key(w.word): w for w in en}
    ja_words = trie_pattern({w.word for w in ja}) if ja else None
    en_words = "|".join(_en_alternative(w.word) for w in sorted(en, key=lambda w: -len(w.word))) if en else None
    return _Patterns(
        re.compile(rf"(?P<w>{ja_words})(?:級|レベル|{_NOUN_AHEAD})") if ja_words else None,
        re.compile(rf"(?P<w>{ja_words})(?:級|レベル)(?:の|による|での|で|が|と)?{_STATED_AHEAD}") if ja_words else None,
        re.compile(rf"(?<![\w\-])(?P<w>{en_words})(?![\w\-])", re.I) if en_words else None,
        re.compile(r"\b(?:at|on)\s+(?:the\s+)?(?P<v>(?:(?:vice|deputy)[\s\-]+)?minister(?:ial)?|director[\s\-]+general|"
                   r"working|senior\s+officials?|expert|high)[\s\-]+level\b", re.I),
        words)


def _level(m: re.Match, pats: _Patterns) -> Level:
    text = m.group("w")
    row = pats.words.get(text) or pats.words.get(_en_key(text))
    value = row.level if row and row.level else text
    return Level(value, bool(row and row.weak), m.start(), m.end())


def in_name(text: str, gaz: Gazetteer) -> Level | None:
    """The level a name (or a title's bracket) carries, the first one written."""
    pats = derived(gaz, _patterns)
    found = [m for rx in (pats.ja, pats.en) if rx for m in [rx.search(text)] if m]
    return _level(min(found, key=lambda m: m.start()), pats) if found else None


def stated(text: str, gaz: Gazetteer, lang: str) -> list[Level]:
    """The levels that the sentences of a text in `lang` state about a meeting, in order."""
    pats = derived(gaz, _patterns)
    if lang == "ja":
        return [_level(m, pats) for m in pats.ja_stated.finditer(text)] if pats.ja_stated else []
    return [Level(text[m.start("v"):m.end()], False, m.start(), m.end())  # as written: vice-ministerial level
            for m in pats.en_stated.finditer(text)]
