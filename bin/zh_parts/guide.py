"""Chinese of the guide area (merged into bin/zh_core.py)."""

ZH = {
}
