import re

from capacities.models import Capacity


def boxes(page):
    """The capacity slugs of the page's boxes, in order."""
    return re.findall(r'<li class="capacity-(?:root|child|grandchild)" id="cap-([a-z0-9-]+)"', page.text)


def test_the_directory_shows_the_whole_tree_nested(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        page = client.get("/capacity")
    assert page.status_code == 200
    assert len(boxes(page)) == 142
    html = page.text
    roots = re.findall(r'<li class="capacity-root" id="cap-([a-z0-9-]+)"', html)
    assert roots == ["organisational-skills", "communication", "learning-evaluation",
                     "community-health", "social-skills", "programmatic-skills",
                     "technical-skills"]
    # Press release sits inside Communication's children; Budgeting inside Finance's.
    communication = html[html.index('id="children-communication"'):html.index('id="cap-learning-evaluation"')]
    assert 'id="cap-press-release"' in communication
    finance = html[html.index('id="children-finance"'):html.index('id="cap-governance"')]
    assert 'id="cap-budgeting"' in finance


def test_the_query_count_does_not_depend_on_the_language(client, django_assert_max_num_queries):
    client.cookies["capx_language"] = "ar"
    with django_assert_max_num_queries(3):
        page = client.get("/capacity")
    assert 'dir="rtl"' in page.text and len(boxes(page)) == 142


def test_branches_are_closed_until_opened_by_their_arrow(client):
    closed = client.get("/capacity").text
    assert '<ul class="capacity-children" id="children-programmatic-skills" hidden>' in closed
    opened = client.get("/capacity", {"open": "event"}).text
    assert '<ul class="capacity-children" id="children-programmatic-skills">' in opened
    assert '<ul class="capacity-grandchildren" id="children-event">' in opened
    assert '<ul class="capacity-grandchildren" id="children-glam" hidden>' in opened


def test_the_information_panel_shows_ids_description_and_explore_button(client):
    Capacity.objects.filter(slug="press-release").update(metabase_qid="Q123", wikidata_qid="Q2057048")
    page = client.get("/capacity", {"info": "press-release"}).text
    panel = page[page.index('id="info-press-release"'):]
    panel = panel[:panel.index("</section>")]
    assert " hidden" not in panel[:60]
    assert 'href="https://metabase.wikibase.cloud/wiki/Item:Q123">Q123' in panel
    assert 'href="https://www.wikidata.org/wiki/Q2057048">Q2057048' in panel
    assert Capacity.objects.get(slug="press-release").description in panel
    assert "Explore capacity" in panel


def test_search_ignores_case_and_accents_and_shows_the_path(client):
    page = client.get("/capacity", {"q": "PRÉSS relEase"}).text
    assert "1 capacity matches" in page
    assert "Communication › Press release" in page


def test_search_finds_words_of_the_description(client):
    page = client.get("/capacity", {"q": "editing events theme"}).text
    assert "Programmatic Skills › Event › Edit-a-thons" in page


def test_search_in_another_language_and_in_english(client):
    Capacity.objects.filter(slug="press-release").update(name_pt_br="Comunicado de imprensa")
    client.cookies["capx_language"] = "pt-br"
    assert "Comunicado de imprensa" in client.get("/capacity", {"q": "comunicado"}).text
    assert "Comunicado de imprensa" in client.get("/capacity", {"q": "press release"}).text


def test_a_search_without_hits_says_so(client):
    page = client.get("/capacity", {"q": "<script>alert(1)</script>"}).text
    assert "0 capacities match" in page
    assert "<script>alert(1)</script>" not in page


def test_translation_needed_box_only_when_a_translation_is_missing(client):
    Capacity.objects.filter(slug="communication").update(
        name_pt_br="Comunicação", description_pt_br="Partilhar o trabalho Wikimedia.")
    client.cookies["capx_language"] = "pt-br"
    page = client.get("/capacity").text

    def panel(slug):
        start = page.index(f'id="info-{slug}"')
        return page[start:page.index("</section>", start)]

    assert "notice--translation" not in panel("communication")
    assert "notice--translation" in panel("press-release")  # no Portuguese yet
    assert "https://metabase.wikibase.cloud" in panel("press-release")  # the Contribute link
    client.cookies["capx_language"] = "en"
    assert "notice--translation" not in client.get("/capacity").text


def test_unknown_open_or_info_values_are_ignored(client):
    page = client.get("/capacity", {"open": "nope'\"<", "info": "x" * 5000})
    assert page.status_code == 200 and len(boxes(page)) == 142


def hit_names(html):
    import re
    section = html[html.index('class="search-results"'):]
    return re.findall(r'<li class="theme-[^"]+" data-slug="[^"]+"><a href="[^"]+"><bdi>([^<]+)</bdi></a>',
                      section)


def test_search_ranks_the_exact_name_first_then_names_then_descriptions(client):
    hits = hit_names(client.get("/capacity", {"q": "wikidata"}).content.decode())
    assert hits[0] == "Wikidata"
    names_first = [name for name in hits if "wikidata" in name.lower()]
    assert hits[:len(names_first)] == names_first  # every name hit before any description hit
    wiki = hit_names(client.get("/capacity", {"q": "wiki"}).content.decode())
    assert wiki[0].lower().startswith("wiki")
    assert "Organisational Skills" not in wiki[:len([n for n in wiki if "wiki" in n.lower()])]


def test_the_typed_search_gives_exactly_the_submitted_results(client):
    for query in ("wiki", "wikidata", "PRÉSS relEase", "grant"):
        submitted = hit_names(client.get("/capacity", {"q": query}).content.decode())
        typed = hit_names(client.get("/capacity/search", {"q": query}).content.decode())
        assert typed == submitted and typed
    assert client.get("/capacity/search", {"q": ""}).content == b""
