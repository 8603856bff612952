"""Words and date forms for the synthetic corpus (bench/corpus.py)."""
from __future__ import annotations

import datetime as dt

SURNAMES = ["鈴木", "佐藤", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
            "佐々木", "山口", "松本", "井上", "木村", "林", "清水", "山崎", "森", "池田", "橋本", "阿部"]

FIELDS = [("ICT政策対話", "ICT Policy Dialogue"), ("情報通信政策協議", "Policy Consultation on ICT"),
          ("デジタル政策対話", "Digital Policy Dialogue"), ("サイバー協議", "Cyber Consultation"),
          ("郵便分野協力会合", "Postal Cooperation Meeting"), ("放送分野政策対話", "Broadcasting Policy Dialogue")]

TOPICS = [
    ("インターネットガバナンス", "マルチステークホルダーによるインターネットガバナンスの重要性について認識を共有しました。"),
    ("サイバーセキュリティ", "サイバーセキュリティ分野における連携を継続することで一致しました。"),
    ("パーソナルデータの保護", "パーソナルデータの保護について意見交換を継続することを確認しました。"),
    ("研究開発協力", "研究開発協力を引き続き推進することを確認しました。"),
    ("5G及びBeyond 5G", "5G及びBeyond 5Gに関する協力を推進することで合意しました。"),
    ("デジタル人材の育成", "デジタル人材の育成に向けた取組を歓迎しました。"),
    ("AIの利活用", "信頼できるAIの利活用に向けた国際協調の重要性を強調しました。"),
    ("国際機関における連携", "国際機関における連携を強化することに同意しました。"),
    ("データ流通", "信頼性のある自由なデータ流通の推進について一致しました。"),
    ("海底ケーブル", "海底ケーブルの強靱化に向けた協力を確認しました。"),
]

ENGLISH_TOPICS = [
    ("Internet governance", "shared the recognition that the multistakeholder approach is important."),
    ("Cybersecurity", "agreed to continue their cooperation on cybersecurity."),
    ("Research and development", "confirmed that they will promote joint research."),
    ("Data flows", "agreed to promote data free flow with trust."),
    ("Artificial intelligence", "welcomed the progress on trustworthy AI."),
]

UNITS = ["情報通信国際戦略局 国際経済課", "国際戦略局 国際政策課", "国際戦略局 国際協力課",
         "サイバーセキュリティ統括官室", "情報流通行政局 郵政行政部 国際企画室"]

_WEEKDAYS = "月火水木金土日"
_KANJI = "〇一二三四五六七八九"


def weekday_ja(day: dt.date) -> str:
    return _WEEKDAYS[day.weekday()]


def era_date(day: dt.date, weekday: bool = False) -> str:
    """平成26年9月19日, 令和元年5月7日, optionally with the weekday in brackets."""
    if day >= dt.date(2019, 5, 1):
        era, year = "令和", day.year - 2018
    else:
        era, year = "平成", day.year - 1988
    text = f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return text + (f"({weekday_ja(day)})" if weekday else "")


def kanji_number(n: int) -> str:
    """1..99 in kanji numerals: 三, 十, 十二, 二十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _KANJI[tens] + "十")
    return head + ("" if ones == 0 else _KANJI[ones])


def en_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def en_date(day: dt.date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"
