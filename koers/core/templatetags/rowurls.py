"""`{{ url|row:item.pk }}`: a row's link from a `koers.lib.rowurls.RowUrl` reversed once per
page, where `{% url %}` would reverse it for every row."""

from django import template

register = template.Library()


@register.filter
def row(url, pk):
    return url(pk)
