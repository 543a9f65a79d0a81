"""The demo's village cadres: each village's Party secretary (村党组织书记), a village editor who proposes and
works the village's power records. The town's editor signs off the steps the town reviews."""

from django.utils.translation import gettext as _

from cunwu.towns.models import Role
from cunwu.towns.services import ascii_slug

# A plausible name per village, in the order of the demo's villages; cadres' names are public on the record
# pages only masked (张*国), as every person's name is.
NAMES = ["张建国", "李志明", "王德明", "赵永强", "陈春生"]


def cadre_username(village_name):
    """beigou-shuji for 北沟村."""
    return f"{ascii_slug(village_name, 'village').removesuffix('cun') or 'village'}-shuji"


def load_cadres(towns, make_user):
    number = 0
    for town in towns:
        editors = town.group_for(Role.VILLAGE_EDITOR)
        for village in town.villages.all():
            user = make_user(cadre_username(village.name))
            if not user.first_name:
                user.first_name = NAMES[number % len(NAMES)]
                user.save(update_fields=["first_name"])
            user.groups.add(editors)
            village.staff.add(user)
            number += 1


def cadre_logins(town_specs, password):
    role = _("Party secretary (village editor)")  # outside the f-string, where makemessages finds it
    return [f"  {cadre_username(name)} / {password}  ({spec['slug']}: {name} {role})"
            for spec in town_specs for name in spec["villages"]]
