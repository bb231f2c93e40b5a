"""Changing a record through the Django admin as staff do: open its change form, keep every
field as the page shows it, change some, press Save (a real POST of the whole form)."""
from html.parser import HTMLParser

from django.urls import reverse


class FormReader(HTMLParser):
    """The fields of the admin's change form as the browser would send them unchanged."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text += data


def change_in_admin(client, obj, **changes):
    """Saves `obj`'s admin change form with `changes` (a list value for a multiple choice,
    False to untick a checkbox). Returns the answer to the POST."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200, page
    reader = FormReader()
    reader.feed(page.content.decode())
    data = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    return client.post(url, data)


def delete_in_admin(client, obj):
    """Deletes `obj` through the admin's delete page ("Yes, I'm sure")."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
    assert client.get(url).status_code == 200
    return client.post(url, {"post": "yes"})
