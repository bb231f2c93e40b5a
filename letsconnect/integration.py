""""Let's Connect Integration": an earlier participant's data (capx.wikimedia.letsconnect
.earlier_profile) added to the profile editor's form as typed, nothing saved. Capacities
are matched by their Wikidata or Metabase QID, the rest by name; what matches nothing is
listed for the person."""
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from capacities.models import Capacity
from organizations.models import Organization
from profiles.forms import LanguageField, LanguageFormSet
from profiles.models import Language, ProfileLanguage, Territory, WikimediaProject

LANGUAGE_ROWS = LanguageFormSet.get_default_prefix()  # the profile editor's language rows
ROWS_MAX = LanguageFormSet.max_num


def fill(data, earlier):
    """Adds `earlier` (an EarlierProfile) to `data`, the editor's posted form (a mutable
    QueryDict): what is already there stays. Returns what could not be matched."""
    unmatched = []
    sharing = capacities_by_qid(earlier.want_to_share, unmatched)
    add(data, "known", sharing)
    add(data, "available", sharing)
    add(data, "wanted", capacities_by_qid(earlier.want_to_learn, unmatched))
    add(data, "projects", [str(project.pk) for project in by_name(
        WikimediaProject.objects.all(), earlier.projects, unmatched, _("Wikimedia project"),
        lambda project: [project.name, project.code])])
    add(data, "affiliations", [str(organization.pk) for organization in by_name(
        Organization.objects.all(), [earlier.affiliation] if earlier.affiliation else [],
        unmatched, _("Affiliation"), organization_names)])
    add(data, "territories", [str(territory.pk) for territory in by_name(
        Territory.objects.all(), [earlier.territory] if earlier.territory else [], unmatched,
        _("Territory"), lambda territory: [territory.name_en, territory.name])])
    add_language_rows(data, by_name(Language.objects.all(), earlier.languages, unmatched,
                                    _("Language"), lambda language: [
                                        language.name, language.autonym, language.code]))
    return unmatched


def add(data, name, values):
    kept = data.getlist(name)
    data.setlist(name, kept + [value for value in values if value not in kept])


def capacities_by_qid(qids, unmatched):
    found = {}
    for capacity in Capacity.objects.filter(Q(wikidata_qid__in=qids) | Q(metabase_qid__in=qids)):
        found[capacity.wikidata_qid] = found[capacity.metabase_qid] = capacity.slug
    unmatched += [_("Capacity %(qid)s") % {"qid": qid} for qid in qids if qid not in found]
    return [found[qid] for qid in qids if qid in found]


def by_name(rows, names, unmatched, what, names_of):
    """The rows whose names (names_of(row), compared without case) are `names`."""
    index = {}
    for row in rows:
        for name in names_of(row):
            if name:
                index.setdefault(name.casefold(), row)
    found = []
    for name in names:
        # "Wiki Movimento Brasil (WMB)" is also looked for as "Wiki Movimento Brasil".
        row = index.get(name.strip().casefold()) or index.get(
            name.split(" (")[0].strip().casefold())
        if row is None:
            unmatched.append(f"{what}: {name}")
        elif row not in found:
            found.append(row)
    return found


def organization_names(organization):
    """"Wikimedia Brasil (WMB)" is found as "Wikimedia Brasil (WMB)" and as "Wikimedia
    Brasil"; so are the names it is also known by."""
    names = [organization.name_en, organization.name, organization.local_name,
             *organization.aliases]
    if organization.acronym:
        names += [f"{name} ({organization.acronym})" for name in names if name]
    return names


def language_typed(value):
    """The language a row names as typed (code, name or the name the page shows), or None."""
    try:
        return LanguageField().to_python(value)
    except ValidationError:
        return None


def add_language_rows(data, languages):
    """New rows of the languages formset for the languages it does not list yet, at the
    default proficiency."""
    try:  # as posted: a number the formset itself would refuse is taken as none
        total = min(max(int(data.get(f"{LANGUAGE_ROWS}-TOTAL_FORMS") or 0), 0), ROWS_MAX)
    except ValueError:
        total = 0
    listed = set(filter(None, (language_typed(data.get(f"{LANGUAGE_ROWS}-{row}-language"))
                               for row in range(total))))
    proficiency = ProfileLanguage._meta.get_field("proficiency").default
    for language in languages:
        if language in listed:
            continue
        data[f"{LANGUAGE_ROWS}-{total}-language"] = language.name
        data[f"{LANGUAGE_ROWS}-{total}-proficiency"] = str(proficiency)
        total += 1
    data[f"{LANGUAGE_ROWS}-TOTAL_FORMS"] = str(total)
