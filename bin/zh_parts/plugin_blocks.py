"""Chinese of the plugin_blocks area (merged into bin/zh_core.py): the pickers of plugin blocks (issue 16)."""

ZH = {
    "Choose": "选择", "Choose another": "另选", "Edit": "编辑", "Search": "搜索", "Search term": "搜索词",
    "Choose a village": "选择村", "Choose another village": "另选一个村",
}
