"""Hostile input everywhere (issue 15, point 2): Hypothesis posts random and hostile values
(very long strings, control characters, right-to-left marks and bidi overrides, zero-width
characters, HTML and <script>, SQL fragments, invalid UTF-8 in query strings, huge, negative
and non-numeric numbers, unknown slugs and ids) into every form and every filter parameter.

Whatever comes in: never a 5xx; a clear answer (the page again with an error next to a field
or a message at the top, or an error page in the site frame: never a blank page or a
traceback); text shown escaped, never as markup; a refused request changes nothing stored;
`next` never leads off the site.

Every form of the site's pages is found by reading the pages themselves
(test_every_form_of_every_page), so a form added later is fuzzed without anyone listing it;
the forms that store something also have a test of their own that compares the stored rows
before and after. No outside system is called: each is a local fake or a closed port, and a
socket guard fails any connection that would leave the machine.
"""
import html
import json
import os
import re
import socket
from html.parser import HTMLParser
from urllib.parse import quote, quote_from_bytes, urlencode, urlsplit

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings as hypothesis_settings, strategies as st

from bugreports.models import BugReport
from capacities.models import CapacitySuggestion
from events.models import Event
from explore.models import SavedProfile
from letsconnect.models import Registration
from messaging.models import Message
from organizations.models import Document, Organization, Project
from profiles.models import Profile, ProfileLanguage, User, UserBadge
from tests.events.factories import EventFactory
from tests.factories import OrganizationFactory, ProfileFactory
from tests.fakes.event_sources import event_sources  # noqa: F401  (a fixture)

# A bounded budget: the whole file runs in about a minute on two cores. No shrinking: a
# failure is reported with the example that found it (shrinking one took minutes).
# CAPX_FUZZ_SCALE=10 tries ten times as many, for a deeper run by hand.
SCALE = float(os.environ.get("CAPX_FUZZ_SCALE", "1"))
BUDGET = hypothesis_settings(
    max_examples=round(25 * SCALE), deadline=None, database=None, print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.filter_too_much])
# Tests run once per page or per field take fewer each: together they still try hundreds.
SMALL_BUDGET = hypothesis_settings(BUDGET, max_examples=round(8 * SCALE))
TINY_BUDGET = hypothesis_settings(BUDGET, max_examples=round(5 * SCALE))

# --- What comes in ------------------------------------------------------------------------

# Markup a page would run if it showed it unescaped: none of it may ever appear as is.
CANARIES = ("<script>alert(", '"><svg onload=', "<img src=x onerror=")
SCRIPT = "<script>alert('capx')</script>"
PAYLOADS = [
    SCRIPT, '"><svg onload=alert(1)>', "<img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>", "' OR 1=1 --", "'; DROP TABLE profiles_profile; --",
    '" OR ""="', "1; SELECT pg_sleep(10)", "%' UNION SELECT NULL, NULL --", "\\", "%", "_",
    "\u202egnp.exe", "\u200f\u200fمرحبا\u200e", "\u2066abc\u2069", "\u202a\u202b\u202c\u202d",
    "\u200b\u200c\u200d\u2060\ufeff\u00ad", "\x01\x02\x1b[31m\x7f", "\r\n\r\nSet-Cookie: x=1", "\t",
    "../../../etc/passwd", "%00", "%ff%fe", "{{ 7|add:7 }}", "{% debug %}", "${7*7}",
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example",
    "Z\u0338\u0322\u034ea\u0335l\u0337g\u0336o", "\U0001d54f\U0001f600", "\ufdfa", "\uffff", "\U0010ffff",
    "-1", "0", "-0", "1.5", "1e309", "NaN", "Infinity", "99999999999999999999",
    "9" * 5000, "\u00b2", "\u0663", "", " ", "   \n  ",
    "a" * 10_001, "\u00e9" * 10_001, "<" * 10_001, "\u202e" * 10_001,
]
CONTROL = "".join(map(chr, range(1, 32))) + "\x7f"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad\u3164"
# Any character UTF-8 can carry (no surrogates, which no browser sends), NUL aside: the
# middleware refuses it before any view (tests/security/test_bad_input.py), and it would
# hide everything behind it.
CHARACTER = st.one_of(st.characters(codec="utf-8", exclude_characters="\x00"),
                      st.sampled_from(CONTROL + INVISIBLE + "<>\"'&;%\\/#?=+"))
HOSTILE = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(CHARACTER, max_size=40),
    st.tuples(st.text(CHARACTER, max_size=8), st.sampled_from(PAYLOADS),
              st.text(CHARACTER, max_size=8)).map("".join),
    st.integers(-10 ** 30, 10 ** 30).map(str),
)
NUMBERS = st.one_of(st.sampled_from(["", "0", "-1", "1.5", "abc", "99999999999999999999",
                                     "9" * 5000, "\u00b2", "\u0663", "1e3", " 2 ", "0x10"]),
                    st.integers(-10 ** 25, 10 ** 25).map(str), HOSTILE)
# `next` targets that would leave the site, or that are no path at all.
ELSEWHERE = ["//evil.example", "https://evil.example/", "http://evil.example", "/\\evil.example",
             "\\\\evil.example", "/\\/evil.example", "///evil.example", "/\t/evil.example",
             "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
             "data:text/html,x", "https:evil.example", "//evil.example@testserver/",
             "http://testserver@evil.example/", "\x00", "/\x00", "home", "foo", "\u202e//evil"]


def text_of(page):
    return html.unescape(page.content.decode())


# --- What goes out ------------------------------------------------------------------------

def as_a_browser_reads(url):
    """The URL as a browser parses it (WHATWG): C0 controls and spaces at either end
    dropped, tabs and newlines anywhere dropped, a backslash taken for a slash."""
    url = url.strip("".join(map(chr, range(33))))
    return re.sub(r"[\t\n\r]", "", url).replace("\\", "/")


def assert_stays_on_site(location):
    """A redirect (or a form's action) a browser follows to this site only: a path,
    relative or absolute, or an address of this host."""
    parts = urlsplit(as_a_browser_reads(location))
    assert parts.scheme in ("", "http") and parts.netloc in ("", "testserver"), location
    assert parts.scheme == "" or parts.netloc == "testserver", location


def assert_answered(answer, *, blank_ok=False):
    """Never a 5xx; a redirect on the site; a page that is not blank, shows no hostile
    markup as markup, and, for an error, is the site's error page in its frame."""
    status = answer.status_code
    assert status < 500, f"{status}: {answer.content[:300]!r}"
    if 300 <= status < 400:
        assert_stays_on_site(answer["Location"])
        return
    kind = answer.get("Content-Type", "")
    if kind.startswith("image/") and "svg" not in kind:
        return  # a screenshot, as its author sent it
    body = answer.content.decode()  # always UTF-8
    assert body.strip() or blank_ok, f"a blank {status} page"
    if "html" in kind:
        for canary in CANARIES:
            assert canary not in body, f"unescaped {canary!r} in the page"
        assert 'href="javascript:' not in body.lower() and "src=\"javascript:" not in body.lower()
        if status >= 400 and body.lstrip().lower().startswith("<!doctype"):
            assert 'class="site-header"' in body and "<h1" in body, "an error page outside the frame"
    if status in (400, 403, 404) and "html" in kind:
        # Django's short plain answers ("Choose Known or Wanted.") are refused requests no
        # form sends; everything else says what happened in the site frame.
        assert 'class="site-header"' in body or len(body) < 200, body[:300]


def assert_calendar_is_well_formed(answer):
    """Whatever an event's fields hold, each line of the calendar is a property or the
    continuation of one: no text of an event starts a line of its own."""
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    text = answer.content.decode()
    assert text.endswith("\r\n")
    for line in text[:-2].split("\r\n"):
        assert "\r" not in line and "\n" not in line, line
        assert re.match(r"^( |[A-Z][A-Z-]*[:;])", line), line


def says_what_is_wrong(page):
    """The page again with what is wrong: an error next to a field, or a message."""
    body = page.content.decode()
    return any(mark in body for mark in ('class="errorlist', "message--error", "message--warning",
                                         "message--info", 'class="error-page"'))


def rows(*querysets):
    """What these querysets hold, to compare before and after a request."""
    return [sorted(repr(sorted(row.items())) for row in queryset.values()) for queryset in querysets]


# --- The site's forms, as a browser finds them -------------------------------------------

class Forms(HTMLParser):
    """Every <form> of a page: its method and action, the fields a browser would send
    unchanged, every value offered for a field (unticked boxes, options), its submit
    buttons with their name, value and formaction, and its file inputs."""

    def __init__(self):
        super().__init__()
        self.forms, self.form, self.select, self.textarea, self.in_template = [], None, None, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "template":
            self.in_template += 1
        elif tag == "form":
            self.form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"),
                         "id": attrs.get("id") or attrs.get("class") or "", "fields": [],
                         "offered": {}, "buttons": [], "files": []}
            self.forms.append(self.form)
        elif self.form is None or self.in_template:
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "image"):
                self.form["buttons"].append((name, attrs.get("value", ""), attrs.get("formaction")))
            elif kind == "file" and name:
                self.form["files"].append(name)
            elif name and kind != "button":
                box = kind in ("checkbox", "radio")
                self.form["offered"].setdefault(name, set()).add(attrs.get("value", "on" if box else ""))
                if not box or "checked" in attrs:
                    self.form["fields"].append((name, attrs.get("value", "on" if box else "")))
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            self.form["buttons"].append((name, attrs.get("value", ""), attrs.get("formaction")))
        elif tag == "select" and name:
            self.select = name
            self.form["offered"].setdefault(name, set())
        elif tag == "option" and self.select:
            self.form["offered"][self.select].add(attrs.get("value", ""))
            if "selected" in attrs:
                self.form["fields"].append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        elif tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea and self.form is not None:
            self.form["fields"].append((self.textarea, self.text.removeprefix("\n")))
            self.form["offered"].setdefault(self.textarea, set())
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text += data


def forms_on(page):
    parser = Forms()
    parser.feed(page.content.decode())
    return parser.forms


def form_on(page, id_or_class):
    found = [form for form in forms_on(page) if id_or_class in form["id"].split() + [form["id"]]]
    assert found, f"no form {id_or_class!r} on the page"
    return found[0]


def fuzzed(data, form, *, buttons=True, extra_names=()):
    """What a hostile browser sends for `form`: each field kept, made hostile, left out or
    repeated; a few more fields (of the form or the site's own names); one of its submit
    buttons (perhaps with a hostile value). Returns (method, action, {name: [values]}, files)."""
    sent = {}

    def add(name, value):
        sent.setdefault(name, []).append(value)

    offered = form["offered"]
    for name, value in form["fields"]:
        if name == "csrfmiddlewaretoken":
            add(name, value)
            continue
        choice = data.draw(st.sampled_from(["keep", "keep", "keep", "hostile", "drop", "repeat",
                                            "offered"]), label=name)
        if choice in ("keep", "repeat"):
            add(name, value)
        if choice in ("hostile", "repeat"):
            add(name, data.draw(HOSTILE, label=name))
        if choice == "offered":
            add(name, data.draw(st.sampled_from(sorted(offered.get(name) or {value})), label=name))
    names = sorted(set(offered) | {"next", "page", "step", "letsconnect", "add_row", "prefill",
                                   "fix_available", "version", "capacity-picker-return",
                                   "capacity-picker-remove", *extra_names} - {"csrfmiddlewaretoken"})
    for name in data.draw(st.lists(st.sampled_from(names), max_size=3), label="extra fields"):
        values = sorted(offered.get(name) or ()) or [""]
        add(name, data.draw(st.one_of(HOSTILE, st.sampled_from(values)), label=name))
    action, method = form["action"] or "", form["method"]
    if buttons and form["buttons"]:
        name, value, formaction = data.draw(st.sampled_from(form["buttons"]), label="button")
        if name:
            add(name, data.draw(st.one_of(st.just(value), HOSTILE), label=name))
        action = formaction or action
    files = {}
    for name in form["files"]:
        content = data.draw(st.one_of(st.none(), st.binary(max_size=200),
                                      st.sampled_from([PNG, PNG[:30], b"GIF89a" + b"\x00" * 20,
                                                       b"<svg onload=alert(1)>"])), label=name)
        if content is not None:
            files[name] = SimpleUploadedFile(data.draw(st.sampled_from(
                ["shot.png", "../../x.png", "<script>.png", "a" * 300 + ".png", "\u202egnp.exe"])),
                content, content_type=data.draw(st.sampled_from(["image/png", "text/html", ""])))
    return method, urlsplit(action)._replace(fragment="").geturl(), sent, files


def submit(client, page_path, method, action, sent, files=None):
    target = action or page_path
    if method == "post":
        return client.post(target, {**sent, **(files or {})})
    return client.get(target, sent)


# A tiny valid PNG (1×1), for the screenshot field.
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
       b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


# --- The world the tests post into -------------------------------------------------------

pytestmark = pytest.mark.usefixtures("production")


@pytest.fixture(autouse=True)
def no_outside_network(settings, monkeypatch):
    """Every outside system at a closed port on this machine (a test that needs one starts a
    local fake, which overrides this), few retries, and a guard that fails any connection
    leaving the machine."""
    closed = "http://127.0.0.1:9"
    for name in ("METAWIKI_API_URL", "WIKIDATA_API_URL", "METABASE_SPARQL_URL", "WIKILEARN_URL",
                 "DIFF_API_URL"):
        setattr(settings, name, f"{closed}/{name.lower()}")
    settings.CAPX_HTTP_RETRIES, settings.CAPX_HTTP_BACKOFF = 0, 0
    settings.CAPX_HTTP_TIMEOUT, settings.CAPX_WIKIDATA_LOOKUP_TIMEOUT = 2, 2
    settings.CAPX_HTTP_RETRY_AFTER_MAX = 0
    connect = socket.socket.connect

    def local_only(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and \
                address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"a connection to {address} would leave the machine")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)


@pytest.fixture
def world(user):
    """Maria Silva (the `user` the `signed_in` client is) with a full profile, managing
    Wikimedia Brasil, which holds an event; Ana with a profile; a bug report of Maria's."""
    me = ProfileFactory(user=user, bio="Before", known=["media", "communication"],
                        available=["media"], wanted=["survey"], languages={"pt-br": 6},
                        territories=["BR"])
    ProfileFactory(username="Ana", bio="Ana's bio", known=["media"], available=["media"])
    brasil = OrganizationFactory(name="Wikimedia Brasil", slug="wikimedia-brasil", managers=[user],
                                 known=["media"], available=["media"], territories=["BR"])
    Project.objects.create(organization=brasil, name="WLM", link="https://wlm.example.org")
    event = EventFactory(organization=brasil, capacities=["media"])
    BugReport.objects.create(author=user, title="Broken", description="It broke.", kind="error")
    return {"me": me, "brasil": brasil, "event": event}


def profile_rows(user):
    profile = Profile.objects.filter(user=user)
    mine = {"profile__user": user}
    return rows(profile, User.objects.filter(pk=user.pk), ProfileLanguage.objects.filter(**mine),
                *(field.remote_field.through.objects.filter(**mine)
                  for field in Profile._meta.many_to_many),
                UserBadge.objects.filter(user=user), Registration.objects.filter(user=user))


def organization_rows(organization):
    ours = {"organization": organization}
    return rows(Organization.objects.filter(pk=organization.pk), Project.objects.filter(**ours),
                Document.objects.filter(**ours), Event.objects.filter(**ours),
                Event.capacities.through.objects.filter(event__organization=organization),
                *(field.remote_field.through.objects.filter(**ours)
                  for field in Organization._meta.many_to_many))


# --- Every form of every page ------------------------------------------------------------

# Pages read for their forms: every address of the site without an argument (from the
# resolver, so a page added later is read too) and these, with one: (who, path). Forms that
# end the session or erase what the rest fuzzes are left out here (FORMS_LEFT_OUT) and have
# their own tests below.
PAGES = [
    ("visitor", "/"), ("visitor", "/feed"), ("visitor", "/organizations"), ("visitor", "/events"),
    ("visitor", "/capacity"), ("visitor", "/capacity/media"), ("visitor", "/login"),
    ("visitor", "/statistics"), ("visitor", "/profile/Ana"),
    ("visitor", "/organization/wikimedia-brasil"),
    ("maria", "/home"), ("maria", "/feed"), ("maria", "/feed/saved"), ("maria", "/profile"),
    ("maria", "/profile/edit"), ("maria", "/capacity"), ("maria", "/capacity/media"),
    ("maria", "/capacity/suggest"), ("maria", "/capacity/picker/known?next=/profile/edit"),
    ("maria", "/report_bug"), ("maria", "/organization/wikimedia-brasil/edit"),
    ("maria", "/organization/wikimedia-brasil/events"),
    ("maria", "/organization/wikimedia-brasil/events/new"), ("maria", "/events/{event}/edit"),
    ("maria", "/events/{event}/delete"), ("maria", "/profile/delete"), ("maria", "/message"),
]
FORMS_LEFT_OUT = ("/logout", "/profile/delete", "/delete", "/oauth/")
NOT_PAGES = ("admin/", "oauth/", "letsconnect/", "logout")  # Django's and machines' own


def plain_addresses(patterns=None, prefix=""):
    """Every path of the site's URL patterns that takes no argument."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if "<" in route or route.startswith(NOT_PAGES) or "^" in route:
            continue
        if isinstance(pattern, URLResolver):
            yield from plain_addresses(pattern.url_patterns, route)
        else:
            yield "/" + route


@pytest.mark.django_db(databases=["default", "letsconnect"])  # /healthz asks both
def test_every_form_of_every_page(client, signed_in, world, event_sources):
    """Each form the pages show (read from their HTML), submitted with hostile values, by
    the person the page was shown to."""
    clients = {"visitor": Client(), "maria": signed_in}
    seen = {}
    plain = [(who, path) for path in sorted(set(plain_addresses())) for who in clients]
    assert len(plain) > 30
    for who, path in PAGES + plain:
        path = path.format(event=world["event"].pk)
        page = clients[who].get(path)
        if (who, path) in PAGES:
            assert page.status_code == 200, path
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue  # to sign in, a write only, a file
        for form in forms_on(page):
            action = urlsplit(form["action"] or path).path
            # One of each kind: the directory's hundred "Add to Known" forms are one form.
            key = (who, form["method"], resolve(action).route, form["id"])
            if not any(left in action for left in FORMS_LEFT_OUT):
                seen.setdefault(key, (who, path, form))
    assert len(seen) >= 20, sorted(seen)  # the site's forms were found

    for who, path, form in seen.values():
        @SMALL_BUDGET
        @given(data=st.data())
        def fuzz(data):
            method, action, sent, files = fuzzed(data, form)
            assert_answered(submit(clients[who], path, method, action, sent, files), blank_ok=True)

        fuzz()


# --- Filters: every parameter of every page that reads one -------------------------------

FILTERS = {
    "/feed": ["q", "capacity", "exchange", "proficient", "territory", "language", "affiliation",
              "party", "page"],
    "/organizations": ["q", "type", "territory", "page"],
    "/events": ["when", "capacity", "territory", "location", "organization", "from", "to", "page"],
    "/events.ics": ["when", "capacity", "territory", "location", "organization", "from", "to"],
    "/capacity": ["q", "open", "info"],
    "/capacity/search": ["q"],
    "/capacity/media": ["q"],
    "/capacity/picker/known": ["next", "known", "q", "capacity", "page"],
    "/statistics": ["map"],
    "/login": ["next"],
    "/": ["next", "q"],
    "/home": ["q"],
    "/feed/saved": ["page"],
    "/report_bug/submissions": ["page"],
    "/profile/edit": ["known", "available", "wanted"],
    "/organization/wikimedia-brasil/edit": ["known", "available", "wanted"],
    "/organization/wikimedia-brasil": ["page"],
    "/profile/Ana": ["q"],
    "/profile/ana": ["q"],  # not the canonical name: sent there, its query with it
    "/profile/Ana/qr.svg": ["download"],
    "/letsconnect/exists/": ["username"],
    "/letsconnect/profile/": ["username"],
    "/letsconnect/user-badges/": ["username"],
}
# Values a filter would take, mixed in so that hostile values meet real ones.
REAL = ["media", "communication", "BR", "americas", "pt-br", "en", "wikimedia-brasil", "user",
        "organization", "sharer", "learner", "on", "past", "upcoming", "virtual", "hybrid",
        "2030-01-01", "1", "2", "U", "members", "/feed"]
FILTER_VALUES = st.one_of(HOSTILE, NUMBERS, st.sampled_from(REAL))


@pytest.mark.django_db(databases=["default", "letsconnect"])
@pytest.mark.parametrize("path", FILTERS)
def test_filters_take_any_value(path, signed_in, world):
    @SMALL_BUDGET
    @given(query=st.lists(st.tuples(st.sampled_from(FILTERS[path] + ["unknown", "page"]),
                                    FILTER_VALUES), max_size=6))
    def fuzz(query):
        answer = signed_in.get(path, QUERY_STRING=urlencode(query))
        assert_answered(answer, blank_ok=path == "/capacity/search")
        if answer.status_code == 200 and path in ("/feed", "/events"):
            unknown = [value.strip() for key, value in query if key in ("capacity", "territory",
                       "language", "affiliation", "organization") and value.strip()
                       and value.strip()[:100] not in REAL]
            if unknown:  # a value that names nothing is said to be left out
                assert "were not recognized and were left out" in text_of(answer)

    fuzz()


@pytest.mark.parametrize("path", [path for path in FILTERS if not path.startswith("/letsconnect")])
def test_invalid_utf8_in_the_query_string(path, signed_in, world):
    """Bytes that are no UTF-8, percent-encoded or raw, in each parameter."""
    @TINY_BUDGET
    @given(key=st.sampled_from(FILTERS[path]), raw=st.binary(min_size=1, max_size=40),
           encoded=st.booleans())
    def fuzz(key, raw, encoded):
        value = quote_from_bytes(raw) if encoded else raw.decode("latin-1")
        assert_answered(signed_in.get(path, QUERY_STRING=f"{key}={value}&{key}=%ff%fe%c0%af"),
                        blank_ok=path == "/capacity/search")

    fuzz()
    assert_answered(signed_in.get("/feed", QUERY_STRING="q=%ff%fe"))
    assert_answered(signed_in.get("/feed", QUERY_STRING="%ff%fe=%c3%28&capacity=%ed%a0%80"))


def test_feed_filters_say_what_they_left_out(client, world):
    page = client.get("/feed", {"capacity": ["media", SCRIPT], "territory": "' OR 1=1 --",
                                "q": "a" * 10_001, "page": "99999999999999999999"})
    assert page.status_code == 200
    assert "were not recognized and were left out" in text_of(page)
    assert "&lt;script&gt;" in page.content.decode() or "at most 100 characters" in text_of(page)


def test_organization_filters_show_errors_next_to_their_fields(client, world):
    page = client.get("/organizations", {"type": SCRIPT, "territory": "\u202eBR", "q": "' OR 1=1 --",
                                         "page": "-1"})
    assert page.status_code == 200
    assert "There is no such type" in text_of(page) and "There is no such territory" in text_of(page)
    assert_answered(page)


def test_event_filters_show_errors_next_to_their_fields(client, world):
    page = client.get("/events", {"from": "yesterday", "to": "<script>", "when": "' OR 1=1 --"})
    assert page.status_code == 200 and 'class="errorlist' in page.content.decode()
    assert_answered(page)


@pytest.mark.parametrize("path", ["/feed", "/organizations", "/events", "/feed/saved",
                                  "/report_bug/submissions", "/message/sent"])
def test_page_numbers_of_every_kind(path, signed_in, world):
    @SMALL_BUDGET
    @given(number=NUMBERS)
    def fuzz(number):
        answer = signed_in.get(path, {"page": number})
        assert_answered(answer)
        assert answer.status_code in (200, 302)

    fuzz()


# --- Unknown slugs and ids in addresses ----------------------------------------------------

ADDRESSES = ["/profile/{}", "/profile/{}/qr.svg", "/capacity/{}", "/organization/{}",
             "/organization/{}/edit", "/organization/{}/events", "/organization/{}/events/new",
             "/capacity/picker/{}", "/letsconnect/badge/{}/"]
IDS = ["/events/{}.ics", "/events/{}/edit", "/events/{}/delete", "/report_bug/{}/screenshot"]


@pytest.mark.django_db(databases=["default", "letsconnect"])
def test_unknown_slugs_and_ids_in_addresses(signed_in, world):
    @BUDGET
    @given(address=st.sampled_from(ADDRESSES + IDS), part=st.one_of(HOSTILE, NUMBERS),
           raw=st.binary(max_size=8))
    def fuzz(address, part, raw):
        path = address.format(quote(part, safe="") + quote_from_bytes(raw))
        if len(path) > 8000:
            path = path[:8000]
        answer = signed_in.get(path)
        assert_answered(answer)
        assert answer.status_code in (200, 301, 302, 403, 404), (path, answer.status_code)

    fuzz()


@pytest.mark.parametrize("path", ["/feed/saved/{}", "/feed/saved/organization/{}",
                                  "/capacity/{}/add"])
def test_unknown_ids_in_the_flags_and_buttons(path, signed_in, world):
    before = rows(SavedProfile.objects.all()), profile_rows(world["me"].user)
    real = set(Profile.objects.values_list("pk", flat=True)) | set(
        Organization.objects.values_list("pk", flat=True))

    @SMALL_BUDGET
    @given(part=st.one_of(NUMBERS, HOSTILE))
    def fuzz(part):
        if part.isascii() and part.isdigit() and len(part) < 20 and int(part) in real:
            return  # a real one: not what this test is about
        answer = signed_in.post(path.format(quote(part, safe="")), {"saved": "1", "list": "known"})
        assert_answered(answer)
        assert answer.status_code in (302, 400, 404), answer.status_code

    fuzz()
    assert (rows(SavedProfile.objects.all()), profile_rows(world["me"].user)) == before


# --- The forms that store something: stored rows compared --------------------------------

def test_the_profile_editor(signed_in, user, world):
    editor = form_on(signed_in.get("/profile/edit"), "profile-form")

    @BUDGET
    @given(data=st.data())
    def fuzz(data):
        page = signed_in.get("/profile/edit")
        form = {**editor, "fields": form_on(page, "profile-form")["fields"]}  # its version now
        method, action, sent, _files = fuzzed(data, form, extra_names=(
            "show_wikidata_item", "show_wikidata_photo", "signed_in_only", "languages-TOTAL_FORMS",
            "languages-0-language", "languages-0-DELETE", "languages-1-language",
            "languages-1-proficiency", "displayed_badges"))
        before = profile_rows(user)
        answer = signed_in.post(action or "/profile/edit", sent)
        assert_answered(answer)
        if action not in ("", "/profile/edit"):
            return  # the capacity picker page, carrying the form
        if answer.status_code == 302:
            assert answer["Location"] == "/profile"
            for shown in ("/profile", "/profile/Maria Silva", "/feed", "/profile/edit"):
                assert_answered(signed_in.get(shown))
        else:
            assert profile_rows(user) == before
            a_save = not any(name in sent for name in (
                "import_known", "letsconnect", "capacity-picker-return", "capacity-picker-remove"))
            if a_save:
                assert answer.status_code == 400 or says_what_is_wrong(answer)

    fuzz()


@pytest.mark.parametrize("field", ["bio", "alt_account", "bio_language", "languages-0-language",
                                   "known", "territories", "affiliations", "avatar", "version",
                                   "languages-TOTAL_FORMS", "languages-0-proficiency"])
def test_a_refused_profile_changes_nothing(signed_in, user, world, field):
    """Each field alone made hostile (with the bio changed too): refused, nothing stored."""
    @TINY_BUDGET
    @given(value=st.one_of(st.sampled_from([SCRIPT, "a" * 10_001, "' OR 1=1 --", "-1",
                                            "99999999999999999999", "\u202e" * 600]), HOSTILE))
    def fuzz(value):
        sent = {}
        for name, shown in form_on(signed_in.get("/profile/edit"), "profile-form")["fields"]:
            sent.setdefault(name, []).append(shown)
        before = profile_rows(user)
        answer = signed_in.post("/profile/edit", {**sent, "bio": ["Changed"], field: [value]})
        assert_answered(answer)
        if answer.status_code == 302:  # a value the field takes after all: shown escaped
            assert_answered(signed_in.get("/profile"))
            return
        assert profile_rows(user) == before
        assert answer.status_code == 400 or says_what_is_wrong(answer)

    fuzz()


def test_the_lets_connect_special_form(signed_in, user, world, lc):
    """The special form inside /profile/edit: every step, hostile answers; nothing reaches
    Let's Connect or the database unless confirmed and saved."""
    @SMALL_BUDGET
    @given(data=st.data())
    def fuzz(data):
        page = signed_in.get("/profile/edit")
        form = form_on(page, "profile-form")
        method, action, sent, _files = fuzzed(data, form, extra_names=(
            "lc-full_name", "lc-email", "lc-role", "lc-areas", "lc-area_other", "lc-gender",
            "lc-gender_other", "lc-age", "lc-confirmed", "letsconnect_integrated"))
        for name in ("lc-full_name", "lc-email", "lc-area_other", "lc-gender_other"):
            sent[name] = [data.draw(HOSTILE, label=name)]
        sent["letsconnect"] = [data.draw(st.sampled_from(
            ["review", "confirm", "clear", "integrate_ask", "integrate_cancel", "integrate", SCRIPT]))]
        before = profile_rows(user), len(lc.registrations)
        answer = signed_in.post("/profile/edit", sent)
        assert_answered(answer)
        if sent["letsconnect"][0] != SCRIPT:  # a step: the editor again, nothing saved
            assert answer.status_code in (200, 400)
            assert (profile_rows(user), len(lc.registrations)) == before

    fuzz()


def test_the_organization_editor(signed_in, world):
    brasil = world["brasil"]

    @BUDGET
    @given(data=st.data())
    def fuzz(data):
        page = signed_in.get("/organization/wikimedia-brasil/edit")
        form = form_on(page, "organization-form")
        method, action, sent, _files = fuzzed(data, form, extra_names=(
            "projects-TOTAL_FORMS", "projects-0-name", "projects-0-DELETE", "tags-TOTAL_FORMS",
            "tags-0-tag", "documents-TOTAL_FORMS", "documents-0-url", "projects-5-name"))
        before = organization_rows(brasil)
        answer = signed_in.post(action or "/organization/wikimedia-brasil/edit", sent)
        assert_answered(answer)
        if urlsplit(action).path not in ("", "/organization/wikimedia-brasil/edit"):
            return
        if answer.status_code == 302:
            assert answer["Location"] == "/organization/wikimedia-brasil"
            for shown in ("/organization/wikimedia-brasil", "/organizations", "/feed",
                          "/organizations?q=wikimedia"):
                assert_answered(signed_in.get(shown))
        else:
            assert organization_rows(brasil) == before
            assert answer.status_code == 400 or says_what_is_wrong(answer)

    fuzz()


EVENT_PAGES = ("/events", "/events?when=past", "/events.ics", "/organization/wikimedia-brasil/events",
               "/organization/wikimedia-brasil")


def test_the_event_editor(signed_in, world, event_sources):
    """A new event and a saved one, Search (prefill) included; whatever is saved, the pages
    that list events still answer."""
    event = world["event"]
    paths = ["/organization/wikimedia-brasil/events/new", f"/events/{event.pk}/edit"]
    dates = st.one_of(HOSTILE, st.sampled_from([
        "9999-12-31T23:59", "0001-01-01T00:00", "2030-02-30T10:00", "2030-01-01T25:00",
        "2030-01-01", "10000-01-01T00:00", "2030-01-01T10:00", "2030-01-02T10:00"]))
    # Times at the ends of the calendar, in the zones furthest from UTC.
    far = st.sampled_from([("0001-01-01T00:00", "2030-01-01T10:00"),
                           ("2030-01-01T10:00", "9999-12-31T23:59"),
                           ("0001-01-01T00:00", "0001-01-01T05:00"),
                           ("9999-12-31T20:00", "9999-12-31T23:00")])

    @BUDGET
    @given(data=st.data())
    def fuzz(data):
        path = data.draw(st.sampled_from(paths))
        form = form_on(signed_in.get(path), "event-form")
        method, action, sent, _files = fuzzed(data, form)
        for name in ("start", "end"):
            if data.draw(st.booleans()):
                sent[name] = [data.draw(dates)]
        if data.draw(st.booleans()):
            sent["start"], sent["end"] = ([moment] for moment in data.draw(far))
        if data.draw(st.booleans()):
            sent["time_zone"] = [data.draw(st.sampled_from(
                ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC", "Etc/GMT+12", SCRIPT]))]
        before = organization_rows(world["brasil"])
        answer = signed_in.post(action or path, sent)
        assert_answered(answer)
        if answer.status_code != 302:
            assert organization_rows(world["brasil"]) == before
        for shown in EVENT_PAGES:
            assert_answered(signed_in.get(shown))
        assert_calendar_is_well_formed(signed_in.get("/events.ics"))
        for pk in world["brasil"].events.values_list("pk", flat=True):
            assert_calendar_is_well_formed(signed_in.get(f"/events/{pk}.ics"))

    fuzz()


def test_the_featured_events(signed_in, world):
    brasil = world["brasil"]
    EventFactory.create_batch(5, organization=brasil)

    @SMALL_BUDGET
    @given(featured=st.lists(st.one_of(NUMBERS, st.sampled_from(
        [str(pk) for pk in brasil.events.values_list("pk", flat=True)])), max_size=8))
    def fuzz(featured):
        before = organization_rows(brasil)
        answer = signed_in.post("/organization/wikimedia-brasil/events", {"featured": featured})
        assert_answered(answer)
        if answer.status_code != 302:
            assert organization_rows(brasil) == before and says_what_is_wrong(answer)
        assert brasil.events.filter(featured=True).count() <= 4

    fuzz()


def test_bug_reports(signed_in, user, world, settings):
    settings.CAPX_BUG_REPORTS_PER_DAY = 1000
    form = form_on(signed_in.get("/report_bug"), "report-form")

    @BUDGET
    @given(data=st.data())
    def fuzz(data):
        method, action, sent, files = fuzzed(data, form)
        sent.setdefault("title", [data.draw(HOSTILE)])
        before = rows(BugReport.objects.all())
        answer = signed_in.post("/report_bug", {**sent, **files})
        assert_answered(answer)
        if answer.status_code == 302:
            assert answer["Location"] == "/report_bug/submissions"
            assert_answered(signed_in.get("/report_bug/submissions"))
            report = BugReport.objects.latest("pk")
            if report.screenshot is not None:
                shot = signed_in.get(f"/report_bug/{report.pk}/screenshot")
                assert shot["Content-Type"] in ("image/png", "image/jpeg", "image/gif", "image/webp")
        else:
            assert rows(BugReport.objects.all()) == before and says_what_is_wrong(answer)

    fuzz()


def test_capacity_suggestions(signed_in, world):
    @BUDGET
    @given(title=HOSTILE, description=HOSTILE)
    def fuzz(title, description):
        before = rows(CapacitySuggestion.objects.all())
        answer = signed_in.post("/capacity/suggest", {"title": title, "description": description})
        assert_answered(answer)
        if answer.status_code != 302:
            assert rows(CapacitySuggestion.objects.all()) == before and says_what_is_wrong(answer)

    fuzz()


def test_the_development_login(world):
    @BUDGET
    @given(username=HOSTILE, next_=st.one_of(HOSTILE, st.sampled_from(ELSEWHERE)))
    def fuzz(username, next_):
        before = rows(User.objects.all())
        answer = Client().post("/login/dev", {"username": username, "next": next_})
        assert_answered(answer)
        if answer.status_code != 302:
            assert rows(User.objects.all()) == before
            assert answer.status_code == 400 and says_what_is_wrong(answer)
        else:
            assert not User.objects.filter(username__contains="<").exists()  # never a name MediaWiki refuses

    fuzz()


def test_language_and_theme_switches(signed_in, user, world):
    @BUDGET
    @given(language=st.one_of(HOSTILE, st.sampled_from(["en", "pt-br", "ar", "xx", "EN", "de",
                                                       "en-aaaaaaaa-bbbbbbbb"])),
           theme=st.one_of(HOSTILE, st.sampled_from(["auto", "light", "dark"])),
           next_=st.one_of(HOSTILE, st.sampled_from(ELSEWHERE)), as_json=st.booleans())
    def fuzz(language, theme, next_, as_json):
        before = User.objects.get(pk=user.pk).language
        answer = signed_in.post("/language", {"language": language, "next": next_},
                                HTTP_REFERER=next_ if next_.isprintable() else "")
        assert_answered(answer)
        # Only one of the site's languages is kept.
        assert User.objects.get(pk=user.pk).language in {before, "en", "pt-br", "ar"}
        answer = signed_in.post("/theme", {"theme": theme, "next": next_},
                                HTTP_ACCEPT="application/json" if as_json else "text/html")
        assert_answered(answer)
        if theme not in ("auto", "light", "dark"):
            assert "capx_theme" not in answer.cookies or answer.cookies["capx_theme"].value in (
                "auto", "light", "dark")
        # A hostile theme cookie is not shown as a theme either.
        signed_in.cookies["capx_theme"] = "".join(  # what a cookie can carry
            c for c in theme if c.isprintable() and c not in ';,"\\' and ord(c) < 256)
        assert_answered(signed_in.get("/"))
        del signed_in.cookies["capx_theme"]

    fuzz()


def test_saving_profiles_and_adding_capacities(signed_in, user, world):
    ana = Profile.objects.get(user__username="Ana")

    @BUDGET
    @given(saved=HOSTILE, which=st.one_of(HOSTILE, st.sampled_from(["known", "wanted", "available"])),
           next_=st.one_of(HOSTILE, st.sampled_from(ELSEWHERE)), as_json=st.booleans())
    def fuzz(saved, which, next_, as_json):
        accept = {"HTTP_ACCEPT": "application/json"} if as_json else {}
        before = rows(SavedProfile.objects.all()), profile_rows(user)
        for path in (f"/feed/saved/{ana.pk}", f"/feed/saved/organization/{world['brasil'].pk}",
                     f"/feed/saved/{world['me'].pk}"):
            answer = signed_in.post(path, {"saved": saved, "next": next_}, **accept)
            assert_answered(answer)
            if as_json and answer.status_code == 200:
                json.loads(answer.content)
        answer = signed_in.post("/capacity/survey/add", {"list": which, "next": next_})
        assert_answered(answer)
        if which not in ("known", "wanted"):  # refused: the profile is as it was
            assert profile_rows(user) == before[1]
        assert set(SavedProfile.objects.values_list("owner", flat=True)) <= {user.pk}
        assert not SavedProfile.objects.filter(owner=user, profile=world["me"]).exists()

    fuzz()


def test_messages(maria, wiki):
    """/message and its steps (Check recipient, Send message, Cancel, Confirm/Send), with
    Meta-Wiki a local fake: hostile To, Subject and Message; what is sent is shown escaped."""
    sender = User.objects.get(username="Maria Silva")
    csrf = maria.cookies["csrftoken"].value

    @BUDGET
    @given(to=st.one_of(HOSTILE, st.just("Ana Lima")), subject=HOSTILE, text=HOSTILE,
           method=st.one_of(HOSTILE, st.sampled_from(["email", "talkpage"])),
           email_possible=st.one_of(HOSTILE, st.just("True")),
           step=st.one_of(HOSTILE, st.sampled_from(["check", "review", "edit", "send"])))
    def fuzz(to, subject, text, method, email_possible, step):
        before = rows(Message.objects.filter(status=Message.Status.SENT))
        answer = maria.post("/message", {"to": to, "subject": subject, "text": text,
                                         "method": method, "email_possible": email_possible,
                                         "step": step, "csrfmiddlewaretoken": csrf})
        assert_answered(answer)
        if answer.status_code == 302:
            assert answer["Location"].startswith("/message?sent=")
            assert_answered(maria.get(answer["Location"]))
            assert_answered(maria.get("/message/sent"))
        else:
            assert rows(Message.objects.filter(status=Message.Status.SENT)) == before
        recipient = maria.get("/message/recipient", {"to": to})
        assert recipient.status_code == 200 and json.loads(recipient.content)
        assert_answered(maria.get("/message", {"to": to, "sent": step}))

    fuzz()
    assert not Message.objects.exclude(sender=sender).exists()


@pytest.mark.django_db(databases=["default", "letsconnect"])
@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # 10k-character tokens
def test_the_lets_connect_receiver_takes_any_body(client):
    @BUDGET
    @given(body=st.one_of(st.binary(max_size=200), HOSTILE.map(str.encode),
                          st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), HOSTILE),
                                       lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                               st.dictionaries(HOSTILE, inner,
                                                                               max_size=3)),
                                       max_leaves=6).map(lambda value: json.dumps(value).encode()),
                          HOSTILE.map(lambda token: json.dumps({"token": token}).encode())))
    def fuzz(body):
        answer = client.post("/letsconnect/endpoint/", body, content_type="application/json")
        assert 400 <= answer.status_code < 500 or answer.status_code == 503, answer.status_code
        assert json.loads(answer.content)["error"]

    fuzz()


# --- Open redirects -------------------------------------------------------------------------

def test_next_never_leads_off_the_site(client, signed_in, user, world):
    """Everywhere `next` is read: the development login, /login, logout, the save flags,
    "Add to Known", the language and theme switches, the capacity picker's way back, the
    event editor, the admin's login."""
    ana = Profile.objects.get(user__username="Ana")
    event = world["event"]

    @BUDGET
    @given(target=st.one_of(st.sampled_from(ELSEWHERE), HOSTILE,
                            st.sampled_from(ELSEWHERE).map(lambda bad: "/feed" + bad)))
    def fuzz(target):
        if "\x00" in target:
            return  # refused before any view (tests/security/test_bad_input.py)
        answers = [
            Client().post("/login/dev", {"username": "Ana Visitor", "next": target}),
            signed_in.get("/login", {"next": target}),
            Client().get("/admin/login/", {"next": target}),
            signed_in.post(f"/feed/saved/{ana.pk}", {"saved": "1", "next": target}),
            signed_in.post(f"/feed/saved/organization/{world['brasil'].pk}",
                           {"saved": "0", "next": target}),
            signed_in.post(f"/feed/saved/{world['me'].pk}", {"saved": "1", "next": target}),
            signed_in.post("/capacity/media/add", {"list": "wanted", "next": target}),
            signed_in.post("/language", {"language": "en", "next": target}),
            signed_in.post("/language", {"language": "en", "next": target}, HTTP_REFERER=target
                           if target.isprintable() else ""),
            signed_in.post("/theme", {"theme": "dark", "next": target}),
            signed_in.post("/theme", {"theme": "neon", "next": target}),
        ]
        for answer in answers:
            assert_answered(answer)
            assert answer.status_code in (301, 302), answer.status_code
        # The picker page sends its form back to a path of this site only.
        for picker in (signed_in.get("/capacity/picker/known", {"next": target}),
                       signed_in.post("/capacity/picker/known", {"next": target})):
            assert_answered(picker)
            action = form_on(picker, "capacity-picker-page")["action"]
            assert_stays_on_site(html.unescape(action))
        # The event editor goes back where it was opened, on this site only.
        page = signed_in.get(f"/events/{event.pk}/edit", {"next": target})
        assert_answered(page)
        sent = {}
        for name, value in form_on(page, "event-form")["fields"]:
            sent.setdefault(name, []).append(value)
        sent["next"] = [target]
        saved = signed_in.post(f"/events/{event.pk}/edit", sent)
        assert saved.status_code == 302
        assert_stays_on_site(saved["Location"])
        # Logging out last: the next example signs in again.
        out = signed_in.post("/logout", {"next": target})
        assert out.status_code == 302
        assert_stays_on_site(out["Location"])
        signed_in.force_login(user)

    fuzz()


def test_next_through_the_meta_wiki_login(metawiki):
    """A crafted form posting `next` straight to the start of the Meta-Wiki login (the fake,
    on this machine): the login still ends on this site."""
    from tests.capx.test_login import allow_on_metawiki, login_form

    @SMALL_BUDGET
    @given(target=st.one_of(st.sampled_from(ELSEWHERE), HOSTILE))
    def fuzz(target):
        if "\x00" in target:
            return
        browser = Client(enforce_csrf_checks=True)
        fields = login_form(browser.get("/login"))[1]
        started = browser.post("/oauth/login/mediawiki/", {**fields, "next": target})
        assert started.status_code == 302
        answer = browser.get(allow_on_metawiki(started["Location"]))
        assert_answered(answer)
        assert answer.status_code == 302
        assert_stays_on_site(answer["Location"])

    fuzz()


# --- Headers and cookies -------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/feed", "/events", "/profile/Ana", "/capacity",
                                  "/organizations", "/profile/edit", "/events.ics"])
def test_hostile_headers_and_cookies(path, user, world):
    """The language and theme cookies, the session and CSRF cookies, Accept-Language and
    Accept: whatever they hold, the page answers, in one of the site's languages."""
    cookie_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xff,
                                        exclude_characters=';,"\\\x7f'), max_size=40)

    @TINY_BUDGET
    @given(language=st.one_of(cookie_text, st.sampled_from(["de", "en-aaaaaaaa-bbbbbbbb", "EN",
                                                            "pt", "ar-EG", "zz", "../../etc"])),
           theme=cookie_text, session=cookie_text, csrf=cookie_text,
           accept_language=st.one_of(cookie_text, st.sampled_from(
               ["*", "de;q=1.0, ar;q=0.9", "x" * 5000, "pt-BR,pt;q=0.9", ";q=", "en;q=NaN"])),
           accept=st.one_of(cookie_text, st.just("application/json")), signed_in=st.booleans())
    def fuzz(language, theme, session, csrf, accept_language, accept, signed_in):
        client = Client(HTTP_ACCEPT_LANGUAGE=accept_language, HTTP_ACCEPT=accept)
        if signed_in:
            client.force_login(user)
        else:
            client.cookies["sessionid"] = session
        client.cookies["capx_language"] = language
        client.cookies["capx_theme"] = theme
        client.cookies["csrftoken"] = csrf
        answer = client.get(path)
        assert_answered(answer)
        if answer.status_code == 200 and "html" in answer["Content-Type"]:
            assert re.search(r'<html lang="(en|pt-br|ar)"', answer.content.decode())

    fuzz()


# --- Bodies no browser sends ---------------------------------------------------------------

FORM_POSTS = ["/profile/edit", "/login/dev", "/capacity/suggest", "/report_bug", "/language",
              "/theme", "/organization/wikimedia-brasil/edit", "/organization/wikimedia-brasil/events",
              "/organization/wikimedia-brasil/events/new", "/capacity/media/add",
              "/capacity/picker/known", "/feed/saved/{ana}", "/logout"]


def test_invalid_utf8_in_a_form(signed_in, user, world):
    """Form bodies that are no UTF-8 (field names and values), urlencoded or raw."""
    ana = Profile.objects.get(user__username="Ana").pk

    @BUDGET
    @given(path=st.sampled_from(FORM_POSTS), raw=st.binary(min_size=1, max_size=60),
           name=st.sampled_from(["bio", "username", "title", "language", "theme", "next",
                                 "name_en", "featured", "list", "known", "saved"]),
           encoded=st.booleans())
    def fuzz(path, raw, name, encoded):
        value = quote_from_bytes(raw).encode() if encoded else raw.replace(b"&", b"").replace(b"=", b"")
        body = name.encode() + b"=" + value + b"&" + value + b"=%ff%fe&bio=%c0%af"
        before = profile_rows(user)
        answer = signed_in.post(path.format(ana=ana), body,
                                content_type="application/x-www-form-urlencoded")
        assert_answered(answer)
        if path == "/profile/edit" and answer.status_code != 302:
            assert profile_rows(user) == before
        signed_in.force_login(user)  # after /logout

    fuzz()


def test_too_many_fields_and_too_large_forms(signed_in, user, world):
    """Past Django's limits (1000 fields, 2.5 MB): a 400 page that says so, nothing stored."""
    before = profile_rows(user)
    for body in ({f"field{n}": "x" for n in range(1100)}, {"bio": "x" * 3_000_000},
                 {"languages-TOTAL_FORMS": "100000000", "languages-INITIAL_FORMS": "0",
                  "bio": "Changed"}):
        answer = signed_in.post("/profile/edit", body)
        assert_answered(answer)
        assert answer.status_code in (200, 400)
        assert answer.status_code == 400 or says_what_is_wrong(answer)
    assert profile_rows(user) == before
    answer = signed_in.post("/report_bug", {"title": "Big", "description": "x", "kind": "error",
                                            "screenshot_file": SimpleUploadedFile(
                                                "big.png", PNG + b"\x00" * 3_000_000)})
    assert_answered(answer)
    assert not BugReport.objects.filter(title="Big").exists() and says_what_is_wrong(answer)


# --- The admin's lists: search, filters, ordering, pages ----------------------------------

@pytest.mark.django_db(databases=["default", "letsconnect"])
def test_the_admin_lists_take_any_filter(staff, world):
    lists = [reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
             for model in admin.site._registry]
    assert len(lists) >= 10

    @BUDGET
    @given(path=st.sampled_from(lists), query=st.lists(st.tuples(
        st.sampled_from(["q", "o", "p", "all", "e", "_to_field", "status__exact", "kind__exact",
                         "id__gte", "created_at__gte", "is_staff__exact", "organization__id__exact"]),
        FILTER_VALUES), max_size=4))
    def fuzz(path, query):
        answer = staff.get(path, QUERY_STRING=urlencode(query))
        assert answer.status_code < 500, (path, query)
        if answer.status_code == 200:
            for canary in CANARIES:
                assert canary not in answer.content.decode()

    fuzz()


@pytest.mark.django_db(databases=["default", "letsconnect"])
def test_the_admin_forms(staff, world):
    """Staff's add and change forms of every model, hostile values in their fields: never a
    5xx; and whatever staff could save, the public pages still answer."""
    pages = []
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{name}_add"))
        first = model._default_manager.using(
            "letsconnect" if model._meta.app_label == "letsconnect_receiver" else "default").first()
        if first is not None:
            pages.append(reverse(f"{name}_change", args=[first.pk]))
    forms = {}
    for path in pages:
        page = staff.get(path)
        if page.status_code == 200:
            found = [form for form in forms_on(page) if form["method"] == "post"
                     and "_form" in form["id"]]
            if found:
                forms[path] = found[0]
    assert len(forms) >= 15, sorted(forms)

    for path, form in forms.items():
        @hypothesis_settings(TINY_BUDGET, max_examples=round(4 * SCALE))
        @given(data=st.data())
        def fuzz(data):
            method, action, sent, files = fuzzed(data, form)
            answer = staff.post(action or path, {**sent, **files})
            assert answer.status_code < 500, (path, answer.status_code)
            if "html" in answer.get("Content-Type", ""):
                for canary in CANARIES:
                    assert canary not in answer.content.decode(), path

        fuzz()
    visitor = Client()
    for shown in ("/", "/feed", "/organizations", "/events", "/events.ics", "/capacity",
                  "/statistics", "/organization/wikimedia-brasil", "/profile/Ana"):
        assert_answered(visitor.get(shown))
        assert_answered(staff.get(shown))


# --- Stored text is shown escaped ----------------------------------------------------------

def test_stored_hostile_text_is_shown_escaped(signed_in, user, world, settings, staff):
    """Each text a form stores, saved with markup in it, then shown on every page that shows
    it: as text (&lt;script&gt;), never as markup."""
    settings.CAPX_BUG_REPORTS_PER_DAY = 100
    escaped = html.escape(SCRIPT, quote=False)

    def shown_escaped(path, *, text=escaped):
        page = signed_in.get(path)
        assert_answered(page)
        assert text in page.content.decode() or html.escape(SCRIPT) in page.content.decode(), path

    page = signed_in.get("/profile/edit")
    sent = {}
    for name, value in form_on(page, "profile-form")["fields"]:
        sent.setdefault(name, []).append(value)
    sent["bio"] = [f"Hi {SCRIPT} \u202ebidi\u202c"]
    assert signed_in.post("/profile/edit", sent).status_code == 302
    shown_escaped("/profile")
    shown_escaped("/profile/Maria Silva")

    page = signed_in.get("/organization/wikimedia-brasil/edit")
    sent = {}
    for name, value in form_on(page, "organization-form")["fields"]:
        sent.setdefault(name, []).append(value)
    sent.update({"name_en": [SCRIPT], "acronym": ["<b>W</b>"], "local_name": [SCRIPT],
                 "projects-0-name": [SCRIPT], "tags-TOTAL_FORMS": ["1"], "tags-0-tag": [SCRIPT]})
    answer = signed_in.post("/organization/wikimedia-brasil/edit", sent)
    assert answer.status_code == 302, says_what_is_wrong(answer)
    for path in ("/organization/wikimedia-brasil", "/organizations", "/feed", "/events",
                 "/organization/wikimedia-brasil/events", "/feed?party=organization"):
        shown_escaped(path)

    page = signed_in.get("/organization/wikimedia-brasil/events/new")
    sent = {}
    for name, value in form_on(page, "event-form")["fields"]:
        sent.setdefault(name, []).append(value)
    sent.update({"url": ["https://example.org/e"], "name": [SCRIPT], "description": [SCRIPT],
                 "place": [SCRIPT], "start": ["2031-01-01T10:00"], "end": ["2031-01-01T12:00"],
                 "location_type": ["in_person"]})
    answer = signed_in.post("/organization/wikimedia-brasil/events/new", sent)
    assert answer.status_code == 302, says_what_is_wrong(answer)
    shown_escaped("/events")
    shown_escaped("/organization/wikimedia-brasil/events")

    assert signed_in.post("/report_bug", {"title": SCRIPT, "description": SCRIPT,
                                          "kind": "error"}).status_code == 302
    shown_escaped("/report_bug/submissions")

    assert signed_in.post("/capacity/suggest", {"title": SCRIPT, "description": SCRIPT}
                          ).status_code == 302
    for path in ("/admin/capacities/capacitysuggestion/", "/admin/bugreports/bugreport/",
                 "/admin/events/event/", "/admin/organizations/organization/"):
        page = staff.get(path)
        assert page.status_code == 200, path
        assert escaped in page.content.decode() or html.escape(SCRIPT) in page.content.decode()
        assert_answered(page)


def test_a_message_with_markup_is_shown_escaped(maria, wiki):
    """CapX keeps no subject or text: the confirmation shows them, as text."""
    csrf = maria.cookies["csrftoken"].value
    message = {"to": "Ana Lima", "method": "email", "subject": SCRIPT,
               "text": f"{SCRIPT}\n\u202etxet", "email_possible": "True",
               "csrfmiddlewaretoken": csrf}
    for step in ("review", "edit"):
        page = maria.post("/message", {**message, "step": step})
        assert page.status_code == 200 and html.escape(SCRIPT) in page.content.decode()
        assert_answered(page)
    answer = maria.post("/message", {**message, "step": "send"})
    assert answer.status_code == 302
    for path in (answer["Location"], "/message/sent"):
        assert_answered(maria.get(path))


def test_lets_connect_answers_are_shown_escaped(signed_in, user, world, lc):
    """The special form's confirmation lists the answers, as text."""
    sent = {}
    for name, value in form_on(signed_in.get("/profile/edit"), "profile-form")["fields"]:
        sent.setdefault(name, []).append(value)
    sent.update({"lc-full_name": [SCRIPT], "lc-email": ["maria@example.org"],
                 "lc-role": [form_on(signed_in.get("/profile/edit"), "profile-form")
                             ["offered"]["lc-role"].difference({""}).pop()],
                 "lc-area_other": [SCRIPT], "lc-gender": ["not-listed"],
                 "lc-gender_other": [SCRIPT]})
    for step in ("review", "confirm"):
        page = signed_in.post("/profile/edit", {**sent, "letsconnect": [step]})
        assert page.status_code == 200 and html.escape(SCRIPT) in page.content.decode(), step
        assert_answered(page)
