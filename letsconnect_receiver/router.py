"""Keeps the receiver's models in their own database and everything else out of it.

- reads and writes of letsconnect_receiver's models go to the `letsconnect` alias;
- migrations: on `letsconnect` only letsconnect_receiver migrates (every other app, CapX's
  own data migrations and SQL included, is refused there); letsconnect_receiver never
  migrates anywhere else, so CapX's database has no table of it;
- no relation between a receiver row and any other row (they live in different databases).

Installed as settings.DATABASE_ROUTERS = ["letsconnect_receiver.router.LetsConnectRouter"]."""

APP_LABEL = "letsconnect_receiver"
DATABASE = "letsconnect"


def _ours(model_or_obj) -> bool:
    return model_or_obj._meta.app_label == APP_LABEL


class LetsConnectRouter:
    def db_for_read(self, model, **hints):
        return DATABASE if _ours(model) else None

    def db_for_write(self, model, **hints):
        return DATABASE if _ours(model) else None

    def allow_relation(self, obj1, obj2, **hints):
        if _ours(obj1) or _ours(obj2):
            return _ours(obj1) and _ours(obj2)
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == DATABASE:
            return app_label == APP_LABEL
        if app_label == APP_LABEL:
            return False
        return None
