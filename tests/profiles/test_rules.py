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


@pytest.mark.parametrize("url", [
    "https://commons.wikimedia.org/wiki/Special:FilePath/Example.svg",
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
