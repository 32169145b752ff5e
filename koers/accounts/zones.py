"""A workspace's times in its own time zone, on every page of it and in its mail.

One mechanism: the doors (`permissions.get_membership_for`, `plans.access.pass_door`, and the
personal link's page, `meetings.views.my_updates.by_link`) call `enter(workspace)` as soon as
they know the workspace, so everything after them in the request reads and shows times there:
templates (`|date`, `|time`), "today" (`timezone.localdate()`, also the page cache's date part)
and forms, which read a typed date and time as local (Django's `DateTimeField`).
`ZoneMiddleware` goes back to the server's zone (settings.TIME_ZONE) before and after each
request, so a worker never carries one workspace's zone into its next request. Code outside a
request (tasks, commands, mail) uses `override(workspace)` around what it renders.

Cached copies need nothing more: a page's key holds the workspace (and a zone change bumps its
revision), a fragment's key the active zone (koers.lib.pagecache).
"""

from django.utils import timezone


def enter(workspace) -> None:
    """Read and show times in `workspace`'s zone until the request ends."""
    timezone.activate(workspace.time_zone)


def override(workspace):
    """`with override(workspace):` times in its zone for a block (mail, a task), then back."""
    return timezone.override(workspace.time_zone)


class ZoneMiddleware:
    """Every request starts and ends in the server's zone; a door sets the workspace's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
