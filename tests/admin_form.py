"""Changing a record through the Django admin as staff do: open its change form, keep every
field as the page shows it, change some, press Save (a real POST of the whole form)."""
from django.urls import reverse

from tests.forms import read_form


def change_in_admin(client, obj, **changes):
    """Saves `obj`'s admin change form with `changes` (a list value for a multiple choice,
    False to untick a checkbox). Returns the answer to the POST."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200, page
    reader = read_form(page.content.decode(), f"{meta.model_name}_form")
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
