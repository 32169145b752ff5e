"""Ids typed into URLs and forms by hand: only what a primary key column can hold."""

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1  # a BigAutoField on PostgreSQL and SQLite's INTEGER


def parse_id(raw) -> int | None:
    """The id `raw` spells (digits only, within a key column's range), or None."""
    text = str(raw).strip() if raw is not None else ""
    # Longer than any id: refused before int(), which refuses past 4,300 digits with an error.
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def parse_ids(values) -> list[int] | None:
    """Every id of a list (a multiple-choice field), or None if any is not an id."""
    ids = [parse_id(value) for value in values]
    return None if any(i is None for i in ids) else ids


class ModelIdsField(forms.ModelMultipleChoiceField):
    """A multiple choice of objects whose posted values are checked to be ids before any query:
    Django checks them with an `__in` query, which an id beyond the key column's range breaks."""

    def _check_values(self, value):
        for item in value:
            if parse_id(item) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:40]},
                )
        return super()._check_values(value)
