from django import forms
from django.utils.translation import gettext_lazy as _

from capacities.models import CapacitySuggestion


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
