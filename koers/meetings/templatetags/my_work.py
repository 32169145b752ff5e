"""The navigation's count of what is asked of me (koers.meetings.asked).

A page never pays for the count: when it is known (cached under the workspace revision) the
page shows it, otherwise the page leaves a placeholder that htmx fills from `asked_badge`, which
computes and keeps it for the next pages. Either way the page's own query count stays as it was.
"""

from django import template
from django.template.loader import render_to_string

from koers.lib.pagecache import cached_fragment
from koers.meetings import asked

register = template.Library()


@register.simple_tag
def asked_badge(user, workspace):
    known = None
    if user.is_authenticated and workspace is not None:
        known = asked.known_count(user, workspace)
    context = {"asked": known, "workspace": workspace, "lazy": known is None}
    if workspace is None:
        return render_to_string("meetings/_asked_badge.html", context)
    # Shown on every page, for each viewer (a personal part of the layout): kept per count.
    return cached_fragment(
        "asked-badge",
        (workspace.slug, known),
        lambda: render_to_string("meetings/_asked_badge.html", context),
    )
