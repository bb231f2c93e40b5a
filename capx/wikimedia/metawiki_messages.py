"""Messages between Wikimedians through Meta-Wiki's Action API, each call signed with the
sender's own OAuth 1.0a access token (the one stored at their login), so Meta-Wiki sends as
them, with their rights, blocks and rate limits.

- Who can be written to: action=query&list=users&ususers=A|B&usprop=emailable answers
  {"query": {"normalized": [{"from": "maria_silva", "to": "Maria silva"}], "users":
  [{"userid": 1, "name": "A", "emailable": true}, {"name": "B", "missing": true},
  {"name": "<x>", "invalid": true}]}}.
- Writes need a CSRF token: action=query&meta=tokens&type=csrf → query.tokens.csrftoken.
- By email: action=emailuser (target, subject, text, ccme) → {"emailuser": {"result":
  "Success"}}; on a talk page: action=edit&section=new (title "User talk:…", sectiontitle,
  text) → {"edit": {"result": "Success"}}. Both are POSTed as forms, so the body is signed.
- A refusal is {"error": {"code": "...", "info": "..."}} with HTTP 200: capx.wikimedia.http.APIRefusal.

Settings: METAWIKI_API_URL, SOCIAL_AUTH_MEDIAWIKI_KEY/SECRET (the consumer),
CAPX_MESSAGE_TIMEOUT (seconds a sender waits for each call).
"""
from dataclasses import dataclass

from django.conf import settings
from requests_oauthlib import OAuth1

from capx.wikimedia.http import WikimediaError, check_refusal, get_json, post_json

WHAT = "Meta-Wiki"


@dataclass(frozen=True)
class Account:
    name: str  # as Meta-Wiki spells it
    exists: bool = True
    invalid: bool = False
    emailable: bool = False


def look_up(token, *names):
    """The accounts of these usernames, in the same order, each as Meta-Wiki normalizes it:
    one request for all of them."""
    data = call(token, "GET", action="query", list="users", ususers="|".join(names),
                usprop="emailable")
    query = data.get("query") or {}
    renamed = {entry["from"]: entry["to"] for entry in query.get("normalized", ())}
    found = {user.get("name"): user for user in query.get("users", ())}
    accounts = []
    for name in names:
        user = found.get(renamed.get(name, name))
        if user is None:
            raise WikimediaError(f"{WHAT} did not answer about the user {name!r}.")
        accounts.append(Account(name=user["name"], exists=not user.get("missing") and not
                                user.get("invalid"), invalid=bool(user.get("invalid")),
                                emailable=bool(user.get("emailable"))))
    return accounts


def send_email(token, csrf, recipient, subject, text):
    """Special:EmailUser as the sender, with a copy to the sender's own address. `csrf`:
    csrf_token(token)."""
    call(token, "POST", action="emailuser", target=recipient, subject=subject, text=text,
         ccme="1", token=csrf)


def post_on_talk_page(token, csrf, recipient, subject, text):
    """A new section on the recipient's talk page, signed with the sender's signature."""
    call(token, "POST", action="edit", title=f"User talk:{recipient}", section="new",
         sectiontitle=subject, text=f"{text}\n\n~~~~", token=csrf)


def csrf_token(token):
    data = call(token, "GET", action="query", meta="tokens", type="csrf")
    try:
        return data["query"]["tokens"]["csrftoken"]
    except (KeyError, TypeError):
        raise WikimediaError(f"{WHAT} sent no CSRF token.") from None


def call(access, method, **params):
    """One signed API call. `access` is the sender's access token as social-auth stores it
    ({"oauth_token": ..., "oauth_token_secret": ...}); `params` are the API's own (one of
    them is the CSRF "token" of a write)."""
    params.update(format="json", formatversion="2")
    auth = OAuth1(settings.SOCIAL_AUTH_MEDIAWIKI_KEY,
                  client_secret=settings.SOCIAL_AUTH_MEDIAWIKI_SECRET,
                  resource_owner_key=access["oauth_token"],
                  resource_owner_secret=access["oauth_token_secret"])
    send = get_json if method == "GET" else post_json
    data = send(settings.METAWIKI_API_URL, params, what=WHAT, auth=auth,
                timeout=settings.CAPX_MESSAGE_TIMEOUT, retrying=False)  # the sender waits
    check_refusal(data, WHAT)
    return data
