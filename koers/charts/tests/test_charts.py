"""The SVG charts: valid, accessible, honest about missing data."""

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from koers.charts import Point, Series, bar_chart, line_chart, matrix_chart, sparkline

NS = "{http://www.w3.org/2000/svg}"
values = st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), max_size=60)


def parse(svg: str):
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{NS}title") is not None and root.find(f"{NS}desc") is not None
    assert "style=" not in svg  # a strict CSP forbids style attributes
    return root


@given(values)
def test_a_sparkline_is_valid_svg_for_any_data(data):
    parse(sparkline(data, target=10))


def test_a_line_breaks_at_a_missing_period_instead_of_inventing_a_value():
    svg = line_chart([Series("Actual", [1, 2, None, 4])], ["J", "F", "M", "A"], title="t")
    path = parse(svg).find(f"{NS}path").get("d")
    assert path.count("M") == 2  # two separate pieces


def test_titles_and_labels_are_escaped():
    svg = line_chart([Series("A", [1])], ["<Q1>"], title="Sales & <b>more</b>")
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    parse(svg)


def test_bar_and_matrix_charts_draw_one_mark_per_item():
    bars = parse(bar_chart([("A", 3, "#000"), ("B", 1, "#000")], title="t"))
    assert len(bars.findall(f"{NS}rect")) == 2
    matrix = parse(
        matrix_chart(
            [Point(1, 5, "Trend"), Point(4, 2, "Other", size=1)],
            "Impact",
            "Unpredictability",
            title="m",
            quadrants=("a", "b", "c", "d"),
        )
    )
    assert len(matrix.findall(f"{NS}circle")) == 2


def test_a_single_period_sits_in_the_middle_with_its_whole_label():
    svg = line_chart([Series("a", [40])], ["25-11-2026"], width=400, y_range=(0, 100), unit=" %")
    assert 'cx="216.0"' in svg  # halfway between the 44 px axis and the 12 px right margin
    assert 'text-anchor="middle"' in svg and ">25-11-2026<" in svg
    assert ">100 %<" in svg and ">0 %<" in svg  # the fixed scale, with its unit
