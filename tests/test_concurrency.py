"""No update is ever lost: concurrent writers either succeed one after the other or the stale
one is told so. Runs on SQLite (WAL, immediate transactions, busy timeout) and PostgreSQL."""

import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.db import connection

from koers.actions.models import Action
from koers.actions.tests.factories import make_action
from koers.lib.versioning import StaleEdit, save_versioned


@pytest.mark.django_db(transaction=True)
def test_two_editors_of_one_action_never_both_win(plan, member):
    action = make_action(plan.strategies.get(), member, "Original")
    barrier = threading.Barrier(2)
    outcomes = []

    def edit(title):
        try:
            mine = Action.objects.get(pk=action.pk)
            barrier.wait()  # both have read the same version before either writes
            mine.title = title
            save_versioned(mine, ["title"], mine.version)
            outcomes.append(("saved", title))
        except StaleEdit:
            outcomes.append(("conflict", title))
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(t,)) for t in ("Mine", "Theirs")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _ in outcomes) == ["conflict", "saved"]
    winner = next(title for kind, title in outcomes if kind == "saved")
    action.refresh_from_db()
    assert action.title == winner and action.version == 2


def _session_client(live_server, username, password):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{live_server.url}/accounts/login/").read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(
        urllib.request.Request(
            f"{live_server.url}/accounts/login/", data=data, headers={"Referer": live_server.url}
        )
    ).read()
    return opener, next(c.value for c in jar if c.name == "csrftoken")


@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_writers_get_no_errors(live_server, plan, member):
    member.set_password("a-long-password-for-writers")
    member.save()
    strategy = plan.strategies.get()
    actions = [make_action(strategy, member, f"Action {i}") for i in range(16)]
    statuses, errors = [], []

    def writer(action):
        try:
            opener, token = _session_client(live_server, "mia", "a-long-password-for-writers")
            for round_ in range(5):
                data = urllib.parse.urlencode(
                    {
                        "did": f"Round {round_}",
                        "progress": 10 + round_,
                        "colour": "green",
                        "csrfmiddlewaretoken": token,
                    }
                ).encode()
                url = f"{live_server.url}/w/acme/plans/{plan.pk}/actions/{action.pk}/update/"
                request = urllib.request.Request(
                    url, data=data, headers={"Referer": live_server.url}
                )
                statuses.append(opener.open(request).status)
        except Exception as error:  # noqa: BLE001 — every failure is collected and shown
            errors.append(repr(error))

    threads = [threading.Thread(target=writer, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]
    assert statuses == [200] * 80  # redirects followed to the action page
    assert all(a.updates.count() == 5 for a in actions)
    assert {a.progress for a in Action.objects.all()} == {14}


def _at_once(*jobs):
    """Run the jobs in threads released together; return what each raised (or None)."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # noqa: BLE001 — the test inspects every outcome
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", ["demote", "remove"])
def test_two_owners_stepping_down_at_once_still_leave_an_owner(workspace, owner, change):
    from conftest import make_user
    from koers.accounts import services
    from koers.accounts.models import Membership, Role

    second = Membership.objects.create(
        workspace=workspace, user=make_user("otto"), role=Role.OGSM_OWNER
    )
    first = Membership.objects.get(user=owner)

    def step_down(membership):
        if change == "demote":
            return lambda: services.change_role(membership, Role.MEMBER)
        return lambda: services.remove_member(membership)

    for _attempt in range(5):  # the race is timing-dependent: give it several chances
        outcomes = _at_once(step_down(first), step_down(second))
        owners = Membership.objects.filter(workspace=workspace, role=Role.OGSM_OWNER)
        assert owners.count() == 1, outcomes
        refused = [o for o in outcomes if o is not None]
        assert len(refused) == 1 and isinstance(refused[0], services.MembershipError), outcomes
        # Both owners again for the next attempt.
        Membership.objects.filter(workspace=workspace).delete()
        first = Membership.objects.create(workspace=workspace, user=owner, role=Role.OGSM_OWNER)
        second = Membership.objects.create(
            workspace=workspace, user=second.user, role=Role.OGSM_OWNER
        )
