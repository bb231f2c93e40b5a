from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections

from letsconnect_receiver.router import DATABASE


class Command(BaseCommand):
    help = ("Creates the Let's Connect receiver's database (the `letsconnect` alias: by "
            "default DATABASE_URL's database name + \"_letsconnect\" on the same server) if it "
            "does not exist yet. The embedded PostgreSQL makes its own; bin/serve runs this "
            "before `migrate --database letsconnect`.")

    def handle(self, **options):
        connection = connections[DATABASE]
        name = connection.settings_dict["NAME"]
        try:
            # Django's own way in to a server without opening the database itself (the
            # `postgres` maintenance database), as the test runner creates test databases.
            with connection._nodb_cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if cursor.fetchone():
                    self.stdout.write(f"The Let's Connect database {name} exists.")
                    return
                cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
        except DatabaseError as error:
            raise CommandError(
                f"Could not create the Let's Connect database {name}: {error}".strip()
                + "\nCreate it yourself (CREATE DATABASE), or name another one in "
                  "LETSCONNECT_DATABASE_URL.") from None
        self.stdout.write(f"Created the Let's Connect database {name}.")
