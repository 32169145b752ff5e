"""Building blocks of the permission matrix, shared by every app's `tests/matrix.py`.

An app lists its URLs in `koers/<app>/tests/matrix.py` as `ROWS` ({url name: (method, argument
keys, POST data, expected statuses)}) and may define `objects(world) -> dict` that creates the
objects its URLs need and returns their keys (e.g. {"action": action.pk}). A page that takes a
POST too (its view declares `require_http_methods(["GET", "POST"])`) also has a row in `POSTS`
({url name: (POST data, expected statuses)}): the matrix sends every method a view accepts.
"""

# Statuses per role, in the order of conftest.ROLES (anonymous … OGSM owner).
PUBLIC = (200, 200, 200, 200, 200, 200)
ANON_ONLY = (200, 302, 302, 302, 302, 302)
LOGGED_IN = (302, 200, 200, 200, 200, 200)
READ = (302, 404, 200, 200, 200, 200)
EDIT_GET = (302, 404, 403, 403, 403, 200)
EDIT_POST = (302, 404, 403, 403, 403, 302)
TEAM_GET = (302, 404, 403, 403, 200, 200)  # OGSM owner and process owner
TEAM_POST = (302, 404, 403, 403, 302, 302)
ANY_POST = (302, 302, 302, 302, 302, 302)

P = ("slug", "plan")
