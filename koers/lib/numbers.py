"""Numbers people type, bounded to what their column can hold.

A value a column cannot hold breaks every page that reads it back (SQLite stores it, Django's
decimal converter then fails on each read; PostgreSQL refuses the write with a 500). So every
number a person enters, in a form or an import, goes through one of these:

- `parse_decimal(raw, model_field)`: text as people type it (1234.5, 1.234,5, 1234,5) to a
  `Decimal` that fits the model field, or a translated `ValidationError`;
- `BoundedDecimalField` / `bounded_formfield`: the same for forms; every project ModelForm gets
  it through `BoundedModelForm` (integer columns get their portable range too);
- `out_of_range(...)`: the stored values that are outside their column (for `check_numbers`).
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# The ranges every supported database holds (PostgreSQL's; SQLite holds more but then the other
# database, a dump or a later migration would fail on them).
INTEGER_RANGES = {
    "SmallIntegerField": (-32768, 32767),
    "PositiveSmallIntegerField": (0, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "PositiveIntegerField": (0, 2147483647),
    "BigIntegerField": (-(2**63), 2**63 - 1),
    "PositiveBigIntegerField": (0, 2**63 - 1),
    "AutoField": (1, 2147483647),
    "BigAutoField": (1, 2**63 - 1),
}
MAX_TEXT = 40  # longer than any number a column holds; refuse before parsing megabytes


def largest(max_digits: int, decimal_places: int) -> Decimal:
    """The largest value a DECIMAL(max_digits, decimal_places) column holds."""
    whole = max_digits - decimal_places
    return Decimal(10) ** whole - Decimal(1).scaleb(-decimal_places)


def normalise(raw: str) -> str:
    """Accept 1234.5, 1.234,5 and 1234,5 as people type them in Dutch or English."""
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        return (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    return text.replace(",", ".")


def bounded(value: Decimal, max_digits: int, decimal_places: int) -> Decimal:
    """`value` if a DECIMAL(max_digits, decimal_places) column holds it, else ValidationError."""
    if not value.is_finite():
        raise ValidationError(_("Enter a number."), code="invalid")
    limit = largest(max_digits, decimal_places)
    if abs(value) > limit:
        raise ValidationError(
            _("Enter a number between -%(limit)s and %(limit)s.")
            % {"limit": number_format(limit, decimal_places, force_grouping=True)},
            code="max_value",
        )
    if value != value.quantize(Decimal(1).scaleb(-decimal_places), rounding="ROUND_HALF_EVEN"):
        raise ValidationError(
            _("Use at most %(places)s decimals.") % {"places": decimal_places},
            code="max_decimal_places",
        )
    return value


def parse_decimal(raw, model_field: models.DecimalField) -> Decimal:
    """Text (or a number from a spreadsheet) to a Decimal the model field holds."""
    if isinstance(raw, float):
        raw = format(raw, ".15g")  # a float's binary noise (0.30000000000000004) is not meant
    text = normalise(str(raw))
    if len(text) > MAX_TEXT:
        raise ValidationError(_("Enter a number."), code="invalid")
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(_("Enter a number."), code="invalid") from error
    return bounded(value, model_field.max_digits, model_field.decimal_places)


def error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def problem(raw, error: ValidationError) -> str:
    """What to tell the person who typed `raw`, which `parse_decimal` refused."""
    if error.code == "invalid":
        return _("“%(value)s” is not a number.") % {"value": str(raw)[:MAX_TEXT]}
    return error_text(error)


class BoundedDecimalField(forms.DecimalField):
    """A decimal form field that takes Dutch and English notation and never lets through a value
    its column cannot hold (NaN, Infinity, too many digits)."""

    def __init__(self, *, max_digits, decimal_places, **kwargs):
        kwargs.setdefault("localize", False)
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if len(str(value)) > MAX_TEXT * 2:
            raise ValidationError(_("Enter a number."), code="invalid")
        text = normalise(str(value))
        try:
            return Decimal(text)
        except (InvalidOperation, ValueError) as error:
            raise ValidationError(_("Enter a number."), code="invalid") from error

    def validate(self, value):
        super(forms.DecimalField, self).validate(value)  # required check only
        if value in self.empty_values:
            return
        bounded(value, self.max_digits, self.decimal_places)

    def run_validators(self, value):
        """Other validators run as usual; the digit count `validate` already said precisely."""
        if value in self.empty_values:
            return
        errors = []
        for validator in self.validators:
            if isinstance(validator, DecimalValidator):
                continue
            try:
                validator(value)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)


def bounded_formfield(db_field, **kwargs):
    """The formfield_callback of every project ModelForm: numbers bounded to their column."""
    if isinstance(db_field, models.DecimalField):
        kwargs.setdefault("form_class", BoundedDecimalField)
        return db_field.formfield(**kwargs)
    field = db_field.formfield(**kwargs)
    low_high = INTEGER_RANGES.get(db_field.get_internal_type())
    if low_high and isinstance(field, forms.IntegerField):
        low, high = low_high
        if field.min_value is None or field.min_value < low:
            field.min_value = low
            field.validators.append(MinValueValidator(low))
            field.widget.attrs["min"] = low
        if field.max_value is None or field.max_value > high:
            field.max_value = high
            field.validators.append(MaxValueValidator(high))
            field.widget.attrs["max"] = high
    return field


class BoundedModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Django reads formfield_callback from each form's own Meta, which a subclass replaces;
    this puts `bounded_formfield` into every Meta that does not name one itself."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(bounded_formfield)
        return super().__new__(mcs, name, bases, attrs)


class BoundedModelForm(forms.ModelForm, metaclass=BoundedModelFormMetaclass):
    """Base of every project ModelForm (`plans.forms.VersionedForm` derives from it)."""


def numeric_columns(model):
    """(field, low, high) of each decimal and integer column of `model`; low/high as Decimal."""
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DecimalField):
            limit = largest(field.max_digits, field.decimal_places)
            yield field, -limit, limit
        elif field.get_internal_type() in INTEGER_RANGES and not field.primary_key:
            low, high = INTEGER_RANGES[field.get_internal_type()]
            yield field, Decimal(low), Decimal(high)


def out_of_range(connection, model):
    """Rows of `model` holding a number outside its column's range: (pk, column, raw value).

    Read with SQL, because reading such a value through the ORM is exactly what fails.
    """
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    found = []
    with connection.cursor() as cursor:
        # Only what exists: `migrate` runs database checks before it adds new tables and columns.
        if model._meta.db_table not in connection.introspection.table_names(cursor):
            return found
        description = connection.introspection.get_table_description(cursor, model._meta.db_table)
        existing = {column.name for column in description}
        for field, low, high in numeric_columns(model):
            if field.column not in existing:
                continue
            column = quote(field.column)
            decimal = isinstance(field, models.DecimalField)
            # PostgreSQL's numeric holds NaN (and it compares as greater than any number).
            nan = f" OR {column} = 'NaN'" if decimal and connection.vendor == "postgresql" else ""
            # Compared as floats: SQLite keeps huge values as REAL, PostgreSQL casts exactly.
            cursor.execute(
                f"SELECT {pk}, CAST({column} AS TEXT) FROM {table} "  # noqa: S608 — names quoted
                f"WHERE {column} < %s OR {column} > %s{nan}",
                [float(low), float(high)],
            )
            found += [(row[0], field.name, row[1]) for row in cursor.fetchall()]
    return found
