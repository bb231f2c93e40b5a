"""The whole Capacity Directory in one query, arranged as a tree in memory.

The directory is small (a few hundred entries at most), so pages and the picker fetch it
once and walk it in Python: a fixed number of queries whatever the language or the size."""
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from modeltranslation.settings import AVAILABLE_LANGUAGES

from capacities.models import Capacity
from capx.fragments import data_versions
from capx.navigation import as_key

WORD = re.compile(r"\w+")


@dataclass
class Tree:
    roots: list
    by_slug: dict = field(default_factory=dict)
    by_pk: dict = field(default_factory=dict)

    def __iter__(self):
        """Every capacity, depth first, in directory order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.kids))

    def subtree(self, node):
        """The capacity and everything inside it."""
        found, stack = [], [node]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(current.kids)
        return found

    def get(self, slug):
        return self.by_slug.get(slug)

    def search(self, query, language):
        """Capacities whose name or description, in `language` or in English, contains
        every word of the query, ignoring case and accents; best first: the exact name, then
        names starting with the query, then names holding every word, then the others (their
        descriptions match), each group in directory order."""
        folded = " ".join(fold(query).split())
        words = folded.split()
        if not words:
            return []
        ranked = []
        for position, node in enumerate(self):
            if not all(word in searchable_text(node, language) for word in words):
                continue
            names = names_of(node, language)
            if folded in names:
                rank = 0
            elif any(name.startswith(folded) for name in names):
                rank = 1
            elif all(any(word in name for name in names) for word in words):
                rank = 2
            else:
                rank = 3
            ranked.append((rank, position, node))
        return [node for _rank, _position, node in sorted(ranked, key=lambda hit: hit[:2])]

    def named(self, prefix):
        """Ids of the capacities whose name, in any UI language, has a word starting with
        `prefix` (already folded): what a keyword search finds by capacity name."""
        return [pk for pk, words in self.name_words.items()
                if any(word.startswith(prefix) for word in words)]

    @cached_property
    def name_words(self):
        fields = [f"name_{code.replace('-', '_')}" for code in AVAILABLE_LANGUAGES]
        return {node.pk: set(WORD.findall(fold(" ".join(getattr(node, name) or ""
                                                         for name in fields))))
                for node in self}

    def in_order(self, ids):
        """The capacities of these ids in the directory's order (unknown ids left out)."""
        nodes = [self.by_pk[pk] for pk in ids if pk in self.by_pk]
        return sorted(nodes, key=lambda node: (node.order, node.pk))

    def as_picker_data(self):
        """What the picker dialog needs, in directory order (parents before their children),
        in the current language with the English fallback of modeltranslation."""
        return [{"slug": node.slug, "name": node.name, "description": node.description,
                 "parent": node.parent.slug if node.parent else None,
                 "theme": node.theme_slug,
                 # English shown in another language's page: the script marks it lang="en".
                 **({"nameLang": "en"} if node.shows_english("name") else {}),
                 **({"descriptionLang": "en"} if node.shows_english("description") else {})}
                for node in self]

    def pick(self, values):
        """The capacities among `values` (capacities, slugs or primary keys, as a form or a
        query string gives them), in the order given, without unknown ones or repeats."""
        chosen = []
        for value in values or ():
            if isinstance(value, Capacity):
                value = value.slug
            node = self.by_pk.get(value) if isinstance(value, int) else self.get(str(value))
            if node is None:
                node = self.by_pk.get(as_key(value))
            if node is not None and node not in chosen:
                chosen.append(node)
        return chosen


def fold(text):
    """Lower case without accents: 'Événements' → 'evenements'. The database's capx_fold
    (migration explore 0003) folds the same way, for the keyword search of the feed."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def names_of(node, language):
    """The capacity's name in `language` and in English, folded."""
    suffix = language.replace("-", "_")
    return {fold(name) for name in (node.name_en, getattr(node, f"name_{suffix}", ""))
            if name}


def searchable_text(node, language):
    suffix = language.replace("-", "_")
    parts = [node.name_en, node.description_en,
             getattr(node, f"name_{suffix}", ""), getattr(node, f"description_{suffix}", "")]
    return fold(" ".join(part for part in parts if part))


def load_tree(request=None):
    """Every capacity with .kids, .parent and .root filled in, so nothing queries again.
    Given the request, the tree this process built for the directory's current version
    (capx.models.DataVersion, raised by the database on every change of a capacity): its
    nodes are shared between requests, so nobody may change them; their names follow the
    language of the moment (modeltranslation)."""
    if request is None:
        return build_tree()
    version = data_versions(request).get("capacities")
    if version is None:  # an emptied table (a test's flush)
        return build_tree()
    built_for, tree = _latest
    if built_for != version:
        tree = build_tree()
        _latest[:] = [version, tree]
    return tree


_latest = [None, None]  # [version, Tree]


def build_tree():
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
    return Tree(roots=roots, by_slug={node.slug: node for node in nodes}, by_pk=by_id)
