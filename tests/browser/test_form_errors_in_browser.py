"""In a real browser, every kind of htmx form shows why it refused input, in place: field
errors (422), a conflict with a colleague's edit (422), and the refusals of the one permission
door (403) or of a row that is gone (404). htmx swaps none of these by default."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from koers.accounts.models import Membership, Role
from koers.actions.tests.factories import make_action
from koers.analysis.models import Brainstorm, Idea
from koers.lib.versioning import STALE_MESSAGE
from koers.plans.models import Goal


def _in(language, text) -> str:
    with translation.override(language):
        return str(_(text))


def _speaks(user, language):
    user.language = language
    user.save()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_action_update_out_of_range_or_empty_says_why(
    page, live_server, log_in, screenshot, plan, member, language
):
    _speaks(member, language)
    action = make_action(plan.strategies.get(), member, "Launch the webshop")
    log_in(member)
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/actions/{action.pk}/")

    form = page.locator("form.update-form")
    form.locator("textarea[name=did]").fill("Chose the platform")
    form.locator("input[name=progress]").fill("150")
    form.locator("input[name=colour][value=green]").check()
    form.locator("button[type=submit]").click()
    too_much = _in(language, "Ensure this value is less than or equal to %(limit_value)s.")
    page.locator(".field-error", has_text=too_much % {"limit_value": 100}).wait_for()
    # The input is kept, so the member only corrects the number.
    assert page.locator("textarea[name=did]").input_value() == "Chose the platform"
    screenshot(f"progress-{language}")

    page.locator("textarea[name=did]").fill("")
    page.locator("input[name=progress]").fill("20")
    page.locator("form.update-form button[type=submit]").click()
    empty = _in(language, "Say at least what you did, what comes next or what you need.")
    page.locator(".form-errors", has_text=empty).wait_for()
    screenshot(f"empty-{language}")
    action.refresh_from_db()
    assert action.progress == 0


@pytest.mark.django_db(transaction=True)
def test_an_invitation_to_no_e_mail_address_says_why(
    page, live_server, log_in, screenshot, owner, workspace
):
    _speaks(owner, "nl")
    log_in(owner)
    page.goto(f"{live_server.url}/w/acme/members/")
    page.fill("input[name=email]", "not-an-email")
    page.click("text=Uitnodiging versturen")
    page.locator(".field-error", has_text=_in("nl", "Enter a valid email address.")).wait_for()
    screenshot("invite-nl")
    assert not workspace.invites.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "add_link, field",
    [
        ("#goals a.add-link", "title"),
        ("#strategies > a.add-link", "title"),
        ("#strategies a[href*='/measures/new/']", "name"),
    ],
    ids=["goal", "strategy", "measure"],
)
def test_a_plan_item_without_its_name_says_why(
    page, live_server, log_in, screenshot, plan, owner, add_link, field
):
    log_in(owner)
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/")
    page.locator(add_link).first.click()
    form = page.locator("form.item-form")
    form.locator(f"[name={field}]").wait_for()
    form.locator("button[type=submit]").click()
    page.locator(
        "form.item-form .field-error", has_text=_in("en", "This field is required.")
    ).wait_for()
    screenshot("item")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_goal_target_with_another_unit_says_why_and_a_matching_one_is_kept(
    page, live_server, log_in, screenshot, plan, owner, language
):
    _speaks(owner, language)
    log_in(owner)
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/")
    page.locator("#goals a.add-link").first.click()
    form = page.locator("form.item-form")
    form.locator("[name=title]").fill("Members")
    form.locator("[name=target_value]").fill("450 members")
    form.locator("[name=target_unit]").fill("EUR")
    form.locator("button[type=submit]").click()
    disagree = _in(
        language,
        "“%(typed)s” gives the unit “%(found)s”, but the unit field says “%(unit)s”."
        " Change one of them so they agree.",
    )
    message = disagree % {"typed": "450 members", "found": "members", "unit": "EUR"}
    page.locator("form.item-form .field-error", has_text=message).wait_for()
    assert page.locator("form.item-form [name=target_value]").input_value() == "450 members"
    screenshot(f"goal-unit-{language}")
    assert not plan.goals.filter(title="Members").exists()

    page.locator("form.item-form [name=target_unit]").fill("")
    page.locator("form.item-form button[type=submit]").click()
    # A pattern, as has_text="Members" also matches the error's "450 members" (any case).
    page.locator("#goals .item", has_text=re.compile("Members")).wait_for()
    goal = plan.goals.get(title="Members")
    assert (goal.target_value, goal.target_unit) == (450, "members")


@pytest.mark.django_db(transaction=True)
def test_a_goal_edited_meanwhile_shows_the_conflict(
    page, live_server, log_in, screenshot, plan, owner
):
    _speaks(owner, "nl")
    goal = plan.goals.get()
    log_in(owner)
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/")
    page.locator("#goals .item").first.hover()  # the item's tools show on hover
    page.locator(f"#goals a[href$='/goals/{goal.pk}/edit/']").click()
    page.locator("#goals input[name=title]").fill("Revenue 2M")
    Goal.objects.filter(pk=goal.pk).update(title="Revenue 1.5M", version=goal.version + 1)
    page.locator("#goals button[type=submit]").click()
    page.locator("#goals .form-errors").wait_for()
    screenshot("conflict-nl")
    assert _in("nl", STALE_MESSAGE) in page.locator("#goals .form-errors").inner_text()
    screenshot("conflict-nl")
    assert plan.goals.get().title == "Revenue 1.5M"


@pytest.mark.django_db(transaction=True)
def test_deleting_an_item_someone_removed_says_it_is_gone(
    page, live_server, log_in, screenshot, plan, owner
):
    goal = plan.goals.get()
    log_in(owner)
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/")
    page.locator("#goals .item").first.hover()
    page.locator(f"#goals a[href$='/goals/{goal.pk}/delete/']").click()
    confirm = page.locator("#goals form.button-row")
    confirm.wait_for()
    goal.delete()
    confirm.locator("button").first.click()
    page.locator("h1", has_text=_in("en", "This page does not exist")).wait_for()
    screenshot("gone")


@pytest.mark.django_db(transaction=True)
def test_an_update_after_losing_the_role_says_so(
    page, live_server, log_in, screenshot, plan, member, workspace
):
    action = make_action(plan.strategies.get(), member, "Launch the webshop")
    log_in(member)
    page.goto(f"{live_server.url}/w/acme/plans/{plan.pk}/actions/{action.pk}/")
    Membership.objects.filter(user=member, workspace=workspace).update(role=Role.VIEWER)
    page.fill("textarea[name=did]", "Chose the platform")
    page.fill("input[name=progress]", "20")
    page.check("input[name=colour][value=green]")
    page.click("form.update-form button[type=submit]")
    page.locator("h1", has_text=_in("en", "Your role does not allow this")).wait_for()
    screenshot("forbidden")
    assert not action.updates.exists()


@pytest.mark.django_db(transaction=True)
def test_a_vote_in_a_closed_brainstorm_says_why(
    page, live_server, log_in, screenshot, workspace, member
):
    brainstorm = Brainstorm.objects.create(workspace=workspace, question="Where do we grow?")
    Idea.objects.create(brainstorm=brainstorm, text="A second shop", author=member)
    log_in(member)
    page.goto(f"{live_server.url}/w/acme/analysis/brainstorms/{brainstorm.pk}/")
    Brainstorm.objects.filter(pk=brainstorm.pk).update(closed_at="2026-01-01T00:00Z")
    page.locator("form.vote button").first.click()
    page.locator(".message", has_text=_in("en", "This brainstorm is closed.")).wait_for()
    screenshot("brainstorm-closed")
