"""manage.py sync_capacities against a local HTTP server that answers like Metabase's SPARQL
endpoint and Wikidata's wbgetentities. The database holds the 142 shipped capacities."""
import json
import socket
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from werkzeug import Response

from capacities.models import Capacity
from capx.wikimedia import metabase
from tests.admin_form import change_in_admin
from tests.fakes.wikibase import sparql_answer, wbgetentities_answer


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("sync_capacities", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    return list(Capacity.objects.order_by("pk").values())


def capacity(name):
    return Capacity.objects.get(name_en=name)


def capacity_by_slug(slug):
    return Capacity.objects.get(slug=slug)


# --- the first run --------------------------------------------------------------------------

def test_first_run_attaches_qids_by_path_and_stores_every_language(directory_on_metabase):
    Capacity.objects.filter(name_en="Budgeting").update(description_ar="وصفنا")

    out, err = run()

    budgeting = capacity("Budgeting")
    item = directory_on_metabase.item_for("budgeting")
    assert (budgeting.metabase_qid, budgeting.wikidata_qid) == (item["qid"], item["wikidata"])
    assert budgeting.name_en == "Budgeting"
    assert budgeting.description_en == "Planning how money is spent."  # Metabase, not Wikidata
    assert budgeting.name_pt_br == "Orçamento"  # Metabase first
    assert budgeting.description_pt_br == "plano financeiro"  # Metabase lacks it: Wikidata
    assert budgeting.name_ar == "الميزانية"  # Wikidata
    assert budgeting.description_ar == "وصفنا"  # nobody has one: ours is kept

    communication = capacity("Communication")
    assert communication.name_pt_br == "Communication (pt-br)"
    assert communication.description_pt_br == "Sobre Communication."
    assert communication.name_ar == "Communication (ar)"
    assert communication.description_ar == "عن Communication"

    # Matched despite case and spacing; Metabase's English label wins.
    assert Capacity.objects.get(slug="financial-management").name_en == "Financial management"

    assert not capacity("Theory of Change").metabase_qid  # not on Metabase
    matched = Capacity.objects.count() - 1
    assert f"Matched: {matched} ({matched} by path)" in out
    assert f"Updated: {matched} capacities" in out
    assert "Unmatched here (no Metabase item): 1" in out
    assert "Theory of Change [" in out
    assert "Unmatched on Metabase (no capacity here): 2" in out
    assert 'Underwater Basket Weaving" https://metabase.wikibase.cloud/wiki/Item:Q' in out
    assert "Ambiguous (not attached; pin the Metabase QID in the admin): 0" in out
    assert "100%" in err  # the progress bar


DEI = ["diversity-equity-and-inclusion-dei", "community-health-diversity-equity-and-inclusion-dei"]
# The 11 capacities a name alone cannot place: names repeated under other parents, names
# that differ only in case, and the one name Metabase holds twice.
TRICKY = DEI + ["facilitation", "event-facilitation", "partnership", "glam-partnership",
                "team-building", "social-skills-team-building", "wikimedia-tools",
                "technical-skills-wikimedia-tools", "leadership"]


def test_names_repeated_under_other_parents_or_in_another_case_are_matched_by_path(
        directory_on_metabase):
    run()

    matched = Capacity.objects.exclude(metabase_qid="")
    assert matched.count() == Capacity.objects.count() - 1  # all but Theory of Change
    assert set(TRICKY) <= set(matched.values_list("slug", flat=True))
    for capacity in matched:  # each got its own item
        item = directory_on_metabase.item_for(capacity.slug)
        assert (capacity.metabase_qid, capacity.name_pt_br) == (
            item["qid"], item["labels"]["pt-br"]), capacity.slug
    assert capacity_by_slug("team-building").name_en == "Team-Building"
    assert capacity_by_slug("social-skills-team-building").name_en == "Team-building"


def test_what_stays_ambiguous_is_reported_per_capacity_and_not_attached(directory_on_metabase):
    fake = directory_on_metabase
    glam = fake.item_for("glam-partnership")
    fake.add_item("Q9001", labels={"en": "Partnership"}, parent=glam["parent"])  # same parent
    for slug in DEI:
        fake.item_for(slug)["parent"] = None  # Metabase lost where they are

    out, _ = run()

    ambiguous = Capacity.objects.filter(slug__in=["glam-partnership", *DEI])
    assert all(c.metabase_qid == c.wikidata_qid == "" and not c.name_pt_br for c in ambiguous)
    assert capacity_by_slug("partnership").metabase_qid  # Event's: its own parent
    assert "Ambiguous (not attached; pin the Metabase QID in the admin): 3" in out
    url = "https://metabase.wikibase.cloud/wiki/Item:"
    assert ('  - Partnership [glam-partnership], under GLAM: could be '
            f'{glam["qid"]} "Partnership" {url}{glam["qid"]}, Q9001 "Partnership" {url}Q9001'
            ) in out
    candidates = ", ".join(f'{qid} "Diversity, Equity and Inclusion (DEI)" {url}{qid}'
                           for qid in sorted((fake.item_for(slug)["qid"] for slug in DEI),
                                             key=lambda qid: int(qid[1:])))
    for slug, parent in zip(DEI, ["Team Management", "Community Health"]):
        assert (f"  - Diversity, Equity and Inclusion (DEI) [{slug}], under {parent}: "
                f"could be {candidates}") in out


def test_a_wikidata_qid_that_wikidata_does_not_have_is_not_attached(directory_on_metabase):
    item = directory_on_metabase.item_for("leadership")  # Wikidata answers it "missing"

    out, _ = run()

    leadership = capacity_by_slug("leadership")
    assert (leadership.metabase_qid, leadership.wikidata_qid) == (item["qid"], "")
    assert leadership.name_pt_br == "Leadership (pt-br)" and not leadership.name_ar
    assert (f"Metabase item {item['qid']} names Wikidata {item['wikidata']}, which Wikidata "
            f"does not have: not attached.") in out


def test_decomposed_labels_are_stored_composed(directory_on_metabase):
    fake = directory_on_metabase
    budgeting = fake.item_for("budgeting")
    budgeting["labels"]["pt-br"] = "Orc\u0327amento"  # "c" + combining cedilla (NFD)
    fake.terms[budgeting["wikidata"]]["descriptions"]["pt-br"] = "plano orc\u0327amenta\u0301rio"

    run()

    budgeting = capacity("Budgeting")
    assert budgeting.name_pt_br == "Or\u00e7amento"  # "ç", one character (NFC)
    assert budgeting.description_pt_br == "plano or\u00e7ament\u00e1rio"


def test_once_staff_attach_one_of_two_namesakes_the_other_is_matched_by_name(fake):
    attached, other = Capacity.objects.filter(name_en="Partnership").order_by("pk")
    Capacity.objects.filter(pk=attached.pk).update(metabase_qid="Q10")
    fake.add_item("Q10", labels={"en": "Partnership", "pt-br": "Parceria (GLAM)"})
    fake.add_item("Q11", labels={"en": "Partnership", "pt-br": "Parceria"})

    out, _ = run()

    attached.refresh_from_db()
    other.refresh_from_db()
    assert (attached.name_pt_br, other.metabase_qid, other.name_pt_br) == (
        "Parceria (GLAM)", "Q11", "Parceria")
    assert "Matched: 2 (1 by Metabase QID, 1 by English name)" in out


def test_qids_staff_pin_in_the_admin_win_and_every_sync_keeps_them(
        directory_on_metabase, client, django_user_model):
    client.force_login(django_user_model.objects.create_user(
        username="Staff", is_staff=True, is_superuser=True))
    fake = directory_on_metabase
    fake.add_item("Q9002", wikidata="Q9003", labels={"en": "Budget planning",
                                                     "pt-br": "Planejamento"})
    fake.terms["Q9003"] = {}
    page = client.get(f"/admin/capacities/capacity/{capacity('Budgeting').pk}/change/")
    assert "a sync never changes or clears it" in page.content.decode()
    change_in_admin(client, capacity("Budgeting"), metabase_qid="Q9002", wikidata_qid="Q11024")
    change_in_admin(client, capacity("Communication"), metabase_qid="Q424242")  # not there

    out, _ = run()
    again, _ = run()

    budgeting, communication = capacity("Budget planning"), capacity("Communication")
    assert (budgeting.slug, budgeting.metabase_qid, budgeting.wikidata_qid) == (
        "budgeting", "Q9002", "Q11024")
    assert budgeting.name_pt_br == "Planejamento"
    assert "Budget planning (budgeting): keeps Wikidata Q11024; Metabase item Q9002 names " \
           "Q9003." in again
    assert (communication.metabase_qid, communication.wikidata_qid) == ("Q424242", "")
    assert not communication.name_pt_br  # its pinned item is not there: nothing is guessed
    assert "Communication [communication] (Q424242)" in again  # unmatched here
    path_item = fake.item_for("budgeting")["qid"]  # not given to Budgeting, nor Communication's
    assert f'{path_item} "Budgeting"' in out and f'{path_item} "Budgeting"' in again
    assert Capacity.objects.filter(metabase_qid=fake.item_for("communication")["qid"]).count() == 0


def test_wikidata_is_asked_only_for_what_metabase_lacks_in_batches_of_at_most_50(
        directory_on_metabase):
    fake = directory_on_metabase
    for item in fake.items:  # Metabase has every language for these two
        if item["labels"]["en"] in {"Communication", "Event"}:
            item["labels"]["ar"] = item["descriptions"]["ar"] = "عربي"

    run()

    asked = [qid for batch in fake.wikidata_batches for qid in batch]
    expected = {item["wikidata"] for item in fake.items
                if item["labels"]["en"] not in {"Communication", "Event"}}
    assert len(asked) == len(set(asked)) and set(asked) == expected
    sizes = [len(batch) for batch in fake.wikidata_batches]
    assert sizes == [50, 50, len(expected) - 100]
    assert all(request["action"] == "wbgetentities" for request in fake.wikidata_requests)
    assert all(request["props"] == "labels|descriptions" for request in fake.wikidata_requests)
    assert all(request["languages"] == "en|pt-br|ar" for request in fake.wikidata_requests)
    assert capacity("Communication").name_ar == "عربي"  # Metabase's, not Wikidata's


def test_metabase_is_asked_for_capacity_items_and_their_wikidata_qids(directory_on_metabase,
                                                                     httpserver, settings):
    run()

    query = directory_on_metabase.metabase_requests[0]["query"]
    assert "wbt:P5 wb:Q34531" in query and "wbt:P67/wbt:P1" in query
    assert f"?item wbt:{metabase.PARENT_PROPERTY} ?parent" in query
    assert all(request.headers["User-Agent"] == settings.CAPX_USER_AGENT
               for request, _ in httpserver.log)


# --- runs after the first -------------------------------------------------------------------

def test_a_second_run_with_the_same_answers_changes_nothing(directory_on_metabase):
    run()
    after_first = snapshot()

    out, _ = run()

    assert snapshot() == after_first
    matched = Capacity.objects.count() - 1
    assert f"Matched: {matched} ({matched} by Metabase QID)" in out
    assert "Updated: 0 capacities (0 fields)" in out


def test_a_capacity_with_a_wikidata_qid_is_matched_by_it_and_gets_metabase_s_qid(fake):
    communication = capacity("Communication")
    Capacity.objects.filter(pk=communication.pk).update(wikidata_qid="Q11024")
    fake.add_item("Q77", wikidata="Q11024", labels={"en": "Communicating"})

    out, _ = run()

    communication.refresh_from_db()
    assert (communication.metabase_qid, communication.name_en) == ("Q77", "Communicating")
    assert "Matched: 1 (1 by Wikidata QID)" in out


def test_a_qid_already_held_by_another_capacity_is_not_attached_twice(fake):
    Capacity.objects.filter(name_en="Budgeting").update(metabase_qid="Q77")
    Capacity.objects.filter(name_en="Event").update(wikidata_qid="Q1")
    fake.add_item("Q77", wikidata="Q1", labels={"en": "Budgeting", "pt-br": "Orçamento"})
    fake.terms["Q1"] = {}  # Wikidata has it

    out, _ = run()

    budgeting = capacity("Budgeting")
    assert (budgeting.metabase_qid, budgeting.wikidata_qid) == ("Q77", "")
    assert capacity("Event").wikidata_qid == "Q1"
    assert budgeting.name_pt_br == "Orçamento"  # the rest of the update goes ahead
    assert "Budgeting (budgeting): wikidata_qid Q1 not attached, Event (event) would" in out


def test_dry_run_shows_the_changes_and_writes_nothing(directory_on_metabase):
    before = snapshot()

    out, _ = run("--dry-run")

    assert snapshot() == before
    assert "Dry run: nothing was written." in out
    budgeting_item = directory_on_metabase.item_for("budgeting")["qid"]
    assert f"  metabase_qid: '' → '{budgeting_item}'" in out
    assert "  name_pt_br: '' → 'Orçamento'" in out
    assert f"Would update: {Capacity.objects.count() - 1} capacities" in out


# --- failures -------------------------------------------------------------------------------

def truncated(request):
    if request.path == "/query/sparql":
        body = json.dumps(sparql_answer([{"qid": "Q1", "wikidata": "Q2", "labels": {"en": "X"},
                                          "descriptions": {"en": "Y"}}]))
    else:
        body = json.dumps(wbgetentities_answer(["Q2"], ["en"], {"Q2": {"labels": {"en": "X"}}}))
    return Response(body[: len(body) // 2], content_type="application/json")


def cut_off(request):
    """Promises more bytes than it sends, then closes the connection."""
    body = b'{"head": {"vars": ["item"]}, "results": {"bindings": ['
    return Response(iter([body]), headers={"Content-Length": str(len(body) + 500)},
                    content_type="application/json")  # an iterator: werkzeug keeps the header


FAILURES = {
    "timeout": (None, "did not answer within 0.5 seconds"),
    "http-500": (lambda request: Response("Internal Server Error", status=500),
                 "answered HTTP 500"),
    "malformed": (lambda request: Response("<html><body>Error</body></html>",
                                           content_type="text/html"),
                  "not valid JSON"),
    "truncated": (truncated, "not valid JSON (malformed or truncated)"),
    "cut-off": (cut_off, "sent an answer that was cut off"),
    "wrong-shape": (lambda request: Response('{"results": {"bindings": {}}, "entities": []}',
                                             content_type="application/json"),
                    "unexpected shape"),
}


@pytest.mark.parametrize("step", ["Metabase", "Wikidata"])
@pytest.mark.parametrize("failure", FAILURES)
def test_a_failure_at_any_step_changes_nothing_and_says_what_failed(
        directory_on_metabase, settings, slow_answer, step, failure):
    fake = directory_on_metabase
    settings.CAPX_HTTP_TIMEOUT = 0.5
    Capacity.objects.filter(name_en="Budgeting").update(description_pt_br="nosso texto")
    before = snapshot()
    handler, message = FAILURES[failure]
    handler = handler or slow_answer
    if step == "Metabase":
        fake.metabase_failure = handler
    else:
        fake.wikidata_failure, fake.wikidata_failure_batch = handler, 2  # half-way through

    with pytest.raises(CommandError) as error:
        run()

    assert snapshot() == before
    assert error.value.returncode != 0  # manage.py exits with it
    text = str(error.value)
    assert "nothing was changed" in text
    assert message in text
    assert ("Metabase's SPARQL endpoint" if step == "Metabase"
            else "Wikidata's API (wbgetentities), batch 2 of 3") in text


def test_wikidata_refusing_the_request_changes_nothing(directory_on_metabase):
    fake = directory_on_metabase
    fake.wikidata_failure = lambda request: Response(json.dumps(
        {"error": {"code": "maxlag", "info": "Waiting for a database server: 6 seconds lagged"},
         "servedby": "mw1"}), content_type="application/json")
    before = snapshot()

    with pytest.raises(CommandError, match="refused the request: maxlag: Waiting for"):
        run()

    assert snapshot() == before


# --- retries --------------------------------------------------------------------------------

def test_a_503_is_retried_after_a_capped_retry_after(directory_on_metabase, httpserver):
    httpserver.expect_oneshot_request("/query/sparql").respond_with_response(
        Response("busy", status=503, headers={"Retry-After": "3600"}))
    started = time.monotonic()

    out, _ = run()

    assert time.monotonic() - started < 10  # Retry-After 3600 was capped
    sparql_calls = [r for r, _ in httpserver.log if r.path == "/query/sparql"]
    assert len(sparql_calls) == 2
    assert f"Matched: {Capacity.objects.count() - 1}" in out


def test_retries_are_bounded(directory_on_metabase, httpserver):
    directory_on_metabase.metabase_failure = lambda request: Response("busy", status=503)

    with pytest.raises(CommandError, match="answered HTTP 503"):
        run()

    assert len(directory_on_metabase.metabase_requests) == 3  # 1 + CAPX_HTTP_RETRIES


def test_a_server_that_cannot_be_reached_changes_nothing(fake, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.METABASE_SPARQL_URL = f"http://127.0.0.1:{port}/query/sparql"
    before = snapshot()

    with pytest.raises(CommandError, match="Could not connect to Metabase's SPARQL endpoint"):
        run()

    assert snapshot() == before
