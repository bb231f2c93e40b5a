"""Reading a page's form as a browser would send it, for tests that submit it as a person does."""
from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The method, action and fields (name, value) of the form with this id or class, as a
    browser would send it unchanged: inputs (ticked ones only for boxes and radios), selected
    options, text areas."""

    def __init__(self, id_or_class):
        super().__init__()
        self.wanted, self.in_form, self.method, self.action, self.fields = id_or_class, False, None, None, []
        self.select = self.textarea = None
        self.in_template = False  # a <template>'s fields are not the form's
        self.found = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form" and self.wanted in (attrs.get("id"), *(attrs.get("class") or "").split()):
            self.in_form, self.method, self.action = True, attrs.get("method", "get"), attrs.get("action")
            self.found = True
        elif tag == "template":
            self.in_template = True
        elif not self.in_form or self.in_template:
            return
        elif tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            box = attrs.get("type") in ("checkbox", "radio")
            if box and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if box else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "template":
            self.in_template = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text += data


def read_form(html, id_or_class):
    reader = FormReader(id_or_class)
    reader.feed(html)
    assert reader.found, f"no form {id_or_class!r} on the page"
    return reader
