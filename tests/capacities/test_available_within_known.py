"""Available ⊆ Known is the database's rule for both kinds of party, whatever path writes
the lists (the forms say it first, next to the field: tests of the editors and the admin)."""
import pytest
from django.db import IntegrityError, transaction

from capacities.models import Capacity
from capacities.shipped import load_shipped_tree
from tests.factories import OrganizationFactory, ProfileFactory


@pytest.mark.parametrize("factory", [ProfileFactory, OrganizationFactory])
def test_available_outside_known_is_refused_at_commit(transactional_db, factory):
    load_shipped_tree(Capacity)  # a transactional test's database starts empty after the first
    party = factory(known=["media"], available=["media"])
    survey = Capacity.objects.get(slug="survey")
    with pytest.raises(IntegrityError, match="must be among the Known ones"):
        party.available.add(survey)  # one statement: committed, and checked, at once
    with pytest.raises(IntegrityError):
        party.known.clear()  # would leave Media available but not known
    assert [c.slug for c in party.available.all()] == ["media"]
    assert [c.slug for c in party.known.all()] == ["media"]
    with transaction.atomic():  # both lists in turn, as the forms save them: judged at the end
        party.known.set([survey])
        party.available.set([survey])
    assert [c.slug for c in party.available.all()] == ["survey"]
