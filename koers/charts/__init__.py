"""Small server-side SVG charts: data in, an accessible SVG string out (no JS, PDF-safe)."""

from koers.charts.svg import Point, Series, bar_chart, line_chart, matrix_chart, sparkline

__all__ = ["Point", "Series", "bar_chart", "line_chart", "matrix_chart", "sparkline"]
