from django import forms
from django.contrib.admin import SimpleListFilter
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.core.exceptions import ValidationError
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import CreateView

from cunwu.plugins import api

from .models import BroadcastPage, LiveUpdate, Question


def broadcasts_for(user, town=None):
    """Broadcasts of the form's town (or of the user's towns when the form has none)."""
    towns = [town] if town is not None else list(api.user_towns(user))
    if not towns:
        return BroadcastPage.objects.none()
    match = Q()
    for town in towns:
        match |= Q(path__startswith=town.root_page.path)
    return BroadcastPage.objects.filter(match).order_by("-starts_at")


class BroadcastScopedForm(api.TownScopedForm):
    """Editors pick only their own towns' broadcasts."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "broadcast" in self.fields:
            self.fields["broadcast"].queryset = broadcasts_for(for_user, self.town)


class BroadcastListFilter(SimpleListFilter):
    """The broadcasts of the towns the list shows (Django's own filter would name every town's broadcasts)."""

    title = _("broadcast")
    parameter_name = "broadcast"

    def lookups(self, request, model_admin):
        towns = api.user_towns(request.user).filter(pk__in=model_admin.listed_town_ids(request))
        return [(str(page.pk), page.title) for town in towns for page in broadcasts_for(request.user, town)]

    def queryset(self, request, queryset):
        value = self.value() or ""
        return queryset.filter(broadcast_id=int(value)) if value.isdigit() and len(value) < 10 else queryset


class LiveUpdateForm(BroadcastScopedForm):
    # Editors post from a phone in the meeting room: the photo is uploaded here, not picked from the image library first.
    photo_file = WagtailImageField(label=_("Photo (optional)"), required=False)

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        not_a_photo = _("This file is not a photo. Upload a JPG, PNG, GIF or WebP image.")
        for code in ("invalid", "invalid_image", "invalid_image_extension", "invalid_image_known_format"):
            self.fields["photo_file"].error_messages[code] = not_a_photo
        if for_user is not None and "corrects" in self.fields:
            towns = [self.town] if self.town is not None else api.user_towns(for_user)
            self.fields["corrects"].queryset = LiveUpdate.objects.filter(town__in=towns).select_related("broadcast")

    def clean_photo_file(self):
        """Written afresh from its pixels (api.check_upload): a phone's photo carries the GPS of where it was taken."""
        upload = self.cleaned_data.get("photo_file")
        if not upload:
            return upload
        checked, _content_type = api.check_upload(upload, ("image",))
        return checked

    def clean(self):
        cleaned = super().clean()
        corrects, broadcast = cleaned.get("corrects"), cleaned.get("broadcast")
        if corrects and broadcast and corrects.broadcast_id != broadcast.pk:
            self.add_error("corrects", ValidationError(_("A correction must belong to the same broadcast as the update it corrects.")))
        return cleaned

    def save(self, commit=True):
        upload = self.cleaned_data.get("photo_file")
        if upload:
            update = self.instance
            town = api.town_for_page(update.broadcast)
            image = get_image_model()(
                title=f"{update.broadcast.title} · {api.town_now(town):%Y-%m-%d %H:%M}",
                file=upload,
                collection=town.collection or Collection.get_first_root_node(),
                uploaded_by_user=self.for_user,
            )
            image.save()
            update.photo = image
        return super().save(commit)


class PostedUpdatesStay(PermissionHelper):
    """Posted updates are part of the public transcript: corrected by a new update, never edited or deleted."""

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class QuestionForm(BroadcastScopedForm):
    def clean_answer(self):
        answer = self.cleaned_data.get("answer", "")
        published = Question.objects.filter(pk=self.instance.pk).values_list("answer", "answered_at").first()
        if published and published[1] and answer != published[0]:
            # Villagers may have read (and quoted) the answer: a change would rewrite the record without a trace.
            raise ValidationError(_("This answer has been published and cannot be changed. Post a correction as a live text update instead."))
        return answer

    def save(self, commit=True):
        question = self.instance
        if question.answer and question.answered_at is None:
            question.answered_at = timezone.now()
            if question.status == Question.Status.PENDING:
                question.status = Question.Status.APPROVED
        return super().save(commit)


class RefusedWith400CreateView(CreateView):
    """A refused update (e.g. a file that is not a photo) answers 400, so clients and tests can tell it was not posted."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LiveUpdateAdmin(api.TownScopedModelAdmin):
    model = LiveUpdate
    menu_label = _("Live text updates")
    menu_icon = "media"
    town_field = "town"
    permission_helper_class = PostedUpdatesStay
    list_display = ("body", "broadcast", "posted_at", "corrects")
    list_filter = (BroadcastListFilter,)
    # A plain select, not the page chooser: its choices stop at the editor's towns.
    panels = [FieldPanel("broadcast", widget=forms.Select), FieldPanel("body"), FieldPanel("photo_file"), FieldPanel("corrects", widget=forms.Select)]

    create_view_class = RefusedWith400CreateView

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = LiveUpdateForm
        return handler


class QuestionAdmin(api.TownScopedModelAdmin):
    model = Question
    menu_label = _("Broadcast questions")
    menu_icon = "help"
    town_field = "town"
    list_display = ("body", "broadcast", "status", "submitted_at", "answered_at")
    list_filter = ("status",)
    panels = [FieldPanel("body", read_only=True), FieldPanel("status"), FieldPanel("answer")]

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = QuestionForm
        return handler


api.register_model_admin(LiveUpdateAdmin, plugin="livestream")
api.register_model_admin(QuestionAdmin, plugin="livestream")


@hooks.register("register_admin_urls")
def end_broadcast_urls():
    from django.urls import path

    from .ending import end_view

    from .signups import export_view

    return [
        path("livestream/broadcast/<int:page_id>/end/", end_view, name="livestream_end_broadcast"),
        path("livestream/broadcast/<int:page_id>/signups.csv", export_view, name="livestream_export_signups"),
    ]


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def end_broadcast_button(page, user, view_name=None, next_url=None):
    from .ending import EndBroadcastButton

    from .signups import ExportSignupsButton

    yield EndBroadcastButton(page=page, next_url=next_url)
    yield ExportSignupsButton(page=page, next_url=next_url)


@hooks.register("register_log_actions")
def end_broadcast_log_action(actions):
    actions.register_action("livestream.end_broadcast", _("End broadcast"), _("Ended the broadcast"))


# Editor's guide (issue 16): this plugin's page of the admin's Chinese guide (shown where the plugin is on)
@hooks.register(api.GUIDE_TOPICS_HOOK)
def guide_topics():
    return [api.GuideTopic("broadcast", "livestream/guide/broadcast", order=40)]


@hooks.register("register_admin_viewset")
def register_block_pickers():
    # The broadcast picker of the "one broadcast" block (issue 16).
    from .choosers import broadcasts

    return broadcasts
