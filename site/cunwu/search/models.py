from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable thing of a town: a live public page, or a public record a plugin yields.

    `norm_title` and `norm_all` (title and text) are normalised copies the query matches by substring, the same
    way on SQLite and PostgreSQL. `owner` is the plugin that must be on for the entry to be found ("" for core
    pages), so a switched-off plugin's records and pages vanish from the results at once.
    """

    PAGE = "page"

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=60)
    owner = models.CharField(max_length=60, blank=True)
    key = models.CharField(max_length=200)
    # Deleting a page deletes its entry (the cascade covers every way Wagtail deletes pages).
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=1000)
    kind = models.CharField(max_length=100, blank=True)
    date = models.DateField(null=True, blank=True)
    norm_title = models.CharField(max_length=300)
    norm_all = models.TextField()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["town", "source", "key"], name="one_search_entry_per_key")]
        indexes = [models.Index(fields=["town", "owner"], name="search_entry_town_owner")]

    def __str__(self):
        return self.title

    @property
    def kind_label(self):
        """A page's kind is its type's name, translated when shown; a plugin record's is what the plugin said."""
        if self.page_id and not self.kind:
            model = ContentType.objects.get_for_id(self.page.content_type_id).model_class()
            return model._meta.verbose_name if model else ""
        return self.kind
