"""axe-core on every main page, in English and in Arabic: no serious or critical violation."""
from pathlib import Path

import axe_playwright_python
import pytest

from tests.events.factories import EventFactory
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
PUBLIC = ["/", "/feed", "/capacity", "/capacity/communication", "/organizations",
          "/organization/wikimedia-test", "/events", "/statistics", "/login",
          "/profile/Wikimedian 1", "/profile/badges"]
SIGNED_IN = ["/home", "/profile", "/profile/edit", "/feed/saved", "/message", "/message/sent",
             "/report_bug", "/report_bug/submissions", "/capacity/picker/known"]


def violations(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.evaluate(AXE)
    results = page.evaluate("async () => await axe.run(document)")
    assert len(results["passes"]) > 20, f"axe checked almost nothing on {path}"
    found = results["violations"]
    return [(path, item["id"], item["impact"], item["help"],
             [node["target"] for node in item["nodes"]][:3])
            for item in found if item["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_serious_violation_on_any_main_page(browser, live_server, transactional_db, language,
                                               shipped_capacities, shipped_profile_data,
                                               shipped_organizations):
    maria = UserFactory(username="Maria Silva")
    ProfileFactory(user=maria, bio="Wikimedian", known=["communication"], wanted=["media"],
                   languages={"pt-br": 6}, territories=["BR"])
    ProfileFactory(username="Wikimedian 1", known=["communication"], available=["communication"])
    organization = OrganizationFactory(name="Wikimedia Test", slug="wikimedia-test",
                                       managers=[maria], known=["communication"])
    EventFactory(organization=organization)
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    context.add_cookies([{"name": "capx_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    found = []
    for path in PUBLIC:
        found += violations(page, path)
    page.goto("/login")
    page.get_by_label("Username" if language == "en" else "اسم المستخدم").fill("Maria Silva")
    page.locator("form[action='/login/dev'] button").click()
    page.wait_for_url("**/home")
    for path in SIGNED_IN:
        found += violations(page, path)
    context.close()
    assert not found, "\n".join(map(str, found))
