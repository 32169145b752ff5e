"""A `{% fragment %}` block is kept under its parts plus the language, the date and the active
time zone: a workspace that changes its zone sees its times in the new zone at once."""

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import translation

from koers.lib.pagecache import CSRF_PLACEHOLDER

BLOCK = Template(
    "{% load fragments tz %}{% timezone zone %}"
    '{% fragment "when" row %}{{ moment|date:"H:i" }}{% endfragment %}{% endtimezone %}'
)
MOMENT = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)


def block(zone: str) -> str:
    # The parts deliberately leave the moment out: only the zone differs between two renders.
    context = {"zone": zone, "row": ("same row",), "moment": MOMENT}
    return BLOCK.render(Context({**context, "csrf_token": CSRF_PLACEHOLDER}))


def test_a_time_zone_change_shows_times_in_the_new_zone():
    assert block("Europe/Amsterdam") == "10:30"
    assert block("Europe/London") == "09:30"  # same date, another hour
    assert block("Europe/Amsterdam") == "10:30"


def test_a_kept_block_is_served_again_in_the_same_zone_and_language(settings):
    assert block("UTC") == "09:30"
    kept = Template(
        "{% load fragments tz %}{% timezone zone %}"
        '{% fragment "when" row %}changed{% endfragment %}{% endtimezone %}'
    )
    context = {"zone": "UTC", "row": ("same row",), "csrf_token": CSRF_PLACEHOLDER}
    assert kept.render(Context(context)) == "09:30"  # the same parts: the kept block
    with translation.override("nl"):
        assert kept.render(Context(context)) == "changed"  # another language: made again
