"""Events as a manager would create them: EventFactory(organization=..., start=..., hours=3,
capacities=["communication"])."""
from datetime import datetime, timedelta, timezone

import factory

from capacities.models import Capacity
from events.models import Event


def days_from_now(days, hour=9):
    """That many days from today, at `hour` o'clock UTC."""
    now = datetime.now(timezone.utc)
    return datetime(now.year, now.month, now.day, hour, tzinfo=timezone.utc) + timedelta(days=days)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        hours = 3

    name = factory.Sequence(lambda n: f"Edit-a-thon {n}")
    url = factory.Sequence(lambda n: f"https://meta.wikimedia.org/wiki/Event_{n}")
    start = factory.LazyFunction(lambda: days_from_now(7))
    end = factory.LazyAttribute(lambda event: event.start + timedelta(hours=event.hours))
    location_type = Event.Location.VIRTUAL

    @factory.post_generation
    def capacities(self, create, slugs):
        if slugs:
            self.capacities.set(Capacity.objects.filter(slug__in=slugs))
