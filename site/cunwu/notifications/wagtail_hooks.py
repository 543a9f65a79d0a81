from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import Notification


class NotificationsPanel(Component):
    name = "cunwu_notifications"
    order = 50
    template_name = "cunwu/admin/notifications_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        return {
            "notifications": Notification.objects.filter(recipient=self.request.user, read_at__isnull=True)[:10],
            "title": _("Notifications"),
        }


@hooks.register("construct_homepage_panels")
def add_notifications_panel(request, panels):
    panels.append(NotificationsPanel(request))
