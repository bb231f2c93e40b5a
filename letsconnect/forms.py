"""The Let's Connect special form at the bottom of the profile editor. Its fields post with
the profile form (prefix "lc") and are never stored by CapX: they are sent to Let's Connect
when the profile is saved, after the person confirmed them."""
from django import forms
from django.utils.translation import gettext_lazy as _

from letsconnect.choices import AGES, AREA_SEPARATOR, AREAS, AREAS_MAX, GENDERS, ROLES

NOT_LISTED = "not-listed"  # the gender choice that brings its own text


def choices(values, empty=None):
    return ([("", empty)] if empty else []) + list(values.items())


class LetsConnectForm(forms.Form):
    prefix = "lc"

    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Contact email"), max_length=254,
        help_text=_("The Let's Connect team will write to you at this address."),
        error_messages={"required": _("Let's Connect needs an email address to contact you.")})
    role = forms.ChoiceField(
        label=_("What's your main role in the group or organization you are part of?"),
        choices=choices(ROLES, empty=_("Choose method")),  # the guide's words
        error_messages={"required": _("Choose your main role: Let's Connect needs it.")})
    areas = forms.MultipleChoiceField(
        label=_("What topics does your Wikimedia work relate to?"), required=False,
        choices=choices(AREAS), widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to two, an Other topic counting as one."))
    area_other = forms.CharField(label=_("Other"), max_length=100, required=False)
    gender = forms.ChoiceField(
        label=_("Gender identity"), required=False, widget=forms.RadioSelect,
        choices=choices(GENDERS) + [(NOT_LISTED, _("Not listed:"))])
    gender_other = forms.CharField(label=_("Your gender identity"), max_length=100,
                                   required=False)
    age = forms.ChoiceField(label=_("Age range"), required=False, widget=forms.RadioSelect,
                            choices=choices(AGES))
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        topics = len(data.get("areas") or ()) + bool(data.get("area_other", "").strip())
        if topics > AREAS_MAX:
            self.add_error("areas", _("Choose at most two topics (an Other topic counts as "
                                      "one)."))
        if data.get("gender") == NOT_LISTED and not data.get("gender_other", "").strip():
            self.add_error("gender_other", _("Write your gender identity, or choose another "
                                             "answer."))
        return data

    def started(self):
        """Whether the person filled in anything (a bound form)."""
        return self.is_bound and any(
            self.data.get(self.add_prefix(name)) for name in self.fields if name != "confirmed")

    def registration(self):
        """The answers as Let's Connect takes them (English values; empty ones as "")."""
        data = self.cleaned_data
        areas = [*data["areas"], data["area_other"].strip()]
        gender = data["gender_other"].strip() if data["gender"] == NOT_LISTED else data["gender"]
        return {"full_name": data["full_name"].strip(), "email": data["email"],
                "role": data["role"], "area": AREA_SEPARATOR.join(area for area in areas if area),
                "gender": gender, "age": data["age"]}
