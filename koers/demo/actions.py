"""Demo action plan: ~25 actions of the bakery with five months of updates in every colour
(the texts in action_content.py).

Dates are relative to the day the demo is loaded, so the demo always looks alive.
"""

from datetime import timedelta

from django.utils import timezone

from koers.actions.models import Action, ActionUpdate, DoneCriterion, Status, StrategyUpdate
from koers.actions.rules import definition_of_done, save_definition_of_done
from koers.demo.action_content import ACTIONS, HANDOVER, STRATEGY_UPDATES


def load(workspace, plan, users):
    now = timezone.now()
    today = timezone.localdate()
    dod = definition_of_done(plan)  # the team words its own: saved, unlike the default
    save_definition_of_done(dod, dod.version)
    strategies = list(plan.strategies.order_by("position"))
    for position, (s, title, owner, start, due, status, history) in enumerate(ACTIONS):
        action = Action.objects.create(
            strategy=strategies[s],
            title=title,
            owner=users[owner],
            position=position,
            start_date=today - timedelta(days=start),
            due_date=today + timedelta(days=due),
            status=status,
        )
        previous = None
        for days_ago, progress, colour, did, nxt, need, need_from in history:
            created = now - timedelta(days=days_ago)
            ActionUpdate.objects.create(
                action=action,
                author=users[owner],
                did=did,
                next=nxt,
                need=need,
                need_from=users[need_from] if need_from else None,
                progress=progress,
                colour=colour,
                previous_progress=previous[0] if previous else None,
                previous_colour=previous[1] if previous else "",
                created_at=created,
                need_answered_at=created + timedelta(days=3)
                if need_from and days_ago > 30
                else None,
            )
            previous = (progress, colour)
        if previous:
            action.progress, action.colour = previous
            action.last_update_at = now - timedelta(days=history[-1][0])
        if status == Status.DONE:
            process, carrier = HANDOVER.get(title, ("", None))
            action.progress = 100
            action.done_criterion = DoneCriterion.EMBEDDED if process else DoneCriterion.FINISHED
            action.handover_process = process
            action.handover_owner = users[carrier] if carrier else None
            action.closed_at = now - timedelta(days=max(-due, 1))
            action.closed_by = users["anna"]
        action.save()
    proposal = Action.objects.create(
        strategy=strategies[1],
        title="Broodabonnement met wekelijkse bezorging",
        owner=users["sanne"],
        position=len(ACTIONS),
        proposed=True,
        proposed_by=users["sanne"],
        start_date=today,
        due_date=today + timedelta(days=60),
    )
    proposal.save()
    for s, days_ago, colour, did, nxt in STRATEGY_UPDATES:
        StrategyUpdate.objects.create(
            strategy=strategies[s],
            author=strategies[s].owner,
            did=did,
            next=nxt,
            colour=colour,
            created_at=now - timedelta(days=days_ago),
        )
