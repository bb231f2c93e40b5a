"""/organization/<slug>/edit: its managers edit the organization's profile, section by section."""
import re

import pytest

from organizations.models import Document, Organization, Project
from profiles.models import Territory
from tests.capacities.picker_round_trip import through_picker
from tests.factories import OrganizationFactory, UserFactory
from tests.forms import read_form

URL = "/organization/wikimedia-brasil/edit"
COMMONS = "https://commons.wikimedia.org/wiki/File:"


@pytest.fixture
def brasil(user):
    """An organization that the signed-in user ("Maria Silva") manages."""
    return OrganizationFactory(name="Wikimedia Brasil", slug="wikimedia-brasil", managers=[user],
                               known=["media"], available=["media"])


@pytest.fixture
def filled(brasil):
    """Every section filled in."""
    Organization.objects.filter(pk=brasil.pk).update(
        name_pt_br="Wikimédia Brasil", name_ar="ويكيميديا البرازيل", local_name="WMB local",
        acronym="WMB", logo=COMMONS + "Logo.svg",
        report="https://meta.wikimedia.org/wiki/Wikimedia_Brasil/Reports",
        diff_tags=["wmb", "brasil"], meta_page="https://meta.wikimedia.org/wiki/Wikimedia_Brasil",
        email="contato@example.org", website="https://example.org")
    brasil.refresh_from_db()
    brasil.territories.add(Territory.objects.get(code="BR"))
    Project.objects.create(organization=brasil, name="WLM", image=COMMONS + "WLM.jpg",
                           link="https://wlm.example.org")
    Document.objects.create(organization=brasil, url=COMMONS + "Report.pdf")
    return brasil


def shown(client):
    """The edit form as the page shows it: {name: value or [values]}, as a browser sends it."""
    page = client.get(URL)
    assert page.status_code == 200
    data = {}
    for name, value in read_form(page.content.decode(), "organization-form").fields:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def with_rows(data, prefix, rows, fields):
    """`data` with the list `prefix` replaced by new `rows` (tuples in the order of `fields`)."""
    data = {name: value for name, value in data.items() if not name.startswith(f"{prefix}-")}
    data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0})
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{field}": value for field, value in zip(fields, row)})
    return data


def error_of(page, field_id):
    """The text of the errors shown next to the field with this id."""
    found = re.search(rf'<ul class="errorlist" id="{field_id}_error">(.*?)</ul>', page.text, re.S)
    return re.sub(r"<[^>]+>", " ", found[1]) if found else None


def stored(organization):
    """What the database holds of the organization, to compare before and after."""
    organization = Organization.objects.get(pk=organization.pk)
    return {
        **{field.attname: getattr(organization, field.attname)
           for field in Organization._meta.concrete_fields},
        "known": sorted(organization.known.values_list("slug", flat=True)),
        "available": sorted(organization.available.values_list("slug", flat=True)),
        "wanted": sorted(organization.wanted.values_list("slug", flat=True)),
        "territories": sorted(organization.territories.values_list("slug", flat=True)),
        "projects": list(organization.projects.values_list("name", "image", "link")),
        "documents": list(organization.documents.values_list("url", flat=True)),
    }


# --- Who may edit ----------------------------------------------------------------------

def test_a_visitor_is_asked_to_log_in(client, brasil):
    assert client.get(URL)["Location"] == f"/login?next={URL}"
    assert client.post(URL, {"name_en": "Taken"})["Location"] == f"/login?next={URL}"


@pytest.mark.parametrize("who", ["user", "manager of another organization", "staff"])
def test_only_its_managers_may_edit_it(client, staff, brasil, who):
    if who == "staff":
        editor = staff  # staff edit any organization in the admin, not here
    else:
        editor = client
        other = UserFactory(username="Ivo Other")
        if who == "manager of another organization":
            OrganizationFactory(name="Wikimedia France", managers=[other])
        client.force_login(other)
    before = stored(brasil)
    assert editor.get(URL).status_code == 403
    assert editor.post(URL, {"name_en": "Taken", "version": 0}).status_code == 403
    assert stored(brasil) == before


def test_a_manager_opens_the_editor_from_the_profile(signed_in, brasil):
    profile = signed_in.get("/organization/wikimedia-brasil").text
    assert f'href="{URL}"' in profile
    page = signed_in.get(URL)
    assert page.status_code == 200
    assert page.text.count(">Save profile</button>") == 2  # at the top and at the bottom
    assert page.text.count('href="/organization/wikimedia-brasil">Cancel edit</a>') == 2
    assert signed_in.get("/organization/nowhere/edit").status_code == 404


def test_the_managers_are_not_the_editor_s_to_change(signed_in, brasil, user):
    other = UserFactory(username="Ivo Other")
    page = signed_in.post(URL, {**shown(signed_in), "managers": [other.pk]})
    assert page.status_code == 302
    assert list(brasil.managers.all()) == [user]
    assert 'name="managers"' not in signed_in.get(URL).text


# --- Saving --------------------------------------------------------------------------

def test_every_section_saves(signed_in, brasil):
    data = shown(signed_in)
    data.update({
        "name_en": "Wikimedia Brasil", "name_pt_br": "Wikimédia Brasil", "name_ar": "ويكيميديا البرازيل",
        "local_name": "Wiki Movimento Brasil", "acronym": "WMB",
        "logo": COMMONS + "Wikimedia_Brasil_logo.svg",
        "report": "https://meta.wikimedia.org/wiki/Wikimedia_Brasil/Reports",
        "territories": [Territory.objects.get(code="BR").pk,
                        Territory.objects.get(slug="latin-america-caribbean").pk],
        "known": ["communication", "media"], "available": ["communication"], "wanted": ["budgeting"],
        "meta_page": "https://meta.wikimedia.org/wiki/Wikimedia_Brasil",
        "email": "contato@example.org", "website": "https://wmnobrasil.org",
    })
    data = with_rows(data, "projects", [
        ("Wiki Loves Monuments", COMMONS + "WLM.jpg", "https://wlm.example.org"),
        ("WikiLivros", "", "")], ["name", "image", "link"])
    data = with_rows(data, "tags", [("wikimedia-brasil",), ("wmb",)], ["tag"])
    data = with_rows(data, "documents", [(COMMONS + "Annual_report_2024.pdf",)], ["url"])
    page = signed_in.post(URL, data)
    assert page.status_code == 302 and page["Location"] == "/organization/wikimedia-brasil"
    brasil = Organization.objects.get(pk=brasil.pk)
    assert (brasil.name_en, brasil.name_pt_br, brasil.name_ar, brasil.local_name, brasil.acronym) == (
        "Wikimedia Brasil", "Wikimédia Brasil", "ويكيميديا البرازيل", "Wiki Movimento Brasil", "WMB")
    assert brasil.logo == COMMONS + "Wikimedia_Brasil_logo.svg"
    assert brasil.report == "https://meta.wikimedia.org/wiki/Wikimedia_Brasil/Reports"
    assert stored(brasil)["territories"] == ["brazil", "latin-america-caribbean"]
    assert stored(brasil)["known"] == ["communication", "media"]
    assert stored(brasil)["available"] == ["communication"] and stored(brasil)["wanted"] == ["budgeting"]
    assert stored(brasil)["projects"] == [
        ("Wiki Loves Monuments", COMMONS + "WLM.jpg", "https://wlm.example.org"), ("WikiLivros", "", "")]
    assert brasil.diff_tags == ["wikimedia-brasil", "wmb"]
    assert stored(brasil)["documents"] == [COMMONS + "Annual_report_2024.pdf"]
    assert (brasil.meta_page, brasil.email, brasil.website) == (
        "https://meta.wikimedia.org/wiki/Wikimedia_Brasil", "contato@example.org", "https://wmnobrasil.org")
    profile = signed_in.get(page["Location"]).text
    assert "The organization profile was saved." in profile
    assert "Wiki Loves Monuments" in profile and "Annual report 2024.pdf" in profile
    client_in_portuguese = signed_in
    client_in_portuguese.cookies["capx_language"] = "pt-br"
    assert "Wikimédia Brasil" in client_in_portuguese.get(page["Location"]).text


def test_the_editor_shows_what_is_saved(signed_in, filled):
    data = shown(signed_in)
    assert data["name_pt_br"] == "Wikimédia Brasil" and data["acronym"] == "WMB"
    assert data["logo"] == COMMONS + "Logo.svg" and data["email"] == "contato@example.org"
    assert data["known"] == "media" and data["available"] == "media"
    assert data["territories"] == str(Territory.objects.get(code="BR").pk)
    assert (data["projects-0-name"], data["projects-0-image"]) == ("WLM", COMMONS + "WLM.jpg")
    assert (data["tags-0-tag"], data["tags-1-tag"]) == ("wmb", "brasil")
    assert data["documents-0-url"] == COMMONS + "Report.pdf"
    # The page as shown saves unchanged.
    before = stored(filled)
    assert signed_in.post(URL, data).status_code == 302
    after = stored(filled)
    assert {key: value for key, value in after.items() if key != "updated_at"} == \
        {key: value for key, value in before.items() if key != "updated_at"}


def test_clearing_every_field_saves_an_empty_profile(signed_in, filled):
    data = shown(signed_in)
    for name in ("known", "available", "wanted", "territories"):  # nothing chosen: not sent
        data.pop(name, None)
    data = {name: "" if name.endswith(("-name", "-image", "-link", "-tag", "-url")) or name in (
        "name_pt_br", "name_ar", "local_name", "acronym", "logo", "report", "meta_page", "email",
        "website") else value for name, value in data.items()}
    page = signed_in.post(URL, data)
    assert page.status_code == 302, error_summary(page)
    after = stored(filled)
    for field in ("name_pt_br", "name_ar", "local_name", "acronym", "logo", "report", "meta_page",
                  "email", "website"):
        assert not after[field], field
    assert after["diff_tags"] == [] and after["projects"] == [] and after["documents"] == []
    assert after["known"] == after["available"] == after["wanted"] == after["territories"] == []
    assert signed_in.get("/organization/wikimedia-brasil").status_code == 200  # still listed


def test_the_delete_boxes_remove_rows(signed_in, filled):
    data = {**shown(signed_in), "projects-0-DELETE": "on", "documents-0-DELETE": "on",
            "tags-1-DELETE": "on"}
    assert signed_in.post(URL, data).status_code == 302
    after = stored(filled)
    assert after["projects"] == [] and after["documents"] == [] and after["diff_tags"] == ["wmb"]


def error_summary(page):
    found = re.search(r'<section class="error-summary".*?</section>', page.text, re.S)
    return found[0] if found else ""


# --- Refused, with nothing lost ---------------------------------------------------------

COMMONS_FORMAT = "such as https://commons.wikimedia.org/wiki/Special:FilePath/Example.svg"
METAWIKI_FORMAT = "such as https://meta.wikimedia.org/wiki/Wikimedia_Brasil."
WEB_FORMAT = "starting with https:// or http://, such as https://example.org."


@pytest.mark.parametrize("field, value, expected", [
    ("logo", "https://example.org/logo.png", COMMONS_FORMAT),
    ("logo", "Logo.svg", COMMONS_FORMAT),
    ("report", "https://en.wikipedia.org/wiki/Wikimedia_Brasil", METAWIKI_FORMAT),
    ("meta_page", "meta.wikimedia.org/wiki/Wikimedia_Brasil", METAWIKI_FORMAT),
    ("website", "javascript:alert(1)", WEB_FORMAT),
    ("website", "wmnobrasil.org", WEB_FORMAT),
    ("email", "contato at example.org", "Enter a valid email address."),
    ("projects-0-image", "https://example.org/wlm.jpg", COMMONS_FORMAT),
    ("projects-0-link", "ftp://wlm.example.org", WEB_FORMAT),
    ("documents-0-url", "https://example.org/report.pdf", COMMONS_FORMAT),
])
def test_a_wrong_address_is_refused_next_to_its_field_and_nothing_typed_is_lost(
        signed_in, filled, field, value, expected):
    before = stored(filled)
    data = {**shown(signed_in), "acronym": "Typed", "email": "typed@example.org",
            "tags-0-tag": "typed-tag", "projects-0-name": "Typed project", field: value}
    page = signed_in.post(URL, data)
    assert page.status_code == 200
    assert "The organization profile was not saved" in page.text
    assert expected in error_of(page, f"id_{field}")
    assert f'href="#id_{field}"' in error_summary(page)  # the summary leads to it
    assert re.search(rf'<input[^>]*name="{field}"[^>]*aria-invalid="true"', page.text) or \
        re.search(rf'<input[^>]*aria-invalid="true"[^>]*name="{field}"', page.text)
    again = {name: value for name, value in read_form(page.content.decode(), "organization-form").fields}
    assert again[field] == value
    assert again["acronym"] == "Typed" and again["tags-0-tag"] == "typed-tag"
    assert again["projects-0-name"] == "Typed project"
    assert stored(filled) == before


def test_available_outside_known_is_refused_next_to_available(signed_in, brasil):
    before = stored(brasil)
    data = {**shown(signed_in), "acronym": "Typed", "known": ["communication"],
            "available": ["communication", "budgeting", "survey"], "wanted": ["media"]}
    page = signed_in.post(URL, data)
    assert page.status_code == 200
    assert "add Budgeting, Survey to your Known capacities" in error_of(page, "id_available")
    assert 'href="#field-available"' in error_summary(page)
    for name, slug in [("known", "communication"), ("available", "budgeting"),
                       ("available", "survey"), ("wanted", "media")]:
        assert f'name="{name}" value="{slug}"' in page.text
    assert 'value="Typed"' in page.text
    assert stored(brasil) == before
    # Its fix, in one click: what Available has beyond Known goes to Known, and it saves.
    fixed = signed_in.post(URL, {**data, "fix_available": "add_to_known"})
    assert fixed.status_code == 302
    assert stored(brasil)["known"] == ["budgeting", "communication", "survey"]


@pytest.mark.parametrize("prefix, fields, row, limit, message", [
    ("projects", ["name", "image", "link"], ("Project", "", "https://example.org"), 4,
     "A profile shows up to 4 main projects: remove one before you add another."),
    ("documents", ["url"], (COMMONS + "Doc.pdf",), 4,
     "A profile shows up to 4 documents: remove one before you add another."),
    ("tags", ["tag"], ("tag",), 10,
     "A profile follows up to 10 Diff tags: remove one before you add another."),
])
def test_one_row_too_many_is_refused(signed_in, filled, prefix, fields, row, limit, message):
    before = stored(filled)
    rows = [tuple(f"{value} {number}" if value == row[0] and prefix != "documents"
                  else value.replace("Doc", f"Doc{number}") for value in row)
            for number in range(limit + 1)]
    data = with_rows({**shown(signed_in), "acronym": "Typed"}, prefix, rows, fields)
    page = signed_in.post(URL, data)
    assert page.status_code == 200
    section = page.text.split(f'id="field-{prefix}"')[1].split("</section>")[0]
    assert message in section
    assert message in error_summary(page)
    for typed in rows:
        assert f'value="{typed[0]}"' in section
    assert 'value="Typed"' in page.text
    assert stored(filled) == before
    # One row fewer saves.
    assert signed_in.post(URL, with_rows(data, prefix, rows[:limit], fields)).status_code == 302


def test_the_english_name_stays_required(signed_in, filled):
    before = stored(filled)
    page = signed_in.post(URL, {**shown(signed_in), "name_en": "  ", "acronym": "Typed"})
    assert page.status_code == 200
    assert "This field is required." in error_of(page, "id_name_en")
    assert stored(filled) == before


def test_a_project_needs_its_name(signed_in, brasil):
    data = with_rows(shown(signed_in), "projects", [("", COMMONS + "WLM.jpg", "")],
                     ["name", "image", "link"])
    page = signed_in.post(URL, data)
    assert "Give the project the name the profile shows." in error_of(page, "id_projects-0-name")
    assert f'value="{COMMONS}WLM.jpg"' in page.text
    assert not brasil.projects.exists()


def test_a_stale_form_is_refused_and_says_why(signed_in, brasil):
    opened = {**shown(signed_in), "acronym": "First tab"}
    assert signed_in.post(URL, {**shown(signed_in), "acronym": "Second tab"}).status_code == 302
    page = signed_in.post(URL, opened)
    assert page.status_code == 200
    assert "changed in another tab or window" in page.text
    assert 'value="First tab"' in page.text
    assert Organization.objects.get(pk=brasil.pk).acronym == "Second tab"
    # The form shown carries the version saved now: saving it again keeps the first tab's.
    again = {name: value for name, value in read_form(page.content.decode(), "organization-form").fields}
    assert signed_in.post(URL, {**opened, "version": again["version"]}).status_code == 302
    assert Organization.objects.get(pk=brasil.pk).acronym == "First tab"


def test_a_save_in_the_admin_makes_an_open_form_stale(signed_in, staff, brasil):
    from tests.admin_form import change_in_admin
    opened = {**shown(signed_in), "acronym": "Editor"}
    assert change_in_admin(staff, brasil, acronym="Admin").status_code == 302
    assert "changed in another tab or window" in signed_in.post(URL, opened).text
    assert Organization.objects.get(pk=brasil.pk).acronym == "Admin"


# --- Without JavaScript ---------------------------------------------------------------

@pytest.mark.parametrize("prefix, button, first_field, saved", [
    ("projects", "Add projects", "name", 1), ("tags", "Add diff tags", "tag", 2),
    ("documents", "Add more links", "url", 1),
])
def test_add_shows_one_more_empty_row_and_keeps_everything_typed(signed_in, filled, prefix,
                                                                   button, first_field, saved):
    before = stored(filled)
    page = signed_in.get(URL)
    # The page opens at the new row.
    assert (f'name="add_row" value="{prefix}" formnovalidate\n            formaction="{URL}'
            f'#id_{prefix}-{saved}-{first_field}">{button}</button>') in page.text
    data = {**shown(signed_in), "acronym": "Typed", "projects-0-name": "Typed project",
            "add_row": prefix}
    again = signed_in.post(URL, data)
    assert again.status_code == 200
    fields = dict(read_form(again.content.decode(), "organization-form").fields)
    assert fields[f"{prefix}-TOTAL_FORMS"] == str(saved + 1)
    assert fields[f"{prefix}-{saved}-{first_field}"] == ""
    assert fields["acronym"] == "Typed" and fields["projects-0-name"] == "Typed project"
    assert "not saved" not in again.text and stored(filled) == before
    # The new row, filled in, saves with the rest.
    fields[f"{prefix}-{saved}-{first_field}"] = COMMONS + "New.pdf" if prefix == "documents" else "New"
    assert signed_in.post(URL, fields).status_code == 302
    assert Organization.objects.get(pk=filled.pk).acronym == "Typed"


def test_a_full_list_offers_no_add_button(signed_in, brasil):
    for number in range(4):
        Project.objects.create(organization=brasil, name=f"Project {number}", order=number)
    page = signed_in.get(URL).text
    assert "Add projects" not in page and "Add more links" in page
    data = {**shown(signed_in), "add_row": "projects"}
    again = signed_in.post(URL, data)
    assert "This list is full: remove a row before you add another." in again.text
    assert dict(read_form(again.content.decode(), "organization-form").fields)["projects-TOTAL_FORMS"] == "4"


def test_the_capacity_picker_round_trip_keeps_every_field(signed_in, filled):
    before = stored(filled)
    data = {**shown(signed_in), "acronym": "Typed", "projects-0-name": "Typed project"}
    _picker, back = through_picker(signed_in, "post", "known", data, URL, tick=["survey"])
    assert back.status_code == 200
    assert "Your capacity selection is in the form below. Save profile to keep it." in back.text
    fields = read_form(back.content.decode(), "organization-form").fields
    assert ("known", "survey") in fields and ("known", "media") in fields
    assert ("acronym", "Typed") in fields and ("projects-0-name", "Typed project") in fields
    assert stored(filled) == before
    posted = {}
    for name, value in fields:
        posted.setdefault(name, []).append(value)
    assert signed_in.post(URL, posted).status_code == 302
    assert stored(filled)["known"] == ["media", "survey"]


def test_the_x_of_a_capacity_keeps_everything_typed(signed_in, filled):
    data = {**shown(signed_in), "acronym": "Typed", "capacity-picker-remove": "available:media"}
    page = signed_in.post(URL, data)
    assert page.status_code == 200 and 'value="Typed"' in page.text
    assert 'name="available" value="media"' not in page.text
    assert 'name="known" value="media"' in page.text
    assert stored(filled)["available"] == ["media"]


# --- Cost ----------------------------------------------------------------------------

@pytest.mark.parametrize("rows", [0, 4])
def test_the_editor_takes_the_same_queries_whatever_the_profile_holds(signed_in, brasil, rows,
                                                                      django_assert_max_num_queries):
    for number in range(rows):
        Project.objects.create(organization=brasil, name=f"Project {number}", order=number)
        Document.objects.create(organization=brasil, url=f"{COMMONS}Doc_{number}.pdf")
    brasil.territories.add(*Territory.objects.filter(code__in=["BR", "PT", "AR", "FR"][:rows]))
    signed_in.get(URL)  # the long lists are rendered once, then cached
    # Session, user, the request's transaction (2), the organization, its territories and
    # three capacity lists, what the user manages, the data versions (2: the territory list
    # and the capacity picker's), projects, documents.
    with django_assert_max_num_queries(14):
        page = signed_in.get(URL)
    assert page.text.count('name="projects-') >= rows


def test_create_a_new_event_is_a_dialog_with_the_page_behind_it(signed_in, brasil):
    page = signed_in.get(f"/organization/{brasil.slug}/edit").content.decode()
    create = f"/organization/{brasil.slug}/events/new"
    assert f'href="{create}" data-dialog="new-event-dialog"' in page  # the page without JS
    dialog = page.split('id="new-event-dialog"')[1].split("</dialog>")[0]
    assert f'<form method="post" action="{create}" class="event-form"' in dialog
    assert 'name="url"' in dialog and "csrfmiddlewaretoken" in dialog
    editor_end = page.index("</form>", page.index('id="organization-form"'))
    assert editor_end < page.index('id="new-event-dialog"')  # after the editor: forms do not nest


def test_an_event_saved_from_the_dialog_goes_back_to_the_editor(signed_in, brasil):
    edit = f"/organization/{brasil.slug}/edit"
    data = {"url": "https://example.org/meetup", "name": "Meetup", "start": "2031-05-01T10:00",
            "end": "2031-05-01T12:00", "time_zone": "UTC", "location_type": "virtual",
            "next": edit}
    answer = signed_in.post(f"/organization/{brasil.slug}/events/new", data)
    assert answer.status_code == 302 and answer["Location"] == edit
    elsewhere = signed_in.post(f"/organization/{brasil.slug}/events/new",
                               {**data, "name": "Other", "next": "https://evil.example/"})
    assert elsewhere["Location"] == f"/organization/{brasil.slug}/events"  # not off the site
    refused = signed_in.post(f"/organization/{brasil.slug}/events/new",
                             {**data, "end": "2031-04-01T10:00"})  # refused: shown again
    assert refused.status_code == 200 and f'name="next" value="{edit}"' in refused.content.decode()
