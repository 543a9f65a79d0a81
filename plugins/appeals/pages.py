from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cunwu.plugins.api import PluginPage


class AppealFormPage(PluginPage, Page):
    """A page with the appeal form; editors place it anywhere in a town that enabled the plugin."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "appeals/appeal_form_page.html"
    page_description = _("The form where villagers report a problem or make a request online; they get a number to "
                         "follow its progress.")

    class Meta:
        verbose_name = _("appeal form page")

    def serve(self, request, *args, **kwargs):
        from .views import handle_submission

        request.is_preview = getattr(request, "is_preview", False)
        return handle_submission(request, self.template, {"page": self, "self": self})
