"""The base of every form that edits a saved row: bounded numbers and the version it loaded."""

from django import forms

from koers.lib.keptrows import Rows
from koers.lib.numbers import BoundedModelForm

MAX_VERSION = 2**31 - 1  # what a version column holds on every database
UNKNOWN_VERSION = -1  # matches no row: versions start at 0 (unsaved defaults) or 1


class VersionedForm(BoundedModelForm):
    """Adds the hidden version the editor started from, for the optimistic concurrency check."""

    # Text, not a number field: a missing or mangled version is a conflict the editor is told
    # about (loaded_version), not an error on a field they cannot see.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version

    @property
    def edited_fields(self) -> list[str]:
        return list(self._meta.fields)

    def clean_version(self) -> int | None:
        raw = (self.cleaned_data.get("version") or "").strip()
        if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_VERSION:
            return None
        return int(raw)

    def loaded_version(self) -> int:
        """The version the editor started from. An edit of a saved row posted without it (an
        old tab, a script, a tampered form) cannot show it saw the latest save, so it gets a
        version no row has: save_versioned reports a conflict instead of overwriting."""
        loaded = self.cleaned_data.get("version")
        if loaded is not None:
            return loaded
        return self.instance.version if self.instance.pk is None else UNKNOWN_VERSION


def fixed_choices(field) -> tuple:
    """Read a model choice field's options once: its widget then shows this list (rendering
    would query again), and the list can key a kept form (`{% fragment %}`). A POST still
    checks the field's queryset.

    A field whose options are its queryset's rows as they are (no `choices` set on it) is read
    as stored rows (koers.lib.keptrows.Rows), and the options are made of them only when the
    widget is rendered: a form found kept then builds no instance of its hundreds of people.
    The key is then the rows' state, which holds every value a label is made from: a label
    may read the rows' own columns and the relations the queryset selects, nothing else."""
    if isinstance(field, forms.ModelChoiceField) and not hasattr(field, "_choices"):
        rows, choice = Rows(field.queryset), field.iterator(field).choice
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        # A callable: the widget calls it when it renders its options.
        field.widget.choices = lambda: [*empty, *(choice(obj) for obj in rows.objects)]
        return (tuple(str(label) for _value, label in empty), rows.state)
    choices = list(iter(field.choices))  # iter(): list() would ask its length, a COUNT query
    field.widget.choices = choices
    return tuple((str(value), str(label)) for value, label in choices)
