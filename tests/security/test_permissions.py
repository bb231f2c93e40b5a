"""The permission matrix: every URL pattern of the project, read from the resolver (not a
hand-kept list), requested with GET and POST by each kind of person CapX knows, against the
expected answer of its kind in EXPECTED (keyed by the URL name, namespace:name). A new URL
without an expectation fails here, as does an expectation whose URL is gone.

The Django admin (the `admin:` namespace) is covered generically: its URLs are read from the
resolver too, each per-model URL belongs to a model admin of `admin.site._registry`, and who
may enter follows capx/admin.py (staff, organization managers, the LC team), who sees what
follows the model admin's kind: staff-only, ManagedByOrganization (organizations/admin.py) or
LCTeamOnly (letsconnect_receiver/admin.py); inside, the model admin's own has_*_permission
answer for the fine-grained part (a manager may not add or delete an organization, a
superuser may not add a Let's Connect participant...).

Every request runs inside a savepoint rolled back after it, so each one finds the same data
(a POST that deletes is undone), and PostgreSQL's own per-transaction counters
(pg_stat_xact_user_tables) say which tables a request wrote: a GET writes nothing, a refused
request writes nothing, and a POST without a CSRF token is refused by every view but the
documented machine endpoints (MACHINE_ENDPOINTS), before anything is written. No answer is
ever a 5xx, and no request leaves this machine (a socket guard fails the test if one tries).

The people: anonymous; a plain Wikimedian with a profile; another one; the manager of an
organization; the manager of another organization; a member of the "LC team" group; staff
(is_staff, no Django permission); a superuser.
"""
import logging
import re
import socket
import traceback
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, quote, unquote, urlsplit

import django.test.client
import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern
from social_django.models import UserSocialAuth

from bugreports.models import BugReport
from capacities.models import Capacity, CapacitySuggestion
from events.models import Event
from letsconnect_receiver.access import LC_TEAM
from letsconnect_receiver.admin import LCTeamOnly
from letsconnect_receiver.models import Badge, Nonce, Participant
from messaging.models import Message
from organizations.admin import ManagedByOrganization
from organizations.models import Document, Organization, Project
from tests.events.factories import EventFactory
from tests.factories import OrganizationFactory, ProfileFactory

pytestmark = pytest.mark.django_db(databases=["default", "letsconnect"])

GET, POST = "GET", "POST"

# --- The people --------------------------------------------------------------------------

ANON, USER, OTHER, MANAGER, OTHER_MANAGER, LC, STAFF, SUPERUSER = PEOPLE = (
    "anonymous", "user", "other user", "manager", "other manager", "LC team", "staff",
    "superuser")
SIGNED_IN = PEOPLE[1:]
NAMES = {USER: "Ana Lima", OTHER: "Bruno Costa", MANAGER: "Carla Dias",
         OTHER_MANAGER: "Diego Reis", LC: "Eva Nunes", STAFF: "Fabio Staff",
         SUPERUSER: "Gil Super"}
# capx/admin.py: staff, anyone an admin open to managers lets in (a manager), and the LC team
# (letsconnect_receiver/admin.py) enter the admin; a plain Wikimedian does not.
INSIDE_ADMIN = {MANAGER, OTHER_MANAGER, LC, STAFF, SUPERUSER}


# --- What an answer may be ---------------------------------------------------------------

class Status:
    def __init__(self, code, label):
        self.code, self.label = code, label

    def problem(self, response, path):
        if response.status_code != self.code:
            return f"expected {self.label}, got {describe(response)}"
        return None

    def __repr__(self):
        return self.label


class LoginRedirect:
    """A redirect to a login page whose ?next= comes back here (or to `next`)."""

    def __init__(self, login_path, label, next=None):
        self.login_path, self.label, self.next = login_path, label, next

    def problem(self, response, path):
        location = urlsplit(response.get("Location", ""))
        wanted = self.next or path
        if (response.status_code != 302 or location.path != self.login_path
                or parse_qs(location.query).get("next") != [wanted]):
            return f"expected {self.label} (?next={wanted}), got {describe(response)}"
        return None

    def __repr__(self):
        return self.label


class Redirect:
    """A redirect elsewhere than a login page (to `to` when given)."""

    def __init__(self, to=None, also_ok=False):
        self.to, self.also_ok = to, also_ok
        self.label = f"a redirect to {to}" if to else "a redirect"
        if also_ok:
            self.label = "200 or a redirect"

    def problem(self, response, path):
        if self.also_ok and response.status_code == 200:
            return None
        location = urlsplit(response.get("Location", ""))
        if response.status_code not in (301, 302, 303) or (
                location.path != self.to if self.to
                else location.path in ("/login", "/admin/login/")):
            return f"expected {self.label}, got {describe(response)}"
        return None

    def __repr__(self):
        return self.label


OK = Status(200, "200")
BAD = Status(400, "400")
UNAUTHORIZED = Status(401, "401")
FORBIDDEN = Status(403, "403")
NOT_FOUND = Status(404, "404")
NOT_ALLOWED = Status(405, "405")
LOGIN = LoginRedirect("/login", "a redirect to /login")
ADMIN_LOGIN = LoginRedirect("/admin/login/", "a redirect to the admin's login")
REDIRECT = Redirect()
ACCEPTED = Redirect(also_ok=True)  # a form taken in, or shown again with its errors
# Answers that refuse the request: nothing may be written then.
REFUSALS = (LOGIN, ADMIN_LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED, BAD, UNAUTHORIZED)


def describe(response):
    location = response.get("Location")
    return f"{response.status_code}" + (f" → {location}" if location else "")


# --- The kinds of URL ----------------------------------------------------------------------

@dataclass
class Kind:
    """What each person gets with GET and with POST: an answer for all, or per person
    (`people` first, then `default`)."""
    doc: str
    get: object
    post: object
    writers: tuple = None  # when given: only these people's POST may write anything

    def expected(self, method, person):
        answer = self.get if method == GET else self.post
        if isinstance(answer, dict):
            return answer.get(person, answer.get("default"))
        return answer


def by(anon, rest, **people):
    """{person: answer}: the anonymous visitor's, each named person's, and `rest` for others
    (keyword names: user, other, manager, other_manager, lc, staff, superuser)."""
    keys = {"user": USER, "other": OTHER, "manager": MANAGER, "other_manager": OTHER_MANAGER,
            "lc": LC, "staff": STAFF, "superuser": SUPERUSER}
    return {ANON: anon, "default": rest, **{keys[name]: answer for name, answer in people.items()}}


PUBLIC = Kind("a page for everyone, read-only (require_safe)", get=OK, post=NOT_ALLOWED)
OWN_PAGE = Kind("the signed-in person's own page, read-only: a visitor is sent to log in",
                get=by(anon=LOGIN, rest=OK), post=NOT_ALLOWED)
OWN_FORM = Kind("a form of the signed-in person's own (an empty POST shows it again with "
                "its errors): a visitor is sent to log in",
                get=by(anon=LOGIN, rest=OK), post=by(anon=LOGIN, rest=OK))


def own_action(post):
    return Kind("an action on the signed-in person's own data, POST only (login_required, "
                "then require_POST)", get=by(anon=LOGIN, rest=NOT_ALLOWED),
                post=by(anon=LOGIN, rest=post))


def action(post):
    return Kind("an action anyone may take, POST only (require_POST)", get=NOT_ALLOWED, post=post)


def managers_only(get, post):
    return Kind("an organization's page for its managers only: everyone else signed in is "
                "refused, staff and superusers too (they use the admin)",
                get=by(anon=LOGIN, rest=FORBIDDEN, manager=get),
                post=by(anon=LOGIN, rest=FORBIDDEN, manager=post))


EXPECTED = {
    "landing": PUBLIC,
    "robots_txt": PUBLIC,
    "healthz": PUBLIC,
    "home": OWN_PAGE,
    "login": Kind("the login page: someone signed in is sent on", get=by(anon=OK, rest=REDIRECT),
                  post=NOT_ALLOWED),
    # An empty form is refused (400); CSRF-protected like every login form (login CSRF).
    "dev_login": action(BAD),
    # LogoutView takes POST only: a GET (an <img src=/logout>) logs nobody out.
    "logout": action(Redirect("/")),
    "set_language": action(Redirect("/")),
    "set_theme": action(Redirect("/")),
    "capacities:directory": PUBLIC,
    "capacities:theme_css": PUBLIC,
    "capacities:search": PUBLIC,
    "capacities:detail": PUBLIC,
    "capacities:suggest": OWN_FORM,
    "capacities:picker": Kind("the capacity picker without JavaScript: it only shows a form "
                              "(GET or POST, as the page it came from)", get=OK, post=OK),
    "capacities:add_to_profile": own_action(BAD),  # an empty POST names no list
    "profiles:own": OWN_PAGE,
    "profiles:edit": OWN_FORM,
    "profiles:badges": OWN_PAGE,
    "profiles:delete": Kind("erasing one's own account: a confirmation page, POST erases",
                            get=by(anon=LOGIN, rest=OK),
                            post=by(anon=LOGIN, rest=Redirect("/"))),
    "profiles:show": PUBLIC,  # a public profile (the user's)
    "profiles:qr": PUBLIC,
    "explore:feed": PUBLIC,
    "explore:saved": OWN_PAGE,
    "explore:set_saved": own_action(Redirect("/feed")),
    "explore:set_saved_organization": own_action(Redirect("/feed")),
    "organizations:list": PUBLIC,
    "organizations:detail": PUBLIC,
    "organizations:edit": managers_only(get=OK, post=OK),
    "events:list": PUBLIC,
    "events:calendar": PUBLIC,
    "events:event_calendar": PUBLIC,
    "events:manage": managers_only(get=OK, post=REDIRECT),  # no featured event: saved
    "events:create": managers_only(get=OK, post=OK),
    "events:edit": managers_only(get=OK, post=OK),
    "events:delete": managers_only(get=OK, post=REDIRECT),
    "messaging:write": OWN_FORM,
    "messaging:sent": OWN_PAGE,
    # Without a Meta-Wiki token (nobody here has one) the recipient check says 403.
    "messaging:recipient": Kind("JSON for the Write page's script",
                                get=by(anon=LOGIN, rest=FORBIDDEN), post=NOT_ALLOWED),
    "bugreports:report": OWN_FORM,
    "bugreports:submissions": OWN_PAGE,
    "bugreports:screenshot": Kind("a report's screenshot: its author and staff only, anyone "
                                  "else is told it does not exist",
                                  get=by(anon=LOGIN, rest=NOT_FOUND, user=OK, staff=OK,
                                         superuser=OK),
                                  post=NOT_ALLOWED),
    "stats:page": PUBLIC,
    # The Let's Connect stand-in answers as the real service does: public read-only JSON
    # (and the public badge verification page).
    "letsconnect_receiver:exists": PUBLIC,
    "letsconnect_receiver:profile": PUBLIC,
    "letsconnect_receiver:user_badges": PUBLIC,
    "letsconnect_receiver:badge": PUBLIC,
    "letsconnect_receiver:endpoint": Kind("a machine endpoint: POST JSON with a signed token "
                                          "(here an invalid one: 401)",
                                          get=NOT_ALLOWED, post=UNAUTHORIZED),
    # Meta-Wiki's login: social-auth starts it with POST only, and sends the browser to
    # Meta-Wiki (the fake, tests/fakes/metawiki.py), signed in or not.
    "social:begin": Kind("starting the Meta-Wiki login", get=NOT_ALLOWED, post=REDIRECT),
    "social:complete": Kind("Meta-Wiki's callback: without a login under way it sends back "
                            "to /login with a message", get=Redirect("/login"),
                            post=Redirect("/login")),
    # The launch bridges are not enabled: not found (GET only).
    "social:idp_launch": Kind("an IdP-initiated login (off)", get=NOT_FOUND, post=NOT_ALLOWED),
    "social:app_launch": Kind("an app-initiated login (off)", get=NOT_FOUND, post=NOT_ALLOWED),
    # Disconnecting a Meta-Wiki account from one's own CapX account (POST only). Meta-Wiki
    # is the only way in (no passwords), so social-auth refuses to leave an account without
    # it: back to /login with a message, and nothing removed, least of all the user's link
    # (the only one here, which the others' POST names).
    "social:disconnect": replace(own_action(Redirect("/login")), writers=()),
    "social:disconnect_individual": replace(own_action(Redirect("/login")), writers=()),
}

# CSRF-exempt views, and why: each must say so here, or the test fails.
MACHINE_ENDPOINTS = {
    "letsconnect_receiver:endpoint": "Let's Connect's registration endpoint is called by a "
    "machine (CapX's profile editor, server to server), with no browser session or cookie: "
    "the RS256-signed token with a one-time nonce is what proves who sent it.",
    "social:complete": "Meta-Wiki's OAuth callback: the browser comes back from another site, "
    "so it carries no CSRF token; the OAuth request token kept in the session (and the "
    "signed identify JWT) is what ties the answer to this login.",
}

# Query strings some URLs need to answer anything but "which one?".
QUERIES = {
    "letsconnect_receiver:exists": "username={participant}",
    "letsconnect_receiver:profile": "username={participant}",
    "letsconnect_receiver:user_badges": "username={participant}",
    "admin:autocomplete": "app_label=organizations&model_name=project&field_name=organization",
}
# Bodies of POSTs that are not an (empty) form.
BODIES = {
    "letsconnect_receiver:endpoint": ('{"token": "not-a-jwt"}', "application/json"),
}


# --- The data ----------------------------------------------------------------------------

@dataclass
class World:
    users: dict
    organization: Organization
    other_organization: Organization
    event: Event
    report: BugReport
    association: UserSocialAuth
    participant: Participant
    badge: Badge
    admin_objects: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)

    def user(self, person):
        return self.users[person]


def build_world():
    users = {person: ProfileFactory(username=name).user for person, name in NAMES.items()}
    for user in users.values():  # as Meta-Wiki's login makes them: no password
        user.set_unusable_password()
        user.save(update_fields=["password"])
    type(users[STAFF]).objects.filter(pk=users[STAFF].pk).update(is_staff=True)
    type(users[SUPERUSER]).objects.filter(pk=users[SUPERUSER].pk).update(
        is_staff=True, is_superuser=True)
    Group.objects.get(name=LC_TEAM).user_set.add(users[LC])
    for person in (STAFF, SUPERUSER):
        users[person].refresh_from_db()
    organization = OrganizationFactory(name="Wikimedia Matrix", slug="wikimedia-matrix",
                                       managers=[users[MANAGER]])
    other = OrganizationFactory(name="Wikimedia Elsewhere", slug="wikimedia-elsewhere",
                                managers=[users[OTHER_MANAGER]])
    event = EventFactory(organization=organization, capacities=["communication"])
    project = Project.objects.create(organization=organization, name="Matrix project",
                                     link="https://example.org/project")
    document = Document.objects.create(
        organization=organization, url="https://commons.wikimedia.org/wiki/File:Matrix.pdf")
    report = BugReport.objects.create(author=users[USER], title="A button does nothing",
                                      description="Pressing it does nothing.", kind="error",
                                      screenshot=b"\x89PNG\r\n\x1a\n", screenshot_type="image/png")
    message = Message.objects.create(sender=users[USER], recipient=NAMES[OTHER],
                                     method=Message.Method.EMAIL, status=Message.Status.SENT)
    suggestion = CapacitySuggestion.objects.create(title="Knitting", description="Wool.",
                                                   author=users[USER])
    association = UserSocialAuth.objects.create(user=users[USER], provider="mediawiki",
                                                uid="4242", extra_data={})
    participant = Participant.objects.create(username=NAMES[USER], email="ana@example.org",
                                             role="Participant")
    badge = Badge.objects.create(username=NAMES[USER], name="Sharer",
                                 picture="https://example.org/sharer.png")
    nonce = Nonce.objects.create(value="1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b")
    world = World(users=users, organization=organization, other_organization=other,
                  event=event, report=report, association=association,
                  participant=participant, badge=badge)
    # The object each model admin's object pages open: the organization's own where the
    # model belongs to one (so its manager may open it and the other manager may not).
    world.admin_objects = {
        Group: Group.objects.get(name=LC_TEAM), type(users[USER]): users[USER],
        type(users[USER].profile): users[USER].profile, UserSocialAuth: association,
        Organization: organization, Project: project, Document: document, Event: event,
        BugReport: report, Message: message, CapacitySuggestion: suggestion,
        Capacity: Capacity.objects.get(slug="communication"), Participant: participant,
        Badge: badge, Nonce: nonce,
    }
    for person in SIGNED_IN:
        client = Client()
        client.force_login(users[person])
        world.sessions[person] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


@pytest.fixture
def world():
    return build_world()


def admin_object(world, model):
    obj = world.admin_objects.get(model) or model._default_manager.order_by("pk").first()
    assert obj is not None, (f"No {model._meta.label} to open the admin's object pages with: "
                             f"make one in build_world()")
    return obj


# --- The URL patterns ----------------------------------------------------------------------

@dataclass
class Route:
    route: str      # the full pattern, as written ("organization/<slug:slug>/edit")
    name: str       # namespace:name, or None
    patterns: list  # the pattern objects from the root down
    callback: object

    @property
    def key(self):
        return self.name or self.route

    @property
    def parameters(self):
        names = []
        for pattern in self.patterns:
            if isinstance(pattern, RoutePattern):
                names += list(pattern.converters)
            else:
                names += list(pattern.regex.groupindex)
        return names


def all_routes():
    """Every URL pattern of the project, with its full route and namespaced name."""
    def walk(resolver, patterns, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace])) or None
                yield from walk(entry, patterns + [entry.pattern], inner)
            elif isinstance(entry, URLPattern):
                chain = patterns + [entry.pattern]
                name = entry.name and ":".join(filter(None, [namespace, entry.name]))
                yield Route("".join(str(p) for p in chain), name, chain, entry.callback)
    return list(walk(get_resolver(), [], None))


def fill(route, values):
    """The path of `route` with these parameter values (quoted)."""
    path = ""
    for pattern in route.patterns:
        if isinstance(pattern, RoutePattern):
            path += re.sub(r"<(?:[^>:]+:)?([^>]+)>",
                           lambda m: quote(str(values[m[1]]), safe="/"), str(pattern))
        else:
            path += fill_regex(str(pattern), values)
    return "/" + path


def fill_regex(regex, values):
    text, out, i = regex.removeprefix("^").removesuffix("$"), "", 0
    while i < len(text):
        if text.startswith("(?P<", i):
            name = text[i + 4:text.index(">", i)]
            depth, j = 0, i
            while True:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                if depth == 0:
                    break
                j += 1
            out += quote(str(values[name]), safe="/")
            i = j + 1
        else:
            assert text[i] not in "^$()[]*+?|\\", f"cannot build a URL from the regex {regex!r}"
            out += text[i]
            i += 1
    return out


@dataclass
class Request:
    """One URL to request: a route with its parameters filled in."""
    route: Route
    path: str
    query: str = ""
    model_admin: object = None
    action: str = ""         # a per-model admin URL's: changelist, add, change, ...
    app_label: str = ""
    obj: object = None

    @property
    def key(self):
        return self.route.key

    @property
    def url(self):
        return self.path + (f"?{self.query}" if self.query else "")

    @property
    def label(self):
        return self.url + (f"  [{self.route.key}]" if self.route.name else "  [unnamed]")


ADMIN_ACTIONS = ("changelist", "add", "change", "delete", "history")


def requests_for(route, world, problems):
    """The requests to make for one route (several for the admin's app index: one per app)."""
    name = route.name or ""
    model_admin = getattr(route.callback, "model_admin", None)
    action = ""
    if model_admin is not None:
        action = "redirect" if route.name is None else name.rsplit("_", 1)[-1]
        if action not in (*ADMIN_ACTIONS, "redirect"):
            problems.append(f"{route.route} [{route.key}]: an admin URL of "
                            f"{type(model_admin).__name__} this test does not know: add an "
                            f"expectation for it (admin_expected)")
            return []
    if name == "admin:app_list":
        labels = sorted({model._meta.app_label for model in admin.site._registry})
        return [Request(route, fill(route, {"app_label": label}), app_label=label)
                for label in labels]
    if name == "admin:view_on_site":
        return [Request(route, fill(route, {
                    "content_type_id": ContentType.objects.get_for_model(model).pk,
                    "object_id": admin_object(world, model).pk}),
                    model_admin=model_admin_of, obj=admin_object(world, model))
                for model, model_admin_of in admin.site._registry.items()
                if hasattr(model, "get_absolute_url")]
    obj = admin_object(world, model_admin.model) if model_admin is not None else None
    values = {}
    for parameter in route.parameters:
        value = parameter_value(route, parameter, world, obj)
        if value is None:
            problems.append(f"{route.route} [{route.key}]: no value for its parameter "
                            f"<{parameter}>: add one to parameter_value()")
            return []
        values[parameter] = value
    query = QUERIES.get(name, "").format(participant=quote(world.participant.username))
    return [Request(route, fill(route, values), query, model_admin, action, obj=obj)]


def parameter_value(route, parameter, world, obj):
    """A real object's value for a URL parameter, by the parameter's name and the URL's."""
    name = route.name or route.route
    namespace = (name.split(":")[0] if route.name and ":" in name
                 else "admin" if route.route.startswith("admin/") else "")
    if obj is not None and parameter == "object_id":
        return obj.pk
    if namespace == "admin" and parameter == "url":
        return "no-such-page/"  # the admin's catch-all
    if namespace == "capacities" and parameter == "slug":
        return "communication"
    if namespace in ("organizations", "events") and parameter == "slug":
        return world.organization.slug
    if namespace == "events" and parameter == "pk":
        return world.event.pk
    if name == "bugreports:screenshot" and parameter == "pk":
        return world.report.pk
    if name == "capacities:picker" and parameter == "field":
        return "known"
    if namespace == "profiles" and parameter == "username":
        return NAMES[USER]
    if name == "explore:set_saved" and parameter == "profile_id":
        return world.user(OTHER).profile.pk
    if name == "explore:set_saved_organization" and parameter == "organization_id":
        return world.organization.pk
    if name == "letsconnect_receiver:badge" and parameter == "verification_code":
        return world.badge.verification_code
    if namespace == "social" and parameter == "backend":
        return "mediawiki"
    if namespace == "social" and parameter == "association_id":
        return world.association.pk
    return None


def all_requests(world):
    problems, requests = [], []
    for route in all_routes():
        requests += requests_for(route, world, problems)
    for request in requests:  # each address is its own pattern's (not an earlier one's)
        if resolve(unquote(request.path)).func is not request.route.callback:
            problems.append(f"{request.path} was built for {request.route.route} but "
                            f"resolves to another pattern: give it other values")
    return requests, problems


# --- What the admin lets each person do ----------------------------------------------------

def fake_request(world, person):
    request = RequestFactory().get("/admin/")
    request.user = type(world.user(person)).objects.get(pk=world.user(person).pk)
    return request


def admits(model_admin, person):
    """Who may open a model admin at all (its own permissions come next)."""
    if isinstance(model_admin, LCTeamOnly):  # the group is the only way in
        return person == LC
    if isinstance(model_admin, ManagedByOrganization):  # staff, and managers for their rows
        return person in (STAFF, SUPERUSER, MANAGER, OTHER_MANAGER)
    return person in (STAFF, SUPERUSER)  # capx/admin.py: every other admin is staff-only


def permitted(model_admin, action, method, request, obj):
    """The model admin's own answer, as Django's admin views ask it."""
    if action == "changelist":
        return model_admin.has_view_or_change_permission(request)
    if action == "add":
        return model_admin.has_add_permission(request)
    if action == "change" and method == POST:
        return model_admin.has_change_permission(request, obj)
    if action in ("change", "history"):
        return model_admin.has_view_or_change_permission(request, obj)
    if action == "delete":
        return model_admin.has_delete_permission(request, obj)
    raise AssertionError(action)


def sees_in_admin(world, person, model_admin, obj):
    """Whether this person can open this object in its model admin."""
    if isinstance(model_admin, ManagedByOrganization) and person not in (STAFF, SUPERUSER):
        return person == MANAGER  # the object is their organization's
    return admits(model_admin, person) and permitted(model_admin, "change", GET,
                                                     fake_request(world, person), obj)


def admin_expected(request, method, person, world):
    name = request.route.name
    if name == "admin:login":
        # CapX's admin login (profiles/accounts/views.py): a visitor goes to CapX's login; a
        # Wikimedian who may not enter sees Django's form saying so; anyone who may, the
        # admin (a POST is the form's, given back with its errors).
        if person == ANON:
            return LoginRedirect("/login", "a redirect to /login", next="/admin/")
        if person in INSIDE_ADMIN and method == GET:
            return Redirect("/admin/")
        return OK
    if name == "admin:logout":  # POST only; someone who may not enter is sent to the index
        if person not in INSIDE_ADMIN:
            return Redirect("/admin/")
        return NOT_ALLOWED if method == GET else Redirect("/")
    if person not in INSIDE_ADMIN:
        return ADMIN_LOGIN
    if request.model_admin is not None and request.action:
        model_admin = request.model_admin
        if request.action == "redirect":  # <object id>/ goes on to its change page
            return REDIRECT
        if (isinstance(model_admin, ManagedByOrganization) and person not in (STAFF, SUPERUSER)
                and request.action in ("change", "delete", "history") and person != MANAGER):
            return NOT_FOUND  # another organization's row (none of theirs): as if there were none
        if not admits(model_admin, person):
            return FORBIDDEN
        if not permitted(model_admin, request.action, method, fake_request(world, person),
                         request.obj):
            return FORBIDDEN
        return OK if method == GET else ACCEPTED
    if name == "admin:view_on_site":
        # Staff follow "View on site" to any object of an admin that leaves access to
        # Django's permissions; anyone else, and staff in an admin that decides itself who
        # reaches it (an organization's rows, the LC team's), only to one they can see there.
        model_admin = request.model_admin
        if (person in (STAFF, SUPERUSER) and not getattr(model_admin, "open_to_managers", False)
                or sees_in_admin(world, person, model_admin, request.obj)):
            return REDIRECT
        return NOT_FOUND
    if name == "admin:app_list":
        models = [(model, model_admin) for model, model_admin in admin.site._registry.items()
                  if model._meta.app_label == request.app_label]
        shown = any(admits(model_admin, person) and permitted(
            model_admin, "changelist", GET, fake_request(world, person), None)
            for model, model_admin in models)
        return (OK if method == GET else ACCEPTED) if shown else NOT_FOUND
    if name == "admin:autocomplete":  # a project's organization, as ProjectAdmin asks it
        if method == POST:
            return NOT_ALLOWED
        return OK if person in (MANAGER, OTHER_MANAGER, SUPERUSER) else FORBIDDEN
    if name == "admin:index":
        return OK
    if name == "admin:password_change":
        return OK  # a form (everyone here signs in with Meta-Wiki: no password to change)
    if name == "admin:password_change_done":
        return OK if method == GET else NOT_ALLOWED
    if name == "admin:jsi18n":
        return OK if method == GET else NOT_ALLOWED
    if request.route.name is None and request.route.route.endswith("(?P<url>.*)$"):
        return NOT_FOUND  # the admin's catch-all, for an address that names nothing
    return None


def expected(request, method, person, world):
    if request.route.route.startswith("admin/"):
        return admin_expected(request, method, person, world)
    kind = EXPECTED.get(request.key)
    return kind and kind.expected(method, person)


# --- Making the requests ---------------------------------------------------------------------

WRITTEN = """
    SELECT relname, n FROM (
        SELECT relname, pg_stat_get_xact_tuples_inserted(oid) + pg_stat_get_xact_tuples_updated(oid)
               + pg_stat_get_xact_tuples_deleted(oid) AS n
        FROM pg_class WHERE relkind IN ('r', 'p')) AS counts
    WHERE n > 0"""


def written(alias):
    """Rows inserted, updated or deleted so far in this transaction, per table (what
    pg_stat_xact_user_tables says, read straight from its functions: three times faster)."""
    with connections[alias].cursor() as cursor:
        cursor.execute(WRITTEN)
        return dict(cursor.fetchall())


class Undone(Exception):
    pass


@contextmanager
def rolled_back():
    """Everything inside happens, then is undone (both databases)."""
    try:
        with ExitStack() as stack:
            for alias in ("default", "letsconnect"):
                stack.enter_context(transaction.atomic(using=alias))
            yield
            raise Undone
    except Undone:
        pass


@dataclass
class Answer:
    response: object = None
    error: str = ""
    writes: list = field(default_factory=list)
    session_kept: bool = True


def send(world, request, method, person, csrf_token=True):
    """One request as this person; what it answered and which tables it wrote."""
    client = Client(enforce_csrf_checks=not csrf_token)
    session = world.sessions.get(person)
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    answer = Answer()
    with rolled_back():
        before = {alias: written(alias) for alias in ("default", "letsconnect")}
        try:
            if method == GET:
                answer.response = client.get(request.url)
            elif request.key in BODIES:
                body, content_type = BODIES[request.key]
                answer.response = client.post(request.url, body, content_type=content_type)
            else:
                answer.response = client.post(request.url, {})
        except Exception as error:  # the test client re-raises what became a 500
            answer.error = "".join(traceback.format_exception_only(error)).strip()
            tail = traceback.extract_tb(error.__traceback__)[-1]
            answer.error += f" (at {tail.filename}:{tail.lineno})"
        for alias, counts in before.items():
            for table, count in written(alias).items():
                if count != counts.get(table, 0):
                    answer.writes.append(table)
        if session:
            answer.session_kept = Session.objects.filter(session_key=session).exists()
    return answer


def writers(request):
    kind = EXPECTED.get(request.key)
    return kind.writers if kind else None


def check(answer, want, request, method, person, failures):
    where = f"{method} {request.label} as {person}"
    if answer.error:
        failures.append(f"{where}: 500 — {answer.error}")
        return
    response = answer.response
    if response.status_code >= 500:
        failures.append(f"{where}: {response.status_code}, never a 5xx")
        return
    problem = want.problem(response, request.url)
    if problem:
        failures.append(f"{where}: {problem}")
    if method == GET and answer.writes:
        failures.append(f"{where}: a GET wrote to {', '.join(sorted(answer.writes))}")
    elif want in REFUSALS and answer.writes and not problem:
        failures.append(f"{where}: refused ({want}), yet wrote to "
                        f"{', '.join(sorted(answer.writes))}")
    elif method == POST and answer.writes and writers(request) is not None \
            and person not in writers(request):
        failures.append(f"{where}: wrote to {', '.join(sorted(answer.writes))}, which "
                        f"{', '.join(writers(request)) or 'nobody'} may")
    if method == GET and not answer.session_kept:
        failures.append(f"{where}: a GET signed the person out")


EXPIRED_FORM = "The form you sent had expired"  # capx.errors.csrf_failure's page


@pytest.fixture(autouse=True)
def no_template_copies(monkeypatch):
    """The test client copies the context of every template a page renders (the admin's
    widgets are hundreds): a fifth of the time here, for nothing the matrix reads."""
    monkeypatch.setattr(django.test.client, "store_rendered_templates", lambda *args, **kw: None)


@pytest.fixture(autouse=True)
def quiet():
    """Hundreds of refusals are logged as warnings: only errors are worth reading here."""
    loggers = [logging.getLogger(name) for name in ("django.request", "profiles.accounts.pipeline")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    yield
    for logger, level in zip(loggers, levels):
        logger.setLevel(level)


@pytest.fixture
def offline(monkeypatch):
    """No request leaves this machine: a connection elsewhere than the loopback (or a name
    to look up) fails, and is reported."""
    attempts = []
    connect, getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def local(host):
        return host in ("localhost", "127.0.0.1", "::1", "testserver") or str(host).startswith("/")

    def guarded_connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if not local(host):
            attempts.append(str(address))
            raise OSError(f"the permission matrix makes no network call ({address})")
        return connect(sock, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and not local(host):
            attempts.append(str(host))
            raise socket.gaierror(f"the permission matrix looks up no name ({host})")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    return attempts


def report(failures, title):
    shown = failures[:200]
    more = f"\n… and {len(failures) - len(shown)} more" if len(failures) > len(shown) else ""
    return f"{title}: {len(failures)} problem(s)\n" + "\n".join(shown) + more


# --- The tests ---------------------------------------------------------------------------------

def test_every_url_has_an_expectation_and_every_expectation_a_url(world):
    requests, problems = all_requests(world)
    keys = {request.key for request in requests}
    for request in requests:
        if request.route.name is None and not request.route.route.startswith("admin/"):
            problems.append(f"{request.route.route}: a URL pattern without a name: name it, "
                            f"and add an expectation for it to EXPECTED")
        elif any(expected(request, method, person, world) is None
                 for method in (GET, POST) for person in PEOPLE):
            problems.append(f"{request.route.route}: add an expectation for {request.key!r} "
                            f"(EXPECTED, or admin_expected for the admin)")
        exempt = getattr(request.route.callback, "csrf_exempt", False)
        if exempt and request.key not in MACHINE_ENDPOINTS:
            problems.append(f"{request.route.route} [{request.key}] is CSRF-exempt: say why "
                            f"in MACHINE_ENDPOINTS, or protect it")
    problems += [f"EXPECTED[{key!r}] names no URL of the project any more: remove it"
                 for key in EXPECTED if key not in keys]
    problems += [f"MACHINE_ENDPOINTS[{key!r}] names no URL of the project any more"
                 for key in MACHINE_ENDPOINTS if key not in keys]
    assert not problems, report(problems, "The expectations")


def test_the_admin_urls_are_those_of_every_registered_model(world):
    """The admin's per-model URLs all come from admin.site._registry's model admins, and
    each registered model has its five (changelist, add, change, delete, history)."""
    requests, _problems = all_requests(world)
    found = {(type(request.model_admin), request.action) for request in requests
             if request.action in ADMIN_ACTIONS}
    missing = [f"{model._meta.label}: no {action} URL" for model, model_admin
               in admin.site._registry.items() for action in ADMIN_ACTIONS
               if (type(model_admin), action) not in found]
    assert not missing, "\n".join(missing)
    assert {model_admin for model_admin, _action in found} == {
        type(model_admin) for model_admin in admin.site._registry.values()}


@pytest.mark.parametrize("person", PEOPLE)
def test_every_url_answers_each_person_as_expected(world, person, metawiki, offline):
    requests, problems = all_requests(world)
    assert not problems, report(problems, "The URLs")
    failures = []
    for request in requests:
        for method in (GET, POST):
            want = expected(request, method, person, world)
            if want is None:
                continue  # test_every_url_has_an_expectation says so
            check(send(world, request, method, person), want, request, method, person, failures)
    failures += [f"a network call was attempted: {attempt}" for attempt in offline]
    assert not failures, report(failures, f"As {person}")


@pytest.mark.parametrize("person", [ANON, USER, MANAGER, LC, SUPERUSER])
def test_a_post_without_its_csrf_token_is_refused_and_changes_nothing(world, person, metawiki,
                                                                      offline):
    """Every view but the documented machine endpoints refuses a POST without its CSRF token
    (403, CapX's "the form expired" page), before the view runs, whoever sends it."""
    requests, problems = all_requests(world)
    assert not problems, report(problems, "The URLs")
    failures = []
    for request in requests:
        answer = send(world, request, POST, person, csrf_token=False)
        where = f"POST {request.label} as {person} without a CSRF token"
        if request.key in MACHINE_ENDPOINTS:
            want = expected(request, POST, person, world)
            check(answer, want, request, POST, person, failures)
            if answer.writes:
                failures.append(f"{where}: wrote to {', '.join(sorted(answer.writes))}")
            continue
        if answer.error:
            failures.append(f"{where}: 500 — {answer.error}")
            continue
        if answer.response.status_code != 403 or EXPIRED_FORM not in answer.response.text:
            failures.append(f"{where}: expected CapX's CSRF refusal (403), got "
                            f"{describe(answer.response)}")
        if answer.writes:
            failures.append(f"{where}: wrote to {', '.join(sorted(answer.writes))}")
        if request.key == "logout" and not answer.session_kept:
            failures.append(f"{where}: signed the person out")
    failures += [f"a network call was attempted: {attempt}" for attempt in offline]
    assert not failures, report(failures, f"Without a CSRF token, as {person}")


def test_a_get_to_logout_signs_nobody_out(world):
    """LogoutView takes POST only: a link or an image pointing at /logout logs nobody out."""
    request = next(request for request in all_requests(world)[0] if request.key == "logout")
    answer = send(world, request, GET, USER)
    assert answer.response.status_code == 405 and answer.session_kept and not answer.writes
    answer = send(world, request, POST, USER)
    assert answer.response.status_code == 302 and not answer.session_kept


def test_the_matrix_sees_what_a_request_writes_and_undoes_it(world):
    """The checks above are not vacuous: a request that writes is seen writing (PostgreSQL's
    counters), and what it wrote is undone before the next one."""
    request = next(request for request in all_requests(world)[0]
                   if request.key == "profiles:delete")
    answer = send(world, request, POST, USER)
    assert answer.response.status_code == 302
    assert {"profiles_user", "profiles_profile", "django_session"} <= set(answer.writes)
    assert type(world.user(USER)).objects.filter(pk=world.user(USER).pk).exists()
    assert Session.objects.filter(session_key=world.sessions[USER]).exists()
