from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from profiles.validators import normalize_username, validate_username


class DevLoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=255,
        help_text=_("Any Wikimedia username, e.g. “Maria Silva”. Nothing is checked with Meta-Wiki."),
    )

    def clean_username(self):
        name = self.cleaned_data["username"]
        validate_username(name)
        name = normalize_username(name)
        if get_user_model().objects.filter(username=name, is_active=False).exists():
            raise forms.ValidationError(_("This account has been deactivated."))
        return name
