"""What each event says, in the endpoint's language, and in the receiver's format."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.actions.models import Colour, Status
from koers.lib import phrases
from koers.webhooks.models import Format


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else value


def decision_texts(data: dict) -> list[str]:
    """A session's decisions in the active language (free-text ones as written)."""
    return [
        phrases.render(d["parts"]) if d.get("parts") else d["summary"]
        for d in data.get("decisions", [])
    ]


def describe(event: str, data: dict) -> str:
    """One or more lines for people, in the active language."""
    if event == "update_posted":
        text = _("%(author)s posted an update on “%(action)s”: %(colour)s, %(progress)s%%.") % {
            "author": data["author"],
            "action": data["action"],
            "colour": _label(Colour, data["colour"]),
            "progress": data["progress"],
        }
        return "\n".join([text, *(line for line in (data["did"], data["need"]) if line)])
    if event == "action_changed":
        return _("“%(action)s” is now %(colour)s, %(status)s.") % {
            "action": data["action"],
            "colour": _label(Colour, data["colour"]) or _("no colour"),
            "status": _label(Status, data["status"]),
        }
    if event == "request_asked":
        return _("%(author)s asks %(asked)s on “%(action)s”: %(need)s") % data
    if event == "request_answered":
        return _("%(by)s marked the request on “%(action)s” answered: %(need)s") % data
    if event == "session_ended":
        count = len(data["decisions"])
        head = ngettext(
            "The session of %(plan)s has ended with %(count)s decision.",
            "The session of %(plan)s has ended with %(count)s decisions.",
            count,
        ) % {
            "plan": data["plan"],
            "count": count,
        }
        return "\n".join([head, *(f"• {d}" for d in decision_texts(data))])
    if event == "version_activated":
        return _("A new version of %(plan)s is active.") % data
    return _("A test message from Koers for %(workspace)s.") % data


def body_for(endpoint, event: str, data: dict) -> dict:
    """The request body for `endpoint`'s format, its texts in the endpoint's language."""
    with translation.override(endpoint.language):
        text = describe(event, data)
        link_label = _("Open in Koers")
        if "decisions" in data:
            data = {**data, "decisions": decision_texts(data)}
    url = data.get("url", "")
    if endpoint.format == Format.SLACK:
        return {"text": f"{text}\n<{url}|{link_label}>" if url else text}
    if endpoint.format == Format.MATTERMOST:
        return {"text": f"{text}\n[{link_label}]({url})" if url else text}
    if endpoint.format == Format.TEAMS:
        blocks = [{"type": "TextBlock", "text": line, "wrap": True} for line in text.split("\n")]
        card = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": blocks,
            "actions": [{"type": "Action.OpenUrl", "title": link_label, "url": url}] if url else [],
        }
        return {
            "type": "message",
            "attachments": [
                {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
            ],
        }
    return {
        "event": event,
        "workspace": endpoint.workspace.slug,
        "occurred_at": timezone.now().isoformat(),
        "text": text,
        "data": data,
    }
