from capacities.models import Capacity


def test_a_capacity_page_shows_its_path_children_and_explore_link(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        page = client.get("/capacity/event")
    assert page.status_code == 200
    assert '<a href="/capacity/programmatic-skills">Programmatic Skills</a>' in page.text
    assert '<a href="/capacity/edit-a-thons">Edit-a-thons</a>' in page.text
    assert "Explore capacity" in page.text


def test_an_unknown_capacity_is_a_404(client):
    assert client.get("/capacity/no-such-thing").status_code == 404


def test_theme_css_gives_each_root_its_colour_and_icon(client):
    css = client.get("/capacity/theme.css")
    assert css["Content-Type"].startswith("text/css")
    assert ".theme-communication{--capacity-color:#BE0078;" in css.text
    assert "img/capacities/communication.svg" in css.text
    assert css.text.count(".theme-") == 7
