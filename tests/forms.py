"""Read a page's forms as a browser would submit them (for tests that post real forms)."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", ""), "data": {}}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self._form["data"].setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form["data"].setdefault(a["name"], [])
        elif tag == "option" and self._select and "selected" in a:
            self._form["data"][self._select].append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form["data"][a["name"]] = [""]

    def handle_data(self, data):
        if self._textarea:
            value = self._form["data"][self._textarea][0] + data
            # Browsers drop the line break that follows <textarea>.
            self._form["data"][self._textarea][0] = value.removeprefix("\n")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_forms(html: str) -> list[dict]:
    """Every form: its action, method and the values a submit would send."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        # A select with nothing chosen sends nothing; a single value is sent as itself.
        form["data"] = {k: v if len(v) > 1 else v[0] for k, v in form["data"].items() if v}
    return parser.forms
