from organizations.models import Organization
from tests.factories import OrganizationFactory, UserFactory


def test_only_organizations_with_an_active_manager_are_listed():
    ana, ivo = UserFactory(username="Ana"), UserFactory(username="Ivo", is_active=False)
    managed = OrganizationFactory(name="Managed", managers=[ana, ivo], known=["media"],
                                  territories=["BR"])
    OrganizationFactory(name="Inactive manager only", managers=[ivo])
    OrganizationFactory(name="No manager")
    assert list(Organization.objects.listed()) == [managed]
    assert managed.managed_by(ana) and not managed.managed_by(ivo)
    assert [c.slug for c in managed.known.all()] == ["media"]
