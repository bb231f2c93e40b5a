from django import forms
from django.utils.translation import gettext_lazy as _, ngettext

from capacities.models import Capacity, CapacitySuggestion


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = CapacitySuggestion
        fields = ["title", "description"]
        labels = {"title": _("Title"), "description": _("Description")}
        help_texts = {
            "title": _("The capacity's name, up to 200 characters."),
            "description": _("What it is and why it belongs in the directory, up to 1000 characters."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5, "maxlength": 1000})}


# The three capacity lists every party (a user's profile, an organization) has.
CAPACITY_LISTS = ("known", "available", "wanted")


class CapacitiesField(forms.ModelMultipleChoiceField):
    """Capacities by slug, as the capacity picker sends them (hidden inputs)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(queryset=Capacity.objects.all(), to_field_name="slug", required=False,
                         **kwargs)


def check_available_within_known(form, data):
    """The rule of every form that edits a party's capacities (a user's or an organization's
    profile, in its editor and in the admin): one can only share what one knows. The error
    names the capacities and sits on Available."""
    known, available = data.get("known"), data.get("available")
    if known is not None and available is not None:
        outside = [capacity for capacity in available if capacity not in known]
        form.available_outside_known = outside  # the editor offers the fixes (edit.html)
        missing = [capacity.name for capacity in outside]
        if missing:
            form.add_error("available", ngettext(
                "You can only share what you know: add %(names)s to your Known capacities "
                "or remove it from Available.",
                "You can only share what you know: add %(names)s to your Known capacities "
                "or remove them from Available.", len(missing)) % {"names": ", ".join(missing)})
    return data


def with_available_fixed(request):
    """The form as posted, with the fix the Known/Available error offers if one was pressed
    (fix_available): add what Available has beyond Known to Known, or take it out of
    Available. Every editor of a party's capacities offers it."""
    fix = request.POST.get("fix_available")
    if fix not in ("add_to_known", "remove_from_available"):
        return request.POST
    data = request.POST.copy()
    known, available = data.getlist("known"), data.getlist("available")
    if fix == "add_to_known":
        data.setlist("known", list(dict.fromkeys(known + available)))
    else:
        data.setlist("available", [slug for slug in available if slug in known])
    return data
