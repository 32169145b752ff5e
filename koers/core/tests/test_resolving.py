"""Each path's match is kept (koers/lib/resolving.py) and stays what Django would answer."""

import pytest
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse


def plain_resolver():
    """The same patterns, resolved by Django's own resolver with nothing kept."""
    (remembering,) = get_resolver().url_patterns
    return URLResolver(get_resolver().pattern, remembering.url_patterns)


@pytest.mark.parametrize(
    "name,args",
    [
        ("plans:detail", ["acme", 7]),
        ("actions:list", ["acme", 7]),
        ("analysis:signals", ["acme"]),
        ("plans:measure_edit", ["acme", 7, 12]),
        ("accounts:profile", []),
    ],
)
def test_a_path_resolves_as_django_resolves_it_every_time(name, args):
    path = reverse(name, args=args)
    expected = plain_resolver().resolve(path)
    for _ in range(2):  # found, then kept
        match = resolve(path)
        assert (match.func, match.args, match.kwargs, match.view_name, match.route) == (
            expected.func,
            expected.args,
            expected.kwargs,
            expected.view_name,
            expected.route,
        )


def test_what_a_request_does_to_its_match_does_not_reach_the_next():
    path = reverse("plans:detail", args=["acme", 7])
    resolve(path).kwargs["plan_id"] = 8
    assert resolve(path).kwargs["plan_id"] == 7


def test_a_path_without_a_view_is_still_a_404():
    for _ in range(2):
        with pytest.raises(Resolver404):
            resolve("/no/such/page/")
