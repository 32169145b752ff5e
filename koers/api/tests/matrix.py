"""Permission-matrix rows of the token pages. The API's own routes are covered, per token and
role, by koers/api/tests/test_api_matrix.py (the page matrix logs in with a session)."""

from tests.matrix import ANY_POST, LOGGED_IN

ROWS = {
    "tokens:list": ("get", (), None, LOGGED_IN),
    "tokens:revoke": ("post", ("api_token",), {}, ANY_POST),  # only one's own are revoked
}


def objects(world):
    from koers.accounts.models import User, Workspace
    from koers.api.tokens import create_token

    owner = User.objects.get(username="olivia")
    token, _secret = create_token(
        owner, Workspace.objects.get(slug=world["slug"]), "matrix", "read", 30
    )
    return {"api_token": token.pk}


# The page's form posted empty ({url name: (POST data, expected statuses)}): the door of the
# POST decides first; who passes it gets the form's errors (or, on a confirmation page, the
# removal). See tests/test_permission_matrix.py.
POSTS = {
    "tokens:list": ({}, (302, 422, 422, 422, 422, 422)),
}
