"""“Copy to another page”: a block of this page goes to the end of another page of the same town, as a draft.

Wagtail 7.4's StreamField has no copy and paste of blocks between pages (wagtail/wagtail#8339 is open; its admin
scripts copy only text to the clipboard), so the page editor gets this screen. The copy lands in the target's
latest draft as a new revision, which its editors review and publish themselves: nothing is published silently.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cunwu.pages.fields import BodyStreamField, body_stream_fields
from cunwu.towns.models import Town


def has_body(page_class):
    return isinstance(_body_field(page_class), BodyStreamField)


def _body_field(page_class):
    try:
        return page_class._meta.get_field("body")
    except Exception:  # noqa: BLE001 - a page type without a body
        return None


def describe(child):
    """“2. 文字：办理条件 所需材料……”: the block's kind and the start of its text, so the editor knows which it is."""
    words = " ".join(str(part) for part in child.block.get_searchable_content(child.value) if part)
    words = Truncator(" ".join(strip_tags(words).split())).chars(40)
    return f"{child.block.label}：{words}" if words else str(child.block.label)


def target_pages(source, town, user):
    """Pages of the source's town that have a body and that the user may edit, the source itself left out."""
    body_types = [ContentType.objects.get_for_model(model) for model, _field in body_stream_fields() if issubclass(model, Page)]
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return (
        Page.objects.descendant_of(town.root_page, inclusive=True)
        .filter(content_type__in=body_types, pk__in=editable.values("pk"))
        .exclude(pk=source.pk)
        .order_by("path")
    )


class TargetChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, root_depth=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.root_depth = root_depth

    def label_from_instance(self, page):
        # Indented by depth, so the list reads like the town's page tree.
        return "\u3000" * max(page.depth - self.root_depth, 0) + page.get_admin_display_title()


class CopyBlockForm(forms.Form):
    block = forms.ChoiceField(label=gettext_lazy("Block to copy"), widget=forms.RadioSelect)
    target = TargetChoiceField(
        label=gettext_lazy("Copy to page"), queryset=Page.objects.none(), empty_label=gettext_lazy("Choose a page"),
        help_text=gettext_lazy("Only pages of this town that you may edit. The block is added at the end of the page's draft."),
    )

    def __init__(self, *args, blocks, targets, root_depth, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [(child.id, f"{number}. {describe(child)}") for number, child in enumerate(blocks, 1)]
        self.fields["target"].queryset = targets
        self.fields["target"].root_depth = root_depth


def copy_block(request, page_id):
    source = get_object_or_404(Page, pk=page_id).specific
    if not has_body(type(source)) or not source.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    town = Town.for_page(source)
    if town is None:
        raise PermissionDenied
    draft = source.get_latest_revision_as_object()
    blocks = list(draft.body or [])
    form = CopyBlockForm(
        request.POST or None, blocks=blocks, targets=target_pages(source, town, request.user), root_depth=town.root_page.depth
    )
    if request.method == "POST" and form.is_valid():
        child = next(child for child in blocks if child.id == form.cleaned_data["block"])
        target = form.cleaned_data["target"].specific
        if not target.permissions_for_user(request.user).can_edit() or _locked_for(target, request.user):
            form.add_error("target", _("This page is locked or you may not edit it."))
        else:
            append_to_draft(target, child, request.user)
            edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
            messages.success(
                request,
                _("The block was added at the end of the draft of “%(page)s”. Check it there and publish when it is ready.")
                % {"page": target.get_admin_display_title()},
                buttons=[messages.button(edit_url, _("Edit that page"))],
            )
            return redirect("wagtailadmin_pages:edit", source.pk)
    return TemplateResponse(request, "cunwu_layouts/admin/copy_block.html", {
        "page": source, "form": form, "has_blocks": bool(blocks),
        "title": _("Copy a block to another page"),
    })


def _locked_for(page, user):
    lock = page.get_lock()
    return lock is not None and lock.for_user(user)


def append_to_draft(target, child, user):
    """A new revision of the target: its latest draft plus the block (through its stored form, a copy not a share)."""
    draft = target.get_latest_revision_as_object()
    stored = child.block.get_prep_value(child.value)
    draft.body.append((child.block_type, child.block.to_python(stored)))
    return draft.save_revision(user=user, log_action=True)
