"""Dates in the reader's language, the same way everywhere: Python code (e-mails, PDFs,
decisions, follow-ups) calls these, templates use `|date` (the formats live in koers/formats/)."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format, get_format_modules
from django.utils.translation import get_language


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def day(value: date | datetime | None) -> str:
    """ "21 Dec 2026" / "21 dec 2026"; a moment is shown on its day in the local time zone."""
    return date_format(_as_date(value), "DATE_FORMAT") if value else ""


def day_and_month(value: date | datetime | None) -> str:
    """ "21 Dec" / "21 dec", for dates near enough that the year goes without saying."""
    return date_format(_as_date(value), "MONTH_DAY_FORMAT") if value else ""


def month(value: date | datetime | None) -> str:
    """ "Dec 2026" / "dec 2026": a month of figures or milestones."""
    return date_format(_as_date(value), "YEAR_MONTH_FORMAT") if value else ""


def chart_month(value: date) -> str:
    """ "Dec 26" / "dec 26": a chart's axis label, kept short (CHART_MONTH_FORMAT in the
    language's formats module, a name of Koers's own that Django does not know)."""
    for module in get_format_modules(get_language()):
        if hasattr(module, "CHART_MONTH_FORMAT"):
            return date_format(value, module.CHART_MONTH_FORMAT)
    return date_format(value, "M y")
