"""Brainstorms: ideas (also anonymous), votes, groups, and ideas taken over into the plan."""

import pytest
from django.urls import reverse

from koers.actions.models import Action
from koers.analysis import brainstorm
from koers.analysis.models import Brainstorm, Idea, SwotItem, Trend


@pytest.fixture
def session(workspace, plan, owner):
    return Brainstorm.objects.create(workspace=workspace, plan=plan, question="How do we grow?")


def url(name, session, idea=None):
    return reverse(f"analysis:{name}", args=["acme", session.pk] + ([idea.pk] if idea else []))


def test_an_anonymous_idea_keeps_no_author(login, member, viewer, session):
    login(member).post(url("idea_new", session), {"text": "Sunday opening", "anonymous": "on"})
    idea = Idea.objects.get()
    assert idea.author is None
    html = login(viewer).get(url("brainstorm", session)).content.decode()
    assert "Sunday opening" in html and "Anonymous" in html and "Mia" not in html


def test_voting_twice_takes_the_vote_back(login, member, owner, session):
    idea = brainstorm.add_idea(session, owner, "Night bakery")
    client = login(member)
    client.post(url("idea_vote", session, idea))
    assert idea.votes.count() == 1
    client.post(url("idea_vote", session, idea))
    assert idea.votes.count() == 0


def test_an_htmx_vote_returns_only_the_idea_with_its_new_count(login, member, owner, session):
    idea = brainstorm.add_idea(session, owner, "Night bakery")
    response = login(member).post(url("idea_vote", session, idea), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="idea-{idea.pk}"')
    assert 'aria-pressed="true"' in html and "<span>1</span>" in html and "<html" not in html


def test_ideas_are_grouped_and_ranked_by_votes(session, owner, member, process_owner):
    low = brainstorm.add_idea(session, owner, "Low")
    high = brainstorm.add_idea(session, owner, "High")
    loose = brainstorm.add_idea(session, owner, "Loose")
    for idea in (low, high):
        brainstorm.set_group(idea, "Growth")
    for voter in (member, process_owner):
        brainstorm.toggle_vote(high, voter)
    ideas = Idea.objects.all()
    for idea in ideas:
        idea.vote_count = idea.votes.count()
    groups = brainstorm.ranked(ideas)
    assert [(g, [i.text for i in items]) for g, items in groups] == [
        ("Growth", ["High", "Low"]),
        ("", ["Loose"]),
    ]
    assert loose.group == ""


def test_a_closed_brainstorm_takes_no_ideas_or_votes(login, member, owner, session):
    idea = brainstorm.add_idea(session, owner, "First")
    login(owner).post(url("brainstorm_close", session))
    client = login(member)
    response = client.post(url("idea_new", session), {"text": "Too late"}, follow=True)
    assert "This brainstorm is closed." in response.content.decode()
    client.post(url("idea_vote", session, idea))
    assert Idea.objects.count() == 1 and idea.votes.count() == 0


def test_an_idea_becomes_an_action_in_the_chosen_strategy(login, owner, session, plan):
    idea = brainstorm.add_idea(session, owner, "Deliver by bike")
    strategy = plan.strategies.get()
    client = login(owner)
    client.post(url("idea_convert", session, idea), {"target": "action", "strategy": strategy.pk})
    action = Action.objects.get()
    assert (action.title, action.strategy, action.proposed) == ("Deliver by bike", strategy, False)
    action_plan = client.get(reverse("actions:list", args=["acme", plan.pk])).content.decode()
    assert "Deliver by bike" in action_plan
    assert "became action" in client.get(url("brainstorm", session)).content.decode()


def test_an_action_needs_a_strategy(login, owner, session):
    idea = brainstorm.add_idea(session, owner, "Deliver by bike")
    response = login(owner).post(url("idea_convert", session, idea), {"target": "action"})
    assert "Choose the strategy the action belongs to." in response.content.decode()
    assert not Action.objects.exists()


@pytest.mark.parametrize(("target", "model"), [("trend", Trend), ("risk", SwotItem)])
def test_an_idea_becomes_a_trend_or_a_risk(login, owner, session, target, model):
    idea = brainstorm.add_idea(session, owner, "Grain gets scarce")
    login(owner).post(url("idea_convert", session, idea), {"target": target, "category": "ecology"})
    made = model.objects.get()
    assert str(made) == "Grain gets scarce"


def test_an_htmx_vote_on_a_closed_brainstorm_reloads_the_page_to_explain(
    login, member, owner, session
):
    idea = brainstorm.add_idea(session, owner, "First")
    brainstorm.close(session)
    client = login(member)
    response = client.post(url("idea_vote", session, idea), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    assert "This brainstorm is closed." in client.get(url("brainstorm", session)).content.decode()


def test_archiving_a_brainstorm_keeps_what_its_ideas_became(login, owner, session, plan):
    idea = brainstorm.add_idea(session, owner, "Deliver by bike")
    client = login(owner)
    client.post(
        url("idea_convert", session, idea),
        {"target": "action", "strategy": plan.strategies.get().pk},
    )
    client.post(url("brainstorm_archive", session))
    listing = client.get(reverse("analysis:brainstorms", args=["acme"])).content.decode()
    listing = listing.split('class="card-list"', 1)[1]  # past the "was archived" message
    assert "How do we grow?" not in listing
    assert Action.objects.filter(title="Deliver by bike").exists()
    assert client.get(url("brainstorm", session)).status_code == 404
