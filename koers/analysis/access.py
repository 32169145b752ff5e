"""The analysis tools' permission door: the workspace membership, then objects inside it only."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from koers.accounts.permissions import Can, can, get_membership_for


def membership_for(request, slug: str, need: Can = Can.VIEW):
    return get_membership_for(request, slug, need=need)


def may_remove_signal(membership, signal) -> bool:
    """Who added a signal may take it back; whoever edits the analysis may archive any."""
    if not can(membership, Can.CONTRIBUTE):
        return False
    return signal.created_by_id == membership.user.pk or can(membership, Can.EDIT_ANALYSIS)


def get_removable_signal(request, slug: str, signal_id: int):
    """A live signal of the workspace that the requester may remove; 403 for anyone else."""
    from koers.analysis.models import Signal

    membership = membership_for(request, slug, need=Can.CONTRIBUTE)
    signal = get_live(Signal.objects.all(), membership, signal_id)
    if not may_remove_signal(membership, signal):
        raise PermissionDenied
    return signal


def get_live(queryset, membership, pk: int, workspace_field: str = "workspace"):
    """An object of the member's workspace that is not archived; 404 for anything else."""
    return get_object_or_404(
        queryset, pk=pk, archived_at__isnull=True, **{workspace_field: membership.workspace}
    )
