"""The answers Let's Connect accepts, in English: the service stores them as sent, whatever
the language of the page that asked (forms show them translated). Shared by CapX's sign-up
form (letsconnect/forms.py) and the receiver that stands in for the service
(letsconnect_receiver/), which refuses anything else."""
from django.utils.translation import gettext_lazy as _

# The main role in the group or organization: exactly one.
ROLES = {
    "Paid staff member of an affiliate/user group":
        _("Paid staff member of an affiliate/user group"),
    "Volunteer staff member of an affiliate /user group":
        _("Volunteer staff member of an affiliate/user group"),
    "Volunteer organiser (most of my work is done outside user groups - I organise events, "
    "training, campaigns, etc)":
        _("Volunteer organiser (most of my work is done outside user groups - I organise "
          "events, training, campaigns, etc)"),
    "Executive director of an affiliate/user group":
        _("Executive director of an affiliate/user group"),
    "Board member of an affiliate/user group":
        _("Board member of an affiliate/user group"),
    "Individual Wikimedian volunteer who contributes by editing Wikimedia projects":
        _("Individual Wikimedian volunteer who contributes by editing Wikimedia projects"),
}

# The topics the person's Wikimedia work relates to: up to AREAS_MAX, an "Other" text
# counting as one; sent as one string joined with AREA_SEPARATOR.
AREAS = {
    "Climate change & sustainability": _("Climate change & sustainability"),
    "Public policy": _("Public policy"),
    "Education": _("Education"),
    "Open technology": _("Open technology"),
    "Diversity": _("Diversity"),
    "Culture, heritage, GLAM": _("Culture, heritage, GLAM"),
    "Governance": _("Governance"),
    "Human rights": _("Human rights"),
    "Advocacy": _("Advocacy"),
}
AREAS_MAX = 2
AREA_SEPARATOR = ", "

# Gender identity (optional): one of these, or a "Not listed" text of the person's own.
GENDERS = {
    "Prefer not to say": _("Prefer not to say"),
    "Man": _("Man"),
    "Woman": _("Woman"),
    "Agender": _("Agender"),
    "Non-binary": _("Non-binary"),
}

# Age range (optional).
AGES = {age: age for age in ["Under 25", "25-34", "35-44", "45-54", "55-64", "65-74",
                             "75-84", "85 plus"]}
AGES["Under 25"] = _("Under 25")
AGES["85 plus"] = _("85 plus")
