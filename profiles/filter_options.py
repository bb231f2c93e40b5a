"""The territory options of the pages' filters (Explore, Events): regions first, then each
region's countries, by name in the page's language, valued by slug as the query string names
them. Rendered once per language and data version (capx/fragments.py)."""
from django.template.loader import render_to_string

from capacities.tree import fold
from capx.fragments import cached_fragment
from profiles.models import Territory


def territory_options(request):
    return cached_fragment(request, "filter-territories", ["territories"], lambda: render_to_string(
        "profiles/_territory_options.html", regions_and_countries()))


def regions_and_countries():
    territories = list(Territory.objects.all())

    def by_name(item):  # ignoring case and accents
        return fold(item.name)

    regions = sorted((t for t in territories if t.is_region), key=by_name)
    countries = {region.pk: [] for region in regions}
    for territory in territories:
        if territory.region_id in countries:
            countries[territory.region_id].append(territory)
    return {"regions": regions,
            "countries": [(region, sorted(countries[region.pk], key=by_name)) for region in regions]}
