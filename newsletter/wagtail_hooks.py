"""Admin: the subscriber list, filtered by status and language, exported as CSV or XLSX
(the listing's export menu) for the mailing tool."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Subscriber


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Newsletter")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["email", "status", "language", "requested_at", "confirmed_at"]
    list_filter = ["status", "language"]
    list_export = ["email", "status", "language", "requested_at", "confirmed_at"]
    export_filename = "newsletter-subscribers"
    search_fields = ["email"]
    form_fields = ["email", "language", "status"]
    copy_view_enabled = False
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_subscribers():
    return SubscriberViewSet("newsletter_subscribers")
