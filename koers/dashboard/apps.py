from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "koers.dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from koers.dashboard import (
            checks,  # noqa: F401 — registers the stored-numbers check
            signals,  # noqa: F401 — a new goal or measure gets its KPI
        )
