"""The demo's supervisors above the town's staff: each village's supervision committee (a director and a
member) and the county (瓜州县) that holds both demo towns, with its discipline commission's login."""

from django.utils.translation import gettext as _

from cunwu.counties.models import County, CountyTown
from cunwu.towns.committee import committee_members, set_committee
from cunwu.towns.services import ascii_slug

COUNTY = {"name": "瓜州县", "slug": "guazhou"}
COUNTY_SUPERVISOR = "guazhou-supervisor"


def committee_usernames(village_name):
    """(director, member) of a village: beigou-jianwei-zhuren, beigou-jianwei for 北沟村."""
    short = ascii_slug(village_name, "village").removesuffix("cun") or "village"
    return f"{short}-jianwei-zhuren", f"{short}-jianwei"


def load_supervision(towns, make_user):
    """`towns`: the demo towns; `make_user(username)`: the demo's get-or-create of a login."""
    for town in towns:
        for village in town.villages.all():
            director_name, member_name = committee_usernames(village.name)
            director, member = make_user(director_name), make_user(member_name)
            if not committee_members(village).exists():  # a committee someone changed stays as it is
                set_committee(village, [member], director)
    county, _created = County.objects.get_or_create(slug=COUNTY["slug"], defaults={"name": COUNTY["name"]})
    for town in towns:
        CountyTown.objects.get_or_create(town=town, defaults={"county": county})
    county.supervisors.add(make_user(COUNTY_SUPERVISOR))
    return county


def supervision_logins(town_specs, password):
    lines = []
    for spec in town_specs:
        for village_name in spec["villages"]:
            director, member = committee_usernames(village_name)
            lines.append(f"  {director} / {password}  ({spec['slug']}: {village_name} {_('Village supervision committee director')})")
            lines.append(f"  {member} / {password}  ({spec['slug']}: {village_name} {_('Village supervision committee member')})")
    lines.append(f"  {COUNTY_SUPERVISOR} / {password}  ({COUNTY['name']}: {_('County discipline supervisor')})")
    return lines
