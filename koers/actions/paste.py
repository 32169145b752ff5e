"""Pasting a list of actions under a strategy: one action per line, bullets and numbers dropped.

A team's first actions usually already exist as a bulleted list in a document or an e-mail;
retyping them one form at a time is most of the work of day one.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from koers.actions.models import Action
from koers.actions.rules import create_action

MAX_LINES = 50
MAX_TITLE = Action._meta.get_field("title").max_length
# "- ", "* ", "• ", "– ", "1. ", "2) ", "[ ] " — what word processors and mail put before items.
BULLET = re.compile(r"^\s*(?:[-*•·–—▪◦]+|\d{1,3}[.)]|\[[ xX]?\])\s*")


class PasteError(ValueError):
    pass


def parse_action_list(text: str) -> list[str]:
    """The titles in a pasted list; raises PasteError (translated) rather than cut anything."""
    titles = []
    for line in (text or "").splitlines():
        title = BULLET.sub("", line, count=1).strip()
        if title:
            titles.append(title)
    if not titles:
        raise PasteError(_("Paste at least one action: one per line."))
    if len(titles) > MAX_LINES:
        raise PasteError(
            _("At most %(max)s actions at a time; you pasted %(count)s.")
            % {"max": MAX_LINES, "count": len(titles)}
        )
    too_long = [t for t in titles if len(t) > MAX_TITLE]
    if too_long:
        raise PasteError(
            _("An action title has at most %(max)s characters; this one is longer: %(title)s")
            % {"max": MAX_TITLE, "title": too_long[0][:60] + "…"}
        )
    return titles


@transaction.atomic
def create_actions_from_list(strategy, membership, text: str) -> list[Action]:
    """All pasted actions or none; the one pasting owns them (a member's become proposals)."""
    titles = parse_action_list(text)
    return [
        create_action(strategy, membership, title=title, owner=membership.user) for title in titles
    ]
