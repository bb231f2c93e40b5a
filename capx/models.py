from django.db import models


class DataVersion(models.Model):
    """A counter per kind of reference data (capacities, territories, languages,
    organizations), raised by the database itself on every write to that data (triggers of
    migration capx 0001). What is rendered once from reference data (the feed's filter lists,
    the directory) is cached under its versions: a change gives a new key, so no process,
    however many there are, serves the old rendering."""

    topic = models.CharField(max_length=40, primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.topic} {self.version}"
