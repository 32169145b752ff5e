"""Owners before they join: invited people are chosen as owners while the invitation is open,
shown as "(invited)", own their items when they accept, and a withdrawn invitation loses nothing."""

from django.urls import reverse

from koers.accounts.models import Role
from koers.accounts.services import accept_invite, create_invite
from koers.actions.models import Action
from koers.actions.tests.factories import make_action

HTMX = {"HTTP_HX_REQUEST": "true"}


def strategy_edit(plan, strategy):
    return reverse("plans:strategy_edit", args=["acme", plan.pk, strategy.pk])


def invite_anna(workspace, owner):
    return create_invite(workspace, "anna@example.com", Role.MEMBER, by=owner, name="Anna")


def choose_anna_for_the_strategy(client, plan, invite):
    strategy = plan.strategies.get()
    client.post(
        strategy_edit(plan, strategy),
        {"title": strategy.title, "owner": f"invite-{invite.pk}", "version": strategy.version},
    )
    strategy.refresh_from_db()
    return strategy


def test_the_owner_picker_offers_open_invitations(login, plan, owner, workspace):
    invite = invite_anna(workspace, owner)
    html = login(owner).get(strategy_edit(plan, plan.strategies.get()), **HTMX).content.decode()
    assert f'<option value="invite-{invite.pk}">Anna (invited)</option>' in html
    assert "Invited, not joined yet" in html


def test_the_owner_picker_links_to_the_invite_form_and_back(login, plan, owner):
    edit = strategy_edit(plan, plan.strategies.get())
    html = login(owner).get(edit, **HTMX).content.decode()
    assert f'href="/w/acme/members/?next={edit}#invite">Invite someone…</a>' in html


def test_inviting_from_the_picker_returns_to_it(login, owner, plan):
    edit = strategy_edit(plan, plan.strategies.get())
    client = login(owner)
    page = client.get(reverse("accounts:members", args=["acme"]), {"next": edit})
    assert f'name="next" value="{edit}"' in page.content.decode()
    response = client.post(
        reverse("accounts:invite", args=["acme"]),
        {"email": "anna@example.com", "name": "Anna", "role": "member", "next": edit},
    )
    assert response.status_code == 302 and response["Location"] == edit


def test_a_hostile_next_is_ignored(login, owner):
    response = login(owner).post(
        reverse("accounts:invite", args=["acme"]),
        {"email": "anna@example.com", "role": "member", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("accounts:members", args=["acme"])


def test_an_invited_person_owns_a_strategy_shown_as_invited(login, plan, owner, workspace):
    invite = invite_anna(workspace, owner)
    client = login(owner)
    strategy = choose_anna_for_the_strategy(client, plan, invite)
    assert strategy.owner is None and strategy.pending_owner == invite
    html = client.get(reverse("plans:detail", args=["acme", plan.pk])).content.decode()
    assert "Anna (invited)" in html
    edit = client.get(strategy_edit(plan, strategy), **HTMX).content.decode()
    assert f'<option value="invite-{invite.pk}" selected>Anna (invited)</option>' in edit


def test_an_action_can_be_given_to_an_invited_person(login, plan, owner, workspace, member):
    invite = invite_anna(workspace, owner)
    action = make_action(plan.strategies.get(), member, "Build the shop")
    client = login(owner)
    client.post(
        reverse("actions:edit", args=["acme", plan.pk, action.pk]),
        {
            "strategy": action.strategy_id,
            "title": action.title,
            "owner": f"invite-{invite.pk}",
            "version": action.version,
        },
    )
    action.refresh_from_db()
    assert action.owner is None and action.pending_owner == invite
    listing = client.get(reverse("actions:list", args=["acme", plan.pk])).content.decode()
    assert "Anna (invited)" in listing


def test_accepting_hands_every_item_over_at_once(
    client, login, plan, owner, workspace, django_user_model
):
    invite = invite_anna(workspace, owner)
    strategy = choose_anna_for_the_strategy(login(owner), plan, invite)
    action = Action.objects.create(
        strategy=strategy, title="Flyers", pending_owner=invite, position=9
    )
    anna = django_user_model.objects.create_user("anna", "anna@example.com", "x" * 12)
    response = login(anna).post(reverse("accounts:accept_invite", args=[invite.token]), follow=True)
    strategy.refresh_from_db()
    action.refresh_from_db()
    assert (strategy.owner, strategy.pending_owner) == (anna, None)
    assert (action.owner, action.pending_owner) == (anna, None)
    assert "You own 2 items in the plan" in response.content.decode()


def test_a_form_opened_before_the_handover_gets_a_conflict(
    login, plan, owner, workspace, django_user_model
):
    invite = invite_anna(workspace, owner)
    strategy = choose_anna_for_the_strategy(login(owner), plan, invite)
    anna = django_user_model.objects.create_user("anna", "anna@example.com", "x" * 12)
    accept_invite(invite.token, anna)
    login(owner).post(
        strategy_edit(plan, strategy),
        {"title": "Renamed", "owner": "", "version": strategy.version},
    )
    strategy.refresh_from_db()
    assert strategy.owner == anna and strategy.title != "Renamed"


def test_an_item_given_an_owner_meanwhile_keeps_that_owner(
    login, plan, owner, workspace, member, django_user_model
):
    invite = invite_anna(workspace, owner)
    strategy = choose_anna_for_the_strategy(login(owner), plan, invite)
    type(strategy).objects.filter(pk=strategy.pk).update(owner=member)
    anna = django_user_model.objects.create_user("anna", "anna@example.com", "x" * 12)
    accept_invite(invite.token, anna)
    strategy.refresh_from_db()
    assert strategy.owner == member


def test_withdrawing_leaves_the_items_unowned_with_a_notice(login, plan, owner, workspace):
    invite = invite_anna(workspace, owner)
    client = login(owner)
    strategy = choose_anna_for_the_strategy(client, plan, invite)
    response = client.post(reverse("accounts:revoke_invite", args=["acme", invite.pk]), follow=True)
    strategy.refresh_from_db()
    assert strategy.title == "Go online"  # nothing lost
    assert strategy.owner is None and strategy.pending_owner is None
    html = response.content.decode()
    assert "1 item Anna was to own has no owner now: Go online. Choose an owner." in html
    plan_page = client.get(reverse("plans:detail", args=["acme", plan.pk])).content.decode()
    assert "Anna (invited)" not in plan_page and "No owner yet" in plan_page


def test_an_invitation_of_another_workspace_cannot_be_chosen(
    login, plan, owner, outsider, other_workspace
):
    foreign = create_invite(other_workspace, "x@example.com", Role.MEMBER, by=outsider)
    strategy = plan.strategies.get()
    response = login(owner).post(
        strategy_edit(plan, strategy),
        {"title": strategy.title, "owner": f"invite-{foreign.pk}", "version": strategy.version},
        **HTMX,
    )
    assert response.status_code == 422
    strategy.refresh_from_db()
    assert strategy.pending_owner is None


def test_a_kpi_can_await_an_invited_person_to_enter_its_figures(
    login, plan, owner, workspace, django_user_model
):
    from koers.dashboard.tests.factories import kpis_of

    kpi = kpis_of(plan)[0]
    invite = invite_anna(workspace, owner)
    client = login(owner)
    url = reverse("dashboard:kpi", args=["acme", plan.pk, kpi.pk])
    page = client.get(url).content.decode()
    assert f'<option value="invite-{invite.pk}">Anna (invited)</option>' in page
    data = {
        "unit": kpi.unit,
        "direction": kpi.direction,
        "frequency": kpi.frequency,
        "tolerance_pct": kpi.tolerance_pct,
        "owner": f"invite-{invite.pk}",
        "version": kpi.version,
    }
    client.post(url, data)
    kpi.refresh_from_db()
    assert kpi.owner is None and kpi.pending_owner == invite
    anna = django_user_model.objects.create_user("anna", "anna@example.com", "x" * 12)
    accept_invite(invite.token, anna)
    kpi.refresh_from_db()
    assert kpi.owner == anna and kpi.pending_owner is None


def test_invited_owners_cost_the_plan_page_no_query_each(login, plan, owner, workspace):
    from koers.plans.tests.test_plan_page import plan_url
    from tests.pages import fresh_queries

    client = login(owner)
    before = fresh_queries(client, plan_url(plan))
    for n in range(5):
        invite = create_invite(workspace, f"p{n}@example.com", Role.MEMBER, by=owner)
        plan.strategies.create(title=f"S{n}", position=n + 1, pending_owner=invite)
    assert fresh_queries(client, plan_url(plan)) == before
    assert "p4@example.com (invited)" in client.get(plan_url(plan)).content.decode()


def test_an_expired_invitation_is_no_longer_shown_as_invited(login, plan, owner, workspace):
    invite = invite_anna(workspace, owner)
    choose_anna_for_the_strategy(login(owner), plan, invite)
    type(invite).objects.filter(pk=invite.pk).update(expires_at="2020-01-01T00:00Z")
    page = login(owner).get(reverse("plans:detail", args=["acme", plan.pk])).content.decode()
    assert "Anna (invitation expired)" in page and "Anna (invited)" not in page
