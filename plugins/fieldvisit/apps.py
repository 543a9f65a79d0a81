from django.utils.translation import gettext_lazy as _

# Imported as a module so Django sees exactly one AppConfig class in this file.
from cunwu.plugins import api

ADD, VIEW = "fieldvisit.add_checkin", "fieldvisit.view_checkin"


def checking_in_roles():
    """Who checks in in the field: the village supervision committee (member and director), the town's
    discipline supervisor and the town administrator (who also reads the whole town's trail)."""
    role = api.Role
    return (role.VILLAGE_SUPERVISOR, role.VILLAGE_SUPERVISOR_DIRECTOR, role.SUPERVISOR, role.TOWN_ADMIN)


class FieldvisitConfig(api.PluginConfig):
    name = "fieldvisit"
    label = "fieldvisit"
    verbose_name = _("Field check-ins")

    class CunwuPluginMeta:
        name = "走访打卡"
        name_en = "Field check-ins"
        version = "0.1.0"
        author = "cunwu"
        description = _("Supervision committee members and discipline supervisors check in from their phone in the "
                        "field: place, accuracy, photo, note; the supervisor sees the trail on a list and a map.")
        category = "supervision"
        compatibility = ">=0.1,<1"

    demo_loader = "fieldvisit.demo.load_demo"

    def installed(self, town):
        self.upgrade(town)

    def upgrade(self, town):
        # Idempotent: adding a permission a group already holds changes nothing. No change or delete right
        # exists in use: a check-in is never edited or removed.
        for role in checking_in_roles():
            api.grant(town, role, ADD, VIEW)
