from django.contrib import admin

from messaging.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """The message log, to read (support: "did my message go?"); nobody writes it by hand,
    and there is no subject or text to see."""

    list_display = ("created_at", "sender", "recipient", "method", "status")
    list_filter = ("status", "method", "created_at")
    search_fields = ("sender__username", "recipient")
    list_select_related = ("sender",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
