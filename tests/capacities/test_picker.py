def test_the_no_js_picker_round_trip_keeps_the_other_parameters(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        page = client.get("/capacity/picker", {
            "field": "capacity", "next": "/feed?capacity=budgeting&language=pt&page=2",
            "selected": ["budgeting"]})
    html = page.text
    assert '<form method="get" action="/feed"' in html
    assert '<input type="hidden" name="language" value="pt">' in html
    assert 'name="capacity" value="budgeting" checked' in html
    assert html.count('type="checkbox" name="capacity"') == 142
    # The browser then submits the form: /feed?language=pt&page=2&capacity=budgeting&capacity=...
    assert 'name="capacity" value="press-release">' in html


def test_the_picker_refuses_to_send_anyone_elsewhere(client):
    html = client.get("/capacity/picker", {"next": "https://evil.example/x", "field": "a b"}).text
    assert '<form method="get" action="/"' in html
    assert 'name="capacity"' in html
