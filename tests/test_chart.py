"""kg.chart on its own: every mark links to its evidence, hostile labels stay text, right-to-left
labels are isolated, the same input gives the same bytes, and no data gives a clear empty chart."""
from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from datetime import date

from kg.chart import Cell, Dot, Lane, matrix_svg, spread, timeline_svg
from kg.chart.svg import blend, cut, text

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = 'A <script>alert("x")</script> & \'q\' \x00\x1b\x7f\x9b end'


def parse(svg: str) -> ET.Element:
    """The chart read as XML (which it must be: an unescaped label would break this)."""
    return ET.fromstring(svg)


def links(root: ET.Element) -> dict[str, ET.Element]:
    return {a.get("href"): a for a in root.iter(f"{NS}a")}


def lanes() -> list[Lane]:
    return [Lane("日米インターネットエコノミー政策協力対話", "/series/jp-us-ied", [
                Dot("/meeting/jp-us-ied/6", date(2015, 9, 29), "6", "東京", "第6回 2015-09-29"),
                Dot("/meeting/jp-us-ied/7", date(2016, 10, 4), "7", "Washington, D.C."),
                Dot("/meeting/jp-us-ied/x", None, "?")]),
            Lane("Japan-EU ICT Policy Dialogue", "/series/jp-eu-ict", [
                Dot("#meeting-21", date(2015, 5, 13), "21", "Tokyo"),
                Dot("#meeting-22", date(2015, 5, 14), "22", "Brussels")])]


def test_each_dot_links_to_its_meeting_with_its_number_inside():
    root = parse(timeline_svg(lanes()))
    found = links(root)
    for href, number in (("/meeting/jp-us-ied/6", "6"), ("/meeting/jp-us-ied/7", "7"), ("#meeting-21", "21"),
                         ("#meeting-22", "22"), ("/meeting/jp-us-ied/x", "?")):
        a = found[href]
        assert a.find(f"{NS}circle") is not None
        assert a.find(f"{NS}text[@class='ordinal']").text == number
    assert found["/meeting/jp-us-ied/6"].find(f"{NS}title").text == "第6回 2015-09-29"
    assert found["/meeting/jp-us-ied/x"].get("class") == "meeting undated"  # no date: hollow, before the axis
    assert found["/meeting/jp-us-ied/x"].find(f"{NS}circle").get("fill") == "#fff"
    notes = [a.find(f"{NS}text[@class='note']").text for a in found.values() if a.get("class") == "meeting"]
    assert sorted(notes) == sorted(["東京", "Washington, D.C.", "Tokyo", "Brussels"])
    series = {a.get("href"): a.find(f"{NS}text").text for a in found.values() if a.get("href").startswith("/series/")}
    assert series == {"/series/jp-us-ied": "日米インターネットエコノミー政策協力…",  # cut to the label column
                      "/series/jp-eu-ict": "Japan-EU ICT Policy Dialogue"}
    assert found["/series/jp-us-ied"].find(f"{NS}text/{NS}title").text == "日米インターネットエコノミー政策協力対話"
    years = [t.text for t in root.iter(f"{NS}text") if t.get("class") == "year"]
    assert years == ["date unknown", "2015", "2016", "2017"]


def test_dots_in_time_order_left_to_right_and_close_ones_kept_apart():
    root = parse(timeline_svg(lanes()))
    found = links(root)
    x = {h: float(a.find(f"{NS}circle").get("cx")) for h, a in found.items() if a.find(f"{NS}circle") is not None}
    assert x["/meeting/jp-us-ied/x"] < x["#meeting-21"] < x["/meeting/jp-us-ied/6"] < x["/meeting/jp-us-ied/7"]
    assert x["#meeting-22"] - x["#meeting-21"] >= 20  # a day apart in time, yet both whole
    assert [ln.get("class") for ln in root.iter(f"{NS}line")].count("when") == 2  # their true dates marked


def test_spread_moves_dots_as_little_as_needed():
    assert spread([100.0, 300.0], 0, 1000) == [100.0, 300.0]
    assert spread([100.0, 101.0], 0, 1000) == [90.5, 110.5]
    assert spread([0.0, 0.0, 0.0], 0, 1000) == [0.0, 20.0, 40.0]
    assert spread([float(i) for i in range(100)], 0, 990) == [i * 10.0 for i in range(100)]  # cannot fit: even


def test_each_matrix_cell_links_to_its_evidence_in_its_row_and_column():
    rows, columns = ["European Commission", "総務省"], ["No. 21", "No. 22", "No. 23"]
    cells = [Cell(0, 2, "#cell-eu-23", "#1f4e79", title="host"), Cell(1, 0, "#cell-mic-21", "#8fb3d9", "3"),
             Cell(5, 0, "#nowhere", "#000000")]  # a row that does not exist is not drawn
    root = parse(matrix_svg(rows, columns, cells, "Who took part", legend=[("#1f4e79", "host")]))
    found = links(root)
    assert set(found) == {"#cell-eu-23", "#cell-mic-21"}
    rect = {h: a.find(f"{NS}rect") for h, a in found.items()}
    assert float(rect["#cell-eu-23"].get("x")) > float(rect["#cell-mic-21"].get("x"))  # column 2 right of 0
    assert float(rect["#cell-eu-23"].get("y")) < float(rect["#cell-mic-21"].get("y"))  # row 0 above row 1
    assert rect["#cell-eu-23"].get("fill") == "#1f4e79" and found["#cell-eu-23"].find(f"{NS}title").text == "host"
    number = found["#cell-mic-21"].find(f"{NS}text")
    assert number.text == "3" and number.get("fill") == "#333"  # dark figures on a light cell
    labels = {t.get("class"): [] for t in root.iter(f"{NS}text")}
    for t in root.iter(f"{NS}text"):
        labels[t.get("class")].append(t.text)
    assert labels["row"] == rows and labels["column"] == columns and labels["legend"] == ["host"]


def test_hostile_labels_stay_text():
    svg = timeline_svg([Lane(HOSTILE, "javascript:alert(1)", [Dot(" javascript:alert(2)", date(2020, 1, 1),
                                                                   HOSTILE, HOSTILE, HOSTILE)])])
    svg += matrix_svg([HOSTILE], [HOSTILE], [Cell(0, 0, "JaVaScRiPt:x", "#1f4e79", HOSTILE, HOSTILE)], HOSTILE,
                      caption=HOSTILE, legend=[("#1f4e79", HOSTILE)])
    assert "<script" not in svg and "javascript:" not in svg.lower()
    assert not any(ch in svg for ch in "\x00\x1b\x7f\x9b")
    for chart in svg.split("</svg>")[:2]:
        root = parse(chart + "</svg>")
        assert {a.get("href") for a in root.iter(f"{NS}a")} <= {"#"}
        cleaned = HOSTILE.translate({ord(c): "\ufffd" for c in "\x00\x1b\x7f\x9b"})
        shown = [t.text for t in root.iter() if t.text]
        assert cleaned in shown  # the whole label, as text (in a tooltip or the caption)
        assert any(s.startswith('A <script>al') and s.endswith("…") for s in shown)  # cut where room is short


def test_right_to_left_labels_are_isolated_and_left_to_right_ones_left_alone():
    assert text("Tokyo") == "Tokyo" and text("東京") == "東京"
    assert text("ירושלים") == '<tspan unicode-bidi="plaintext">ירושלים</tspan>'
    assert text("مجلس التعاون (GCC)") == '<tspan unicode-bidi="plaintext">مجلس التعاون (GCC)</tspan>'
    assert text("Council of ירושלים") == '<tspan unicode-bidi="plaintext">Council of ירושלים</tspan>'
    assert text("a\u202eb") == '<tspan unicode-bidi="plaintext">a\u202eb</tspan>'  # an override kept in
    root = parse(timeline_svg([Lane("ירושלים", "/s", [Dot("/m", date(2020, 1, 1), "1", "القاهرة")])]))
    isolated = [t for t in root.iter(f"{NS}tspan")]
    assert [(t.text, t.get("unicode-bidi")) for t in isolated] == [("ירושלים", "plaintext"), ("القاهرة", "plaintext")]


def test_the_same_input_gives_the_same_bytes_whatever_its_order():
    first = timeline_svg(lanes())
    shuffled = lanes()
    for lane in shuffled:
        random.Random(7).shuffle(lane.dots)
    assert timeline_svg(lanes()) == first == timeline_svg(shuffled)
    cells = [Cell(r, c, f"#c{r}{c}", blend(["#fff3d6", "#b23a48"], (r + c) / 4), str(r + c)) for r in range(3)
             for c in range(3)]
    one = matrix_svg(["a", "b", "c"], ["x", "y", "z"], cells, "t")
    random.Random(3).shuffle(cells)
    assert matrix_svg(["a", "b", "c"], ["x", "y", "z"], cells, "t") == one


def test_no_data_gives_a_clear_empty_chart():
    for svg in (timeline_svg([]), timeline_svg([Lane("A series with no meeting", "/s")])):
        root = parse(svg)
        assert "No meetings yet." in ["".join(t.itertext()) for t in root.iter(f"{NS}text")]
        assert float(root.get("width")) > 0 and float(root.get("height")) > 0
    root = parse(matrix_svg([], [], [], "Who took part", empty="No organisation is named."))
    assert ["".join(t.itertext()) for t in root.iter(f"{NS}text")] == ["No organisation is named."]


def test_long_labels_are_cut_and_kept_whole_in_the_tooltip():
    name = "Directorate-General for Communications Networks, Content and Technology of the European Commission"
    root = parse(matrix_svg([name], ["No. 1"], [Cell(0, 0, "#c", "#1f4e79")], "t"))
    row = next(t for t in root.iter(f"{NS}text") if t.get("class") == "row")
    assert row.text.endswith("…") and len(row.text) < len(name) and row.find(f"{NS}title").text == name
    assert cut("日本" * 40, 100, 10).endswith("…") and len(cut("日本" * 40, 100, 10)) == 10
