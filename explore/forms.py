from django import forms
from django.utils.translation import gettext_lazy as _

from capacities.tree import fold
from explore.models import Card
from organizations.models import Organization
from profiles.models import Language, Territory

MAX_VALUES = 30  # per filter: more than anyone picks by hand
MAX_VALUE_LENGTH = 100


class ValuesField(forms.Field):
    """Every value a GET parameter was given (?capacity=a&capacity=b), trimmed, without
    repeats or empty ones, at most MAX_VALUES."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        cleaned = [str(v).strip()[:MAX_VALUE_LENGTH] for v in values if str(v).strip()]
        return list(dict.fromkeys(cleaned))[:MAX_VALUES]


class FeedFilterForm(forms.Form):
    """The Explore filters, all from the query string so links can be shared. Values that
    name nothing (an unknown slug, a typo) are set aside in `ignored`, never an error."""

    EXCHANGE_CHOICES = [(Card.Kind.LEARNER, _("Learners")), (Card.Kind.SHARER, _("Sharers"))]

    q = forms.CharField(required=False, max_length=MAX_VALUE_LENGTH, label=_("Search"))
    capacity = ValuesField(label=_("Capacities"))
    exchange = forms.MultipleChoiceField(required=False, choices=EXCHANGE_CHOICES,
                                         widget=forms.CheckboxSelectMultiple,
                                         label=_("Exchange with"))
    proficient = forms.BooleanField(required=False, label=_("Proficient"),
                                    help_text=_("Also show profiles that know the capacity."))
    territory = ValuesField(label=_("Territories"))
    language = ValuesField(label=_("Languages"))
    affiliation = ValuesField(label=_("Affiliation"))
    PARTY_CHOICES = [("user", _("User profiles")), ("organization", _("Organization profiles"))]
    party = forms.MultipleChoiceField(required=False, choices=PARTY_CHOICES,
                                      widget=forms.CheckboxSelectMultiple,
                                      label=_("Type of profile"))

    def __init__(self, data, tree):
        super().__init__(data)
        self.tree = tree
        self.ignored = []

    def filters(self):
        """The filters to apply: cleaned values resolved to objects ({} when none)."""
        if not self.is_valid():
            self.ignored += [str(v) for e in self.errors.values() for v in e]
            return Filters(kinds=self.default_kinds())
        data = self.cleaned_data
        return Filters(
            kinds=self.kinds(data),
            capacities=self.known(data["capacity"], self.tree.get),
            territories=self.resolve(data["territory"], Territory, "slug"),
            languages=self.resolve(data["language"], Language, "code"),
            affiliations=self.resolve(data["affiliation"], Organization, "slug"),
            words=fold(data["q"]).split(),
            party=data["party"][0] if len(data["party"]) == 1 else None,  # both: everyone
        )

    def default_kinds(self):
        return [Card.Kind.SHARER, Card.Kind.LEARNER]

    def kinds(self, data):
        kinds = list(data["exchange"]) or self.default_kinds()
        return kinds + [Card.Kind.PROFICIENT] if data["proficient"] else kinds

    def known(self, values, lookup):
        found = []
        for value in values:
            item = lookup(value)
            if item is None:
                self.ignored.append(value)
            else:
                found.append(item)
        return found

    def resolve(self, values, model, key):
        if not values:
            return []
        by_key = {getattr(item, key): item for item in model.objects.filter(**{f"{key}__in": values})}
        return self.known(values, by_key.get)


class Filters:
    USERS, ORGANIZATIONS = "user", "organization"  # `party`: one kind of profile only

    def __init__(self, kinds, capacities=(), territories=(), languages=(), affiliations=(),
                 words=(), party=None):
        self.kinds, self.capacities, self.territories = kinds, list(capacities), list(territories)
        self.languages, self.affiliations, self.words = list(languages), list(affiliations), list(words)
        self.party = party

    def __bool__(self):
        return any((self.capacities, self.territories, self.languages, self.affiliations,
                    self.words, self.party))
