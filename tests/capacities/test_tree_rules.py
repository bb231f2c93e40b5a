import pytest
from django.core.exceptions import ValidationError

from capacities.models import Capacity


def get(slug):
    return Capacity.objects.get(slug=slug)


def test_a_fourth_level_is_refused_with_a_clear_message():
    budgeting = get("budgeting")
    with pytest.raises(ValidationError, match="at most three levels"):
        Capacity.objects.create(slug="too-deep", name="Too deep", parent=budgeting)
    assert not Capacity.objects.filter(slug="too-deep").exists()


def test_moving_a_branch_under_a_child_is_refused_when_it_gets_too_deep():
    finance = get("finance")  # has grandchildren below it
    finance.parent = get("press-release")
    with pytest.raises(ValidationError, match="at most three levels"):
        finance.save()
    assert get("finance").parent == get("organisational-skills")


def test_a_capacity_cannot_go_inside_itself():
    communication = get("communication")
    communication.parent = get("press-release")
    with pytest.raises(ValidationError, match="inside itself"):
        communication.save()


def test_moving_a_child_carries_its_children_and_their_colour():
    finance = get("finance")
    finance.parent = get("communication")
    finance.save()
    budgeting = get("budgeting")
    assert (budgeting.level, budgeting.root, budgeting.theme_slug) == (2, get("communication"), "communication")


def test_the_admin_refuses_a_fourth_level_next_to_the_parent_field(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("Staff"))
    page = client.post("/admin/capacities/capacity/add/", {
        "name_en": "Too deep", "slug": "too-deep", "parent": get("budgeting").pk, "order": 0,
    })
    assert "at most three levels" in page.text
    assert not Capacity.objects.filter(slug="too-deep").exists()


def test_staff_rename_and_reorder_in_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("Staff"))
    survey = get("survey")
    page = client.post(f"/admin/capacities/capacity/{survey.pk}/change/", {
        "name_en": "Surveys", "name_pt_br": "Pesquisas", "slug": "survey",
        "parent": survey.parent_id, "order": 0,
    })
    assert page.status_code == 302, page.text[-2000:]
    survey.refresh_from_db()
    assert (survey.name_en, survey.name_pt_br, survey.order) == ("Surveys", "Pesquisas", 0)


def test_qids_are_validated():
    capacity = get("survey")
    capacity.wikidata_qid = "12345"
    with pytest.raises(ValidationError, match="Q123"):
        capacity.full_clean()

