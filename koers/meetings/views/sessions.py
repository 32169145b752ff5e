"""Sessions of a plan: the rhythm, the schedule, preparation (update round, pre-read)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can, capabilities_of
from koers.analysis.swot import by_kind as swot_groups
from koers.lib.pagecache import cached_page
from koers.lib.versioning import STALE_MESSAGE, StaleEdit, save_versioned
from koers.meetings import asked, rounds, rules, tasks
from koers.meetings.access import get_session_for
from koers.meetings.agenda import build_agenda
from koers.meetings.context import base_context
from koers.meetings.engagement import engagement
from koers.meetings.forms import CadenceForm, SessionForm
from koers.meetings.loading import PREREAD, load_agenda_data
from koers.meetings.models import Cadence, Session
from koers.plans.access import get_plan_for
from koers.reports.pdf import cached_pdf_response


@login_required
@require_safe
def session_list(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id)
    now = timezone.now()
    # A session moves from "Coming up" to "Earlier" at its start time, not at midnight. While
    # the data stay the same (the revision), the split changes only when a start passes, and
    # then the number of sessions begun grows: that number keeps a copy from outliving its split.
    begun = plan.sessions.filter(starts_at__lt=now).count()
    return cached_page(
        request,
        "meetings/session_list.html",
        plan.workspace,
        lambda: _session_list_context(plan, membership, now),
        clock=(begun,),
    )


def _session_list_context(plan, membership, now):
    sessions = list(plan.sessions.all())
    return base_context(
        plan,
        membership,
        cadence=Cadence.objects.filter(plan=plan).first(),
        upcoming=[
            s
            for s in sessions
            if s.state != Session.State.CLOSED
            and s.starts_at >= now
            or s.state == Session.State.RUNNING
        ],
        past=[
            s
            for s in reversed(sessions)
            if s.state == Session.State.CLOSED
            or (s.starts_at < now and s.state != Session.State.RUNNING)
        ],
    )


@login_required
@require_http_methods(["GET", "POST"])
def cadence(request, slug, plan_id):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.RUN_SESSIONS)
    current = rules.cadence_of(plan)
    form = CadenceForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_cadence(form.instance, form.edited_fields, form.loaded_version())
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The rhythm is saved."))
            return redirect("meetings:list", slug, plan.pk)
    return render(
        request,
        "meetings/cadence.html",
        base_context(plan, membership, form=form),
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def schedule(request, slug, plan_id):
    plan, _membership = get_plan_for(request, slug, plan_id, need=Can.RUN_SESSIONS)
    created = rules.schedule_sessions(plan, rules.cadence_of(plan), timezone.localdate())
    messages.success(
        request,
        ngettext("%(n)s session planned.", "%(n)s sessions planned.", len(created))
        % {"n": len(created)},
    )
    return redirect("meetings:list", slug, plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_form(request, slug, plan_id, session_id=None):
    plan, membership = get_plan_for(request, slug, plan_id, need=Can.RUN_SESSIONS)
    session = (
        get_object_or_404(Session, pk=session_id, plan=plan)
        if session_id
        else Session(plan=plan, place=rules.cadence_of(plan).place)
    )
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        if session.pk:
            try:
                save_versioned(form.instance, form.edited_fields, form.loaded_version())
            except StaleEdit:
                form.add_error(None, STALE_MESSAGE)
        else:
            rules.kept(rules.cadence_of(plan))  # the session list offers its calendar feed
            form.instance.save()
        if not form.errors:
            return redirect("meetings:detail", slug, plan.pk, form.instance.pk)
    return render(
        request,
        "meetings/session_form.html",
        base_context(plan, membership, form=form, session=session),
        status=422 if form.errors else 200,
    )


@login_required
@require_safe
def session_detail(request, slug, plan_id, session_id):
    session, plan, membership = get_session_for(request, slug, plan_id, session_id)

    # The agenda reads the clock only for today's KPI status (plan session), which the cache
    # key holds, and whether the session has begun (no more asking for updates then), which
    # is in the key too: the session's own data decide the rest.
    over = rounds.round_is_over(session)

    def context():
        return base_context(
            plan,
            membership,
            session=session,
            sections=build_agenda(load_agenda_data(session)),
            cadence=rules.cadence_of(plan),
            round_over=over,
        )

    page, rights = "meetings/session_detail.html", capabilities_of(membership)
    return cached_page(request, page, plan.workspace, context, clock=(over,), rights=rights)


@login_required
@require_safe
def update_round(request, slug, plan_id, session_id):
    session, plan, membership = get_session_for(
        request, slug, plan_id, session_id, need=Can.RUN_SESSIONS
    )
    # Owners left out because their role on the plan cannot update: `not_asked`.
    rows, not_asked = rounds.round_state(session)
    context = base_context(
        plan,
        membership,
        session=session,
        rows=rows,
        complete=sum(r["complete"] for r in rows),
        over=rounds.round_is_over(session),
        not_asked=not_asked,
    )
    # Engagement is for nudging people before the session: today's figures would contradict an
    # ended round's frozen ones, so an ended round shows only what it was.
    over = context["over"]
    context["engagement"] = None if over else engagement(session)  # meetings/_engagement.html
    return render(request, "meetings/update_round.html", context)


def _round_step(request, slug, plan_id, session_id, step):
    """Asking and reminding: refused once the session has begun; the mail goes out in the
    background and the round page says so meanwhile."""
    session, plan, _m = get_session_for(request, slug, plan_id, session_id, need=Can.RUN_SESSIONS)
    if rounds.round_is_over(session):
        messages.error(request, _("This session has begun or ended: its update round is over."))
    else:
        messages.success(request, step(session))
    return redirect("meetings:round", slug, plan.pk, session.pk)


@login_required
@require_POST
def open_round(request, slug, plan_id, session_id):
    def step(session):
        rounds.queue_round(session)
        tasks.open_round.enqueue(session.pk)
        return _("The update requests are being sent.")

    return _round_step(request, slug, plan_id, session_id, step)


@login_required
@require_POST
def remind(request, slug, plan_id, session_id):
    def step(session):
        tasks.remind_now.enqueue(session.pk)
        return _("Reminders are being sent to everyone who has not answered.")

    return _round_step(request, slug, plan_id, session_id, step)


def _preread_context(session, plan, membership):
    data = load_agenda_data(session, PREREAD)
    # Each action's block is kept under its raw row (meetings/kept.py) and the round's start,
    # which "from before this round" depends on.
    strategies = []
    for s in data.strategies:
        actions = [a for a in data.actions if a.strategy_id == s.pk]
        # A strategy's actions are kept as one block too, under all their rows: after an
        # update, the other strategies' blocks are one read each.
        shown = tuple(a.shown for a in actions)
        update = data.strategy_updates.get(s.pk)
        strategies.append({"strategy": s, "update": update, "actions": actions, "shown": shown})
    fresh_since = asked.round_start(session)
    return base_context(
        plan,
        membership,
        session=session,
        strategies=strategies,
        # Steering and plan sessions prepare by looking around (METHOD.md): what moved, how the
        # scenarios stand, and (plan session) the updated strengths … risks.
        swot=swot_groups(data.analysis),
        signals=data.signals,
        scenario_sets=data.scenario_sets,
        canvas_shift=data.canvas_shift,
        trend_changes=data.trend_changes,
        # Their list is kept whole under every trend's raw rows (each trend's block is kept
        # too): a hundred blocks read as one when none changed.
        trends_shown=tuple(h.shown for h in data.trend_changes),
        # An update written before this round began is last round's news: marked as such.
        fresh_since=fresh_since,
    )


@login_required
@require_safe
def preread(request, slug, plan_id, session_id):
    session, plan, membership = get_session_for(request, slug, plan_id, session_id)
    return cached_page(
        request,
        "meetings/preread.html",
        plan.workspace,
        lambda: _preread_context(session, plan, membership),
    )


def session_pdf(request, slug, plan_id, session_id, template, get_context, name):
    """A session document as PDF, from the page cache; `get_context(session, plan, membership)`
    runs only when it is made afresh. The file is called `<name>-<date of the session>.pdf`."""
    session, plan, membership = get_session_for(request, slug, plan_id, session_id)

    def document():
        context = get_context(session, plan, membership)
        return context, f"{name}-{session.starts_at:%Y-%m-%d}.pdf"

    return cached_pdf_response(request, template, plan.workspace, document)


@login_required
@require_safe
def preread_pdf(request, slug, plan_id, session_id):
    def context(session, plan, membership):
        from koers.meetings.views.year import preread_extra  # it builds on this module

        return {**_preread_context(session, plan, membership), **preread_extra(session)}

    return session_pdf(
        request, slug, plan_id, session_id, "meetings/preread.html", context, "pre-read"
    )


@login_required
@require_POST
def share_preread(request, slug, plan_id, session_id):
    session, plan, _m = get_session_for(request, slug, plan_id, session_id, need=Can.RUN_SESSIONS)
    rounds.queue_preread(session)
    tasks.share_preread.enqueue(session.pk)
    messages.success(request, _("The pre-read is being sent to everyone in the workspace."))
    return redirect("meetings:detail", slug, plan.pk, session.pk)
