"""A script reads the plan and posts updates and figures with a token."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from koers.actions.models import Action, ActionUpdate
from koers.api.models import ApiToken
from koers.api.tokens import hash_secret
from koers.dashboard.models import Measurement


def test_a_script_reads_the_plan_and_its_actions(world, users, token_for, api):
    secret = token_for(users["viewer"], "read")
    plans = api("get", "/api/w/acme/plans", secret).json()
    assert [p["name"] for p in plans["items"]] == ["Acme 2027"]
    plan = plans["items"][0]["id"]
    goals = api("get", f"/api/w/acme/plans/{plan}/goals", secret).json()["items"]
    assert goals[0]["title"] == "Revenue 1M"
    actions = api("get", f"/api/w/acme/plans/{plan}/actions?colour=orange", secret).json()
    assert [a["title"] for a in actions["items"]] == ["Open a web shop"]
    none = api("get", f"/api/w/acme/plans/{plan}/actions?colour=red", secret).json()
    assert none["items"] == []
    minutes = api("get", f"/api/w/acme/plans/{plan}/sessions/{world['session']}/minutes", secret)
    assert minutes.json()["decisions"][0]["text"] == "Hire a baker"


def test_lists_are_paged_by_cursor(world, users, token_for, api, plan):
    strategy = plan.strategies.get()
    for n in range(4):
        Action.objects.create(strategy=strategy, title=f"Extra {n}")
    secret, url = token_for(users["owner"]), f"/api/w/acme/plans/{plan.pk}/actions?limit=2"
    seen, cursor = [], ""
    while True:
        body = api("get", url + (f"&cursor={cursor}" if cursor else ""), secret).json()
        seen += [a["title"] for a in body["items"]]
        if not (cursor := body["next_cursor"]):
            break
    assert seen == ["Open a web shop", "Extra 0", "Extra 1", "Extra 2", "Extra 3"]
    assert api("get", url + "&cursor=rubbish!", secret).status_code == 422


def test_posting_an_update_follows_the_pages_rules(world, users, token_for, api):
    url = f"/api/w/acme/plans/{world['plan']}/actions/{world['action']}/updates"
    secret = token_for(users["member"])
    empty = api("post", url, secret, {"progress": 50, "colour": "green"})
    assert empty.status_code == 422
    assert "at least" in empty.json()["detail"]
    outsider = api(
        "post",
        url,
        secret,
        {"need": "x", "need_from_id": users["outsider"].pk, "progress": 5, "colour": "red"},
    )
    assert outsider.status_code == 422
    posted = api("post", url, secret, {"did": "Chose a platform", "progress": 60, "colour": "red"})
    assert posted.status_code == 201
    action = Action.objects.get(pk=world["action"])
    assert (action.progress, action.colour, action.status) == (60, "red", "in_progress")
    assert ActionUpdate.objects.filter(action=action).count() == 2


def test_etags_spare_rereads_and_if_match_refuses_a_stale_write(world, users, token_for, api):
    secret = token_for(users["owner"])
    url = f"/api/w/acme/plans/{world['plan']}/actions/{world['action']}"
    first = api("get", url, secret)
    etag = first["ETag"]
    assert api("get", url, secret, headers={"If-None-Match": etag}).status_code == 304
    update = {"did": "More", "progress": 20, "colour": "green"}
    assert api("post", url + "/updates", secret, update, {"If-Match": etag}).status_code == 201
    # Someone posted meanwhile: a client still holding the old ETag is refused, nothing written.
    stale = api("post", url + "/updates", secret, update, {"If-Match": etag})
    assert stale.status_code == 412
    assert ActionUpdate.objects.filter(action_id=world["action"]).count() == 2
    assert api("get", url, secret)["ETag"] != etag


def test_figures_are_pushed_all_or_nothing(world, users, token_for, api, plan):
    secret, url = token_for(users["member"]), f"/api/w/acme/plans/{plan.pk}/measurements"
    kpi = world["kpi"]
    good = {"kpi_id": kpi, "period": "2027-02", "value": "1200.50", "note": "from BI"}
    bad = {"kpi_id": 999999, "period": "2027-03", "value": "5"}
    refused = api("post", url, secret, {"measurements": [good, bad]})
    assert refused.status_code == 422, refused.content
    assert refused.json()["rows"][0]["index"] == 1
    assert not Measurement.objects.exists()
    twice = api("post", url, secret, {"measurements": [good, good]})
    assert twice.status_code == 422
    too_big = api("post", url, secret, {"measurements": [{**good, "value": "1e15"}]})
    assert too_big.status_code == 422
    assert api("post", url, secret, {"measurements": [good]}).json() == {"written": 1}
    figure = Measurement.objects.get()
    assert (figure.period, figure.value, figure.entered_by) == (
        date(2027, 2, 1),
        Decimal("1200.50"),
        users["member"],
    )


def test_requests_are_answered_once(world, users, token_for, api):
    secret = token_for(users["member"])
    mine = api("get", "/api/w/acme/requests", secret).json()["items"]
    assert [r["need"] for r in mine] == ["A budget"]
    url = f"/api/w/acme/requests/{world['request']}/answer"
    assert api("post", url, secret, {}).json()["need_answered_at"]
    assert api("post", url, secret, {}).status_code == 422
    assert api("get", "/api/w/acme/requests", secret).json()["items"] == []


def test_tokens_are_stored_hashed_and_stop_when_revoked_or_expired(world, users, api, client):
    client.force_login(users["member"])
    page = client.post(
        "/accounts/tokens/", {"name": "BI", "workspace": "acme", "scope": "read", "days": 30}
    )
    secret = page.context["secret"]
    assert secret.startswith("koers_") and secret in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    token = ApiToken.objects.get()
    assert token.secret_hash == hash_secret(secret) and secret not in str(vars(token))
    assert secret not in client.get("/accounts/tokens/").content.decode()  # shown once
    assert api("get", "/api/w/acme", secret).status_code == 200
    assert ApiToken.objects.get().last_used_at is not None
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api("get", "/api/w/acme", secret).status_code == 401
    ApiToken.objects.update(expires_at=timezone.now() + timedelta(days=1))
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert api("get", "/api/w/acme", secret).status_code == 401


def test_nobody_revokes_anothers_token(world, users, token_for, api, client):
    secret = token_for(users["member"])
    client.force_login(users["owner"])
    client.post(f"/accounts/tokens/{ApiToken.objects.get().pk}/revoke/")
    assert api("get", "/api/w/acme", secret).status_code == 200


def test_a_token_is_only_made_for_ones_own_workspace(world, users, client, other_workspace):
    client.force_login(users["member"])
    page = client.post(
        "/accounts/tokens/", {"name": "x", "workspace": "other", "scope": "write", "days": 30}
    )
    assert page.status_code == 422
    assert not ApiToken.objects.exists()


@override_settings(API_RATE_LIMIT=3)
def test_each_token_is_rate_limited(world, users, token_for, api):
    secret, other = token_for(users["owner"]), token_for(users["viewer"])
    assert [api("get", "/api/w/acme", secret).status_code for _ in range(4)] == [200] * 3 + [429]
    assert api("get", "/api/w/acme", other).status_code == 200


def test_reading_writes_nothing_to_the_workspace(world, users, token_for, api, workspace):
    secret = token_for(users["owner"], "read")
    workspace.refresh_from_db()
    before = workspace.revision
    api("get", f"/api/w/acme/plans/{world['plan']}/actions", secret)
    api("get", f"/api/w/acme/plans/{world['plan']}/kpis", secret)
    workspace.refresh_from_db()
    assert workspace.revision == before


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_token_page_speaks_both_languages(users, client, language, db):
    client.force_login(users["member"])
    page = client.get("/accounts/tokens/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert ("Nieuwe token" if language == "nl" else "New token") in page


def test_queries_per_list_stay_constant_as_data_grows(world, users, token_for, api, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from koers.actions import rules
    from koers.plans.models import Goal

    secret = token_for(users["member"])
    urls = [
        f"/api/w/acme/plans/{plan.pk}/actions",
        f"/api/w/acme/plans/{plan.pk}/kpis",
        "/api/w/acme/requests",
    ]

    def counts():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert api("get", url, secret).status_code == 200
            found.append(len(ctx))
        return found

    api("get", urls[1], secret)  # the KPIs exist once seen
    before = counts()
    strategy, member = plan.strategies.get(), users["member"]
    for n in range(5):
        action = Action.objects.create(strategy=strategy, owner=member, title=f"More {n}")
        rules.post_update(action, member, need="x", need_from=member, progress=1, colour="red")
        Goal.objects.create(plan=plan, title=f"Goal {n}")
    api("get", urls[1], secret)
    assert counts() == before


def test_a_plan_says_which_items_of_other_plans_it_serves(world, users, token_for, api, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from koers.plans import cascade
    from koers.plans.models import Plan, Strategy

    secret = token_for(users["viewer"], "read")

    def listed():
        with CaptureQueriesContext(connection) as ctx:
            items = api("get", "/api/w/acme/plans", secret).json()["items"]
        return {p["name"]: p["serves"] for p in items}, len(ctx)

    listed()  # the token's first use is recorded
    _, alone = listed()
    top = Plan.objects.create(
        workspace=plan.workspace, name="Group", period="2027",
        start_date=plan.start_date, end_date=plan.end_date,
    )  # fmt: skip
    grow = Strategy.objects.create(plan=top, title="Grow")
    cascade.link(plan, grow)
    cascade.link(plan, top.goals.create(title="Everyone knows us"))
    serves, linked = listed()
    assert serves["Acme 2027"] == [
        {"plan": top.pk, "strategy": grow.pk, "goal": None},
        {"plan": top.pk, "strategy": None, "goal": plan.serves.last().parent_goal_id},
    ]
    assert serves["Group"] == [] and linked == alone
    one = api("get", f"/api/w/acme/plans/{plan.pk}", secret).json()
    assert one["serves"] == serves["Acme 2027"]
