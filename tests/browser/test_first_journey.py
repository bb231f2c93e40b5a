"""Landing → development login → /home → Arabic (right-to-left) → log out, in Chromium."""
import re

from playwright.sync_api import expect


def test_a_newcomer_signs_in_switches_to_arabic_and_logs_out(page):
    page.goto("/")
    page.get_by_role("link", name="Join the exchange!").first.click()
    expect(page.get_by_role("button", name="Continue")).to_be_visible()

    page.get_by_label("Username").fill("Maria Silva")
    page.get_by_role("button", name="Sign in (development)").click()
    expect(page).to_have_url(re.compile(r"/home$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maria Silva")

    page.select_option("#language-select", "ar")
    page.locator(".language-form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page).to_have_url(re.compile(r"/home$"))

    page.locator(".logout-form button[type=submit]").click()
    expect(page.locator(".login-link")).to_be_visible()
    page.goto("/home")
    expect(page).to_have_url(re.compile(r"/login\?next=/home$"))


def test_the_menu_opens_from_the_hamburger_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    login = page.locator(".login-link")
    expect(login).to_be_hidden()
    page.locator(".site-menu__toggle").click()
    expect(login).to_be_visible()
