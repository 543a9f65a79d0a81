"""Small admin views behind the page editor: the pinyin address of a title, the page chooser opening at the town."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page

from cunwu.towns.access import default_town_for, user_towns

from .slugs import has_non_ascii, slug_for_title


def _in_user_towns(page, user):
    if user.is_superuser:
        return True
    return any(page.is_descendant_of(town.site.root_page) or page.pk == town.site.root_page_id
               for town in user_towns(user).select_related("site__root_page"))


def pinyin_slug_view(request):
    """{"slug": ...} for ?title= under ?parent= (a new page) or for ?page= (an existing one), unique among siblings."""
    title = request.GET.get("title", "")[:255]
    page = parent = None
    if request.GET.get("page", "").isdigit():
        page = get_object_or_404(Page, pk=request.GET["page"])
        parent = page.get_parent()
    elif request.GET.get("parent", "").isdigit():
        parent = get_object_or_404(Page, pk=request.GET["parent"])
    if parent is None or not _in_user_towns(parent, request.user):
        raise Http404
    # An address typed in Chinese is written in pinyin too; a plain ASCII one is the editor's and only cleaned.
    slug = slug_for_title(title, parent, page, fallback="") if title else ""
    return JsonResponse({"slug": slug, "converted": has_non_ascii(title)})


class TownPageBrowseView(BrowseView):
    """Wagtail's page chooser starts at the tree's root ("Root"), which a town editor cannot use: start at the
    editor's own town's home page instead. A chooser given a page to start from, and superusers, are unchanged."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is None and not request.user.is_superuser:
            town = default_town_for(request.user, request)
            if town is not None:
                parent_page_id = town.site.root_page_id
        return super().get(request, parent_page_id=parent_page_id)

    def get_object_list(self):
        # Each row's status (scheduled? in review?) was one query per page, as Wagtail's explorer avoids with
        # these two: with a town's dozen sections the chooser took twice as long as it needed to.
        pages = super().get_object_list().annotate_approved_schedule().prefetch_workflow_states()
        # Each row's title cell names its parent (`page.get_parent.id`), one query per row: every row is a child
        # of the page browsed, so hand it over instead.
        parent, iterable = self.parent_page, pages._iterable_class

        class ParentKnown(iterable):
            def __iter__(self):
                for page in super().__iter__():
                    page._cached_parent_obj = parent
                    yield page

        pages._iterable_class = ParentKnown
        return pages
