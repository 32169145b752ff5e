"""Owners before they join: plan items owned by an open invitation until it is accepted.

An app lets invited people own its items by giving the model a `pending_owner` foreign key to
`Invite` beside its `owner` (strategies, actions, KPIs). These functions find such models themselves
(like the workspace revision finds its models), so accounts imports no app above it and a new
model with the pair is covered without registering anything. `accept_invite` hands the items
over in its transaction; `revoke_invite` leaves them unowned and says which.
"""

from koers.accounts.models import Invite, User
from koers.lib.linked import models_linking

FIELD = "pending_owner"


def models_with_pending_owners() -> list:
    return models_linking(FIELD, Invite)


def items_of(invite: Invite) -> list:
    """Everything `invite`'s person is to own, strategies first (the models' registry order)."""
    # Only items still without an owner: one given an owner meanwhile (a session's decision)
    # keeps it.
    waiting = {"owner__isnull": True, FIELD: invite}
    return [
        item
        for model in models_with_pending_owners()
        for item in model._default_manager.filter(**waiting).order_by("pk")
    ]


def _save(item, owner: User | None) -> None:
    item.owner, item.pending_owner = owner, None
    fields = ["owner", FIELD]
    if hasattr(item, "version"):
        # A form opened before this change would otherwise undo it on save: it gets a conflict.
        item.version += 1
        fields.append("version")
    item.save(update_fields=fields)  # one by one: the change log and the revision see each


def hand_over(invite: Invite, user: User) -> int:
    """The invited person joined as `user`: they own what was waiting for them."""
    items = items_of(invite)
    for item in items:
        _save(item, user)
    return len(items)


def release(invite: Invite) -> list[str]:
    """The invitation is withdrawn: its items stay, without an owner; their titles are returned
    so the person who withdrew it is told what now needs one."""
    items = items_of(invite)
    for item in items:
        _save(item, None)
    return [str(item) for item in items]
