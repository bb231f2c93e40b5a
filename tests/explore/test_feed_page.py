"""What the Explore pages show, through HTTP: the filters in use as removable chips, pages that
keep the filters, the save flag, the saved list and the matches on /home."""
import html
import re

import pytest

from explore.models import SavedProfile
from tests.factories import ProfileFactory

FEED_QUERIES = 12


def links(page, css_class):
    """The href of every <a class="css_class" …> of the page, unescaped."""
    return [html.unescape(href) for href in
            re.findall(rf'<a class="{css_class}"[^>]*? href="([^"]*)"', page.text)]


def chips(page):
    """The filters in use: [(kind, label, remove URL)]."""
    found = re.findall(r'<span class="feed-active__kind">([^<]*):</span>\s*'
                       r'<bdi class="feed-active__label">([^<]*)</bdi>\s*'
                       r'<a class="feed-active__remove" href="([^"]*)"', page.text)
    return [tuple(html.unescape(part) for part in chip) for chip in found]


def card_names(page):
    return re.findall(r'class="feed-card__name"[^>]*><bdi>([^<]*)</bdi>', page.text)


@pytest.fixture
def ana():
    return ProfileFactory(username="Ana Lima", known=["communication"],
                          available=["communication"], wanted=["budgeting"],
                          territories=["BR"], languages={"pt-br": 6})


def test_each_filter_in_use_is_a_chip_that_removes_only_itself(client, ana):
    page = client.get("/feed", {"q": "ana", "capacity": "communication", "exchange": "sharer",
                                "territory": "latin-america-caribbean", "language": "pt-br"})
    assert chips(page) == [
        ("Search", "ana", "/feed?capacity=communication&exchange=sharer"
                          "&territory=latin-america-caribbean&language=pt-br"),
        ("Capacity", "Communication", "/feed?q=ana&exchange=sharer"
                                      "&territory=latin-america-caribbean&language=pt-br"),
        ("Exchange with", "Sharers", "/feed?q=ana&capacity=communication"
                                     "&territory=latin-america-caribbean&language=pt-br"),
        ("Territory", "Latin America & Caribbean",
         "/feed?q=ana&capacity=communication&exchange=sharer&language=pt-br"),
        ("Language", "Brazilian Portuguese",
         "/feed?q=ana&capacity=communication&exchange=sharer&territory=latin-america-caribbean"),
    ]
    assert card_names(page) == ["Ana Lima"]

    without_territory = client.get(chips(page)[3][2])
    assert [kind for kind, _label, _url in chips(without_territory)] == [
        "Search", "Capacity", "Exchange with", "Language"]
    assert card_names(without_territory) == ["Ana Lima"]
    assert links(page, "feed-active__clear") == ["/feed"]


def test_every_search_word_is_a_chip_and_unknown_values_are_left_out(client, ana):
    page = client.get("/feed", {"q": "ana  lima", "territory": ["brazil", "atlantis"]})
    assert chips(page) == [
        ("Search", "ana", "/feed?q=lima&territory=brazil"),
        ("Search", "lima", "/feed?q=ana&territory=brazil"),
        ("Territory", "Brazil", "/feed?q=ana+lima"),
    ]
    assert "were not recognized and were left out: atlantis" in page.text


def test_the_filter_panel_shows_the_filters_in_use(client, ana):
    page = client.get("/feed", {"capacity": "communication", "exchange": "learner",
                                "proficient": "on", "territory": "brazil", "language": "pt-br"}).text
    assert '<input type="hidden" name="capacity" value="communication">' in page
    assert '<input type="checkbox" name="exchange" value="learner" checked>' in page
    assert '<input type="checkbox" name="exchange" value="sharer">' in page
    assert 'name="proficient" value="on" aria-describedby="feed-proficient-help" checked>' in page
    assert '<option value="brazil" selected>Brazil</option>' in page
    assert '<option value="argentina">Argentina</option>' in page
    assert '<option value="latin-america-caribbean">Latin America &amp; Caribbean</option>' in page
    assert '<option value="pt-br" selected>Brazilian Portuguese — português (Brasil)</option>' in page
    assert 'href="/feed">Clear all</a>' in page


def test_pages_keep_the_filters(client, monkeypatch):
    monkeypatch.setattr("explore.views.PAGE_SIZE", 2)
    for number in range(5):
        ProfileFactory(username=f"Person {number}", known=["media"], available=["media"], territories=["BR"])
    ProfileFactory(username="Elsewhere", known=["media"], available=["media"], territories=["PT"])
    query = {"capacity": "communication", "territory": "latin-america-caribbean"}

    first = client.get("/feed", query)
    assert "Page 1 of 3" in first.text and "5 results" in first.text
    assert links(first, "button") == [
        "/feed", "/feed?capacity=communication&territory=latin-america-caribbean&page=2"]

    second = client.get("/feed", {**query, "page": 2})
    assert "Page 2 of 3" in second.text
    assert links(second, "button")[1:] == [
        "/feed?capacity=communication&territory=latin-america-caribbean",
        "/feed?capacity=communication&territory=latin-america-caribbean&page=3"]
    assert 'rel="prev"' in second.text and 'rel="next"' in second.text

    last = client.get("/feed", {**query, "page": 3})
    assert card_names(last) == ["Person 0"] and 'rel="next"' not in last.text


def test_no_result_says_so_with_a_way_out(client, ana):
    page = client.get("/feed", {"capacity": "wikidata"})
    assert "0 results" in page.text
    assert "No profile matches these filters yet." in page.text
    assert '<a class="button" href="/feed">Clear all</a>' in page.text


@pytest.mark.parametrize("size", [1, 25])
def test_the_feed_page_takes_the_same_queries_whatever_the_data(client, size, django_assert_max_num_queries):
    for number in range(size):
        ProfileFactory(username=f"Person {number}", known=["media"], available=["media"],
                       wanted=["survey"], languages={"en": 3, "es": 2}, territories=["BR", "AR"])
    with django_assert_max_num_queries(FEED_QUERIES):
        page = client.get("/feed")
    assert len(card_names(page)) == min(2 * size, 20)
    with django_assert_max_num_queries(FEED_QUERIES + 1):  # + the countries of the region
        client.get("/feed", {"capacity": "media", "territory": "latin-america-caribbean",
                             "q": "person", "exchange": "sharer"})


def test_a_card_shows_the_profile(client, ana):
    page = client.get("/feed").text
    cards = {card.split('"', 1)[0]: card for card in page.split('<article class="feed-card feed-card--')[1:]}
    sharer, learner = cards["sharer"], cards["learner"]
    assert ">Sharer</p>" in sharer and "<bdi>Ana Lima</bdi>" in sharer
    assert "Available capacities" in sharer and 'theme-communication' in sharer
    assert '<a href="/capacity/communication"><bdi>Communication</bdi></a>' in sharer
    assert "Brazilian Portuguese" in sharer and ">Brazil<" in sharer
    assert '<a class="feed-card__action" href="/profile/Ana%20Lima">' in sharer
    assert "View profile of Ana Lima" in sharer
    assert "/static/img/profile-placeholder.svg" in sharer
    assert ">Learner</p>" in learner and "Wanted capacities" in learner and "Budgeting" in learner


def test_visitors_get_a_login_link_instead_of_the_flag(client, ana):
    page = client.get("/feed", {"capacity": "communication"})
    assert links(page, "feed-card__action feed-card__flag") == [
        "/login?next=/feed%3Fcapacity%3Dcommunication"]
    assert "data-save-profile" not in page.text


def test_the_flag_is_a_form_that_shows_whether_the_profile_is_saved(signed_in, user, ana):
    page = signed_in.get("/feed").text
    assert page.count(f'action="/feed/saved/{ana.pk}" data-save-profile="{ana.pk}"') == 2
    assert page.count('<input type="hidden" name="saved" value="1">') == 2
    assert page.count('aria-pressed="false"') == 2 and 'title="Save profile"' in page
    assert '<input type="hidden" name="next" value="/feed">' in page

    # The form as the browser sends it without JavaScript: back to the same page.
    answer = signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "1", "next": "/feed"})
    assert answer["Location"] == "/feed"
    page = signed_in.get("/feed").text
    assert "Ana Lima was saved to your list." in page
    assert page.count('<input type="hidden" name="saved" value="0">') == 2  # both cards
    assert page.count('aria-pressed="true"') == 2
    assert 'title="Remove from saved profiles"' in page


def test_the_saved_page_shows_each_profile_with_view_and_delete(signed_in, user, ana):
    SavedProfile.objects.create(owner=user, profile=ana)
    page = signed_in.get("/feed/saved").text
    assert "<bdi>Ana Lima</bdi>" in page
    assert '<a class="button button--primary" href="/profile/Ana%20Lima">View profile' in page
    assert f'action="/feed/saved/{ana.pk}"' in page and "Delete item" in page
    assert '<input type="hidden" name="saved" value="0">' in page
    assert '<input type="hidden" name="next" value="/feed/saved">' in page

    answer = signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "0", "next": "/feed/saved"})
    assert answer["Location"] == "/feed/saved"
    page = signed_in.get("/feed/saved").text
    assert "Ana Lima was removed from your list." in page
    assert "You have not saved any profile yet." in page and 'href="/feed">Explore</a>' in page


def test_home_shows_both_kinds_of_matches(signed_in, user, ana):
    ProfileFactory(user=user, known=["budgeting"], available=["budgeting"], wanted=["communication"])
    ProfileFactory(username="Ivo", known=["media", "survey"], available=["media", "survey"])
    page = signed_in.get("/home").text
    assert "People who can share what you want to learn" in page
    assert "People who want what you can share" in page
    sharers = page[page.index("matches-sharers-title"):page.index("matches-learners-title")]
    learners = page[page.index("matches-learners-title"):]
    assert sharers.index("<bdi>Ana Lima</bdi>") < sharers.index("<bdi>Ivo</bdi>")  # mutual first
    assert sharers.count("You both can help each other") == 1
    assert 'In common:</span> <a href="/capacity/communication"><bdi>Communication</bdi></a></p>' in sharers
    assert 'In common:</span> <a href="/capacity/media"><bdi>Media</bdi></a></p>' in sharers
    assert "<bdi>Ana Lima</bdi>" in learners and ">Budgeting</bdi></a>" in learners
    assert 'href="/feed?exchange=sharer&amp;capacity=communication"' in sharers
    assert 'href="/feed?exchange=learner&amp;capacity=budgeting"' in learners


def test_home_without_capacities_points_to_the_profile_editor(signed_in):
    page = signed_in.get("/home").text
    assert "People who can share what you want to learn" in page
    assert "Add Wanted capacities to your profile" in page
    assert "Add Available capacities to your profile" in page
    assert 'href="/profile/edit"' in page


def test_your_own_profile_shows_your_matches_and_others_do_not(signed_in, user, ana):
    ProfileFactory(user=user, wanted=["media"])
    assert "Your matches" in signed_in.get("/profile").text
    assert "Your matches" not in signed_in.get("/profile/Ana Lima").text


def test_cards_name_languages_in_the_page_s_language(client):
    from tests.factories import ProfileFactory
    ProfileFactory(username="Ana", known=["media"], available=["media"], languages={"pt-br": 6, "en": 3},
                   territories=["BR"])
    client.cookies["capx_language"] = "ar"
    page = client.get("/feed").content.decode()
    facts = page[page.index('class="feed-card__facts"'):]
    assert "الإنجليزية" in facts and "البرتغالية البرازيلية" in facts
    assert ">English<" not in facts


def test_a_name_with_markup_is_text_everywhere_on_its_card(signed_in):
    """The cards are written in Python (explore/card_html.py): the name, in the heading, the
    hidden texts and the flag's data- attributes, is escaped like any template variable."""
    from tests.factories import OrganizationFactory, UserFactory
    OrganizationFactory(name='<b>Bold</b> & "Quoted"', managers=[UserFactory()],
                        known=["media"], available=["media"])
    page = signed_in.get("/feed").text
    card = page[page.index('<article class="feed-card'):page.index("</article>")]
    assert "<b>" not in card
    escaped = "&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Quoted&quot;"
    assert f"<bdi>{escaped}</bdi>" in card
    assert f"View profile of {escaped}" in card and f"Save profile of {escaped}" in card
    assert f'data-saved="{escaped} was saved to your list."' in card
