"""Model choice fields listing objects a page already holds."""

from django import forms


def offer(field: forms.ModelChoiceField, objects) -> None:
    """Render a model choice field from `objects` rather than from a query of its own each time
    it renders; a submitted choice is still checked against the field's queryset.

    `objects` is read only when the field renders, so a lazy queryset costs nothing on pages that
    leave the form out, and one queryset shared by several fields is fetched once.
    """
    choice = field.iterator(field).choice
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.choices = lambda: [*empty, *(choice(obj) for obj in objects)]
