"""The people of the load test (tests/perf/load.py runs this in a process of its own, with
Locust's gevent, away from Django): visitors browsing, Wikimedians signed in who edit, save,
file bug reports and send messages, and a probe of /healthz, against gunicorn on loopback.

    python tests/perf/load_mix.py PLAN.json RESULT.json

PLAN (written by load.py): the server's address, the number of users, the seconds, the think
time, what there is to ask for (capacity and territory slugs, search words, profiles,
organizations) and the signed-in accounts (session cookie, who they write to, the capacity
their saves add and take away in turn). RESULT: every request's time in ms by page, the
failures by page and reason, and what each account did (the saves, bug reports and messages
the server confirmed), for load.py's table and its check of the stored data.
"""
import json
import random
import sys
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

import locust  # first: gevent patches the standard library
import gevent  # noqa: E402
from locust import HttpUser, between, constant_pacing, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.forms import read_form  # noqa: E402  (the form as a browser sends it)

TIMEOUT = 30  # seconds a request may take before it counts as failed
PLAN = json.loads(Path(sys.argv[1]).read_text()) if __name__ == "__main__" else None
TIMES = defaultdict(list)        # page -> [ms]
FAILURES = defaultdict(Counter)  # page -> {reason: count}
# username -> what the server confirmed: saves (and the last bio saved), bug report titles,
# message subjects; "uncertain": POSTs whose answer never came (timeout, connection lost).
DONE = defaultdict(lambda: {"saves": 0, "bio": None, "reports": [], "messages": [],
                            "uncertain": 0})


@events.request.add_listener
def _record(name, response_time, exception, **_kwargs):
    TIMES[name].append(response_time)
    if exception is not None:
        FAILURES[name][str(exception)[:160]] += 1


@events.user_error.add_listener
def _task_error(user_instance, exception, tb, **_kwargs):
    """A task that broke off (a page without the form it should have, say)."""
    FAILURES[f"task of {type(user_instance).__name__}"][repr(exception)[:160]] += 1


class Browsing(HttpUser):
    """What anyone can read, signed in or not."""

    abstract = True
    wait_time = between(1, 3)  # replaced from the plan

    def page(self, url, name, expect=200, **kwargs):
        """GET url, counted under `name`; a failure unless the status is `expect`."""
        self.as_a_browser()
        with self.client.get(url, name=name, timeout=TIMEOUT, allow_redirects=False,
                             catch_response=True, **kwargs) as answer:
            if answer.status_code != expect:
                answer.failure(f"HTTP {answer.status_code}, expected {expect}")
            return answer

    def as_a_browser(self):
        """A browser sends Secure cookies (CSRF, messages: DEBUG off) back to http://127.0.0.1,
        a secure context; requests only over https."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def feed(self):
        self.page("/feed", "/feed")

    def profile(self):
        name = random.choice(PLAN["profiles"])
        self.page(f"/profile/{quote(name)}", "/profile/<name>")


class Visitor(Browsing):
    """Not signed in: the landing page, the feed and its filters, the directories."""

    weight = 3
    count = 0

    def on_start(self):
        Visitor.count += 1

    @task(3)
    def landing(self):
        self.page("/", "/")

    @task(6)
    def browse_feed(self):
        self.feed()

    @task(3)
    def feed_by_capacity(self):
        self.page(f"/feed?capacity={random.choice(PLAN['capacities'])}", "/feed?capacity=")

    @task(2)
    def feed_by_territory(self):
        self.page(f"/feed?territory={random.choice(PLAN['territories'])}", "/feed?territory=")

    @task(2)
    def feed_search(self):
        self.page(f"/feed?q={quote(random.choice(PLAN['words']))}", "/feed?q=")

    @task(2)
    def feed_page(self):
        # Mostly the next few pages, now and then one far down (the last one at most).
        number = random.randint(2, 10) if random.random() < 0.8 else random.randint(
            11, PLAN["last_page"])
        self.page(f"/feed?page={number}", "/feed?page=")

    @task(2)
    def capacities(self):
        self.page("/capacity", "/capacity")

    @task(3)
    def capacity(self):
        self.page(f"/capacity/{random.choice(PLAN['capacities'])}", "/capacity/<slug>")

    @task(2)
    def organizations(self):
        self.page("/organizations", "/organizations")

    @task(2)
    def organization(self):
        self.page(random.choice(PLAN["organizations"]), "/organization/<slug>")

    @task(2)
    def events(self):
        self.page(PLAN["events"], "/events")

    @task(1)
    def statistics(self):
        self.page(PLAN["statistics"], "/statistics")

    @task(5)
    def someone(self):
        self.profile()


class Member(Browsing):
    """A Wikimedian signed in (one account each, so no two people save one profile)."""

    weight = 1
    taken = 0

    def on_start(self):
        self.account = PLAN["accounts"][Member.taken]
        Member.taken += 1
        self.me = self.account["username"]
        self.client.cookies.update(self.account["cookies"])

    def form(self, url, name, selector):
        """GET a page and read one of its forms as a browser would send it; None on failure."""
        answer = self.page(url, name)
        if answer.status_code != 200:
            return None
        return read_form(answer.text, selector).fields

    def post(self, url, name, fields, then, **kwargs):
        """POST a form; a success is a redirect to a URL starting with `then`, which is then
        followed (counted as a page of its own). Returns the redirect target, else None."""
        self.as_a_browser()
        with self.client.post(url, data=fields, name=name, timeout=TIMEOUT,
                              allow_redirects=False, catch_response=True, **kwargs) as answer:
            if answer.status_code == 0:  # no answer: the server may have done it all the same
                DONE[self.me]["uncertain"] += 1
                return None  # (Locust counts its error already)
            target = answer.headers.get("Location", "")
            if answer.status_code != 302 or not target.startswith(then):
                answer.failure(f"HTTP {answer.status_code} {target or what_went_wrong(answer)}")
                return None
        return target

    @task(4)
    def home(self):
        self.page("/home", "/home")

    @task(3)
    def browse_feed(self):
        self.page("/feed", "/feed (signed in)")

    @task(2)
    def someone(self):
        self.profile()

    @task(2)
    def save_profile(self):
        """The editor opened, the bio rewritten and one capacity added to Known and Available
        (taken away again by the next save), saved, and the profile shown."""
        fields = self.form("/profile/edit", "/profile/edit", "profile-form")
        if fields is None:
            return
        done = DONE[self.me]
        bio = f"Load test: save {done['saves'] + 1} by {self.me} ({uuid.uuid4().hex[:8]})"
        toggle = self.account["toggle"]
        kept = [(name, value) for name, value in fields
                if name != "bio" and not (name in ("known", "available") and value == toggle)]
        if done["saves"] % 2 == 0:  # an even count of saves so far: the capacity is out
            kept += [("known", toggle), ("available", toggle)]
        if self.post("/profile/edit", "/profile/edit POST", kept + [("bio", bio)], "/profile"):
            done["saves"] += 1
            done["bio"] = bio
            self.page("/profile", "/profile (own)")

    @task(1)
    def report_bug(self):
        fields = self.form("/report_bug", "/report_bug", "report-form")
        if fields is None:
            return
        title = f"Load test report {uuid.uuid4().hex[:12]}"
        fields = [(name, value) for name, value in fields
                  if name not in ("title", "description", "kind")] + [
            ("title", title), ("kind", random.choice(["error", "improvement", "feature"])),
            ("description", "Made by tests/perf/load.py: the run deletes it.\n" * 3)]
        # multipart, with the empty file field a browser sends when no screenshot is chosen
        if self.post("/report_bug", "/report_bug POST", fields, "/report_bug/submissions",
                     files={"screenshot_file": ("", b"", "application/octet-stream")}):
            DONE[self.me]["reports"].append(title)
            self.page("/report_bug/submissions", "/report_bug/submissions")

    @task(1)
    def send_message(self):
        """Write, review (Meta-Wiki is asked who the recipient is), Confirm/Send."""
        fields = self.form("/message", "/message", "message-form")
        if fields is None:
            return
        subject = f"Load test message {uuid.uuid4().hex[:12]}"
        method = random.choice(["email", "talkpage"])
        typed = {"to": random.choice(self.account["recipients"]), "method": method,
                 "subject": subject, "text": "Hello from the load test. " * 5}
        fields = [(name, value) for name, value in fields if name not in typed]
        self.as_a_browser()
        with self.client.post("/message", name="/message POST review", timeout=TIMEOUT,
                              data=fields + list(typed.items()) + [("step", "review")],
                              catch_response=True) as answer:
            if answer.status_code != 200 or "message-confirm__actions" not in answer.text:
                answer.failure(f"HTTP {answer.status_code}: no confirmation, "
                               f"{what_went_wrong(answer)}")
                return
            confirm = read_form(answer.text, "message-confirm__actions").fields
        target = self.post("/message", "/message POST send", confirm + [("step", "send")],
                           "/message?sent=")
        if target:
            DONE[self.me]["messages"].append([subject, method])
            self.page(target, "/message?sent=<id>")


class Probe(HttpUser):
    """/healthz twice a second through the whole run: the server's time for a trivial request
    under the same load, for scale."""

    fixed_count = 1
    wait_time = constant_pacing(0.5)

    @task
    def healthz(self):
        with self.client.get("/healthz", name="/healthz", timeout=TIMEOUT,
                             catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")


def what_went_wrong(answer):
    """The first error a CapX form page shows, for the failure's reason."""
    text = answer.text if answer.status_code else ""
    for marker in ('class="errorlist', 'class="messages', "<h1"):
        at = text.find(marker)
        if at >= 0:
            snippet = text[at:at + 300]
            return " ".join(snippet.split())[:160]
    return ""


def main():
    result_path = Path(sys.argv[2])
    Browsing.wait_time = between(*PLAN["wait"])
    random.seed(PLAN["seed"])
    env = Environment(user_classes=[Visitor, Member, Probe], host=PLAN["base"],
                      events=locust.events, stop_timeout=TIMEOUT)
    runner = env.create_local_runner()
    users = PLAN["users"] + 1  # + the /healthz probe
    started = time.monotonic()
    runner.start(users, spawn_rate=PLAN["spawn_rate"])
    gevent.sleep(PLAN["seconds"])
    stopping = time.monotonic()
    runner.quit()  # each user ends the task it is in (stop_timeout) before it stops
    ended = time.monotonic()
    result_path.write_text(json.dumps({
        "seconds": ended - started, "stopping": ended - stopping,
        "members": Member.taken, "visitors": Visitor.count,
        "times": TIMES, "failures": FAILURES, "done": DONE,
    }))


if __name__ == "__main__":
    main()
