"""Replies by e-mail to the update request (`manage.py receive_mail`).

The request mail is answered to `updates+<token>@…` (settings.UPDATE_REPLY_ADDRESS); the
token names the session and the person and carries Django's salted HMAC of both
(`salted_hmac`, salt REPLY_SALT, lower-case hex because mail servers may fold the case of an
address). A reply is stored only when the token is genuine, its session has not begun, the
person still may update, and the mail comes from the person's own address; what it says is
read by `replies.parse_reply` and saved through the one-page form's rules
(`update_page.save`, so `actions.rules.post_update`), all or nothing. The same message twice
stores once (`ReceivedReply`). Every refusal is logged; the person gets a confirmation, or a
friendly mail with their personal link when nothing could be read.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field
from email.utils import getaddresses, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from koers.accounts import zones
from koers.accounts.models import Membership
from koers.accounts.permissions import Can, can
from koers.history.context import acting
from koers.lib.mail import one_line
from koers.meetings import links, replies, update_page
from koers.meetings.models import ReceivedReply, Session
from koers.plans.roles import on_plan

log = logging.getLogger("koers.mail")
REPLY_SALT = "koers.meetings.reply-address"


def _signature(session_id: int, user_id: int) -> str:
    return salted_hmac(REPLY_SALT, f"{session_id}-{user_id}").hexdigest()[:32]


def reply_address(session, user) -> str:
    """The address a request mail to `user` for `session` is answered to ("" when off)."""
    if not settings.UPDATE_REPLY_ADDRESS or "@" not in settings.UPDATE_REPLY_ADDRESS:
        return ""
    local, domain = settings.UPDATE_REPLY_ADDRESS.rsplit("@", 1)
    return f"{local}+{session.pk}-{user.pk}-{_signature(session.pk, user.pk)}@{domain}"


def read_token(address: str) -> tuple[int, int] | None:
    """(session id, user id) of a genuine reply address, else None."""
    if not settings.UPDATE_REPLY_ADDRESS or "@" not in settings.UPDATE_REPLY_ADDRESS:
        return None
    local, domain = settings.UPDATE_REPLY_ADDRESS.lower().rsplit("@", 1)
    pattern = rf"{re.escape(local)}\+(\d{{1,12}})-(\d{{1,12}})-([0-9a-f]{{32}})@{re.escape(domain)}"
    match = re.fullmatch(pattern, address.strip().lower())
    if not match:
        return None
    session_id, user_id = int(match.group(1)), int(match.group(2))
    if not constant_time_compare(match.group(3), _signature(session_id, user_id)):
        return None
    return session_id, user_id


@dataclass
class Outcome:
    status: str  # "saved", "duplicate", "unreadable", "refused"
    saved: int = 0
    problems: list = field(default_factory=list)


def _refuse(reason: str, message) -> Outcome:
    log.warning(
        "Reply refused (%s): from %s, message-id %s",
        reason,
        one_line(str(message.get("From", "")))[:200],
        one_line(str(message.get("Message-ID", "")))[:200],
    )
    return Outcome("refused", problems=[reason])


def _recipients(message) -> list[str]:
    headers = []
    for name in ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"):
        headers.extend(str(value) for value in message.get_all(name, []))
    return [address for _name, address in getaddresses(headers)]


def _digest(message, session_id, user_id) -> str:
    ident = str(message.get("Message-ID", "")).strip() or replies.body_text(message)
    return hashlib.sha256(f"{session_id}:{user_id}:{ident}".encode()).hexdigest()


def _form_data(reply: replies.Reply, items) -> tuple[dict, list]:
    """The one-page form's POST for what the reply says, and the problems it has."""
    by_key = {item.key: item for item in items}
    entries = list(reply.entries)
    problems = []
    if reply.loose is not None:
        if len(items) == 1 and not entries:
            reply.loose.key = items[0].key
            entries.append(reply.loose)
        elif not entries:
            problems.append(_("Start each update with the code of its action, such as [A12]."))
    data = {}
    for entry in entries:
        item = by_key.get(entry.key)
        if item is None:
            problems.append(
                _("%(code)s is not one of your updates for this session.")
                % {"code": entry.key.upper()}
            )
            continue
        for name, value in entry.problems:
            problems.append(
                _("%(code)s: %(field)s “%(value)s” is not understood.")
                % {"code": entry.key.upper(), "field": _(name), "value": value}
            )
        previous = item.previous
        data[f"{item.key}-did"] = entry.did
        data[f"{item.key}-next"] = entry.next
        data[f"{item.key}-need"] = entry.need
        if entry.same:
            data[f"{item.key}-same"] = "on"
        colour = entry.colour or getattr(previous, "colour", "") or getattr(item.obj, "colour", "")
        data[f"{item.key}-colour"] = colour
        if item.kind == "a":
            progress = item.obj.progress if entry.progress is None else entry.progress
            data[f"{item.key}-progress"] = str(progress)
    return data, problems


def receive(message, now=None) -> Outcome:
    """Handle one reply (an `email.message.EmailMessage`)."""
    now = now or timezone.now()
    if str(message.get("Auto-Submitted", "no")).strip().lower() != "no":
        return _refuse("automatic reply", message)  # out-of-office mail: never a loop
    found = next((t for t in map(read_token, _recipients(message)) if t), None)
    if found is None:
        return _refuse("no genuine reply address", message)
    session_id, user_id = found
    session = Session.objects.select_related("plan__workspace").filter(pk=session_id).first()
    if session is None or session.state != Session.State.PLANNED or session.starts_at <= now:
        return _refuse("session unknown or begun", message)
    workspace = session.plan.workspace
    membership = (
        Membership.objects.select_related("user")
        .filter(user_id=user_id, workspace=workspace)
        .first()
    )
    if membership is None or not membership.user.is_active:
        return _refuse("not a member of the session's workspace", message)
    if not can(on_plan(membership, session.plan_id), Can.UPDATE_OWN_ACTION):
        return _refuse("role cannot update", message)
    user = membership.user
    sender = parseaddr(str(message.get("From", "")))[1]
    if not user.email or sender.lower() != user.email.lower():
        return _refuse("sender is not the person asked", message)
    digest = _digest(message, session_id, user_id)
    if ReceivedReply.objects.filter(digest=digest).exists():
        return Outcome("duplicate")

    # As the page the reply stands in for: the person's language, the workspace's time zone.
    with translation.override(user.language or settings.LANGUAGE_CODE), zones.override(workspace):
        scope = update_page.Scope(user, workspace, plan=session.plan, session_id=session.pk)
        reply = replies.parse_reply(replies.body_text(message))
        data, problems = _form_data(reply, update_page.load_items(scope, now=now))
        outcome = Outcome("unreadable", problems=problems)
        if data and not problems:
            items = update_page.load_items(scope, data, now=now)
            try:
                with transaction.atomic(), acting(user, "receive_mail"):
                    saved = update_page.save(items, user, data)
                    if saved:
                        ReceivedReply.objects.create(
                            digest=digest, session=session, user=user, saved=len(saved)
                        )
            except update_page.NothingToSave:
                saved = []
            except IntegrityError:  # the same message, handled meanwhile by another process
                return Outcome("duplicate")
            if saved:
                outcome = Outcome("saved", saved=len(saved))
                _confirm(session, user, saved)
                return outcome
            for item in items:
                for errors in item.form.errors.values():
                    problems.extend(f"{item.key.upper()}: {e}" for e in errors)
        try:
            ReceivedReply.objects.create(digest=digest, session=session, user=user, saved=0)
        except IntegrityError:
            return Outcome("duplicate")
        _cannot_read(session, user, problems)
    return outcome


def _mail(user, subject: str, template: str, context: dict) -> None:
    EmailMessage(
        subject=one_line(subject), body=render_to_string(template, context), to=[user.email]
    ).send()


def _confirm(session, user, saved) -> None:
    _mail(
        user,
        _("Your updates are saved"),
        "meetings/email/reply_saved.txt",
        {"user": user, "session": session, "saved": saved},
    )


def _cannot_read(session, user, problems) -> None:
    link = settings.SITE_URL + reverse("meetings:link", args=[links.issue(session, user)])
    _mail(
        user,
        _("We could not read your reply"),
        "meetings/email/reply_unreadable.txt",
        {"user": user, "session": session, "problems": problems, "link": link},
    )
