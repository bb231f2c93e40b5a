"""Accounts: who a Wikimedian is on CapX and how they sign in.

- models.py: the User (keyed on Meta-Wiki's central user id, username as Meta-Wiki spells it).
- views.py: the login page, the development login, the admin's login.
- pipeline.py: the steps CapX adds to social-auth's Meta-Wiki login, and its error messages.
- tokens.py: the Meta-Wiki access tokens stored encrypted (Fernet, CAPX_TOKEN_KEYS), and
  ../management/commands/rotate_token_keys.py, which re-encrypts them with a new key.
- ../management/commands/make_staff.py: gives or takes access to the Django admin.

They live in the profiles app because the User model does (AUTH_USER_MODEL "profiles.User"):
a Wikimedian's account and their profile are one person, and moving a swappable user model
to another app would rewrite the migration history of every existing database.
"""
