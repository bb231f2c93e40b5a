"""capx.forms.FormRenderer writes plain inputs and radio/checkbox options in Python: the
markup must stay Django's own (whitespace aside), escaping included."""
import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from capx.forms import FormRenderer
from profiles.forms import PlainCheckboxes, ProficiencySelect
from profiles.models import ProfileLanguage

CHOICES = [(1, 'One & "<two>"'), (2, "Two")]


class EveryInput(forms.Form):
    text = forms.CharField(max_length=5, help_text="Help", initial='x"<y>')
    box = forms.BooleanField(required=False, initial=True)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, initial=2)
    hidden = forms.IntegerField(widget=forms.HiddenInput, initial=3)
    boxes = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple,
                                      initial=[1])
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "disabled": True,
                                                         "data-off": False}))
    secret = forms.CharField(widget=forms.PasswordInput)


def same(html):
    return re.sub(r"\s+", " ", str(html)).replace("> ", ">").replace(" <", "<").strip()


@pytest.mark.parametrize("data", [None, {"text": "<b>", "box": "on", "radio": "1", "hidden": "9",
                                         "boxes": ["2"], "date": "2026-12-01"}])
def test_every_input_is_written_as_django_writes_it(data):
    django_form = EveryInput(data, renderer=DjangoTemplates())
    ours = EveryInput(data, renderer=FormRenderer())
    for name in EveryInput.base_fields:
        assert same(ours[name]) == same(django_form[name]), name
    for theirs, mine in zip(django_form["radio"], ours["radio"]):
        assert same(mine.tag()) == same(theirs.tag()) and same(mine) == same(theirs)
    assert "&lt;b&gt;" in str(ours["text"]) or data is None
    assert "One &amp; &quot;&lt;two&gt;&quot;" in str(ours["radio"])


@pytest.mark.parametrize("value", [[], [2], ["1", "2"]])
def test_the_plain_checkboxes_are_djangos(value):
    theirs = forms.CheckboxSelectMultiple(choices=CHOICES).render("p", value, {"id": "id_p"})
    assert PlainCheckboxes(choices=CHOICES).render("p", value, {"id": "id_p"}) == theirs


@pytest.mark.parametrize("value", [4, "4", None])
def test_the_plain_select_is_djangos(value):
    choices = ProfileLanguage._meta.get_field("proficiency").formfield().choices
    theirs = forms.Select(choices=choices).render("p", value, {"id": "x"})
    assert same(ProficiencySelect(choices=choices).render("p", value, {"id": "x"})) == same(theirs)
