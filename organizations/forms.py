"""The organization pages' forms: the list's search and filters, and the editor (the profile
itself and its three lists of rows: main projects, documents, Diff tags)."""
from datetime import datetime, timedelta, timezone

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Collate, Concat, NullIf
from django.forms.utils import ErrorDict
from django.utils.translation import get_language, gettext_lazy as _, ngettext_lazy

from capacities.forms import CapacitiesField, check_available_within_known
from capacities.tree import fold
from organizations.models import MAX_SHOWN, Document, Organization, OrganizationType, Project
from profiles.forms import CachedOptions, TerritoriesField
from profiles.models import Territory
from profiles.validators import (validate_commons_file_url, validate_metawiki_url,
                                 validate_web_url)

# The model's own limit (its MaxLengthValidator), so the editor and the admin never differ.
MAX_DIFF_TAGS = next(rule.limit_value for rule in Organization._meta.get_field("diff_tags").validators
                     if isinstance(rule, MaxLengthValidator))

NAME_FIELDS = ("name_en", "name_pt_br", "name_ar", "local_name")


def fold_sql(expression):
    """capx_fold (migration explore 0003): lower case without accents, as capacities.tree.fold."""
    return Func(expression, function="capx_fold", output_field=TextField())


# --- The list of organizations -----------------------------------------------------------

class TerritorySelect(CachedOptions, forms.Select):
    """The territory filter's options, rendered once per language and data version."""

    topic = "territories"


class OrganizationFilterForm(forms.Form):
    """/organizations?q=…&type=…&territory=…: a value that is not in the list is shown as an
    error next to its field and left out; the others still filter."""

    q = forms.CharField(label=_("Search organizations"), required=False, max_length=100)
    type = forms.ModelChoiceField(
        OrganizationType.objects.all(), to_field_name="code", required=False,
        label=_("Type"), empty_label=_("All types"),
        error_messages={"invalid_choice": _("There is no such type: choose one from the list.")})
    territory = forms.ModelChoiceField(
        Territory.objects.all(), to_field_name="slug", required=False, label=_("Territory"),
        empty_label=_("All territories"), widget=TerritorySelect,
        help_text=_("A region also finds the organizations in each of its countries."),
        error_messages={"invalid_choice": _("There is no such territory: choose one from the "
                                            "list.")})

    def chosen(self):
        """The filters in effect (valid values only), as the query string names them."""
        self.is_valid()
        data = self.cleaned_data
        chosen = {"q": " ".join(data.get("q", "").split())}
        if data.get("type"):
            chosen["type"] = data["type"].code
        if data.get("territory"):
            chosen["territory"] = data["territory"].slug
        return chosen

    def results(self):
        """The listed organizations these filters find, by their name in the page's language."""
        self.is_valid()
        data = self.cleaned_data
        found = Organization.objects.listed().select_related("type").prefetch_related("territories")
        words = fold(data.get("q", "")).split()
        if words:
            found = found.annotate(search_text=fold_sql(Concat(
                *[part for name in NAME_FIELDS for part in (Coalesce(F(name), Value("")), Value(" "))],
                Func(F("aliases"), Value(" "), function="array_to_string", output_field=TextField()),
                Value(" "), F("acronym"), output_field=TextField())))
            for word in words:
                found = found.filter(search_text__contains=word)
        if data.get("type"):
            found = found.filter(type=data["type"])
        if data.get("territory"):  # a subquery, not a join: each organization once
            found = found.filter(pk__in=Organization.territories.through.objects.filter(
                territory__in=data["territory"].covered()).values("organization_id"))
        shown_name = f"name_{(get_language() or 'en').replace('-', '_')}"
        if shown_name not in NAME_FIELDS:
            shown_name = "name_en"
        # Sorted by the ICU collation of migration 0005: accents and case sort as people read.
        return found.order_by(Collate(Coalesce(NullIf(F(shown_name), Value("")), F("name_en")),
                                      "capx_names"), "pk")


# --- The editor --------------------------------------------------------------------------

class AddressField(forms.CharField):
    """A web address checked by its one rule (a Commons file, a Meta-Wiki page, an http(s)
    link), whose message shows the format expected. Django's URLField would put "http://"
    before what was typed and only say "Enter a valid URL"."""

    widget = forms.URLInput

    def __init__(self, rule, **kwargs):
        super().__init__(required=False, max_length=500, validators=[rule], **kwargs)


class StaleForm(Exception):
    """The organization was saved elsewhere (another tab, another manager, the admin) after
    this form was opened. `version` is the one it has now."""

    def __init__(self, version):
        super().__init__(version)
        self.version = version


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def version_of(updated_at):
    """The version a form carries: the profile's last update, in whole microseconds (every
    save of the organization, here or in the admin, changes it)."""
    return (updated_at - EPOCH) // timedelta(microseconds=1)


class OrganizationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    logo = AddressField(validate_commons_file_url, label=_("Logo"), help_text=_(
        "A file on Wikimedia Commons, an .svg if you have one, such as "
        "https://commons.wikimedia.org/wiki/File:Wikimedia_Brasil_logo.svg."))
    report = AddressField(validate_metawiki_url, label=_("Report of activities"), help_text=_(
        "A page on Meta-Wiki, such as https://meta.wikimedia.org/wiki/Wikimedia_Brasil/Reports."))
    known = CapacitiesField(label=_("Known capacities"))
    available = CapacitiesField(label=_("Available capacities"))
    wanted = CapacitiesField(label=_("Wanted capacities"))
    territories = TerritoriesField(label=_("Territory"))
    meta_page = AddressField(validate_metawiki_url, label=_("Meta-Wiki page"), help_text=_(
        "Such as https://meta.wikimedia.org/wiki/Wikimedia_Brasil."))
    website = AddressField(validate_web_url, label=_("Website"), help_text=_(
        "Starting with https:// or http://, such as https://example.org."))

    class Meta:
        model = Organization
        fields = ["name_en", "name_pt_br", "name_ar", "local_name", "acronym", "logo", "report",
                  "territories", "known", "available", "wanted", "meta_page", "email", "website"]
        labels = {
            "name_en": _("Name in English"),
            "name_pt_br": _("Name in Portuguese"),
            "name_ar": _("Name in Arabic"),
            "local_name": _("Name in the organization's own language"),
            "acronym": _("Acronym"),
            "email": _("Email"),
        }
        help_texts = {
            "name_en": _("Required: the name CapX shows when there is none in the reader's "
                         "language."),
            "name_pt_br": _("Optional: leave it blank if it is the English one."),
            "name_ar": _("Optional: leave it blank if it is the English one."),
            "local_name": _("Optional: shown beside the name, and found by the search."),
            "email": _("An address people can write to about the organization."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True
        self.fields["territories"].widget.attrs["size"] = 8
        if not self.is_bound:
            self.initial["version"] = version_of(self.instance.updated_at)

    def clean(self):
        return check_available_within_known(self, super().clean())


class RowForm(forms.ModelForm):
    """One row of a list the profile shows (a main project, a document). A row whose delete
    box is ticked, or whose every field was emptied, goes when the profile is saved: it is
    not checked, so it shows no errors either."""

    def full_clean(self):
        if self.is_bound and self.removed():
            self._errors, self.cleaned_data = ErrorDict(), {"DELETE": True}
            return
        super().full_clean()

    def removed(self):
        ticked = "DELETE" in self.fields and self["DELETE"].data
        emptied = self.instance.pk and not any(
            (self[name].data or "").strip() for name in self.declared_fields)
        return bool(ticked or emptied)


class ProjectForm(RowForm):
    name = forms.CharField(label=_("Project name"), required=False, max_length=200)
    image = AddressField(validate_commons_file_url, label=_("Image"), help_text=_(
        "A file on Wikimedia Commons, such as "
        "https://commons.wikimedia.org/wiki/File:Example.jpg."))
    link = AddressField(validate_web_url, label=_("Link"), help_text=_(
        "Where people find more about it, such as its page on Meta-Wiki."))

    class Meta:
        model = Project
        fields = ["name", "image", "link"]

    def clean(self):
        data = super().clean()
        if not data.get("name") and (data.get("image") or data.get("link")):
            self.add_error("name", _("Give the project the name the profile shows."))
        return data


class DocumentForm(RowForm):
    url = AddressField(validate_commons_file_url, label=_("Document"), help_text=_(
        "A file on Wikimedia Commons, such as "
        "https://commons.wikimedia.org/wiki/File:Annual_report_2024.pdf."))

    class Meta:
        model = Document
        fields = ["url"]


class BaseRowFormSet(forms.BaseInlineFormSet):
    def save(self, commit=True):
        """Saves the rows in the order the form lists them, a row added last at the bottom."""
        saved = super().save(commit)
        kept = [row.instance for row in self.forms
                if row.instance.pk and row not in self.deleted_forms]
        for position, row in enumerate(kept):
            if row.order != position:
                row.order = position
                row.save(update_fields=["order"])
        return saved


# A fifth main project or document, refused in the editor and in the admin alike.
TOO_MANY = {
    Project: ngettext_lazy(
        "A profile shows up to %(num)d main project: remove one before you add another.",
        "A profile shows up to %(num)d main projects: remove one before you add another.",
        "num"),
    Document: ngettext_lazy(
        "A profile shows up to %(num)d document: remove one before you add another.",
        "A profile shows up to %(num)d documents: remove one before you add another.",
        "num"),
}


class ProjectFormSet(forms.inlineformset_factory(
        Organization, Project, form=ProjectForm, formset=BaseRowFormSet, extra=0,
        max_num=MAX_SHOWN, validate_max=True, can_delete=True)):
    default_error_messages = {"too_many_forms": TOO_MANY[Project]}


class DocumentFormSet(forms.inlineformset_factory(
        Organization, Document, form=DocumentForm, formset=BaseRowFormSet, extra=0,
        max_num=MAX_SHOWN, validate_max=True, can_delete=True)):
    default_error_messages = {"too_many_forms": TOO_MANY[Document]}


class DiffTagForm(forms.Form):
    tag = forms.CharField(label=_("Diff tag"), required=False, max_length=100)


class BaseDiffTagFormSet(forms.BaseFormSet):
    """The Diff tags, one per field: an emptied field (or a ticked delete box) removes its tag."""

    def clean(self):
        if any(self.errors):
            return
        tags = self.tags()
        if len(tags) > MAX_DIFF_TAGS:
            raise forms.ValidationError(self.too_many % {"num": MAX_DIFF_TAGS},
                                        code="too_many_forms")

    too_many = ngettext_lazy(
        "A profile follows up to %(num)d Diff tag: remove one before you add another.",
        "A profile follows up to %(num)d Diff tags: remove one before you add another.", "num")

    def tags(self):
        """The tags typed, each once, in their order."""
        tags = [row.cleaned_data["tag"] for row in self.forms
                if row.cleaned_data.get("tag") and not row.cleaned_data.get("DELETE")]
        return list(dict.fromkeys(tags))


DiffTagFormSet = forms.formset_factory(DiffTagForm, formset=BaseDiffTagFormSet, extra=0,
                                       can_delete=True, max_num=MAX_DIFF_TAGS)

# The lists of rows "Add …" extends, by the prefix of their formset, with their limit.
ROW_LISTS = {"projects": MAX_SHOWN, "documents": MAX_SHOWN, "tags": MAX_DIFF_TAGS}


class OrganizationEditor:
    """The whole editor: the profile form and its three lists of rows, bound to the same data."""

    def __init__(self, organization, data=None, initial=None):
        self.organization = organization
        # As saved: validating the form changes the instance.
        self.shown_name, self.shown_logo = organization.display_name, organization.logo
        self.form = OrganizationForm(data, instance=organization, initial=initial)
        self.projects = ProjectFormSet(data, instance=organization, prefix="projects")
        self.documents = DocumentFormSet(data, instance=organization, prefix="documents")
        self.tags = DiffTagFormSet(data, prefix="tags",
                                   initial=[{"tag": tag} for tag in organization.diff_tags])
        self.lists = [self.projects, self.documents, self.tags]

    def is_valid(self):
        return all([self.form.is_valid(), *(rows.is_valid() for rows in self.lists)])

    @property
    def has_errors(self):
        return bool(self.form.errors) or any(rows.total_error_count() for rows in self.lists)

    def save(self):
        """Saves everything, or nothing when the profile changed since the form was opened."""
        organization = self.form.instance
        with transaction.atomic():
            saved = (Organization.objects.select_for_update().filter(pk=organization.pk)
                     .values_list("updated_at", flat=True).first())
            if version_of(saved) != self.form.cleaned_data["version"]:
                raise StaleForm(version_of(saved))
            organization.diff_tags = self.tags.tags()
            self.form.save()
            self.projects.save()
            self.documents.save()
        return organization
