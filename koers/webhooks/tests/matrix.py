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
