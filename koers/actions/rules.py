"""Action plan rules: who may update what, the structured update, statuses and closing.

Progress and colour of an action are those of its latest update (METHOD.md): they are written
here, by `post_update`, and nowhere else.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koers.accounts.models import Membership
from koers.accounts.permissions import Can, can
from koers.actions.models import (
    Action,
    ActionUpdate,
    Colour,
    DefinitionOfDone,
    DoneCriterion,
    Status,
    StrategyUpdate,
)
from koers.actions.queries import is_open
from koers.lib.versioning import save_or_create_versioned, save_versioned, unsaved_default
from koers.plans.roles import on_plan
from koers.plans.rules import move_item, touch_plan


class ActionError(Exception):
    """A change the method's rules do not allow; the message is shown to the user."""


def default_definition_of_done() -> str:
    return _(
        "An action is done when one of these is true:\n"
        "1. It is really finished: it needs no more attention from the team.\n"
        "2. Its follow-up is embedded in a daily process: we name the process and the person "
        "who carries it on."
    )


def definition_of_done(plan) -> DefinitionOfDone:
    """The plan's definition of done. Until the team words its own, the method's (unsaved, in
    the reader's language): reading a page never writes, which would empty the page cache. A
    saved definition left blank is the method's too, in each reader's language."""
    dod = DefinitionOfDone.objects.filter(plan=plan).first() or unsaved_default(
        DefinitionOfDone, plan=plan, text=""
    )
    if not dod.text.strip():
        dod.text = default_definition_of_done()
    return dod


def _is_the_default(text: str) -> bool:
    """The method's wording in any language: a team that keeps it keeps it translated."""
    wording = " ".join(text.split())
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if wording == " ".join(default_definition_of_done().split()):
                return True
    return False


def save_definition_of_done(dod: DefinitionOfDone, expected_version: int) -> None:
    if _is_the_default(dod.text):
        dod.text = ""  # stored as "the method's", shown in the reader's language
    save_or_create_versioned(dod, ["text"], expected_version)


def is_owner(user, action: Action) -> bool:
    if action.owner_id == user.pk:
        return True
    return any(co.pk == user.pk for co in action.co_owners.all())


def can_update(membership: Membership, action: Action) -> bool:
    """Owners update their own actions; the OGSM owner and process owner may update any (their
    role on the action's plan counts: koers.plans.roles)."""
    membership = on_plan(membership, lambda: action.strategy.plan_id)
    if can(membership, Can.UPDATE_ANY_ACTION):
        return True
    return can(membership, Can.UPDATE_OWN_ACTION) and is_owner(membership.user, action)


def with_update_rights(membership: Membership, actions) -> list[Action]:
    """The actions, each marked `can_update` for this member (a board's movable cards). Only
    when the answer depends on ownership are the co-owners fetched (one query more). A
    workspace membership (actions of several plans) counts per action's plan."""
    if getattr(membership, "plan_scope", None) is None:
        actions = actions.select_related("strategy").prefetch_related("co_owners")
    elif not can(membership, Can.UPDATE_ANY_ACTION):
        actions = actions.prefetch_related("co_owners")
    actions = list(actions)
    for action in actions:
        action.can_update = can_update(membership, action)
    return actions


class _Every:
    """Every id: for a member who may update any action."""

    def __contains__(self, key) -> bool:
        return True


def updatable_ids(membership: Membership, plan):
    """The ids of the plan's actions this member may update (`can_update` for all of them at
    once, in at most one query): what a shared page's `{% granted %}` parts are filled from."""
    membership = on_plan(membership, plan.pk)
    if can(membership, Can.UPDATE_ANY_ACTION):
        return _Every()
    if not can(membership, Can.UPDATE_OWN_ACTION):
        return frozenset()
    user = membership.user_id
    mine = Action.objects.filter(strategy__plan=plan).filter(
        Q(owner_id=user) | Q(co_owners__id=user)
    )
    return frozenset(mine.values_list("pk", flat=True))


def can_update_strategy(membership: Membership, strategy) -> bool:
    membership = on_plan(membership, lambda: strategy.plan_id)
    if can(membership, Can.UPDATE_ANY_ACTION):
        return True
    return can(membership, Can.UPDATE_OWN_ACTION) and strategy.owner_id == membership.user_id


def _plan_id(action: Action) -> int:
    return action.strategy.plan_id


@transaction.atomic
def create_action(strategy, membership: Membership, *, co_owners=(), **fields) -> Action:
    """A new action at the end of its strategy's list; a member's action is a proposal."""
    if can(membership, Can.MANAGE_ACTIONS):
        proposed = False
    elif can(membership, Can.PROPOSE_ACTION):
        proposed = True
    else:
        raise ActionError(_("Your role cannot add actions."))
    last = Action.objects.filter(strategy=strategy).aggregate(last=Max("position"))["last"]
    action = Action.objects.create(
        strategy=strategy,
        position=0 if last is None else last + 1,
        proposed=proposed,
        proposed_by=membership.user if proposed else None,
        status=Status.TODO,
        **fields,
    )
    action.co_owners.set(co_owners)
    return action


@transaction.atomic
def save_action(action: Action, fields: list[str], expected_version: int, co_owners=None) -> None:
    """Save edited fields; raises StaleEdit when someone else saved first."""
    save_versioned(action, fields, expected_version)
    if co_owners is not None:
        action.co_owners.set(co_owners)


def _status_problem(action: Action, status: str) -> str | None:
    """A decision moves an action between To do and In progress; Done is `close_action`'s."""
    if action.status == Status.DONE:
        return _("This action is done. Reopen it first.")
    if status not in (Status.TODO, Status.IN_PROGRESS):
        return _("Close the action with the definition of done.")


def dates_problem(start, due) -> str | None:
    """What is wrong with an action's start and due date, or None: the edit form, the
    spreadsheet import and a session's decision all ask this."""
    if start and due and due < start:
        return _("The due date cannot be before the start date.")
    return None


# The fields a decision elsewhere (a session) may change on an action, each with its check.
# The edit form writes these too, so a change goes through `adjust_action`, versioned.
ADJUSTABLE = {
    "owner": lambda action, owner: None,
    "due_date": lambda action, due: dates_problem(action.start_date, due),
    "status": _status_problem,
    # The priority within the strategy (`reorder_action` renumbers the strategy's list).
    "position": lambda action, position: None,
    # Accepting a member's proposal makes it a real action; there is no way back.
    "proposed": lambda action, proposed: (
        _("An accepted action cannot become a proposal again.") if proposed else None
    ),
    # A rejected proposal leaves the plan, kept with its history, like a retired action.
    "archived_at": lambda action, when: (
        None if action.proposed else _("Only a proposal can be rejected.")
    ),
}


@transaction.atomic
def adjust_action(action: Action, expected_version: int, **changes) -> dict:
    """Change some of the ADJUSTABLE fields in one versioned save. Returns field -> (before,
    after) for what really changed; raises StaleEdit when someone saved the action since
    `expected_version`, and ActionError when a value breaks a rule."""
    changed = {}
    for name, value in changes.items():
        before = getattr(action, name)
        if value is None or value == before:
            continue
        problem = ADJUSTABLE[name](action, value)
        if problem:
            raise ActionError(problem)
        changed[name] = (before, value)
    if changed:
        for name, (_before, after) in changed.items():
            setattr(action, name, after)
        save_versioned(action, list(changed), expected_version)
    return changed


def priority_list(strategy_id: int) -> list[Action]:
    """A strategy's actions in priority order (all but retired ones, as `move_action` counts),
    with their strategy (one join): `is_open` reads it."""
    return list(
        Action.objects.filter(strategy_id=strategy_id, archived_at__isnull=True)
        .select_related("strategy")
        .order_by("position", "pk")
    )


def in_play(action: Action) -> bool:
    """The actions a priority order is about: the open ones (`queries.is_open`)."""
    return is_open(action)


@transaction.atomic
def reorder_action(action: Action, expected_version: int, step: int) -> tuple[int, int] | None:
    """Move an open action one place up (-1) or down (+1) among its strategy's open actions,
    renumbering the list through `adjust_action`: a StaleEdit when someone saved the action
    since `expected_version`. Returns (its place, how many) among the open ones, or None
    when it already stands first or last."""
    siblings = priority_list(action.strategy_id)
    playing = [a for a in siblings if in_play(a)]
    here = next((i for i, a in enumerate(playing) if a.pk == action.pk), None)
    if here is None:
        raise ActionError(_("Only open actions of the action plan have a priority."))
    there = here + step
    if not 0 <= there < len(playing):
        return None
    first, second = siblings.index(playing[here]), siblings.index(playing[there])
    siblings[first], siblings[second] = siblings[second], siblings[first]
    for position, sibling in enumerate(siblings):
        mine = sibling.pk == action.pk
        version = expected_version if mine else sibling.version
        adjust_action(action if mine else sibling, version, position=position)
    return there + 1, len(playing)


def accept_proposal(action: Action) -> None:
    if not action.proposed:
        raise ActionError(_("This action is not a proposal."))
    Action.objects.filter(pk=action.pk).update(proposed=False)
    action.proposed = False
    touch_plan(_plan_id(action))


@transaction.atomic
def post_update(
    action: Action, by, *, did="", next="", need="", need_from=None, progress: int, colour: str
) -> ActionUpdate:  # noqa: A002 — "next" is the method's own word
    """Record the owner's update; the action takes over its progress and colour."""
    if not (did.strip() or next.strip() or need.strip()):
        raise ActionError(_("Say at least what you did, what comes next or what you need."))
    if not 0 <= progress <= 100:
        raise ActionError(_("Progress is a percentage from 0 to 100."))
    if colour not in Colour.values:
        raise ActionError(_("Choose green, orange or red."))
    if need_from is not None and not need.strip():
        raise ActionError(_("Say what you need before naming who you need it from."))
    if action.status == Status.DONE:
        raise ActionError(_("This action is done. Reopen it to post an update."))
    now = timezone.now()
    update = ActionUpdate.objects.create(
        action=action,
        author=by,
        on_behalf_of=action.owner if action.owner_id and action.owner_id != by.pk else None,
        did=did.strip(),
        next=next.strip(),
        need=need.strip(),
        need_from=need_from,
        progress=progress,
        colour=colour,
        previous_progress=action.progress if action.last_update_at else None,
        previous_colour=action.colour,
        created_at=now,
    )
    action.progress, action.colour, action.last_update_at = progress, colour, now
    fields = ["progress", "colour", "last_update_at"]
    if action.status == Status.TODO and progress > 0:
        action.status = Status.IN_PROGRESS  # work has visibly started
        fields.append("status")
    action.save(update_fields=fields)
    return update


def set_status(action: Action, status: str) -> None:
    """Move between To do and In progress; Done goes through `close_action`."""
    if status == Status.DONE:
        raise ActionError(_("Close the action with the definition of done."))
    if status not in Status.values:
        raise ActionError(_("Unknown status."))
    if action.status == Status.DONE:
        raise ActionError(_("This action is done. Reopen it first."))
    action.status = status
    action.save(update_fields=["status"])


@transaction.atomic
def close_action(action: Action, by, criterion: str, process: str = "", carried_by=None) -> None:
    """Set an action to Done under one of the definition of done's two criteria."""
    if action.status == Status.DONE:
        raise ActionError(_("This action is already done."))
    if criterion not in DoneCriterion.values:
        raise ActionError(_("Choose which part of the definition of done applies."))
    process = process.strip()
    if criterion == DoneCriterion.EMBEDDED and not (process and carried_by):
        raise ActionError(_("Name the daily process and who carries the follow-up on."))
    if criterion == DoneCriterion.FINISHED:
        process, carried_by = "", None
    action.status, action.progress = Status.DONE, 100
    action.done_criterion, action.handover_process = criterion, process
    action.handover_owner, action.closed_at, action.closed_by = carried_by, timezone.now(), by
    action.save(
        update_fields=[
            "status",
            "progress",
            "done_criterion",
            "handover_process",
            "handover_owner",
            "closed_at",
            "closed_by",
        ]
    )


def reopen_action(action: Action) -> None:
    if action.status != Status.DONE:
        raise ActionError(_("Only a done action can be reopened."))
    action.status = Status.IN_PROGRESS
    action.done_criterion, action.handover_process, action.handover_owner = "", "", None
    action.closed_at = action.closed_by = None
    action.save(
        update_fields=[
            "status",
            "done_criterion",
            "handover_process",
            "handover_owner",
            "closed_at",
            "closed_by",
        ]
    )


def move_action(action: Action, step: int) -> bool:
    """Priority within the strategy: -1 moves the action up one place, +1 down."""
    siblings = Action.objects.filter(strategy_id=action.strategy_id, archived_at__isnull=True)
    return move_item(action, siblings, step)


def archive_action(action: Action) -> None:
    """Actions are never deleted outright: they leave the plan but keep their history."""
    action.archived_at = timezone.now()
    action.save(update_fields=["archived_at"])


def can_answer_request(membership: Membership, update: ActionUpdate) -> bool:
    """The person asked marks a request answered, or whoever may update any action of its plan."""
    if update.need_from_id == membership.user_id:
        return True
    return can(on_plan(membership, lambda: update.action.strategy.plan_id), Can.UPDATE_ANY_ACTION)


def answer_request(update: ActionUpdate, by) -> None:
    if update.need_answered_at is not None:
        raise ActionError(_("This request is already answered."))
    update.need_answered_at, update.need_answered_by = timezone.now(), by
    update.save(update_fields=["need_answered_at", "need_answered_by"])


def post_strategy_update(strategy, by, *, did="", next="", need="", colour: str):  # noqa: A002
    if not (did.strip() or next.strip() or need.strip()):
        raise ActionError(_("Say at least what happened, what comes next or what is needed."))
    if colour not in Colour.values:
        raise ActionError(_("Choose green, orange or red."))
    update = StrategyUpdate.objects.create(
        strategy=strategy,
        author=by,
        did=did.strip(),
        next=next.strip(),
        need=need.strip(),
        colour=colour,
        created_at=timezone.now(),
    )
    return update
