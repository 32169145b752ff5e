"""Pre-read, minutes and follow-up as pages and as PDFs whose text we read back."""

import io

from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from koers.meetings import decisions
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


def url(name, session):
    return reverse(f"meetings:{name}", args=["acme", session.plan_id, session.pk])


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_preread_shows_every_update_per_strategy(login, plan, team_actions, viewer):
    session = make_session(plan)
    html = login(viewer).get(url("preread", session)).content.decode()
    assert "Go online" in html and "Chose a platform" in html and "Designed" in html
    assert "Hire a baker" in html and "No update yet." in html


def test_the_preread_pdf_carries_the_same_updates(login, plan, team_actions, viewer):
    session = make_session(plan)
    client = login(viewer)
    text = pdf_text(client.get(url("preread_pdf", session)))
    assert "Open a webshop" in text and "Chose a platform" in text and "Go online" in text
    served_again = client.get(url("preread_pdf", session))  # from the cache
    name = f"pre-read-{session.starts_at:%Y-%m-%d}.pdf"
    assert served_again["Content-Disposition"] == f'inline; filename="{name}"'


def test_sharing_the_preread_mails_everyone_in_the_workspace(login, plan, process_owner, users):
    session = make_session(plan)
    login(process_owner).post(url("share_preread", session))
    assert len(mail.outbox) == 4  # the four members of Acme, not the outsider
    assert url("preread", session) in mail.outbox[0].body


def test_the_minutes_pdf_lists_the_decisions(login, plan, team_actions, process_owner, member):
    session = make_session(plan)
    decisions.decide_adjustment(
        session, process_owner, team_actions["red"], team_actions["red"].version, colour="orange"
    )
    text = pdf_text(login(member).get(url("minutes_pdf", session)))
    assert "Open a webshop" in text and "Orange" in text and "Peter" in text


def test_the_minutes_head_notes_on_what_moved_around_us_with_their_items(
    login, plan, process_owner, member, workspace
):
    from django.utils import timezone

    from koers.analysis.models import Signal
    from koers.analysis.tests.factories import scenario_set

    Signal.objects.create(
        workspace=workspace, observed_on=timezone.localdate(), kind="news", title="Mill closes"
    )
    scenario_set(workspace, member)
    session = make_session(plan, kind=Kind.STEERING)
    decisions.save_note(session, "signals", process_owner, "", "Watch the mill")
    decisions.save_note(session, "scenarios", process_owner, "", "Dear grain is likelier")
    html = login(member).get(url("minutes", session)).content.decode()
    assert "New signals" in html and "How did the likelihood of the scenarios change?" in html


def test_the_followup_draft_names_results_and_priorities_then_goes_out(
    login, plan, team_actions, process_owner, owner
):
    from koers.actions import rules as action_rules

    action_rules.close_action(team_actions["green"], owner, "finished")
    session = make_session(plan, kind=Kind.STEERING)
    decisions.decide_priorities(session, process_owner, [team_actions["silent"]])
    client = login(process_owner)
    page = client.get(url("followup", session)).content.decode()
    assert "Results achieved" in page and "Print flyers" in page and "Hire a baker" in page
    bad = client.post(
        url("followup", session),
        {"subject": "Q1", "text": "Hello", "recipients": "not-an-address", "send": "1"},
    )
    assert bad.status_code == 422 and not mail.outbox
    client.post(
        url("followup", session),
        {
            "subject": "Q1",
            "text": "Our results",
            "recipients": "board@example.com, bank@example.com",
            "send": "1",
        },
    )
    assert mail.outbox[0].to == ["board@example.com", "bank@example.com"]
    assert mail.outbox[0].body == "Our results"
    pdf = client.post(
        url("followup", session), {"subject": "Q1", "text": "Our results", "pdf": "1"}
    )
    assert "Our results" in pdf_text(pdf)


def test_the_minutes_pdf_is_made_again_after_a_decision(
    login, plan, team_actions, process_owner, member
):
    session = make_session(plan)
    client = login(member)
    assert "Orange" not in pdf_text(client.get(url("minutes_pdf", session)))  # now cached
    decisions.decide_adjustment(
        session, process_owner, team_actions["red"], team_actions["red"].version, colour="orange"
    )
    assert "Orange" in pdf_text(client.get(url("minutes_pdf", session)))
