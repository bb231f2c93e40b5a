"""Wikimedia Commons addresses as CapX stores them (profiles.validators.COMMONS_FILE_URL):
how to show one. No HTTP here: the reader's browser fetches the file."""
COMMONS_PAGE = "https://commons.wikimedia.org/wiki/File:"
COMMONS_PATHS = ("https://commons.wikimedia.org/wiki/Special:FilePath/",
                 "https://commons.wikimedia.org/wiki/Special:Redirect/file/")


def image_url(url, width):
    """An address an <img> can show, `width` pixels wide, for a Commons file address as the
    editors accept it: its File: page is a web page, so it becomes the file's
    Special:FilePath (a redirect to a thumbnail). An original on upload.wikimedia.org is
    shown as it is."""
    if not url:
        return ""
    if url.startswith(COMMONS_PAGE):
        url = COMMONS_PATHS[0] + url.removeprefix(COMMONS_PAGE)
    if url.startswith(COMMONS_PATHS):
        return f"{url}?width={int(width)}"  # validated addresses have no query string
    return url
