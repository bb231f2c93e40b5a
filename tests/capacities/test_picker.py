import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from django.test import Client

from capacities.models import Capacity
from capacities.picker import RESHOW
from capacities.tree import load_tree
from tests.admin_form import change_in_admin
from tests.capacities.picker_round_trip import read_form, through_picker


def test_from_a_get_form_the_picker_page_goes_back_by_get_with_every_other_field(
        client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        page = client.get("/capacity/picker/capacity", {
            "q": "wiki", "capacity": ["budgeting"], "language": "pt", "exchange": ["sharer", "learner"],
            "next": "/feed"})
    html = page.text
    assert '<form method="get" action="/feed" class="capacity-picker-page">' in html
    for name, value in (("q", "wiki"), ("language", "pt"), ("exchange", "sharer"), ("exchange", "learner")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in html
    sent = {name for name, value in read_form(html, "capacity-picker-page").fields}
    assert sent == {"q", "language", "exchange", "capacity"}  # no next=, no token
    assert 'name="capacity" value="budgeting" checked' in html
    assert html.count('type="checkbox" name="capacity"') == 142
    assert 'name="capacity" value="press-release">' in html
    # Cancel goes back the same way with the capacities chosen before.
    cancel = read_form(html, "capacity-picker-cancel")
    assert (cancel.method, cancel.action) == ("get", "/feed")
    assert ("capacity", "budgeting") in cancel.fields and ("q", "wiki") in cancel.fields


def test_from_a_post_form_the_picker_page_posts_back_with_a_token_and_the_marker(client):
    html = client.post("/capacity/picker/known", {
        "bio": 'Wikipedian <from> "Recife"', "known": ["media"], "available": ["media"],
        "version": "4", "next": "/profile/edit", "csrfmiddlewaretoken": "old"}).text
    form = read_form(html, "capacity-picker-page")
    assert (form.method, form.action) == ("post", "/profile/edit")
    fields = dict(form.fields)
    assert fields[RESHOW] == "1" and fields["csrfmiddlewaretoken"] != "old"
    assert fields["bio"] == 'Wikipedian <from> "Recife"'  # escaped in the page, exact once sent
    assert ("available", "media") in form.fields and fields["version"] == "4"
    assert ("known", "media") in form.fields  # its box, ticked
    assert "next" not in fields
    cancel = read_form(html, "capacity-picker-cancel")
    assert cancel.method == "post" and (RESHOW, "1") in cancel.fields and ("known", "media") in cancel.fields


def test_the_picker_page_needs_the_csrf_token_to_take_a_post():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/capacity/picker/known", {"bio": "x", "next": "/profile/edit"}).status_code == 403


def test_the_picker_refuses_to_send_anyone_elsewhere(client):
    html = client.get("/capacity/picker/capacity", {"next": "https://evil.example/x"}).text
    assert '<form method="get" action="/" class="capacity-picker-page">' in html
    assert client.get("/capacity/picker/a%20b").status_code == 404


def test_each_capacity_of_the_picker_page_links_to_the_feed_filtered_by_it(client):
    html = client.get("/capacity/picker/capacity", {"next": "/feed"}).text
    link = re.search(r'<a class="capacity-explore" href="/feed\?capacity=budgeting">(.*?)</a>', html, re.S)
    assert '<span class="visually-hidden">Explore profiles with Budgeting</span>' in link.group(1)
    assert html.count('class="capacity-explore"') == 142
    # From an editor it opens a new tab: the form being filled in stays.
    html = client.post("/capacity/picker/known", {"next": "/profile/edit"}).text
    assert '<a class="capacity-explore" href="/feed?capacity=budgeting" target="_blank">' in html
    assert "Explore profiles with Budgeting (opens in a new tab)" in html


# --- The picker include (templates/capacities/_picker.html), as rendered without JavaScript ---

# The tests-only page: a GET form with a "capacity" picker and a "wanted" one.
picker_page = pytest.mark.urls("tests.capacities.picker_form")


def chosen_slugs(html, field):
    return re.findall(rf'<input type="hidden" name="{field}" value="([a-z0-9-]+)">', html)


def link(html, css_class, after=""):
    start = html.index(after) if after else 0
    match = re.search(rf'<a class="[^"]*{css_class}" href="([^"]+)"', html[start:])
    return unescape(match.group(1))


@picker_page
def test_the_include_lists_the_chosen_capacities_as_hidden_inputs_of_the_form(client):
    html = client.get("/picker-form", {"capacity": ["budgeting", "press-release"]}).text
    start = html.index('<form method="get"')
    form = html[start:html.index("</form>", start)]
    assert chosen_slugs(form, "capacity") == ["budgeting", "press-release"]
    assert '<span class="capacity-chip__name" dir="auto">Budgeting</span>' in form
    assert '<li class="capacity-chip theme-communication" data-slug="press-release">' in form
    assert "Remove Press release" in form
    assert form.count('class="capacity-picker__empty" hidden') == 1  # "wanted" has none
    assert "No capacities selected yet." in form and "Add capacities" in form


@picker_page
def test_unknown_repeated_or_numeric_values_are_cleaned_up(client):
    event = Capacity.objects.get(slug="event")
    html = client.get("/picker-form", {"capacity": ["nope", "budgeting", str(event.pk), "budgeting",
                                                    "<script>"]}).text
    assert chosen_slugs(html, "capacity") == ["budgeting", "event"]
    assert "<script>" not in html.split('id="received-capacity"')[0]


@picker_page
def test_add_capacities_submits_the_whole_form_to_the_picker_page_and_back(client):
    html = client.get("/picker-form", {"capacity": "budgeting", "wanted": "event"}).text
    add = re.search(r'<button type="submit" class="button capacity-picker__add"[^>]*>', html).group(0)
    assert 'formaction="/capacity/picker/capacity"' in add
    assert 'name="next" value="/picker-form"' in add

    picker, back = through_picker(client, "get", "capacity", {"capacity": "budgeting", "wanted": "event"},
                                  "/picker-form", tick=["media"])
    assert '<input type="hidden" name="wanted" value="event">' in picker.text  # the other picker's
    assert 'name="capacity" value="budgeting" checked' in picker.text
    assert chosen_slugs(back.text, "capacity") == ["budgeting", "media"]
    assert chosen_slugs(back.text, "wanted") == ["event"]


@picker_page
def test_each_remove_link_reloads_the_page_without_that_capacity(client):
    html = client.get("/picker-form", {"capacity": ["budgeting", "press-release"], "wanted": "event"}).text
    remove = link(html, "capacity-chip__remove")  # the first one: Budgeting
    assert urlsplit(remove).path == "/picker-form"
    assert parse_qs(urlsplit(remove).query) == {"capacity": ["press-release"], "wanted": ["event"]}
    assert chosen_slugs(client.get(remove).text, "capacity") == ["press-release"]
    last = link(html, "capacity-chip__remove", after='data-field="wanted"')
    assert parse_qs(urlsplit(last).query) == {"capacity": ["budgeting", "press-release"]}


@picker_page
def test_the_dialog_data_is_embedded_once_per_page_with_one_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the tree, once for both pickers; data versions
        html = client.get("/picker-form").text
    assert html.count('id="capacity-picker-data"') == 1
    assert html.count('<template id="capacity-picker-dialog">') == 1
    assert html.count('src="/static/js/capacity-picker.js"') == 1
    assert html.count('class="capacity-picker"') == 2
    data = json.loads(re.search(r'<script id="capacity-picker-data" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    assert len(data["capacities"]) == 142
    assert data["capacities"][0] == {
        "slug": "organisational-skills", "name": "Organisational Skills", "parent": None,
        "theme": "organisational-skills",
        "description": Capacity.objects.get(slug="organisational-skills").description}
    budgeting = next(node for node in data["capacities"] if node["slug"] == "budgeting")
    assert budgeting["parent"] == "finance" and budgeting["theme"] == "organisational-skills"
    assert data["confirmLabels"][:3] == ["Select capacity (0)", "Select capacity (1)", "Select capacity (2)"]
    assert len(data["confirmLabels"]) == 143
    # The dialog's strings come from the template, translated, with a placeholder for names.
    assert 'data-about="About __NAME__"' in html and ">Root capacities<" in html
    assert 'data-explore="Explore profiles with __NAME__"' in html
    assert 'data-explore-url="/feed?capacity=__SLUG__"' in html


@picker_page
def test_the_dialog_data_is_in_the_visitors_language_with_english_fallback(client):
    Capacity.objects.filter(slug="communication").update(name_pt_br="Comunicação")
    client.cookies["capx_language"] = "pt-br"
    html = client.get("/picker-form").text
    data = json.loads(re.search(r'type="application/json">(.*?)</script>', html, re.S).group(1))
    names = {node["slug"]: node["name"] for node in data["capacities"]}
    assert names["communication"] == "Comunicação"
    assert names["press-release"] == "Press release"


def test_the_picker_data_follows_the_directory_order(django_assert_num_queries):
    with django_assert_num_queries(1):
        tree = load_tree()
        data = tree.as_picker_data()
    assert [node["slug"] for node in data] == [node.slug for node in tree]
    seen = set()
    for node in data:  # every parent comes before its children
        assert node["parent"] is None or node["parent"] in seen
        seen.add(node["slug"])
    assert tree.pick([Capacity.objects.get(slug="glam"), "glam", "no-such", "event"]) == [
        tree.get("glam"), tree.get("event")]


def picker_names(html):
    data = json.loads(re.search(r'<script id="capacity-picker-data" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    return {node["slug"]: node["name"] for node in data["capacities"]}


def test_the_dialog_data_is_rendered_once_and_follows_a_rename_in_the_admin(client, staff):
    """The dialog's data is cached per language and directory version: a capacity renamed
    in the admin shows its new name on the next page (the feed's picker), in English and in
    Portuguese."""
    assert picker_names(client.get("/feed").text)["budgeting"] == "Budgeting"
    portuguese = Client()
    portuguese.cookies["capx_language"] = "pt-br"
    before = picker_names(portuguese.get("/feed").text)["budgeting"]
    change_in_admin(staff, Capacity.objects.get(slug="budgeting"), name_en="Budgets", name_pt_br="Orçamentos")
    assert picker_names(client.get("/feed").text)["budgeting"] == "Budgets"
    assert picker_names(portuguese.get("/feed").text)["budgeting"] == "Orçamentos" != before
