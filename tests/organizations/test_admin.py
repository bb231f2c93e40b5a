"""Staff edit organizations and their types in the admin."""
import pytest

from organizations.models import Organization, OrganizationType
from tests.forms import read_form


@pytest.mark.parametrize("model", ["organization", "organizationtype"])
def test_each_changelist_renders_in_a_few_queries(staff, model, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = staff.get(f"/admin/organizations/{model}/")
    assert page.status_code == 200


def test_organizations_filter_by_type_and_search_by_acronym(staff):
    thematic = OrganizationType.objects.get(code="T")
    page = staff.get("/admin/organizations/organization/", {"type__id__exact": thematic.pk})
    assert "Amical Wikimedia" in page.text and "Wikimedia Argentina" not in page.text
    page = staff.get("/admin/organizations/organization/", {"q": "WPM"})
    assert "Wiki Project Med" in page.text and "Amical" not in page.text


def test_a_new_organization_can_be_added(staff):
    page = staff.get("/admin/organizations/organization/add/")
    assert page.status_code == 200
    form = dict(read_form(page.text, "organization_form").fields)  # with its inlines' counts
    page = staff.post("/admin/organizations/organization/add/", {
        **form, "name_en": "Wikimedians of Atlantis", "acronym": "ATL", "type": "",
        "slug": "wikimedians-of-atlantis",
    })
    assert page.status_code == 302
    assert Organization.objects.get(slug="wikimedians-of-atlantis").acronym == "ATL"
