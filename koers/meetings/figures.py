"""The preparation panel's one-click request: ask a KPI owner by e-mail to enter the figures
the plan session still misses. No request rule of the actions fits (those hang on an action),
so this is a mail, recorded as a `Notice`: once a day per owner and session, like a reminder."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.meetings import mail
from koers.meetings.models import Notice, Session
from koers.meetings.rules import SessionError
from koers.meetings.year import missing_figures, window


@transaction.atomic
def ask_for_figures(session, owner_id: int) -> list:
    """Mail the owner the list of their missing figures; SessionError when there is nothing to
    ask, the session is over, or they were asked today. The mail is sent inside the
    transaction, so a failed mail records no request."""
    if session.state == Session.State.CLOSED:
        raise SessionError(_("This session is closed; its minutes can no longer change."))
    kpis = [k for k in missing_figures(session.plan, window(session).end) if k.owner_id == owner_id]
    if not kpis:
        raise SessionError(_("No figures are missing for this person."))
    owner = kpis[0].owner
    try:
        with transaction.atomic():
            Notice.objects.create(
                session=session,
                user=owner,
                type=Notice.Type.FIGURES,
                day=timezone.localdate(),
                sent_at=timezone.now(),
            )
    except IntegrityError as error:
        raise SessionError(
            _("%(name)s was asked today already.") % {"name": owner.display_name}
        ) from error
    mail.send_figures_request(session, owner, kpis)
    return kpis
