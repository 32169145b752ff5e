"""Workspace and membership rules, shared by views, API and commands."""

import secrets
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from koers.accounts import owners, pending
from koers.accounts.models import Invite, Membership, Role, User, Workspace
from koers.accounts.permissions import Can, can
from koers.lib.mail import one_line
from koers.lib.versioning import StaleEdit, save_versioned


class MembershipError(Exception):
    """A membership change the rules do not allow; the message is shown to the user."""


class WorkspaceError(Exception):
    """A workspace setting the rules do not allow; the message is shown to the user."""


def unique_workspace_slug(name: str) -> str:
    base = slugify(name)[:50] or "workspace"
    slug, n = base, 2
    while Workspace.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_workspace(name: str, creator: User, time_zone: str = "Europe/Amsterdam") -> Workspace:
    """A new workspace; whoever creates it owns its plans' content."""
    workspace = Workspace.objects.create(
        name=name, slug=unique_workspace_slug(name), time_zone=time_zone
    )
    Membership.objects.create(workspace=workspace, user=creator, role=Role.OGSM_OWNER)
    return workspace


def invite_url(invite: Invite, request=None) -> str:
    """The link that accepts `invite`: on SITE_URL, or when that is not set on the address the
    request came in on, so an instance started without configuration still sends working links."""
    path = reverse("accounts:accept_invite", args=[invite.token])
    if request is not None and not settings.SITE_URL_SET:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def invite_expiry(workspace: Workspace, now=None) -> datetime:
    """When an invitation sent now lapses: at the end of its last day (INVITE_VALID_DAYS after
    today), midnight in the workspace's time zone.

    A page that names an invited owner says whether the invitation lapsed, and cached pages
    and their fragments are kept per date in the workspace's zone (koers.lib.pagecache,
    koers.accounts.zones): lapsing as the date changes, an invitation is shown as lapsed from
    that moment, where one lapsing at any hour was still shown as open until midnight."""
    zone = ZoneInfo(workspace.time_zone)
    today = timezone.localtime(now or timezone.now(), zone).date()
    return _end_of(today + timedelta(days=settings.INVITE_VALID_DAYS), zone)


def _end_of(day: date, zone: ZoneInfo) -> datetime:
    """The midnight after `day` in `zone`: when what is valid through `day` lapses there."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)


@cache
def known_time_zones() -> tuple[str, ...]:
    """Every zone a workspace may be in, sorted: what the settings page and the admin offer.
    Read once: listing them walks the zone database on disk."""
    return tuple(sorted(available_timezones()))


def is_time_zone(name: str) -> bool:
    return name in known_time_zones()


def _check_time_zone(name: str) -> None:
    if not is_time_zone(name):
        raise WorkspaceError(_("“%(zone)s” is not a time zone we know.") % {"zone": name})


def workspace_name(raw: str) -> str:
    """`raw` as a workspace's name: one line (runs of spaces, tabs and line breaks become one
    space), not empty, within the column, without control characters. The name is shown in
    every page's top bar, mail subjects and exports, so it is checked here for every caller."""
    name = " ".join(str(raw).split())
    if not name:
        raise WorkspaceError(_("Give the workspace a name."))
    limit = Workspace._meta.get_field("name").max_length
    if len(name) > limit:
        raise WorkspaceError(
            _("A workspace name has at most %(limit)s characters.") % {"limit": limit}
        )
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise WorkspaceError(_("A workspace name cannot contain control characters."))
    return name


@transaction.atomic
def rename_workspace(workspace: Workspace, name: str, expected_version: int) -> None:
    """Call the workspace `name` (checked by `workspace_name`), if nobody changed its settings
    since `expected_version` was read; else StaleEdit, and nothing changes. The change log
    records the old and new name; the revision bump empties the cached pages showing it."""
    checked = workspace_name(name)
    before = workspace.name
    workspace.name = checked
    try:
        save_versioned(workspace, ["name"], expected_version)
    except StaleEdit:
        workspace.name = before  # the page still shows the stored name
        raise


@transaction.atomic
def change_settings(
    workspace: Workspace, *, name: str, time_zone: str, expected_version: int
) -> int:
    """The settings page's save: the name and the time zone together, all or nothing, as one
    versioned edit. Returns how many open invitations moved with the zone."""
    _check_time_zone(time_zone)  # before anything is written or changed in memory
    rename_workspace(workspace, name, expected_version)
    # The check above passed, so the zone loaded with `workspace` is the stored one.
    if time_zone == workspace.time_zone:
        return 0
    return change_time_zone(workspace, time_zone)


@transaction.atomic
def change_time_zone(workspace: Workspace, time_zone: str) -> int:
    """Read and show the workspace's times in `time_zone` from now on.

    An open invitation was promised by date ("valid through 16 Mar 2026") and lapses at
    midnight in the workspace's zone (`invite_expiry`); left as it was, it would lapse hours
    early or late in the new zone. So each one moves to the end of that same day in the new
    zone, in this transaction. Returns how many moved."""
    _check_time_zone(time_zone)
    stored = Workspace.objects.select_for_update().get(pk=workspace.pk)
    moved = 0
    if stored.time_zone != time_zone:
        for invite in owners.open_invites(stored).select_for_update():
            with timezone.override(stored.time_zone):
                last_day = invite.last_day  # as the members page showed it
            invite.expires_at = _end_of(last_day, ZoneInfo(time_zone))
            invite.save(update_fields=["expires_at"])
            moved += 1
    workspace.time_zone = time_zone
    # A settings form opened before this change is stale now (rename_workspace's check).
    workspace.version = stored.version + 1
    workspace.save(update_fields=["time_zone", "version"])
    return moved


def _open_invite_for(workspace: Workspace, email: str) -> Invite | None:
    return (
        Invite.objects.select_for_update()
        .filter(
            workspace=workspace,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def create_invite(
    workspace: Workspace, email: str, role: str, by: User, request=None, name: str = ""
) -> Invite:
    """The invite and its mail, all or nothing: if the mail cannot be sent, no invite stays.

    Inviting an address that already has an open invitation sends that one again (same link,
    the role now chosen, valid anew) instead of piling up invitations; `invite.resent` says so."""
    email = email.strip().lower()
    if Membership.objects.filter(workspace=workspace, user__email__iexact=email).exists():
        raise MembershipError(
            _("%(email)s is already a member of this workspace.") % {"email": email}
        )
    expires = invite_expiry(workspace)
    invite = _open_invite_for(workspace, email)
    if invite is not None:
        invite.role, invite.invited_by, invite.expires_at = role, by, expires
        invite.name = name.strip() or invite.name
        invite.save(update_fields=["role", "invited_by", "expires_at", "name"])
        invite.resent = True
    else:
        invite = Invite.objects.create(
            workspace=workspace,
            email=email,
            name=name.strip(),
            role=role,
            token=secrets.token_urlsafe(32),
            invited_by=by,
            expires_at=expires,
        )
        invite.resent = False
    context = {"invite": invite, "url": invite_url(invite, request), "by": by}
    send_mail(
        subject=one_line(
            _("You are invited to %(workspace)s on Koers") % {"workspace": workspace.name}
        ),
        message=render_to_string("accounts/email/invite.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invite


def open_invite(workspace: Workspace, email: str) -> Invite | None:
    """The open invitation to `email`, if there is one (an import reuses it, sending nothing)."""
    return _open_invite_for(workspace, email.strip().lower())


def find_open_invite(token: str) -> Invite | None:
    if not token or "\x00" in token:  # PostgreSQL refuses NUL in a query
        return None
    invite = Invite.objects.select_related("workspace").filter(token=token).first()
    return invite if invite is not None and invite.is_open else None


def invited_elsewhere(invite: Invite, user: User) -> bool:
    """Whether the invite went to another address than the account's (a forwarded link, or
    the invited person's second account): they must confirm, and the team sees it."""
    return (user.email or "").strip().lower() != invite.email.strip().lower()


@transaction.atomic
def accept_invite(token: str, user: User, *, confirmed: bool = False) -> Membership:
    """Join the workspace; an invite works once and only until it expires, and an account
    with another address than the invited one joins only after confirming it is that person."""
    invite = Invite.objects.select_for_update().filter(token=token).first()
    if invite is None or not invite.is_open:
        raise MembershipError(_("This invitation is no longer valid. Ask for a new one."))
    if invited_elsewhere(invite, user) and not confirmed:
        raise MembershipError(
            _(
                "This invitation was sent to %(email)s. Confirm that you are the invited"
                " person to join with this account."
            )
            % {"email": invite.email}
        )
    membership, created = Membership.objects.get_or_create(
        workspace=invite.workspace, user=user, defaults={"role": invite.role}
    )
    invite.accepted_at = timezone.now()
    invite.accepted_by = user
    invite.save(update_fields=["accepted_at", "accepted_by"])
    # What they were chosen to own while invited is theirs now, in this same transaction.
    membership.handed_over = pending.hand_over(invite, user)
    return membership


def open_invites(membership: Membership, request=None) -> list[Invite]:
    """The workspace's open invitations; who may invite also gets each one's `link`, to send it
    themselves when mail is not set up (or did not arrive)."""
    invites = [i for i in membership.workspace.invites.all() if i.is_open]
    if can(membership, Can.INVITE):
        for invite in invites:
            invite.link = invite_url(invite, request)
    return invites


def invited_addresses(workspace: Workspace) -> dict[int, str]:
    """For members who joined through an invite sent to another address than their account's:
    user id → the address the invite went to, so the team sees who really joined."""
    accepted = Invite.objects.filter(workspace=workspace, accepted_by__isnull=False)
    return {
        user_id: email
        for user_id, email, account_email in accepted.values_list(
            "accepted_by_id", "email", "accepted_by__email"
        )
        if email.strip().lower() != (account_email or "").strip().lower()
    }


@transaction.atomic
def revoke_invite(invite: Invite) -> list[str]:
    """Withdraw the invitation; what its person was to own stays, without an owner (the titles
    are returned for the notice)."""
    invite.revoked_at = timezone.now()
    invite.save(update_fields=["revoked_at"])
    return pending.release(invite)


def _lock_for_owner_change(membership: Membership) -> Membership:
    """The membership as it is now, with its workspace's owners locked until the transaction
    ends, so two owners stepping down at once are decided one after the other.

    On PostgreSQL the owners' rows are locked (SELECT … FOR UPDATE); SQLite runs every
    transaction IMMEDIATE (settings), so the second writer waits for the first to commit.
    """
    owners = Membership.objects.select_for_update().filter(
        workspace_id=membership.workspace_id, role=Role.OGSM_OWNER
    )
    list(owners.order_by("pk"))
    current = Membership.objects.filter(pk=membership.pk).first()
    if current is None:
        raise MembershipError(_("This person is no longer a member of this workspace."))
    return current


def _ensure_an_owner_remains(membership: Membership, new_role: str | None) -> None:
    if membership.role != Role.OGSM_OWNER or new_role == Role.OGSM_OWNER:
        return
    others = Membership.objects.filter(
        workspace_id=membership.workspace_id, role=Role.OGSM_OWNER
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise MembershipError(_("A workspace needs at least one OGSM owner."))


@transaction.atomic
def change_role(membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise MembershipError(_("Unknown role."))
    current = _lock_for_owner_change(membership)
    _ensure_an_owner_remains(current, role)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership: Membership) -> None:
    current = _lock_for_owner_change(membership)
    _ensure_an_owner_remains(current, None)
    membership.delete()


def set_language(user: User, language: str) -> None:
    if user.is_authenticated and language in User.Language.values:
        user.language = language
        user.save(update_fields=["language"])
