from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import BlockField

from cunwu.editor.slugs import settle_page_slug
from cunwu.plugins.registry import block_owner, enabled_plugins, get_plugin
from cunwu.towns.models import Town

from .blocks import body_block
from .blocks.dynamic import allowed_video_host
from .blocks.preserved import restore_preserved


class TownPageForm(WagtailAdminPageForm):
    """Offers only the blocks of plugins this page's town has enabled, and refuses the others on save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anchor = self.parent_page if self.instance.pk is None else self.instance
        self.town = Town.for_page(anchor) if anchor is not None and anchor.path else None
        if "slug" in self.fields:
            self.fields["slug"].required = False  # left empty, clean() writes the title's pinyin
        if "village" in self.fields:
            self.fields["village"].queryset = self._village_choices()
        field = self.fields.get("body")
        if field is None or self.town is None:
            return
        labels = {config.label for config in enabled_plugins(self.town)}
        disabled_in_content = any(
            (owner := block_owner(child.block_type)) and owner not in labels for child in (self.instance.body or [])
        )
        if not disabled_in_content and not self.is_bound:
            # Content with a switched-off plugin's block keeps the full definition so nothing is lost;
            # clean() then asks the editor to remove it. A submitted form keeps it too: a block posted from
            # a stale editor (the plugin was switched off meanwhile) must get a message, not vanish.
            block = body_block(plugin_labels=labels)
            block.set_meta_options(self.instance._meta.get_field("body").block_opts)
            self.fields["body"] = BlockField(block=block, required=field.required, label=field.label)

    def _village_choices(self):
        """A village page names a village of its own town that the editor works for (or keeps the one it has)."""
        from cunwu.towns.access import user_villages
        from cunwu.towns.models import Village

        if self.town is None:
            return Village.objects.none()
        villages = user_villages(self.for_user, self.town) if self.for_user is not None else self.town.villages.all()
        kept = Q(pk=getattr(self.instance, "village_id", None), town=self.town)
        return Village.objects.filter(Q(pk__in=villages.values("pk")) | kept)

    def clean(self):
        settle_page_slug(self)  # before Wagtail's clean, which checks the slug is free among the siblings
        cleaned = super().clean()
        body = cleaned.get("body")
        if body:
            # Blocks of a plugin this install lacks are locked in the editor: keep them exactly as stored.
            body = cleaned["body"] = restore_preserved(body, self.instance.body)
        if self.town is None or not body:
            return cleaned
        problems = []
        for child in body:
            owner = block_owner(child.block_type)
            if owner and owner not in {config.label for config in enabled_plugins(self.town)}:
                plugin = get_plugin(owner)
                problems.append(
                    _("The block “%(block)s” belongs to the plugin “%(plugin)s”, which this town has not enabled. Remove it or enable the plugin.")
                    % {"block": child.block.label, "plugin": plugin.display_name if plugin else owner}
                )
            if child.block_type == "video" and not allowed_video_host(child.value["url"], self.town.allowed_embed_hosts()):
                problems.append(
                    _("The video site of “%(url)s” is not allowed for this town. Allowed: %(hosts)s")
                    % {"url": child.value["url"], "hosts": "、".join(self.town.allowed_embed_hosts())}
                )
        if problems:
            self.add_error("body", ValidationError(problems))
        return cleaned
