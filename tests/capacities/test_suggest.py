from capacities.models import CapacitySuggestion


def test_suggesting_needs_login(client):
    assert client.get("/capacity/suggest")["Location"] == "/login?next=/capacity/suggest"


def test_a_suggestion_reaches_the_staff(signed_in, user):
    page = signed_in.post("/capacity/suggest",
                          {"title": "Wikisource proofreading", "description": "Validating scans."},
                          follow=True)
    assert "The CapX team will review your suggestion" in page.text
    suggestion = CapacitySuggestion.objects.get()
    assert (suggestion.title, suggestion.author, suggestion.status) == (
        "Wikisource proofreading", user, "new")


def test_a_too_long_suggestion_is_refused_and_the_text_kept(signed_in):
    page = signed_in.post("/capacity/suggest", {"title": "T" * 201, "description": "kept text"})
    assert page.status_code == 200
    assert "Ensure this value has at most 200 characters" in page.text
    assert "kept text" in page.text
    assert not CapacitySuggestion.objects.exists()


def test_suggestions_are_shown_as_text(signed_in, django_user_model):
    signed_in.post("/capacity/suggest", {"title": "<b>x</b>", "description": "<script>y</script>"})
    staff = django_user_model.objects.create_superuser("Staff")
    signed_in.force_login(staff)
    page = signed_in.get("/admin/capacities/capacitysuggestion/")
    assert "&lt;b&gt;x&lt;/b&gt;" in page.text and "<b>x</b>" not in page.text
