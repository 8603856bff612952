"""A release built by hand as records, so mapping, store, queries and export are tested apart from extraction."""
from __future__ import annotations

from kg.model import Contact, DateValue, Document, Meeting, OrgRef, Outcome, Participation, Person, Place, RelatedRelease, Release, Source, Span, Topic

TEXT = ("令和2年5月2日\n総務省\n"
        "テスト対話(第2回局長級会合)の結果\n"
        "5月1日及び2日の2日間、総務省と架空国通信省は、東京にて、テスト対話を開催しました。\n"
        "(1)サイバーセキュリティ\n両国は、連携を継続することで一致しました。\n今後の連携が確認されました。\n"
        "出席者:山田総務省国際戦略局長\n"
        "【別添】共同声明(英文)PDF\n"
        "【関係報道資料】テスト対話(第1回局長級会合)の結果(令和元年5月1日)\nhttps://www.example.go.jp/r0.html\n"
        "連絡先 国際戦略局 国際経済課 担当:佐藤補佐 電話:03-1234-5678\n")


def span(words: str, after: int = 0) -> Span:
    start = TEXT.index(words, after)
    return Span(start, start + len(words))


def org(mention: str, key: str, known: bool, country: str = "JP") -> OrgRef:
    return OrgRef(mention=mention, span=span(mention), key=key, name=mention, country=country, known=known)


def sample_release() -> Release:
    mic = org("総務省", "jp-mic", True)
    other = org("架空国通信省", "n-test-ministry", False, country="FR")
    lead = span("5月1日及び2日の2日間、総務省と架空国通信省は、東京にて、テスト対話を開催しました。")
    meeting = Meeting(
        name="テスト対話", span=lead, series_key="s-test", series_name="テスト対話", ordinal=2, level="局長級",
        start=DateValue("5月1日", span("5月1日"), iso="2020-05-01"),
        end=DateValue("2日", span("2日", TEXT.index("5月1日")), iso="2020-05-02"),
        location=Place("東京", span("東京"), key="tokyo", name="東京", country="JP", known=True),
        participations=[Participation(mic, "host", [lead]), Participation(other, "host", [lead])],
        people=[Person("山田", "国際戦略局長", span("山田総務省国際戦略局長"), org=mic)],
        topics=[Topic(1, "サイバーセキュリティ", span("(1)サイバーセキュリティ"), "(1)")],
        outcomes=[Outcome("agreed", "両国は、連携を継続することで一致しました。", span("両国は、連携を継続することで一致しました。"),
                          topic=1, party_countries=["JP"], verb="一致"),
                  Outcome("confirmed", "今後の連携が確認されました。", span("今後の連携が確認されました。"), topic=1, verb="確認")])
    planned = Meeting(name="テスト対話", span=span("テスト対話", TEXT.index("【関係")), series_key="s-test",
                      series_name="テスト対話", ordinal=3, status="scheduled", reported=False,
                      start=DateValue("2021年中", span("令和2年"), year=2021))
    return Release(
        id="example-r1", lang="ja",
        source=Source(path="r1.txt", text=TEXT, sha256="0" * 64, encoding="utf-8", url="https://www.example.go.jp/r1.html"),
        title="テスト対話(第2回局長級会合)の結果", title_span=span("テスト対話(第2回局長級会合)の結果"),
        issued=DateValue("令和2年5月2日", span("令和2年5月2日"), iso="2020-05-02"), publisher=mic, issuer_printed=True,
        meetings=[meeting, planned],
        related=[RelatedRelease("テスト対話(第1回局長級会合)の結果", "https://www.example.go.jp/r0.html",
                                span("テスト対話(第1回局長級会合)の結果(令和元年5月1日)"),
                                DateValue("令和元年5月1日", span("令和元年5月1日"), iso="2019-05-01"),
                                series_name="テスト対話", series_key="s-test", ordinal=1, level="局長級")],
        documents=[Document("共同声明(英文)", span("共同声明(英文)PDF"), lang="en", format="application/pdf")],
        contacts=[Contact("国際戦略局 国際経済課", span("連絡先 国際戦略局 国際経済課 担当:佐藤補佐 電話:03-1234-5678"),
                          staff=["佐藤補佐"], phone="03-1234-5678")])
