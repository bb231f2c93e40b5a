"""Layout in Chromium at the sizes people use (1280 px desktop, 390 px phone), in English and
Arabic: capacity names break between words only, in the picker dialog, on the picker page
and in the directory; the Explore search box keeps its placeholder readable; the "My profiles"
arrow points down in both directions."""
import pytest
from playwright.sync_api import expect

from capacities.tree import load_tree
from tests.browser.layout import browser_page, split_words

SIZES = [("en", 1280), ("ar", 1280), ("ar", 390)]


@pytest.fixture
def open_page(browser, live_server):
    pages = []

    def open_page(url, language="en", width=1280, **options):
        page = browser_page(browser, live_server, language, width, **options)
        pages.append(page)
        page.goto(url)
        return page
    yield open_page
    for page in pages:
        page.context.close()


@pytest.mark.urls("tests.capacities.picker_form")
@pytest.mark.parametrize("language, width", SIZES)
def test_no_name_in_the_picker_dialog_breaks_inside_a_word(open_page, shipped_capacities, language, width):
    page = open_page("/picker-form", language, width)
    page.locator('.capacity-picker[data-field="capacity"] .capacity-picker__add').click()
    dialog = page.locator(".capacity-dialog")
    names = dialog.locator(".capacity-dialog__name")
    expect(names).to_have_count(7)
    assert split_words(names) == []
    for root in load_tree().roots:  # every level: each root's capacities, then each child's
        dialog.locator(f'.capacity-dialog__boxes [data-level="{root.slug}"]').click()
        assert split_words(names) == [], root.slug
        for child in (child for child in root.kids if child.kids):
            dialog.locator(f'.capacity-dialog__boxes [data-level="{child.slug}"]').click()
            assert split_words(names) == [], child.slug
            dialog.locator(f'.capacity-dialog__path [data-level="{root.slug}"]').click()
        dialog.locator('.capacity-dialog__path [data-level=""]').click()


@pytest.mark.parametrize("language, width", SIZES)
def test_no_name_in_the_directory_breaks_inside_a_word(open_page, shipped_capacities, language, width):
    page = open_page("/capacity", language, width, javascript=False)
    # Every branch open at once: each sits in its own column, as when opened alone.
    page.locator("[hidden]").evaluate_all("nodes => nodes.forEach(node => { node.hidden = false })")
    names = page.locator(".capacity-box__name")
    expect(names).to_have_count(142)
    assert split_words(names) == []


@pytest.mark.parametrize("language, width", SIZES)
def test_no_name_on_the_picker_page_breaks_inside_a_word(open_page, shipped_capacities, language, width):
    page = open_page("/capacity/picker/capacity?next=/feed", language, width, javascript=False)
    labels = page.locator(".capacity-picker-page label")
    expect(labels).to_have_count(142)
    assert split_words(labels) == []


# The room left for the placeholder, and the width it needs in the input's own font.
PLACEHOLDER = """input => {
  const style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = input.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
  return {needed: context.measureText(input.placeholder).width, room};
}"""


@pytest.mark.parametrize("language, width", [("ar", 390), ("en", 390), ("ar", 1280)])
def test_the_explore_search_box_shows_its_whole_placeholder(open_page, language, width):
    page = open_page("/feed", language, width)
    box = page.locator("#feed-q")
    sizes = box.evaluate(PLACEHOLDER)
    assert sizes["needed"] <= sizes["room"], sizes
    # The buttons still sit right of the box, or on the next line: never over it.
    box_end = box.bounding_box()["y"] + box.bounding_box()["height"]
    for button in page.locator(".feed-search button, .feed-search .button").all():
        place = button.bounding_box()
        assert place["y"] >= box_end or abs(place["y"] - box.bounding_box()["y"]) < 4


# The chevron after "My profiles": which of its element's borders are drawn.
CHEVRON = """summary => {
  const style = getComputedStyle(summary, "::after");
  return ["Top", "Right", "Bottom", "Left"].filter(side => style[`border${side}Width`] !== "0px");
}"""


@pytest.mark.parametrize("language, width", [("en", 1280), ("ar", 1280), ("ar", 390)])
def test_the_my_profiles_arrow_points_down_in_both_directions(open_page, language, width):
    page = open_page("/login", language, width)
    page.locator('form[action="/login/dev"] input[name="username"]').fill("Maria Silva")
    page.locator('form[action="/login/dev"] button[type="submit"]').click()
    page.wait_for_url("**/home")
    if width < 1024:
        page.locator(".site-menu__toggle").click()
    summary = page.locator(".submenu > summary")
    expect(summary).to_be_visible()
    # Bottom and right borders turned 45°: a "v", whatever the direction of the page.
    assert summary.evaluate(CHEVRON) == ["Right", "Bottom"]
