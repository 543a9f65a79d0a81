"""Finance-summary and power-list blocks stored the village's or matter's code (typed, or chosen from a list of
every town); now the editor picks them and the block stores the pk. Every page body, live and in its revisions,
gets the pk of the item with that code in the page's own town (a code is unique in a town, not in the install).

A code that names nothing in the page's town is left as it was: the block still reads codes, nothing is dropped.
"""

import json

from django.db import migrations
from django.db.models import F, JSONField
from django.db.models.functions import Cast

BLOCKS = {"disclosure_finance_summary": "village", "disclosure_power_list": "code"}


def _convert(data, lookup):
    """Rewrite `data` (raw stream JSON) in place; True if something changed. Walks nested blocks of any depth."""
    changed = False
    if isinstance(data, list):
        for item in data:
            changed |= _convert(item, lookup)
    elif isinstance(data, dict):
        child = BLOCKS.get(data.get("type"))
        value = data.get("value")
        if child and isinstance(value, dict):
            code = value.get(child)
            if isinstance(code, str) and code.strip() and not code.strip().isdigit():
                pk = lookup(data["type"], code.strip())
                if pk is not None:
                    value[child] = pk
                    changed = True
        for inner in data.values():
            if isinstance(inner, (list, dict)):
                changed |= _convert(inner, lookup)
    return changed


def codes_to_picks(apps, schema_editor):
    from wagtail.blocks import StreamValue
    from wagtail.fields import StreamField

    Town = apps.get_model("towns", "Town")
    Village = apps.get_model("towns", "Village")
    Matter = apps.get_model("disclosure", "Matter")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    roots = sorted(((town.site.root_page.path, town.pk) for town in Town.objects.select_related("site__root_page")),
                   key=lambda root: -len(root[0]))
    villages = {(v.town_id, v.code): v.pk for v in Village.objects.all()}
    matters = {}
    for matter in Matter.objects.order_by("version"):  # the newest version of a code wins; any shows the published one
        matters[(matter.town_id, matter.code)] = matter.pk

    def lookup_for(path):
        town_id = next((pk for root, pk in roots if path.startswith(root)), None)

        def lookup(block_type, code):
            table = villages if block_type == "disclosure_finance_summary" else matters
            return table.get((town_id, code))

        return lookup

    paths = dict(Page.objects.values_list("pk", "path"))
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page:
            continue
        for field in model._meta.local_fields:
            if not isinstance(field, StreamField):
                continue
            rows = model.objects.annotate(raw=Cast(F(field.name), JSONField())).values_list("pk", "raw")
            for pk, raw in rows.iterator(chunk_size=500):
                if raw and _convert(raw, lookup_for(paths.get(pk, ""))):
                    model.objects.filter(pk=pk).update(**{field.name: StreamValue(field.stream_block, raw, is_lazy=True)})

    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is None:
        return
    for revision in Revision.objects.filter(base_content_type=page_type).iterator(chunk_size=500):
        path = paths.get(int(revision.object_id)) if str(revision.object_id).isdigit() else None
        body = (revision.content or {}).get("body")
        if path is None or not isinstance(body, str) or "disclosure_" not in body:
            continue
        raw = json.loads(body)
        if _convert(raw, lookup_for(path)):
            revision.content["body"] = json.dumps(raw)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ("disclosure", "0010_backfill_category_totals"),
        ("towns", "0005_town_moderation_village_rights"),
        ("cunwu_pages", "0003_section_key"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunPython(codes_to_picks, migrations.RunPython.noop, elidable=True),
    ]
