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

# What the picker page does not carry back: the field it edits, where to go, the old CSRF
# token (the page renders its own) and an earlier marker.
NOT_CARRIED = {"next", "csrfmiddlewaretoken", RESHOW}


def came_back_from_picker(request):
    """True when this POST is the picker page sending its form back: show it, don't save."""
    return request.method == "POST" and RESHOW in request.POST


def carried_fields(data, field):
    """Every (name, value) of the submitted form but the picker's own field, in order."""
    return [(name, value) for name, values in data.lists()
            if name != field and name not in NOT_CARRIED for value in values]
