from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from capacities.forms import CapacitiesField, check_available_within_known
from capx.fragments import cached_fragment, mark_chosen
from profiles.models import Avatar, Badge, Language, Profile, ProfileLanguage, Territory
from profiles.validators import normalize_username


class PlainSelect:
    """A select written straight as HTML, without a template per option: Django's own option
    rendering was most of the profile editor's time."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = value if isinstance(value, (list, tuple)) else [value]
        multiple = " multiple" if self.allow_multiple_selected else ""
        return format_html('<select name="{}"{}{}>{}</select>', name, flatatt(attrs),
                           mark_safe(multiple), mark_chosen(self.all_options(), chosen))

    def all_options(self):
        return self.options_html()

    def options_html(self):
        return "".join(format_html('<option value="{}"{}>{}</option>', value, self.extra(value),
                                   label)
                       for value, label in self.choices)

    def extra(self, value):
        return ""


class CachedOptions(PlainSelect):
    """A select of reference data (languages, territories, organizations: hundreds of
    options) whose options are rendered once per language and data version
    (capx/fragments.py); only the chosen ones are marked for each form. share_versions()
    gives it the request, whose data versions are then read once for the whole page."""

    topic = None  # the DataVersion topic of the data listed
    request = None

    def all_options(self):
        return cached_fragment(self.request, f"options-{type(self).__name__}", [self.topic],
                               self.options_html)


def share_versions(form, request):
    """Lets the form's cached selects read the data versions once per request, with the rest
    of the page, instead of one query each."""
    for field in form.fields.values():
        if isinstance(field.widget, CachedOptions):
            field.widget.request = request
    return form


class PlainCheckboxes(forms.CheckboxSelectMultiple):
    """Django's checkbox list, the same markup written straight as HTML (its template per box
    cost the profile editor 3 ms for two dozen projects)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = {str(item) for item in value or ()}
        base_id = attrs.get("id")
        boxes = []
        for index, (option, label) in enumerate(self.choices):
            option = str(option)
            box_id = f"{base_id}_{index}" if base_id else None
            boxes.append(format_html(
                '<div>\n    <label{}><input type="checkbox" name="{}" value="{}"{}{}>\n {}'
                '</label>\n\n</div>',
                format_html(' for="{}"', box_id) if box_id else "", name, option,
                format_html(' id="{}"', box_id) if box_id else "",
                mark_safe(" checked") if option in chosen else "", label))
        return format_html('<div{}>{}\n</div>', format_html(' id="{}"', base_id) if base_id else "",
                           mark_safe("".join(boxes)))


class ProficiencySelect(PlainSelect, forms.Select):
    pass


class TerritoriesSelect(CachedOptions, forms.SelectMultiple):
    topic = "territories"


class OrganizationsSelect(CachedOptions, forms.SelectMultiple):
    """The affiliations list, each option carrying the other names the organization is known
    by, which multi-select.js searches too ("Wikimedia Brasil")."""

    topic = "organizations"

    def extra(self, value):
        aliases = getattr(getattr(value, "instance", None), "aliases", None)
        return format_html(' data-aliases="{}"', "; ".join(aliases)) if aliases else ""


class TerritoriesField(forms.ModelMultipleChoiceField):
    """Regions first, then countries grouped under their region."""

    widget = TerritoriesSelect

    def __init__(self, **kwargs):
        super().__init__(queryset=Territory.objects.select_related("region"), required=False,
                         **kwargs)


class ProfileForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # blank=True: radio buttons offer "No avatar" too (Django leaves it out otherwise).
    avatar = forms.ModelChoiceField(Avatar.objects.all(), required=False, blank=True,
                                    widget=forms.RadioSelect, empty_label=_("No avatar"),
                                    label=_("Choose an avatar"))
    known = CapacitiesField(label=_("Known capacities"))
    available = CapacitiesField(label=_("Available capacities"))
    wanted = CapacitiesField(label=_("Wanted capacities"))
    territories = TerritoriesField(label=_("Territory"))
    displayed_badges = forms.ModelMultipleChoiceField(
        Badge.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Choose which badges to display in your profile"))
    signed_in_only = forms.BooleanField(
        required=False, label=_("Show my profile only to signed-in Wikimedians"),
        help_text=_("Visitors who are not logged in will not see your profile or its cards."))

    class Meta:
        model = Profile
        fields = ["avatar", "show_wikidata_photo", "bio", "bio_language", "known", "available",
                  "wanted", "alt_account", "affiliations", "territories", "show_wikidata_item",
                  "projects"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5, "maxlength": Profile.BIO_MAX_LENGTH}),
            "projects": PlainCheckboxes,
            "affiliations": OrganizationsSelect(attrs={"size": 8}),
        }
        help_texts = {
            "bio": _("Up to 500 characters: your background and your work as a Wikimedian."),
            "alt_account": _("Another Wikimedia username of yours, e.g. a staff account."),
        }

    def __init__(self, *args, earned_badges=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["displayed_badges"].queryset = Badge.objects.filter(pk__in=earned_badges)
        self.badges_not_earned = Badge.objects.exclude(pk__in=earned_badges)
        self.fields["territories"].widget.attrs["size"] = 8
        # Typed with the language list as the language rows are: one list on the page.
        self.fields["bio_language"] = LanguageField(
            label=Profile._meta.get_field("bio_language").verbose_name, required=False)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            if self.instance.bio_language_id:  # its name, as the language rows show theirs
                self.initial["bio_language"] = self.instance.bio_language.display_name
            self.initial["signed_in_only"] = not self.instance.is_public

    def clean_alt_account(self):
        name = self.cleaned_data["alt_account"]
        return normalize_username(name) if name else ""

    def clean(self):
        return check_available_within_known(self, super().clean())

    def save(self, commit=True):
        self.instance.visibility = (Profile.Visibility.SIGNED_IN if self.cleaned_data["signed_in_only"]
                                    else Profile.Visibility.PUBLIC)
        return super().save(commit)


class LanguageInput(forms.TextInput):
    """A text field with the whole language list as a <datalist>: typing searches it,
    with or without JavaScript, and one list serves every row."""

    def __init__(self):
        super().__init__(attrs={"list": "language-options", "autocomplete": "off"})


class LanguageField(forms.ModelChoiceField):
    """A language by its code ("pt-br"), English name or autonym, as typed."""

    widget = LanguageInput

    def __init__(self, **kwargs):
        super().__init__(Language.objects.all(), to_field_name="code", **kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        match = Language.objects.filter(code__iexact=value).first() or \
            Language.objects.filter(name__iexact=value).first() or \
            Language.objects.filter(autonym__iexact=value).first() or \
            self.by_shown_name(value)
        if match is None:
            raise forms.ValidationError(
                _("“%(value)s” is not a language we know. Pick one from the list."),
                code="invalid_choice", params={"value": value})
        return match


    @staticmethod
    def by_shown_name(value):
        """The language the page names so, in the reader's language, with or without its
        autonym ("Inglês", "Inglês — English"), as the list of languages offers them."""
        wanted = value.casefold()
        return next((language for language in Language.objects.only("code", "name", "autonym")
                     if wanted in (language.display_name.casefold(),
                                   language.listed_name.casefold())), None)


class ProfileLanguageForm(forms.ModelForm):
    language = LanguageField(label=_("Language"))

    class Meta:
        model = ProfileLanguage
        fields = ["language", "proficiency"]
        widgets = {"proficiency": ProficiencySelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # its name, from the row the formset already fetched
            self.initial["language"] = self.instance.language.display_name


class BaseLanguageFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """A language listed twice gets one clear error on its second row."""
        seen = set()
        for row in self.forms:
            language = row.cleaned_data.get("language") if row.is_valid() else None
            if language is None or row in self.deleted_forms:
                continue
            if language.pk in seen:
                row.add_error("language", _("%(name)s is already in your list: keep one row "
                                            "for it.") % {"name": language.display_name})
            seen.add(language.pk)
        if not any(row.errors for row in self.forms):
            super().clean()


LanguageFormSet = inlineformset_factory(
    Profile, ProfileLanguage, form=ProfileLanguageForm, formset=BaseLanguageFormSet, extra=1,
    can_delete=True, max_num=50, validate_max=True,
)
