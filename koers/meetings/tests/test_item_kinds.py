"""Every kind of agenda item has its summary partial, and every partial a kind."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.template.loader import get_template

from koers.meetings.agenda import BUILDERS, AgendaData, AgendaItem, build_agenda, flat_items
from koers.meetings.kinds import DECIDED_IN_SESSION, ItemKind

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


def test_every_kind_decided_in_session_mode_has_its_decision_partial_and_no_other():
    partials = {p.name for p in (TEMPLATES / "decide").glob("_*.html")}
    assert partials == {f"_{kind}.html" for kind in DECIDED_IN_SESSION}


@pytest.mark.parametrize("kind", list(ItemKind))
def test_an_item_names_its_decision_partial_only_when_its_kind_is_decided_there(kind):
    item = AgendaItem(key="x", kind=kind, title="x")
    if kind in DECIDED_IN_SESSION:
        assert get_template(item.decide_template)
    else:
        assert item.decide_template is None


def test_no_template_branches_on_an_agenda_items_kind():
    """What differs per kind lives in the kind's partials and in meetings/kinds.py, so a new
    kind is added in one place, not in a chain of comparisons across templates."""
    branching = [
        path.name
        for path in TEMPLATES.rglob("*.*")
        if re.search(r"\bit(em)?\.kind\s*(==|!=|in\b)", path.read_text())
    ]
    assert branching == []
