"""/profile/edit without JavaScript: "Add capacities" takes the whole unsaved form through the
capacity picker page and back (capacities/picker.py), and nothing is saved on the way."""
import re

import pytest

from organizations.models import Organization
from profiles.models import Avatar, Territory, WikimediaProject
from tests.capacities.picker_round_trip import read_form, through_picker
from tests.factories import ProfileFactory
from tests.profiles.edit_form import form_data


@pytest.fixture
def maria(user):
    return ProfileFactory(user=user, known=["media"], available=["media"])


def typed(maria):
    """Every section of the form filled in, nothing saved yet."""
    return form_data(
        maria, languages=[("pt-br", 6), ("es", 2)],
        avatar=Avatar.objects.order_by("pk")[1].pk, bio='Wikipedian from Recife, "typed" <not saved>.',
        alt_account="Maria (WMB)", show_wikidata_photo="on", show_wikidata_item="on", signed_in_only="on",
        territories=[Territory.objects.get(code="BR").pk, Territory.objects.get(slug="latin-america-caribbean").pk],
        projects=[WikimediaProject.objects.get(code="wikidatawiki").pk],
        affiliations=[Organization.objects.order_by("pk").first().pk], wanted=["budgeting"])


def as_sent(data):
    return sorted((name, str(value)) for name, values in data.items()
                  for value in (values if isinstance(values, list) else [values]))


def test_the_round_trip_brings_back_every_field_exactly_and_saves_nothing(signed_in, maria):
    data = typed(maria)
    picker, back = through_picker(signed_in, "post", "known", data, "/profile/edit", tick=["survey"])
    assert back.status_code == 200
    assert "Your capacity selection is in the form below. Save profile to keep it." in back.text
    assert "not saved: please correct" not in back.text and "another tab" not in back.text

    shown = read_form(back.text, "profile-form")
    assert (shown.method, shown.action) == ("post", "/profile/edit")
    fields = [(name, value) for name, value in shown.fields if name != "csrfmiddlewaretoken"]
    expected = as_sent({**data, "known": ["media", "survey"]})
    assert [item for item in sorted(fields) if item in expected] == expected  # all of it, exactly
    assert ("bio", 'Wikipedian from Recife, "typed" <not saved>.') in fields

    maria.refresh_from_db()
    assert maria.bio == "" and maria.version == 0 and not maria.languages.exists()
    assert list(maria.known.values_list("slug", flat=True)) == ["media"]

    # The form shown is the one to save: the version it carries is still the right one.
    saved = signed_in.post("/profile/edit", dict(fields_by_name(fields)))
    assert saved.status_code == 302 and saved["Location"] == "/profile"
    maria.refresh_from_db()
    assert maria.bio == 'Wikipedian from Recife, "typed" <not saved>.'
    assert set(maria.known.values_list("slug", flat=True)) == {"media", "survey"}
    assert [row.language.code for row in maria.languages.all()] == ["pt-br", "es"]


def fields_by_name(fields):
    grouped = {}
    for name, value in fields:
        grouped.setdefault(name, []).append(value)
    return grouped


def test_a_save_from_another_tab_during_the_round_trip_is_still_noticed(signed_in, maria):
    opened = typed(maria)
    assert signed_in.post("/profile/edit", form_data(maria, bio="From the other tab")).status_code == 302
    picker, back = through_picker(signed_in, "post", "wanted", opened, "/profile/edit", untick=["budgeting"])
    assert "another tab" not in back.text  # coming back saves nothing, so checks nothing
    fields = read_form(back.text, "profile-form").fields
    page = signed_in.post("/profile/edit", fields_by_name(fields))
    assert page.status_code == 200 and "changed in another tab or window" in page.text
    maria.refresh_from_db()
    assert maria.bio == "From the other tab"


def test_cancel_on_the_picker_page_brings_the_form_back_as_it_was(signed_in, maria):
    picker, back = through_picker(signed_in, "post", "known", typed(maria), "/profile/edit",
                                  tick=["survey"], cancel=True)
    assert 'name="known" value="media"' in back.text and 'name="known" value="survey"' not in back.text
    assert "Wikipedian from Recife" in back.text
    maria.refresh_from_db()
    assert maria.bio == ""


def test_add_capacities_is_a_button_of_the_form_that_goes_to_the_picker_page(signed_in, maria):
    html = signed_in.get("/profile/edit").text
    buttons = re.findall(r'<button type="submit" class="button capacity-picker__add"[^>]*>', html)
    assert [re.search(r'formaction="([^"]+)"', button)[1] for button in buttons] == [
        "/capacity/picker/known", "/capacity/picker/available", "/capacity/picker/wanted"]
    assert all('name="next" value="/profile/edit"' in button for button in buttons)
