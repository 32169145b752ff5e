"""The analysis tools' permission door: the workspace membership, then objects inside it only."""

from django.shortcuts import get_object_or_404

from koers.accounts.permissions import Can, get_membership_for


def membership_for(request, slug: str, need: Can = Can.VIEW):
    return get_membership_for(request, slug, need=need)


def get_live(queryset, membership, pk: int, workspace_field: str = "workspace"):
    """An object of the member's workspace that is not archived; 404 for anything else."""
    return get_object_or_404(
        queryset, pk=pk, archived_at__isnull=True, **{workspace_field: membership.workspace}
    )
