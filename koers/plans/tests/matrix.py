"""Permission-matrix rows of plan versions and retired items (see tests/test_permission_matrix.py).

The plan's core pages are in tests/test_permission_matrix.py; only the OGSM owner drafts,
activates, discards and restores; everyone with access reads versions."""

from tests.matrix import EDIT_GET, EDIT_POST, READ, P

ROWS = {
    "plans:versions": ("get", P, None, READ),
    "plans:roll_over": ("get", P, None, EDIT_GET),
    "plans:version": ("get", (*P, "version_number"), None, READ),
    "plans:version_pdf": ("get", (*P, "version_number"), None, READ),
    "plans:version_compare": ("get", P, None, READ),
    "plans:draft_start": ("post", P, {}, EDIT_POST),
    "plans:draft": ("get", P, None, EDIT_GET),
    "plans:draft_objective": ("get", P, None, EDIT_GET),
    "plans:draft_item": ("get", (*P, "draft_key"), None, EDIT_GET),
    "plans:draft_add": ("get", (*P, "draft_kind"), None, EDIT_GET),
    "plans:draft_remove": (
        "post",
        (*P, "draft_key"),
        {"draft_version": "@draft_version"},
        EDIT_POST,
    ),
    "plans:draft_activate": ("get", P, None, EDIT_GET),
    "plans:draft_discard": ("post", P, {}, EDIT_POST),
    "plans:retired": ("get", (*P, "retired_kind", "retired_item"), None, READ),
    "plans:retired_restore": ("post", (*P, "retired_kind", "retired_item"), {}, EDIT_POST),
    "plans:start_template": ("post", P, {}, EDIT_POST),
    "plans:import": ("get", P, None, EDIT_GET),
    # Roles on the plan: the workspace's role managers and the plan's OGSM owner.
    "plans:roles": ("get", P, None, EDIT_GET),
    "plans:serve": ("get", P, None, EDIT_GET),
    "plans:unserve": ("post", (*P, "serve_link"), {"version": "@serve_version"}, EDIT_POST),
    "plans:serve_seen": ("post", (*P, "serve_link"), {"version": "@serve_version"}, EDIT_POST),
}


def objects(world):
    from koers.actions.models import Action
    from koers.plans import cascade, retiring, versions
    from koers.plans.models import Plan, Strategy

    plan = Plan.objects.get(pk=world["plan"])
    old = Strategy.objects.create(plan=plan, title="Old idea", position=9)
    Action.objects.create(strategy=old, title="Tried once")
    retiring.retire(old, None, "Dropped")
    draft = versions.start_draft(plan, None)
    above = Plan.objects.create(
        workspace=plan.workspace,
        name="Organisation",
        period=plan.period,
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    serve_link = cascade.link(plan, Strategy.objects.create(plan=above, title="Grow"))
    return {
        "serve_link": serve_link.pk,
        "serve_version": serve_link.version,
        "version_number": 1,
        "draft_key": f"g{world['goal']}",
        "draft_kind": "goal",
        "draft_version": draft.version,
        "retired_kind": "strategy",
        "retired_item": old.pk,
    }


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
POSTS = {
    "plans:roles": ({}, (302, 404, 403, 403, 403, 422)),
    "plans:serve": ({}, (302, 404, 403, 403, 403, 422)),
    "plans:draft_activate": ({}, (302, 404, 403, 403, 403, 422)),
    "plans:draft_add": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:draft_item": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:draft_objective": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:import": ({}, (302, 404, 403, 403, 403, 200)),
    "plans:roll_over": ({}, (302, 404, 403, 403, 403, 200)),
}
