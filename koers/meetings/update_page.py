"""All my updates on one page: every action (and strategy, before steering) the coming session
asks of me, each with my previous update beside its form.

The list is `asked.round_actions` / `asked.round_strategies` (answered or not, so what I saved
stays on the page); the writes go through `actions.rules.post_update` and
`post_strategy_update`, the only paths for updates. Both the logged-in page and the personal
link from the e-mail (`meetings.links`) are built from a `Scope`: who, in which workspace and,
for a link, which plan and session. Queries do not grow with the number of items: the items,
their latest updates, and (before steering) the strategies and theirs.
"""

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.accounts.permissions import Can, can
from koers.actions import rules as action_rules
from koers.actions.models import COLOUR_MEANINGS, ActionUpdate, Colour, StrategyUpdate
from koers.meetings import asked
from koers.plans.roles import on_plan


class _Textarea(forms.Textarea):
    """A textarea written out here rather than by the template engine: the page has four
    fields per item, and with twenty items the widget templates alone cost most of its
    rendering time (bench/run.py --only my_updates). Same attributes as Django's."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        text = self.format_value(value) or ""
        return format_html('<textarea name="{}"{}>\n{}</textarea>', name, flatatt(attrs), text)


class _NumberInput(forms.NumberInput):
    """See _Textarea."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**self.build_attrs(self.attrs, attrs), "value": self.format_value(value)}
        return format_html('<input type="{}" name="{}"{}>', self.input_type, name, flatatt(attrs))


@dataclass
class Scope:
    user: object
    workspace: object
    plan: object = None  # a personal link covers one plan's round
    session_id: int | None = None  # ... and one session
    # A logged-in member: only plans where their role (a plan role counts) lets them update.
    membership: object = None


class _QuickForm(forms.Form):
    same = forms.BooleanField(label=gettext_lazy("Nothing changed since last time"), required=False)
    did = forms.CharField(
        label=gettext_lazy("What did you do?"),
        required=False,
        widget=_Textarea(attrs={"rows": 2}),
    )
    next = forms.CharField(
        label=gettext_lazy("What will you do next period?"),
        required=False,
        widget=_Textarea(attrs={"rows": 2}),
    )
    need = forms.CharField(
        label=gettext_lazy("What do you need from the team?"),
        required=False,
        widget=_Textarea(attrs={"rows": 2}),
    )
    colour = forms.ChoiceField(
        label=gettext_lazy("Colour"), choices=Colour.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.colour_meanings = [
            (value, label, COLOUR_MEANINGS[value]) for value, label in Colour.choices
        ]

    def clean(self):
        data = super().clean()
        if data.get("same"):
            if self.previous is None:
                raise forms.ValidationError(_("There is no earlier update to repeat."))
            return data
        if not any((data.get(k) or "").strip() for k in ("did", "next", "need")):
            raise forms.ValidationError(
                _("Say at least what you did, what comes next or what you need.")
            )
        return data


class ActionQuickForm(_QuickForm):
    progress = forms.IntegerField(
        label=gettext_lazy("Progress (%)"), min_value=0, max_value=100, widget=_NumberInput
    )

    field_order = ["same", "did", "next", "need", "progress", "colour"]


class StrategyQuickForm(_QuickForm):
    pass


@dataclass
class Item:
    kind: str  # "a" (action) or "s" (strategy)
    obj: object
    previous: object
    form: _QuickForm
    saved: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind}{self.obj.pk}"

    @property
    def is_action(self) -> bool:
        return self.kind == "a"

    @property
    def answered(self) -> bool:
        return self.saved or bool(getattr(self.obj, "answered", False))


def _latest(model, owner_field: str):
    return Subquery(
        model.objects.filter(**{owner_field: OuterRef("pk")})
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )


def _blank_form(item_kind, obj, previous, data=None):
    form_class = ActionQuickForm if item_kind == "a" else StrategyQuickForm
    initial = {"colour": obj.colour if item_kind == "a" else getattr(previous, "colour", "")}
    if item_kind == "a":
        initial["progress"] = obj.progress
    return form_class(data, prefix=f"{item_kind}{obj.pk}", previous=previous, initial=initial)


def _may_update(membership, plan_id) -> bool:
    return can(on_plan(membership, plan_id), Can.UPDATE_OWN_ACTION)


def load_items(scope: Scope, data=None, now=None) -> list[Item]:
    """The page's items in the order of the coming sessions, with forms bound to `data`."""
    now = now or timezone.now()
    actions = asked.round_actions(scope.user, scope.workspace, now, plan=scope.plan).annotate(
        latest_id=_latest(ActionUpdate, "action")
    )
    strategies = asked.round_strategies(scope.user, scope.workspace, now, plan=scope.plan)
    strategies = strategies.annotate(latest_id=_latest(StrategyUpdate, "strategy"))
    actions, strategies = list(actions), list(strategies)
    if scope.membership is not None:
        actions = [a for a in actions if _may_update(scope.membership, a.strategy.plan_id)]
        strategies = [s for s in strategies if _may_update(scope.membership, s.plan_id)]
    if scope.session_id is not None:  # a link answers its own session only
        actions = [a for a in actions if a.session_id == scope.session_id]
        strategies = [s for s in strategies if s.session_id == scope.session_id]
    latest_actions = ActionUpdate.objects.in_bulk([a.latest_id for a in actions if a.latest_id])
    latest_strategies = StrategyUpdate.objects.in_bulk(
        [s.latest_id for s in strategies if s.latest_id]
    )
    items = []
    for kind, objects, latest in (
        ("a", actions, latest_actions),
        ("s", strategies, latest_strategies),
    ):
        for obj in objects:
            previous = latest.get(obj.latest_id)
            items.append(Item(kind, obj, previous, _blank_form(kind, obj, previous, data)))
    return items


def touched(item: Item, data) -> bool:
    """Whether the person wrote anything for this item (a save of all skips the others)."""
    prefix = item.key
    if data.get(f"{prefix}-same"):
        return True
    return any((data.get(f"{prefix}-{name}") or "").strip() for name in ("did", "next", "need"))


def _store(item: Item, user):
    data, previous = item.form.cleaned_data, item.previous
    if data.get("same"):
        texts = {"did": _("Nothing changed since the last update."), "next": previous.next}
        colour = previous.colour
    else:
        texts = {name: data.get(name) or "" for name in ("did", "next", "need")}
        colour = data["colour"]
    if item.kind == "a":
        progress = previous.progress if data.get("same") else data["progress"]
        return action_rules.post_update(item.obj, user, progress=progress, colour=colour, **texts)
    return action_rules.post_strategy_update(item.obj, user, colour=colour, **texts)


class NothingToSave(Exception):
    pass


def save(items: list[Item], user, data, only: str = "") -> list[Item]:
    """Save the item `only` names, or every touched item, all or none. Returns the items saved;
    raises NothingToSave when there was nothing to save. Items whose form has errors keep them
    (the caller answers 422) and nothing at all is written."""
    chosen = [i for i in items if i.key == only] if only else [i for i in items if touched(i, data)]
    if not chosen:
        raise NothingToSave
    if not all(item.form.is_valid() for item in chosen):
        return []
    current, stored = None, []
    try:
        with transaction.atomic():
            for current in chosen:
                stored.append(_store(current, user))
    except action_rules.ActionError as error:
        current.form.add_error(None, str(error))  # nothing was stored; this one says why
        return []
    for item, update in zip(chosen, stored, strict=True):
        item.previous = update
    for item in chosen:
        item.saved = True
        item.form = _blank_form(item.kind, item.obj, item.previous)
    return chosen
