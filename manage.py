#!/usr/bin/env python
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# site/ holds the core packages; it is not itself a package (Python's own `site` module would shadow it).
for folder in ("site", "plugins"):
    if str(ROOT / folder) not in sys.path:
        sys.path.insert(0, str(ROOT / folder))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cunwu.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
