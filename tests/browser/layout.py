"""Layout helpers of the browser tests: a tab in a given language, size and theme, and whether
text breaks inside a word ("Organisation|al Skills"): each word's characters are measured with
a Range, and a word on two lines has rectangles at two heights."""

SPLIT_WORDS = """elements => {
  const split = [];
  for (const element of elements) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (const word of text.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                             .map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(element.textContent.trim());
      }
    }
  }
  return split;
}"""


def split_words(locator):
    """The texts of the elements `locator` finds that have a word broken across lines."""
    return locator.evaluate_all(SPLIT_WORDS)


def browser_page(browser, live_server, language="en", width=1280, height=900, javascript=True,
                 theme="light"):
    """A new tab in its own context: the page's language and theme cookies, a viewport, with
    or without JavaScript. Close it with page.context.close()."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript,
                                  viewport={"width": width, "height": height})
    context.set_default_timeout(10_000)
    context.add_cookies([{"name": name, "value": value, "url": live_server.url}
                         for name, value in (("capx_language", language), ("capx_theme", theme))])
    return context.new_page()
