from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "koers.plans"
    verbose_name = _("OGSM plans")

    def ready(self):
        from django.db.models.signals import post_delete

        from koers.accounts.models import Membership
        from koers.plans.roles import forget_plan_roles

        post_delete.connect(forget_plan_roles, sender=Membership, dispatch_uid="plan_roles")
