"""The e-mails of the sessions, each in the recipient's own language."""

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from koers.accounts import zones
from koers.lib.dates import day
from koers.lib.mail import one_line
from koers.meetings import inbound, links, notifications
from koers.meetings.notifications import Kind


def _url(name, session, *extra):
    plan = session.plan
    return settings.SITE_URL + reverse(
        name, args=[plan.workspace.slug, plan.pk, session.pk, *extra]
    )


def _send(user, kind, subject_fn, template, context, reply_to=""):
    """One mail of `kind` (notifications.Kind) to `user`, in their language and the session's
    workspace's time zone, with the unsubscribe header and footer of that kind."""
    parts = notifications.mail_parts(user, kind)
    workspace = context["session"].plan.workspace
    with translation.override(user.language or settings.LANGUAGE_CODE), zones.override(workspace):
        EmailMessage(
            subject=one_line(subject_fn()),
            body=render_to_string(template, {**context, **parts}),
            to=[user.email],
            reply_to=[reply_to] if reply_to else None,
            headers=parts["headers"],
        ).send()


def _context(session, user, asked, **extra):
    return {
        "session": session,
        "user": user,
        "asked": asked,
        "site": settings.SITE_URL,
        "workspace": session.plan.workspace,
        "plan": session.plan,
        **extra,
    }


def _link(session, user) -> str:
    """The personal link to the one-page update form (koers.meetings.links)."""
    return settings.SITE_URL + reverse("meetings:link", args=[links.issue(session, user)])


def send_update_request(session):
    """`send(user, asked)`: ask for the update on what `asked` lists (actions, strategies)."""

    def send(user, asked):
        _send(
            user,
            Kind.UPDATE_REQUESTS,
            lambda: (
                _("Your update for the %(kind)s of %(date)s")
                % {"kind": session.get_kind_display().lower(), "date": day(session.starts_at)}
            ),
            "meetings/email/update_request.txt",
            _context(
                session,
                user,
                asked,
                reminder=False,
                link=_link(session, user),
                replying=bool(inbound.reply_address(session, user)),
            ),
            reply_to=inbound.reply_address(session, user),
        )

    return send


def send_reminder(session):
    """`send(user, missing)`: remind of what is still missing in this round."""

    def send(user, missing):
        _send(
            user,
            Kind.UPDATE_REQUESTS,
            lambda: _("Reminder: your update for %(date)s") % {"date": day(session.starts_at)},
            "meetings/email/update_request.txt",
            _context(
                session,
                user,
                missing,
                reminder=True,
                link=_link(session, user),
                replying=bool(inbound.reply_address(session, user)),
            ),
            reply_to=inbound.reply_address(session, user),
        )

    return send


def send_preread(session):
    def send(user):
        _send(
            user,
            Kind.PREREAD,
            lambda: (
                _("Please read before the session of %(date)s") % {"date": day(session.starts_at)}
            ),
            "meetings/email/preread.txt",
            {"session": session, "url": _url("meetings:preread", session)},
        )

    return send


def send_figures_request(session, user, kpis) -> None:
    """Ask a KPI owner to enter the figures the plan session still misses."""
    plan = session.plan
    _send(
        user,
        # An ask before the session, like an update request: its unsubscribe link is that kind's.
        notifications.Kind.UPDATE_REQUESTS,
        lambda: _("Figures for the plan session of %(date)s") % {"date": day(session.starts_at)},
        "meetings/email/figures_request.txt",
        {
            "session": session,
            "user": user,
            "kpis": kpis,
            "url": settings.SITE_URL
            + reverse("dashboard:grid", args=[plan.workspace.slug, plan.pk]),
        },
    )


def send_followup(session, recipients: list[str], subject: str, text: str) -> None:
    send_mail(subject=one_line(subject), message=text, from_email=None, recipient_list=recipients)
