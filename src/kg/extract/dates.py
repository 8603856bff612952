"""Dates as Japanese and English releases write them, normalised to ISO days or vague values.

Forms: era years (平成26年, 令和元年), western years, month/day and day-only dates resolved against
the release date, relative years (今年, 昨年, 来年), ranges (及び, から…にかけて, 〜, commas, 18/19,
9-10), English (May 19th; Friday, December 13, 2019), 本日, and vague dates (2015年中, 今年10月).
A date that is not a real calendar day is dropped, never guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..model import DateValue
from .textnorm import Norm

ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
RELATIVE = {"本年": 0, "今年": 0, "同年": 0, "昨年": -1, "前年": -1, "来年": 1, "翌年": 1}
MONTHS = {m[:3].lower(): i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}

_WD = r"(?:\s*\((?:月|火|水|木|金|土|日)(?:曜日?)?(?:・祝)?\))?"
_YEAR = (r"(?:(?P<era>明治|大正|昭和|平成|令和)\s*(?P<ey>元|\d{1,2})\s*年|(?P<y>(?:19|20)\d{2})\s*年"
         r"|(?P<rel>本年|今年|同年|昨年|前年|来年|翌年))")
JA_DATE = re.compile(r"(?:" + _YEAR + r"\s*(?:\(\s*(?:19|20)\d{2}\s*年?\s*\)\s*)?)?(?<!\d)(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*(?:日(?!間)|(?=(?:及び|および|、|,|と|〜|~|・|-|–|−)\s*\d{1,2}\s*日)))?" + _WD
                     + r"(?P<vague>中|頃|ごろ|上旬|中旬|下旬|末)?")
JA_YEAR = re.compile(_YEAR + r"(?P<vague>中|内|度|秋|春|夏|冬)?(?!\s*\d{1,2}\s*月)")
JA_DAY = re.compile(r"(?<![\d月第])(?P<d>\d{1,2})\s*日(?![間目付以前後ぶ分])" + _WD)
TODAY = re.compile(r"本日")
NUMERIC = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})[/.-](?P<m>\d{1,2})[/.-](?P<d>\d{1,2})(?![\d.])")
DAY_PAIR = re.compile(r"(?<![\d月第/])(?P<first>(?P<d1>\d{1,2})\s*(?:日" + _WD + r")?)\s*(?:、|,|及び|および|と|〜|~)\s*(?P<d2>\d{1,2})\s*日(?![間目付以前後ぶ分])")
_MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_ORD = r"(?:st|nd|rd|th)?"
EN_DATE = re.compile(r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?" + _MON + r"\s+(?P<d>\d{1,2})(?P<o1>st|nd|rd|th)?"
                     + r"(?:\s*(?:/|-|–|and|to|through)\s*(?P<d2>\d{1,2})" + _ORD + r")?(?!\d)"
                     + r"(?:,?\s*(?P<y>(?:19|20)\d{2}))?")
EN_DMY = re.compile(r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?(?<![\d.,])(?P<d>\d{1,2})(?P<o1>st|nd|rd|th)?(?:\s*(?:-|–|~|〜|and|to)\s*(?P<d2>\d{1,2})" + _ORD + r")?\s+"
                    + _MON + r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?(?![A-Za-z])")  # 3–5 October 2023; 3 October (the release's year)
EN_DMY_SPAN = re.compile(r"(?<![\d.,])(?P<d>\d{1,2})" + _ORD + r"\s+(?P<mw>" + _MON + r")\s*(?:to|through|until|-|–)\s*"  # 30 September to
                         r"\d{1,2}" + _ORD + r"\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+"  # 2 October 2023
                         r"(?P<y>(?:19|20)\d{2})")
EN_MONTH = re.compile(_MON + r"\s+(?P<y>(?:19|20)\d{2})")
EN_SPAN = re.compile(_MON + r"\s+(?P<d>\d{1,2})" + _ORD + r"\s*(?:to|through|until|-|–)\s*"  # May 2 to May 6, 2024
                     r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)?(?:day,?\s*)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                     r"\s+\d{1,2}" + _ORD + r",?\s+(?P<y>(?:19|20)\d{2})")
EN_YEAR = re.compile(r"\b(?:in|during|within|by)\s+(?:early\s+|late\s+|mid-)?(?P<y>(?:19|20)\d{2})\b")
CONNECTOR = re.compile(r"\s*(?:及び|および|並びに|から|より|〜|~|-|‐|−|–|―|、|,|/|・|と|to|and|through)\s*")
_SAME_MONTH = re.compile(r"同月?(?=\d)")
_DAY_AT = re.compile(r"(?P<d>\d{1,2})\s*日(?![間目付以前後ぶ分])" + _WD)
_UNTIL = re.compile(r"\s*(?:まで|に?かけ(?:て)?)")
_JST = re.compile(r"\((?:日本時間|JST|Japan [Tt]ime)[^)]*$")


@dataclass(frozen=True)
class When:
    """A date as found: positions in the normalised text, the parts that are known."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None = None

    @property
    def iso(self) -> str | None:
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return None


@dataclass(frozen=True)
class DateRange:
    first: When
    last: When

    @property
    def start(self) -> int:
        return self.first.start

    @property
    def end(self) -> int:
        return self.last.end


def era_year(era: str, year: str) -> int:
    return ERAS[era] + (1 if year == "元" else int(year))


def _year(m: re.Match, ref: dt.date | None, month: int | None) -> int | None:
    if m.group("era"):
        return era_year(m.group("era"), m.group("ey"))
    if m.group("y"):
        return int(m.group("y"))
    if ref is None:
        return None
    if m.groupdict().get("rel"):
        return ref.year + RELATIVE[m.group("rel")]
    return _infer_year(ref, month)


def _infer_year(ref: dt.date, month: int | None) -> int:
    """A month/day without a year: the release's year, or the one before for December in January."""
    if month is None:
        return ref.year
    if month - ref.month > 6:
        return ref.year - 1
    if ref.month - month > 9:
        return ref.year + 1
    return ref.year


def _valid(when: When) -> When | None:
    if when.month is not None and not 1 <= when.month <= 12:
        return None
    if when.year is not None and not 1800 <= when.year <= 2200:
        return None
    if when.day is not None:
        if when.year is None:
            return None
        try:
            dt.date(when.year, when.month, when.day)
        except (ValueError, TypeError):
            return None
    return when


def _ja_hits(text: str, ref: dt.date | None) -> list[When]:
    hits = []
    for m in JA_DATE.finditer(text):
        month = int(m.group("m"))
        day = int(m.group("d")) if m.group("d") and not m.group("vague") else None
        hits.append(When(m.start(), m.end(), _year(m, ref, month), month, day))
    hits += [When(m.start(), m.end(), int(m.group("y")), int(m.group("m")), int(m.group("d"))) for m in NUMERIC.finditer(text)]
    taken = [(h.start, h.end) for h in hits]
    for m in JA_YEAR.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            hits.append(When(m.start(), m.end(), _year(m, ref, None), None))
    if ref is not None:
        hits += [When(m.start(), m.end(), ref.year, ref.month, ref.day) for m in TODAY.finditer(text)]
        hits += _day_only(text, ref, taken)
    return hits


def _day_only(text: str, ref: dt.date, taken: list[tuple[int, int]]) -> list[When]:
    """Days without a month (11、12日; 8日) take the release's month."""
    out = []
    for m in DAY_PAIR.finditer(text):
        if not _overlaps(m, taken):
            out.append(When(m.start(), m.end("first"), ref.year, ref.month, int(m.group("d1"))))
            taken.append((m.start(), m.end()))
    for m in JA_DAY.finditer(text):
        if not _overlaps(m, taken):
            out.append(When(m.start(), m.end(), ref.year, ref.month, int(m.group("d"))))
    return out


def _overlaps(m: re.Match, taken: list[tuple[int, int]]) -> bool:
    return any(s < m.end() and m.start() < e for s, e in taken)


def _en_hits(text: str, ref: dt.date | None) -> list[When]:
    hits = []
    for m in EN_DATE.finditer(text):
        month = MONTHS[m.group("mon")[:3].lower()]
        year = int(m.group("y")) if m.group("y") else (_infer_year(ref, month) if ref else None)
        first = When(m.start(), m.end(), year, month, int(m.group("d")))
        if m.group("d2"):
            hits.append(replace(first, end=m.end("o1") if m.group("o1") else m.end("d")))
            hits.append(When(m.start("d2"), m.end(), year, month, int(m.group("d2"))))
        else:
            hits.append(first)
    for m in EN_SPAN.finditer(text):  # the first day of a span whose year is written once, at its end
        hits.append(When(m.start(), m.end("d"), int(m.group("y")), MONTHS[m.group("mon")[:3].lower()], int(m.group("d"))))
    for m in EN_DMY_SPAN.finditer(text):
        hits.append(When(m.start(), m.end("mw"), int(m.group("y")), MONTHS[m.group("mon")[:3].lower()], int(m.group("d"))))
    for rx in (EN_DMY, EN_MONTH, EN_YEAR):
        for m in rx.finditer(text):
            if not any(h.start <= m.start("y" if m.group("y") else 0) < h.end for h in hits):
                hits += _en_found(m, rx, ref)
    return hits


def _en_found(m: re.Match, rx: re.Pattern, ref: dt.date | None) -> list[When]:
    """The dates an EN_DMY, EN_MONTH or EN_YEAR match writes: one, or the two ends of 3–5 October."""
    g = m.groupdict()
    month = MONTHS[g["mon"][:3].lower()] if g.get("mon") else None
    day = int(g["d"]) if g.get("d") else None
    year = int(g["y"]) if g.get("y") else (_infer_year(ref, month) if ref else None)
    start = m.start("y") if rx is EN_YEAR else m.start()
    if g.get("d2"):
        first_end = m.end("o1") if g.get("o1") else m.end("d")
        return [When(start, first_end, year, month, day), When(m.start("d2"), m.end(), year, month, int(g["d2"]))]
    return [When(start, m.end(), year, month, day)]


def _continuation(text: str, prev: When, ref: dt.date | None) -> When | None:
    """A day written after a date and a connector: 16日及び17日, 30日(土)、31日(日), 12日から13日."""
    sep = CONNECTOR.match(text, prev.end)
    if not sep or prev.day is None:
        return None
    m = JA_DATE.match(text, sep.end())
    if m and m.group("d"):
        month = int(m.group("m"))
        year = _year(m, ref, month) if (m.group("era") or m.group("y")) else prev.year
        if month < (prev.month or 0) and not (m.group("era") or m.group("y")) and year:
            year += 1
        return When(m.start(), _until(text, m.end()), year, month, int(m.group("d")))
    same = _SAME_MONTH.match(text, sep.end())  # 10月3日から同月5日まで, 3日から同5日まで
    m = (_DAY_AT if same else JA_DAY).match(text, same.end() if same else sep.end())
    if m:
        return When(m.start(), _until(text, m.end()), prev.year, prev.month, int(m.group("d")))
    return None


def _until(text: str, end: int) -> int:
    m = _UNTIL.match(text, end)
    return m.end() if m else end


def _in_jst_note(text: str, pos: int) -> bool:
    """Japan time beside local time: in a (日本時間…) note, or 日本時間… followed by a (現地時間…) note."""
    if _JST.search(text[max(0, pos - 20):pos]):
        return True
    return text[max(0, pos - 5):pos].rstrip().endswith("日本時間") and "(現地時間" in text[pos:pos + 24]


def find_dates(text: str, ref: dt.date | None = None) -> list[DateRange]:
    """Every date and date range in normalised `text`, in order, resolved against `ref`."""
    hits = sorted(_ja_hits(text, ref) + _en_hits(text, ref), key=lambda h: (h.start, -h.end))
    out: list[DateRange] = []
    last_end = -1
    for h in hits:
        if h.start < last_end or _in_jst_note(text, h.start) or _valid(h) is None:
            continue
        tail = _continuation(text, h, ref)
        tail = _valid(tail) if tail else None
        rng = DateRange(h, tail if tail and tail.iso and tail.iso >= (h.iso or "") else h)
        if out and _joins(text, out[-1], h):
            rng = DateRange(out.pop().first, h)
        out.append(rng)
        last_end = rng.end
    return out


def _joins(text: str, prev: DateRange, h: When) -> bool:
    """Two full dates with only a connector between them form one range (平成22年10月30日〜平成22年10月31日)."""
    if prev.first is not prev.last or not (prev.last.iso and h.iso) or h.iso <= prev.last.iso:
        return False
    gap = text[prev.end:h.start]
    return bool(CONNECTOR.fullmatch(gap)) and gap.strip() not in ("、", ",", "")


def date_value(norm: Norm, when: When) -> DateValue:
    return DateValue(text=norm.quote(when.start, when.end), span=norm.span(when.start, when.end),
                     iso=when.iso, year=when.year, month=when.month)


def as_date(value: DateValue | None) -> dt.date | None:
    return dt.date.fromisoformat(value.iso) if value and value.iso else None
