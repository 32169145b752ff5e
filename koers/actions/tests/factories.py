"""Small builders for action-plan tests."""

from datetime import date, timedelta

from django.utils import timezone

from koers.actions.models import Action


def make_action(strategy, owner=None, title="Bake bread", **fields) -> Action:
    defaults = {"start_date": date(2027, 1, 1), "due_date": date(2027, 6, 30)}
    return Action.objects.create(
        strategy=strategy, owner=owner, title=title, **{**defaults, **fields}
    )


def days_ago(n: int):
    return timezone.now() - timedelta(days=n)
