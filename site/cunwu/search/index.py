"""The town search index. (Being written: see the search work of issue 9.)"""


def reindex_plugin(town, label):
    return 0
