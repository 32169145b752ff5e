"""Faster entry of actions: "+ action" per strategy, "save and add another", pasting a list."""

from django.urls import reverse

from koers.actions.models import Action
from koers.actions.paste import parse_action_list


def paste_url(plan, strategy):
    return reverse("actions:paste", args=[plan.workspace.slug, plan.pk, strategy.pk])


def test_bullets_numbers_and_blank_lines_are_dropped():
    text = "- Renew the website\n\n* Start a newsletter\n• Call ten customers\n2) Plan a team day\n"
    assert parse_action_list(text) == [
        "Renew the website",
        "Start a newsletter",
        "Call ten customers",
        "Plan a team day",
    ]


def test_pasting_a_list_under_a_strategy_creates_one_action_per_line(login, plan, owner):
    strategy = plan.strategies.get()
    response = login(owner).post(
        paste_url(plan, strategy), {"lines": "- Web shop\n- Newsletter\n- Flyers"}, follow=True
    )
    titles = list(Action.objects.filter(strategy=strategy).values_list("title", flat=True))
    assert titles == ["Web shop", "Newsletter", "Flyers"]
    assert "3 actions added to Go online." in response.content.decode()
    assert not Action.objects.filter(proposed=True).exists()


def test_a_members_pasted_actions_are_proposals(login, plan, member):
    login(member).post(paste_url(plan, plan.strategies.get()), {"lines": "Idea"})
    assert Action.objects.get().proposed is True


def test_a_too_long_line_adds_nothing_and_says_why(login, plan, owner):
    lines = "Fine one\n" + "x" * 201
    response = login(owner).post(
        paste_url(plan, plan.strategies.get()), {"lines": lines}, follow=True
    )
    assert "at most 200 characters" in response.content.decode()
    assert not Action.objects.exists()


def test_an_empty_paste_says_what_to_do(login, plan, owner):
    response = login(owner).post(
        paste_url(plan, plan.strategies.get()), {"lines": " \n- "}, follow=True
    )
    assert "Paste at least one action" in response.content.decode()


def test_the_plan_page_offers_add_action_with_the_strategy_preselected(login, plan, owner):
    strategy = plan.strategies.get()
    client = login(owner)
    html = client.get(reverse("plans:detail", args=["acme", plan.pk])).content.decode()
    new = reverse("actions:new", args=["acme", plan.pk]) + f"?strategy={strategy.pk}"
    assert new in html and paste_url(plan, strategy) in html
    form = client.get(new).content.decode()
    assert f'<option value="{strategy.pk}" selected>' in form


def test_save_and_add_another_returns_to_an_empty_form_for_the_same_strategy(login, plan, owner):
    strategy = plan.strategies.get()
    url = reverse("actions:new", args=["acme", plan.pk])
    data = {"strategy": strategy.pk, "title": "First", "owner": owner.pk, "and_another": "1"}
    response = login(owner).post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == f"{url}?strategy={strategy.pk}"
    html = response.content.decode()
    assert "Saved: First. Add the next one." in html and 'value="First"' not in html
    assert Action.objects.filter(title="First", strategy=strategy).exists()
