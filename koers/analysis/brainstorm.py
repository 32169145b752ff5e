"""Brainstorms: ideas (also anonymous), votes, groups, and turning an idea into plan content."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.actions import rules as action_rules
from koers.analysis import swot, trends
from koers.analysis.errors import AnalysisError
from koers.analysis.models import Category, Idea, Source, SwotKind, Trend, Vote


def add_idea(brainstorm, by, text: str, anonymous: bool = False) -> Idea:
    if brainstorm.closed_at is not None:
        raise AnalysisError(_("This brainstorm is closed."))
    return Idea.objects.create(brainstorm=brainstorm, text=text, author=None if anonymous else by)


def toggle_vote(idea, user) -> bool:
    """Vote for an idea, or take the vote back; returns whether the user now votes for it."""
    if idea.brainstorm.closed_at is not None:
        raise AnalysisError(_("This brainstorm is closed."))
    deleted, _rows = Vote.objects.filter(idea=idea, user=user).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Vote.objects.create(idea=idea, user=user)
    except IntegrityError:  # a double click raced itself: the vote is there
        pass
    return True


def set_group(idea, group: str) -> None:
    idea.group = group.strip()[:80]
    idea.save(update_fields=["group"])


def close(brainstorm) -> None:
    brainstorm.closed_at = None if brainstorm.closed_at else timezone.now()
    brainstorm.save(update_fields=["closed_at"])


def ranked(ideas) -> list[tuple[str, list]]:
    """Ideas grouped (ungrouped last), each group by votes, most first."""
    groups: dict[str, list] = {}
    for idea in sorted(ideas, key=lambda i: (-i.vote_count, i.created_at, i.pk)):
        groups.setdefault(idea.group, []).append(idea)
    return sorted(groups.items(), key=lambda pair: (pair[0] == "", pair[0].lower()))


@transaction.atomic
def convert(idea, membership, target: str, *, strategy=None, category=None):
    """Turn an idea into an action (in a strategy), a trend, or an opportunity or risk."""
    workspace = idea.brainstorm.workspace
    if target == "action":
        if strategy is None or strategy.plan.workspace_id != workspace.pk:
            raise AnalysisError(_("Choose the strategy the action belongs to."))
        idea.action = action_rules.create_action(
            strategy,
            membership,
            title=idea.text[:200],
            description=_("From the brainstorm: %(q)s") % {"q": idea.brainstorm.question},
        )
        idea.save(update_fields=["action"])
        return idea.action
    if target == "trend":
        idea.trend = Trend(
            workspace=workspace, title=idea.text[:200], category=category or Category.ECONOMY
        )
        trends.add_trend(idea.trend, membership.user)
        idea.save(update_fields=["trend"])
        return idea.trend
    if target in (SwotKind.OPPORTUNITY, SwotKind.RISK):
        idea.swot_item = swot.add_item(
            workspace, membership.user, kind=target, description=idea.text, source=Source.BRAINSTORM
        )
        idea.save(update_fields=["swot_item"])
        return idea.swot_item
    raise AnalysisError(_("Choose what the idea becomes."))
