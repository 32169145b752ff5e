from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "koers.accounts"
    verbose_name = _("Accounts and workspaces")

    def ready(self):
        from koers.accounts import revision, signals  # noqa: F401

        revision.follow_all_models()
