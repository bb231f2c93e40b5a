"""The capacity picker without JavaScript: a round trip that carries the whole form.

"Add capacities" (templates/capacities/_picker.html) is a submit button of the form it sits
in, with formaction /capacity/picker/<field>, so every field of that form, typed but not
saved, travels to the picker page. The page ticks the capacities already chosen, keeps every
other field as a hidden input and sends everything back the way it came: GET back to a filter
page, POST back to an editor, with the marker below.
"""

# A POST carrying this field comes back from the picker page: the editor shows the form again
# with the new selection and saves nothing (a Save would also bump the profile's version).
RESHOW = "capacity-picker-return"

# A POST carrying this field ("known:media") is the × of a chosen capacity in an editor
# without JavaScript: the editor shows the form again without it, saving nothing.
REMOVE = "capacity-picker-remove"

# What the picker page does not carry back: the field it edits, where to go, the old CSRF
# token (the page renders its own) and an earlier marker.
NOT_CARRIED = {"next", "csrfmiddlewaretoken", RESHOW, REMOVE}


def came_back_from_picker(request):
    """True when this POST is the picker page sending its form back, or a chosen capacity's
    × (REMOVE): show the form again, don't save."""
    return request.method == "POST" and (RESHOW in request.POST or REMOVE in request.POST)


def without_removed(data):
    """The posted form without the capacity whose × was pressed (REMOVE: "field:slug")."""
    field, _, slug = data.get(REMOVE, "").partition(":")
    if not slug:
        return data
    data = data.copy()
    data.setlist(field, [value for value in data.getlist(field) if value != slug])
    return data


def carried_fields(data, field):
    """Every (name, value) of the submitted form but the picker's own field, in order."""
    return [(name, value) for name, values in data.lists()
            if name != field and name not in NOT_CARRIED for value in values]


def picked_in_query(request, fields):
    """Without JavaScript a chosen capacity's × in an editor reloads the page with ?known=…
    (the selection without it, not saved yet): {field: [slugs]} of those in the query."""
    return {field: [slug for slug in request.GET.getlist(field) if slug]
            for field in fields if field in request.GET}
