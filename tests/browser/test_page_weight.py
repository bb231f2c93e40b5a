"""What each main page costs a reader on a slow connection: the bytes of its HTML, CSS, JS and
fonts (images left out, they load lazily), each compressed as CapX serves it (GZip for the
HTML; WhiteNoise's precompressed files for the rest, of the same size or smaller). Each page
stays under 60 KB."""
import gzip


from tests.events.factories import EventFactory
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory

LIMIT = 60 * 1024
COUNTED = {"document", "stylesheet", "script", "font", "fetch", "xhr"}


def weigh(page, path):
    """(total compressed bytes, {url: bytes}) of what loading `path` fetched."""
    fetched = []

    def keep(response):
        fetched.append(response)

    page.on("response", keep)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", keep)
    sizes = {}
    for response in fetched:
        if response.request.resource_type in COUNTED and response.status == 200:
            sizes[response.url] = len(gzip.compress(response.body(), 6))
    return sum(sizes.values()), sizes


def test_every_main_page_weighs_under_60_kb(browser, live_server, sign_in, page, shipped_capacities,
                                           shipped_profile_data, shipped_organizations):
    manager = UserFactory(username="Maria Silva")
    ProfileFactory(user=manager, bio="Wikimedian", known=["communication", "media"],
                   available=["media"], wanted=["survey"], languages={"pt-br": 6},
                   territories=["BR"])
    for number in range(30):
        ProfileFactory(username=f"Wikimedian {number}", known=["communication"],
                       available=["communication"], wanted=["media"], territories=["BR"])
    organization = OrganizationFactory(name="Wikimedia Test", slug="wikimedia-test",
                                       managers=[manager], known=["communication"])
    EventFactory(organization=organization)
    pages = ["/", "/feed", "/capacity", "/capacity/communication", "/organizations",
             "/organization/wikimedia-test", "/events", "/statistics", "/login",
             "/profile/Wikimedian 1"]
    signed_in = ["/home", "/profile", "/profile/edit", "/feed/saved", "/message",
                 "/message/sent", "/report_bug", "/report_bug/submissions"]
    heavy = {}
    for path in pages + ["sign in"] + signed_in:
        if path == "sign in":
            sign_in("Maria Silva")
            continue
        total, sizes = weigh(page, path)
        print(f"{path:32} {total:>8,} bytes compressed")  # pytest -s shows the weights
        if total > LIMIT:
            heavy[path] = (total, sizes)
    assert not heavy, "\n".join(
        f"{path}: {total:,} bytes compressed: " + ", ".join(
            f"{url.split('/', 3)[-1]} {size:,}" for url, size in sorted(
                sizes.items(), key=lambda item: -item[1])[:5])
        for path, (total, sizes) in heavy.items())
