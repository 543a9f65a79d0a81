"""Who supervises what (issue 12): the village supervision committee (村务监督委员会), the town's discipline
supervisor and the county commission above the towns. For warnings, boards and read-only screens.

Part of the plugin API: plugins import these from `cunwu.plugins.api`, never from here."""


def supervised_villages(user, town):
    """The villages of `town` the user supervises: a committee member's own, every village for the town's
    discipline supervisor or administrator, and for a county supervisor every village of the county's towns."""
    from cunwu.counties.scope import supervised_villages as villages

    return villages(user, town)


def supervised_towns(user):
    """The towns a county supervisor reads (their county's), or the towns the user supervises otherwise."""
    from cunwu.counties.scope import supervised_towns as towns

    return towns(user)


def committee_directors(village):
    """The users who direct the village's supervision committee: whom an early warning on the village reaches."""
    from cunwu.counties.scope import committee_director

    return committee_director(village)


def committee_members(village):
    """Every member of the village's supervision committee, its director included."""
    from cunwu.counties.scope import committee_members as members

    return members(village)


def town_discipline_supervisors(town):
    """The town's discipline supervisors (镇纪委): the other recipient of an early warning."""
    from cunwu.counties.scope import town_discipline_supervisors as supervisors

    return supervisors(town)


def county_supervisors(town):
    """The supervisors of the county the town belongs to (none if it belongs to no county)."""
    from cunwu.counties.scope import county_supervisors as supervisors

    return supervisors(town)


def is_read_only_supervisor(user, town):
    """Does the user only read in `town` (a supervision committee member or a county supervisor)?"""
    from cunwu.counties.scope import is_read_only_supervisor as read_only

    return read_only(user, town)


def county_of(town):
    """The town's County (with .name), or None."""
    from cunwu.counties.scope import county_of as county

    return county(town)
