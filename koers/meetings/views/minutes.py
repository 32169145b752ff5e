"""After the session: the minutes (HTML and PDF), the follow-up report, the calendar feed."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from koers.accounts.permissions import Can
from koers.lib.pagecache import cached_page
from koers.meetings import follow_up, mail
from koers.meetings.access import get_session_for
from koers.meetings.agenda import build_agenda, flat_items
from koers.meetings.context import base_context
from koers.meetings.forms import FollowupForm
from koers.meetings.loading import OUTLINE, load_agenda_data, look_back_start, plan_actions
from koers.meetings.models import Cadence, EvaluationItem
from koers.meetings.views.sessions import session_pdf
from koers.reports.pdf import pdf_response


def _minutes_context(session, plan, membership):
    notes = list(session.notes.select_related("recorded_by").order_by("pk"))
    # Each note is headed by its agenda item's title; naming the items needs no updates or
    # figures, and without notes the agenda need not be read at all.
    titles = _note_headings(session) if notes else {}
    evaluation = list(EvaluationItem.objects.filter(Q(session=session) | Q(reviewed_in=session)))
    return base_context(
        plan,
        membership,
        session=session,
        notes=[(titles.get(n.item_key, n.item_key), n) for n in notes],
        decisions=list(session.decisions.select_related("decided_by", "action")),
        evaluation=[e for e in evaluation if e.session_id == session.pk],
        reviewed=[e for e in evaluation if e.reviewed_in_id == session.pk],
    )


def _heading(item) -> str:
    """A note's heading in the minutes, which have no sections: an item about a strategy
    (its update, its finished actions) names the strategy."""
    if item.strategy is not None and item.action is None and item.title != item.strategy.title:
        return f"{item.title}: {item.strategy.title}"
    return str(item.title)


def _note_headings(session) -> dict:
    """Agenda item key -> heading. An action's item may have left the agenda during the session
    (closed, or back on plan): its notes are headed by the action's title, not the item's key."""
    data = load_agenda_data(session, OUTLINE)
    titles = {f"{prefix}-{a.pk}": a.title for a in data.actions for prefix in ("action", "close")}
    titles.update((item.key, _heading(item)) for item in flat_items(build_agenda(data)))
    return titles


@login_required
@require_safe
def minutes(request, slug, plan_id, session_id):
    session, plan, membership = get_session_for(request, slug, plan_id, session_id)
    return cached_page(
        request,
        "meetings/minutes.html",
        plan.workspace,
        lambda: _minutes_context(session, plan, membership),
    )


@login_required
@require_safe
def minutes_pdf(request, slug, plan_id, session_id):
    return session_pdf(
        request, slug, plan_id, session_id, "meetings/minutes.html", _minutes_context, "minutes"
    )


@login_required
@require_http_methods(["GET", "POST"])
def followup(request, slug, plan_id, session_id):
    session, plan, membership = get_session_for(
        request, slug, plan_id, session_id, need=Can.RUN_SESSIONS
    )
    subject = _("%(plan)s: results and priorities") % {"plan": plan.name}
    # The draft names actions only: it needs neither the agenda nor the analysis around it.
    text = session.followup_text or follow_up.draft_followup(
        session,
        plan_actions(plan, with_latest_update=False),
        look_back_start(session),
        sender=request.user,
    )
    form = FollowupForm(request.POST or None, initial={"subject": subject, "text": text})
    if request.method == "POST" and form.is_valid():
        session.followup_text = form.cleaned_data["text"]
        session.save(update_fields=["followup_text"])
        if "pdf" in request.POST:
            context = base_context(
                plan, membership, session=session, subject=form.cleaned_data["subject"]
            )
            return pdf_response(
                "meetings/followup_pdf.html",
                context,
                request,
                f"follow-up-{session.starts_at:%Y-%m-%d}.pdf",
            )
        recipients = form.cleaned_data["recipients"]
        if "send" in request.POST:
            if not recipients:
                form.add_error("recipients", _("Add at least one e-mail address."))
            else:
                mail.send_followup(
                    session, recipients, form.cleaned_data["subject"], form.cleaned_data["text"]
                )
                follow_up.mark_followup_sent(session)
                messages.success(
                    request,
                    ngettext("Sent to %(n)s person.", "Sent to %(n)s people.", len(recipients))
                    % {"n": len(recipients)},
                )
                return redirect("meetings:followup", slug, plan.pk, session.pk)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("meetings:followup", slug, plan.pk, session.pk)
    return render(
        request,
        "meetings/followup.html",
        base_context(plan, membership, session=session, form=form),
        status=422 if form.errors else 200,
    )


@require_safe
def calendar_feed(request, token):
    """The plan's sessions as iCal; the unguessable token is the key, as calendar apps
    cannot log in."""
    cadence = Cadence.objects.select_related("plan__workspace").filter(calendar_token=token).first()
    if cadence is None:
        raise Http404
    from icalendar import Calendar, Event  # on first use: ~4 MB a worker needs only for feeds

    plan = cadence.plan
    calendar = Calendar()
    calendar.add("prodid", "-//Koers//OGSM sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", plan.name)
    zone = ZoneInfo(plan.workspace.time_zone)
    for session in plan.sessions.all():
        starts = session.day_starts(zone)
        for number, start in enumerate(starts, start=1):
            # A session of several days is an event per day; the first keeps the session's
            # own uid, so calendars that subscribed before see the same event.
            event = Event()
            suffix = f"-day-{number}" if number > 1 else ""
            event.add("uid", f"koers-session-{session.pk}{suffix}@{request.get_host()}")
            summary = f"{session.get_kind_display()} · {plan.name}"
            if len(starts) > 1:
                summary += f" ({number}/{len(starts)})"
            event.add("summary", summary)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=session.duration_minutes))
            event.add("dtstamp", session.starts_at)
            if session.place:
                event.add("location", session.place)
            event.add(
                "url",
                request.build_absolute_uri(
                    reverse("meetings:detail", args=[plan.workspace.slug, plan.pk, session.pk])
                ),
            )
            calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
