"""The date normaliser: every written form of DOMAIN.md §2, and properties that hold for any text."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from kg.extract.dates import era_year, find_dates
from kg.extract.textnorm import nfkc

REF = dt.date(2014, 9, 19)


def first_range(text: str, ref: dt.date | None = REF):
    found = find_dates(nfkc(text), ref)
    assert found, text
    r = found[0]
    return (r.first.iso or (r.first.year, r.first.month)), (r.last.iso or (r.last.year, r.last.month))


@pytest.mark.parametrize("text, start, end", [
    ("平成26年9月19日", "2014-09-19", "2014-09-19"),
    ("令和元年10月17日", "2019-10-17", "2019-10-17"),
    ("令和7年1月22日(水)", "2025-01-22", "2025-01-22"),
    ("9月16日及び17日の2日間", "2014-09-16", "2014-09-17"),
    ("10月30日から31日にかけて", "2014-10-30", "2014-10-31"),
    ("平成22年10月30日(土)、31日(日)", "2010-10-30", "2010-10-31"),
    ("9月12日(火)及び9月13日(水)に", "2014-09-12", "2014-09-13"),
    ("令和5年12月18日(月)〜令和5年12月19日(火)", "2023-12-18", "2023-12-19"),
    ("２０１９年１０月１０日から１１日にかけ", "2019-10-10", "2019-10-11"),
    ("October 18/19, 2012", "2012-10-18", "2012-10-19"),
    ("September 9-10, 2020", "2020-09-09", "2020-09-10"),
    ("Friday, December 13, 2019", "2019-12-13", "2019-12-13"),
    ("on May 19th", "2014-05-19", "2014-05-19"),
    ("13 December 2019", "2019-12-13", "2019-12-13"),
    ("6-7 October 2022", "2022-10-06", "2022-10-07"),
    ("2022/10/7", "2022-10-07", "2022-10-07"),
    ("11、12日", "2014-09-11", "2014-09-12"),
    ("本日、開催しました", "2014-09-19", "2014-09-19"),
])
def test_days_and_ranges(text, start, end):
    assert first_range(text) == (start, end)


@pytest.mark.parametrize("text, value", [
    ("2015年中を目途に", (2015, None)),
    ("今年10月に", (2014, 10)),
    ("昨年12月に開催された", (2013, 12)),
    ("来年3月", (2015, 3)),
    ("平成27年中", (2015, None)),
])
def test_vague_dates_stay_vague(text, value):
    assert first_range(text)[0] == value


def test_a_december_meeting_in_a_january_release_is_last_year():
    assert first_range("12月18日及び19日", dt.date(2024, 1, 15)) == ("2023-12-18", "2023-12-19")


def test_japan_time_in_brackets_is_not_the_meeting_date():
    found = find_dates(nfkc("9月12日22:00(日本時間9月13日11:00)"), REF)
    assert [r.first.iso for r in found] == ["2014-09-12"]


def test_local_time_wins_over_japan_time_written_first():
    found = find_dates(nfkc("日本時間9月12日(現地時間9月11日)午後、会談を行いました"), REF)
    assert [r.first.iso for r in found] == ["2014-09-11"]


def test_no_year_and_no_release_date_gives_no_day():
    assert [r for r in find_dates("10月6日(木)に", None) if r.first.iso] == []


def test_impossible_days_are_dropped():
    assert find_dates("平成26年2月30日", REF) == []


def test_era_years():
    assert era_year("平成", "元") == 1989 and era_year("令和", "元") == 2019 and era_year("平成", "26") == 2014


def test_a_text_without_a_date_has_none_and_an_era_date_is_read():
    assert find_dates(nfkc("日付なし")) == []
    (first,) = find_dates(nfkc("令和元年5月1日"))
    assert (first.first.iso, first.first.year, first.first.month) == ("2019-05-01", 2019, 5)


TEXT = st.text(alphabet=st.sampled_from(list("0123456789年月日及び〜から、,/-平成令和元本今昨来中() MayJuneFriday上旬th")),
               max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)) | st.none())
def test_any_text_gives_valid_dates_or_vague_values(text, ref):
    for r in find_dates(nfkc(text), ref):
        for w in (r.first, r.last):
            if w.iso:
                dt.date.fromisoformat(w.iso)
            else:
                assert w.day is None and (w.year is None or 1800 <= w.year <= 2200)
                assert w.month is None or 1 <= w.month <= 12
        assert not (r.first.iso and r.last.iso) or r.first.iso <= r.last.iso


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gives_dates_that_exist(text):
    for r in find_dates(nfkc(text)):
        for w in (r.first, r.last):
            assert w.iso is None or dt.date.fromisoformat(w.iso)


def test_counts_of_days_are_not_dates():
    assert find_dates(nfkc("30日以内に、10日前に、3日ぶりに"), REF) == []
