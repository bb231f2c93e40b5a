from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class Message(models.Model):
    """The log of one message a user sent, or tried to send, through Meta-Wiki. Never its
    subject or its text: those live only on Meta-Wiki (the guide's "Messages privacy")."""

    class Method(models.TextChoices):
        EMAIL = "email", _("Email")
        TALKPAGE = "talkpage", _("Talkpage")

    class Status(models.TextChoices):
        SENT = "sent", pgettext_lazy("message status", "Sent")
        ERROR = "error", _("Error")

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="messages_sent", verbose_name=_("sender"))
    recipient = models.CharField(_("recipient"), max_length=255)
    method = models.CharField(_("contact method"), max_length=10, choices=Method.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("message log entry")
        verbose_name_plural = _("message log")
        ordering = ["-created_at", "-id"]
        # The Sent tab (newest first) and the hourly limit both read one sender's newest.
        indexes = [models.Index(fields=["sender", "-created_at", "-id"], name="message_sender_newest")]

    def __str__(self):
        return f"{self.sender} → {self.recipient} ({self.method}, {self.status})"
