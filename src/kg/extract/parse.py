"""Text to Release: page furniture, header (date, issuer, title), and the sections of the body.

Every section keeps the span of its lines in `Source.text`. Matching happens on NFKC text; the
offsets are mapped back (see kg.extract.textnorm).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import ParseError
from ..gazetteer import Gazetteer
from .keys import release_id
from ..model import OrgRef, Release, Section, Source, Span
from . import dates, orgs, places
from .sections import Line, body_sections, heading_of, heading_role, is_furniture, split_lines
from .textnorm import Norm, norm_of

BREADCRUMB = re.compile(r"\S\s*(?:>|›|»|＞)\s*\S.*(?:>|›|»|＞)")
LABEL = re.compile(r"(?:報道資料|報道発表(?:資料)?|記者発表(?:資料)?|広報資料|発表資料|プレスリリース|ニュースリリース|お知らせ|ニュース|"
                   r"(?:Press|News|Media) (?:Releases?|Statements?)|Press|News|Announcements?)(?:一覧)?", re.I)
DATE_PREFIX = re.compile(r"(?:(?:報道)?(?:公表|発表|掲載|公開|最終更新|更新)日(?:時)?|Release date|Date of (?:release|issue)|"
                         r"Published(?: on)?|Released?(?: on)?|(?:Last )?Updated(?: on)?|Date|"
                         r"(?:Press|News) Releases?\s*[|｜/])\s*[::]?\s*", re.I)
_DATE_TAIL = re.compile(r"\s*(?:\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\)\s*)?"  # July 2, 2024 (Tue)
                        r"(?:\d{1,2}\s*(?::\s*\d{2}|時\s*(?:\d{1,2}\s*分)?)\s*(?:JST|現在)?\s*)?"  # 14:00, 14時00分
                        r"(?:[|｜/]\s*[^|｜/]{1,60}|報道発表|報道資料|発表|公表|更新|掲載"  # | Ministry of …; 報道発表
                        r"|[\u4e00-\u9fff\u30a0-\u30ff・]{2,20}(?:省|庁|府|局|部|課|室|委員会|本部|機構))?\s*$")  # 経済産業省
CAPTION = re.compile(r"(?:写真|画像|Photo(?:graph)?|Image)\s*(?:提供)?\s*[:：]|\(?写真提供", re.I)
MEETING_WORD = re.compile(r"会合|対話|会議|協議|の結果|の開催|Meeting|Dialogue|Results?|Outcome|Conference|Workshop", re.I)
_SIX_WORD_CHARS = re.compile(r"(?:\W*\w){6}")
_JA_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_LATIN_CHAR = re.compile(r"[A-Za-z]")
_TITLE_AFTER = re.compile(r"\s+[A-Z]")
_CRUMB_STEP = re.compile(r"(?<!\s)\s*(?:>|›|»|＞)\s*")
_SPACES = re.compile(r"\s+")
_SUBTITLE = re.compile(r"^[―—\-〜~－]")


def parse_release(source: Source, gazetteer: Gazetteer) -> Release:
    """The header and sections of a release; raises ParseError for text that is not a release."""
    norm = norm_of(source.text)
    lines = split_lines(source.text, norm)
    _check_release(lines, source)
    lang = detect_lang(norm.text)
    rel = Release(id=release_id(source.url, _stem(source.path)), source=source, lang=lang)
    header_end = _parse_header(rel, lines, norm, gazetteer)
    rel.sections.extend(body_sections(lines[header_end:], gazetteer))
    _late_date(rel, lines, norm)
    rel.sections.sort(key=lambda s: s.span)
    rel.publisher = _publisher(rel, lines, norm, gazetteer)
    return rel


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or "release"


def _check_release(lines: list[Line], source: Source) -> None:
    words = [ln for ln in lines if _SIX_WORD_CHARS.match(ln.text)]
    if not words or sum(len(ln.text) for ln in words) < 20:
        raise ParseError("not a release: the text has no title, date or sentences", where=source.path,
                         hint="give the text of a press release page")


def detect_lang(text: str) -> str:
    ja = _JA_CHAR.subn("", text)[1]  # how many there are
    latin = _LATIN_CHAR.subn("", text)[1]
    return "ja" if ja * 3 >= latin * 0.5 and ja > 0 else "en"


def _skip(text: str) -> int:
    m = DATE_PREFIX.match(text)
    return m.end() if m else 0


def date_of_line(text: str) -> tuple[dates.When, int] | None:
    """A line that is a date (possibly after 公表日:), or starts with one: (date, where the rest starts)."""
    skip = _skip(text)
    body = text[skip:]
    found = dates.find_dates(body)
    if not found or found[0].start != 0 or found[0].first.iso is None:
        return None
    rest = body[found[0].end:]
    if rest.strip() and not _TITLE_AFTER.match(rest):
        tail = _DATE_TAIL.match(rest)  # a time, a weekday, a label or the issuer after the date: no title
        return (found[0].first, len(text)) if tail else None
    return found[0].first, skip + found[0].end


_LABEL_REACH = 4  # lines from a page label to its date line: a menu item 大臣の動き further up labels nothing


def _parse_header(rel: Release, lines: list[Line], norm: Norm, gaz: Gazetteer) -> int:
    """Classify the lines before the body (breadcrumb, label, date, issuer, title); return where the body starts."""
    crumb, cands, date_at, i = None, [], None, 0
    listed = _list_breadcrumb(lines)
    if listed:
        crumb = listed[-1][1]
        first, last = lines[listed[0][0]], lines[listed[-1][0]]
        rel.sections.append(Section("breadcrumb", " > ".join(t for _, t in listed), Span(first.start, last.end)))
    skip = {k for k, _ in listed}
    after_date, labelled, seen = False, False, 0
    for i, ln in enumerate(lines):
        t = ln.text
        if not t or i in skip:
            continue
        seen += 1
        kind = _header_kind(t, i, rel, date_at, gaz, bool(cands))
        if kind == "page_label":  # 大臣の動き, Photo report above the heading: a page of events, whose date line is the event's
            kind, labelled = "label", (seen if not cands and rel.issued is None else False)
        if kind == "title" and after_date and places.looks_like_place(t, gaz):  # 2013年11月24日 / 新羅ホテル(韓国ソウル)
            rel.event_date, rel.event_place, rel.issued = rel.issued or rel.event_date, ln.span, None
            rel.sections.append(Section("place", t, ln.span))
            after_date = False
            continue
        after_date = kind == "date"
        if kind == "body":
            break
        if kind == "breadcrumb":
            crumb = _CRUMB_STEP.split(t)[-1]
        if kind == "date":
            date_at = len(cands)
            _set_date(rel, ln, norm)
            if labelled is not False and seen - labelled <= _LABEL_REACH and rel.event_date is None:  # 大臣の動き / heading / date
                rel.event_date, rel.issued = rel.issued, None
        elif kind == "dateline":
            date_at = len(cands)
            _set_dateline(rel, ln, norm)
        elif kind == "title":
            cands.append(ln)
            continue
        if kind not in ("date", "dateline"):
            rel.sections.append(Section(kind, t, ln.span))
    else:
        i = len(lines)
    if not cands and crumb and i < len(lines):
        _glued_title(rel, lines, i, crumb, norm)
    _choose_title(rel, cands, crumb, date_at, gaz)
    return _headline(rel, lines, i) if rel.title is None else i


_LIST_ITEM = re.compile(r"^(?:[•・●■◆▪*\-–]|\d{1,2}\.)\s*(?P<t>\S.*)$")
_ONE_LINE_CRUMB = re.compile(r"^1\.\s*(?:トップ|ホーム|Top|Home)(?:ページ|\s*page)?\s+2\.\s", re.I)
_CRUMB_NUMBER = re.compile(r"(?:^|(?<=\s))\d{1,2}\.\s+")
_HOME = re.compile(r"(?:トップ|ホーム|Top|Home)(?:ページ|\s*page)?$", re.I)


def _list_breadcrumb(lines: list[Line]) -> list[tuple[int, str]]:
    """A breadcrumb written as a list at the top of the page (- Home / - News Releases / …, or 1. Home 2. …):
    list items, the first of them the site's home. Returns (line index, step) for each."""
    items: list[tuple[int, str]] = []
    top = next((k for k, ln in enumerate(lines[:12]) if ln.text), None)
    if top is not None and _ONE_LINE_CRUMB.match(lines[top].text):  # 1. Home 2. News Releases 3. …
        return [(top, step) for step in _CRUMB_NUMBER.split(lines[top].text) if step]
    for k, ln in enumerate(lines[:40]):
        if not ln.text:
            continue
        m = _LIST_ITEM.match(ln.text)
        if not m or len(m.group("t")) > 300 or (not items and not _HOME.match(m.group("t"))):
            break
        items.append((k, m.group("t")))
    return items if len(items) >= 2 else []


def _glued_title(rel: Release, lines: list[Line], i: int, crumb: str, norm: Norm) -> None:
    """A copy that glued the title to the first sentence (…の結果総務省は、…): the breadcrumb's title, cut off."""
    ln = lines[i]
    if len(crumb) < 6 or not ln.text.startswith(crumb) or len(ln.text) == len(crumb):
        return
    a = norm.pos(ln.start)
    rel.title_span = norm.span(a, a + len(crumb))
    rel.title = rel.title_span.quote(rel.source.text)
    rel.sections.append(Section("title", rel.title, rel.title_span))
    rest = norm.span(a + len(crumb), norm.pos(ln.end))
    lines[i] = Line(rest.start, rest.end, ln.text[len(crumb):].strip())


def _header_kind(t: str, index: int, rel: Release, date_at: int | None, gaz: Gazetteer, seen: bool) -> str:
    if BREADCRUMB.search(t) and index < 8:
        return "breadcrumb"
    if is_furniture(t):
        return "furniture"
    if LABEL.fullmatch(t):
        return "label"
    if heading_role(t, gaz) == "page_label":
        return "page_label"
    if rel.issued is None and date_of_line(t):
        return "date"
    if rel.issued is None and _dateline(t):
        return "dateline"
    head = heading_of(t, gaz)
    if _is_sentence(t, not seen and date_at is None and rel.title is None) or (head and (head[1] or t[0] in "【<(" or ((seen or rel.title) and not MEETING_WORD.search(t)))):
        return "body"
    if date_at is not None and (len(t) <= 16 or orgs.lookup(t, gaz)) and orgs.is_body_name(t, gaz):
        return "issuer"
    return "title"


def _is_sentence(t: str, first: bool = False) -> bool:
    longest = 250 if first and not _JA_CHAR.search(t) else 150  # an English title, before any other, may run long
    return len(t) > longest or t.endswith("。") or ("。" in t and len(t) > 30) or (t.endswith(".") and len(t) > 60)


def _set_date(rel: Release, ln: Line, norm: Norm) -> None:
    when, rest_at = date_of_line(ln.text)
    base = norm.pos(ln.start) + _skip(ln.text)
    when = dates.When(base + when.start, base + when.end, when.year, when.month, when.day)
    rel.issued = dates.date_value(norm, when)
    rel.sections.append(Section("date", norm.text[when.start:when.end], rel.issued.span))
    rest = ln.text[rest_at:].strip()
    if rest:  # English pages: the date and the title on one line
        start = norm.pos(ln.start) + ln.text.index(rest, rest_at)
        rel.title_span = norm.span(start, start + len(rest))
        rel.title = rel.title_span.quote(rel.source.text)
        rel.sections.append(Section("title", rest, rel.title_span))


DATELINE = re.compile(r"[【\[]\s*(?P<d>[^】\]]*?\d{1,2}\s*日(?:\s*\([^()】\]]{1,4}\))?)\s*(?:[、,]?\s*於\s*[::]?\s*(?P<p>[^】\]]+?))?\s*[】\]]$")


def _dateline(t: str) -> re.Match | None:
    """【2008年3月23日 於:東京】: the date (and place) of a release, in brackets on a line of its own."""
    m = DATELINE.match(t)
    return m if m and date_of_line(m.group("d").strip()) else None


def _set_dateline(rel: Release, ln: Line, norm: Norm) -> None:
    m = _dateline(ln.text)
    hit = date_of_line(m.group("d").strip())
    base = norm.pos(ln.start) + m.start("d") + (len(m.group("d")) - len(m.group("d").lstrip()))
    when = dates.When(base + hit[0].start, base + hit[0].end, hit[0].year, hit[0].month, hit[0].day)
    rel.issued = dates.date_value(norm, when)
    rel.sections.append(Section("dateline", ln.text, ln.span))


def _choose_title(rel: Release, cands: list[Line], crumb: str | None, date_at: int | None, gaz: Gazetteer) -> None:
    """The title: the line(s) that spell the breadcrumb's last step; else of the lines shaped like a title, the
    one before the date if it names a meeting, the first that names one, the one before the date, the longest."""
    if rel.title is not None or not cands:
        _label_rest(rel, cands, [])
        return
    chosen = _crumb_lines(cands, crumb) if crumb else []
    titles = [c for c in cands if _title_shaped(c.text, rel.lang, gaz)]
    before = cands[date_at - 1] if date_at and cands[date_at - 1] in titles else None
    if not chosen and titles:
        worded = [c for c in titles if MEETING_WORD.search(c.text)]
        pick = before if before in worded else worded[0] if worded else before or max(titles, key=lambda c: len(c.text))
        chosen = [pick]
    if not chosen:
        _label_rest(rel, cands, [])
        return
    rel.title = " ".join(rel.source.text[c.start:c.end] for c in chosen)  # as written
    rel.title_span = Span(chosen[0].start, chosen[-1].end)
    rel.sections.append(Section("title", rel.title, rel.title_span))
    _label_rest(rel, cands, chosen)


_MENU_ITEM = re.compile(r"^[•・●■◆▪*\-–]\s*\S")
_WHOLLY_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|<[^<>]*>")


def _title_shaped(t: str, lang: str, gaz: Gazetteer) -> bool:
    """Page furniture is not a title: a menu item (• 印刷, - Home), a bracketed label ((Press Release)), a
    caption (写真: …), a subtitle (~…~), the site's or a body's name, or, on a Japanese page, a line
    written mostly in Latin letters (ラインBack to Home)."""
    if _MENU_ITEM.match(t) or _WHOLLY_BRACKETED.fullmatch(t) or CAPTION.match(t) or _SUBTITLE.match(t):
        return False
    if lang == "ja" and len(_LATIN_CHAR.findall(t)) > len(_JA_CHAR.findall(t)):
        return False
    return len(t) > 80 or (orgs.lookup(t, gaz) is None and not (len(t) <= 40 and orgs.is_body_name(t, gaz)))


_FIRST_WORDS = re.compile(r"(?:\S+\s+){3}\S+")


def _headline(rel: Release, lines: list[Line], i: int) -> int:
    """No title above the body: a short one-sentence line among the first lines of the body whose opening
    words the next lines repeat (Minister X went on a trip to Y. / … Minister X visited …) is the headline.
    Returns where the body starts."""
    shown = [k for k in range(i, len(lines)) if lines[k].text][:3]
    for n, k in enumerate(shown):
        t = lines[k].text
        if len(t) > 160 or heading_of(t) or _sentences(t) != 1 or t.endswith("。"):  # a Japanese title has no 。
            continue
        words = _FIRST_WORDS.match(t) if rel.lang == "en" else None
        opening = words.group() if words else t[:8] if rel.lang == "ja" else None
        after = " ".join(lines[j].text for j in range(k + 1, min(len(lines), k + 4)))
        if opening and opening in after:
            for j in shown[:n]:
                rel.sections.append(Section("label", lines[j].text, lines[j].span))
            rel.title = rel.source.text[lines[k].start:lines[k].end]
            rel.title_span = lines[k].span
            rel.sections.append(Section("title", rel.title, rel.title_span))
            return k + 1
        if n == 0 and len(t) <= 160:
            break  # the body's first line is a short sentence that no line repeats: there is no headline
    return i


_SENTENCE_END = re.compile(r"。|\.(?=\s+[A-Z]|\s*$)")


def _sentences(t: str) -> int:
    return len(_SENTENCE_END.findall(t)) or 1


def _crumb_lines(cands: list[Line], crumb: str) -> list[Line]:
    """The candidate lines that spell the breadcrumb's last step (a cut step, ending in …, is a prefix)."""
    key = _SPACES.sub("", crumb)
    if key.endswith(("…", "...")):
        key = key.rstrip(".…")
        return next(([c] for c in cands if _SPACES.sub("", c.text).startswith(key)), [])
    for k, first in enumerate(cands):
        joined, chosen = "", []
        for c in cands[k:]:
            joined += _SPACES.sub("", c.text)
            if not key.startswith(joined):
                break
            chosen.append(c)
            if joined == key:
                return chosen
    return []


def _label_rest(rel: Release, cands: list[Line], chosen: list[Line]) -> None:
    for c in cands:
        if c not in chosen:
            kind = "subtitle" if _SUBTITLE.match(c.text) else "label"
            rel.sections.append(Section(kind, c.text, c.span))


def _late_date(rel: Release, lines: list[Line], norm: Norm) -> None:
    """METI prints its date at the end (公表日 …)."""
    if rel.issued is not None:
        return
    for k, ln in enumerate(lines):
        if DATE_PREFIX.match(ln.text) and ln.text[:3] in ("公表日", "発表日", "掲載日", "公開日"):
            if ln.text in ("公表日", "発表日", "掲載日", "公開日"):  # the date on the next line
                ln = next((x for x in lines[k + 1:] if x.text), ln)
            hit = date_of_line(ln.text)
            if hit:
                a = norm.pos(ln.start) + _skip(ln.text)
                when = dates.When(a + hit[0].start, a + hit[0].end, hit[0].year, hit[0].month, hit[0].day)
                rel.issued = dates.date_value(norm, when)
                rel.sections.append(Section("date", ln.text, ln.span))
                return


def _publisher(rel: Release, lines: list[Line], norm: Norm, gaz: Gazetteer) -> OrgRef | None:
    """The printed issuer line, else the breadcrumb's first step, else the site of the URL."""
    for sec in rel.sections:
        if sec.kind == "issuer":
            rel.issuer_printed = True
            return orgs.resolve(norm, norm.pos(sec.span.start), norm.pos(sec.span.end), gaz, rel.lang)
    for sec in rel.sections:
        if sec.kind == "breadcrumb":
            ref = orgs.breadcrumb_org(norm, sec.span, gaz, rel.lang)
            if ref:
                return ref
    return _site_org(rel, gaz)


def _site_org(rel: Release, gaz: Gazetteer) -> OrgRef | None:
    host = (urlsplit(rel.url or "").hostname or "").lower()
    for suffix, key in sorted(gaz.sites.items(), key=lambda kv: -len(kv[0])):
        if host == suffix or host.endswith("." + suffix):
            return orgs.ref_for_key(key, rel.url or "", Span(0, 0), gaz, rel.lang)
    return None
