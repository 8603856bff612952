"""Synthetic press releases in the real formats, deterministic for a given seed.

    python bench/corpus.py OUT_DIR -n 1000 [--seed 0]

Each release is a MIC-style page copied as text (or, now and then, saved as HTML or in
Shift_JIS), with a NAME.meta.json sidecar giving its URL. The variations are those of
DOMAIN.md §2: era dates (平成/令和, 元年, weekdays in brackets), date ranges (及び, から…にかけて,
〜, commas), ordinals in brackets or as a prefix (digits or kanji), labelled participant blocks
or prose, topic headings numbered (1), ア, i) or 1., related-release blocks, an issuer line
or none, places as cities, a body as venue or online, and English releases that report the
same meeting as a Japanese one. Names come from the project's gazetteer (data/*.tsv) and
from made-up series and bodies, so both resolution paths are exercised.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from corpus_text import (ENGLISH_TOPICS, FIELDS, SURNAMES, TOPICS, UNITS, en_date, en_ordinal, era_date,
                        kanji_number, weekday_ja)

DATA = Path(__file__).resolve().parents[1] / "data"
START = dt.date(2006, 4, 1)
DAYS = (dt.date(2025, 12, 31) - START).days


def _tsv(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@dataclass
class Gaz:
    bodies: list[dict]
    countries: list[dict]
    places: list[dict]
    series: list[dict]

    @classmethod
    def load(cls) -> "Gaz":
        return cls(_tsv("bodies.tsv"), _tsv("countries.tsv"), _tsv("places.tsv"), _tsv("series.tsv"))

    def bodies_of(self, alpha2: str) -> list[dict]:
        return [b for b in self.bodies if b["country"] == alpha2 and b["kind"] == "government"]

    def places_of(self, alpha2: str) -> list[dict]:
        return [p for p in self.places if p["country"] == alpha2]


@dataclass
class Meeting:
    series_ja: str
    series_en: str
    country: dict  # the counterpart country
    ordinal: int
    start: dt.date
    end: dt.date
    level: str
    place: dict | None  # a gazetteer place, or None for online or a body as venue
    known: bool


class Corpus:
    """Draws meetings and writes releases; `release(i)` depends only on the seed and i."""

    def __init__(self, seed: int = 0):
        self.seed = seed
        self.gaz = Gaz.load()
        self.foreign = [c for c in self.gaz.countries if c["alpha2"] not in ("JP",)]
        self.ordinals: dict[str, int] = {}
        self.levels: dict[str, str] = {}

    def meeting(self, rnd: random.Random, issued: dt.date) -> Meeting:
        if rnd.random() < 0.25:
            s = rnd.choice(self.gaz.series)
            alpha2 = {"jp-us": "US", "jp-eu": "EU", "jp-fr": "FR", "jp-de": "DE", "jp-uk": "GB"}.get(s["key"][:5], "US")
            country = next(c for c in self.gaz.countries if c["alpha2"] == alpha2)
            ja, en, known = s["label_ja"], s["label_en"], True
        else:
            country = rnd.choice(self.foreign)
            field_ja, field_en = rnd.choice(FIELDS)
            ja = f"日{country['label_ja']}{field_ja}"
            en = f"Japan-{country['label_en']} {field_en}"
            known = False
        self.ordinals[ja] = self.ordinals.get(ja, 0) + 1
        end = issued - dt.timedelta(days=rnd.randint(1, 9))
        start = end - dt.timedelta(days=rnd.choice((0, 0, 1, 1, 2)))
        places = self.gaz.places_of(rnd.choice(("JP", country["alpha2"])))
        place = rnd.choice(places) if places and rnd.random() < 0.8 else None
        level = self.levels.setdefault(ja, rnd.choice(("局長級", "次官級", "課長級", "大臣級")))  # a series keeps its level
        return Meeting(ja, en, country, self.ordinals[ja], start, end, level, place, known)

    def releases(self, n: int):
        """(name, bytes, sidecar) for n release files: Japanese ones, and English twins of some."""
        twin = None
        for i in range(n):
            rnd = random.Random(f"{self.seed}-{i}")
            issued = START + dt.timedelta(days=int(DAYS * i / max(n, 1)) + 10)
            if twin is not None:
                m, number, issued = twin
                twin = None
                url = (f"https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/"
                       f"{issued.year}/{issued.month}/{issued.day}_{i}.html")
                yield pack(rnd, f"soumu_en_{number}", english(rnd, self.gaz, m, issued), url, english=True)
                continue
            m = self.meeting(rnd, issued)
            number = f"{rnd.randint(1, 9):02d}tsushin{rnd.randint(1, 9):02d}_{i:08d}"
            url = f"https://www.soumu.go.jp/menu_news/s-news/{number}.html"
            yield pack(rnd, f"soumu_{number}", japanese(rnd, self.gaz, m, issued, i), url)
            if m.known and rnd.random() < 0.5:
                twin = (m, number, issued)


def pack(rnd: random.Random, stem: str, text: str, url: str, english: bool = False):
    """The file as saved: mostly UTF-8 text, sometimes HTML, sometimes Shift_JIS."""
    roll = rnd.random()
    if roll < 0.1:
        body = "\n".join(f"<p>{line}</p>" if line else "" for line in text.split("\n"))
        page = f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{url}</title></head><body>\n{body}\n</body></html>\n'
        return f"{stem}.html", page.encode("utf-8"), {"url": url}
    if roll < 0.2 and not english:
        try:
            return f"{stem}.txt", text.encode("cp932"), {"url": url}
        except UnicodeEncodeError:
            pass
    return f"{stem}.txt", text.encode("utf-8"), {"url": url}


def _people(rnd: random.Random, bodies: list[dict], k: int) -> list[str]:
    out = []
    for body in rnd.sample(bodies, min(k, len(bodies))):
        out.append(f"{rnd.choice(SURNAMES)}{body['label_ja']}{rnd.choice(('局長', '審議官', '次長', '課長'))}")
    return out


def participants(rnd: random.Random, gaz: Gaz, m: Meeting) -> tuple[list[dict], list[dict], str, str]:
    """Bodies on each side, and the two host names."""
    jp = gaz.bodies_of("JP")
    mic = jp[0]
    ours = [mic] + rnd.sample(jp[1:], rnd.randint(1, 4))
    theirs = gaz.bodies_of(m.country["alpha2"])
    if not theirs:
        theirs = [{"label_ja": f"{m.country['label_ja']}{rnd.choice(('情報通信省', 'デジタル省', '科学技術省'))}",
                   "label_en": ""}]
    theirs = rnd.sample(theirs, min(len(theirs), rnd.randint(1, 4)))
    return ours, theirs, mic["label_ja"], theirs[0]["label_ja"]


def date_range_ja(rnd: random.Random, start: dt.date, end: dt.date, issued: dt.date) -> str:
    """A meeting's dates as a lead paragraph writes them, the year left out when it is the release's."""
    year = "" if start.year == issued.year else f"{start.year}年"
    if start == end:
        return rnd.choice((f"{year}{start.month}月{start.day}日", f"{year}{start.month}月{start.day}日({weekday_ja(start)})"))
    tail = f"{end.day}日" if end.month == start.month else f"{end.month}月{end.day}日"
    form = rnd.randrange(4)
    if form == 0:
        return f"{year}{start.month}月{start.day}日及び{tail}の{(end - start).days + 1}日間"
    if form == 1:
        return f"{year}{start.month}月{start.day}日から{tail}にかけて"
    if form == 2:
        return f"{year}{start.month}月{start.day}日({weekday_ja(start)})〜{tail}({weekday_ja(end)})"
    return f"{year}{start.month}月{start.day}日、{tail}"


def title_ja(rnd: random.Random, m: Meeting) -> tuple[str, str]:
    """The title, and how the meeting is named in the body (ordinal in brackets or as a prefix)."""
    ordinal = str(m.ordinal) if m.ordinal > 10 or rnd.random() < 0.8 else kanji_number(m.ordinal)
    if rnd.random() < 0.6:
        named = f"「{m.series_ja}」(第{ordinal}回{m.level}会合)"
        return f"{m.series_ja}(第{ordinal}回{m.level}会合)の結果", named
    named = f"第{ordinal}回{m.series_ja}"
    return f"第{ordinal}回{m.series_ja}の開催結果", f"「{named}」"


def topics_ja(rnd: random.Random, k: int) -> list[str]:
    style = rnd.randrange(4)
    marks = {0: lambda j: f"({j})", 1: lambda j: "アイウエオカキクケコ"[j - 1] + " ",
             2: lambda j: f"{'i ii iii iv v vi vii viii ix x'.split()[j - 1]})", 3: lambda j: f"{j}."}[style]
    lines = []
    for j, (topic, sentence) in enumerate(rnd.sample(TOPICS, k), start=1):
        lines += [f"{marks(j)}{topic}", f" 両国は、{sentence}"]
    return lines


def japanese(rnd: random.Random, gaz: Gaz, m: Meeting, issued: dt.date, i: int) -> str:
    ours, theirs, host, counterpart = participants(rnd, gaz, m)
    title, named = title_ja(rnd, m)
    where = (f"{m.place['label_ja']}にて、" if m.place else rnd.choice(("総務省にて、", "Web会議形式で、", "オンラインで、")))
    head = [] if rnd.random() < 0.1 else [f"総務省トップ > 広報・報道 > 報道資料一覧 > {title}", "", "報道資料", ""]
    head += [era_date(issued)] + (["総務省"] if rnd.random() < 0.4 else []) + ["", title, ""]
    lead = [f" {date_range_ja(rnd, m.start, m.end, issued)}、{host}と{counterpart}は、{where}{named}を開催しました。"]
    if rnd.random() < 0.5:
        lead.append(f"この対話には、日本側からは{host}の他、{'、'.join(b['label_ja'] for b in ours[1:])}等が、"
                    f"{m.country['label_ja']}側からは{counterpart}の他、{'、'.join(b['label_ja'] for b in theirs[1:]) or counterpart}等が参加しました。")
    body = ["", f"1 第{m.ordinal}回会合の主な成果", ""] + topics_ja(rnd, rnd.randint(2, 5))
    if rnd.random() < 0.6:
        body += ["", f"(参考)第{m.ordinal}回会合 出席者", "",
                 f"   日本側:{'、'.join(_people(rnd, ours[:1], 1) + [b['label_ja'] for b in ours[1:]])}ほか",
                 f"   {m.country['label_ja']}側:{'、'.join(b['label_ja'] for b in theirs)}ほか"]
    body += ["", "2 今後の予定", "", f"次回会合については、{m.end.year + 1}年中を目途に、東京において開催する予定です。"]
    if rnd.random() < 0.7:
        body += ["", "【別添】", "", "共同声明(和文)PDF", "共同声明(英文)PDF"]
    if m.ordinal > 1 and rnd.random() < 0.7:
        prev = m.end - dt.timedelta(days=rnd.randint(150, 400))
        body += ["", "【関係報道資料】", f"{m.series_ja}(第{m.ordinal - 1}回{m.level}会合)の結果({era_date(prev)})",
                 f"https://www.soumu.go.jp/menu_news/s-news/01tsushin06_{max(i - 1, 0):08d}.html"]
    unit = rnd.choice(UNITS)
    body += ["連絡先", unit, f"担当 :{rnd.choice(SURNAMES)}補佐、{rnd.choice(SURNAMES)}係長",
             f"電話 :03-5253-{rnd.randint(5000, 5999)}", f"FAX :03-5253-{rnd.randint(5000, 5999)}", "", "ページトップへ戻る"]
    return "\n".join(head + lead + body) + "\n"


def english(rnd: random.Random, gaz: Gaz, m: Meeting, issued: dt.date) -> str:
    where = f" in {m.place['label_en']}" if m.place else " by video conference"
    if m.start == m.end:
        dates = en_date(m.start)
    elif m.start.month == m.end.month:
        dates = f"{m.start.strftime('%B')} {m.start.day} and {m.end.day}, {m.end.year}"
    else:
        dates = f"{m.start.strftime('%B')} {m.start.day} and {m.end.strftime('%B')} {m.end.day}, {m.end.year}"
    lines = [en_date(issued), "", f"Results of the {en_ordinal(m.ordinal)} {m.series_en}", "",
             f"On {dates}, the Ministry of Internal Affairs and Communications (MIC) held the "
             f"{en_ordinal(m.ordinal)} {m.series_en}{where}.", "", "1. Main outcomes"]
    for j, (topic, sentence) in enumerate(rnd.sample(ENGLISH_TOPICS, rnd.randint(2, 4)), start=1):
        lines += [f"({j}) {topic}", f"Both sides {sentence}"]
    lines += ["", "Contact", "International Economic Affairs Division, Global Strategy Bureau", "Tel: +81-3-5253-5928"]
    return "\n".join(lines) + "\n"


def write(out: Path, n: int, seed: int = 0) -> int:
    """Write n release files (each with its sidecar) under `out`; returns n."""
    out.mkdir(parents=True, exist_ok=True)
    for name, data, meta in Corpus(seed).releases(n):
        (out / name).write_bytes(data)
        stem = name.rsplit(".", 1)[0]
        (out / f"{stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=1000, help="number of release files")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    print(f"wrote {write(args.out, args.n, args.seed)} release files to {args.out}")


if __name__ == "__main__":
    main()
