"""The Capacity Directory that ships with CapX (capacities/data/capacities.json): the whole
tree of the user guide with English names and descriptions, so a fresh install shows the full
directory with no network. Loaded by a data migration; loading again changes nothing."""
import json
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "capacities.json"


def load_shipped_tree(Capacity):
    """Creates the shipped capacities that are missing, by slug. `Capacity` is the model
    class to use (a migration passes its historical one) and only the fields below are set,
    so the migration keeps working as the model grows."""
    nodes = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    _load_level(Capacity, nodes, parent=None, root=None, level=0)


def _load_level(Capacity, nodes, parent, root, level):
    for position, node in enumerate(nodes):
        capacity, _created = Capacity.objects.get_or_create(
            slug=node["slug"],
            defaults={
                "name": node["name"], "name_en": node["name"],
                "description": node["description"], "description_en": node["description"],
                "parent": parent, "root": root, "level": level, "order": position,
                "color": node.get("color", ""), "icon": node.get("icon", ""),
            },
        )
        _load_level(Capacity, node.get("children", []), capacity, root or capacity, level + 1)
