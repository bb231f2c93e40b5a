"""The Wikidata lookup of the profile edit page: with "Display my Wikidata item (photograph) on
profile" on, saving looks for the item whose Wikimedia username (P4174) is the user's and for
its image (P18), against a local server that answers like Wikidata's Action API. It asks only
while no item is known or after a rename, with a short timeout. A lookup that finds nothing or
fails never stops the rest of the profile from saving; a profile page view never calls
Wikidata."""
import json
import logging
import re
import socket
import time

import pytest
from werkzeug import Response

from tests.factories import ProfileFactory
from tests.profiles.edit_form import form_data

FILE_PATH = "https://commons.wikimedia.org/wiki/Special:FilePath/"
ITEM_URL = "https://www.wikidata.org/wiki/"
NOT_REACHED = "Wikidata could not be reached"
ANSWERED_WITH_ERROR = "Wikidata answered with an error"
HASWBSTATEMENT = re.compile(r'^haswbstatement:"((?:[^"\\]|\\.)*)"$')


# --- a fake Wikidata ------------------------------------------------------------------------

class FakeWikidata:
    """Items as {qid: {property: [(value, rank), ...]}}, served by /w/api.php in the shapes of
    action=query&list=search (CirrusSearch, haswbstatement) and action=wbgetentities. Like the
    real search index, haswbstatement here ignores case, so the lookup must check the value.
    `failure` (request → Response) replaces the answer to the `failure_call`-th request on."""

    def __init__(self, httpserver):
        self.items = {}
        self.requests = []
        self.failure = None
        self.failure_call = 1
        httpserver.expect_request("/w/api.php").respond_with_handler(self.api)

    def add_item(self, qid, username=None, images=(), **claims):
        if username is not None:
            claims["P4174"] = [(username, "normal")]
        if images:
            claims["P18"] = [image if isinstance(image, tuple) else (image, "normal")
                             for image in images]
        self.items[qid] = claims

    def api(self, request):
        self.requests.append(request.args.to_dict())
        if self.failure and len(self.requests) >= self.failure_call:
            return self.failure(request)
        if request.args.get("action") == "query" and request.args.get("list") == "search":
            answer = self.search(request.args)
        elif request.args.get("action") == "wbgetentities":
            answer = self.wbgetentities(request.args["ids"].split("|"))
        else:
            answer = {"error": {"code": "badvalue", "info": "Unrecognized value."}}
        return Response(json.dumps(answer), content_type="application/json; charset=utf-8")

    def search(self, args):
        """{"batchcomplete": true, "query": {"searchinfo": {"totalhits": 1},
        "search": [{"ns": 0, "title": "Q123", "pageid": 456}]}} (srprop="")."""
        quoted = HASWBSTATEMENT.match(args["srsearch"]).group(1)
        wanted = {tuple(part.split("=", 1))  # "P4174=A b|P4174=A_b": one of these statements
                  for part in re.sub(r'\\(.)', r"\1", quoted).casefold().split("|")}
        hits = [{"ns": 0, "title": qid, "pageid": 1000 + number}
                for number, (qid, claims) in enumerate(self.items.items())
                if any((prop.casefold(), value.casefold()) in wanted
                       for prop, values in claims.items() for value, _rank in values)]
        hits = hits[: int(args["srlimit"])]
        return {"batchcomplete": True,
                "query": {"searchinfo": {"totalhits": len(hits)}, "search": hits}}

    def wbgetentities(self, ids):
        entities = {}
        for qid in ids:
            if qid not in self.items:
                entities[qid] = {"id": qid, "missing": ""}
                continue
            entities[qid] = {
                "type": "item", "id": qid, "lastrevid": 2000000000,
                "claims": {prop: [statement(qid, prop, value, rank) for value, rank in values]
                           for prop, values in self.items[qid].items()},
            }
        return {"entities": entities, "success": 1}

    @property
    def searches(self):
        return [r["srsearch"] for r in self.requests if r.get("list") == "search"]


def statement(qid, prop, value, rank):
    datatype = "commonsMedia" if prop == "P18" else "external-id"
    return {
        "mainsnak": {"snaktype": "value", "property": prop, "hash": "0" * 40,
                     "datavalue": {"value": value, "type": "string"}, "datatype": datatype},
        "type": "statement", "id": f"{qid}$5C2F3E4A-0000-4000-8000-{len(value):012d}",
        "rank": rank,
    }


@pytest.fixture
def wikidata(httpserver, settings):
    settings.WIKIDATA_API_URL = httpserver.url_for("/w/api.php")
    settings.CAPX_HTTP_TIMEOUT = 5
    settings.CAPX_WIKIDATA_LOOKUP_TIMEOUT = 5
    settings.CAPX_HTTP_RETRIES = 0
    settings.CAPX_HTTP_BACKOFF = 0
    return FakeWikidata(httpserver)


@pytest.fixture
def maria(user):  # user: "Maria Silva", signed in by the `signed_in` fixture
    return ProfileFactory(user=user)


def save(client, profile, **changes):
    page = client.post("/profile/edit", form_data(profile, **changes), follow=True)
    profile.refresh_from_db()
    return page


# --- found ----------------------------------------------------------------------------------

def test_the_item_and_its_photograph_are_found_and_shown(signed_in, maria, wikidata):
    wikidata.add_item("Q42", username="Douglas Adams", images=["Douglas adams portrait.jpg"])
    wikidata.add_item("Q123456", username="Maria Silva", images=[
        ("Maria Silva old.jpg", "deprecated"),
        ("Maria Silva 2019.jpg", "normal"),
        ("Maria Silva (2024), Recife.jpg", "preferred"),
    ])

    page = save(signed_in, maria, bio="Wikidata editor from Recife.",
                show_wikidata_item="on", show_wikidata_photo="on")

    assert page.redirect_chain == [("/profile", 302)]
    photo = FILE_PATH + "Maria_Silva_%282024%29%2C_Recife.jpg"
    assert maria.wikidata_qid == "Q123456" and maria.wikidata_photo == photo
    assert maria.bio == "Wikidata editor from Recife." and maria.show_wikidata_item
    assert "Your profile was saved." in page.text
    assert NOT_REACHED not in page.text and "No Wikidata item" not in page.text
    assert photo in page.text
    assert ITEM_URL + "Q123456" in page.text

    search, entities = wikidata.requests
    assert search == {"action": "query", "list": "search", "srnamespace": "0",
                      "srsearch": 'haswbstatement:"P4174=Maria Silva|P4174=Maria_Silva"',
                      "srlimit": "10",
                      "srprop": "", "format": "json", "formatversion": "2"}
    assert entities["action"] == "wbgetentities" and entities["ids"] == "Q123456"
    assert entities["props"] == "claims"


def test_the_item_link_is_shown_only_when_chosen(signed_in, maria, wikidata):
    wikidata.add_item("Q123456", username="Maria Silva", images=["Maria Silva.jpg"])

    page = save(signed_in, maria, show_wikidata_photo="on")

    assert maria.wikidata_qid == "Q123456" and not maria.show_wikidata_item
    assert FILE_PATH + "Maria_Silva.jpg" in page.text
    assert ITEM_URL + "Q123456" not in page.text


def test_an_item_without_photograph_is_shown_and_the_user_told(signed_in, maria, wikidata):
    wikidata.add_item("Q7", username="Maria Silva", images=[("Gone.jpg", "deprecated")])

    page = save(signed_in, maria, show_wikidata_item="on", show_wikidata_photo="on")

    assert maria.wikidata_qid == "Q7" and maria.wikidata_photo == ""
    assert "Your Wikidata item Q7 has no photograph (property P18) yet." in page.text
    assert ITEM_URL + "Q7" in page.text


def test_only_an_item_with_exactly_this_username_counts(signed_in, maria, wikidata):
    # The search index ignores case: "maria silva" is another Wikimedian. An underscore is
    # a space in a username, so "Maria_Silva" is Maria.
    wikidata.add_item("Q1", username="maria silva", images=["Someone else.jpg"])
    wikidata.add_item("Q2", username="Maria_Silva", images=["Maria.png"])

    save(signed_in, maria, show_wikidata_item="on")

    assert wikidata.requests[1]["ids"] == "Q1|Q2"
    assert maria.wikidata_qid == "Q2" and maria.wikidata_photo == FILE_PATH + "Maria.png"


def test_a_username_with_quotes_is_escaped_in_the_search(client, django_user_model, wikidata):
    user = django_user_model.objects.create_user(username='Ana "Wiki" Lima')
    client.force_login(user)
    profile = ProfileFactory(user=user)
    wikidata.add_item("Q99", username='Ana "Wiki" Lima')

    save(client, profile, show_wikidata_item="on")

    assert wikidata.searches == [
        'haswbstatement:"P4174=Ana \\"Wiki\\" Lima|P4174=Ana_\\"Wiki\\"_Lima"']
    assert profile.wikidata_qid == "Q99"


# --- asked once -----------------------------------------------------------------------------

def test_a_second_save_does_not_ask_wikidata_again(signed_in, maria, wikidata):
    wikidata.add_item("Q123456", username="Maria Silva", images=["Maria Silva.jpg"])
    save(signed_in, maria, show_wikidata_item="on", show_wikidata_photo="on")
    assert len(wikidata.requests) == 2

    page = save(signed_in, maria, bio="Second save", show_wikidata_item="on",
                show_wikidata_photo="on")

    assert len(wikidata.requests) == 2  # the item was found for this username already
    assert maria.bio == "Second save" and "Your profile was saved." in page.text
    assert maria.wikidata_qid == "Q123456" and maria.wikidata_username == "Maria Silva"
    assert FILE_PATH + "Maria_Silva.jpg" in page.text and ITEM_URL + "Q123456" in page.text


def test_after_a_rename_the_item_is_looked_up_again(signed_in, maria, wikidata, user):
    wikidata.add_item("Q1", username="Maria Silva")
    wikidata.add_item("Q2", username="Maria Souza")
    save(signed_in, maria, show_wikidata_item="on")
    user.username = "Maria Souza"  # renamed on Meta-Wiki, as the login step stores it
    user.save()

    save(signed_in, maria, show_wikidata_item="on")

    assert wikidata.searches[-1] == 'haswbstatement:"P4174=Maria Souza|P4174=Maria_Souza"'
    assert len(wikidata.requests) == 4
    assert (maria.wikidata_qid, maria.wikidata_username) == ("Q2", "Maria Souza")


def test_while_no_item_is_known_every_save_asks(signed_in, maria, wikidata):
    save(signed_in, maria, show_wikidata_item="on")  # none yet
    wikidata.add_item("Q7", username="Maria Silva")  # made on Wikidata since

    save(signed_in, maria, show_wikidata_item="on")

    assert len(wikidata.requests) == 3 and maria.wikidata_qid == "Q7"


# --- not found ------------------------------------------------------------------------------

def test_no_item_says_so_and_saves_the_rest(signed_in, maria, wikidata):
    wikidata.add_item("Q42", username="Douglas Adams")
    maria.wikidata_qid, maria.wikidata_photo = "Q5", FILE_PATH + "Old.jpg"  # found before
    maria.save()

    page = save(signed_in, maria, bio="New bio", show_wikidata_item="on")

    assert page.redirect_chain == [("/profile", 302)]
    assert "No Wikidata item has your username (Maria Silva) as its Wikimedia username" \
        in page.text
    assert "Your profile was saved." in page.text
    assert maria.bio == "New bio" and maria.show_wikidata_item
    assert maria.wikidata_qid == "" and maria.wikidata_photo == ""
    assert len(wikidata.requests) == 1  # nothing to read after an empty search


# --- Wikidata down or answering with an error -------------------------------------------------

def a_closed_port():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def found_before(maria):
    maria.wikidata_qid, maria.wikidata_photo = "Q123456", FILE_PATH + "Old.jpg"
    maria.show_wikidata_photo = True
    maria.save()


@pytest.mark.parametrize("call", [1, 2], ids=["search", "wbgetentities"])
def test_wikidata_not_answering_in_time_saves_the_rest_quickly_and_keeps_what_was_found(
        signed_in, maria, wikidata, settings, slow_answer, call):
    settings.CAPX_WIKIDATA_LOOKUP_TIMEOUT = 0.3  # CAPX_HTTP_TIMEOUT stays 5 seconds
    wikidata.add_item("Q123456", username="Maria Silva", images=["New.jpg"])
    wikidata.failure, wikidata.failure_call = slow_answer, call
    found_before(maria)  # by an older CapX, which did not note for which username

    started = time.monotonic()
    page = save(signed_in, maria, bio="Saved anyway", show_wikidata_item="on")

    assert time.monotonic() - started < 3
    assert page.redirect_chain == [("/profile", 302)]
    assert "Wikidata could not be reached, so your Wikidata item and photograph were not " \
           "updated. Everything else was saved" in page.text
    assert "Your profile was saved." in page.text and ANSWERED_WITH_ERROR not in page.text
    assert maria.bio == "Saved anyway" and maria.show_wikidata_item and maria.version == 1
    assert maria.wikidata_qid == "Q123456" and maria.wikidata_photo == FILE_PATH + "Old.jpg"
    assert len(wikidata.requests) == call  # no retries with CAPX_HTTP_RETRIES = 0


def test_wikidata_that_cannot_be_connected_to_could_not_be_reached(signed_in, maria, wikidata,
                                                                   settings):
    settings.WIKIDATA_API_URL = f"http://127.0.0.1:{a_closed_port()}/w/api.php"

    page = save(signed_in, maria, bio="Saved anyway", show_wikidata_item="on")

    assert NOT_REACHED in page.text and maria.bio == "Saved anyway"


ERROR_ANSWERS = {
    "http-500": lambda request: Response("Internal Server Error", status=500),
    "refused": lambda request: Response(json.dumps(
        {"error": {"code": "maxlag", "info": "Waiting for a database server: 6 seconds lagged"},
         "servedby": "mw1"}), content_type="application/json"),
    "not-json": lambda request: Response("<html>Error</html>", content_type="text/html"),
    "wrong-shape": lambda request: Response('{"query": {"search": {}}, "entities": []}',
                                            content_type="application/json"),
}


@pytest.mark.parametrize("call", [1, 2], ids=["search", "wbgetentities"])
@pytest.mark.parametrize("failure", ERROR_ANSWERS)
def test_wikidata_answering_with_an_error_says_so_logs_it_and_keeps_what_was_found(
        signed_in, maria, wikidata, caplog, failure, call):
    wikidata.add_item("Q123456", username="Maria Silva", images=["New.jpg"])
    wikidata.failure, wikidata.failure_call = ERROR_ANSWERS[failure], call
    found_before(maria)

    with caplog.at_level(logging.WARNING, logger="profiles.services"):
        page = save(signed_in, maria, bio="Saved anyway", show_wikidata_item="on")

    assert page.redirect_chain == [("/profile", 302)]
    assert "Wikidata answered with an error, so your Wikidata item and photograph were not " \
           "updated. Everything else was saved" in page.text
    assert NOT_REACHED not in page.text and "Your profile was saved." in page.text
    assert maria.bio == "Saved anyway" and maria.version == 1
    assert maria.wikidata_qid == "Q123456" and maria.wikidata_photo == FILE_PATH + "Old.jpg"
    logged = [r for r in caplog.records if r.name == "profiles.services"]
    assert len(logged) == 1 and logged[0].levelno == logging.WARNING
    assert "Wikidata lookup for Maria Silva failed: Wikidata's API" in logged[0].getMessage()


# --- no outside call unless asked -----------------------------------------------------------

def test_without_a_wikidata_checkbox_wikidata_is_not_asked(signed_in, maria, wikidata,
                                                           httpserver):
    wikidata.add_item("Q123456", username="Maria Silva")

    page = save(signed_in, maria, bio="Just a bio")

    assert maria.bio == "Just a bio" and "Your profile was saved." in page.text
    assert maria.wikidata_qid == "" and not maria.show_wikidata_item
    assert httpserver.log == []


def test_a_profile_page_never_asks_wikidata(client, signed_in, maria, wikidata, httpserver):
    maria.show_wikidata_item = maria.show_wikidata_photo = True
    maria.wikidata_qid, maria.wikidata_photo = "Q123456", FILE_PATH + "Maria_Silva.jpg"
    maria.save()

    own = signed_in.get("/profile")
    public = client.get("/profile/Maria Silva")
    client.logout()
    anonymous = client.get("/profile/Maria Silva")

    for page in (own, public, anonymous):
        assert page.status_code == 200
        assert FILE_PATH + "Maria_Silva.jpg" in page.text
        assert ITEM_URL + "Q123456" in page.text
    assert httpserver.log == []
