"""Permission-matrix rows of the webhook pages: the OGSM owner's alone (they show secrets)."""

from tests.matrix import EDIT_GET, EDIT_POST

ROWS = {
    "webhooks:list": ("get", ("slug",), None, EDIT_GET),
    "webhooks:test": ("post", ("slug", "webhook"), {}, EDIT_POST),
    "webhooks:remove": ("post", ("slug", "webhook"), {}, EDIT_POST),
}


def objects(world):
    from koers.webhooks.models import Endpoint

    endpoint = Endpoint.objects.create(
        workspace_id=Endpoint._meta.get_field("workspace")
        .related_model.objects.get(slug=world["slug"])
        .pk,
        url="http://127.0.0.1:9/matrix",
        format="json",
        events=[],
    )
    return {"webhook": endpoint.pk}


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
POSTS = {
    "webhooks:list": ({}, (302, 404, 403, 403, 403, 200)),
}
