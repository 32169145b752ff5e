"""The kinds of agenda item. Each kind has its summary partial, meetings/items/_<kind>.html
(`AgendaItem.template`); a test holds the kinds and the partials equal."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    # Update session, and the actions of the steering agenda
    ATTENTION = "attention"  # an orange or red action
    READY = "ready"  # an action at 100 %, to close
    # Steering session
    STRATEGY_UPDATE = "strategy_update"
    FINISHED = "finished"  # results of a strategy's finished actions
    EVALUATION_REVIEW = "evaluation_review"  # earlier start/keep/stop items, to review
    EVALUATION = "evaluation"  # this session's start/keep/stop items
    SIGNALS = "signals"
    CANVAS_SHIFT = "canvas_shift"
    TREND_SCORES = "trend_scores"
    SCENARIOS = "scenarios"
    NEW_ACTIONS = "new_actions"
    PRIORITIES = "priorities"
    PROPOSALS = "proposals"  # members' proposed actions, to accept or reject
    OGSM_CHANGE = "ogsm_change"
    FOLLOWUP = "followup"
    # Plan session: the year in view, one item per analysis tool (meetings/year.py)
    YEAR_SIGNALS = "year_signals"
    YEAR_SWOT = "year_swot"
    YEAR_TRENDS = "year_trends"
    YEAR_SCENARIOS = "year_scenarios"
    YEAR_CANVAS = "year_canvas"
    ANALYSIS = "analysis"  # the SWOT, to respond to or ignore
    DASHBOARD_GOALS = "dashboard_goals"
    DASHBOARD = "dashboard"  # one strategy's KPIs and actions
    # Steering and plan sessions of a plan that others serve (koers.plans.cascade)
    CHILD_PLANS = "child_plans"  # each child plan's health and its open requests to us
    # Plan session: the OGSM bottom-up, in the draft of the next version
    STEP = "step"  # a question of the method, to discuss
    DRAFT_STRATEGY = "draft_strategy"
    DRAFT_NEW_STRATEGY = "draft_new_strategy"
    DRAFT_DASHBOARD = "draft_dashboard"
    DRAFT_GOALS = "draft_goals"
    UPDATE_OGSM = "update_ogsm"
    # Every session
    CONCLUSIONS = "conclusions"


# Session mode (meetings/run.html): the kinds decided on screen, each with its decision partial,
# meetings/decide/_<kind>.html (`AgendaItem.decide_template`); a test holds the two equal.
DECIDED_IN_SESSION = frozenset(
    {
        ItemKind.ATTENTION,
        ItemKind.READY,
        ItemKind.EVALUATION_REVIEW,
        ItemKind.EVALUATION,
        ItemKind.NEW_ACTIONS,
        ItemKind.PRIORITIES,
        ItemKind.PROPOSALS,
        ItemKind.OGSM_CHANGE,
        ItemKind.UPDATE_OGSM,
        ItemKind.DRAFT_STRATEGY,
        ItemKind.DRAFT_NEW_STRATEGY,
        ItemKind.DRAFT_DASHBOARD,
        ItemKind.DRAFT_GOALS,
        ItemKind.ANALYSIS,
        ItemKind.FOLLOWUP,
    }
)

# The kinds whose decision partial records the notes itself: session mode adds no notes field.
NOTED_IN_THEIR_FORMS = frozenset(
    {ItemKind.ATTENTION, ItemKind.EVALUATION, ItemKind.EVALUATION_REVIEW}
)

# The kinds whose decision partial shows what the summary shows, as forms, while the session is
# open (the earlier start/keep/stop items with their "did we do it?" buttons).
SUMMARY_WHEN_CLOSED = frozenset({ItemKind.EVALUATION_REVIEW})

# The label of session mode's notes field, where a kind asks for something else than conclusions.
NOTE_LABELS = {
    ItemKind.FINISHED: _("Feedback to improve the results"),
    ItemKind.READY: _("Notes on this action"),
}
DEFAULT_NOTE_LABEL = _("Conclusions and agreements")
