"""Rules staff meet when editing the reference data."""
import pytest
from django.core.exceptions import ValidationError

from profiles.models import Avatar, Territory


def test_a_country_needs_a_region_and_a_code():
    country = Territory(slug="atlantis", name="Atlantis", kind="country")
    with pytest.raises(ValidationError) as error:
        country.full_clean()
    assert "region" in error.value.message_dict


def test_a_country_cannot_belong_to_another_country():
    brazil = Territory.objects.get(code="BR")
    country = Territory(slug="atlantis", name="Atlantis", kind="country", code="QZ",
                        region=brazil)
    with pytest.raises(ValidationError, match="belongs to a region"):
        country.full_clean()


def test_a_region_has_no_region_nor_code():
    region = Territory(slug="antarctica-region", name="Antarctica", kind="region", code="AQ")
    with pytest.raises(ValidationError, match="no ISO code"):
        region.full_clean()


COMMONS = "https://commons.wikimedia.org/wiki/Special:FilePath/Example.svg"


@pytest.mark.parametrize("url", [
    COMMONS,
    "https://commons.wikimedia.org/wiki/Special:Redirect/file/CapX_-_Avatar_-_99.svg",
    "https://commons.wikimedia.org/wiki/File:Example.jpg",
    "https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg",
])
def test_an_avatar_is_a_file_on_commons(url):
    Avatar(image_url=url).full_clean()


@pytest.mark.parametrize("url", [
    "https://example.org/avatar.png",
    "http://commons.wikimedia.org/wiki/File:Example.jpg",
    "https://commons.wikimedia.org/wiki/Main_Page",
    "https://upload.wikimedia.org/wikipedia/en/a/a9/Example.jpg",
])
def test_an_avatar_elsewhere_is_refused(url):
    with pytest.raises(ValidationError, match="file on Wikimedia Commons"):
        Avatar(image_url=url).full_clean()


def test_an_avatar_can_be_a_file_of_capx():
    Avatar.objects.filter(file="avatar-01.svg").delete()
    Avatar(file="avatar-01.svg").full_clean()


@pytest.mark.parametrize("name", ["missing.svg", "../capx-logo.svg", "avatars/avatar-01.svg",
                                  "avatar-01.svg.exe"])
def test_an_avatar_file_must_be_in_the_avatars_folder(name):
    with pytest.raises(ValidationError, match="static/img/avatars/"):
        Avatar(file=name).full_clean()


@pytest.mark.parametrize("fields", [{}, {"file": "avatar-01.svg", "image_url": COMMONS}])
def test_an_avatar_is_a_file_of_capx_or_an_image_on_commons(fields):
    Avatar.objects.filter(file="avatar-01.svg").delete()
    with pytest.raises(ValidationError, match="one of the two"):
        Avatar(**fields).full_clean()


def test_each_avatar_is_there_once():
    with pytest.raises(ValidationError, match="already an avatar"):
        Avatar(file="avatar-01.svg").full_clean()
