"""Chinese of the blocks area (merged into bin/zh_core.py)."""

ZH = {
}
