"""What every session page's template gets, shared by the session views, session mode and
the minutes (views import it from here, not from each other)."""

from koers.accounts.permissions import capabilities_of


def base_context(plan, membership, **extra):
    return {
        "workspace": plan.workspace,
        "membership": membership,
        "plan": plan,
        "can": capabilities_of(membership),
        "view": "sessions",
        **extra,
    }
