"""What a person sees of /statistics, read from its HTML: the headline figures, the tables
(by caption or title), the map's regions and the months."""
import re
from html import unescape
from html.parser import HTMLParser


class StatisticsReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.figures, self.tables, self.regions, self.months = {}, {}, {}, []
        self.ids, self.text_of, self.heading, self.in_region = {}, None, None, None
        self.table = self.row = self.cell = self.figure = self.region = self.month = None
        self.hidden = 0  # inside aria-hidden="true": not part of the text

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if self.hidden or attrs.get("aria-hidden") == "true":
            self.hidden += 1
            return
        if tag == "table":
            self.table = {"name": attrs.get("aria-labelledby", ""), "rows": [], "caption": None}
        elif tag == "caption" and self.table is not None:
            self.cell = []
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "li" and self.text_of == "figures":
            self.figure = []
        elif tag == "ul" and "stats-figures" in classes:
            self.text_of = "figures"
        elif tag == "ol" and "stats-months" in classes:
            self.text_of = "months"
        elif tag == "li" and self.text_of == "months":
            self.month = []
        elif tag == "g" and "stats-map__region" in classes:
            shade = next(c for c in classes if c.startswith("shade-"))
            self.region = {"shade": int(shade.removeprefix("shade-")), "title": [], "n": [],
                           "names": [], "lang": attrs.get("lang")}
        elif self.region is not None and tag == "title":
            self.in_region = "title"
        elif self.region is not None and tag == "text":
            self.in_region = "n" if "stats-map__n" in classes else "names"
        if "id" in attrs and tag in ("h2", "h3"):
            self.ids[attrs["id"]] = []
            self.heading = attrs["id"]

    def handle_endtag(self, tag):
        if self.hidden:
            self.hidden -= 1
            return
        if tag == "caption" and self.table is not None:
            self.table["caption"] = squash(self.cell)
            self.cell = None
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(squash(self.cell))
            self.cell = None
        elif tag == "tr" and self.table is not None and self.row is not None:
            self.table["rows"].append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            name = self.table["caption"] or squash(self.ids.get(self.table["name"], []))
            self.tables[name] = self.table["rows"]
            self.table = None
        elif tag == "li" and self.figure is not None:
            words = squash(self.figure)
            number, _, label = words.partition(" ")
            self.figures[label] = number
            self.figure = None
        elif tag == "ul" and self.text_of == "figures":
            self.text_of = None
        elif tag == "li" and self.month is not None:
            self.months.append(squash(self.month))
            self.month = None
        elif tag == "ol" and self.text_of == "months":
            self.text_of = None
        elif tag in ("title", "text") and self.region is not None:
            self.in_region = None
        elif tag == "g" and self.region is not None:
            name = squash(self.region["title"]).partition(":")[0]
            self.regions[name] = {"n": squash(self.region["n"]), "shade": self.region["shade"],
                                  "title": squash(self.region["title"]),
                                  "names": squash(self.region["names"]),
                                  "lang": self.region["lang"]}
            self.region = None
        elif tag in ("h2", "h3"):
            self.heading = None

    def handle_data(self, data):
        if self.hidden:
            return
        for collected in (self.cell, self.figure, self.month):
            if collected is not None:
                collected.append(data)
        if self.region is not None and self.in_region:
            self.region[self.in_region].append(data)
        if self.heading:
            self.ids[self.heading].append(data)


def squash(parts):
    return re.sub(r"\s+", " ", unescape("".join(parts))).strip()


def statistics(client, **query):
    """A StatisticsReader of /statistics (with these query parameters)."""
    page = client.get("/statistics", query)
    assert page.status_code == 200
    reader = StatisticsReader()
    reader.feed(page.content.decode())
    reader.html = page.content.decode()
    return reader


def column(rows, index=1):
    """{first cell: the cell at `index`} of a table's body rows (the header row left out)."""
    return {row[0]: row[index] for row in rows[1:]}
