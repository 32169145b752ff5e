"""A number typed with its unit ("450 members", "€ 1.2M", "12,5 %"): read both, lose neither.

People write a target as they say it. A plain number field would refuse "450 members" (and a
browser's number input even sends it as empty, so the target silently vanished). Here the number
and the unit are separated: the number goes through the same bounds as every number
(`lib.numbers`), the unit fills an empty unit field or must agree with the one given; a
disagreement is a message, never a guess.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from koers.lib.numbers import (
    MAX_TEXT,
    BoundedDecimalField,
    bounded,
    normalise,
    parse_decimal,
    problem,
)

# Words for thousands, millions and billions, English and Dutch; "M" only as a capital, because
# "5 m" means metres. Matched only when no letter follows ("450 members" is not 450 million).
MAGNITUDES = {
    "k": 10**3,
    "K": 10**3,
    "thousand": 10**3,
    "duizend": 10**3,
    "M": 10**6,
    "mln": 10**6,
    "mio": 10**6,
    "million": 10**6,
    "miljoen": 10**6,
    "bn": 10**9,
    "mld": 10**9,
    "billion": 10**9,
    "miljard": 10**9,
}
_MAGNITUDE = "|".join(sorted(map(re.escape, MAGNITUDES), key=len, reverse=True))
_AMOUNT = re.compile(
    r"^(?P<before>[^\d+\-]*?)\s*"
    # digits with . and , (either notation), or thousands split by spaces ("1 200 000")
    r"(?P<number>[+\-]?(?:\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d+)?|\d[\d.,]*))\s*"
    rf"(?:(?P<magnitude>{_MAGNITUDE})(?![^\W\d_]))?\.?\s*"
    r"(?P<after>[^\d]*?)\s*$"
)
# Currency written as a sign or a word means the same unit.
SAME_UNIT = {"€": "eur", "euro": "eur", "euros": "eur", "$": "usd", "dollar": "usd", "£": "gbp"}


def parse_amount(raw: str) -> tuple[Decimal, str]:
    """("450 members") → (Decimal("450"), "members"); ValidationError if no single number is
    there or text stands both before and after it ("EUR 5 members": which is the unit?)."""
    text = str(raw).strip()
    match = _AMOUNT.match(text) if len(text) <= MAX_TEXT * 2 else None
    if match is None:
        raise ValidationError(_("Enter a number."), code="invalid")
    before, after = match["before"].strip(), match["after"].strip()
    if before and after:
        raise ValidationError(_("Enter a number."), code="invalid")
    try:
        value = Decimal(normalise(match["number"]))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(_("Enter a number."), code="invalid") from error
    if match["magnitude"]:
        value *= MAGNITUDES[match["magnitude"]]
    return value, before or after


def same_unit(typed: str, unit: str) -> bool:
    """Whether the unit typed beside the number is the unit field's ("€" and "EUR", "member"
    and "members" count as the same)."""

    def key(word: str) -> str:
        word = word.strip().casefold()
        word = SAME_UNIT.get(word, word)
        return word[:-1] if len(word) > 1 and word.endswith("s") else word

    return key(typed) == key(unit)


def settle_unit(raw: str, typed: str, unit: str | None, limit: int | None) -> str:
    """The unit to keep when `raw` was typed with the unit `typed` beside a unit field holding
    `unit`: the typed one fills an empty field, agrees with a given one, or ValidationError."""
    unit = (unit or "").strip()
    if not typed:
        return unit
    if not unit:
        if limit and len(typed) > limit:
            raise ValidationError(_("Put the unit in the unit field."), code="unit")
        return typed
    if not same_unit(typed, unit):
        raise ValidationError(
            _(
                "“%(typed)s” gives the unit “%(found)s”, but the unit field says “%(unit)s”."
                " Change one of them so they agree."
            )
            % {"typed": str(raw)[:MAX_TEXT], "found": typed, "unit": unit},
            code="unit",
        )
    return unit


def amount(raw, unit: str, model_field, unit_limit: int) -> tuple[Decimal, str]:
    """Text from an import cell with the unit column beside it: (number, unit) or
    ValidationError with the message for the row ("450 members" works as in the forms)."""
    try:
        return parse_decimal(raw, model_field), unit
    except ValidationError as plain:
        try:
            value, typed = parse_amount(raw)
        except ValidationError:
            raise ValidationError(problem(raw, plain), code="invalid") from plain
    value = bounded(value, model_field.max_digits, model_field.decimal_places)
    return value, settle_unit(raw, typed, unit, unit_limit)


class AmountField(BoundedDecimalField):
    """A bounded decimal that also reads a unit typed with the number; the unit found is in
    `typed_unit` after cleaning (the form decides what to do with it, `AmountUnitsMixin`)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    typed_unit = ""

    def to_python(self, value):
        self.typed_unit = ""
        try:
            return super().to_python(value)
        except ValidationError:
            try:
                number, self.typed_unit = parse_amount(value)
            except ValidationError as error:
                raise ValidationError(problem(value, error), code="invalid") from error
            return number

    def widget_attrs(self, widget):
        # No min/max/step: they belong to number inputs, which refuse "450 members" in the browser.
        return {}


class AmountUnitsMixin:
    """For a form with number fields beside unit fields (`amount_units = {"target_value":
    "target_unit"}`): the numbers take "450 members"; the unit typed fills an empty unit field or
    must be the same as the one given, else the number field says why."""

    amount_units: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.amount_units:
            old = self.fields[name]
            self.fields[name] = AmountField(
                max_digits=old.max_digits,
                decimal_places=old.decimal_places,
                required=old.required,
                label=old.label,
                help_text=old.help_text,
                initial=old.initial,
            )

    def clean(self):
        cleaned = super().clean()
        for name, unit_name in self.amount_units.items():
            typed = self.fields[name].typed_unit
            if name not in cleaned or not typed:
                continue
            raw = self.data.get(self.add_prefix(name), "")
            try:
                cleaned[unit_name] = settle_unit(
                    raw, typed, cleaned.get(unit_name), self.fields[unit_name].max_length
                )
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned
