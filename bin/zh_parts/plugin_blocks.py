"""Chinese of the plugin_blocks area (merged into bin/zh_core.py)."""

ZH = {
}
