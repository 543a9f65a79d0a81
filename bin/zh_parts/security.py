"""Chinese of the security area (merged into bin/zh_core.py)."""

ZH = {
}
