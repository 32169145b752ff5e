"""The environment monitor: members add dated signals tied to trends and signposts."""

from datetime import date

from django.urls import reverse

from koers.analysis.models import Signal
from koers.analysis.tests.factories import trend

SIGNALS = reverse("analysis:signals", args=["acme"])


def test_a_member_adds_a_signal_tied_to_a_trend(login, member, workspace):
    ageing = trend(workspace)
    client = login(member)
    client.post(
        reverse("analysis:signal_new", args=["acme"]),
        {"observed_on": "2027-02-03", "kind": "figure", "title": "Two apprentices applied"}
        | {"trend": ageing.pk},
    )
    html = client.get(SIGNALS).content.decode()
    assert "Two apprentices applied" in html and "Trend: Ageing customers" in html


def test_a_signal_without_date_or_title_is_refused(login, member):
    response = login(member).post(reverse("analysis:signal_new", args=["acme"]), {"kind": "news"})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not Signal.objects.exists()


def test_filters_show_signals_of_one_trend_since_a_date(login, viewer, workspace):
    ageing = trend(workspace)
    for day, title, linked in [
        (1, "Old news", ageing),
        (20, "Fresh news", ageing),
        (21, "Other", None),
    ]:
        Signal.objects.create(
            workspace=workspace,
            observed_on=date(2027, 1, day),
            kind="news",
            title=title,
            trend=linked,
        )
    html = login(viewer).get(SIGNALS, {"trend": ageing.pk, "since": "2027-01-10"}).content.decode()
    listed = html.split('class="signal-list"', 1)[1]
    assert "Fresh news" in listed and "Old news" not in listed and "Other" not in listed


def test_members_remove_their_own_signals_but_not_others(login, member, process_owner, workspace):
    mine = Signal.objects.create(
        workspace=workspace,
        observed_on=date(2027, 1, 1),
        kind="news",
        title="Mine",
        created_by=member,
    )
    theirs = Signal.objects.create(
        workspace=workspace,
        observed_on=date(2027, 1, 1),
        kind="news",
        title="Theirs",
        created_by=process_owner,
    )
    client = login(member)
    assert (
        client.post(reverse("analysis:signal_delete", args=["acme", theirs.pk])).status_code == 403
    )
    client.post(reverse("analysis:signal_delete", args=["acme", mine.pk]))
    assert list(Signal.objects.filter(archived_at__isnull=True)) == [theirs]
