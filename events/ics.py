"""Events as iCalendar (RFC 5545), written by hand: a small text format.

Lines end in CRLF and are folded at 75 octets (a CRLF and a space; never inside a UTF-8
character); text values escape backslash, ";", "," and newlines; times are UTC ("Z")."""
from datetime import timezone as dt_timezone

from django.utils.translation import gettext as _

PRODUCT = "-//CapX//Capacity Exchange//EN"
MAX_OCTETS = 75


def calendar(events, host, name):
    """The iCalendar text of `events` (each with its `shown_capacities`, as the Events page
    gives them) for the site at `host` (UIDs are event-<id>@<host>)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for event in events:
        lines += vevent(event, host)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def vevent(event, host):
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{utc(event.updated_at)}",
        f"LAST-MODIFIED:{utc(event.updated_at)}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SUMMARY:{escape(event.name)}",
        f"URL:{event.url}",
    ]
    organizer = _("Organized by %(organization)s.") % {"organization": event.organization.name}
    lines.append("DESCRIPTION:" + escape("\n\n".join(filter(None, [event.description,
                                                                  organizer]))))
    if event.place:
        lines.append(f"LOCATION:{escape(event.place)}")
    capacities = [capacity.name for capacity in event.shown_capacities]
    if capacities:
        lines.append("CATEGORIES:" + ",".join(escape(name) for name in capacities))
    lines.append("END:VEVENT")
    return lines


def utc(moment):
    return moment.astimezone(dt_timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def escape(text):
    """A TEXT value: \\ ; , escaped, every line break as \\n."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_OCTETS:
        return line
    parts, current, limit = [], b"", MAX_OCTETS
    for char in line:
        octets = char.encode("utf-8")
        if len(current) + len(octets) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", MAX_OCTETS - 1  # the leading space counts
        current += octets
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)
