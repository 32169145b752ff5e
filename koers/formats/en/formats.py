"""Koers's one date format for English: "21 Dec 2026" on pages, PDFs, e-mails and decisions
(FORMAT_MODULE_PATH; Python code formats through koers.lib.dates)."""

DATE_FORMAT = "j M Y"
MONTH_DAY_FORMAT = "j M"
DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "M Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
CHART_MONTH_FORMAT = "M y"  # Koers's own: koers.lib.dates.chart_month
