import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from capx.wikimedia.http import WikimediaError, WikimediaUnreachable
from capx.wikimedia.wikilearn import COURSE_URL, course_id_from_url, fetch_course
from events.models import Event
from profiles.validators import COMMONS_FILE_URL


class Command(BaseCommand):
    help = (
        "Refreshes the events whose URL is a WikiLearn course (https://learn.wiki/courses/"
        "<id>/…) from WikiLearn's public course API: name, start, end and image (an image "
        "that is not a file on Wikimedia Commons is left as it was). Each event is saved on "
        "its own: a failure is reported for that event and the others are still updated; "
        "the command exits non-zero if any failed."
    )

    def handle(self, *args, verbosity, **options):
        events = [event for event in Event.objects.filter(url__startswith="https://learn.wiki/courses/")
                  .order_by("pk") if COURSE_URL.match(event.url)]
        # tqdm redraws with "\r": give it the raw stream, not Django's line-ending wrapper.
        stream = getattr(self.stderr, "_out", sys.stderr)
        updated, unchanged, failed = 0, 0, []
        with tqdm(events, unit="event", file=stream, disable=verbosity == 0) as bar:
            for event in bar:
                name = label(event)  # as it was: a failed refresh may have changed it
                try:
                    changed = refresh(event)
                except WikimediaUnreachable as error:  # the others would fail the same way
                    raise CommandError(
                        f"WikiLearn could not be reached, so {len(events) - updated - unchanged} "
                        f"of {len(events)} events were not refreshed (the others were): "
                        f"{reason(error)}")
                except (WikimediaError, ValidationError) as error:
                    failed.append(name)
                    bar.write(f"Failed: {name}: {reason(error)}", file=stream)
                    continue
                if changed:
                    updated += 1
                    if verbosity >= 2:
                        self.stdout.write(f"Updated: {label(event)} ({', '.join(changed)})")
                else:
                    unchanged += 1
        if verbosity >= 1:
            self.stdout.write(f"WikiLearn courses: {len(events)}; updated: {updated}, "
                              f"unchanged: {unchanged}, failed: {len(failed)}.")
        if failed:
            raise CommandError(f"{len(failed)} of {len(events)} events could not be refreshed: "
                               + ", ".join(failed))


def refresh(event):
    """Copies the course's name, dates and image into the event; returns the names of the
    fields that changed (saved), [] when none did. Raises WikimediaError, or ValidationError
    when what the course says breaks the event's rules (an end before its start)."""
    course = fetch_course(course_id_from_url(event.url))
    new = {"name": course.name[:Event._meta.get_field("name").max_length]}
    if course.start:
        new["start"] = course.start
    if course.end:
        new["end"] = course.end
    if COMMONS_FILE_URL.match(course.image):
        new["image"] = course.image
    changed = [name for name, value in new.items() if getattr(event, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(event, name, new[name])
    event.full_clean(exclude=["capacities"])
    event.save(update_fields=[*changed, "updated_at"])
    return changed


def label(event):
    return f"event {event.pk} “{event.name}” ({event.url})"


def reason(error):
    if isinstance(error, ValidationError):
        return "; ".join(message for messages in error.message_dict.values()
                         for message in messages) if hasattr(error, "error_dict") \
            else "; ".join(error.messages)
    return str(error)
