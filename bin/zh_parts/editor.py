"""Chinese of the editor area (merged into bin/zh_core.py)."""

ZH = {
}
