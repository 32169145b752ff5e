"""Sentences stored untranslated and rendered in the reader's language.

A record written by one person (a decision in the minutes) is read by others in their own
language, so it keeps the English message id and its parameters instead of finished text.
Parameters are plain values, or {"t": msgid} for a word to translate, or {"date": "YYYY-MM-DD"}
(a day) or {"month": "YYYY-MM-DD"} (a month, as a KPI's period).
"""

from datetime import date

from django.utils.translation import gettext

from koers.lib import dates


def word(msgid: str) -> dict:
    return {"t": str(msgid)}


def day(value: date | None) -> dict | str:
    return {"date": value.isoformat()} if value else "—"


def month(value: date | None) -> dict | str:
    return {"month": value.isoformat()} if value else "—"


def _value(value):
    if isinstance(value, dict) and "t" in value:
        return gettext(value["t"])
    if isinstance(value, dict) and "date" in value:
        return dates.day(date.fromisoformat(value["date"]))
    if isinstance(value, dict) and "month" in value:
        return dates.month(date.fromisoformat(value["month"]))
    return value


def render(parts: list) -> str:
    """[[msgid, params], …] → the sentences in the active language."""
    return " ".join(
        gettext(msgid) % {key: _value(v) for key, v in params.items()} for msgid, params in parts
    )
