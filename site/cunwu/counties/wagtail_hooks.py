from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import CountyForm
from .models import County


class CountyViewSet(ModelViewSet):
    """Counties are the platform operator's (superusers): nobody else holds a right on them."""

    model = County
    icon = "globe"
    menu_label = _("Counties")
    add_to_settings_menu = True
    menu_order = 12
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("slug"), FieldPanel("towns"), FieldPanel("supervisors")],
        base_form_class=CountyForm,
    )


@hooks.register("register_admin_viewset")
def register_county_viewset():
    return CountyViewSet("counties")
