"""Chinese of the navigation area (merged into bin/zh_core.py)."""

ZH = {
}
