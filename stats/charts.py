"""The geometry of the page's charts, computed on the server: bar lengths, and the map of
the eight Wikimedia regions, a schematic world (one block per region, placed like the
continents, not true borders) drawn as inline SVG that the stylesheet colours from the
site's theme (static/css/stats.css)."""
import math
from dataclasses import dataclass, field

METRICS = ("wikimedians", "languages", "capacities")
SHADES = 4  # the darkest shade; 0 is for a region with none

# Drawn on 1000 × 560. Each region: its outline(s), where its number goes, how wide its
# text may be and how many characters of its name fit on a line (names show on wide screens
# only: on a phone they would be too small to read, and the table names every region).
VIEWBOX = "22 16 972 524"  # the shapes, their rounded edges and no more


@dataclass(frozen=True)
class Shape:
    outlines: tuple
    x: int  # the middle of its number's baseline
    y: int
    room: int  # how wide its text may be
    chars: int  # characters of the name on one line

    @property
    def paths(self):
        return ["M" + " L".join(f"{x},{y}" for x, y in outline) + " Z" for outline in self.outlines]


SHAPES = {
    "north-america": Shape(
        (((40, 80), (130, 30), (300, 30), (330, 70), (300, 110), (290, 170), (250, 215),
          (160, 215), (100, 165), (30, 130)),), x=180, y=120, room=220, chars=20),
    "latin-america-caribbean": Shape(
        (((165, 240), (255, 240), (290, 280), (350, 305), (355, 360), (315, 440),
          (265, 525), (235, 525), (225, 440), (200, 360), (170, 300)),),
        x=278, y=352, room=140, chars=13),
    "northern-western-europe": Shape(
        (((362, 50), (450, 25), (532, 45), (535, 170), (430, 170), (355, 135)),),
        x=447, y=98, room=165, chars=14),
    "central-eastern-europe-central-asia": Shape(
        (((555, 55), (590, 25), (795, 25), (815, 75), (790, 170), (555, 170)),),
        x=683, y=98, room=230, chars=22),
    "middle-east-north-africa": Shape(
        (((365, 205), (395, 190), (660, 190), (655, 250), (610, 295), (380, 295),
          (360, 255)),), x=510, y=240, room=260, chars=26),
    "sub-saharan-africa": Shape(
        (((400, 315), (610, 315), (650, 365), (610, 445), (550, 530), (505, 530),
          (475, 445), (420, 395)),), x=530, y=392, room=190, chars=18),
    "south-asia": Shape(
        (((680, 190), (800, 190), (800, 265), (755, 385), (730, 385), (690, 285)),),
        x=742, y=245, room=115, chars=10),
    "east-southeast-asia-pacific": Shape(
        (((835, 25), (975, 25), (985, 150), (955, 260), (970, 335), (910, 400),
          (835, 360), (822, 190)),
         ((810, 440), (955, 428), (985, 485), (945, 530), (850, 530), (805, 490))),
        x=903, y=175, room=140, chars=16),
}

NUMBER_SIZE = 40  # the largest; a long number in a narrow region gets smaller
LINE_HEIGHT = 20  # of the name's lines (17px: stats.css)
DIGIT_WIDTH = 0.62  # of the font size, bold digits and separators, a little generous


def bar(value, most):
    """A bar's length, 0–100, for `value` against the longest one; a value above zero
    always shows a sliver."""
    if not value or not most:
        return 0
    return max(1, round(100 * value / most, 1))


def with_bars(items, key):
    """Copies of `items` (dicts), each with "bar": its `key` against the largest."""
    most = max((item[key] for item in items), default=0)
    return [{**item, "bar": bar(item[key], most)} for item in items]


def name_lines(name, chars):
    """The name cut at spaces into lines of at most `chars` characters (a longer word
    stays whole), at most three."""
    lines = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 3:
        lines[2:] = [" ".join(lines[2:])]
    return lines


def shade(value, most):
    """0 for none, else 1–SHADES, in equal steps up to the largest value."""
    if not value or not most:
        return 0
    return min(SHADES, math.ceil(SHADES * value / most))


@dataclass
class RegionMap:
    regions: list = field(default_factory=list)  # those with a shape, each with its shade
    legend: list = field(default_factory=list)  # [(shade, lowest, highest)]
    viewbox: str = VIEWBOX


def region_map(regions, metric):
    """The map shaded by `metric` ("wikimedians", "languages" or "capacities") of the
    regions (dicts with slug, name, name_lang and the three counts); a region CapX draws no
    shape for is left out of the map (the table beside it still lists it)."""
    most = max((region[metric] or 0 for region in regions), default=0)
    drawn = []
    for region in regions:
        shape = SHAPES.get(region["slug"])
        if shape is None:
            continue
        value = region[metric] or 0
        level = shade(value, most)
        size = min(NUMBER_SIZE, int(shape.room / (DIGIT_WIDTH * len(f"{value:,}"))))
        drawn.append({
            **region, "value": value, "shade": level, "shape": shape, "size": size,
            "lines": [{"text": line, "y": shape.y + 8 + (i + 1) * LINE_HEIGHT}
                      for i, line in enumerate(name_lines(region["name"], shape.chars))],
            "dark": level >= 3,  # light text on the darker shades
        })
    return RegionMap(regions=drawn, legend=legend(most))


def legend(most):
    """[(shade, lowest, highest)]: the values each shade stands for, the empty ones left out."""
    steps = [(0, 0, 0)]
    for level in range(1, SHADES + 1):
        lowest = math.floor(most * (level - 1) / SHADES) + 1
        highest = math.floor(most * level / SHADES)
        if lowest <= highest:
            steps.append((level, lowest, highest))
    return steps
