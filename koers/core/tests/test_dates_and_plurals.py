"""One date format per language, on pages, in e-mails and decisions; counts read as sentences."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.urls import reverse
from django.utils import translation

from koers.actions.tests.factories import make_action
from koers.lib import dates, phrases
from koers.meetings import mail as meeting_mail
from koers.meetings.models import Session


def test_english_and_dutch_each_write_dates_one_way():
    with translation.override("en"):
        assert dates.day(date(2026, 12, 21)) == "21 Dec 2026"
        assert dates.month(date(2027, 3, 1)) == "Mar 2027"
    with translation.override("nl"):
        # Dutch writes month abbreviations in lower case: "27 okt", never "27 Okt".
        assert dates.day(date(2026, 10, 27)) == "27 okt 2026"
        assert dates.day(date(2027, 3, 1)) == "1 mrt 2027"
        assert dates.chart_month(date(2027, 3, 1)) == "mrt 27"


def test_pages_show_dates_in_the_same_format(login, plan, member):
    action = make_action(plan.strategies.get(), member, "Bake", due_date=date(2027, 6, 30))
    client = login(member)
    page = client.get(reverse("actions:list", args=["acme", plan.pk])).content.decode()
    assert "30 Jun 2027" in page and "June 30, 2027" not in page and "Jun. 30" not in page
    member.language = "nl"
    member.save(update_fields=["language"])
    client.cookies.load({"django_language": "nl"})
    page = login(member).get(reverse("actions:detail", args=["acme", plan.pk, action.pk]))
    assert "30 jun 2027" in page.content.decode()


def test_e_mail_subjects_carry_the_date_as_pages_do(plan, member):
    starts = datetime(2026, 12, 8, 9, tzinfo=ZoneInfo("Europe/Amsterdam"))
    session = Session.objects.create(plan=plan, kind="update", starts_at=starts)
    nothing = {"actions": [], "strategies": []}
    meeting_mail.send_update_request(session)(member, nothing)
    meeting_mail.send_reminder(session)(member, nothing)
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "Your update for the update session of 8 Dec 2026",
        "Reminder: your update for 8 Dec 2026",
    ]
    assert "2026-12-08" not in mail.outbox[0].body
    # The body speaks of "the update session", lower case mid-sentence.
    assert "For the update session of 8 Dec 2026" in mail.outbox[0].body


def test_decisions_render_dates_in_the_readers_format():
    parts = [
        [
            "“%(title)s”: due date %(before)s → %(after)s.",
            {
                "title": "Bake",
                "before": phrases.day(date(2027, 6, 30)),
                "after": phrases.day(date(2027, 3, 5)),
            },
        ]
    ]
    with translation.override("en"):
        assert phrases.render(parts) == "“Bake”: due date 30 Jun 2027 → 5 Mar 2027."


def test_one_planned_session_is_one_session_not_sessions(login, plan, process_owner):
    plan.start_date, plan.end_date = date(2027, 12, 1), date(2027, 12, 31)
    plan.save()
    response = login(process_owner).post(
        reverse("meetings:schedule", args=["acme", plan.pk]), follow=True
    )
    assert "1 session planned." in response.content.decode()
