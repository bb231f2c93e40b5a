"""The whole Capacity Directory in one query, arranged as a tree in memory.

The directory is small (a few hundred entries at most), so pages and the picker fetch it
once and walk it in Python: a fixed number of queries whatever the language or the size."""
import unicodedata
from dataclasses import dataclass, field

from capacities.models import Capacity


@dataclass
class Tree:
    roots: list
    by_slug: dict = field(default_factory=dict)

    def __iter__(self):
        """Every capacity, depth first, in directory order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.kids))

    def get(self, slug):
        return self.by_slug.get(slug)

    def search(self, query, language):
        """Capacities whose name or description, in `language` or in English, contains
        every word of the query, ignoring case and accents."""
        words = fold(query).split()
        if not words:
            return []
        return [node for node in self if all(word in searchable_text(node, language)
                                              for word in words)]


def fold(text):
    """Lower case without accents: 'Événements' → 'evenements'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def searchable_text(node, language):
    suffix = language.replace("-", "_")
    parts = [node.name_en, node.description_en,
             getattr(node, f"name_{suffix}", ""), getattr(node, f"description_{suffix}", "")]
    return fold(" ".join(part for part in parts if part))


def load_tree():
    """Every capacity with .kids, .parent and .root filled in, so nothing queries again."""
    nodes = list(Capacity.objects.all())
    by_id = {node.pk: node for node in nodes}
    roots = []
    for node in nodes:
        node.kids = []
    for node in nodes:
        if node.parent_id:
            node.parent = by_id[node.parent_id]
            node.parent.kids.append(node)
        else:
            node.parent = None
            roots.append(node)
        node.root = by_id.get(node.root_id)
    return Tree(roots=roots, by_slug={node.slug: node for node in nodes})
