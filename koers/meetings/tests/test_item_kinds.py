"""Every kind of agenda item has its summary partial, and every partial a kind."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.template.loader import get_template

from koers.meetings.agenda import BUILDERS, AgendaData, AgendaItem, build_agenda, flat_items
from koers.meetings.kinds import ItemKind

TEMPLATES = Path(apps.get_app_config("meetings").path) / "templates" / "meetings"
PARTIALS = TEMPLATES / "items"


def test_every_kind_has_its_partial_and_every_partial_a_kind():
    partials = {p.name for p in PARTIALS.glob("_*.html")}
    assert partials == {f"_{kind}.html" for kind in ItemKind}


@pytest.mark.parametrize("kind", list(ItemKind))
def test_an_item_names_the_partial_of_its_kind(kind):
    template = AgendaItem(key="x", kind=kind, title="x").template
    assert template == f"meetings/items/_{kind.value}.html"
    assert get_template(template)  # it exists and compiles


@pytest.mark.parametrize("session_kind", list(BUILDERS))
def test_every_agenda_item_is_of_a_known_kind(session_kind):
    data = AgendaData(kind=session_kind, strategies=[], actions=[], strategy_updates={})
    items = flat_items(build_agenda(data))
    assert items and all(isinstance(item.kind, ItemKind) for item in items)


# The one-page update form's items are actions and strategies ("a", "s"), not agenda items.
OTHER_ITEMS = {"my_updates.html"}


def test_the_templates_compare_agenda_items_only_with_known_kinds():
    named = {
        (path.name, kind)
        for path in TEMPLATES.rglob("*.html")
        if path.name not in OTHER_ITEMS
        for kind in re.findall(r'item\.kind\s*[!=]=\s*"(\w+)"', path.read_text())
    }
    assert named and {kind for _, kind in named} <= set(ItemKind.values), named
