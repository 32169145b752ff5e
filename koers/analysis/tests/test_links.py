"""Row links built once per list still point where reverse() would."""

from django.urls import reverse

from koers.analysis.models import Trend
from koers.analysis.views import add_urls


def test_row_links_match_the_urlconf(workspace):
    trends = [Trend.objects.create(workspace=workspace, title=t, category="economy") for t in "ab"]
    add_urls(trends, "acme", edit="analysis:trend_edit", to_swot="analysis:trend_to_swot")
    for trend in trends:
        assert trend.edit_url == reverse("analysis:trend_edit", args=["acme", trend.pk])
        assert trend.to_swot_url == reverse("analysis:trend_to_swot", args=["acme", trend.pk])
