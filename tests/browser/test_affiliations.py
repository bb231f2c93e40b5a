"""An affiliate is found by its English name, its local name or another name it is known by."""
from playwright.sync_api import expect

from organizations.models import Organization
from tests.factories import ProfileFactory

WMB = "Wiki Movimento Brasil User Group — Grupo de Usuários Wiki Movimento Brasil (WMB)"


def test_the_affiliation_filter_finds_an_affiliate_by_another_name(page, shipped_organizations,
                                                                    shipped_capacities,
                                                                    shipped_profile_data):
    ana = ProfileFactory(username="Ana", known=["media"], available=["media"])
    ana.affiliations.add(Organization.objects.get(acronym="WMB"))  # the filter offers it
    page.goto("/feed")
    page.get_by_role("button", name="Filters").click()
    filters = page.get_by_role("dialog", name="Filters")
    for typed in ("Wikimedia Brasil", "Grupo de Usuários Wiki Movimento", "wiki movimento brasil user"):
        field = filters.get_by_label("Affiliation", exact=True)
        field.fill(typed)
        filters.get_by_role("button", name="Add affiliation").click()
        chip = filters.locator(".multi-chip__name", has_text="Wiki Movimento Brasil")
        expect(chip).to_have_text(WMB)
        filters.get_by_role("button", name=f"Remove {WMB}").click()
        expect(chip).to_have_count(0)
