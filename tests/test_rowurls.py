"""Row links reversed once per list (koers.lib.rowurls) point where reverse() would."""

import pytest
from django.urls import reverse

from koers.analysis.models import Trend
from koers.lib.rowurls import SENTINEL, RowUrl, add_urls

# Every name whose links are made with RowUrl, with the arguments before the row's id.
USED = [
    ("plans:goal_edit", ["acme", 7]),
    ("plans:strategy_move", ["acme", 7]),
    ("plans:measure_delete", ["acme", 7]),
    ("history:object", ["acme", "plans.measure"]),
    ("actions:detail", ["acme", 7]),
    ("actions:move", ["acme", 7]),
    ("actions:status", ["acme", 7]),
    ("actions:close", ["acme", 7]),
    ("actions:reopen", ["acme", 7]),
    ("analysis:signal_delete", ["acme"]),
    ("analysis:idea_vote", ["acme", 3]),
    ("analysis:trend_edit", ["acme"]),
]


@pytest.mark.parametrize(("name", "args"), USED)
def test_a_row_url_is_the_reversed_url(name, args):
    url = RowUrl(name, *args)
    for pk in (1, 42, 1234567):
        assert url(pk) == reverse(name, args=[*args, pk])


def test_a_slug_holding_the_sentinel_keeps_it():
    slug = f"team-{SENTINEL}"
    assert RowUrl("actions:detail", slug, 7)(5) == reverse("actions:detail", args=[slug, 7, 5])


def test_each_object_gets_its_links(workspace):
    trends = [Trend.objects.create(workspace=workspace, title=t, category="economy") for t in "ab"]
    add_urls(trends, "acme", edit="analysis:trend_edit", to_swot="analysis:trend_to_swot")
    for trend in trends:
        assert trend.edit_url == reverse("analysis:trend_edit", args=["acme", trend.pk])
        assert trend.to_swot_url == reverse("analysis:trend_to_swot", args=["acme", trend.pk])
