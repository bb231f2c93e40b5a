"""The shipped translation catalogs (locale/<lang>/LC_MESSAGES/django.po) are complete:
every entry translated in every plural form, nothing fuzzy, placeholders intact, and no
string in the code or templates missing from them (README.md, "Translations")."""
import ast
import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils.translation import to_locale

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale"
# The languages CapX ships besides English, as gettext locale names (pt-br → pt_BR).
LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What `manage.py makemessages` is told to skip (README.md): not CapX's own strings.
IGNORED = [".venv", "tests", "var", "staticfiles"]

# %(name)s, %(max)d, %s … (not %%) and str.format's {name} / {0} (not {{ or }}).
PERCENT = re.compile(r"%(?:\([^)]+\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]")
BRACES = re.compile(r"(?<!\{)\{(?:[A-Za-z_][A-Za-z0-9_]*|\d*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")


def placeholders(text, python_format):
    found = [p for p in PERCENT.findall(text) if p != "%%"] if python_format else []
    return sorted(found + BRACES.findall(text))


def read_catalog(path):
    with open(path, "rb") as po:
        return read_po(po, abort_invalid=True)


def entries(catalog):
    return [message for message in catalog if message.id]


def key(message):
    singular = message.id[0] if message.pluralizable else message.id
    return (message.context, singular)


@pytest.fixture(scope="module", params=LOCALES)
def shipped(request):
    path = LOCALE_DIR / request.param / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run manage.py makemessages -l {request.param}"
    return request.param, read_catalog(path)


def test_every_language_is_shipped():
    assert LOCALES, "settings.LANGUAGES offers no language besides English"
    for locale in LOCALES:
        assert (LOCALE_DIR / locale / "LC_MESSAGES" / "django.po").exists(), locale


def test_the_header_is_complete(shipped):
    locale, catalog = shipped
    headers = {name: value.strip() for name, value in catalog.mime_headers}
    # Babel (bin/setup) refuses to compile a catalog whose header is still fuzzy.
    assert not catalog.fuzzy, f"{locale}: remove the '#, fuzzy' flag from the header"
    assert headers["Project-Id-Version"].startswith("CapX"), locale
    assert headers["Language"] == locale
    assert "charset=utf-8" in headers["Content-Type"].lower(), locale
    assert catalog.num_plurals == get_plural(locale).num_plurals, f"{locale}: Plural-Forms"


def test_every_entry_is_translated_and_not_fuzzy(shipped):
    locale, catalog = shipped
    messages = entries(catalog)
    assert messages, f"{locale}: the catalog is empty"
    untranslated = [message.id for message in messages
                    if not message.string
                    or (message.pluralizable and (len(message.string) != catalog.num_plurals
                                                  or not all(message.string)))]
    fuzzy = [message.id for message in messages if message.fuzzy]
    assert not untranslated, f"{locale}: untranslated (or a plural form missing): {untranslated}"
    assert not fuzzy, f"{locale}: fuzzy, check them and remove the flag: {fuzzy}"


def test_placeholders_match_the_english(shipped):
    locale, catalog = shipped
    wrong = []
    for message in entries(catalog):
        python_format = "python-format" in message.flags
        if message.pluralizable:
            expected = set(placeholders(message.id[0], python_format)
                           + placeholders(message.id[1], python_format))
            forms = [set(placeholders(form, python_format)) for form in message.string]
            # A form may leave out the number ("one capacity"), never add a placeholder,
            # and together the forms use them all.
            if any(not form <= expected for form in forms) or set().union(*forms) != expected:
                wrong.append((message.id, message.string))
        elif placeholders(message.string, python_format) != placeholders(message.id, python_format):
            wrong.append((message.id, message.string))
    assert not wrong, f"{locale}: placeholders differ from the English: {wrong}"
    # Babel's own checks: number of plural forms and python-format compatibility.
    errors = [(message.id, [str(error) for error in errs]) for message, errs in catalog.check()]
    assert not errors, f"{locale}: {errors}"


def test_the_catalogs_hold_every_string_of_the_code_and_templates(tmp_path, monkeypatch):
    """Django's makemessages, run on a mirror of the project (symbolic links, with a copy of
    locale/), finds no string that the shipped catalogs lack, and nothing they hold is
    stale, i.e. they are what `makemessages --no-obsolete` would write."""
    if not shutil.which("xgettext"):
        pytest.skip("xgettext is not installed (apt install gettext; bin/test does it)")
    mirror = tmp_path / "capx"
    mirror.mkdir()
    for item in BASE_DIR.iterdir():
        if item.name not in {"locale", ".git", *IGNORED}:
            (mirror / item.name).symlink_to(item)
    shutil.copytree(LOCALE_DIR, mirror / "locale")
    monkeypatch.chdir(mirror)  # makemessages walks the current directory
    locale = LOCALES[0]  # the extraction is the same for every language
    with override_settings(LOCALE_PATHS=[str(mirror / "locale")]):
        call_command("makemessages", locale=[locale], symlinks=True, no_obsolete=True,
                     ignore_patterns=IGNORED, verbosity=0)

    fresh = read_catalog(mirror / "locale" / locale / "LC_MESSAGES" / "django.po")
    wanted = {key(message): message.id for message in entries(fresh)}
    for locale in LOCALES:
        catalog = read_catalog(LOCALE_DIR / locale / "LC_MESSAGES" / "django.po")
        have = {key(message): message for message in entries(catalog)}
        missing = [msgid for k, msgid in wanted.items()
                   if k not in have or have[k].id != msgid or not have[k].string]
        stale = [message.id for k, message in have.items() if k not in wanted]
        hint = (f"run `manage.py makemessages {' '.join('-l ' + name for name in LOCALES)} "
                "--no-obsolete` (README.md) and translate the new entries")
        assert not missing, f"{locale}: not in the catalog, {hint}: {missing}"
        assert not stale, f"{locale}: no longer in the code, {hint}: {stale}"


# Names of django.utils.translation functions that makemessages (xgettext) extracts from.
SINGULAR = {"gettext", "gettext_lazy", "gettext_noop"}


def python_files():
    for root, dirs, files in os.walk(BASE_DIR):
        dirs[:] = [name for name in dirs if name not in IGNORED and not name.startswith(".")]
        yield from (Path(root) / name for name in files if name.endswith(".py"))


def test_strings_are_marked_with_names_makemessages_sees():
    """`from django.utils.translation import gettext_lazy as _lazy` hides every `_lazy("…")`
    from makemessages: the string silently stays in English. Only `_` (for gettext,
    gettext_lazy or gettext_noop) or the function's own name are extracted."""
    wrong = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                for alias in node.names:
                    if "gettext" in alias.name and alias.asname not in (None, alias.name) and not (
                            alias.asname == "_" and alias.name in SINGULAR):
                        wrong.append(f"{path.relative_to(BASE_DIR)}: {alias.name} as {alias.asname}")
    assert not wrong, f"makemessages cannot see the strings marked with: {wrong}"
