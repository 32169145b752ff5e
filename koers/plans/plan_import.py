"""Import a plan from a CSV or Excel sheet: one row per item, checked and previewed item by item,
then written all or nothing.

Columns: type, title, description, target, unit, date, owner_email, parent. Types: objective,
goal, strategy, measure, action (Dutch names work too). A measure's or action's parent is the
title of a strategy in the file or already in the plan. Reading the upload (size, zip bombs,
row limits) is `koers.lib.uploads`, shared with the KPI import; numbers are bounded by
`koers.lib.numbers`, a target may carry its unit ("450 members", `koers.lib.amounts`). An owner
who is not a member yet is invited when the import is written (with it, all or nothing) and owns
their items as a pending owner until they join (`koers.accounts.pending`).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.accounts import services
from koers.accounts.models import Role, User
from koers.lib import amounts, numbers, uploads
from koers.plans.models import Goal, Measure, Plan, Strategy

HEADER = ["type", "title", "description", "target", "unit", "date", "owner_email", "parent"]
TYPES = {
    "objective": "objective",
    "doelstelling": "objective",
    "goal": "goal",
    "doel": "goal",
    "strategy": "strategy",
    "strategie": "strategy",
    "measure": "measure",
    "meetpunt": "measure",
    "action": "action",
    "actie": "action",
}
TYPE_LABELS = {
    "objective": gettext_lazy("Objective"),
    "goal": gettext_lazy("Goal"),
    "strategy": gettext_lazy("Strategy"),
    "measure": gettext_lazy("Measure"),
    "action": gettext_lazy("Action"),
}
TITLE_LENGTH = {"goal": 200, "strategy": 200, "measure": 200, "action": 200, "objective": 2000}
UNIT_LENGTH = 30
OWNED = ("strategy", "action")  # the kinds with an owner, who may be invited by the import


class PlanImportError(Exception):
    """The whole file is refused (size, type, header)."""


@dataclass
class Item:
    line: int
    kind: str = ""
    title: str = ""
    description: str = ""
    target: object = None
    unit: str = ""
    day: date | None = None
    owner: User | None = None
    invite_email: str = ""  # an owner not yet in the workspace: invited on commit
    parent: str = ""
    error: str = ""

    @property
    def owner_label(self) -> str:
        if self.owner is not None:
            return self.owner.display_name
        if self.invite_email:
            return _("%(name)s (invited)") % {"name": self.invite_email}
        return ""

    @property
    def kind_label(self):
        return TYPE_LABELS.get(self.kind, "—")


def read_upload(upload) -> list[list[str]]:
    try:
        return uploads.read_table(upload)
    except uploads.UploadRefused as error:
        raise PlanImportError(str(error)) from error


def _item(number, cells, people, strategies) -> Item:
    kind, title, description, target, unit, day, email, parent = (cells + [""] * 8)[:8]
    item = Item(line=number, kind=TYPES.get(kind.strip().lower(), ""))
    item.title, item.description = title.strip(), description.strip()
    item.unit, item.parent = unit.strip(), parent.strip()
    if not item.kind:
        item.error = _("Unknown type “%(type)s”: use objective, goal, strategy, measure or action.")
        item.error %= {"type": kind.strip()[:40]}
        return item
    if not item.title:
        item.error = _("A title is needed.")
    elif len(item.title) > TITLE_LENGTH[item.kind]:
        item.error = _("The title is longer than %(n)s characters.") % {
            "n": TITLE_LENGTH[item.kind]
        }
    elif item.kind == "goal" and len(item.description) > 300:
        item.error = _("A goal's description (how it is measured) has at most 300 characters.")
    elif len(item.unit) > UNIT_LENGTH:
        item.error = _("The unit is longer than %(n)s characters.") % {"n": UNIT_LENGTH}
    if target.strip() and not item.error:
        try:
            item.target, item.unit = amounts.amount(
                target, item.unit, Goal._meta.get_field("target_value"), UNIT_LENGTH
            )
        except ValidationError as error:
            item.error = numbers.error_text(error)
    if day.strip() and not item.error:
        try:
            item.day = date.fromisoformat(day.strip()[:10])
        except ValueError:
            item.error = _("The date must look like 2027-12-31.")
    if email.strip() and not item.error:
        address = email.strip().lower()
        item.owner = people.get(address)
        if item.owner is None and item.kind not in OWNED:
            item.error = _("%(email)s is not a member of this workspace; invite them first.") % {
                "email": email.strip()[:80]
            }
        elif item.owner is None:
            try:
                validate_email(address)
            except ValidationError:
                item.error = _("“%(email)s” is not an e-mail address.") % {"email": address[:80]}
            else:
                item.invite_email = address
    orphan = item.kind in ("measure", "action") and item.parent.lower() not in strategies
    if orphan and not item.error:
        item.error = _("The parent must be the title of a strategy; “%(parent)s” is none.")
        item.error %= {"parent": item.parent[:80]}
    return item


def check_rows(plan: Plan, table: list[list[str]]) -> list[Item]:
    if not table or [h.strip().lower() for h in table[0][:8]] != HEADER:
        raise PlanImportError(
            _("The first row must be: %(header)s.") % {"header": ", ".join(HEADER)}
        )
    people = {
        u.email.lower(): u for u in User.objects.filter(memberships__workspace=plan.workspace)
    }
    strategies = {s.title.lower() for s in plan.strategies.all()}
    for cells in table[1:]:
        if (cells + [""])[0].strip().lower() in ("strategy", "strategie") and len(cells) > 1:
            strategies.add(cells[1].strip().lower())
    items = []
    for number, cells in enumerate(table[1:], start=2):
        cells = [str(c) for c in cells]
        if any(c.strip() for c in cells):
            items.append(_item(number, cells, people, strategies))
    objectives = [i for i in items if i.kind == "objective" and not i.error]
    for extra in objectives[1:]:
        extra.error = _("Only one objective per plan.")
    if objectives and plan.objective:
        objectives[0].error = _("The plan already has an objective; change it on the plan page.")
    return items


def invitations(items: list[Item]) -> list[str]:
    """The addresses the import will invite (owners who are not members yet), in file order."""
    return list(dict.fromkeys(item.invite_email for item in items if item.invite_email))


@transaction.atomic
def commit_rows(plan: Plan, items: list[Item], membership, request=None) -> int:
    """Write every item of a checked file, in file order; raises on any error (nothing written).

    Owners who are not members are invited last, after every item is written, so a refused
    row sends no mail; if an invitation cannot be sent, nothing stays written."""
    from koers.actions.rules import create_action  # actions build on plans

    if not items or any(item.error for item in items):
        raise PlanImportError(_("Fix the rows with a problem first; nothing was written."))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    strategies = {s.title.lower(): s for s in plan.strategies.all()}
    goals = plan.goals.count()
    waiting: dict[str, list] = {}  # address → the items they are to own
    for item in items:
        if item.kind == "objective":
            plan.objective = item.title
            plan.version += 1
            plan.save(update_fields=["objective", "version", "updated_at"])
        elif item.kind == "goal":
            Goal.objects.create(
                plan=plan,
                position=goals,
                title=item.title,
                measured_by=item.description,
                target_value=item.target,
                target_unit=item.unit,
                target_date=item.day,
            )
            goals += 1
        elif item.kind == "strategy":
            strategies[item.title.lower()] = written = Strategy.objects.create(
                plan=plan,
                position=len(strategies),
                title=item.title,
                description=item.description,
                owner=item.owner,
            )
            if item.invite_email:
                waiting.setdefault(item.invite_email, []).append(written)
        elif item.kind == "measure":
            parent = strategies[item.parent.lower()]
            Measure.objects.create(
                strategy=parent,
                position=parent.measures.count(),
                name=item.title,
                unit=item.unit,
                target=item.target,
            )
        else:
            written = create_action(
                strategies[item.parent.lower()],
                membership,
                title=item.title,
                description=item.description,
                owner=item.owner,
                due_date=item.day,
            )
            if item.invite_email:
                waiting.setdefault(item.invite_email, []).append(written)
    for address, owned in waiting.items():
        invite = services.open_invite(plan.workspace, address) or services.create_invite(
            plan.workspace, address, Role.MEMBER, membership.user, request=request
        )
        for written in owned:
            written.pending_owner = invite
            written.save(update_fields=["pending_owner"])
    return len(items)
