from django import forms
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from messaging.models import Message
from profiles.validators import normalize_username, validate_username

SUBJECT_MAX = 200  # MediaWiki's section titles and email subjects stay well within this
TEXT_MAX = 5000


def methods_offered(data):
    """The contact methods a posted form was offering (its email_possible field)."""
    if data.get("email_possible") in ("True", "true", "1", "on"):
        return (Message.Method.EMAIL, Message.Method.TALKPAGE)
    return (Message.Method.TALKPAGE,)


class MessageForm(forms.Form):
    """Write: To, Contact method, Subject, Message. `methods`: the contact methods offered
    (Email only when both accounts accept email); `email_possible` carries that through the
    confirmation step without asking Meta-Wiki again."""

    to = forms.CharField(label=pgettext_lazy("message recipient", "To"), max_length=255, validators=[validate_username],
                         help_text=_("A Wikimedia username, as on Meta-Wiki."))
    method = forms.ChoiceField(label=_("Contact method"), choices=Message.Method.choices)
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    text = forms.CharField(label=_("Message"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 10}))
    email_possible = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, methods=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].widget.attrs.update(autocomplete="off", spellcheck="false",
                                              autocapitalize="off")
        self.fields["text"].widget.attrs["maxlength"] = TEXT_MAX
        self.offer(methods_offered(self.data) if methods is None else methods)

    def offer(self, methods):
        """Only these contact methods can be chosen (a recipient check decided them)."""
        self.fields["method"].choices = [(value, label) for value, label
                                         in Message.Method.choices if value in methods]
        self.initial["email_possible"] = Message.Method.EMAIL in methods
        if self.is_bound:
            self.data = self.data.copy()
            self.data["email_possible"] = Message.Method.EMAIL in methods

    def clean_to(self):
        return normalize_username(self.cleaned_data["to"])

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())  # a section title is one line
