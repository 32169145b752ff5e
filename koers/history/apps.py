from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "koers.history"
    verbose_name = _("History")

    def ready(self):
        from koers.history import recorder

        recorder.follow_all_models()
