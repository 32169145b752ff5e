"""The pre-read says to whom a need is addressed and when each update was written (marking
last round's); and the small things a team tripped over in its month."""

from pathlib import Path

from django.urls import reverse

from koers.actions import rules as action_rules
from koers.actions.models import ActionUpdate, Status
from koers.actions.tests.factories import days_ago, make_action
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


def test_the_preread_names_the_addressee_and_dates_each_update(
    login, plan, member, owner, process_owner
):
    strategy = plan.strategies.get()
    fresh = make_action(strategy, member, "Open a webshop")
    action_rules.post_update(
        fresh, member, did="Chose", need="Budget", need_from=owner, progress=30, colour="red"
    )
    old = make_action(strategy, member, "Print flyers")
    update = action_rules.post_update(old, member, did="Designed", progress=60, colour="green")
    ActionUpdate.objects.filter(pk=update.pk).update(created_at=days_ago(45))
    session = make_session(plan, days_ahead=5)
    html = login(member).get(reverse("meetings:preread", args=["acme", plan.pk, session.pk]))
    html = html.content.decode()
    webshop = html[html.index("Open a webshop") : html.index("Print flyers")]
    flyers = html[html.index("Print flyers") :]
    assert "asked of Olivia" in webshop
    assert "from before this round" not in webshop and "written " in webshop
    assert "from before this round" in flyers[: flyers.index("</div>")]


def test_the_follow_up_draft_is_signed_by_its_sender(login, plan, process_owner):
    session = make_session(plan, kind=Kind.STEERING, days_ahead=-1)
    url = reverse("meetings:followup", args=["acme", plan.pk, session.pk])
    html = login(process_owner).get(url).content.decode()
    assert "Kind regards,\nPeter" in html


def test_the_session_page_has_its_title_above_the_tabs_like_other_pages(login, plan, member):
    session = make_session(plan)
    html = login(member).get(reverse("meetings:detail", args=["acme", plan.pk, session.pk]))
    html = html.content.decode()
    assert html.index("<h1>") < html.index('class="tabs"')


def test_one_wording_for_an_action_without_update(login, plan, member):
    make_action(plan.strategies.get(), member, "Silent")
    client = login(member)
    for url in [
        reverse("actions:list", args=["acme", plan.pk]),
        reverse("meetings:my_work", args=["acme"]),
    ]:
        html = client.get(url).content.decode()
        assert "No update yet" in html
        assert "never updated" not in html and ">never<" not in html


def test_progress_and_its_figure_stay_together_on_done_rows(login, plan, member):
    action = make_action(plan.strategies.get(), member, "Done one")
    action.progress, action.status = 100, Status.DONE
    action.save()
    html = login(member).get(reverse("actions:list", args=["acme", plan.pk])).content.decode()
    assert '<td class="hide-phone progress-cell"><progress max="100" value="100"' in html
    css = Path("koers/core/static/koers/css/koers.css").read_text(encoding="utf-8")
    assert ".progress-cell { white-space: nowrap; }" in css


def test_the_round_pages_title_says_what_its_heading_says(login, plan, process_owner):
    session = make_session(plan)
    client = login(process_owner)
    client.post(reverse("accounts:language"), {"language": "nl"})
    html = client.get(reverse("meetings:round", args=["acme", plan.pk, session.pk]))
    html = html.content.decode()
    assert "<h1>Wie heeft gereageerd?</h1>" in html
    assert "<title>Wie heeft gereageerd? · Voortgangssessie" in html
