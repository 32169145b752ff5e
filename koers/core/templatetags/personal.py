"""The personal parts of a cached page (koers.lib.pagecache): what differs between viewers who
otherwise see the same page.

- `{% personal "template.html" %}`: a small template rendered for the requester on every
  request (`{% personal "template.html" "kept" %}`: once per viewer and workspace revision, for
  what only a change to the workspace alters, like their name) (context: only `user`, `workspace`,
  `csrf_token`, `LANGUAGE_CODE`): the viewer's name, their badges.
- `{% granted id %}…{% endgranted %}`: a part (controls) shown only to viewers for whom the
  view's `granted()` holds `id`, e.g. the actions this viewer may update.

Inside a cached page's rendering both leave a marker that `cached_page` fills per request, so
one copy serves every viewer with the same rights. Outside it, `personal` renders in place;
`granted` may only be used in pages served by `cached_page`.
"""

from django import template
from django.utils.safestring import mark_safe

from koers.lib.pagecache import CSRF_PLACEHOLDER, grant_markers, personal_marker, render_personal

register = template.Library()


def _in_cached_page(context) -> bool:
    return context.get("csrf_token") == CSRF_PLACEHOLDER


@register.simple_tag(takes_context=True)
def personal(context, template_name, kept=None):
    if _in_cached_page(context):
        return mark_safe(personal_marker(template_name, kept == "kept"))  # noqa: S308 — our own marker
    token = context.get("csrf_token")
    return render_personal(template_name, context.get("user"), context.get("workspace"), token)


class GrantedNode(template.Node):
    def __init__(self, nodelist, key):
        self.nodelist, self.key = nodelist, key

    def render(self, context):
        if not _in_cached_page(context):
            raise template.TemplateSyntaxError("{% granted %} is only for pages from cached_page")
        start, end = grant_markers(self.key.resolve(context))
        return start + self.nodelist.render(context) + end


@register.tag
def granted(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% granted id %} takes one id")
    nodelist = parser.parse(("endgranted",))
    parser.delete_first_token()
    return GrantedNode(nodelist, parser.compile_filter(bits[1]))
