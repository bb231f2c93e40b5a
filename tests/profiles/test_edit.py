import re

import pytest

from profiles.models import Avatar, Profile, UserBadge
from tests.factories import OrganizationFactory, ProfileFactory
from tests.profiles.edit_form import form_data


@pytest.fixture
def maria(user):
    return ProfileFactory(user=user)


def test_editing_needs_login(client):
    assert client.get("/profile/edit")["Location"] == "/login?next=/profile/edit"


def test_every_section_saves(signed_in, maria):
    avatar = Avatar.objects.first()
    page = signed_in.post("/profile/edit", form_data(
        maria, languages=[("pt-br", 6), ("English", 3)],
        avatar=avatar.pk, bio="Wikipedian from Recife.", alt_account="maria_(WMB)",
        known=["communication", "press-release"], available=["press-release"],
        wanted=["budgeting"], territories=[_territory("BR").pk, _territory("latin-america-caribbean").pk],
        projects=[_project("wikidatawiki").pk], affiliations=[_org("Wiki Movimento Brasil User Group").pk],
        show_wikidata_item="", signed_in_only="on"))
    assert page.status_code == 302 and page["Location"] == "/profile"
    maria.refresh_from_db()
    assert maria.avatar == avatar and maria.bio == "Wikipedian from Recife."
    assert maria.alt_account == "Maria (WMB)"
    assert set(maria.known.values_list("slug", flat=True)) == {"communication", "press-release"}
    assert list(maria.available.values_list("slug", flat=True)) == ["press-release"]
    assert list(maria.wanted.values_list("slug", flat=True)) == ["budgeting"]
    assert [(row.language.code, row.proficiency) for row in maria.languages.all()] == [("pt-br", 6), ("en", 3)]
    assert maria.territories.count() == 2 and maria.projects.get().code == "wikidatawiki"
    assert maria.affiliations.get().slug == "grupo-de-usuarios-wiki-movimento-brasil"
    assert maria.visibility == Profile.Visibility.SIGNED_IN and maria.version == 1
    assert "Your profile was saved." in signed_in.get("/profile").text


def test_a_new_language_row_offers_advanced_first(signed_in, maria):
    page = signed_in.get("/profile/edit").content.decode()
    new_row = re.search(r'<select name="languages-0-proficiency".*?</select>', page, re.S)[0]
    assert re.search(r'<option value="(\d)" selected>([^<]+)</option>', new_row).groups() == \
        ("3", "Advanced")
    signed_in.post("/profile/edit", form_data(maria, languages=[("es", "3")]))
    assert maria.languages.get().get_proficiency_display() == "Advanced"


def test_available_must_be_known_and_the_form_keeps_everything(signed_in, maria):
    page = signed_in.post("/profile/edit", form_data(
        maria, bio="Kept bio", known=["communication"],
        available=["communication", "budgeting", "survey"], wanted=["media"]))
    assert page.status_code == 200
    assert "add Budgeting, Survey to your Known capacities" in page.text
    for slug in ("communication", "budgeting", "survey", "media"):
        assert f'value="{slug}"' in page.text
    assert "Kept bio" in page.text
    maria.refresh_from_db()
    assert maria.bio == "" and not maria.known.exists() and maria.version == 0


def test_import_known_copies_known_into_available_without_saving(signed_in, maria):
    page = signed_in.post("/profile/edit", form_data(
        maria, known=["communication", "media"], available=[], import_known="1"))
    assert "copied into Available" in page.text
    assert page.text.count('name="available" value="communication"') == 1
    assert page.text.count('name="available" value="media"') == 1
    assert not maria.available.exists()


def test_a_bio_over_500_characters_is_refused(signed_in, maria):
    page = signed_in.post("/profile/edit", form_data(maria, bio="x" * 501))
    assert "Ensure this value has at most 500 characters (it has 501)." in page.text
    maria.refresh_from_db()
    assert maria.bio == ""


def test_an_unknown_language_is_refused_next_to_its_row(signed_in, maria):
    page = signed_in.post("/profile/edit", form_data(maria, languages=[("Klingonese", 3)], bio="b"))
    assert "“Klingonese” is not a language we know." in page.text
    assert not maria.languages.exists()


def test_an_impossible_alternative_account_is_refused(signed_in, maria):
    page = signed_in.post("/profile/edit", form_data(maria, alt_account="Bad#Name"))
    assert "A Wikimedia username cannot contain #." in page.text


def test_html_in_text_fields_is_stored_as_text_and_shown_escaped(signed_in, maria):
    bio = '<script>alert("x")</script><b>bold</b>'
    signed_in.post("/profile/edit", form_data(maria, bio=bio))
    maria.refresh_from_db()
    assert maria.bio == bio
    page = signed_in.get("/profile").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_a_stale_form_is_refused_and_says_why(signed_in, maria):
    opened = form_data(maria, bio="From the first tab")
    assert signed_in.post("/profile/edit", form_data(maria, bio="From the second tab")).status_code == 302
    page = signed_in.post("/profile/edit", opened)
    assert page.status_code == 200
    assert "changed in another tab or window" in page.text
    assert "From the first tab" in page.text
    maria.refresh_from_db()
    assert maria.bio == "From the second tab"
    assert f'name="version" value="{maria.version}"' in page.text  # saving again now works
    assert signed_in.post("/profile/edit", form_data(maria, bio="From the first tab")).status_code == 302


def test_saving_awards_badges_and_shows_the_chosen_ones(signed_in, maria, user):
    signed_in.post("/profile/edit", form_data(maria, known=["media"], available=["media"]))
    assert list(UserBadge.objects.filter(user=user).values_list("badge__slug", flat=True)) == ["sharer"]
    sharer = UserBadge.objects.get(user=user).badge
    maria.refresh_from_db()
    signed_in.post("/profile/edit", form_data(maria, displayed_badges=[sharer.pk]))
    assert UserBadge.objects.get(user=user).displayed
    maria.refresh_from_db()
    signed_in.post("/profile/edit", form_data(maria, available=[]))
    assert not UserBadge.objects.filter(user=user).exists()  # no longer earned


def test_a_badge_not_earned_cannot_be_displayed(signed_in, maria):
    from profiles.models import Badge
    page = signed_in.post("/profile/edit", form_data(
        maria, displayed_badges=[Badge.objects.get(slug="learner").pk]))
    assert page.status_code == 200 and "Select a valid choice" in page.text


def test_the_edit_form_shows_what_is_saved(signed_in):
    ProfileFactory(username="Maria Silva", known=["media"], languages={"pt-br": 6},
                   territories=["BR"])
    page = signed_in.get("/profile/edit").text
    assert 'name="known" value="media"' in page
    assert 'value="pt-br"' in page


def test_the_edit_form_marks_every_saved_choice(signed_in):
    """The editor's selects and boxes are written without Django's templates
    (profiles.forms.PlainSelect, PlainCheckboxes, capx.forms.FormRenderer): each saved choice
    is still marked, and only those."""
    profile = ProfileFactory(username="Maria Silva", languages={"pt-br": 6}, territories=["BR"],
                             avatar=Avatar.objects.order_by("pk")[1])
    profile.projects.set([_project("wikidatawiki")])
    profile.affiliations.set(OrganizationFactory.create_batch(2))
    page = signed_in.get("/profile/edit").text
    checked = re.findall(r'<input type="checkbox" name="projects" value="(\d+)"[^>]*checked', page)
    assert checked == [str(_project("wikidatawiki").pk)]
    def chosen(name):
        options = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
        return sorted(re.findall(r'<option value="(\d+)" selected', options))
    assert chosen("affiliations") == sorted(str(org.pk) for org in profile.affiliations.all())
    assert chosen("territories") == [str(_territory("BR").pk)]
    assert re.search(r'name="languages-0-proficiency"[^>]*><option value="0">[^<]*</option>.*?'
                     r'<option value="6" selected>Native</option>', page)
    assert re.findall(r'<input type="radio" name="avatar" value="(\d+)"[^>]*checked', page) \
        == [str(profile.avatar_id)]


@pytest.mark.parametrize("size", [1, 12])
def test_the_editor_takes_the_same_queries_whatever_the_profile_holds(signed_in, size,
                                                                      django_assert_max_num_queries):
    profile = ProfileFactory(username="Maria Silva", known=["communication", "media"],
                             languages=dict(list({"pt-br": 6, "en": 3, "es": 2, "fr": 1}.items())[:size]),
                             territories=["BR", "PT", "MX"][:size])
    profile.affiliations.set(OrganizationFactory.create_batch(size))
    signed_in.get("/profile/edit")  # the lists of every editor, rendered once (cached)
    with django_assert_max_num_queries(20):
        page = signed_in.get("/profile/edit")
    assert page.status_code == 200 and "Edit user profile" in page.text


def test_the_no_js_picker_selection_comes_back_into_the_form(signed_in, maria):
    page = signed_in.get("/profile/edit", {"known": ["media", "survey"]}).text
    assert 'name="known" value="media"' in page and 'name="known" value="survey"' in page
    assert not maria.known.exists()


def _territory(key):
    from profiles.models import Territory
    return Territory.objects.get(code=key) if len(key) == 2 else Territory.objects.get(slug=key)


def _project(code):
    from profiles.models import WikimediaProject
    return WikimediaProject.objects.get(code=code)


def _org(name):
    from organizations.models import Organization
    return Organization.objects.get(name=name)


def test_html_in_the_alternative_account_is_refused_and_nothing_stored(signed_in, maria):
    page = signed_in.post("/profile/edit", form_data(maria, alt_account="<b>Maria</b>", bio="new"))
    assert "A Wikimedia username cannot contain" in page.text
    assert "<b>Maria</b>" not in page.text and "&lt;b&gt;Maria&lt;/b&gt;" in page.text
    maria.refresh_from_db()
    assert maria.alt_account == "" and maria.bio == ""


def saved_rows(data, rows):
    """The posted form with the saved language rows (id, language, proficiency) as the page
    shows them, followed by new ones."""
    data["languages-INITIAL_FORMS"] = sum(1 for row in rows if row[0])
    data["languages-TOTAL_FORMS"] = len(rows)
    for number, (pk, language, proficiency, *remove) in enumerate(rows):
        data[f"languages-{number}-id"] = pk or ""
        data[f"languages-{number}-language"] = language
        data[f"languages-{number}-proficiency"] = proficiency
        if remove:
            data[f"languages-{number}-DELETE"] = "on"
    return data


def languages_of(profile):
    return [(row.language.code, row.proficiency) for row in profile.languages.all()]


@pytest.fixture
def bilingual(user):
    return ProfileFactory(user=user, languages={"pt": 6, "en": 4})


def rows_of(profile):
    return [row.pk for row in profile.languages.all()]


def test_swapping_two_languages_saves(signed_in, bilingual):
    pt, en = rows_of(bilingual)
    page = signed_in.post("/profile/edit", saved_rows(form_data(bilingual),
                          [(pt, "en", 4), (en, "pt", 6)]))
    assert page.status_code == 302
    assert languages_of(bilingual) == [("en", 4), ("pt", 6)]


def test_changing_a_row_to_the_language_of_a_removed_row_saves(signed_in, bilingual):
    pt, en = rows_of(bilingual)
    page = signed_in.post("/profile/edit", saved_rows(form_data(bilingual),
                          [(pt, "en", 5), (en, "en", 4, "remove")]))
    assert page.status_code == 302
    assert languages_of(bilingual) == [("en", 5)]


def test_removing_and_adding_again_saves(signed_in, bilingual):
    pt, en = rows_of(bilingual)
    page = signed_in.post("/profile/edit", saved_rows(form_data(bilingual),
                          [(pt, "pt", 6, "remove"), (en, "en", 4), (None, "pt", 2)]))
    assert page.status_code == 302
    assert languages_of(bilingual) == [("en", 4), ("pt", 2)]


def test_the_same_language_twice_is_refused_next_to_the_row(signed_in, bilingual):
    pt, en = rows_of(bilingual)
    page = signed_in.post("/profile/edit", saved_rows(form_data(bilingual, bio="Kept"),
                          [(pt, "pt", 6), (en, "en", 4), (None, "Portuguese", 2)]))
    assert page.status_code == 200
    assert "Portuguese is already in your list: keep one row for it." in page.content.decode()
    assert "Kept" in page.content.decode()
    assert languages_of(bilingual) == [("pt", 6), ("en", 4)]


def test_a_language_added_goes_to_the_bottom(signed_in, bilingual):
    pt, en = rows_of(bilingual)
    signed_in.post("/profile/edit", saved_rows(form_data(bilingual),
                   [(pt, "pt", 6), (en, "en", 4), (None, "es", 2)]))
    assert languages_of(bilingual) == [("pt", 6), ("en", 4), ("es", 2)]


def test_saved_languages_come_back_by_name_in_the_page_s_language(signed_in, bilingual):
    page = signed_in.get("/profile/edit").content.decode()
    assert 'name="languages-0-language" value="Portuguese"' in page
    assert 'name="languages-1-language" value="English"' in page
    signed_in.cookies["capx_language"] = "ar"
    page = signed_in.get("/profile/edit").content.decode()
    assert 'name="languages-1-language" value="الإنجليزية"' in page
    # and the name the page showed is understood when it comes back
    pt, en = rows_of(bilingual)
    answer = signed_in.post("/profile/edit", saved_rows(form_data(bilingual),
                            [(pt, "البرتغالية", 6), (en, "الإنجليزية", 3)]))
    assert answer.status_code == 302 and languages_of(bilingual) == [("pt", 6), ("en", 3)]


@pytest.mark.parametrize("fix, known, available", [
    ("add_to_known", {"communication", "budgeting"}, {"communication", "budgeting"}),
    ("remove_from_available", {"communication"}, {"communication"}),
])
def test_the_known_available_error_offers_its_fix_in_one_click(signed_in, maria, fix, known, available):
    posted = form_data(maria, bio="Kept bio", known=["communication"],
                       available=["communication", "budgeting"])
    page = signed_in.post("/profile/edit", posted).content.decode()
    assert 'name="fix_available" value="add_to_known"' in page
    assert 'name="fix_available" value="remove_from_available"' in page

    answer = signed_in.post("/profile/edit", {**posted, "fix_available": fix})
    assert answer.status_code == 302
    maria.refresh_from_db()
    assert set(maria.known.values_list("slug", flat=True)) == known
    assert set(maria.available.values_list("slug", flat=True)) == available
    assert maria.bio == "Kept bio"


def test_import_known_after_the_error_leaves_a_form_that_saves(signed_in, maria):
    posted = form_data(maria, known=["communication", "media"], available=["budgeting"])
    page = signed_in.post("/profile/edit", {**posted, "import_known": "1"}).content.decode()
    assert 'name="available" value="budgeting"' not in page
    assert 'name="available" value="communication"' in page and 'name="available" value="media"' in page
    answer = signed_in.post("/profile/edit", form_data(maria, known=["communication", "media"],
                                                       available=["communication", "media"]))
    assert answer.status_code == 302


def test_edit_your_badges_is_there_before_any_badge_is_earned(signed_in, maria):
    page = signed_in.get("/profile/edit").content.decode()
    assert "Edit your badges" in page
    assert page.count("Not earned yet") == 4 and 'name="displayed_badges"' not in page


def test_earned_badges_are_selectable_and_the_others_shown_as_not_earned(signed_in, maria):
    signed_in.post("/profile/edit", form_data(maria, known=["media"], available=["media"]))
    page = signed_in.get("/profile/edit").content.decode()
    assert page.count('name="displayed_badges"') == 1  # Sharer
    assert page.count("Not earned yet") == 3


def test_the_affiliation_list_knows_the_other_names_of_an_affiliate(signed_in, maria):
    page = signed_in.get("/profile/edit").content.decode()
    assert 'data-aliases="Wikimedia Brasil; WMB">Wiki Movimento Brasil User Group — Grupo de' in page


def test_without_javascript_the_x_of_a_capacity_keeps_everything_typed(signed_in, maria):
    posted = form_data(maria, bio="Typed, not saved", known=["media", "survey"], alt_account="Maria WMB")
    page = signed_in.post("/profile/edit", {**posted, "capacity-picker-remove": "known:media"})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'name="known" value="survey"' in text and 'name="known" value="media"' not in text
    assert "Typed, not saved" in text and 'value="Maria WMB"' in text
    maria.refresh_from_db()
    assert maria.bio == "" and not maria.known.exists()  # nothing saved


def test_the_editor_s_x_buttons_are_submit_buttons(signed_in, user):
    ProfileFactory(user=user, known=["media"])
    page = signed_in.get("/profile/edit").content.decode()
    assert 'name="capacity-picker-remove" value="known:media" formnovalidate>' in page


def test_the_mini_bios_language_is_typed_with_the_language_list(signed_in, maria):
    from profiles.models import Language
    saved = signed_in.post("/profile/edit", form_data(maria, bio="Olá", bio_language="Portuguese"))
    assert saved.status_code == 302
    maria.refresh_from_db()
    assert maria.bio_language == Language.objects.get(name="Portuguese")
    page = signed_in.get("/profile/edit").content.decode()
    assert re.search(r'name="bio_language" value="[^"]+" list="language-options"', page)
    refused = signed_in.post("/profile/edit", form_data(maria, bio_language="Elvish"))
    assert "“Elvish” is not a language we know." in refused.content.decode().replace("&#x27;", "'")
    maria.refresh_from_db()
    assert maria.bio_language.name == "Portuguese"


def test_without_lets_connect_its_fields_cannot_stop_a_save(signed_in, maria, settings):
    settings.LETSCONNECT_URL = ""  # switched off: the editor shows no special form
    answer = signed_in.post("/profile/edit", form_data(maria, bio="Saved", **{"lc-email": "x"}))
    assert answer.status_code == 302
    maria.refresh_from_db()
    assert maria.bio == "Saved"
