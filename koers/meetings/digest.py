"""The weekly digest: one e-mail per person per week, for those who turned it on
(koers.meetings.notifications), saying what is asked of them (koers.meetings.asked, the rule
behind My work), the requests addressed to them, and their actions gone silent
(`asked.silent_actions`). Nothing is sent when there is nothing to say.

`manage.py send_digests` (weekly, or daily: it is idempotent) queues one task per person who
has not had this week's digest; the task records it in `DigestSent` (unique per person and
week) before sending, so two runs or two workers send it once.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koers.accounts.models import Membership, User
from koers.lib.mail import one_line
from koers.meetings import asked, notifications
from koers.meetings.models import DigestSent
from koers.meetings.notifications import Kind


@dataclass
class WorkspaceDigest:
    workspace: object
    work: asked.MyWork
    silent: list
    url: str

    @property
    def count(self) -> int:
        return self.work.count + len(self.silent)


def week_of(now) -> date:
    """The Monday of `now`'s week (in the site's time zone)."""
    today = timezone.localdate(now)
    return today - timedelta(days=today.weekday())


def contents(user, now) -> list[WorkspaceDigest]:
    """Per workspace of the person, what the digest says; workspaces with nothing left out."""
    found = []
    memberships = Membership.objects.filter(user=user).select_related("workspace")
    for membership in memberships.order_by("workspace__name", "workspace_id"):
        workspace = membership.workspace
        part = WorkspaceDigest(
            workspace=workspace,
            work=asked.my_work(user, workspace, now),
            silent=list(asked.silent_actions(user, workspace, now)),
            url=settings.SITE_URL + reverse("meetings:my_work", args=[workspace.slug]),
        )
        if part.count:
            found.append(part)
    return found


def due_users(now):
    """Active people with an address who turned the digest on and have not had this week's."""
    sent = DigestSent.objects.filter(week=week_of(now)).values("user_id")
    return (
        User.objects.filter(pk__in=notifications.opted_in(Kind.DIGEST), is_active=True)
        .exclude(email="")
        .exclude(pk__in=sent)
        .order_by("pk")
    )


def send_digest(user, now=None) -> bool:
    """This week's digest for `user`, if they want it, have not had it and it says something."""
    now = now or timezone.now()
    if not user.is_active or not user.email or not notifications.wants(user, Kind.DIGEST):
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        parts = contents(user, now)
        if not parts:
            return False
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, week=week_of(now), sent_at=now)
        except IntegrityError:
            return False  # already sent this week
        mail = notifications.mail_parts(user, Kind.DIGEST)
        EmailMessage(
            subject=one_line(_("Your week in Koers")),
            body=render_to_string(
                "meetings/email/digest.txt",
                {"user": user, "parts": parts, "week": week_of(now), **mail},
            ),
            to=[user.email],
            headers=mail["headers"],
        ).send()
    return True
