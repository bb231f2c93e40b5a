"""The keyword search folds the query in Python and the cards' text in PostgreSQL
(capx_fold): both must fold alike, or a word typed with or without its accents is missed."""
import pytest
from django.db import connection

from capacities.models import Capacity
from capacities.tree import fold
from tests.explore.seen import people
from tests.factories import ProfileFactory

SAMPLES = ["Événements", "São Paulo", "Ñandú Öztürk", "Łódź", "Ærøskøbing", "İstanbul",
           "Straße", "ΣΟΦΊΑ", "Привет Ёлка", "Tiếng Việt", "الْعَرَبِيَّة", "עִבְרִית",
           "हिन्दी", "日本語", "ﬁne ligature", "Ｆｕｌｌｗｉｄｔｈ", "x\u0301\u0327y"]


def database_fold(texts):
    with connection.cursor() as cursor:
        cursor.execute("SELECT capx_fold(t) FROM unnest(%s::text[]) WITH ORDINALITY AS x(t, n) "
                       "ORDER BY n", [texts])
        return [row[0] for row in cursor.fetchall()]


def test_the_database_folds_like_python():
    names = [getattr(capacity, field) or "" for capacity in Capacity.objects.all()
             for field in ("name_en", "name_pt_br", "name_ar")]
    texts = SAMPLES + names
    assert database_fold(texts) == [fold(text) for text in texts]


@pytest.mark.parametrize("typed", ["nandu", "ÑANDÚ", "ozturk", "Öztürk"])
def test_a_name_is_found_with_or_without_its_accents(client, typed):
    ProfileFactory(username="Ñandú Öztürk", known=["media"], available=["media"])
    assert people(client, q=typed) == {"Ñandú Öztürk"}


def test_arabic_is_found_without_its_vowel_marks(client):
    ProfileFactory(username="Layla", bio="أُحِبُّ الْعَرَبِيَّة", known=["media"], available=["media"])
    assert people(client, q="العربية") == {"Layla"}
