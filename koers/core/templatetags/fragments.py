"""`{% fragment "name" part … %}…{% endfragment %}`: a block of a cached page kept under what it
shows, so a change re-renders only the blocks it touched (koers.lib.pagecache.cached_fragment).

Every value the block reads must be among the parts (use `row_state` of the rows it shows, plus
position, rights and links); the language, the active time zone and the date are added. Outside
a cached page's rendering or a PDF (an htmx answer to a form, a page with a real CSRF token) the
block is rendered as is.
"""

from django import template
from django.utils.timezone import get_current_timezone_name

from koers.lib.pagecache import CSRF_PLACEHOLDER, cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        # A PDF (koers.reports.pdf) keeps its blocks too: it has no form, so no token to leak.
        printed = bool(context.get("pdf"))
        if context.get("csrf_token") != CSRF_PLACEHOLDER and not printed:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        # The active zone (the workspace's, koers.accounts.zones): a workspace that changes
        # its zone must not be served times made in the old one. A block made for print is
        # never served on screen, nor the other way round.
        parts = (
            get_current_timezone_name(),
            printed,
            *(part.resolve(context) for part in self.parts),
        )
        return cached_fragment(name, parts, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name and its parts")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
