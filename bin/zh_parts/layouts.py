"""Chinese of the layouts area (merged into bin/zh_core.py)."""

ZH = {
}
