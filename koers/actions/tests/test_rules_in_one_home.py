""" "Open", "overdue", the colours' order and the dates' check are each defined once
(koers.actions.queries / models / rules); the query form and the test of one loaded action
agree, and the pages show what the rule says."""

import ast
import re
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.actions import queries, rules
from koers.actions.models import WARNING_COLOURS, Action, Colour, Status, colour_severity
from koers.actions.tests.factories import make_action
from koers.plans import retiring
from koers.plans.models import Strategy


@pytest.fixture
def strategy(plan):
    return plan.strategies.get()


@pytest.fixture
def kinds(plan, strategy, member):
    """One action of each kind that "open" must tell apart."""
    today = timezone.localdate()
    make = partial(make_action, strategy, member, start_date=None)
    dropped = Strategy.objects.create(plan=plan, title="Open a shop", position=1)
    made = {
        "open": make("Open", due_date=today - timedelta(days=1)),
        "done": make("Done", status=Status.DONE, due_date=today - timedelta(days=1)),
        "proposed": make("Proposed", proposed=True),
        "removed": make("Removed", archived_at=timezone.now()),
        "later": make("Later", due_date=today + timedelta(days=3)),
        # Its strategy left the plan: no longer live work, though it keeps its own page.
        "retired": make_action(dropped, member, "Under a retired strategy", start_date=None),
    }
    retiring.retire(dropped, member, reason="Not our focus")
    return made


def test_open_actions_are_the_accepted_unfinished_ones(plan, kinds):
    found = set(queries.open_actions(plan).values_list("title", flat=True))
    assert found == {"Open", "Later"}


def test_the_query_and_the_loaded_action_agree_on_open(plan, kinds):
    for action in Action.objects.select_related("strategy"):
        assert queries.is_open(action) == queries.open_actions(plan).filter(pk=action.pk).exists()


def test_only_an_open_action_has_a_priority_to_move(kinds):
    """Session mode moves open actions up and down (`rules.in_play` is `is_open`): not one of a
    retired strategy, which left the plan."""
    for gone in ("retired", "proposed", "done"):
        with pytest.raises(rules.ActionError):
            rules.reorder_action(kinds[gone], kinds[gone].version, -1)
    later = kinds["later"]
    assert rules.reorder_action(later, later.version, -1) == (1, 2)


KOERS = Path(__file__).resolve().parents[2]
# A test that an action is not done, beside another part of "open" (not proposed, not removed,
# its strategy not retired): the open rule restated. Or `open_q`/`is_open` with a part of it
# again beside them. (`strategy__plan__archived_at`: the plan's archive, not the action's.)
NOT_DONE = re.compile(
    r'status\s*!=\s*(Status\.DONE|"done")|(~Q|exclude)\(\s*status\s*=\s*(Status\.DONE|"done")'
    r"|\b(open_q|is_open)\("
)
PART_OF_OPEN = re.compile(
    r"not\s+[\w.]+\.proposed\b|proposed\s*=\s*False|archived_at\s+is\s+None"
    r"|(?<!plan__)archived_at__isnull\s*=\s*True|retired_at\s+is\s+None"
    r"|retired_at__isnull\s*=\s*True"
)
# Rules that look like "open" and are not it: each says why where it is defined.
NOT_THE_OPEN_RULE = {
    # The agendas: not done, or finished in the period looked back on; the pre-read: open.
    "koers/meetings/loading.py:_shown_actions",
    # Unfinished, proposals too: what a new plan version may take along.
    "koers/plans/rollover.py:unfinished_actions",
}


def test_no_module_but_actions_queries_restates_the_open_rule():
    restated = set()
    for path in KOERS.rglob("*.py"):
        name = path.relative_to(KOERS.parent).as_posix()
        if "/tests/" in name or "/migrations/" in name or name == "koers/actions/queries.py":
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                body = ast.get_source_segment(source, node)
                if NOT_DONE.search(body) and PART_OF_OPEN.search(body):
                    restated.add(f"{name}:{node.name}")
    assert restated == NOT_THE_OPEN_RULE, "use actions.queries.open_q / is_open"


def test_overdue_is_past_due_and_not_done(kinds):
    today = timezone.localdate()
    assert kinds["open"].is_overdue
    assert not kinds["done"].is_overdue
    assert not kinds["later"].is_overdue
    overdue = set(Action.objects.filter(queries.overdue_q(today)).values_list("title", flat=True))
    assert {a.title for a in Action.objects.all() if queries.is_overdue(a, today)} == overdue


def test_the_action_list_marks_only_overdue_actions(plan, kinds, login, owner):
    page = login(owner).get(reverse("actions:list", args=[plan.workspace.slug, plan.pk]))
    html = page.content.decode()
    assert html.count('class="overdue"') == 1


def test_colours_are_ordered_worst_first_everywhere(strategy, member):
    for colour in (Colour.GREEN, "", Colour.RED, Colour.ORANGE):
        make_action(strategy, member, f"c-{colour}", colour=colour)
    ranked = queries.base_queryset().filter(title__startswith="c-").order_by("colour_rank")
    assert [a.colour for a in ranked] == ["red", "orange", "green", ""]
    assert sorted(["green", "", "red", "orange"], key=colour_severity) == [
        "red",
        "orange",
        "green",
        "",
    ]
    assert {Colour.RED, Colour.ORANGE} == WARNING_COLOURS


def test_a_due_date_before_the_start_is_refused_by_one_rule(strategy):
    assert rules.dates_problem(date(2027, 3, 1), date(2027, 2, 1))
    assert rules.dates_problem(date(2027, 3, 1), date(2027, 3, 1)) is None
    assert rules.dates_problem(None, date(2027, 2, 1)) is None
    action = make_action(strategy, start_date=date(2027, 3, 1))
    assert rules.ADJUSTABLE["due_date"](action, date(2027, 2, 1)) == rules.dates_problem(
        date(2027, 3, 1), date(2027, 2, 1)
    )


def test_the_board_fetches_co_owners_only_when_moving_a_card_depends_on_them(
    plan, strategy, member, owner, django_assert_num_queries
):
    from koers.accounts.models import Membership
    from koers.plans.roles import effective_membership

    mine = make_action(strategy, owner=None, title="Shared")
    mine.co_owners.add(member)
    other = make_action(strategy, owner=owner, title="Not mine")
    as_member = Membership.objects.get(user=member)
    as_member.user = member
    actions = rules.with_update_rights(as_member, Action.objects.filter(pk__in=[mine.pk, other.pk]))
    assert {a.title: a.can_update for a in actions} == {"Shared": True, "Not mine": False}
    as_owner = Membership.objects.get(user=owner)
    as_owner.user = owner
    as_owner = effective_membership(as_owner, None, plan.pk)  # as the board's door hands it out
    with django_assert_num_queries(1):  # a manager moves every card: no co-owners needed
        actions = rules.with_update_rights(as_owner, Action.objects.filter(pk=other.pk))
    assert actions[0].can_update
