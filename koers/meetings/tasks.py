"""Background work of the sessions (django-tasks, database backend; run `manage.py db_worker`)."""

from django.utils import timezone
from django_tasks import task

from koers.accounts.models import User
from koers.meetings import digest, mail, rounds
from koers.meetings.models import Session


@task()
def send_due_session_mail() -> dict:
    """Open update rounds and send reminders that are due. Idempotent: safe to run any time."""
    return run_due()


def run_due(now=None) -> dict:
    now = now or timezone.now()
    counts = {"requests": 0, "reminders": 0}
    for session in rounds.due_sessions(now):
        result = rounds.run_due_mail_for(
            session, now, mail.send_update_request(session), mail.send_reminder(session)
        )
        counts["requests"] += result["requests"]
        counts["reminders"] += result["reminders"]
    return counts


@task()
def open_round(session_id: int) -> int:
    session = Session.objects.select_related("plan__workspace").get(pk=session_id)
    return rounds.open_update_round(session, mail.send_update_request(session))


@task()
def remind_now(session_id: int) -> int:
    session = Session.objects.select_related("plan__workspace").get(pk=session_id)
    return rounds.remind(session, mail.send_reminder(session), manual=True)


@task()
def share_preread(session_id: int) -> int:
    session = Session.objects.select_related("plan__workspace").get(pk=session_id)
    return rounds.share_preread(session, mail.send_preread(session))


@task()
def send_digest(user_id: int) -> bool:
    """This week's digest for one person (koers.meetings.digest); idempotent."""
    user = User.objects.filter(pk=user_id).first()
    return user is not None and digest.send_digest(user)


def queue_digests(now=None) -> int:
    """Queue this week's digest for everyone who wants it and has not had it."""
    users = list(digest.due_users(now or timezone.now()).values_list("pk", flat=True))
    for user_id in users:
        send_digest.enqueue(user_id)
    return len(users)
