"""Start-up checks of the configuration (`manage.py check`; also run by runserver and migrate)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def site_url_is_set_in_production(app_configs=None, **kwargs):
    # Mail sent by the task worker (update requests, reminders, the pre-read) has no request to
    # take an address from, so without SITE_URL its links point at 127.0.0.1 and work for no one.
    # In development that default is right; in production it is a silent failure, so say it.
    if settings.DEBUG or settings.SITE_URL_SET:
        return []
    return [
        checks.Warning(
            "SITE_URL is not set: links in e-mail sent in the background point to"
            f" {settings.SITE_URL}.",
            hint="Set SITE_URL to the address people reach Koers on, e.g. https://koers.example.com",
            id="core.W001",
        )
    ]
