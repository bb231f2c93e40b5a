"""A manager edits their organization's profile, adds a main project and creates an event,
which then appears, featured, on the profile and on the Events page."""
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from organizations.models import Organization
from tests.factories import UserFactory


def test_a_manager_edits_the_organization_adds_a_project_and_creates_an_event(
        page, sign_in, shipped_organizations, shipped_capacities, shipped_profile_data):
    organization = Organization.objects.get(acronym="WMB")
    organization.managers.add(UserFactory(username="Maria Silva"))
    sign_in("Maria Silva")

    page.get_by_text("My profiles").first.click()  # the header menu lists it
    page.get_by_role("link", name=re.compile("Wiki Movimento Brasil")).first.click()
    expect(page).to_have_url(re.compile(f"/organization/{organization.slug}$"))
    page.get_by_role("link", name="Edit organization profile").first.click()

    page.get_by_label("Acronym").fill("WMB")
    page.get_by_role("button", name="Add projects").click()  # the form again, one row more
    project = page.get_by_role("group", name="Main project 1")
    project.get_by_label("Project name").fill("Wiki Loves Monuments Brasil")
    project.get_by_label("Link").fill("https://meta.wikimedia.org/wiki/WLM_Brasil")
    page.get_by_role("button", name="Save profile").first.click()
    expect(page.get_by_text("The organization profile was saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Wiki Loves Monuments Brasil")).to_be_visible()

    page.get_by_role("link", name="Edit organization profile").first.click()
    page.get_by_role("link", name="Create a new event").click()  # a dialog, on this page
    dialog = page.get_by_role("dialog", name="Create a new event")
    dialog.get_by_label("Event URL").fill("https://example.org/edit-a-thon")
    dialog.get_by_label("Event name").fill("Edit-a-thon de Mulheres na Ciência")
    day = date.today() + timedelta(days=10)
    dialog.get_by_label("Start").fill(f"{day.isoformat()}T14:00")
    dialog.get_by_label("End").fill(f"{day.isoformat()}T18:00")
    dialog.get_by_label("Virtual").check()
    dialog.get_by_role("button", name="Save event").first.click()
    expect(page.get_by_text("was saved")).to_be_visible()  # back in the organization's editor
    expect(page).to_have_url(re.compile(f"/organization/{organization.slug}/edit$"))
    page.get_by_role("link", name="Manage events").click()
    page.get_by_label(re.compile("Feature on the profile")).check()
    page.get_by_role("button", name="Save featured events").click()
    expect(page.get_by_text("The featured events were saved.")).to_be_visible()
    page.goto(f"/organization/{organization.slug}")
    expect(page.locator(".event-card", has_text="Edit-a-thon de Mulheres na Ciência")).to_be_visible()

    page.goto("/events")
    card = page.locator(".event-card", has_text="Edit-a-thon de Mulheres na Ciência")
    expect(card).to_be_visible()
    expect(card.get_by_role("link", name=re.compile("View event"))).to_have_attribute(
        "href", "https://example.org/edit-a-thon")

