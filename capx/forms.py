"""Form pieces every app shares: the admins' address field, and the form renderer."""
from django import forms
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class AddressField(forms.URLField):
    """A web address whose model validators say what is wrong with it ("Enter the address of
    a file on Wikimedia Commons…"): Django's URLField would put its own "Enter a valid URL."
    over any message of the same code. Typed without a scheme, it is https://."""

    def __init__(self, **kwargs):
        super().__init__(**{"assume_scheme": "https", **kwargs})
        del self.error_messages["invalid"]  # a malformed one keeps the validator's message


URL_FIELDS = {models.URLField: {"form_class": AddressField}}  # an admin's formfield_overrides


class FormRenderer(DjangoTemplates):
    """Django's form renderer (settings.FORM_RENDERER), except that a plain <input> and a
    radio or checkbox option are written in Python, the same markup as Django's one-line
    templates: through the template engine, the dozens of them on the profile editor were a
    sixth of its time."""

    def render(self, template_name, context, request=None):
        write = WRITTEN_IN_PYTHON.get(template_name)
        if write is None:
            return super().render(template_name, context, request)
        return mark_safe(write(context["widget"]))


def input_tag(widget):
    value = widget["value"]
    return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"],
                       "" if value is None else format_html(' value="{}"', str(value)),
                       attributes(widget["attrs"]))


def attributes(attrs):
    return mark_safe("".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items() if value is not False))


def option_tag(widget):
    if not widget.get("wrap_label"):
        return input_tag(widget)
    label_for = widget["attrs"].get("id")
    return format_html("<label{}>{} {}</label>",
                       format_html(' for="{}"', label_for) if label_for else "",
                       input_tag(widget), widget["label"])


WRITTEN_IN_PYTHON = {
    "django/forms/widgets/input.html": input_tag,
    "django/forms/widgets/radio_option.html": option_tag,
    "django/forms/widgets/checkbox_option.html": option_tag,
    "django/forms/widgets/input_option.html": option_tag,
}
