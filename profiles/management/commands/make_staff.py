from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Gives a Wikimedian who has logged in to CapX at least once access to the Django "
        "admin at /admin (staff and superuser), or takes it away with --remove."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help='Their Wikimedia username, e.g. "Maria Silva"')
        parser.add_argument("--remove", action="store_true", help="take staff access away")

    def handle(self, username, remove, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(
                f'No CapX user "{username}". They must log in to CapX once first.'
            ) from None
        user.is_staff = user.is_superuser = not remove
        user.save(update_fields=["is_staff", "is_superuser"])
        state = "no longer has" if remove else "now has"
        self.stdout.write(self.style.SUCCESS(f"{user.username} {state} staff access to /admin."))
