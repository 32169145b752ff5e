"""Background work of the sessions (django-tasks, database backend; run `manage.py db_worker`)."""

from django.utils import timezone
from django_tasks import task

from koers.meetings import mail, rules
from koers.meetings.models import Session


@task()
def send_due_session_mail() -> dict:
    """Open update rounds and send reminders that are due. Idempotent: safe to run any time."""
    return run_due()


def run_due(now=None) -> dict:
    now = now or timezone.now()
    counts = {"requests": 0, "reminders": 0}
    for session in rules.due_sessions(now):
        result = rules.run_due_mail_for(
            session, now, mail.send_update_request(session), mail.send_reminder(session)
        )
        counts["requests"] += result["requests"]
        counts["reminders"] += result["reminders"]
    return counts


@task()
def open_round(session_id: int) -> int:
    session = Session.objects.select_related("plan__workspace").get(pk=session_id)
    return rules.open_update_round(session, mail.send_update_request(session))


@task()
def remind_now(session_id: int) -> int:
    session = Session.objects.select_related("plan__workspace").get(pk=session_id)
    return rules.remind(session, mail.send_reminder(session), manual=True)


@task()
def share_preread(session_id: int) -> int:
    session = Session.objects.select_related("plan__workspace").get(pk=session_id)
    return rules.share_preread(session, mail.send_preread(session))
