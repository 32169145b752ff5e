"""Models found by a field they declare, so a lower app can act on models of apps above it
without importing them or keeping a registry (`accounts.pending`: models with a `pending_owner`;
`plans.awaiting`: models with a `pending_draft`)."""

from functools import cache

from django.apps import apps


@cache
def models_linking(field_name: str, to) -> list:
    """Every installed model with a concrete foreign key `field_name` to the model `to`."""
    return [
        model
        for model in apps.get_models()
        if any(
            field.name == field_name and field.related_model is to
            for field in model._meta.concrete_fields
        )
    ]
