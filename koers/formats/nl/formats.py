"""Koers's one date format for Dutch: "27 okt 2026" — Dutch writes month abbreviations in lower
case, which Django's "M" capitalises ("Okt"), so the format uses "b"."""

DATE_FORMAT = "j b Y"
MONTH_DAY_FORMAT = "j b"
DATETIME_FORMAT = "j b Y, H:i"
YEAR_MONTH_FORMAT = "b Y"
SHORT_DATE_FORMAT = "j b Y"
TIME_FORMAT = "H:i"
CHART_MONTH_FORMAT = "b y"  # Koers's own: koers.lib.dates.chart_month
