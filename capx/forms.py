"""Form pieces every app's admin shares."""
from django import forms
from django.db import models


class AddressField(forms.URLField):
    """A web address whose model validators say what is wrong with it ("Enter the address of
    a file on Wikimedia Commons…"): Django's URLField would put its own "Enter a valid URL."
    over any message of the same code. Typed without a scheme, it is https://."""

    def __init__(self, **kwargs):
        super().__init__(**{"assume_scheme": "https", **kwargs})
        del self.error_messages["invalid"]  # a malformed one keeps the validator's message


URL_FIELDS = {models.URLField: {"form_class": AddressField}}  # an admin's formfield_overrides
