from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "koers.webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from koers.webhooks import events  # noqa: F401 — connects the event signals
