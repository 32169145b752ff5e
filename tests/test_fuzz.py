"""Junk posted to every POST endpoint as every role: never a 5xx, and a 4xx writes nothing.

The endpoints are the permission matrix's URLs (tests/test_permission_matrix.py) that accept a
POST. Each must have a row below: WRITES for those that change something, READS for pages that
answer a POST like a GET (a page that only reads declares `require_safe` and needs none). A new
endpoint without a row fails `test_every_post_endpoint_has_a_fuzz_row`, as a URL without a
matrix row fails the matrix.

Each example fills the fields the endpoint's own form (on its page) and its matrix row send,
plus a few every view might read, with valid values or junk: huge and negative numbers, NaN,
empty, very long text, NUL, right-to-left and emoji, wrong types, unknown ids and ids of another
workspace. It posts that as every role the matrix lets in, and as one drawn from those it keeps
out. A 4xx must leave every workspace's revision and the account tables as they were.

Examples per endpoint come from a hypothesis profile: `fuzz` (CI, a few) or `fuzz-thorough`
(KOERS_FUZZ_PROFILE=fuzz-thorough, for a long run by hand; KOERS_FUZZ_EXAMPLES sets how many).
"""

import os
from datetime import date

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROLES
from koers.accounts.models import Invite, Membership, User, Workspace
from koers.actions.models import Action
from koers.plans.models import Goal, Measure, Plan, Strategy
from tests import test_permission_matrix as permission_matrix
from tests.forms import page_forms
from tests.test_permission_matrix import MATRIX, resolve_data

world = permission_matrix.world  # the matrix's objects, as a fixture of this module too

_COMMON = {"suppress_health_check": list(HealthCheck), "deadline": None, "derandomize": True}
settings.register_profile("fuzz", max_examples=3, **_COMMON)
THOROUGH = int(os.environ.get("KOERS_FUZZ_EXAMPLES", "60"))
settings.register_profile("fuzz-thorough", max_examples=THOROUGH, **_COMMON)
PROFILE = settings.get_profile(os.environ.get("KOERS_FUZZ_PROFILE", "fuzz"))

# Endpoints that change something when the post is valid.
WRITES = {
    "accounts:accept_invite", "accounts:change_role", "accounts:invite", "accounts:language",
    "accounts:login", "accounts:logout", "accounts:password_change", "accounts:password_reset",
    "accounts:password_reset_confirm", "accounts:profile", "accounts:remove_member",
    "accounts:revoke_invite", "accounts:signup", "accounts:workspace_new",
    "accounts:workspace_settings",
    "actions:accept", "actions:answer_request", "actions:close", "actions:definition_of_done",
    "actions:delete", "actions:edit", "actions:move", "actions:new",
    "actions:paste",
    "actions:reopen", "actions:status", "actions:strategy_update", "actions:update",
    "analysis:brainstorm_archive", "analysis:brainstorm_close",
    "analysis:brainstorm_new", "analysis:canvas_item_delete", "analysis:canvas_item_edit",
    "analysis:canvas_item_new", "analysis:canvas_version", "analysis:idea_convert",
    "analysis:idea_group", "analysis:idea_new", "analysis:idea_vote", "analysis:likelihood",
    "analysis:scenario_edit", "analysis:scenario_set_archive", "analysis:scenario_set_new",
    "analysis:signal_delete", "analysis:signal_new", "analysis:swot_decide",
    "analysis:swot_delete", "analysis:swot_edit", "analysis:swot_new", "analysis:trend_delete",
    "analysis:trend_edit", "analysis:trend_new", "analysis:trend_to_swot",
    "dashboard:grid", "dashboard:import", "dashboard:kpi", "dashboard:measurement",
    "dashboard:milestone", "dashboard:kpi_roll_up",
    "meetings:adjust", "meetings:cadence", "meetings:close_action", "meetings:edit",
    "meetings:end", "meetings:evaluation", "meetings:followup", "meetings:new",
    "meetings:new_action", "meetings:note", "meetings:open_round", "meetings:priorities",
    "meetings:remind", "meetings:review", "meetings:schedule", "meetings:share_preread",
    "meetings:start", "meetings:ogsm_change", "meetings:draft_start", "meetings:draft_edit",
    "meetings:activate", "meetings:back_to_todo", "meetings:reorder",
    "meetings:accept_proposal", "meetings:reject_proposal",
    "meetings:swot_step", "meetings:milestone_step",
    "meetings:ask_figures",
    "meetings:my_updates", "meetings:link", "meetings:revoke_links",
    "meetings:revoke_my_links", "meetings:notifications", "meetings:unsubscribe",
    "meetings:inbound_mail",
    "plans:edit", "plans:goal_delete", "plans:goal_edit", "plans:goal_move", "plans:goal_new",
    "plans:measure_delete", "plans:measure_edit", "plans:measure_move", "plans:measure_new",
    "plans:new", "plans:objective_edit", "plans:roles", "plans:strategy_delete",
    "plans:strategy_edit",
    "plans:strategy_move", "plans:strategy_new",
    "meetings:evaluation_delete", "meetings:evaluation_edit",
    "plans:draft_activate", "plans:draft_add", "plans:draft_discard",
    "plans:draft_item", "plans:draft_objective", "plans:draft_remove", "plans:draft_start",
    "plans:retired_restore", "plans:roll_over", "plans:start_template",
    "plans:import", "plans:serve", "plans:serve_seen", "plans:unserve",
    "reports:action_import", "reports:kpi_feed", "reports:kpi_feed_fetch",
    "reports:workspace_import",
    "tokens:list", "tokens:revoke", "webhooks:list", "webhooks:remove", "webhooks:test",
}  # fmt: skip
# Pages that answer a POST as they answer a GET: a post must write nothing at all. (Pages that
# only read declare so, `require_safe`, and refuse a POST with 405: they need no row.)
READS = {"analysis:swot_matrix", "meetings:run"}

# Fields any view might read besides its form's.
EXTRA_FIELDS = ["id", "version", "next", "item_index", "action", "actions", "period", "value"]
PDF_OR_FEED = {"plans:pdf", "meetings:minutes_pdf", "meetings:preread_pdf", "meetings:calendar"}


def _junk(foreign_ids):
    words = st.sampled_from(
        [
            "99999999999999999999", "abc", "NaN", "\x00", "", " ", "0", "-1", "1e20", "-1e20",
            "nan", "Infinity", "-Infinity", "1000000000000", "-99999999999999999999",
            "0.0000000001", "\x00", "a\x00b", "null", "None", "[]", "{}", "true", "on",
            "2027-13-45", "0001-01-01", "0001-01-01T00:00", "9999-12-31T23:59", "2027-W99",
            "\u202eevil\u202c", "مرحبا", "🦄" * 40, "x" * 5000, "y\n" * 300,
            "<script>alert(1)</script>", "' OR 1=1 --", "/\\evil.example/", "//evil.example",
            "999999", "2147483648", "9223372036854775808",
        ]
    )  # fmt: skip
    return st.one_of(
        words,
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.text(max_size=40),
        st.sampled_from(foreign_ids).map(str),
        st.lists(words, min_size=2, max_size=3),
    )


def _fingerprint():
    """What a refused post must not change: every workspace's revision, and the accounts."""
    return (
        tuple(Workspace.objects.order_by("pk").values_list("pk", "revision")),
        User.objects.count(),
        Membership.objects.count(),
        Invite.objects.count(),
    )


@pytest.fixture
def foreign_ids(other_workspace, outsider):
    """Ids of another workspace's plan content, to post where this workspace's are expected."""
    plan = Plan.objects.create(
        workspace=other_workspace,
        name="Other plan",
        period="2027",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    goal = Goal.objects.create(plan=plan, title="Other goal", position=0)
    strategy = Strategy.objects.create(plan=plan, title="Other strategy", position=0)
    measure = Measure.objects.create(strategy=strategy, name="Other measure", position=0)
    action = Action.objects.create(strategy=strategy, owner=outsider, title="Other action")
    ids = [plan.pk, goal.pk, strategy.pk, measure.pk, action.pk, outsider.pk]
    return [*ids, *Membership.objects.filter(user=outsider).values_list("pk", flat=True)]


def _url(name, world):
    return reverse(name, args=[world[key] for key in MATRIX[name][1]])


def _fields(name, url, world, client):
    """The endpoint's own fields with valid values: its page's form and its matrix row."""
    _method, _keys, data, _expected = MATRIX[name]
    fields = {}
    if name not in PDF_OR_FEED:
        page = client.get(url)
        if page.status_code == 200 and page.get("Content-Type", "").startswith("text/html"):
            for form in page_forms(page.content.decode()):
                if form["method"].lower() == "post" and form["action"] in ("", url):
                    fields.update(form["data"])
    fields.update({k: str(v) for k, v in resolve_data(data, world).items()})
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def _let_in(name):
    """Roles the matrix lets through to the view's own logic, and those it keeps out (a 403,
    a 404, or for a visitor the login page)."""
    expected = MATRIX[name][3]
    anonymous_in = expected[0] in (200, expected[-1])
    let_in = [
        role
        for role, status in zip(ROLES, expected, strict=True)
        if status not in (403, 404) and (role != "anonymous" or anonymous_in)
    ]
    return let_in, [r for r in ROLES if r not in let_in]


def _post(client, user, url, data):
    if user is not None and "_auth_user_id" not in client.session:
        client.force_login(user)  # a fuzzed logout (or password change) ended the session
    return client.post(url, data)


def _check(name, role, response, before):
    status = response.status_code
    assert status < 500, f"{name} as {role}: {status}"
    if 400 <= status < 500 or name in READS:
        assert _fingerprint() == before, f"{name} as {role}: a {status} wrote"


def _fuzz(name, world, users, client, foreign_ids):
    url = _url(name, world)
    client.force_login(users["owner"])
    fields = _fields(name, url, world, client)
    let_in, kept_out = _let_in(name)
    junk = _junk(foreign_ids)
    names = sorted(set(fields) | set(EXTRA_FIELDS))

    # A read page gets one example as the owner and one other role: junk cannot reach deeper.
    examples = PROFILE.max_examples if name in WRITES else 1
    if name in READS:
        let_in, kept_out = ["owner"], [r for r in ROLES if r != "owner"]

    @settings(PROFILE, max_examples=examples)
    @given(st.data())
    def run(data):
        # The form as its page sends it, with junk in one field (or a few, or an extra one):
        # valid neighbours carry the junk past the form into the rules.
        spoilt = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3), label="junk")
        posted = {**fields, **{field: data.draw(junk, label=field) for field in spoilt}}
        roles = [*let_in, *([data.draw(st.sampled_from(kept_out))] if kept_out else [])]
        for role in roles:
            client.logout()
            before = _fingerprint()
            response = _post(client, users[role], url, posted)
            _check(name, role, response, before)

    run()
    if MATRIX[name][0] == "get" and name not in PDF_OR_FEED:
        # Whatever the junk stored, the page still opens.
        client.force_login(users["owner"])
        assert client.get(url).status_code < 500, f"{name} no longer opens"


@pytest.mark.parametrize("name", sorted(WRITES | READS))
def test_junk_posted_to_an_endpoint_never_fails_or_half_writes(
    name, world, users, client, foreign_ids
):
    client.raise_request_exception = True
    _fuzz(name, world, users, client, foreign_ids)


def test_every_post_endpoint_has_a_fuzz_row(world, owner, client):
    """Every URL that accepts a POST is fuzzed; a new one needs a row in WRITES or READS."""
    client.raise_request_exception = False
    accepting = set()
    for name in MATRIX:
        client.force_login(owner)
        if client.post(_url(name, world), {}).status_code != 405:
            accepting.add(name)
    assert not (WRITES & READS)
    missing = accepting - WRITES - READS
    assert not missing, f"Add these POST endpoints to WRITES or READS: {sorted(missing)}"
    stale = (WRITES | READS) - accepting
    assert not stale, f"These no longer accept POST; remove their fuzz rows: {sorted(stale)}"
