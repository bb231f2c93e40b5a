"""manage.py rotate_token_keys: re-encrypts every stored Meta-Wiki access token with the first
key of CAPX_TOKEN_KEYS (MultiFernet.rotate), and encrypts the ones still stored in clear (from
before encryption existed). In chunks, each in its own transaction, the rows locked while
they are rewritten (a login at the same moment waits, then writes its fresh token).

A token no key opens is reported, never deleted: oauth_token() is None for it, so its owner is
asked to log in again when they want to send a message, and that login stores a new one."""
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from social_django.models import UserSocialAuth

from profiles.accounts import tokens


class Command(BaseCommand):
    help = ("Re-encrypts every stored Meta-Wiki OAuth token with the first key of "
            "CAPX_TOKEN_KEYS (and encrypts any still stored in clear).")

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500,
                            help="logins re-encrypted per transaction (default 500)")

    def handle(self, *args, chunk_size, **options):
        if chunk_size < 1:
            raise CommandError("--chunk-size must be at least 1.")
        try:
            tokens.cipher()
        except ImproperlyConfigured as problem:
            raise CommandError(str(problem)) from None
        rotated = in_clear = 0
        unreadable = []  # (login id, username)
        last = 0
        while True:
            with transaction.atomic():
                chunk = list(UserSocialAuth.objects.select_for_update(of=("self",))
                             .filter(provider="mediawiki", pk__gt=last)
                             .select_related("user").order_by("pk")[:chunk_size])
                if not chunk:
                    break
                changed = []
                for login in chunk:
                    outcome, extra = self.reencrypt(login.extra_data)
                    if outcome == "unreadable":
                        unreadable.append((login.pk, login.user.username))
                    elif outcome:
                        rotated += 1
                        in_clear += outcome == "in clear"
                    if extra != login.extra_data:
                        login.extra_data = extra
                        changed.append(login)
                UserSocialAuth.objects.bulk_update(changed, ["extra_data"])
                last = chunk[-1].pk
        self.stdout.write(f"Re-encrypted {rotated} Meta-Wiki token(s) with the first key of "
                          f"CAPX_TOKEN_KEYS ({in_clear} of them were stored in clear).")
        if unreadable:
            self.stderr.write(self.style.WARNING(
                f"{len(unreadable)} token(s) could not be decrypted with any key of "
                "CAPX_TOKEN_KEYS and were left as they are; these people will be asked to "
                "log in again to send messages:"))
            for pk, username in unreadable:
                self.stderr.write(f"  {username} (login {pk})")

    @staticmethod
    def reencrypt(extra_data):
        """(outcome, new extra_data): "rotated", "in clear" (it was), "unreadable", or None
        (no token stored)."""
        extra = dict(extra_data) if isinstance(extra_data, dict) else {}
        if tokens.PLAIN in extra:  # in clear: sealed with the first key, copies removed
            sealed = tokens.seal(extra)
            if tokens.ENCRYPTED in sealed:
                return "in clear", sealed
            # Not a usable token: its plaintext leftovers go, an encrypted one is kept below.
            extra = {**sealed, **({tokens.ENCRYPTED: extra[tokens.ENCRYPTED]}
                                  if tokens.ENCRYPTED in extra else {})}
        if tokens.ENCRYPTED not in extra:
            return None, extra
        try:
            extra[tokens.ENCRYPTED] = tokens.rotate(extra[tokens.ENCRYPTED])
        except tokens.InvalidToken:
            return "unreadable", extra
        return "rotated", extra
