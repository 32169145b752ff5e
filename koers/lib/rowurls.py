"""Links of a list's rows, reversed once per list instead of once per row.

A long list shows the same few links on every row, differing only in the row's id: the plan
page's item tools (about 1,300 links for 300 measures), the action list and board, the analysis
tools. `reverse()` (or `{% url %}`) per row cost about a third of such a list's fresh render.
`RowUrl(name, *args)` reverses `name` once with `SENTINEL` as the last argument and keeps what
comes before and after it; `url(pk)` puts the row's id in between.

Why that equals `reverse(name, args=[*args, pk])`: the last argument is the last converter of
the path (positional arguments fill the pattern's converters in order), so everything after
the sentinel is literal text of the pattern, which cannot contain it. The id's converter must
be `<int:…>`, whose `to_url` is `str(value)`, so the id is written as `str(pk)` in place of the
sentinel; no quoting applies to digits. The other arguments are reversed as ever (a `<slug:…>`
or a `<str:…>` like "plans.goal"), so they may be anything their converters accept.
`tests/test_rowurls.py` compares the two for every name used with it.
"""

from django.urls import reverse

SENTINEL = 2147483647  # the largest id an integer primary key holds: no real row's
_MARK = str(SENTINEL)


class RowUrl:
    """The URL `name` for rows that differ only in the last argument, an integer id."""

    __slots__ = ("prefix", "suffix")
    do_not_call_in_templates = True  # a template passes it on (`{{ url|row:item.pk }}`)

    def __init__(self, name: str, *args):
        url = reverse(name, args=[*args, SENTINEL])
        # The last occurrence: the other arguments (a slug) could hold the same digits.
        self.prefix, _, self.suffix = url.rpartition(_MARK)

    def __call__(self, pk: int) -> str:
        return f"{self.prefix}{int(pk)}{self.suffix}"


def row_urls(*args, **names: str) -> dict[str, RowUrl]:
    """`{attr: RowUrl(name, *args)}` for every `attr=name`."""
    return {attr: RowUrl(name, *args) for attr, name in names.items()}


def set_urls(objects, urls: dict[str, RowUrl]):
    """Give each object `<attr>_url`, its link `url(obj.pk)`, for every `attr: url` of `urls`
    (of `row_urls`); returns `objects`."""
    for obj in objects:
        for attr, url in urls.items():
            setattr(obj, f"{attr}_url", url(obj.pk))
    return objects


def add_urls(objects, *args, **names: str):
    """Give each object `<attr>_url` (the URL `name` of `*args` and its pk) for every
    `attr=name`, each reversed once; returns `objects`."""
    return set_urls(objects, row_urls(*args, **names))
