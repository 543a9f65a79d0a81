from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LinkValue(blocks.StructValue):
    @cached_property
    def href(self):
        page = self.get("page")
        if page is not None and page.live:
            return page.url
        return self.get("url") or ""

    @cached_property
    def text(self):
        page = self.get("page")
        return self.get("label") or (page.title if page else "")


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("text"), required=False, max_length=40)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or web address"), required=False)

    class Meta:
        icon = "link"
        value_class = LinkValue
        form_classname = "cunwu-link-block"

    def clean(self, value):
        value = super().clean(value)
        if getattr(self.meta, "required", False) and not (value.get("page") or value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a web address."))}
            )
        return value
