from io import BytesIO

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from bugreports.models import DESCRIPTION_MAX, TITLE_MAX, BugReport

# What a screenshot may be, by what its bytes decode as (never by its name).
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


class BugReportForm(forms.ModelForm):
    screenshot_file = forms.FileField(
        label=_("Screenshot"), required=False,
        help_text=_("Optional: a PNG, JPEG, GIF or WebP image of what you saw."))

    class Meta:
        model = BugReport
        fields = ["title", "description", "kind"]
        labels = {"title": _("Title"), "description": _("Description"), "kind": _("Type")}
        widgets = {"description": forms.Textarea(attrs={"rows": 8, "maxlength": DESCRIPTION_MAX})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose the type"))] + list(BugReport.Kind.choices)
        # Here, not in Meta: "%" turns a lazy text into the language of the moment it runs.
        self.fields["title"].help_text = _("A short summary, up to %(max)d characters.") % {
            "max": TITLE_MAX}
        self.fields["description"].help_text = _(
            "What happened, and what you expected: the CapX team will only have this text to "
            "understand it. Up to %(max)d characters.") % {"max": DESCRIPTION_MAX}
        self.fields["screenshot_file"].widget.attrs["accept"] = ",".join(IMAGE_TYPES.values())

    def clean_screenshot_file(self):
        upload = self.cleaned_data.get("screenshot_file")
        if not upload:
            return None
        limit = settings.CAPX_BUG_SCREENSHOT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The screenshot is %(size)s; the most it can be is %(max)s."),
                params={"size": filesizeformat(upload.size), "max": filesizeformat(limit)})
        data = upload.read()
        kind = decoded_type(data)
        if kind is None:
            raise forms.ValidationError(_("This file is not an image CapX can take: choose a "
                                          "PNG, JPEG, GIF or WebP picture."))
        return data, kind

    def save(self, author):
        report = super().save(commit=False)
        report.author = author
        if self.cleaned_data.get("screenshot_file"):
            report.screenshot, report.screenshot_type = self.cleaned_data["screenshot_file"]
        report.save()
        return report


def decoded_type(data):
    """The MIME type of `data` if it is a whole image of an allowed type, else None."""
    try:
        with Image.open(BytesIO(data)) as image:
            kind = image.format
            image.verify()  # a truncated or corrupt file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return IMAGE_TYPES.get(kind)
