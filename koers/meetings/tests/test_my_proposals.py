"""My work lists the actions I proposed that no session has decided on yet, with the session
that will decide them: they are not open actions of the plan, yet I want to see them."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from koers.accounts.models import Membership
from koers.actions import rules as action_rules
from koers.actions.tests.factories import make_action
from koers.meetings import priorities
from koers.meetings.agenda import DECIDES_PROPOSALS, build_agenda, flat_items
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session
from koers.plans.retiring import retire
from tests.pages import html

URL = reverse("meetings:my_work", args=["acme"])
TITLE = "Your proposals awaiting a decision"


@pytest.fixture
def proposal(plan, member):
    """Mia proposes an action, as a member does (a proposal until a session accepts it)."""
    membership = Membership.objects.get(user=member)
    action = action_rules.create_action(plan.strategies.get(), membership, title="Bake spelt")
    assert action.proposed
    return action


def _section(page: str) -> str:
    return page[page.index(TITLE) :] if TITLE in page else ""


def test_my_proposal_is_listed_with_the_session_that_will_decide_it(login, plan, member, proposal):
    make_session(plan, kind=Kind.UPDATE, days_ahead=3)  # does not decide proposals
    steering = make_session(plan, kind=Kind.STEERING, days_ahead=10)
    make_session(plan, kind=Kind.PLAN, days_ahead=40)
    page = html(login(member), URL)
    section = _section(page)
    detail = reverse("actions:detail", args=["acme", plan.pk, proposal.pk])
    assert f'href="{detail}">Bake spelt</a>' in section
    day = formats.date_format(timezone.localtime(steering.starts_at).date())
    assert f"To be decided in: Steering session, {day}" in section
    # Not an open action of the plan, and not something asked of me.
    mine = page[page.index("All my open actions") : page.index(TITLE)]
    assert "Bake spelt" not in mine
    assert "Nothing is asked of you right now." in page


def test_without_a_deciding_session_planned_my_proposal_says_so(login, plan, member, proposal):
    make_session(plan, kind=Kind.UPDATE, days_ahead=3)
    make_session(plan, kind=Kind.STEERING, days_ahead=-3)  # held already
    section = _section(html(login(member), URL))
    assert "Bake spelt" in section
    assert "No steering or plan session is planned yet" in section


def test_only_my_undecided_proposals_are_listed(login, plan, member, owner, proposal):
    strategy = plan.strategies.get()
    make_action(strategy, None, "Their idea", proposed=True, proposed_by=owner)
    assert "Their idea" not in html(login(member), URL)
    client = login(member)
    steering = make_session(plan, kind=Kind.STEERING, days_ahead=0)
    rejected = make_action(strategy, None, "Sell cakes", proposed=True, proposed_by=member)
    assert "Sell cakes" in _section(html(client, URL))
    priorities.decide_reject_proposal(steering, owner, rejected, rejected.version, "Not now")
    assert "Sell cakes" not in html(client, URL)
    priorities.decide_accept_proposal(
        steering, owner, proposal, proposal.version, member, plan.end_date
    )
    page = html(client, URL)
    assert TITLE not in page  # no proposal left: no list at all
    assert "Bake spelt" in page[page.index("All my open actions") :]  # an action of mine now


def test_a_proposal_of_a_retired_strategy_is_no_longer_awaiting(
    login, plan, member, owner, proposal
):
    client = login(member)
    assert "Bake spelt" in _section(html(client, URL))
    retire(plan.strategies.get(), owner)
    assert TITLE not in html(client, URL)


def test_my_proposals_in_dutch(login, plan, member, proposal):
    steering = make_session(plan, kind=Kind.STEERING, days_ahead=10)
    member.language = "nl"
    member.save(update_fields=["language"])
    client = login(member)
    client.post(reverse("accounts:language"), {"language": "nl"})
    page = html(client, URL)
    with translation.override("nl"):
        day = formats.date_format(timezone.localtime(steering.starts_at).date())
    assert "Je voorstellen die op een besluit wachten" in page
    assert f"Besluit volgt in: Stuursessie, {day}" in page


@pytest.mark.parametrize("kind", Kind.values)
def test_my_work_names_the_sessions_whose_agenda_offers_proposals(plan, proposal, kind):
    session = make_session(plan, kind=kind)
    keys = [item.key for item in flat_items(build_agenda(load_agenda_data(session)))]
    assert ("proposals" in keys) == (kind in DECIDES_PROPOSALS)
