"""Brainstorms: a question, everyone's ideas, votes, groups, and ideas turned into plan content."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koers.accounts.permissions import Can, capabilities_of
from koers.analysis import brainstorm as rules
from koers.analysis.access import get_live, membership_for
from koers.analysis.errors import AnalysisError
from koers.analysis.forms import BrainstormForm, ConvertForm, GroupForm, IdeaForm
from koers.analysis.models import Brainstorm, Idea, Vote
from koers.analysis.views import archive_page, form_page, page, save_new, tool_context
from koers.lib.keptrows import Rows, lazy
from koers.lib.pagecache import cached_page, row_state
from koers.lib.rowurls import add_urls


def _url(slug, brainstorm, idea=None):
    url = reverse("analysis:brainstorm", args=[slug, brainstorm.pk])
    return f"{url}#idea-{idea.pk}" if idea else url


IDEA_URLS = {
    "vote": "analysis:idea_vote",
    "group": "analysis:idea_group",
    "convert": "analysis:idea_convert",
}


def _idea_labels() -> dict:
    """The fixed words of every idea's block, translated once per page rather than per idea
    (a long brainstorm's fresh render spent a fifth of its time in `{% translate %}`)."""
    return {
        "anonymous": _("Anonymous"),
        "became_action": _("became action"),
        "became_trend": _("became a trend"),
        "group": _("Group"),
        "set_group": _("Set group"),
        "take_over": _("Take over…"),
    }


# The relations an idea's block shows (`_shown`): in its kept list's key (`Rows` reads them).
SHOWN = ("author", "action__strategy", "swot_item")


def _ideas(brainstorm, user):
    votes = (
        Vote.objects.filter(idea=OuterRef("pk")).order_by().values("idea").annotate(n=Count("*"))
    ).values("n")
    return (
        Idea.objects.filter(brainstorm=brainstorm, archived_at__isnull=True)
        .select_related(*SHOWN)
        .annotate(
            # A count per idea in a subquery: a join with GROUP BY over every selected column
            # took twice as long on a long brainstorm.
            vote_count=Coalesce(Subquery(votes, output_field=IntegerField()), 0),
            voted=Exists(Vote.objects.filter(idea=OuterRef("pk"), user=user)),
        )
    )


@login_required
@require_safe
def brainstorms(request, slug):
    membership = membership_for(request, slug)

    def context():
        listed = (
            Brainstorm.objects.filter(workspace=membership.workspace, archived_at__isnull=True)
            .select_related("plan", "created_by")
            .annotate(idea_count=Count("ideas"))
        )
        return {"brainstorms": listed, "form": BrainstormForm(workspace=membership.workspace)}

    return cached_page(
        request,
        "analysis/brainstorms.html",
        membership.workspace,
        tool_context(membership, "brainstorm", context),
    )


@login_required
@require_POST
def brainstorm_new(request, slug):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    form = BrainstormForm(request.POST, workspace=membership.workspace)
    if form.is_valid():
        brainstorm = save_new(form, membership)
        return redirect(_url(slug, brainstorm))
    return form_page(
        request,
        membership,
        "brainstorm",
        form,
        title=_("New brainstorm"),
        action=request.get_full_path(),
        cancel=reverse("analysis:brainstorms", args=[slug]),
    )


def _shown(idea) -> tuple:
    """What an idea's block shows: its row, its author, what it became, its votes."""
    action = idea.action
    return (
        row_state(idea),
        row_state(idea.author),
        row_state(action),
        action.strategy.plan_id if action else None,
        row_state(idea.swot_item),
        idea.vote_count,
        idea.voted,
    )


def _context(request, membership, brainstorm, idea_form=None) -> dict:
    # Read as values, the key of the kept list of ideas; built into ideas only on a miss.
    rows = Rows(_ideas(brainstorm, request.user))  # with the votes (annotations)

    def groups():
        ideas = add_urls(rows.objects, membership.workspace.slug, brainstorm.pk, **IDEA_URLS)
        for idea in ideas:
            idea.shown = _shown(idea)
        return rules.ranked(ideas)

    return {
        "brainstorm": brainstorm,
        # What every idea's block reads besides its own rows (its `{% fragment %}` parts): the
        # viewer's capabilities (its tools and vote button), the brainstorm, the URLs' slug.
        "idea_rights": (
            tuple(sorted(capabilities_of(membership))),
            brainstorm.pk,
            brainstorm.closed_at,
            membership.workspace.slug,
        ),
        "ideas_shown": rows.state,  # the whole list's key: its rows, with this viewer's votes
        "groups": lazy(groups),
        "idea_labels": _idea_labels(),
        "idea_count": len(rows),
        "idea_form": idea_form or IdeaForm(),
    }


def _page(request, membership, brainstorm, idea_form=None):
    context = _context(request, membership, brainstorm, idea_form)
    return page(request, "analysis/brainstorm.html", membership, "brainstorm", **context)


def _brainstorm(membership, brainstorm_id):
    return get_live(Brainstorm.objects.select_related("plan"), membership, brainstorm_id)


@login_required
@require_safe
def brainstorm(request, slug, brainstorm_id):
    membership = membership_for(request, slug)

    def context():  # a copy in the cache proves the brainstorm was live (koers.lib.pagecache)
        return _context(request, membership, _brainstorm(membership, brainstorm_id))

    # Shows the viewer's own votes: cached per viewer, like every page.
    return cached_page(
        request,
        "analysis/brainstorm.html",
        membership.workspace,
        tool_context(membership, "brainstorm", context),
    )


@login_required
@require_POST
def idea_new(request, slug, brainstorm_id):
    membership = membership_for(request, slug, need=Can.CONTRIBUTE)
    brainstorm = _brainstorm(membership, brainstorm_id)
    form = IdeaForm(request.POST)
    if form.is_valid():
        try:
            idea = rules.add_idea(
                brainstorm, request.user, form.cleaned_data["text"], form.cleaned_data["anonymous"]
            )
            return redirect(_url(slug, brainstorm, idea))
        except AnalysisError as error:
            messages.error(request, str(error))
            return redirect(_url(slug, brainstorm))
    return _page(request, membership, brainstorm, idea_form=form)


def _idea(membership, brainstorm_id, idea_id, user=None):
    brainstorm = _brainstorm(membership, brainstorm_id)
    ideas = _ideas(brainstorm, user) if user else Idea.objects.filter(brainstorm=brainstorm)
    return brainstorm, get_object_or_404(ideas, pk=idea_id, archived_at__isnull=True)


@login_required
@require_POST
def vote(request, slug, brainstorm_id, idea_id):
    membership = membership_for(request, slug, need=Can.CONTRIBUTE)
    brainstorm, idea = _idea(membership, brainstorm_id, idea_id)
    try:
        rules.toggle_vote(idea, request.user)
    except AnalysisError as error:
        messages.error(request, str(error))
        if request.htmx:  # a fragment cannot show the message: reload the page that will
            return HttpResponse(status=204, headers={"HX-Refresh": "true"})
        return redirect(_url(slug, brainstorm, idea))
    if request.htmx:
        _brainstorm_, idea = _idea(membership, brainstorm_id, idea_id, user=request.user)
        add_urls([idea], slug, brainstorm.pk, **IDEA_URLS)
        return page(
            request,
            "analysis/brainstorm.html#idea",
            membership,
            "brainstorm",
            brainstorm=brainstorm,
            idea=idea,
            idea_labels=_idea_labels(),
        )
    return redirect(_url(slug, brainstorm, idea))


@login_required
@require_POST
def group(request, slug, brainstorm_id, idea_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    brainstorm, idea = _idea(membership, brainstorm_id, idea_id)
    form = GroupForm(request.POST)
    if form.is_valid():
        rules.set_group(idea, form.cleaned_data["group"])
    return redirect(_url(slug, brainstorm, idea))


@login_required
@require_POST
def close(request, slug, brainstorm_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    brainstorm = _brainstorm(membership, brainstorm_id)
    rules.close(brainstorm)
    return redirect(_url(slug, brainstorm))


@login_required
@require_http_methods(["GET", "POST"])
def convert(request, slug, brainstorm_id, idea_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    brainstorm, idea = _idea(membership, brainstorm_id, idea_id)
    form = ConvertForm(request.POST or None, workspace=membership.workspace, plan=brainstorm.plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rules.convert(
                idea,
                membership,
                data["target"],
                strategy=data.get("strategy"),
                category=data.get("category"),
            )
            messages.success(request, _("The idea has been taken over."))
            return redirect(_url(slug, brainstorm, idea))
        except AnalysisError as error:
            form.add_error(None, str(error))
    return form_page(
        request,
        membership,
        "brainstorm",
        form,
        title=_("Take over the idea: %(idea)s") % {"idea": idea},
        action=request.get_full_path(),
        cancel=_url(slug, brainstorm, idea),
    )


@login_required
@require_http_methods(["GET", "POST"])
def brainstorm_archive(request, slug, brainstorm_id):
    membership = membership_for(request, slug, need=Can.EDIT_ANALYSIS)
    brainstorm = _brainstorm(membership, brainstorm_id)
    return archive_page(
        request,
        membership,
        "brainstorm",
        brainstorm,
        warning=_("Its ideas and votes are kept, out of sight; what ideas became stays."),
        cancel=_url(slug, brainstorm),
        done=reverse("analysis:brainstorms", args=[slug]),
    )
