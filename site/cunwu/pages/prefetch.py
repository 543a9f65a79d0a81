"""Data for blocks, fetched once per page for all blocks of a kind, so queries do not grow with blocks.

A block opts in with `Meta.prefetch = "dotted.path"`: a callable(values, context) returning
{id(value): data}; the block's template finds its data as `prefetched`.
"""


def town_statistics(values, context):
    from cunwu.plugins.registry import statistics_for
    from cunwu.visits.counter import town_visits

    town = context.get("town")
    if town is None:
        return {}
    visits = town_visits(town) if any(value.get("show_visits") for value in values) else None
    figures = statistics_for(town) if any(value.get("show_plugin_figures") for value in values) else []
    return {id(value): {"visits": visits, "figures": figures} for value in values}
